"""Sample documents for the printing tests and golden files. Change them only with the goldens."""

from __future__ import annotations

from shared.domain.money import times_quantity
from shared.printing.document import Receipt, ReceiptLine, ReceiptPayment, ShiftReport

STORE_NAME = "星辰便利店 静安店"
RECEIPT_NO = "S0012-T03-20261122-000123"
CARD_KEY = "TXVIP-8H2K-Q9ZM-4F7D-7YKD"
APPLES_FEN = times_quantity(1280, 523)

COLA = ReceiptLine(
    name="可口可乐 330ml",
    quantity="2",
    unit="瓶",
    unit_price_fen=350,
    gross_fen=700,
    discount_fen=175,
)
APPLES = ReceiptLine(
    name="散装苹果",
    quantity="0.523",
    unit="kg",
    unit_price_fen=1280,
    gross_fen=APPLES_FEN,
)
VIDEO_CARD = ReceiptLine(
    name="腾讯视频VIP会员月卡",
    quantity="1",
    unit="张",
    unit_price_fen=2500,
    gross_fen=2500,
    card_keys=(CARD_KEY,),
)
LINES = (COLA, APPLES, VIDEO_CARD)
SUBTOTAL_FEN = sum(line.gross_fen for line in LINES)
DISCOUNT_FEN = sum(line.discount_fen for line in LINES)
TOTAL_FEN = SUBTOTAL_FEN - DISCOUNT_FEN
WECHAT_FEN = 2000
CASH_TENDERED_FEN = 2000
CHANGE_FEN = WECHAT_FEN + CASH_TENDERED_FEN - TOTAL_FEN


def sample_receipt(**changes) -> Receipt:
    """A sale: cola with a discount, weighed apples, a card key; paid WeChat + cash with change."""
    fields = dict(
        store_name=STORE_NAME,
        receipt_no=RECEIPT_NO,
        issued_at="2026-11-22 14:03",
        cashier="李晓梅",
        terminal_number=3,
        lines=LINES,
        subtotal_fen=SUBTOTAL_FEN,
        discount_fen=DISCOUNT_FEN,
        total_fen=TOTAL_FEN,
        paid_fen=WECHAT_FEN + CASH_TENDERED_FEN,
        change_fen=CHANGE_FEN,
        payments=(
            ReceiptPayment(
                method="wechat", amount_fen=WECHAT_FEN, reference="4200001234202611220001"
            ),
            ReceiptPayment(
                method="cash",
                amount_fen=TOTAL_FEN - WECHAT_FEN,
                tendered_fen=CASH_TENDERED_FEN,
                change_fen=CHANGE_FEN,
            ),
        ),
        store_address="上海市静安区南京西路1266号",
        store_phone="021-6288 1234",
        footer="谢谢惠顾，欢迎再次光临！\n退换货请凭小票在7日内办理",
        card_key_qr=True,
    )
    fields.update(changes)
    return Receipt(**fields)


def sample_z_report(**changes) -> ShiftReport:
    """A closed shift with counted cash two yuan short."""
    fields = dict(
        report_type="Z",
        store_name=STORE_NAME,
        terminal_number=3,
        cashier="李晓梅",
        opened_at="2026-11-22 08:00",
        at="2026-11-22 20:05",
        sales_count=128,
        gross_fen=1_256_080,
        discounts_fen=23_450,
        refunds_count=2,
        refunds_fen=5_600,
        net_fen=1_256_080 - 23_450 - 5_600,
        by_method={"cash": 312_030, "wechat": 604_500, "alipay": 280_000, "card": 30_500},
        opening_float_fen=50_000,
        cash_in_fen=10_000,
        cash_out_fen=3_500,
        expected_cash_fen=50_000 + 312_030 + 10_000 - 3_500,
        counted_cash_fen=50_000 + 312_030 + 10_000 - 3_500 - 200,
        variance_fen=-200,
        coupons_redeemed=14,
        card_keys_issued=6,
    )
    fields.update(changes)
    return ShiftReport(**fields)
