"""The 商品 area's door to the services: plain functions of plain data, each opening its own unit
of work on the central database, run on the operation runner's workers (never on the GUI
thread).

Kept apart from ``backoffice.backend`` like ``channel_backend``; the composition root builds one
over the same central ``Database``. The rules are ``services.catalog_admin``'s. Before the
product list is read, the scheduled on-shelf / off-shelf times that are due are applied
(``sync.shelf_schedule``: a read first, a write only when one is due), so the list never
shows a schedule whose time has passed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from backoffice import export
from shared.db.uow import Database
from shared.domain.permissions import Perm
from shared.services import catalog_admin, product_io
from shared.services.auth import Actor, require
from shared.services.catalog_admin import (
    CategoryRow,
    Page,
    ProductDetail,
    ProductInput,
    ProductQuery,
    ProductRow,
    StorePriceRow,
)
from shared.sync import shelf_schedule

#: an export reads the list this many rows at a time
EXPORT_BATCH = 500


class CatalogBackend:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- categories -------------------------------------------------------------------------------
    def categories(self, actor: Actor) -> list[CategoryRow]:
        with self.db.reader() as uow:
            return catalog_admin.categories(uow, actor)

    def create_category(self, actor: Actor, name: str, parent_id: str | None) -> CategoryRow:
        with self.db.uow() as uow:
            return catalog_admin.create_category(uow, actor, name, parent_id)

    def rename_category(self, actor: Actor, category_id: str, name: str) -> CategoryRow:
        with self.db.uow() as uow:
            return catalog_admin.rename_category(uow, actor, category_id, name)

    def move_category(self, actor: Actor, category_id: str, step: int) -> CategoryRow:
        with self.db.uow() as uow:
            return catalog_admin.move_category(uow, actor, category_id, step)

    def delete_category(self, actor: Actor, category_id: str) -> None:
        with self.db.uow() as uow:
            catalog_admin.delete_category(uow, actor, category_id)

    # -- products ---------------------------------------------------------------------------------
    def apply_schedules(self) -> int:
        """The scheduled on / off shelf times that are due, applied (0: none was due)."""
        return shelf_schedule.apply_due_in(self.db)

    def product_page(self, actor: Actor, query: ProductQuery, offset: int, limit: int) -> Page:
        require(actor, Perm.MANAGE_CATALOG)
        if offset == 0:  # a (re)load: what is due first
            self.apply_schedules()
        with self.db.reader() as uow:
            return catalog_admin.list_products(uow, actor, query, offset, limit)

    def product_detail(self, actor: Actor, product_id: str) -> ProductDetail:
        require(actor, Perm.MANAGE_CATALOG)
        self.apply_schedules()
        with self.db.reader() as uow:
            return catalog_admin.product_detail(uow, actor, product_id)

    def save_product(
        self,
        actor: Actor,
        product_id: str | None,
        data: ProductInput,
        *,
        expected_updated_at: datetime | None = None,
    ) -> ProductDetail:
        """Create (``product_id`` None) or update a product; its detail as saved."""
        with self.db.uow() as uow:
            if product_id is None:
                new_id = catalog_admin.create_product(uow, actor, data)
                return catalog_admin.product_detail(uow, actor, new_id)
            return catalog_admin.update_product(
                uow, actor, product_id, data, expected_updated_at=expected_updated_at
            )

    def set_product_status(self, actor: Actor, product_id: str, status: str) -> ProductRow:
        with self.db.uow() as uow:
            return catalog_admin.set_product_status(uow, actor, product_id, status)

    def export_products(
        self,
        actor: Actor,
        query: ProductQuery,
        path: Path,
        headers: Sequence[str],
        cells: Callable[[ProductRow], Sequence[Any]],
    ) -> int:
        """Every product matching ``query`` (not only the loaded pages) into ``path`` (.csv or
        .xlsx), a batch at a time. Returns the number of rows written."""

        def batches():
            offset = 0
            while True:
                with self.db.reader() as uow:
                    page = catalog_admin.list_products(uow, actor, query, offset, EXPORT_BATCH)
                if not page.rows:
                    return
                yield [cells(r) for r in page.rows]
                offset += len(page.rows)
                if offset >= page.total:
                    return

        return export.write_table(path, headers, batches())

    def write_template(self, path: Path) -> Path:
        """The product import's template (``product_io``), for the area's own button."""
        return product_io.write_template(path, "products")

    # -- store prices -----------------------------------------------------------------------------
    def store_prices(self, actor: Actor, sku_id: str) -> list[StorePriceRow]:
        with self.db.reader() as uow:
            return catalog_admin.store_prices(uow, actor, sku_id)

    def set_store_price(
        self, actor: Actor, sku_id: str, store_id: str, price_fen: int
    ) -> StorePriceRow:
        with self.db.uow() as uow:
            return catalog_admin.set_store_price(uow, actor, sku_id, store_id, price_fen)

    def clear_store_price(self, actor: Actor, sku_id: str, store_id: str) -> StorePriceRow:
        with self.db.uow() as uow:
            return catalog_admin.clear_store_price(uow, actor, sku_id, store_id)
