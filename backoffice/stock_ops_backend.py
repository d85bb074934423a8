"""The stocktake (盘点), transfer (调拨) and stock reservation (锁定库存) areas' door to the
services: plain functions of plain data, each opening its own unit of work on the central
database, run on the operation runner's workers (never on the GUI thread).

Kept apart from ``backoffice.backend`` so these areas can grow without touching the other
stock areas' door; the composition root builds one over the same central ``Database``. The
rules (scope, one open sheet per warehouse, approval once, send / receive once, a reservation
ended once) are the services' (``services.stocktake``, ``services.transfers``,
``services.reservations``); this only shapes what the screens need: the warehouses to choose
from, the SKU a typed code names, list filters, the exports.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from backoffice import export
from shared.db.queries import inventory as stock_q
from shared.db.uow import Database, UnitOfWork
from shared.domain.errors import NotFound, PermissionDenied, ValidationError
from shared.domain.permissions import Perm, Role
from shared.services import auth, reservations, stocktake, transfers
from shared.services.auth import Actor
from shared.services.reservations import ReservationView
from shared.services.stocktake import (
    Approval,
    LineView,
    StocktakeSummary,
    StocktakeView,
    UncountedView,
)
from shared.services.transfers import (
    ReceivedLine,
    TransferLineInput,
    TransferSummary,
    TransferView,
)

#: the most rows a list shows (newest first): count sheets and transfers are documents a store
#: writes a few of a month, so a list this long spans years
LIST_LIMIT = 500
STOCKTAKE_STATUSES = ("open", "approved", "cancelled")
TRANSFER_STATUSES = ("draft", "in_transit", "received", "cancelled")
RESERVATION_STATES = reservations.STATES
RESERVATION_REASONS = reservations.REASONS


@dataclass(frozen=True)
class StocktakeQuery:
    """The count-sheet list's filters: a warehouse code and a status (None: any)."""

    warehouse: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class TransferQuery:
    """The transfer list's filters: from and to warehouse codes and a status (None: any)."""

    from_warehouse: str | None = None
    to_warehouse: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class ReservationQuery:
    """The reservation list's filters: a warehouse code, a state (None: any), part of a SKU
    code, barcode or name, part of a reference."""

    warehouse: str | None = None
    state: str | None = None
    sku: str | None = None
    reference: str | None = None


@dataclass(frozen=True)
class Listed:
    """A list as the screen shows it: the rows and whether more matched than are shown."""

    rows: list[Any]
    more: bool


class StockOpsBackend:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- warehouses, categories, SKUs -------------------------------------------------------------
    @staticmethod
    def _scope(actor: Actor) -> Collection[str] | None:
        """The stores whose warehouses ``actor`` works on (None: every warehouse)."""
        auth.require(actor, Perm.MANAGE_STOCK)
        return None if Role.ADMIN in actor.roles else actor.store_ids

    def _warehouse(self, uow: UnitOfWork, actor: Actor, code: str) -> stock_q.WarehouseChoice:
        scope = self._scope(actor)
        wh = stock_q.find_warehouse(uow.session, code or "")
        if wh is None:
            raise NotFound(
                f"no warehouse or store with code {(code or '')[:16]}", code="unknown_warehouse"
            )
        if scope is not None and wh.store_id not in scope:
            raise PermissionDenied(
                f"{actor.name} ({actor.account}) may not work on warehouse {wh.code}",
                code="warehouse_not_allowed",
                warehouse=wh.code,
            )
        return wh

    def warehouses(self, actor: Actor) -> list[stock_q.WarehouseChoice]:
        """The warehouses ``actor`` counts in and sends from: a manager's stores', an admin's
        all (active ones only)."""
        scope = self._scope(actor)
        with self.db.reader() as uow:
            return [
                w for w in stock_q.warehouse_choices(uow.session, scope) if w.status == "active"
            ]

    def destinations(self, actor: Actor) -> list[stock_q.WarehouseChoice]:
        """Every active warehouse: a transfer may go to another store's."""
        self._scope(actor)
        with self.db.reader() as uow:
            return [w for w in stock_q.warehouse_choices(uow.session, None) if w.status == "active"]

    def categories(self, actor: Actor) -> list[stock_q.CategoryChoice]:
        self._scope(actor)
        with self.db.reader() as uow:
            return stock_q.categories(uow.session)

    def find_sku(self, actor: Actor, warehouse: str, code: str) -> stock_q.StockRow:
        """The SKU a scanned or typed code names (SKU code, barcode, single-SKU product code),
        with its stock in ``warehouse``; refused as the transfer service would refuse it."""
        code = (code or "").strip()
        with self.db.reader() as uow:
            wh = self._warehouse(uow, actor, warehouse)
            found = stock_q.find_skus(uow.session, code, wh.warehouse_id) if len(code) <= 40 else []
        if not found:
            raise NotFound(
                f"no SKU, product or barcode {code[:40]}", code="unknown_sku", value=code[:40]
            )
        if len(found) > 1:
            raise ValidationError(
                f"product {code} has {len(found)} SKUs: give the SKU code",
                code="ambiguous_product",
                value=code,
                count=len(found),
            )
        return found[0]

    # -- stocktakes (盘点) --------------------------------------------------------------------------
    def stocktakes(self, actor: Actor, query: StocktakeQuery) -> Listed:
        """The count sheets of the actor's warehouses, newest first."""
        self._scope(actor)
        if query.status is not None and query.status not in STOCKTAKE_STATUSES:
            raise ValidationError(f"no status {query.status!r}", code="status")
        with self.db.reader() as uow:
            if query.warehouse:
                wh = self._warehouse(uow, actor, query.warehouse)
                if wh.warehouse_id is None:  # nothing was ever counted (or moved) there
                    return Listed([], False)
            rows = stocktake.list_stocktakes(
                uow,
                actor,
                warehouse=query.warehouse or None,
                status=query.status,
                limit=LIST_LIMIT + 1,
            )
        return Listed(rows[:LIST_LIMIT], len(rows) > LIST_LIMIT)

    def stocktake(self, actor: Actor, stocktake_id: str) -> StocktakeView:
        with self.db.reader() as uow:
            return stocktake.stocktake_detail(uow, actor, stocktake_id)

    def open_stocktake(
        self, actor: Actor, warehouse: str, category_id: str | None = None
    ) -> StocktakeView:
        """Open a count sheet (every SKU of the warehouse, or one category and those below it)."""
        with self.db.uow() as uow:
            sheet_id = stocktake.open_stocktake(
                uow, actor, warehouse=warehouse, category=category_id
            )
        return self.stocktake(actor, sheet_id)

    def count(
        self, actor: Actor, stocktake_id: str, code: str, qty_milli: int, mode: str = "add"
    ) -> LineView:
        """One scan (``add``: adds up) or a correction (``set``) on an open sheet."""
        with self.db.uow() as uow:
            return stocktake.record_count(uow, actor, stocktake_id, code, qty_milli, mode=mode)

    def approve_stocktake(
        self, actor: Actor, stocktake_id: str, *, uncounted_zero: bool = False
    ) -> Approval:
        with self.db.uow() as uow:
            return stocktake.approve_stocktake(
                uow, actor, stocktake_id, uncounted_zero=uncounted_zero
            )

    def cancel_stocktake(self, actor: Actor, stocktake_id: str) -> StocktakeView:
        with self.db.uow() as uow:
            stocktake.cancel_stocktake(uow, actor, stocktake_id)
        return self.stocktake(actor, stocktake_id)

    def export_stocktake(
        self,
        actor: Actor,
        stocktake_id: str,
        path: Path,
        headers: Sequence[str],
        line_cells: Callable[[LineView], Sequence[Any]],
        uncounted_cells: Callable[[UncountedView], Sequence[Any]],
    ) -> int:
        """The sheet as it is now (counted lines, then what is not counted yet) into ``path``
        (.csv or .xlsx)."""
        view = self.stocktake(actor, stocktake_id)
        rows = [list(line_cells(ln)) for ln in view.lines]
        rows += [list(uncounted_cells(u)) for u in view.uncounted]
        return export.write_table(path, headers, [rows] if rows else [])

    # -- transfers (调拨) ---------------------------------------------------------------------------
    def transfers(self, actor: Actor, query: TransferQuery) -> Listed:
        """Transfers out of or into the actor's warehouses, newest first, filtered by where they
        go from and to."""
        self._scope(actor)
        if query.status is not None and query.status not in TRANSFER_STATUSES:
            raise ValidationError(f"no status {query.status!r}", code="status")
        src = (query.from_warehouse or "").strip().upper() or None
        dst = (query.to_warehouse or "").strip().upper() or None
        with self.db.reader() as uow:
            rows = transfers.list_transfers(uow, actor, status=query.status, limit=1000)
        rows = [
            r
            for r in rows
            if (src is None or r.from_warehouse == src) and (dst is None or r.to_warehouse == dst)
        ]
        return Listed(rows[:LIST_LIMIT], len(rows) > LIST_LIMIT)

    def transfer(self, actor: Actor, transfer_id: str) -> TransferView:
        with self.db.reader() as uow:
            return transfers.transfer_detail(uow, actor, transfer_id)

    def create_transfer(
        self,
        actor: Actor,
        *,
        from_warehouse: str,
        to_warehouse: str,
        lines: list[TransferLineInput],
        note: str = "",
    ) -> TransferView:
        """A draft transfer (nothing moves until it is sent)."""
        with self.db.uow() as uow:
            transfer_id = transfers.create_transfer(
                uow,
                actor,
                from_warehouse=from_warehouse,
                to_warehouse=to_warehouse,
                lines=lines,
                note=note,
            )
        return self.transfer(actor, transfer_id)

    def send_transfer(self, actor: Actor, transfer_id: str) -> TransferView:
        with self.db.uow() as uow:
            return transfers.send_transfer(uow, actor, transfer_id)

    def receive_transfer(
        self, actor: Actor, transfer_id: str, received: list[ReceivedLine] | None = None
    ) -> TransferView:
        with self.db.uow() as uow:
            return transfers.receive_transfer(uow, actor, transfer_id, received)

    def cancel_transfer(self, actor: Actor, transfer_id: str) -> TransferView:
        with self.db.uow() as uow:
            transfers.cancel_transfer(uow, actor, transfer_id)
        return self.transfer(actor, transfer_id)

    # -- stock reservations (锁定库存) ----------------------------------------------------------------
    def expire_reservations(self) -> int:
        """End the reservations past their expiry (the central clock) before stock is read:
        looks in a read first, and writes only when one is due."""
        with self.db.reader() as uow:
            if not reservations.any_due(uow, uow.clock.now()):
                return 0
        with self.db.uow() as uow:
            return reservations.expire_due(uow, uow.clock.now())

    def _list_reservations(
        self, uow: UnitOfWork, actor: Actor, query: ReservationQuery, limit: int | None
    ) -> list[ReservationView]:
        return reservations.list_reservations(
            uow,
            actor,
            warehouse=query.warehouse or None,
            state=query.state or None,
            sku=query.sku,
            reference=query.reference,
            limit=limit,
        )

    def reservations(self, actor: Actor, query: ReservationQuery) -> Listed:
        """The reservations of the actor's warehouses, newest first (what expired, ended)."""
        self._scope(actor)
        self.expire_reservations()
        with self.db.reader() as uow:
            rows = self._list_reservations(uow, actor, query, LIST_LIMIT + 1)
        return Listed(rows[:LIST_LIMIT], len(rows) > LIST_LIMIT)

    def reservation(self, actor: Actor, reservation_id: str) -> ReservationView:
        with self.db.reader() as uow:
            return reservations.reservation_detail(uow, actor, reservation_id)

    def reserve(
        self,
        actor: Actor,
        *,
        warehouse: str,
        sku_code: str,
        qty_milli: int,
        reason: str,
        reference: str = "",
        expires_at: datetime | None = None,
    ) -> ReservationView:
        with self.db.uow() as uow:
            return reservations.reserve(
                uow,
                actor,
                warehouse=warehouse,
                sku_code=sku_code,
                qty_milli=qty_milli,
                reason=reason,
                reference=reference,
                expires_at=expires_at,
            )

    def release_reservation(self, actor: Actor, reservation_id: str) -> ReservationView:
        with self.db.uow() as uow:
            return reservations.release(uow, actor, reservation_id)

    def fulfil_reservation(self, actor: Actor, reservation_id: str) -> ReservationView:
        with self.db.uow() as uow:
            return reservations.fulfil(uow, actor, reservation_id)

    def export_reservations(
        self,
        actor: Actor,
        query: ReservationQuery,
        path: Path,
        headers: Sequence[str],
        cells: Callable[[ReservationView], Sequence[Any]],
    ) -> int:
        """Every reservation matching ``query`` (not only the rows shown) into ``path`` (.csv or
        .xlsx)."""
        self._scope(actor)
        self.expire_reservations()
        with self.db.reader() as uow:
            rows = [list(cells(r)) for r in self._list_reservations(uow, actor, query, None)]
        return export.write_table(path, headers, [rows] if rows else [])


__all__ = [
    "LIST_LIMIT",
    "RESERVATION_REASONS",
    "RESERVATION_STATES",
    "STOCKTAKE_STATUSES",
    "TRANSFER_STATUSES",
    "Approval",
    "LineView",
    "Listed",
    "ReceivedLine",
    "ReservationQuery",
    "ReservationView",
    "StockOpsBackend",
    "StocktakeQuery",
    "StocktakeSummary",
    "StocktakeView",
    "TransferLineInput",
    "TransferQuery",
    "TransferSummary",
    "TransferView",
    "UncountedView",
]
