"""``to_json``: a receipt is converted field by field (it is on the sale's path); the JSON must be
exactly what ``dataclasses.asdict`` gives, for receipts with every feature, and it must read back."""

from __future__ import annotations

import json
from dataclasses import asdict, fields, replace

import pytest

from shared.printing.document import (
    Receipt,
    ReceiptCoupon,
    ReceiptLine,
    ReceiptPayment,
    from_json,
    to_json,
)
from tests.unit.printing.samples import sample_receipt, sample_z_report


def _asdict_json(doc) -> str:
    """What ``to_json`` wrote before it had its own conversion."""
    return json.dumps(asdict(doc), ensure_ascii=False, sort_keys=True)


def _receipts() -> list[Receipt]:
    base = sample_receipt()
    serial = ReceiptLine(
        name="扫地机器人 X1",
        quantity="1",
        unit="台",
        unit_price_fen=199_900,
        gross_fen=199_900,
        discount_fen=10_000,
        serial_no="SN-2026-000123",
    )
    two_keys = ReceiptLine(
        name="游戏点卡 50元",
        quantity="2",
        unit="张",
        unit_price_fen=5_000,
        gross_fen=10_000,
        card_keys=("AAAA-BBBB-CCCC-DDDD", 'quote"and\\backslash\u2028'),
    )
    coupons = (
        ReceiptCoupon("满100减20", "ABCD-****-****-XY", 2_000),
        ReceiptCoupon("兑换券 可乐", "EFGH-****-****-ZZ", 350),
    )
    return [
        base,
        # discounts, coupons, card keys, serials, a member, every payment field
        replace(
            base,
            lines=(*base.lines, serial, two_keys),
            coupons=coupons,
            member="138****5678",
            header="会员日 全场九五折",
            discount_fen=base.discount_fen + 10_000 + 2_350,
            payments=(
                *base.payments,
                ReceiptPayment("card", 1_000, reference="T-0001"),
                ReceiptPayment("balance", 500, reference="req-1"),
                ReceiptPayment("points", 100),
            ),
        ),
        # a reprint of it, with the card-key QR off and another language
        replace(base, reprint=True, card_key_qr=False, language="en_US"),
        # a refund slip
        replace(
            base,
            receipt_no="R0012-T03-20261122-000004",
            is_refund=True,
            original_receipt_no=base.receipt_no,
            lines=(replace(base.lines[0], discount_fen=0),),
            payments=(ReceiptPayment("cash", 700),),
            coupons=(),
        ),
        # empty texts and tuples, zero amounts
        replace(
            base,
            lines=(),
            payments=(),
            store_address="",
            store_phone="",
            footer="",
            subtotal_fen=0,
            discount_fen=0,
            total_fen=0,
            paid_fen=0,
            change_fen=0,
        ),
    ]


@pytest.mark.parametrize("receipt", _receipts(), ids=lambda r: r.receipt_no + str(len(r.lines)))
def test_a_receipt_is_written_exactly_as_asdict_wrote_it(receipt):
    text = to_json(receipt)
    assert text == _asdict_json(receipt)
    assert from_json(text) == receipt


def test_the_features_are_all_in_the_samples():
    rich = _receipts()[1]
    assert rich.coupons and rich.member and rich.header
    assert any(ln.serial_no for ln in rich.lines)
    assert any(len(ln.card_keys) > 1 for ln in rich.lines)
    assert any(ln.discount_fen for ln in rich.lines)
    assert any(p.reference for p in rich.payments)
    assert any(p.change_fen for p in rich.payments)
    assert any(r.is_refund and r.original_receipt_no for r in _receipts())


def test_every_field_of_the_receipt_documents_is_written():
    """A field added to a receipt document is written too (the conversion reads the fields)."""
    data = json.loads(to_json(_receipts()[1]))
    assert set(data) == {f.name for f in fields(Receipt)}
    assert set(data["lines"][0]) == {f.name for f in fields(ReceiptLine)}
    assert set(data["payments"][0]) == {f.name for f in fields(ReceiptPayment)}
    assert set(data["coupons"][0]) == {f.name for f in fields(ReceiptCoupon)}


def test_a_shift_report_is_still_written_by_asdict():
    report = sample_z_report(denominations={"10000": 3, "50": 1})
    assert to_json(report) == _asdict_json(report)
    assert from_json(to_json(report)) == report
