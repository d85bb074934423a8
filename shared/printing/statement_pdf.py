"""A store's settlement statement (结算单) as an A4 PDF, drawn with reportlab platypus in the
embedded CJK font: the heading, every figure of the statement, the takings and refunds per
payment method, and the sales per business day. The labels are Chinese by default
(``language="en"`` for English); the document carries its own names.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from shared.domain.money import format_yuan
from shared.domain.settlement import Figures
from shared.printing.fonts import register_cjk_font
from shared.printing.labels import PAYMENT_METHODS, method_label

_ZH = {
    "title": "门店结算单",
    "statement_no": "结算单号",
    "store": "门店",
    "period": "结算周期",
    "state": "状态",
    "draft": "草稿",
    "confirmed": "已确认",
    "settled": "已结算",
    "built_at": "生成时间",
    "confirmed_at": "确认",
    "payment": "付款",
    "figures": "结算数据",
    "item": "项目",
    "count": "笔数",
    "amount": "金额",
    "sales": "销售",
    "gross": "销售额（优惠前）",
    "discounts": "折扣优惠",
    "coupons_platform": "平台券（平台承担）",
    "coupons_store": "门店券（门店承担）",
    "refunds": "退款",
    "net_sales": "净销售额",
    "card_keys": "其中：卡密销售",
    "platform_subsidy": "平台券补贴（平台付门店）",
    "channel": "电商订单到店核销",
    "income": "门店收入",
    "fee": "平台服务费（{rate}）",
    "cash": "门店留存现金",
    "payable": "应付门店",
    "receivable": "门店应付总部",
    "adjustments": "其中：往期补录调整",
    "by_method": "按支付方式",
    "method": "支付方式",
    "taken": "收款",
    "refunded": "退款",
    "net": "净额",
    "daily": "按营业日",
    "day": "营业日",
    "sales_amount": "销售额",
    "note_payable": "应付门店 = 门店收入 − 门店留存现金 − 平台服务费；负数表示门店应付总部。",
    "page": "第 {n} 页",
}
_EN = {
    "title": "Store settlement statement",
    "statement_no": "Statement",
    "store": "Store",
    "period": "Period",
    "state": "State",
    "draft": "Draft",
    "confirmed": "Confirmed",
    "settled": "Settled",
    "built_at": "Built",
    "confirmed_at": "Confirmed",
    "payment": "Payment",
    "figures": "Figures",
    "item": "Item",
    "count": "Count",
    "amount": "Amount",
    "sales": "Sales",
    "gross": "Sales before discounts",
    "discounts": "Discounts",
    "coupons_platform": "Platform-funded coupons",
    "coupons_store": "Store-funded coupons",
    "refunds": "Refunds",
    "net_sales": "Net sales",
    "card_keys": "of which card keys",
    "platform_subsidy": "Platform coupons paid to the store",
    "channel": "Channel orders redeemed in store",
    "income": "Store income",
    "fee": "Platform fee ({rate})",
    "cash": "Cash kept by the store",
    "payable": "Payable to the store",
    "receivable": "Payable by the store",
    "adjustments": "of which late records of earlier periods",
    "by_method": "By payment method",
    "method": "Method",
    "taken": "Taken",
    "refunded": "Refunded",
    "net": "Net",
    "daily": "By business day",
    "day": "Day",
    "sales_amount": "Sales",
    "note_payable": "Payable = store income − cash kept − platform fee; negative: the store pays.",
    "page": "Page {n}",
}


@dataclass(frozen=True)
class DayTotals:
    day: date
    sales_count: int
    sales_fen: int
    refunds_fen: int


@dataclass(frozen=True)
class StatementDocument:
    statement_no: str
    store_code: str
    store_name: str
    period_label: str
    state: str
    figures: Figures
    #: local times, already formatted
    built_at: str
    confirmed: str = ""
    payment: str = ""
    days: tuple[DayTotals, ...] = ()


def _yuan(fen: int) -> str:
    return format_yuan(fen, symbol="￥")


def _rate(bp: int) -> str:
    whole, part = divmod(bp, 100)
    return f"{whole}.{part:02d}%"


def render_statement_pdf(doc: StatementDocument, *, language: str = "zh_CN") -> bytes:
    """The statement on A4, deterministic for a given document."""
    t = _EN if language.startswith("en") else _ZH
    font = register_cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13)
    small = ParagraphStyle("small", parent=body, fontSize=8.5, textColor=colors.HexColor("#555555"))
    heading = ParagraphStyle("heading", parent=body, fontSize=12, leading=18, spaceBefore=8)
    title = ParagraphStyle("title", parent=body, fontSize=17, leading=24, alignment=1)
    f = doc.figures

    def table(rows: list[list[str]], widths: list[float], *, money_from: int = 1) -> Table:
        tab = Table(rows, colWidths=widths, repeatRows=1)
        tab.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), font),
                    ("FONTSIZE", (0, 0), (-1, -1), 9.5),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f7")),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#8a99ad")),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#d5dbe3")),
                    ("ALIGN", (money_from, 0), (-1, -1), "RIGHT"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return tab

    payable_label = t["payable"] if f.payable_fen >= 0 else t["receivable"]
    figures_rows = [
        [t["item"], t["count"], t["amount"]],
        [t["gross"], str(f.sales_count), _yuan(f.gross_fen)],
        [t["discounts"], "", _yuan(-f.discounts_fen)],
        [t["coupons_platform"], "", _yuan(-f.coupons_platform_fen)],
        [t["coupons_store"], "", _yuan(-f.coupons_store_fen)],
        [t["refunds"], str(f.refunds_count), _yuan(-f.refunds_fen)],
        [t["net_sales"], "", _yuan(f.net_sales_fen)],
        [t["card_keys"], str(f.card_keys_count), _yuan(f.card_keys_fen)],
        [t["platform_subsidy"], "", _yuan(f.coupons_platform_fen)],
        [t["channel"], str(f.channel_orders_count), _yuan(f.channel_orders_fen)],
        [t["income"], "", _yuan(f.income_fen)],
        [t["fee"].format(rate=_rate(f.fee_rate_bp)), "", _yuan(-f.fee_fen)],
        [t["cash"], "", _yuan(-f.cash_fen)],
        [payable_label, "", _yuan(abs(f.payable_fen))],
        [t["adjustments"], str(f.adjustments_count), _yuan(f.adjustments_fen)],
    ]
    figures_table = table(figures_rows, [95 * mm, 25 * mm, 50 * mm])
    bold_rows = (6, 10, 13)
    figures_table.setStyle(
        TableStyle(
            [("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f7f9fb")) for r in bold_rows]
            + [("LINEABOVE", (0, 13), (-1, 13), 0.8, colors.HexColor("#31465f"))]
            + [("FONTSIZE", (0, 13), (-1, 13), 11)]
        )
    )

    methods = [m for m in PAYMENT_METHODS if m in f.by_method or m in f.refunds_by_method]
    methods += sorted((set(f.by_method) | set(f.refunds_by_method)) - set(methods))
    lang = "en" if language.startswith("en") else "zh_CN"
    method_rows = [[t["method"], t["taken"], t["refunded"], t["net"]]] + [
        [
            method_label(lang, m),
            _yuan(f.by_method.get(m, 0)),
            _yuan(f.refunds_by_method.get(m, 0)),
            _yuan(f.by_method.get(m, 0) - f.refunds_by_method.get(m, 0)),
        ]
        for m in methods
    ]

    head = [
        Paragraph(t["title"], title),
        Spacer(1, 3 * mm),
        Paragraph(f"{t['statement_no']}：{doc.statement_no}　　{t['state']}：{t[doc.state]}", body),
        Paragraph(f"{t['store']}：{doc.store_code} {doc.store_name}", body),
        Paragraph(f"{t['period']}：{doc.period_label}", body),
        Paragraph(f"{t['built_at']}：{doc.built_at}", small),
    ]
    if doc.confirmed:
        head.append(Paragraph(f"{t['confirmed_at']}：{doc.confirmed}", small))
    if doc.payment:
        head.append(Paragraph(f"{t['payment']}：{doc.payment}", small))
    story = [
        *head,
        Paragraph(t["figures"], heading),
        figures_table,
        Spacer(1, 2 * mm),
        Paragraph(t["note_payable"], small),
        Paragraph(t["by_method"], heading),
        table(method_rows, [45 * mm, 42 * mm, 42 * mm, 41 * mm]),
    ]
    if doc.days:
        day_rows = [[t["day"], t["count"], t["sales_amount"], t["refunds"], t["net"]]] + [
            [
                d.day.isoformat(),
                str(d.sales_count),
                _yuan(d.sales_fen),
                _yuan(d.refunds_fen),
                _yuan(d.sales_fen - d.refunds_fen),
            ]
            for d in doc.days
        ]
        story += [
            Paragraph(t["daily"], heading),
            table(day_rows, [34 * mm, 22 * mm, 38 * mm, 38 * mm, 38 * mm]),
        ]

    def footer(canvas, page_doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.HexColor("#777777"))
        canvas.drawString(20 * mm, 10 * mm, f"StoreDesk · {doc.statement_no}")
        canvas.drawRightString(190 * mm, 10 * mm, t["page"].format(n=page_doc.page))
        canvas.restoreState()

    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=f"{t['title']} {doc.statement_no}",
        author="StoreDesk",
        creator="StoreDesk",
        invariant=1,
    )
    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


__all__ = ["DayTotals", "StatementDocument", "render_statement_pdf"]
