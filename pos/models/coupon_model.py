"""The coupons applied to the sale, under its lines: name, code, rule, amount off."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from shared.domain.cart import CartTotals
from shared.domain.coupons import CouponRule
from shared.qt.money import fmt_fen
from shared.qt.table_model import RIGHT, Column, RowTableModel
from shared.services.receipts import masked_code

DISCOUNT_COLOUR = "#c62828"


@dataclass(frozen=True)
class CouponRow:
    code: str
    name: str
    rule: str
    amount_fen: int


def rule_text(rule: CouponRule, item: str = "") -> str:
    """What the coupon does, in the interface language: 满50减10, 8折 (at most 20), free item."""
    if rule.type == "threshold":
        return QCoreApplication.translate(
            "CouponTableModel", "{amount} off from {threshold}"
        ).format(amount=fmt_fen(rule.amount_off_fen), threshold=fmt_fen(rule.threshold_fen))
    if rule.type == "discount":
        text = QCoreApplication.translate(
            "CouponTableModel", "{percent}% off", "{zhe}: the 折 figure, 8 for 20% off"
        ).format(percent=f"{rule.off_bp / 100:g}", zhe=f"{(10_000 - rule.off_bp) / 1000:g}")
        if rule.cap_fen:
            text += QCoreApplication.translate("CouponTableModel", ", at most {cap}").format(
                cap=fmt_fen(rule.cap_fen)
            )
        return text
    if item:
        return QCoreApplication.translate("CouponTableModel", "One {item} free").format(item=item)
    return QCoreApplication.translate("CouponTableModel", "One item free")


def coupon_rows(totals: CartTotals) -> list[CouponRow]:
    names = {p.line.sku_id: p.line.name for p in totals.lines}
    return [
        CouponRow(
            ct.coupon.code,
            ct.coupon.rule.name,
            rule_text(ct.coupon.rule, names.get(ct.coupon.rule.exchange_sku_id or "", "")),
            ct.amount_fen,
        )
        for ct in totals.coupons
    ]


class CouponTableModel(RowTableModel[CouponRow]):
    NAME, CODE, RULE, AMOUNT = 0, 1, 2, 3

    def __init__(self, parent=None) -> None:
        super().__init__(
            [
                Column(QCoreApplication.translate("CouponTableModel", "Coupon"), lambda r: r.name),
                Column(
                    QCoreApplication.translate("CouponTableModel", "Code"),
                    lambda r: masked_code(r.code),
                ),
                Column(QCoreApplication.translate("CouponTableModel", "Rule"), lambda r: r.rule),
                Column(
                    QCoreApplication.translate("CouponTableModel", "Amount off"),
                    lambda r: -r.amount_fen,
                    align=RIGHT,
                    fmt=fmt_fen,
                    color=lambda r: DISCOUNT_COLOUR,
                ),
            ],
            parent,
        )

    def set_totals(self, totals: CartTotals) -> None:
        self.set_rows(coupon_rows(totals))

    def code_at(self, row: int) -> str | None:
        r = self.row_at(row)
        return r.code if r else None

    def row_of(self, code: str) -> int:
        for i, r in enumerate(self.rows()):
            if r.code == code:
                return i
        return -1
