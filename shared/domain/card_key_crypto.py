"""Card keys encrypted at rest (SPEC §7): AES-256-GCM under a key from configuration.

A **keyring** holds one or more 32-byte keys by version; the highest version encrypts, every
version decrypts (so a rotation can re-encrypt the pool batch by batch). It is read from
configuration — ``STOREDESK_CARD_KEYS`` or a key file, one ``VERSION:BASE64`` per line or comma
— never from the database.

- ``seal(text, row_id)`` → nonce (12 random bytes) + ciphertext + tag, with the row id as
  associated data: a ciphertext copied onto another row does not decrypt.
- ``fingerprint(text)`` → HMAC-SHA256 (hex) under a key derived from the encryption key with
  HKDF: duplicates are found with an index, without decrypting the pool.
- ``check_token(version)`` / ``verify_check``: a known text sealed under each version, stored
  centrally, so a wrong key is refused at start-up before anything is decrypted or written.

Key texts are normalised before fingerprinting and sealing: surrounding whitespace dropped, a
``card_no,password`` pair kept as ``card_no,password`` with each side stripped.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from shared.domain.errors import DomainError, ValidationError

NONCE = 12
KEY_BYTES = 32
_CHECK_TEXT = b"storedesk card-key check v1"
_ENTRY = re.compile(r"^\s*(\d{1,6})\s*:\s*([A-Za-z0-9+/=_-]+)\s*$")


class CardKeyCryptoError(DomainError):
    """The configured encryption key is missing, malformed, or not the one the pool was
    encrypted with."""

    code = "card_key_crypto"


@dataclass(frozen=True)
class Keyring:
    keys: dict[int, bytes]
    # one AES-GCM object per version, made on first use (an import seals a million keys)
    _aeads: dict[int, AESGCM] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.keys:
            raise CardKeyCryptoError(
                "no card-key encryption key is configured (STOREDESK_CARD_KEYS or a key file)",
                code="card_key_no_key",
            )
        for version, key in self.keys.items():
            if len(key) != KEY_BYTES or version < 1:
                raise CardKeyCryptoError(
                    f"card-key encryption key version {version} is not a 32-byte key",
                    code="card_key_bad_key",
                )

    @property
    def current(self) -> int:
        return max(self.keys)

    @classmethod
    def parse(cls, text: str) -> Keyring:
        """``VERSION:BASE64`` entries separated by newlines or commas; ``#`` comments."""
        keys: dict[int, bytes] = {}
        entries = [
            part.strip()
            for line in (text or "").splitlines()
            for part in line.split("#", 1)[0].split(",")
        ]
        for entry in entries:
            if not entry:
                continue
            m = _ENTRY.match(entry)
            if not m:
                raise CardKeyCryptoError(
                    "a card-key encryption key entry is not VERSION:BASE64",
                    code="card_key_bad_key",
                )
            version = int(m.group(1))
            try:
                key = base64.urlsafe_b64decode(m.group(2).replace("+", "-").replace("/", "_"))
            except (binascii.Error, ValueError) as exc:
                raise CardKeyCryptoError(
                    f"card-key encryption key version {version} is not base64",
                    code="card_key_bad_key",
                ) from exc
            if version in keys:
                raise CardKeyCryptoError(
                    f"card-key encryption key version {version} is given twice",
                    code="card_key_bad_key",
                )
            keys[version] = key
        return cls(keys)

    @staticmethod
    def new_entry(version: int) -> str:
        """A fresh random key as a configuration line."""
        return f"{version}:{base64.urlsafe_b64encode(os.urandom(KEY_BYTES)).decode()}"

    # -- sealing ---------------------------------------------------------------------------------
    def _aead(self, version: int) -> AESGCM:
        aead = self._aeads.get(version)
        if aead is not None:
            return aead
        key = self.keys.get(version)
        if key is None:
            raise CardKeyCryptoError(
                f"card-key encryption key version {version} is not configured",
                code="card_key_missing_version",
                version=version,
            )
        aead = self._aeads[version] = AESGCM(key)
        return aead

    def seal(self, text: str, row_id: str, version: int | None = None) -> tuple[bytes, int]:
        version = self.current if version is None else version
        nonce = os.urandom(NONCE)
        sealed = self._aead(version).encrypt(nonce, text.encode("utf-8"), row_id.encode())
        return nonce + sealed, version

    def sealer(self) -> Callable[[str, str], bytes]:
        """``seal`` under the current version as one function (text, row id) → secret, for
        sealing many keys in a row."""
        encrypt, urandom = self._aead(self.current).encrypt, os.urandom

        def seal(text: str, row_id: str) -> bytes:
            nonce = urandom(NONCE)
            return nonce + encrypt(nonce, text.encode("utf-8"), row_id.encode())

        return seal

    def open(self, secret: bytes, row_id: str, version: int) -> str:
        try:
            plain = self._aead(version).decrypt(
                bytes(secret[:NONCE]), bytes(secret[NONCE:]), row_id.encode()
            )
        except InvalidTag as exc:
            raise CardKeyCryptoError(
                "a card key does not decrypt: wrong encryption key, or the row was altered",
                code="card_key_tampered",
                key_id=row_id,
            ) from exc
        return plain.decode("utf-8")

    # -- duplicates --------------------------------------------------------------------------------
    def _fingerprint_key(self, version: int) -> bytes:
        key = self.keys.get(version)
        if key is None:
            raise CardKeyCryptoError(
                f"card-key encryption key version {version} is not configured",
                code="card_key_missing_version",
                version=version,
            )
        return HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"storedesk card-key fp"
        ).derive(key)

    def fingerprinter(self, version: int | None = None):
        """A function text → fingerprint (hex) under ``version`` (default: current)."""
        keyed = hmac.new(
            self._fingerprint_key(self.current if version is None else version),
            digestmod=hashlib.sha256,
        )

        def fingerprint(text: str) -> str:
            mac = keyed.copy()  # the keyed state is computed once, not per text
            mac.update(text.encode("utf-8"))
            return mac.hexdigest()

        return fingerprint

    # -- the start-up check ----------------------------------------------------------------------
    def check_token(self, version: int) -> bytes:
        return self.seal(_CHECK_TEXT.decode(), f"check-{version}", version)[0]

    def verify_check(self, version: int, token: bytes) -> None:
        """Raise ``card_key_wrong_key`` unless ``token`` was sealed by our key ``version``."""
        try:
            ok = self.open(token, f"check-{version}", version) == _CHECK_TEXT.decode()
        except CardKeyCryptoError as exc:
            if exc.code == "card_key_missing_version":
                raise
            ok = False
        if not ok:
            raise CardKeyCryptoError(
                f"the configured card-key encryption key version {version} is not the one the "
                "card keys were encrypted with: nothing was decrypted or changed",
                code="card_key_wrong_key",
                version=version,
            )


# ---- the text of a key -----------------------------------------------------------------------


def normalise(line: str) -> str:
    """A line of an import file as the key's text; raises ``ValidationError`` when it is not one.

    ``card_no`` alone, or ``card_no,password`` (a comma or a Chinese comma, each side stripped).
    """
    text = line.strip().replace("，", ",")
    if not text:
        raise ValidationError("empty line", code="key_empty")
    if len(text) > 512:
        raise ValidationError("longer than 512 characters", code="key_too_long")
    if not text.isprintable():
        raise ValidationError("contains control characters", code="key_unprintable")
    if "," in text:
        card_no, _, password = (part.strip() for part in text.partition(","))
        if not card_no:
            raise ValidationError("card number missing before the comma", code="key_no_card")
        if not password:
            raise ValidationError(
                "password missing after the comma (card_no,password)", code="key_no_password"
            )
        if "," in password:
            raise ValidationError("more than one comma", code="key_commas")
        return f"{card_no},{password}"
    return text


def card_number(text: str) -> str:
    return text.partition(",")[0]


def hint(text: str) -> str:
    """The last four characters of the card number (shown as ``****1234``)."""
    return card_number(text)[-4:]


def masked(hint_text: str) -> str:
    return f"****{hint_text}" if hint_text else "****"
