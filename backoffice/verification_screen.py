"""核销记录: the verification records (结算数据) of the stores the manager may read, filtered by
time range, coupon name, store and kind, read a page at a time, exported to CSV or XLSX (every
matching record, not only the loaded pages)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from backoffice.area_kit import SavePathAsker, ask_path, run_export, save_dialog
from backoffice.backend import PAGE_SIZE, BackofficeBackend
from backoffice.coupon_models import (
    CHINA_TZ,
    kind_name,
    local,
    shown_code,
    type_name,
    verification_model,
    verification_status_name,
)
from backoffice.coupon_screen import describe, from_qt, to_qt
from backoffice.coupon_views import VerificationAreaView, keep_columns_fitted
from backoffice.views import set_message
from shared.db.queries.coupons import VerificationRow
from shared.domain.clock import Clock, business_date, local_time
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor
from shared.services.coupons import VERIFICATION_KINDS, StoreChoice, VerificationQuery


def _yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


class VerificationScreen(QObject):
    def __init__(
        self,
        runner: OperationRunner,
        backend: BackofficeBackend,
        actor: Actor,
        *,
        parent: QWidget,
        clock: Clock,
        ask_save_path: SavePathAsker | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.clock = clock
        self.query = VerificationQuery()
        self.view = VerificationAreaView(parent)
        self.widget = self.view
        #: where an export goes (tests answer it themselves)
        self.ask_save_path: SavePathAsker = ask_save_path or save_dialog(
            self.view, self.tr("Export verification records")
        )
        self.model = verification_model(runner, page_size=PAGE_SIZE, parent=self)
        self.view.table.setModel(self.model)
        keep_columns_fitted(self.view.table)
        self._texts()
        self._default_range()
        self._wire()

    def _texts(self) -> None:
        v = self.view
        v.title.setText(self.tr("Verification records"))
        v.by_time.setText(self.tr("Time"))
        v.coupon_label.setText(self.tr("Coupon"))
        v.coupon_name.setPlaceholderText(self.tr("Part of the name"))
        v.kind.addItem(self.tr("All kinds"), None)
        for kind in VERIFICATION_KINDS:
            v.kind.addItem(kind_name(kind), kind)
        v.search.setText(self.tr("Search"))
        v.export_csv.setText(self.tr("Export CSV"))
        v.export_xlsx.setText(self.tr("Export XLSX"))

    def _default_range(self) -> None:
        """The last seven days up to the end of today (China time), until the manager chooses."""
        now = local_time(self.clock.now(), CHINA_TZ)
        end = now.replace(hour=23, minute=59, second=0, microsecond=0)
        start = (now - timedelta(days=7)).replace(hour=0, minute=0, second=0, microsecond=0)
        self.view.date_from.setDateTime(to_qt(start))
        self.view.date_to.setDateTime(to_qt(end))

    def _wire(self) -> None:
        v = self.view
        v.search.clicked.connect(self.apply_filters)
        v.coupon_name.returnPressed.connect(self.apply_filters)
        v.store.activated.connect(lambda _i: self.apply_filters())
        v.kind.activated.connect(lambda _i: self.apply_filters())
        v.by_time.toggled.connect(self._time_toggled)
        v.export_csv.clicked.connect(lambda: self.export(".csv"))
        v.export_xlsx.clicked.connect(lambda: self.export(".xlsx"))
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)

    def _failed(self, exc: BaseException) -> None:
        set_message(self.view.message, describe(exc))

    def _time_toggled(self, on: bool) -> None:
        self.view.date_from.setEnabled(on)
        self.view.date_to.setEnabled(on)

    def start(self) -> None:
        """Load the stores the manager may read, then the first page of records."""
        self.runner.run(
            lambda: self.backend.verification_stores(self.actor),
            on_done=self._stores_loaded,
            on_error=self._failed,
            owner=self.view,
            label="verification stores",
        )

    def _stores_loaded(self, stores: list[StoreChoice]) -> None:
        combo = self.view.store
        combo.clear()
        if len(stores) != 1:
            combo.addItem(self.tr("All stores"), None)
        for s in stores:
            combo.addItem(f"{s.code} {s.name}", s.code)
        self.apply_filters()

    def _filters(self) -> VerificationQuery:
        v = self.view
        timed = v.by_time.isChecked()
        return VerificationQuery(
            date_from=from_qt(v.date_from.dateTime()) if timed else None,
            date_to=from_qt(v.date_to.dateTime()) if timed else None,
            coupon_name=v.coupon_name.text().strip() or None,
            store_code=v.store.currentData(),
            kind=v.kind.currentData(),
        )

    def apply_filters(self) -> None:
        self.query = self._filters()
        set_message(self.view.message, "", "info")
        self.view.summary.setText(self.tr("Loading…"))
        query, actor, backend = self.query, self.actor, self.backend
        self.model.reload(
            lambda offset, limit: backend.verification_page(actor, query, offset, limit)
        )

    def _loaded(self, total: int) -> None:
        self.view.summary.setText(self.tr("{count} records").format(count=total))

    # -- export ------------------------------------------------------------------------------------
    def _headers(self) -> list[str]:
        return [
            self.tr("Verified at"),
            self.tr("Order no."),
            self.tr("Kind"),
            self.tr("Code"),
            self.tr("Coupon ID"),
            self.tr("Coupon"),
            self.tr("Coupon type"),
            self.tr("Verifier ID"),
            self.tr("Verifier"),
            self.tr("Store"),
            self.tr("Store ID"),
            self.tr("Status"),
            self.tr("Amount off"),
        ]

    @staticmethod
    def _cells(r: VerificationRow) -> list[object]:
        return [
            local(r.at, r.store_timezone, "%Y-%m-%d %H:%M:%S"),
            r.order_no,
            kind_name(r.kind),
            shown_code(r),
            r.coupon_id or "",
            r.coupon_name,
            type_name(r.coupon_type) if r.coupon_type else "",
            r.verifier_id,
            r.verifier_name,
            f"{r.store_code} {r.store_name}".strip(),
            r.store_id,
            verification_status_name(r.status),
            _yuan(r.amount_fen),
        ]

    def export(self, suffix: str) -> None:
        day = business_date(self.clock.now(), CHINA_TZ).isoformat()
        path = ask_path(self.ask_save_path, f"verifications-{day}", suffix)
        if path is None:
            return
        headers, cells = self._headers(), self._cells
        actor, backend, query = self.actor, self.backend, self.query
        run_export(
            self.runner,
            describe=describe,
            message=self.view.message,
            owner=self.view,
            path=path,
            job=lambda: backend.export_verifications(actor, query, path, headers, cells),
            label="export verifications",
        )
