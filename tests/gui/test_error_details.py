"""Refusals read their values from the error's details, in the interface language."""

from __future__ import annotations

import pytest

from shared.domain.errors import AccountLocked, AuthenticationFailed, ValidationError
from shared.qt.errors import describe
from shared.qt.i18n import install_translator


@pytest.fixture
def chinese(qapp):
    install_translator(qapp, "zh_CN")
    yield
    install_translator(qapp, "zh_CN")


def test_values_come_from_details_not_from_the_english_text(chinese):
    # the English text says something else on purpose: the details must win
    exc = ValidationError(
        "cannot refund more 'x' than was sold: 9 left to refund",
        code="refund_exceeds_sold",
        name="可乐",
        left_milli=2000,
    )
    text = describe(exc)
    assert "可乐" in text and "2" in text and "9" not in text
    assert "3" in describe(AuthenticationFailed("wrong", code="bad_credentials", attempts_left=3))
    assert "15" in describe(AccountLocked("locked", code="account_locked", minutes=15))
    short = describe(ValidationError("short", code="tender_below_total", short_fen=1250))
    assert "12.50" in short


def test_english_when_asked(qapp):
    install_translator(qapp, "en")
    try:
        text = describe(ValidationError("x", code="card_key_not_refundable", name="Game card"))
        assert text == "Game card is a card key: card keys are never refundable"
    finally:
        install_translator(qapp, "zh_CN")
