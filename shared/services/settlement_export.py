"""A statement out of the system (SPEC §11): its PDF, its XLSX workbook, and the monthly archive
of a store's orders and statements for audit.

Each writer reads through ``services.settlement`` (so the same permission and store checks
apply), writes beside the final name and renames at the end: a failed export leaves no half file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from sqlalchemy import and_, select

from shared.db.models import Payment, Refund, Sale, SettlementStatement, Staff
from shared.db.queries import settlement as q
from shared.db.uow import UnitOfWork
from shared.domain.clock import local_time
from shared.domain.money import format_yuan
from shared.domain.settlement import parse_period
from shared.printing.statement_pdf import DayTotals, StatementDocument, render_statement_pdf
from shared.services import settlement
from shared.services.auth import Actor
from shared.services.settlement import StatementView

#: rows read at a time when a sheet lists records
BATCH = 2_000

_STATES_ZH = {"draft": "草稿", "confirmed": "已确认", "settled": "已结算"}


def _atomic(path: Path, write: Callable[[Path], None]) -> Path:
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    try:
        write(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _when(view: StatementView, at) -> str:
    return local_time(at, view.timezone).strftime("%Y-%m-%d %H:%M") if at else ""


def document(uow: UnitOfWork, actor: Actor, statement_id: str) -> StatementDocument:
    """The statement as a printable document (figures, days, who confirmed and paid)."""
    view = settlement.get(uow, actor, statement_id)
    st, store = settlement.statement_and_store(uow, actor, statement_id)
    days = q.daily(uow.session, settlement.record_set(st, store))
    confirmed = (
        f"{_when(view, view.confirmed_at)} {view.confirmed_by}".strip() if view.confirmed_at else ""
    )
    payment = (
        f"{view.payment_ref} · {view.settled_on.isoformat()} {view.settled_by}".strip()
        if view.payment_ref and view.settled_on
        else ""
    )
    return StatementDocument(
        statement_no=view.statement_no,
        store_code=view.store_code,
        store_name=view.store_name,
        period_label=view.period.label,
        state=view.state,
        figures=view.figures,
        built_at=_when(view, view.built_at),
        confirmed=confirmed,
        payment=payment,
        days=tuple(DayTotals(d.day, d.sales_count, d.sales_fen, d.refunds_fen) for d in days),
    )


def statement_pdf(
    uow: UnitOfWork, actor: Actor, statement_id: str, *, language: str = "zh_CN"
) -> bytes:
    return render_statement_pdf(document(uow, actor, statement_id), language=language)


def write_pdf(
    uow: UnitOfWork, actor: Actor, statement_id: str, path: Path, *, language: str = "zh_CN"
) -> Path:
    data = statement_pdf(uow, actor, statement_id, language=language)
    return _atomic(Path(path), lambda p: p.write_bytes(data))


def _yuan(fen: int):
    from decimal import Decimal

    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def _record_rows(uow: UnitOfWork, actor: Actor, statement_id: str, kind: str) -> Iterator[list]:
    st, store = settlement.statement_and_store(uow, actor, statement_id)
    for r in q.iter_records(uow.session, settlement.record_set(st, store), kind):
        yield [
            r.number,
            r.business_date.isoformat() if r.business_date else "",
            r.at.isoformat(timespec="seconds") if r.at else "",
            r.who,
            r.detail,
            _yuan(r.amount_fen),
            "是" if r.adjustment else "",
        ]


def write_xlsx(uow: UnitOfWork, actor: Actor, statement_id: str, path: Path) -> Path:
    """The statement as a workbook: 结算单 (every figure), 按日 (per day), then one sheet per kind
    of record behind the figures (销售, 退款, 卡密, 电商订单)."""
    from openpyxl import Workbook

    doc = document(uow, actor, statement_id)
    f = doc.figures

    def write(target: Path) -> None:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("结算单")
        sheet.append(["结算单号", doc.statement_no])
        sheet.append(["门店", f"{doc.store_code} {doc.store_name}"])
        sheet.append(["结算周期", doc.period_label])
        sheet.append(["状态", _STATES_ZH.get(doc.state, doc.state)])
        sheet.append(["生成时间", doc.built_at])
        if doc.confirmed:
            sheet.append(["确认", doc.confirmed])
        if doc.payment:
            sheet.append(["付款", doc.payment])
        sheet.append([])
        sheet.append(["项目", "笔数", "金额（元）"])
        for label, count, fen in (
            ("销售额（优惠前）", f.sales_count, f.gross_fen),
            ("折扣优惠", None, f.discounts_fen),
            ("平台券（平台承担）", None, f.coupons_platform_fen),
            ("门店券（门店承担）", None, f.coupons_store_fen),
            ("退款", f.refunds_count, f.refunds_fen),
            ("净销售额", None, f.net_sales_fen),
            ("其中：卡密销售", f.card_keys_count, f.card_keys_fen),
            ("电商订单到店核销", f.channel_orders_count, f.channel_orders_fen),
            ("门店收入", None, f.income_fen),
            (f"平台服务费（{f.fee_rate_bp / 100:.2f}%）", None, f.fee_fen),
            ("门店留存现金", None, f.cash_fen),
            ("应付门店（负数：门店应付总部）", None, f.payable_fen),
            ("其中：往期补录调整", f.adjustments_count, f.adjustments_fen),
        ):
            sheet.append([label, count, _yuan(fen)])
        sheet.append([])
        sheet.append(["支付方式", "收款（元）", "退款（元）"])
        for method in sorted(set(f.by_method) | set(f.refunds_by_method)):
            sheet.append(
                [
                    method,
                    _yuan(f.by_method.get(method, 0)),
                    _yuan(f.refunds_by_method.get(method, 0)),
                ]
            )
        days = book.create_sheet("按日")
        days.append(["营业日", "笔数", "销售额（元）", "退款（元）"])
        for d in doc.days:
            days.append(
                [d.day.isoformat(), d.sales_count, _yuan(d.sales_fen), _yuan(d.refunds_fen)]
            )
        header = ["单号", "营业日", "时间（UTC）", "经办人", "说明", "金额（元）", "往期调整"]
        for title, kind in (
            ("销售", "sales"),
            ("退款", "refunds"),
            ("卡密", "card_keys"),
            ("电商订单", "channel"),
        ):
            ws = book.create_sheet(title)
            ws.append(header)
            for row in _record_rows(uow, actor, statement_id, kind):
                ws.append(row)
        book.save(target)

    return _atomic(Path(path), write)


def write_month_archive(
    uow: UnitOfWork, actor: Actor, store_code: str, month: str, path: Path
) -> Path:
    """The audit archive of one store-month (SPEC §11): every sale and refund of the month with
    its payments, and the store's statements of the month, as one workbook."""
    from openpyxl import Workbook

    store = settlement.store_for(uow, actor, store_code)
    period = parse_period(month, "month")
    s = uow.session
    names = dict(s.execute(select(Staff.id, Staff.name)).all())

    def sales() -> Iterator[list]:
        last: tuple[date, str] | None = None
        while True:
            stmt = (
                select(Sale)
                .where(
                    Sale.store_id == store.id,
                    Sale.business_date >= period.start,
                    Sale.business_date < period.end,
                )
                .order_by(Sale.business_date, Sale.id)
                .limit(BATCH)
            )
            if last is not None:
                stmt = stmt.where(
                    (Sale.business_date > last[0])
                    | and_(Sale.business_date == last[0], Sale.id > last[1])
                )
            batch = s.scalars(stmt).all()
            if not batch:
                return
            ids = [x.id for x in batch]
            pays: dict[str, list[str]] = {}
            for sale_id, method, amount in s.execute(
                select(Payment.sale_id, Payment.method, Payment.amount_fen)
                .where(Payment.store_id == store.id, Payment.sale_id.in_(ids))
                .order_by(Payment.sale_id, Payment.seq)
            ).all():
                pays.setdefault(sale_id, []).append(f"{method} {format_yuan(amount)}")
            for x in batch:
                yield [
                    x.receipt_no,
                    x.business_date.isoformat(),
                    x.completed_at.isoformat(timespec="seconds"),
                    names.get(x.cashier_id, ""),
                    _yuan(x.subtotal_fen),
                    _yuan(x.discount_fen),
                    _yuan(x.total_fen),
                    "; ".join(pays.get(x.id, [])),
                    x.received_at.isoformat(timespec="seconds") if x.received_at else "",
                ]
            last = (batch[-1].business_date, batch[-1].id)
            s.expunge_all()

    def write(target: Path) -> None:
        book = Workbook(write_only=True)
        ws = book.create_sheet("销售")
        ws.append(
            [
                "小票号",
                "营业日",
                "完成时间（UTC）",
                "收银员",
                "原价",
                "优惠",
                "应收",
                "支付",
                "到达总部（UTC）",
            ]
        )
        for row in sales():
            ws.append(row)
        ws = book.create_sheet("退款")
        ws.append(["退款单号", "营业日", "时间（UTC）", "收银员", "金额", "原因"])
        for r in s.scalars(
            select(Refund)
            .where(
                Refund.store_id == store.id,
                Refund.business_date >= period.start,
                Refund.business_date < period.end,
            )
            .order_by(Refund.business_date, Refund.id)
        ).all():
            ws.append(
                [
                    r.refund_no,
                    r.business_date.isoformat(),
                    r.created_at.isoformat(timespec="seconds"),
                    names.get(r.cashier_id, ""),
                    _yuan(r.total_fen),
                    r.reason,
                ]
            )
        ws = book.create_sheet("结算单")
        ws.append(
            ["结算单号", "周期", "状态", "净销售额", "服务费", "应付门店", "付款凭证", "付款日期"]
        )
        for st in s.scalars(
            select(SettlementStatement)
            .where(
                SettlementStatement.store_id == store.id,
                SettlementStatement.period_start < period.end,
                SettlementStatement.period_end > period.start,
            )
            .order_by(SettlementStatement.period_start)
        ).all():
            fig = st.figures or {}
            ws.append(
                [
                    st.statement_no,
                    f"{st.period_start.isoformat()}~{st.period_end.isoformat()}",
                    _STATES_ZH.get(st.state, st.state),
                    _yuan(int(fig.get("net_sales_fen", 0))),
                    _yuan(int(fig.get("fee_fen", 0))),
                    _yuan(int(fig.get("payable_fen", 0))),
                    st.payment_ref or "",
                    st.settled_on.isoformat() if st.settled_on else "",
                ]
            )
        book.save(target)

    return _atomic(Path(path), write)


__all__ = ["document", "statement_pdf", "write_month_archive", "write_pdf", "write_xlsx"]
