"""The card-key area's (卡密库) door to the services, and the encryption key it works with.

``card_key_setup`` is what the composition root runs once at start: it reads the keyring from
configuration (``services.card_key_config.load_keyring``: ``STOREDESK_CARD_KEYS``,
``STOREDESK_CARD_KEYS_FILE`` or ``card-keys.conf`` in the data dir) and checks it against the
central database (``check_keyring``). The result, a ``CardKeySetup``, says whether the area can
work: with a keyring that passed the check; with none configured (the area says how to configure
one); or with the refusal (a wrong key, a malformed configuration, a version the pool still
needs): the area shows it and decrypts and writes nothing.

``CardKeyBackend``'s methods are plain functions of plain data, each opening its own unit of
work on the central database, run on the operation runner's workers (never on the GUI thread).
Every one refuses with the setup's error when the keyring is not usable, so nothing reaches the
pool without a checked key. Kept apart from ``backoffice.backend`` like ``stock_ops_backend``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from shared.db.uow import Database
from shared.domain.card_key_crypto import CardKeyCryptoError, Keyring
from shared.domain.errors import Conflict, DomainError
from shared.services import card_keys
from shared.services.auth import Actor
from shared.services.card_key_config import (
    FILE_NAME,
    check_keyring,
    keyring_source,
    load_keyring,
    require_keyring,
)
from shared.services.card_keys import ImportReport, KeyRow, PoolSummary

# the key states a list can be filtered by
STATES = ("available", "reserved", "sold", "void")


@dataclass(frozen=True)
class CardKeySetup:
    """The encryption key as the back office found it at start.

    ``keyring``: set when it passed the check (the area works). Otherwise ``error`` says why
    (None: no key is configured at all). ``source``: the variable or file it is (or would be)
    read from; ``conf_path``: the data dir's key file, for the instructions."""

    keyring: Keyring | None
    error: DomainError | None = None
    source: str = ""
    conf_path: str = FILE_NAME

    @property
    def usable(self) -> bool:
        return self.keyring is not None

    @property
    def configured(self) -> bool:
        return self.keyring is not None or self.error is not None


def card_key_setup(
    db: Database,
    data_dir: Path | str | None,
    *,
    environ: Mapping[str, str] | None = None,
    keyring: Keyring | None = None,
) -> CardKeySetup:
    """Load the keyring once (or take ``keyring``, for tests) and run the start-up check in its
    own write transaction (the current version's check token is stored the first time)."""
    source = keyring_source(data_dir, environ)
    conf = str(Path(data_dir) / FILE_NAME) if data_dir else FILE_NAME
    if keyring is None:
        try:
            keyring = load_keyring(data_dir, environ)
        except CardKeyCryptoError as exc:
            return CardKeySetup(None, exc, source, conf)
    if keyring is None:
        return CardKeySetup(None, None, source, conf)
    try:
        with db.uow() as uow:
            check_keyring(uow, keyring)
            uow.commit()
    except CardKeyCryptoError as exc:
        return CardKeySetup(None, exc, source, conf)
    return CardKeySetup(keyring, None, source, conf)


@dataclass(frozen=True)
class KeyPage:
    """A page of a pool's keys, as the paged table model wants it."""

    rows: list[KeyRow]
    total: int


class CardKeyBackend:
    def __init__(self, db: Database, setup: CardKeySetup) -> None:
        self.db = db
        self.setup = setup

    def _keyring(self) -> Keyring:
        if self.setup.error is not None:
            raise self.setup.error
        return require_keyring(self.setup.keyring)

    # -- reads ----------------------------------------------------------------------------------
    def pools(self, actor: Actor) -> list[PoolSummary]:
        self._keyring()
        with self.db.reader() as uow:
            return card_keys.pools(uow, actor)

    def key_page(
        self, actor: Actor, product_code: str, state: str | None, offset: int, limit: int
    ) -> KeyPage:
        self._keyring()
        with self.db.reader() as uow:
            rows, total = card_keys.list_keys(
                uow, actor, product_code, state=state, offset=offset, limit=limit
            )
        return KeyPage(rows, total)

    # -- writes ---------------------------------------------------------------------------------
    def import_file(
        self,
        actor: Actor,
        product_code: str,
        path: Path,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportReport | None:
        """One file into the pool (worker thread); None when cancelled (nothing added). A file
        that is empty or too large is refused before it is read."""
        keyring = self._keyring()
        data = card_keys.read_file(path)
        with self.db.uow() as uow:
            try:
                return card_keys.import_keys(
                    uow,
                    actor,
                    keyring,
                    product_code,
                    data,
                    file_name=path.name,
                    progress=progress,
                    cancelled=cancelled,
                )
            except Conflict as exc:
                if exc.code == card_keys.CANCELLED:
                    return None
                raise

    def generate(
        self, actor: Actor, product_code: str, count: int, length: int, with_password: bool
    ) -> ImportReport:
        keyring = self._keyring()
        with self.db.uow() as uow:
            return card_keys.generate_keys(
                uow,
                actor,
                keyring,
                product_code,
                count,
                length=length,
                with_password=with_password,
            )

    def set_stock(self, actor: Actor, product_code: str, setting: int | None) -> None:
        self._keyring()
        with self.db.uow() as uow:
            card_keys.set_stock(uow, actor, product_code, setting)

    def void(self, actor: Actor, key_id: str, reason: str) -> None:
        self._keyring()
        with self.db.uow() as uow:
            card_keys.void_key(uow, actor, key_id, reason)

    def delete(self, actor: Actor, key_id: str) -> None:
        self._keyring()
        with self.db.uow() as uow:
            card_keys.delete_key(uow, actor, key_id)

    def reveal(self, actor: Actor, key_id: str, purpose: str) -> str:
        """The key in clear (``purpose``: reveal or copy), audited by the service."""
        keyring = self._keyring()
        with self.db.uow() as uow:
            return card_keys.reveal(uow, actor, keyring, key_id, purpose=purpose)
