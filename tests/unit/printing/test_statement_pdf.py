"""The settlement statement's PDF: Chinese (default) and English labels, every figure, the
payment-method table once per method, pages numbered."""

from __future__ import annotations

import io
from datetime import date

import pypdf

from shared.domain.settlement import Totals, figures
from shared.printing.statement_pdf import DayTotals, StatementDocument, render_statement_pdf


def _doc(days: int = 3) -> StatementDocument:
    f = figures(
        Totals(
            sales_count=4,
            gross_fen=48_133,
            all_discounts_fen=3_833,
            coupons_platform_fen=2_000,
            coupons_store_fen=500,
            refunds_count=2,
            refunds_fen=6_500,
            by_method={"cash": 11_500, "wechat": 17_000, "card": 3_000},
            refunds_by_method={"cash": 2_500},
            channel_orders_count=2,
            channel_orders_fen=7_800,
        ),
        300,
    )
    return StatementDocument(
        statement_no="JS-S01-202610",
        store_code="S01",
        store_name="星辰便利店 静安店",
        period_label="2026-10",
        state="confirmed",
        figures=f,
        built_at="2026-11-02 09:00",
        confirmed="2026-11-02 09:05 王芳",
        days=tuple(DayTotals(date(2026, 10, 1 + i), 1, 1_000 * (i + 1), 0) for i in range(days)),
    )


def _text(data: bytes) -> tuple[str, int]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "".join(p.extract_text() for p in reader.pages), len(reader.pages)


def test_chinese_statement_shows_every_figure():
    doc = _doc()
    text, pages = _text(render_statement_pdf(doc))
    assert pages == 1
    f = doc.figures
    for shown in (
        "门店结算单",
        "JS-S01-202610",
        "星辰便利店",
        "已确认",
        "王芳",
        "应付门店",
        "481.33",
        "378.00",
        "3.00%",
    ):
        assert shown in text, shown
    assert f"{f.payable_fen // 100}.{f.payable_fen % 100:02d}" in text
    assert text.count("微信支付") == 1 and text.count("银行卡") == 1


def test_english_labels_and_a_long_month_on_two_pages():
    text, pages = _text(render_statement_pdf(_doc(days=31), language="en"))
    assert "Store settlement statement" in text and "Payable to the store" in text
    assert pages == 2 and "Page 2" in text


def test_same_document_same_bytes():
    assert render_statement_pdf(_doc()) == render_statement_pdf(_doc())
