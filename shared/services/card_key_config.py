"""Where the card-key encryption keys come from, and the start-up check (SPEC §7, §14).

The keyring is configuration, never data: ``STOREDESK_CARD_KEYS`` (``VERSION:BASE64`` entries,
comma-separated), else the file named by ``STOREDESK_CARD_KEYS_FILE``, else ``card-keys.conf`` in
the data directory (``storedesk demo`` writes one, mode 0600, for the demo). The database holds
only a check token per key version (``card_key_check``), so a wrong key is refused with a clear
error before anything is decrypted or written.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import select

from shared.db.models import CardKey, CardKeyCheck
from shared.db.uow import UnitOfWork
from shared.domain.card_key_crypto import CardKeyCryptoError, Keyring

ENV_KEYS = "STOREDESK_CARD_KEYS"
ENV_FILE = "STOREDESK_CARD_KEYS_FILE"
FILE_NAME = "card-keys.conf"


def keyring_source(data_dir: Path | str | None, environ: Mapping[str, str] | None = None) -> str:
    """Where the keyring would be read from (for messages): the variable or the file."""
    env = os.environ if environ is None else environ
    if env.get(ENV_KEYS):
        return ENV_KEYS
    if env.get(ENV_FILE):
        return env[ENV_FILE]
    return str(Path(data_dir) / FILE_NAME) if data_dir else FILE_NAME


def load_keyring(
    data_dir: Path | str | None, environ: Mapping[str, str] | None = None
) -> Keyring | None:
    """The configured keyring, or None when none is configured. A configured but malformed one
    is an error (``CardKeyCryptoError``), never silently ignored."""
    env = os.environ if environ is None else environ
    if env.get(ENV_KEYS):
        return Keyring.parse(env[ENV_KEYS])
    path: Path | None = None
    if env.get(ENV_FILE):
        path = Path(env[ENV_FILE])
        if not path.is_file():
            raise CardKeyCryptoError(
                f"{ENV_FILE} names {path}, which is not a file", code="card_key_no_key"
            )
    elif data_dir is not None and (Path(data_dir) / FILE_NAME).is_file():
        path = Path(data_dir) / FILE_NAME
    if path is None:
        return None
    return Keyring.parse(path.read_text(encoding="utf-8"))


def require_keyring(keyring: Keyring | None) -> Keyring:
    if keyring is None:
        raise CardKeyCryptoError(
            "card keys need the encryption key, and none is configured: put the line that "
            "'storedesk cardkeys keygen' prints into STOREDESK_CARD_KEYS, into the file "
            "STOREDESK_CARD_KEYS_FILE names, or into card-keys.conf in the data directory",
            code="card_key_no_key",
        )
    return keyring


def write_demo_keyring(data_dir: Path | str) -> Path:
    """A fresh key file in the data directory (mode 0600) unless one is there."""
    path = Path(data_dir) / FILE_NAME
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("# StoreDesk card-key encryption keys: VERSION:BASE64, the highest encrypts\n")
            fh.write(Keyring.new_entry(1) + "\n")
    return path


def check_keyring(uow: UnitOfWork, keyring: Keyring) -> None:
    """At start-up, in the caller's write transaction: every key version the pool was ever
    encrypted with must be the configured one (``card_key_wrong_key`` otherwise, nothing
    written), and a version the pool still holds keys under must be configured
    (``card_key_missing_version``); the current version gets its check token the first time it
    is used."""
    rows = {
        v: bytes(t)
        for v, t in uow.session.execute(select(CardKeyCheck.version, CardKeyCheck.check))
    }
    for version, token in rows.items():
        if version in keyring.keys:
            keyring.verify_check(version, token)
    _require_used_versions(uow, keyring, rows)
    if keyring.current not in rows:
        uow.session.add(
            CardKeyCheck(
                version=keyring.current,
                check=keyring.check_token(keyring.current),
                created_at=uow.clock.now(),
            )
        )
        uow.session.flush()


def verify_keyring(uow: UnitOfWork, keyring: Keyring) -> None:
    """The read-only half of ``check_keyring`` (a reader's transaction)."""
    rows = {
        v: bytes(t)
        for v, t in uow.session.execute(select(CardKeyCheck.version, CardKeyCheck.check))
    }
    for version, token in rows.items():
        if version in keyring.keys:
            keyring.verify_check(version, token)
    _require_used_versions(uow, keyring, rows)


def _require_used_versions(uow: UnitOfWork, keyring: Keyring, recorded: dict[int, bytes]) -> None:
    """A version left out of the configuration while keys are still sealed under it would make
    them unreadable and let duplicates of them in (their fingerprints are under that version):
    refused until it is configured again or a rotation has re-encrypted them."""
    for version in sorted(set(recorded) - set(keyring.keys)):
        used = uow.session.scalar(select(CardKey.id).where(CardKey.key_version == version).limit(1))
        if used is not None:
            raise CardKeyCryptoError(
                f"card keys in the pool are encrypted with key version {version}, which is not "
                "configured: configure it again beside the newer one until 'storedesk cardkeys "
                "rotate' has re-encrypted them; nothing was decrypted or changed",
                code="card_key_missing_version",
                version=version,
            )
