"""Device-neutral documents: what a receipt or a shift report says, not how it looks.

Services build these from committed records; renderers turn them into ESC/POS bytes or a PDF, and
the Qt layer previews them. They are plain data and round-trip through JSON, so the persistent
print queue can store exactly the document it will print (and reprint).

Money is integer fen. Text is already in the receipt's language (``language``); the renderers add
only their fixed labels, taken from ``labels.py`` for that language.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields


@dataclass(frozen=True)
class ReceiptLine:
    name: str
    #: quantity as printed: "2", "0.523"
    quantity: str
    unit: str
    unit_price_fen: int
    #: quantity x price before any discount
    gross_fen: int
    #: line discount plus this line's share of an order discount
    discount_fen: int = 0
    #: card keys issued on this line, in clear: printed for the buyer only
    card_keys: tuple[str, ...] = ()
    #: the unit's serial number (serial-tracked goods)
    serial_no: str = ""

    @property
    def net_fen(self) -> int:
        return self.gross_fen - self.discount_fen


@dataclass(frozen=True)
class ReceiptPayment:
    #: cash | card | wechat | alipay | balance | points
    method: str
    amount_fen: int
    tendered_fen: int = 0
    change_fen: int = 0
    reference: str = ""


@dataclass(frozen=True)
class ReceiptCoupon:
    """A coupon applied to the sale: its name, its code (masked) and what it took off."""

    name: str
    code: str
    amount_fen: int


@dataclass(frozen=True)
class Receipt:
    store_name: str
    receipt_no: str
    #: local time of the store, already formatted "2026-11-22 14:03"
    issued_at: str
    cashier: str
    terminal_number: int
    lines: tuple[ReceiptLine, ...]
    subtotal_fen: int
    discount_fen: int
    total_fen: int
    paid_fen: int
    change_fen: int
    payments: tuple[ReceiptPayment, ...]
    store_address: str = ""
    store_phone: str = ""
    header: str = ""
    footer: str = ""
    #: a refund slip: amounts are what is given back
    is_refund: bool = False
    #: the original receipt a refund refers to
    original_receipt_no: str = ""
    reprint: bool = False
    #: print a QR code under each card key
    card_key_qr: bool = False
    language: str = "zh_CN"
    kind: str = field(default="receipt")
    coupons: tuple[ReceiptCoupon, ...] = ()
    #: the member on the sale (masked phone), if any
    member: str = ""

    @property
    def qr_payload(self) -> str:
        """The receipt QR carries the receipt number: scanning it at the counter finds the sale."""
        return self.receipt_no


@dataclass(frozen=True)
class ShiftReport:
    #: "X" (interim, shift stays open) or "Z" (closing)
    report_type: str
    store_name: str
    terminal_number: int
    cashier: str
    opened_at: str
    #: printed time of the report (X) or of the close (Z)
    at: str
    sales_count: int
    gross_fen: int
    discounts_fen: int
    refunds_count: int
    refunds_fen: int
    net_fen: int
    #: method -> net amount taken (payments minus refunds) by that method
    by_method: dict[str, int]
    opening_float_fen: int
    cash_in_fen: int
    cash_out_fen: int
    expected_cash_fen: int
    counted_cash_fen: int | None = None
    variance_fen: int | None = None
    coupons_redeemed: int = 0
    card_keys_issued: int = 0
    #: denomination in fen -> count, when the cash was counted by denomination
    denominations: dict[str, int] = field(default_factory=dict)
    language: str = "zh_CN"
    kind: str = field(default="shift_report")


Document = Receipt | ShiftReport


def to_json(doc: Document) -> str:
    """The document as JSON (what the print queue stores): its fields, keys sorted. A receipt is
    converted field by field (it is on the sale's path; ``dataclasses.asdict`` deep-copies every
    value and costs several times more), to exactly the JSON ``asdict`` gives."""
    if type(doc) is Receipt:
        return _RECEIPT_JSON.encode(_receipt_dict(doc))
    return json.dumps(asdict(doc), ensure_ascii=False, sort_keys=True)


def _sorted_names(cls: type) -> tuple[str, ...]:
    return tuple(sorted(f.name for f in fields(cls)))


_RECEIPT = _sorted_names(Receipt)
#: the receipt's fields that hold documents of their own, with those documents' fields
_NESTED = {
    "lines": _sorted_names(ReceiptLine),
    "payments": _sorted_names(ReceiptPayment),
    "coupons": _sorted_names(ReceiptCoupon),
}
#: ``json.dumps(..., ensure_ascii=False, sort_keys=True)`` for dicts whose keys are already in
#: sorted order (``_receipt_dict`` makes them so): the same text
_RECEIPT_JSON = json.JSONEncoder(ensure_ascii=False)


def _receipt_dict(r: Receipt) -> dict:
    """``asdict(r)`` with every key in sorted order: the nested lines, payments and coupons as
    dicts, tuples as lists (the same JSON); every other field holds a str, int, bool or a tuple
    of str, which JSON writes as it is."""
    out = {name: getattr(r, name) for name in _RECEIPT}
    for name, names in _NESTED.items():
        out[name] = [{n: getattr(item, n) for n in names} for item in out[name]]
    return out


def from_json(text: str) -> Document:
    data = json.loads(text)
    kind = data.get("kind")
    if kind == "receipt":
        data["lines"] = tuple(
            ReceiptLine(**{**ln, "card_keys": tuple(ln.get("card_keys", ()))})
            for ln in data["lines"]
        )
        data["payments"] = tuple(ReceiptPayment(**p) for p in data["payments"])
        data["coupons"] = tuple(ReceiptCoupon(**c) for c in data.get("coupons", ()))
        return Receipt(**_known(Receipt, data))
    if kind == "shift_report":
        return ShiftReport(**_known(ShiftReport, data))
    raise ValueError(f"unknown document kind {kind!r}")


def _known(cls: type, data: dict) -> dict:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}
