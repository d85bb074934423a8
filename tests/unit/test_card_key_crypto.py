"""Card keys sealed at rest (SPEC §7, ``shared.domain.card_key_crypto``): AES-256-GCM bound to the
row id, HMAC fingerprints per key version, the start-up check token, the keyring's
configuration format, and how a line of an import file becomes a key's text."""

from __future__ import annotations

import base64
import os

import pytest

from shared.domain.card_key_crypto import (
    KEY_BYTES,
    NONCE,
    CardKeyCryptoError,
    Keyring,
    hint,
    masked,
    normalise,
)
from shared.domain.errors import ValidationError

ROW = "0192f3a4-5b6c-7d8e-9f00-112233445566"
OTHER_ROW = "0192f3a4-5b6c-7d8e-9f00-112233445567"


def ring(*versions: int) -> Keyring:
    return Keyring({v: os.urandom(KEY_BYTES) for v in versions or (1,)})


def entry(version: int, key: bytes) -> str:
    return f"{version}:{base64.urlsafe_b64encode(key).decode()}"


# -- sealing -------------------------------------------------------------------------------------


def test_seal_and_open_round_trip_under_the_current_version():
    r = ring(1, 3, 2)
    secret, version = r.seal("ABCD-1234-EFGH,88776655", ROW)
    assert version == 3 == r.current
    assert r.open(secret, ROW, version) == "ABCD-1234-EFGH,88776655"
    # a random nonce each time: the same text never seals to the same bytes
    again, _ = r.seal("ABCD-1234-EFGH,88776655", ROW)
    assert again != secret and again[:NONCE] != secret[:NONCE]
    assert b"ABCD" not in secret and len(secret) == NONCE + len("ABCD-1234-EFGH,88776655") + 16
    # an older version still opens what it sealed
    old, v1 = r.seal("卡密一号", ROW, 1)
    assert v1 == 1 and r.open(old, ROW, 1) == "卡密一号"


def test_the_sealer_seals_many_keys_under_the_current_version():
    r = ring(1, 2)
    seal = r.sealer()
    secrets = [seal(f"KEY-{i:04d}", f"row-{i}") for i in range(50)]
    assert len({s[:NONCE] for s in secrets}) == 50  # a fresh nonce per key
    assert [r.open(s, f"row-{i}", 2) for i, s in enumerate(secrets)] == [
        f"KEY-{i:04d}" for i in range(50)
    ]
    with pytest.raises(CardKeyCryptoError):
        r.open(secrets[0], "row-0", 1)


def test_a_ciphertext_is_bound_to_its_row_id():
    r = ring()
    secret, version = r.seal("KEY-0001", ROW)
    with pytest.raises(CardKeyCryptoError) as refused:
        r.open(secret, OTHER_ROW, version)
    assert refused.value.code == "card_key_tampered"
    assert refused.value.details["key_id"] == OTHER_ROW
    assert "KEY-0001" not in str(refused.value)


@pytest.mark.parametrize("where", [0, NONCE, NONCE + 3, -1])
def test_a_tampered_byte_does_not_open(where):
    r = ring()
    secret, version = r.seal("KEY-0002", ROW)
    bad = bytearray(secret)
    bad[where] ^= 0x01
    with pytest.raises(CardKeyCryptoError) as refused:
        r.open(bytes(bad), ROW, version)
    assert refused.value.code == "card_key_tampered"


def test_the_wrong_key_fails_with_card_key_tampered_and_a_missing_version_says_so():
    secret, version = ring().seal("KEY-0003", ROW)
    with pytest.raises(CardKeyCryptoError) as wrong:
        ring().open(secret, ROW, version)  # another key under the same version
    assert wrong.value.code == "card_key_tampered"
    with pytest.raises(CardKeyCryptoError) as missing:
        ring(2).open(secret, ROW, version)
    assert missing.value.code == "card_key_missing_version"
    assert missing.value.details["version"] == 1


def test_the_check_token_tells_the_right_key_from_a_wrong_one():
    r = ring(1, 2)
    token = r.check_token(1)
    r.verify_check(1, token)
    with pytest.raises(CardKeyCryptoError) as wrong:
        ring(1).verify_check(1, token)
    assert wrong.value.code == "card_key_wrong_key"
    assert "nothing was decrypted or changed" in str(wrong.value)
    with pytest.raises(CardKeyCryptoError) as other_version:
        r.verify_check(2, token)  # a token of version 1 is not one of version 2
    assert other_version.value.code == "card_key_wrong_key"
    with pytest.raises(CardKeyCryptoError) as missing:
        ring(2).verify_check(1, token)
    assert missing.value.code == "card_key_missing_version"


# -- fingerprints --------------------------------------------------------------------------------


def test_fingerprints_are_stable_per_key_version_and_differ_between_versions():
    r = ring(1, 2)
    fp1, fp2 = r.fingerprinter(1), r.fingerprinter(2)
    assert fp1("KEY-0004") == fp1("KEY-0004")
    assert len(fp1("KEY-0004")) == 64 and int(fp1("KEY-0004"), 16) >= 0
    assert fp1("KEY-0004") != fp2("KEY-0004")
    assert fp1("KEY-0004") != fp1("KEY-0005")
    assert r.fingerprinter()("KEY-0004") == fp2("KEY-0004")  # the default: current
    # the same configured key gives the same fingerprints in another process (a new Keyring)
    again = Keyring(dict(r.keys))
    assert again.fingerprinter(1)("KEY-0004") == fp1("KEY-0004")
    # and is not the plain HMAC of the text under the encryption key itself
    import hashlib
    import hmac

    plain = hmac.new(r.keys[1], b"KEY-0004", hashlib.sha256).hexdigest()
    assert fp1("KEY-0004") != plain
    with pytest.raises(CardKeyCryptoError) as missing:
        r.fingerprinter(7)
    assert missing.value.code == "card_key_missing_version"


# -- configuration -------------------------------------------------------------------------------


def test_keyring_parse_accepts_lines_commas_comments_and_both_base64_alphabets():
    k1, k2 = os.urandom(32), os.urandom(32)
    std = f"2:{base64.b64encode(k2).decode()}"
    text = f"# StoreDesk card keys\n{entry(1, k1)}  # the first\n\n  {std} \n"
    parsed = Keyring.parse(text)
    assert parsed.keys == {1: k1, 2: k2} and parsed.current == 2
    assert Keyring.parse(f"{entry(1, k1)},{std}").keys == {1: k1, 2: k2}
    new = Keyring.parse(Keyring.new_entry(5))
    assert list(new.keys) == [5] and len(new.keys[5]) == KEY_BYTES
    assert Keyring.new_entry(5) != Keyring.new_entry(5)


@pytest.mark.parametrize(
    "text, code",
    [
        ("", "card_key_no_key"),
        ("# only a comment\n", "card_key_no_key"),
        ("not a key", "card_key_bad_key"),
        ("1 = abc", "card_key_bad_key"),
        ("x:" + base64.urlsafe_b64encode(b"k" * 32).decode(), "card_key_bad_key"),
        ("1:" + base64.urlsafe_b64encode(b"short").decode(), "card_key_bad_key"),
        ("1:" + base64.urlsafe_b64encode(b"k" * 33).decode(), "card_key_bad_key"),
        ("0:" + base64.urlsafe_b64encode(b"k" * 32).decode(), "card_key_bad_key"),
        ("1:abc", "card_key_bad_key"),  # not whole base64
        (
            "1:{k},1:{k}".format(k=base64.urlsafe_b64encode(b"k" * 32).decode()),
            "card_key_bad_key",
        ),
    ],
)
def test_keyring_parse_errors_are_clear_and_never_quote_the_key(text, code):
    with pytest.raises(CardKeyCryptoError) as refused:
        Keyring.parse(text)
    assert refused.value.code == code
    secret = text.partition(":")[2][:20]
    if len(secret) > 8:
        assert secret not in str(refused.value)


def test_a_keyring_needs_32_byte_keys_and_at_least_one():
    with pytest.raises(CardKeyCryptoError) as none:
        Keyring({})
    assert none.value.code == "card_key_no_key"
    with pytest.raises(CardKeyCryptoError) as short:
        Keyring({1: b"x" * 16})
    assert short.value.code == "card_key_bad_key"


# -- the text of a key ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, text",
    [
        ("ABCD1234", "ABCD1234"),
        ("  ABCD1234 \t", "ABCD1234"),
        ("ABCD1234\r", "ABCD1234"),
        ("CARD001,PASS001", "CARD001,PASS001"),
        (" CARD001 ,  PASS001 ", "CARD001,PASS001"),
        ("CARD001，PASS001", "CARD001,PASS001"),  # a Chinese comma
        ("卡号甲001", "卡号甲001"),
        ("A" * 512, "A" * 512),
    ],
)
def test_normalise_keeps_the_key(line, text):
    assert normalise(line) == text


@pytest.mark.parametrize(
    "line, code",
    [
        ("", "key_empty"),
        ("   \t", "key_empty"),
        ("A" * 513, "key_too_long"),
        ("CARD001,", "key_no_password"),
        ("CARD001 ,  ", "key_no_password"),
        (",PASS001", "key_no_card"),
        ("CARD001,PASS,MORE", "key_commas"),
        ("CARD\x00001", "key_unprintable"),
        ("CARD\x1b[0m", "key_unprintable"),
    ],
)
def test_normalise_refuses_what_is_not_a_key(line, code):
    with pytest.raises(ValidationError) as refused:
        normalise(line)
    assert refused.value.code == code


def test_hint_and_mask_show_the_last_four_characters_of_the_card_number():
    assert hint("ABCD-1234-5678,99887766") == "5678"
    assert masked(hint("ABCD-1234-5678,99887766")) == "****5678"
    assert hint("XY") == "XY" and masked("") == "****"
