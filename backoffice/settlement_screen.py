"""门店结算 (SPEC §11): a store's statement per period — build the draft, read every figure and the
records behind it, confirm it (its figures frozen), record the payment, export PDF / XLSX.

- The build bar: the store (those the manager may settle), the period typed the store's way
  (``YYYY-MM`` by month, ``YYYY-MM-DD`` by day or week; the placeholder says which) and Enter.
  Building a period again recounts its draft; a confirmed one comes back frozen.
- The statement list (store, state, year filters), newest period first, a page at a time; the
  state coloured (draft amber, confirmed blue, settled green).
- The selected statement: its figures in two columns (sales; what the store is paid), the payment
  methods under them, who pays whom in words. Each amount with records behind it is a link: the
  records fill the paged table beside it (100 at a time, never the whole month), as does the
  combo above that table.
- Confirm asks first (yes/no); Record payment asks the reference and the date in a small dialog;
  a refusal shows in the dialog and on the area's message line, and changes nothing.

Behaviour only: the layout is ``settlement_views``, the rows and their words
``settlement_models``, the rules ``services.settlement``. Every call to the central database goes
through the operation runner (``SettlementBackend`` methods run on its workers)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, Qt
from PySide6.QtWidgets import QPushButton, QWidget

from backoffice.area_kit import (
    Confirmer,
    SavePathAsker,
    ask_path,
    run_export,
    save_dialog,
    yes_no_dialog,
)
from backoffice.backend import PAGE_SIZE
from backoffice.coupon_views import keep_columns_fitted
from backoffice.messages import describe as describe_backoffice
from backoffice.settlement_backend import SettlementBackend
from backoffice.settlement_models import (
    Drill,
    drill_choices,
    drill_title,
    methods_of,
    payable_words,
    period_hint,
    period_kind_name,
    period_text,
    records_model,
    state_name,
    statement_model,
)
from backoffice.settlement_views import SettleDialog, SettlementAreaView, set_flag
from backoffice.views import set_message
from shared.domain.clock import Clock, business_date, local_time
from shared.domain.errors import DomainError
from shared.domain.settlement import STATES, Figures
from shared.qt.errors import method_name
from shared.qt.money import fmt_fen
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor
from shared.services.settlement import StatementFilter, StatementView, StoreChoice

#: "today" for the year filter and before a store is chosen
CHINA_TZ = "Asia/Shanghai"
#: how many years back the year filter offers
YEARS_BACK = 5

#: what each figure of the card drills down to (the methods grid: ``pay:`` / ``refund:``)
FIGURE_DRILLS: dict[str, Drill] = {
    "gross": Drill("sales"),
    "discounts": Drill("sales"),
    "coupons_platform": Drill("coupons", "platform"),
    "coupons_store": Drill("coupons", "store"),
    "refunds": Drill("refunds"),
    "net_sales": Drill("sales"),
    "card_keys": Drill("card_keys"),
    "adjustments": Drill("adjustments"),
    "net_sales_in": Drill("sales"),
    "coupons_owed": Drill("coupons", "platform"),
    "channel_orders": Drill("channel"),
    "cash": Drill("payments", "cash"),
}


def figure_drill(key: str) -> Drill | None:
    if key.startswith("pay:"):
        return Drill("payments", key[4:])
    if key.startswith("refund:"):
        return Drill("refunds", key[7:])
    return FIGURE_DRILLS.get(key)


def fee_rate_text(bp: int) -> str:
    """Basis points as a percentage: 300 -> ``3%``, 250 -> ``2.5%``."""
    return f"{bp / 100:.2f}".rstrip("0").rstrip(".") + "%"


def describe(exc: BaseException) -> str:
    """A refusal of the settlement services in the interface language (the rest: the back
    office's and the counter's wording)."""
    if not isinstance(exc, DomainError):
        return describe_backoffice(exc)
    d = exc.details

    def get(key: str) -> str:
        return str(d.get(key, ""))

    def bad_period() -> str:
        if "no such date" in exc.message:
            return QCoreApplication.translate(
                "SettlementScreen", "There is no such date: {value}"
            ).format(value=get("value"))
        kind = get("kind")
        if kind == "month":
            return QCoreApplication.translate(
                "SettlementScreen",
                "This store is settled by month: enter the period as YYYY-MM (e.g. 2026-10)",
            )
        if kind == "week":
            return QCoreApplication.translate(
                "SettlementScreen",
                "This store is settled by week: enter any day of the week as YYYY-MM-DD",
            )
        return QCoreApplication.translate(
            "SettlementScreen",
            "This store is settled by day: enter the day as YYYY-MM-DD (e.g. 2026-10-05)",
        )

    def permission() -> str:
        if get("permission") == "settle":
            return QCoreApplication.translate(
                "SettlementScreen", "You may not settle stores (managers and admins only)"
            )
        return describe_backoffice(exc)

    texts = {
        "bad_period": bad_period,
        "period_in_future": lambda: QCoreApplication.translate(
            "SettlementScreen", "The period {period} has not begun yet (today is {today})"
        ).format(period=get("period"), today=get("today")),
        "bad_period_kind": lambda: QCoreApplication.translate(
            "SettlementScreen", "The store's settlement period setting is not valid"
        ),
        "period_overlaps": lambda: QCoreApplication.translate(
            "SettlementScreen", "This period overlaps statement {statement}, already confirmed"
        ).format(statement=get("statement")),
        "period_not_over": lambda: QCoreApplication.translate(
            "SettlementScreen",
            "The period of statement {statement} is not over yet: confirm it from {ends} on",
        ).format(statement=get("statement"), ends=get("ends")),
        "already_confirmed": lambda: QCoreApplication.translate(
            "SettlementScreen", "Statement {statement} is already confirmed"
        ).format(statement=get("statement")),
        "already_settled": lambda: QCoreApplication.translate(
            "SettlementScreen", "Statement {statement} is already settled (payment {ref})"
        ).format(statement=get("statement"), ref=get("payment_ref") or "-"),
        "statement_not_confirmed": lambda: QCoreApplication.translate(
            "SettlementScreen", "Confirm statement {statement} before recording its payment"
        ).format(statement=get("statement")),
        "payment_ref_required": lambda: QCoreApplication.translate(
            "SettlementScreen", "Enter the payment reference (e.g. the bank transfer number)"
        ),
        "text_too_long": lambda: QCoreApplication.translate(
            "SettlementScreen", "The payment reference is at most {limit} characters"
        ).format(limit=get("limit")),
        "settled_in_future": lambda: QCoreApplication.translate(
            "SettlementScreen", "The payment date {day} is in the future"
        ).format(day=get("day")),
        "settled_before_period": lambda: QCoreApplication.translate(
            "SettlementScreen", "The payment date {day} is before the period began"
        ).format(day=get("day")),
        "store_not_allowed": lambda: QCoreApplication.translate(
            "SettlementScreen", "You may not settle store {store}"
        ).format(store=get("store")),
        "unknown_store": lambda: QCoreApplication.translate(
            "SettlementScreen", "There is no store {store}"
        ).format(store=get("store")),
        "unknown_statement": lambda: QCoreApplication.translate(
            "SettlementScreen", "This statement no longer exists"
        ),
        "bad_figure": lambda: QCoreApplication.translate(
            "SettlementScreen", "There are no records behind this figure"
        ),
        "settlement_busy": lambda: QCoreApplication.translate(
            "SettlementScreen",
            "Another statement of this store was being confirmed at the same time: try again",
        ),
        "bad_fee_rate": lambda: QCoreApplication.translate(
            "SettlementScreen", "The store's fee rate is not valid (0 to 100%)"
        ),
        "permission_denied": permission,
    }.get(exc.code)
    if texts is None:
        return describe_backoffice(exc)
    try:
        return texts()
    except (KeyError, IndexError, ValueError):  # a malformed refusal: the general wording
        return describe_backoffice(exc)


class SettlementScreen(QObject):
    def __init__(
        self,
        runner: OperationRunner,
        backend: SettlementBackend,
        actor: Actor,
        *,
        parent: QWidget,
        clock: Clock,
        ask_save_path: SavePathAsker | None = None,
        confirm: Confirmer | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.clock = clock
        self.view = SettlementAreaView(parent)
        self.widget: QWidget = self.view
        #: where an export goes (tests answer it themselves)
        self.ask_save_path: SavePathAsker = ask_save_path or save_dialog(
            self.widget, self.tr("Export statement")
        )
        #: the yes/no question before confirming (tests answer it themselves)
        self.confirm: Confirmer = confirm or yes_no_dialog(self.widget)
        self.stores: list[StoreChoice] = []
        self.filter = StatementFilter()
        #: the statement shown (None: none chosen yet)
        self.current: StatementView | None = None
        #: the records shown beside the figures
        self.drill: Drill | None = None
        #: the payment dialog while it is open
        self.settle_dialog: SettleDialog | None = None
        self._busy = False
        #: the lists of records the drill combo offers for the shown statement
        self._choices: list[Drill] = []
        self.model = statement_model(runner, page_size=PAGE_SIZE, parent=self)
        self.records = records_model(
            runner,
            lambda: self.current.timezone if self.current else CHINA_TZ,
            page_size=PAGE_SIZE,
            parent=self,
        )
        v = self.view
        v.table.setModel(self.model)
        v.records.setModel(self.records)
        keep_columns_fitted(v.table)
        keep_columns_fitted(v.records)
        self._fill_filters()
        self._wire()
        self._enable_actions()

    # -- conveniences for the people who read this, and for tests ---------------------------------
    @property
    def message(self):
        return self.view.message

    @property
    def figures(self) -> dict[str, QWidget]:
        """Every figure's amount widget, by key (``SALES_FIGURES``, ``SETTLEMENT_FIGURES``,
        ``pay:<method>``, ``refund:<method>``)."""
        card = self.view.figures
        return {**card.values, **card.method_values}

    # -- set-up -----------------------------------------------------------------------------------
    def _fill_filters(self) -> None:
        v = self.view
        v.state.addItem(self.tr("Any state"), None)
        for state in STATES:
            v.state.addItem(state_name(state), state)
        v.year.addItem(self.tr("All years"), None)
        this_year = business_date(self.clock.now(), CHINA_TZ).year
        for year in range(this_year, this_year - YEARS_BACK - 1, -1):
            v.year.addItem(str(year), year)
        v.period.setPlaceholderText(period_hint("month"))

    def _wire(self) -> None:
        v = self.view
        v.build.clicked.connect(self.build)
        v.period.returnPressed.connect(self.build)
        v.build_store.currentIndexChanged.connect(lambda _i: self._build_store_changed())
        v.search.clicked.connect(self.apply_filters)
        for combo in (v.store, v.state, v.year):
            combo.activated.connect(lambda _i: self.apply_filters())
        self.model.loaded.connect(self._list_loaded)
        self.model.failed.connect(self._show_error)
        v.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._selected(cur.row())
        )
        self.records.loaded.connect(self._records_loaded)
        self.records.failed.connect(self._show_error)
        for key, widget in self.view.figures.values.items():
            if isinstance(widget, QPushButton):
                widget.clicked.connect(lambda _=False, key=key: self.drill_figure(key))
        v.drill.activated.connect(lambda i: self._drill_chosen(i))
        v.refresh.clicked.connect(self.recount)
        v.confirm.clicked.connect(self.confirm_statement)
        v.settle.clicked.connect(self.open_settle)
        v.export_pdf.clicked.connect(lambda: self.export(".pdf"))
        v.export_xlsx.clicked.connect(lambda: self.export(".xlsx"))
        v.export_archive.clicked.connect(self.export_archive)

    def start(self) -> None:
        """Load the stores the manager may settle, then the first page of statements."""
        actor, backend = self.actor, self.backend
        self.runner.run(
            lambda: backend.stores(actor),
            kind="read",
            on_done=self._stores_loaded,
            on_error=self._show_error,
            owner=self.widget,
            label="settlement stores",
        )

    def _stores_loaded(self, stores: list[StoreChoice]) -> None:
        v = self.view
        self.stores = stores
        v.store.clear()
        v.build_store.clear()
        if len(stores) != 1:
            v.store.addItem(self.tr("All stores"), None)
        for s in stores:
            text = f"{s.code} {s.name}"
            v.store.addItem(text, s.code)
            v.build_store.addItem(text, s.code)
            v.build_store.setItemData(
                v.build_store.count() - 1,
                self.tr("Settled {kind}").format(kind=period_kind_name(s.settlement_period)),
                Qt.ItemDataRole.ToolTipRole,
            )
        self._build_store_changed()
        if not stores:
            set_message(self.message, self.tr("You may settle no store"))
        self.apply_filters()

    def _build_store(self) -> StoreChoice | None:
        code = self.view.build_store.currentData()
        return next((s for s in self.stores if s.code == code), None)

    def _build_store_changed(self) -> None:
        store = self._build_store()
        self.view.period.setPlaceholderText(
            period_hint(store.settlement_period if store else "month")
        )

    # -- the list ---------------------------------------------------------------------------------
    def apply_filters(self) -> None:
        v = self.view
        self.filter = StatementFilter(
            store_code=v.store.currentData(), state=v.state.currentData(), year=v.year.currentData()
        )
        self._reload()

    def _reload(self) -> None:
        self.view.summary.setText(self.tr("Loading…"))
        actor, backend, flt = self.actor, self.backend, self.filter
        self.model.reload(lambda offset, limit: backend.statement_page(actor, flt, offset, limit))

    def _list_loaded(self, total: int) -> None:
        self.view.summary.setText(self.tr("{count} statement(s)").format(count=total))
        self._select_current_row()

    def _select_current_row(self) -> None:
        if self.current is None:
            return
        for i, row in enumerate(self.model.rows()):
            if row.statement_id == self.current.statement_id:
                self.view.table.selectRow(i)
                return

    def _selected(self, row: int) -> None:
        chosen = self.model.row_at(row)
        if chosen is None:
            return  # the list was reloaded: the statement shown stays
        if self.current is not None and chosen.statement_id == self.current.statement_id:
            return
        set_message(self.message, "", "info")
        self._show(chosen)

    def _put_in_list(self, view: StatementView) -> None:
        if self.model.replace_row(lambda r: r.statement_id == view.statement_id, view) < 0:
            self._reload()
        else:
            self._select_current_row()

    # -- build ------------------------------------------------------------------------------------
    def build(self) -> None:
        """Build (or recount) the statement of the store and period in the build bar."""
        store = self._build_store()
        text = self.view.period.text().strip()
        if store is None:
            set_message(self.message, self.tr("Choose the store first"))
            return
        self._build(store.code, text)

    def recount(self) -> None:
        """Count the shown draft again from the records as they are now."""
        cur = self.current
        if cur is None or cur.state != "draft":
            return
        period = cur.period.label if cur.period.kind == "month" else cur.period.start.isoformat()
        self._build(cur.store_code, period)

    def _build(self, store_code: str, period: str) -> None:
        if self._busy:
            return
        self._set_busy(True)
        set_message(self.message, self.tr("Counting the records…"), "info")
        actor, backend = self.actor, self.backend
        self.runner.run(
            lambda: backend.build(actor, store_code, period),
            kind="write",
            on_done=self._built,
            on_error=self._refused,
            owner=self.widget,
            label="build statement",
        )

    def _built(self, view: StatementView) -> None:
        self._set_busy(False)
        if view.state == "draft":
            text = self.tr("Statement {no} counted: {count} sales, net {net}").format(
                no=view.statement_no,
                count=view.figures.sales_count,
                net=fmt_fen(view.figures.net_sales_fen),
            )
        else:
            text = self.tr("Statement {no} is {state}: its figures are frozen").format(
                no=view.statement_no, state=state_name(view.state)
            )
        self._show(view)
        self._put_in_list(view)
        set_message(self.message, text, "info")

    # -- the statement ----------------------------------------------------------------------------
    def _show(self, view: StatementView) -> None:
        same = self.current is not None and self.current.statement_id == view.statement_id
        self.current = view
        v = self.view
        v.detail.setCurrentIndex(1)
        v.statement_no.setText(view.statement_no)
        v.state_badge.setText(state_name(view.state))
        set_flag(v.state_badge, "state", view.state)
        v.heading.setText(self._heading(view))
        v.info.setText(self._info(view))
        v.info.setToolTip(v.info.text())
        self._show_figures(view.figures)
        choices = drill_choices(view.figures)
        v.drill.blockSignals(True)
        v.drill.clear()
        for choice in choices:
            v.drill.addItem(drill_title(choice))
        v.drill.blockSignals(False)
        self._choices = choices
        self._enable_actions()
        keep = self.drill if same and self.drill in choices else None
        self.drill_to(keep or Drill("sales"))

    def _heading(self, view: StatementView) -> str:
        return f"{view.store_code} {view.store_name}  ·  {period_text(view)}"

    def _info(self, view: StatementView) -> str:
        """How the store is settled, and what happened to the statement, when and by whom."""
        tz = view.timezone
        parts = [self.tr("Settled {kind}").format(kind=period_kind_name(view.period.kind))]
        if view.state == "draft" and view.built_at is not None:
            parts.append(
                self.tr("counted {at}: recount to include records arriving since").format(
                    at=_at(view.built_at, tz)
                )
            )
        if view.confirmed_at is not None:
            parts.append(
                self.tr("confirmed by {name} {at}").format(
                    name=view.confirmed_by or "-", at=_at(view.confirmed_at, tz)
                )
            )
        if view.state == "settled":
            parts.append(
                self.tr("paid {day}, ref. {ref}").format(
                    day=view.settled_on.isoformat() if view.settled_on else "-",
                    ref=view.payment_ref or "-",
                )
            )
        return "  ·  ".join(parts)

    def _show_figures(self, f: Figures) -> None:
        card = self.view.figures
        names = card.names
        values = card.values
        names["gross"].setText(self.tr("Gross sales ({count} sales)").format(count=f.sales_count))
        names["discounts"].setText(self.tr("Discounts"))
        names["coupons_platform"].setText(self.tr("Platform-funded coupons"))
        names["coupons_store"].setText(self.tr("Store-funded coupons"))
        names["refunds"].setText(self.tr("Refunds ({count})").format(count=f.refunds_count))
        names["net_sales"].setText(self.tr("Net sales"))
        names["card_keys"].setText(
            self.tr("incl. card keys ({count})").format(count=f.card_keys_count)
        )
        names["adjustments"].setText(
            self.tr("incl. late records ({count})").format(count=f.adjustments_count)
        )
        names["net_sales_in"].setText(self.tr("Net sales"))
        names["coupons_owed"].setText(self.tr("+ Platform coupons owed"))
        names["channel_orders"].setText(
            self.tr("+ Channel orders ({count})").format(count=f.channel_orders_count)
        )
        names["income"].setText(self.tr("Store income"))
        names["fee"].setText(self.tr("− Fee at {rate}").format(rate=fee_rate_text(f.fee_rate_bp)))
        names["cash"].setText(self.tr("− Cash kept by the store"))
        label, sentence = payable_words(f.payable_fen)
        names["payable"].setText(label)

        amounts = {
            "gross": f.gross_fen,
            "discounts": -f.discounts_fen,
            "coupons_platform": -f.coupons_platform_fen,
            "coupons_store": -f.coupons_store_fen,
            "refunds": -f.refunds_fen,
            "net_sales": f.net_sales_fen,
            "card_keys": f.card_keys_fen,
            "adjustments": f.adjustments_fen,
            "net_sales_in": f.net_sales_fen,
            "coupons_owed": f.coupons_platform_fen,
            "channel_orders": f.channel_orders_fen,
            "income": f.income_fen,
            "fee": -f.fee_fen,
            "cash": -f.cash_fen,
            "payable": abs(f.payable_fen),
        }
        for key, fen in amounts.items():
            values[key].setText(fmt_fen(fen))
            values[key].setAccessibleName(names[key].text())
        tips = {
            "gross": self.tr("The sales before any discount"),
            "discounts": self.tr("Line, order and price discounts (coupons are shown apart)"),
            "coupons_platform": self.tr("Coupons head office funds: owed to the store"),
            "coupons_store": self.tr("Coupons the store funds itself"),
            "refunds": self.tr("Money given back to customers"),
            "net_sales": self.tr("What the store's customers paid"),
            "card_keys": self.tr("Card-key lines within the sales above"),
            "adjustments": self.tr(
                "Records of earlier, already confirmed periods that arrived late: included above"
            ),
            "coupons_owed": self.tr("Coupons head office funds: owed to the store"),
            "channel_orders": self.tr(
                "E-commerce orders paid online to head office, handed over by the store"
            ),
            "income": self.tr("Net sales + platform coupons + channel orders"),
            "fee": self.tr("Head office's commission on the store's income"),
            "cash": self.tr("Cash taken minus cash refunded: the store keeps it"),
        }
        for key, tip in tips.items():
            values[key].setToolTip(tip)
            names[key].setToolTip(tip)
        payable = values["payable"]
        owed = "store" if f.payable_fen < 0 else "office"
        set_flag(payable, "owed", owed)
        set_flag(card.payable_box, "owed", owed)
        card.payable_sentence.setText(sentence)
        card.payable_formula.setText(
            self.tr("= income {income} − cash kept by the store {cash} − fee {fee}").format(
                income=fmt_fen(f.income_fen), cash=fmt_fen(f.cash_fen), fee=fmt_fen(f.fee_fen)
            )
        )
        card.payable_box.setToolTip(
            self.tr(
                "Everything but cash (cards, payment codes, member balance) is collected by "
                "head office; the store keeps its cash."
            )
        )
        rows = [
            (
                m,
                method_name(m),
                fmt_fen(f.by_method.get(m, 0)),
                fmt_fen(-f.refunds_by_method.get(m, 0)),
            )
            for m in methods_of(f)
        ]
        card.set_methods(rows, self.drill_figure)

    def _enable_actions(self) -> None:
        v, cur = self.view, self.current
        state = cur.state if cur else None
        v.refresh.setEnabled(state == "draft" and not self._busy)
        v.confirm.setEnabled(state == "draft" and not self._busy)
        v.settle.setEnabled(state == "confirmed" and not self._busy)
        v.export_pdf.setEnabled(cur is not None)
        v.export_xlsx.setEnabled(cur is not None)
        v.export_archive.setEnabled(cur is not None)
        v.build.setEnabled(not self._busy)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._enable_actions()

    # -- drill-down -------------------------------------------------------------------------------
    def drill_figure(self, key: str) -> None:
        """Show the records behind the figure ``key``."""
        drill = figure_drill(key)
        if drill is not None and self.current is not None:
            self.drill_to(drill)

    def _drill_chosen(self, index: int) -> None:
        if 0 <= index < len(self._choices):
            self.drill_to(self._choices[index])

    def drill_to(self, drill: Drill) -> None:
        cur = self.current
        if cur is None:
            return
        self.drill = drill
        v = self.view
        for key, widget in self.figures.items():
            if isinstance(widget, QPushButton):
                set_flag(widget, "current", figure_drill(key) == drill)
        choices = self._choices
        if drill in choices:
            v.drill.setCurrentIndex(choices.index(drill))
        v.drill_count.setText(self.tr("Loading…"))
        actor, backend, sid = self.actor, self.backend, cur.statement_id
        self.records.reload(
            lambda offset, limit: backend.records_page(
                actor, sid, drill.kind, drill.method, offset, limit
            )
        )

    def _records_loaded(self, total: int) -> None:
        self.view.drill_count.setText(self.tr("{count} record(s)").format(count=total))

    # -- confirm and settle -----------------------------------------------------------------------
    def confirm_statement(self) -> None:
        cur = self.current
        if cur is None or self._busy:
            return
        question = self.tr(
            "Confirm statement {no} ({store}, {period})?\n\n{payable}.\n\nIts figures are then "
            "frozen for good: records that arrive later go into the store's next statement as "
            "adjustments."
        ).format(
            no=cur.statement_no,
            store=cur.store_name,
            period=cur.period.label,
            payable=payable_words(cur.figures.payable_fen)[1],
        )
        if not self.confirm(self.tr("Confirm statement"), question):
            return
        self._set_busy(True)
        actor, backend, sid = self.actor, self.backend, cur.statement_id
        self.runner.run(
            lambda: backend.confirm(actor, sid),
            kind="write",
            on_done=lambda view: self._changed(
                view, self.tr("Statement {no} confirmed: its figures are frozen")
            ),
            on_error=self._refused,
            owner=self.widget,
            label="confirm statement",
        )

    def open_settle(self) -> None:
        """Ask the payment reference and date (a small dialog, not blocking the window)."""
        cur = self.current
        if cur is None or cur.state != "confirmed":
            return
        if self.settle_dialog is None:
            dialog = SettleDialog(self.widget)
            dialog.ok.clicked.connect(self._submit_settle)
            dialog.finished.connect(lambda _r: self.view.settle.setFocus())
            self.settle_dialog = dialog
        dialog = self.settle_dialog
        dialog.info.setText(
            self.tr("Statement {no} · {store} · {period}\n{payable}").format(
                no=cur.statement_no,
                store=cur.store_name,
                period=cur.period.label,
                payable=payable_words(cur.figures.payable_fen)[1],
            )
        )
        dialog.reference.clear()
        today = business_date(self.clock.now(), cur.timezone)
        dialog.day.setMaximumDate(QDate(today))
        dialog.day.setMinimumDate(QDate(cur.period.start))
        dialog.day.setDate(QDate(today))
        set_message(dialog.error, "")
        dialog.ok.setEnabled(True)
        dialog.open()
        dialog.reference.setFocus()

    def _submit_settle(self) -> None:
        dialog, cur = self.settle_dialog, self.current
        if dialog is None or cur is None:
            return
        ref = dialog.reference.text()
        day: date = dialog.day.date().toPython()
        dialog.ok.setEnabled(False)
        set_message(dialog.error, "")
        actor, backend, sid = self.actor, self.backend, cur.statement_id

        def done(view: StatementView) -> None:
            dialog.accept()
            self._changed(view, self.tr("Payment of statement {no} recorded"))

        def refused(exc: BaseException) -> None:
            dialog.ok.setEnabled(True)
            set_message(dialog.error, describe(exc))
            dialog.reference.setFocus()
            self._refused(exc)

        self._set_busy(True)
        self.runner.run(
            lambda: backend.settle(actor, sid, ref, day),
            kind="write",
            on_done=done,
            on_error=refused,
            owner=self.widget,
            label="settle statement",
        )

    def _changed(self, view: StatementView, text: str) -> None:
        self._set_busy(False)
        self._show(view)
        self._put_in_list(view)
        set_message(self.message, text.format(no=view.statement_no), "info")

    def _refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show_error(exc)

    def _show_error(self, exc: BaseException) -> None:
        set_message(self.message, describe(exc))

    # -- export -----------------------------------------------------------------------------------
    def export(self, suffix: str) -> None:
        """The shown statement as a PDF or an XLSX workbook, where the manager chooses."""
        cur = self.current
        if cur is None:
            return
        path = ask_path(self.ask_save_path, cur.statement_no, suffix)
        if path is None:
            return
        actor, backend, sid = self.actor, self.backend, cur.statement_id
        language = "en" if QLocale().language() == QLocale.Language.English else "zh_CN"
        written: list[Path] = []

        def job() -> int:
            if suffix == ".pdf":
                written.append(backend.export_pdf(actor, sid, path, language))
            else:
                written.append(backend.export_xlsx(actor, sid, path))
            return 1

        run_export(
            self.runner,
            describe=describe,
            message=self.message,
            owner=self.widget,
            path=path,
            job=job,
            label=f"export statement {suffix}",
            on_done=lambda _n: set_message(
                self.message,
                self.tr("Statement {no} saved to {path}").format(
                    no=cur.statement_no, path=str(written[0] if written else path)
                ),
                "info",
            ),
        )

    def export_archive(self) -> None:
        """The audit archive of the shown statement's store and month (the month its period
        starts in)."""
        cur = self.current
        if cur is None:
            return
        month = cur.period.start.strftime("%Y-%m")
        path = ask_path(self.ask_save_path, f"archive-{cur.store_code}-{month}", ".xlsx")
        if path is None:
            return
        actor, backend, store = self.actor, self.backend, cur.store_code

        def job() -> int:
            backend.export_archive(actor, store, month, path)
            return 1

        run_export(
            self.runner,
            describe=describe,
            message=self.message,
            owner=self.widget,
            path=path,
            job=job,
            label="export month archive",
            on_done=lambda _n: set_message(
                self.message,
                self.tr("Archive of {store} {month} saved to {path}").format(
                    store=store, month=month, path=str(path)
                ),
                "info",
            ),
        )


def _at(at: datetime | None, tz: str) -> str:
    return local_time(at, tz).strftime("%m-%d %H:%M") if at is not None else ""


__all__ = ["SettlementScreen", "describe", "fee_rate_text", "figure_drill"]
