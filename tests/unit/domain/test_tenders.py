import pytest

from shared.domain.errors import ValidationError
from shared.domain.tenders import Tender, settle


def test_cash_change():
    s = settle(1850, [Tender("cash", 2000)])
    assert (s.paid_fen, s.change_fen) == (1850, 150)
    assert s.tenders[0].tendered_fen == 2000
    assert s.tenders[0].amount_fen == 1850


def test_mixed_card_then_cash():
    s = settle(3694, [Tender("card", 500), Tender("cash", 5000)])
    assert [t.amount_fen for t in s.tenders] == [500, 3194]
    assert s.change_fen == 1806


def test_tender_below_total_refused():
    with pytest.raises(ValidationError) as err:
        settle(1000, [Tender("cash", 999)])
    assert err.value.code == "tender_below_total"


def test_card_never_charged_above_due():
    with pytest.raises(ValidationError) as err:
        settle(1000, [Tender("card", 1001)])
    assert err.value.code == "non_cash_overpay"


def test_payment_after_paid_refused():
    with pytest.raises(ValidationError) as err:
        settle(1000, [Tender("card", 1000), Tender("cash", 100)])
    assert err.value.code == "payment_not_needed"


def test_cash_with_change_must_be_last():
    with pytest.raises(ValidationError):
        settle(1000, [Tender("cash", 2000), Tender("card", 100)])


@pytest.mark.parametrize("args", [("bitcoin", 100), ("cash", 0), ("cash", -1), ("card", 10**12)])
def test_bad_tenders(args):
    with pytest.raises(ValidationError):
        Tender(*args)


def test_no_payment():
    with pytest.raises(ValidationError):
        settle(100, [])
    assert settle(0, []).paid_fen == 0
