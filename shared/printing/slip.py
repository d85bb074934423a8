"""A document laid out as printer rows: what both renderers print, line for line.

``compose(doc, columns)`` turns a ``Receipt`` or ``ShiftReport`` into a list of rows in printer
columns. The ESC/POS renderer sends each row as one line of text; the PDF renderer draws each
cell at its column. Keeping one layout is what makes the PDF say exactly what the paper says.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.domain.money import format_yuan
from shared.printing.document import Document, Receipt, ReceiptLine, ShiftReport
from shared.printing.labels import PAYMENT_METHODS, label, method_label
from shared.printing.layout import (
    Cell,
    clean_text,
    display_width,
    fit_row,
    join_cells,
    two_column_cells,
    wrap,
)

YUAN = "￥"


@dataclass(frozen=True)
class TextRow:
    cells: tuple[Cell, ...]
    bold: bool = False
    #: double height (the store name); width is unchanged, so columns still hold
    tall: bool = False

    @property
    def text(self) -> str:
        return join_cells(self.cells)


@dataclass(frozen=True)
class Rule:
    """A separator line across the paper."""


@dataclass(frozen=True)
class Blank:
    """An empty line."""


@dataclass(frozen=True)
class QrBlock:
    payload: str
    #: "large" for the receipt number, "small" for a card key
    size: str = "large"


SlipItem = TextRow | Rule | Blank | QrBlock

#: item table columns: name, quantity, unit price, amount
_ITEM_COLUMNS = {32: (8, 8, 8, 8), 48: (20, 9, 9, 10)}


def compose(doc: Document, columns: int) -> list[SlipItem]:
    if isinstance(doc, Receipt):
        return _Composer(doc.language, columns).receipt(doc)
    if isinstance(doc, ShiftReport):
        return _Composer(doc.language, columns).shift_report(doc)
    raise TypeError(f"cannot print a {type(doc).__name__}")


def yuan(fen: int) -> str:
    """``3694`` -> ``"￥36.94"``, ``-175`` -> ``"-￥1.75"``."""
    return format_yuan(fen, symbol=YUAN)


def signed_yuan(fen: int) -> str:
    """A variance: ``"+￥1.00"``, ``"-￥2.00"``, ``"￥0.00"``."""
    return ("+" if fen > 0 else "") + yuan(fen)


class _Composer:
    def __init__(self, language: str, columns: int) -> None:
        self.language = language
        self.columns = columns
        self.items: list[SlipItem] = []
        self.card_key_qr = False

    def _l(self, key: str) -> str:
        return label(self.language, key)

    def _field(self, key: str, value: object) -> str:
        return f"{self._l(key)}{self._l('colon')}{clean_text(str(value))}"

    def centered(self, text: str, *, bold: bool = False, tall: bool = False) -> None:
        for line in wrap(clean_text(text, keep_newlines=True), self.columns):
            cell = Cell(line, 0, self.columns, "center")
            self.items.append(TextRow((cell,), bold=bold, tall=tall))

    def left(self, text: str, *, bold: bool = False) -> None:
        for line in wrap(clean_text(text, keep_newlines=True), self.columns):
            self.items.append(TextRow((Cell(line, 0, self.columns),), bold=bold))

    def pair(self, left: str, right: str, *, bold: bool = False) -> None:
        """``left`` and ``right`` on one line; ``left`` wraps above when both do not fit."""
        left, right = clean_text(left), clean_text(right)
        room = self.columns - display_width(right) - 1
        if display_width(left) > room:
            lines = wrap(left, self.columns)
            for line in lines[:-1]:
                self.left(line, bold=bold)
            left = lines[-1]
            if display_width(left) > room:
                self.left(left, bold=bold)
                left = ""
        self.items.append(TextRow(two_column_cells(left, right, self.columns), bold=bold))

    def rule(self) -> None:
        self.items.append(Rule())

    def blank(self) -> None:
        self.items.append(Blank())

    def qr(self, payload: str, size: str = "large") -> None:
        if payload:
            self.items.append(QrBlock(payload, size))

    def receipt(self, doc: Receipt) -> list[SlipItem]:
        self.card_key_qr = doc.card_key_qr
        self._receipt_head(doc)
        self._item_table(doc.lines)
        self._receipt_totals(doc)
        if doc.footer:
            self.rule()
            self.centered(doc.footer)
        self.blank()
        self.qr(doc.qr_payload)
        return self.items

    def _receipt_head(self, doc: Receipt) -> None:
        self.centered(doc.store_name, bold=True, tall=True)
        if doc.store_address:
            self.centered(self._field("address", doc.store_address))
        if doc.store_phone:
            self.centered(self._field("phone", doc.store_phone))
        if doc.header:
            self.centered(doc.header)
        self.blank()
        self.centered(self._l("refund_receipt" if doc.is_refund else "sale_receipt"), bold=True)
        if doc.reprint:
            self.centered(f"** {self._l('reprint')} **", bold=True)
        self.rule()
        self.left(self._field("receipt_no", doc.receipt_no))
        if doc.original_receipt_no:
            self.left(self._field("original_receipt_no", doc.original_receipt_no))
        self.left(self._field("time", doc.issued_at))
        self.pair(self._field("cashier", doc.cashier), self._field("terminal", doc.terminal_number))

    def _item_table(self, lines: tuple[ReceiptLine, ...]) -> None:
        widths = _ITEM_COLUMNS[self.columns]
        self.rule()
        heads = [self._l(k) for k in ("item", "quantity", "unit_price", "amount")]
        self.items.append(TextRow(fit_row(heads, widths)))
        self.rule()
        for line in lines:
            self._item(line, widths)

    def _item(self, line: ReceiptLine, widths: tuple[int, ...]) -> None:
        name = clean_text(line.name)
        quantity = clean_text(f"{line.quantity}{line.unit}")
        figures = ["", quantity, format_yuan(line.unit_price_fen), format_yuan(line.gross_fen)]
        cells = fit_row(figures, widths)
        name_room = cells[1].start - 1
        if 0 < display_width(name) <= name_room:
            cells = (Cell(name, 0, name_room),) + cells[1:]
        else:
            self.left(name)
        self.items.append(TextRow(cells))
        if line.serial_no:
            self.left(f"  {self._l('serial_no')}{self._l('colon')}{clean_text(line.serial_no)}")
        if line.discount_fen:
            self.pair(f"  {self._l('discount')}", format_yuan(-line.discount_fen))
        for key in line.card_keys:
            self._card_key(key)

    def _card_key(self, key: str) -> None:
        key = clean_text(key)
        prefix = f"  {self._l('card_key')}{self._l('colon')}"
        if display_width(prefix) + display_width(key) <= self.columns:
            self.left(prefix + key, bold=True)
        else:
            self.left(prefix)
            for part in wrap(key, self.columns - 2):
                self.items.append(TextRow((Cell(part, 2, self.columns - 2),), bold=True))
        if self.card_key_qr:
            self.qr(key, "small")

    def _receipt_totals(self, doc: Receipt) -> None:
        refund = doc.is_refund
        self.rule()
        self.pair(self._l("subtotal"), yuan(doc.subtotal_fen))
        if doc.discount_fen:
            self.pair(self._l("discount"), yuan(-doc.discount_fen))
        for coupon in doc.coupons:
            self.pair(
                f"  {self._l('coupon')}{self._l('colon')}{coupon.name}", yuan(-coupon.amount_fen)
            )
            self.left(f"    {coupon.code}")
        self.pair(self._l("refund_total" if refund else "total"), yuan(doc.total_fen), bold=True)
        for payment in doc.payments:
            shown = payment.tendered_fen or payment.amount_fen
            self.pair(method_label(self.language, payment.method), yuan(shown))
            if payment.reference:
                self.pair(f"  {self._l('reference')}", payment.reference)
        self.pair(self._l("refund_paid" if refund else "paid"), yuan(doc.paid_fen))
        if doc.change_fen or not refund:
            self.pair(self._l("change"), yuan(doc.change_fen))
        if doc.member:
            self.pair(self._l("member"), doc.member)

    def shift_report(self, doc: ShiftReport) -> list[SlipItem]:
        closing = doc.report_type.upper() == "Z"
        self.centered(doc.store_name, bold=True, tall=True)
        self.blank()
        self.centered(self._l("z_report" if closing else "x_report"), bold=True)
        self.rule()
        self.pair(self._field("cashier", doc.cashier), self._field("terminal", doc.terminal_number))
        self.left(self._field("opened_at", doc.opened_at))
        self.left(self._field("closed_at" if closing else "printed_at", doc.at))
        self.rule()
        self.pair(self._l("sales_count"), str(doc.sales_count))
        self.pair(self._l("gross"), yuan(doc.gross_fen))
        self.pair(self._l("discounts"), yuan(-doc.discounts_fen))
        self.pair(self._l("refunds_count"), str(doc.refunds_count))
        self.pair(self._l("refunds"), yuan(-doc.refunds_fen))
        self.pair(self._l("net"), yuan(doc.net_fen), bold=True)
        self.pair(self._l("coupons_redeemed"), str(doc.coupons_redeemed))
        self.pair(self._l("card_keys_issued"), str(doc.card_keys_issued))
        self._by_method(doc.by_method)
        self._cash_block(doc)
        if closing:
            self._signatures()
        return self.items

    def _by_method(self, by_method: dict[str, int]) -> None:
        self.rule()
        self.left(self._l("by_method"), bold=True)
        known = [m for m in PAYMENT_METHODS if m in by_method]
        others = sorted(m for m in by_method if m not in PAYMENT_METHODS)
        for method in known + others:
            self.pair(method_label(self.language, method), yuan(by_method[method]))

    def _cash_block(self, doc: ShiftReport) -> None:
        self.rule()
        self.left(self._l("cash_drawer"), bold=True)
        self.pair(self._l("opening_float"), yuan(doc.opening_float_fen))
        self.pair(self._l("cash_takings"), yuan(doc.by_method.get("cash", 0)))
        self.pair(self._l("cash_in"), yuan(doc.cash_in_fen))
        self.pair(self._l("cash_out"), yuan(-doc.cash_out_fen))
        self.pair(self._l("expected_cash"), yuan(doc.expected_cash_fen), bold=True)
        if doc.counted_cash_fen is not None:
            self.pair(self._l("counted_cash"), yuan(doc.counted_cash_fen))
        if doc.variance_fen is not None:
            self.pair(self._l("variance"), signed_yuan(doc.variance_fen), bold=True)
        if doc.denominations:
            self.left(self._l("denominations"))
            for fen, count in sorted(
                ((int(k), int(v)) for k, v in doc.denominations.items()), reverse=True
            ):
                self.pair(f"  {yuan(fen)} x {count}", yuan(fen * count))

    def _signatures(self) -> None:
        self.rule()
        for key in ("cashier_signature", "manager_signature"):
            self.blank()
            title = f"{self._l(key)}{self._l('colon')}"
            line = "_" * max(self.columns - display_width(title), 4)
            self.left(title + line)
