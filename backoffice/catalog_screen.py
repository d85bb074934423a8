"""商品 (SPEC §2): the catalog area of the back office.

On the left the category tree (three levels): add a category, add one below the chosen one,
rename, move up or down among its siblings, delete (only an empty one, after a question). The
chosen category filters the product list on the right, its sub-categories included.

The product list is read a page (100 rows) at a time and sorted on the server by the column
clicked; it is filtered by a search (code, SKU code, name, pinyin initials, the start of a
barcode), the status and the kind. Actions: a new product and editing one (``product_dialog``:
the product's fields, specs and SKU grid, scheduled on / off shelf), putting it on or off shelf
now, its SKUs' store prices (a dialog: a manager sees and sets his own stores', an admin every
store's), the product import and its template (``import_dialog`` over ``services.product_io``),
and exporting the list (every matching row) to CSV or XLSX. Before the list is read, the
scheduled on / off shelf times that are due are applied (``CatalogBackend.product_page``).

Behaviour only: the layout is ``catalog_views`` (and ``product_dialog``), rows and their text
``catalog_models``, the rules ``services.catalog_admin``. Every call to the central database
goes through the operation runner.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QInputDialog, QTreeWidgetItem, QWidget

from backoffice import area_kit
from backoffice.area_kit import Confirmer, SavePathAsker
from backoffice.backend import PAGE_SIZE, BackofficeBackend
from backoffice.catalog_backend import CatalogBackend
from backoffice.catalog_models import (
    CHINA_TZ,
    describe,
    kind_name,
    local,
    product_model,
    status_name,
    store_price_model,
)
from backoffice.catalog_views import CatalogAreaView, StorePriceDialogView
from backoffice.coupon_views import keep_columns_fitted
from backoffice.import_dialog import ImportDialog, OpenPathAsker
from backoffice.product_dialog import ProductEditor
from backoffice.views import set_message
from shared.db.queries.catalog_admin import CategoryRow, ProductRow, StorePriceRow
from shared.domain.clock import Clock, business_date
from shared.domain.errors import ValidationError
from shared.qt.money import fmt_fen, fmt_plain, parse_fen
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor
from shared.services.catalog_admin import (
    KINDS,
    MAX_CATEGORY_LEVELS,
    STATUSES,
    ProductDetail,
    ProductQuery,
)

#: asks for a line of text: (parent, title, label, text) -> the text, or None when cancelled
TextAsker = Callable[[QWidget, str, str, str], str | None]
#: where a tree item keeps its category id (None: every category)
CATEGORY_ROLE = Qt.ItemDataRole.UserRole
COUNT_TEXT = "#78909c"


def _ask_text(parent: QWidget, title: str, label: str, text: str) -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


def _yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else (Decimal(fen) / 100).quantize(Decimal("0.01"))


# -- store prices ----------------------------------------------------------------------------------


class StorePriceEditor(QObject):
    """门店价格 of a product's SKUs: the stores the actor may price, each with head office's
    price and its own; set a store's price or let it sell at head office's again."""

    changed = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: CatalogBackend,
        actor: Actor,
        detail: ProductDetail,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.detail = detail
        self.rows: list[StorePriceRow] = []
        v = self.view = StorePriceDialogView(parent)
        self.setParent(v)
        self.model = store_price_model(self)
        v.table.setModel(self.model)
        v.setWindowTitle(self.tr("Store prices"))
        p = detail.product
        v.product.setText(self.tr("{code} {name}").format(code=p.code, name=p.name))
        v.sku_label.setText(self.tr("SKU"))
        v.price_label.setText(self.tr("Store price (yuan)"))
        v.price.setPlaceholderText(self.tr("e.g. 3.80"))
        v.set_price.setText(self.tr("Set store price"))
        v.clear_price.setText(self.tr("Use head-office price"))
        v.close_button.setText(self.tr("Close"))
        for sku in detail.skus:
            specs = " ".join(x for x in (sku.spec1, sku.spec2) if x)
            text = f"{sku.code}  {specs}  {fmt_fen(sku.price_fen)}".replace("    ", "  ")
            v.sku.addItem(text, sku.sku_id)
        v.sku.currentIndexChanged.connect(lambda _i: self.load())
        v.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._chosen(cur.row())
        )
        v.set_price.clicked.connect(self.set_price)
        v.price.returnPressed.connect(self.set_price)
        v.clear_price.clicked.connect(self.clear_price)
        v.close_button.clicked.connect(v.reject)
        self._enable()

    @property
    def sku_id(self) -> str | None:
        return self.view.sku.currentData()

    @property
    def current(self) -> StorePriceRow | None:
        return self.model.row_at(self.view.table.currentIndex().row())

    def open(self) -> None:
        self.view.open()
        self.load()

    def load(self, keep: str | None = None) -> None:
        sku_id = self.sku_id
        if sku_id is None:
            return
        actor, backend = self.actor, self.backend
        self.runner.run(
            lambda: backend.store_prices(actor, sku_id),
            kind="read",
            on_done=lambda rows: self._loaded(rows, keep),
            on_error=self._failed,
            owner=self.view,
            label="store prices",
        )

    def _loaded(self, rows: list[StorePriceRow], keep: str | None) -> None:
        self.model.set_rows(rows)
        if not rows:
            set_message(self.view.message, self.tr("You may not price any store"))
        at = next((i for i, r in enumerate(rows) if r.store_id == keep), 0)
        if rows:
            self.view.table.selectRow(at)
            self._chosen(at)
        self._enable()

    def _chosen(self, row: int) -> None:
        r = self.model.row_at(row)
        self.view.price.setText(fmt_plain(r.effective_fen) if r is not None else "")
        self._enable()

    def _enable(self) -> None:
        r = self.current
        self.view.set_price.setEnabled(r is not None)
        self.view.clear_price.setEnabled(r is not None and r.price_fen is not None)

    def _failed(self, exc: BaseException) -> None:
        self._enable()
        set_message(self.view.message, describe(exc))

    def set_price(self) -> None:
        r = self.current
        if r is None:
            return
        set_message(self.view.message, "", "info")
        try:
            price = parse_fen(self.view.price.text(), field="price_fen", allow_negative=True)
        except ValidationError as exc:
            self._failed(exc)
            return
        actor, backend = self.actor, self.backend
        self.view.set_price.setEnabled(False)
        self.runner.run(
            lambda: backend.set_store_price(actor, r.sku_id, r.store_id, price),
            kind="write",
            on_done=self._saved,
            on_error=self._failed,
            owner=self.view,
            label="set store price",
        )

    def clear_price(self) -> None:
        r = self.current
        if r is None:
            return
        set_message(self.view.message, "", "info")
        actor, backend = self.actor, self.backend
        self.view.clear_price.setEnabled(False)
        self.runner.run(
            lambda: backend.clear_store_price(actor, r.sku_id, r.store_id),
            kind="write",
            on_done=self._saved,
            on_error=self._failed,
            owner=self.view,
            label="clear store price",
        )

    def _saved(self, row: StorePriceRow) -> None:
        text = (
            self.tr("{store} sells at {price}").format(
                store=row.store_code, price=fmt_fen(row.effective_fen)
            )
            if row.price_fen is not None
            else self.tr("{store} sells at head office's price {price}").format(
                store=row.store_code, price=fmt_fen(row.default_fen)
            )
        )
        set_message(self.view.message, text, "info")
        self.changed.emit(row)
        self.load(keep=row.store_id)


# -- 商品 ------------------------------------------------------------------------------------------


class CatalogScreen(QObject):
    def __init__(
        self,
        runner: OperationRunner,
        backend: CatalogBackend,
        actor: Actor,
        *,
        parent: QWidget,
        clock: Clock,
        ask_save_path: SavePathAsker | None = None,
        ask_open_path: OpenPathAsker | None = None,
        confirm: Confirmer | None = None,
        ask_text: TextAsker | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.clock = clock
        self.view = CatalogAreaView(parent)
        self.widget = self.view
        self.ask_save_path: SavePathAsker = ask_save_path or area_kit.save_dialog(
            self.view, self.tr("Export products")
        )
        self.ask_open_path = ask_open_path
        # asks before deleting a category (tests answer for the manager)
        self.confirm: Confirmer = confirm or area_kit.yes_no_dialog(self.view)
        self.ask_text: TextAsker = ask_text or _ask_text
        self.categories: list[CategoryRow] = []
        self.category_id: str | None = None
        self.query = ProductQuery()
        self.current: ProductRow | None = None
        self._keep_product: str | None = None
        self.editor: ProductEditor | None = None
        self.prices: StorePriceEditor | None = None
        self.importer: ImportDialog | None = None
        self.model = product_model(runner, page_size=PAGE_SIZE, parent=self)
        self.view.table.setModel(self.model)
        keep_columns_fitted(self.view.table)
        self.view.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.table.setSortingEnabled(True)
        self.model.sort_requested = self._sort
        self.started = False
        self._texts()
        self._wire()
        self._enable_category_actions()
        self._enable_product_actions()
        self.view.installEventFilter(self)

    # -- texts and wiring ----------------------------------------------------------------------
    def _texts(self) -> None:
        v = self.view
        v.category_title.setText(self.tr("Categories"))
        v.add_category.setText(self.tr("Add"))
        v.add_category.setToolTip(self.tr("Add a top-level category"))
        v.add_child.setText(self.tr("Add below"))
        v.add_child.setToolTip(
            self.tr("Add a category below the chosen one (at most {levels} levels)").format(
                levels=MAX_CATEGORY_LEVELS
            )
        )
        v.rename_category.setText(self.tr("Rename"))
        v.move_up.setText(self.tr("Up"))
        v.move_down.setText(self.tr("Down"))
        v.delete_category.setText(self.tr("Delete"))
        v.delete_category.setToolTip(self.tr("Only a category without products or sub-categories"))
        v.title.setText(self.tr("Products"))
        v.text.setPlaceholderText(self.tr("Code, name, pinyin or barcode"))
        v.status.addItem(self.tr("Any status"), None)
        for status in STATUSES:
            v.status.addItem(status_name(status), status)
        v.kind.addItem(self.tr("Any kind"), None)
        for kind in KINDS:
            v.kind.addItem(kind_name(kind), kind)
        v.search.setText(self.tr("Search"))
        v.reset.setText(self.tr("Reset"))
        v.export_csv.setText(self.tr("Export CSV"))
        v.export_xlsx.setText(self.tr("Export XLSX"))
        v.new.setText(self.tr("New product"))
        v.edit.setText(self.tr("Edit"))
        v.on_shelf.setText(self.tr("Put on shelf"))
        v.off_shelf.setText(self.tr("Take off shelf"))
        v.store_prices.setText(self.tr("Store prices…"))
        v.import_products.setText(self.tr("Import products…"))
        v.template.setText(self.tr("Download template…"))

    def _wire(self) -> None:
        v = self.view
        v.tree.currentItemChanged.connect(lambda cur, _prev: self._category_chosen(cur))
        v.add_category.clicked.connect(lambda: self.add_category(None))
        v.add_child.clicked.connect(lambda: self.add_category(self.category_id))
        v.rename_category.clicked.connect(self.rename_category)
        v.move_up.clicked.connect(lambda: self.move_category(-1))
        v.move_down.clicked.connect(lambda: self.move_category(1))
        v.delete_category.clicked.connect(self.delete_category)
        v.search.clicked.connect(self.apply_filters)
        v.text.returnPressed.connect(self.apply_filters)
        v.reset.clicked.connect(self.reset_filters)
        for combo in (v.status, v.kind):
            combo.activated.connect(lambda _i: self.apply_filters())
        v.new.clicked.connect(lambda: self._open_editor(None))
        v.edit.clicked.connect(self.edit_product)
        v.table.doubleClicked.connect(lambda _index: self.edit_product())
        v.on_shelf.clicked.connect(lambda: self.set_status("on"))
        v.off_shelf.clicked.connect(lambda: self.set_status("off"))
        v.store_prices.clicked.connect(self.store_prices)
        v.import_products.clicked.connect(self.open_import)
        v.template.clicked.connect(self.download_template)
        v.export_csv.clicked.connect(lambda: self.export(".csv"))
        v.export_xlsx.clicked.connect(lambda: self.export(".xlsx"))
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        v.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._selected(cur.row())
        )

    def _failed(self, exc: BaseException) -> None:
        set_message(self.view.message, describe(exc))

    # -- showing -------------------------------------------------------------------------------
    def start(self) -> None:
        """Load when the area is first shown: an area not opened reads nothing at sign-in."""
        if self.view.isVisible():
            self._first_load()

    def _first_load(self) -> None:
        self.started = True
        self.load_categories()
        self.apply_filters()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view and event.type() == QEvent.Type.Show:
            if not self.started:
                self._first_load()
            else:  # shown again: what changed meanwhile (an import, a schedule due)
                self.load_categories()
                self.refresh()
        return False

    def refresh(self) -> None:
        self._keep_product = self.current.product_id if self.current is not None else None
        self._reload()

    # -- categories ----------------------------------------------------------------------------
    def load_categories(self, keep: str | None = None) -> None:
        actor, backend = self.actor, self.backend
        keep = keep if keep is not None else self.category_id
        self.runner.run(
            lambda: backend.categories(actor),
            kind="read",
            on_done=lambda rows: self._categories_loaded(rows, keep),
            on_error=self._failed,
            owner=self.view,
            label="categories",
        )

    def _categories_loaded(self, rows: list[CategoryRow], keep: str | None) -> None:
        self.categories = rows
        tree = self.view.tree
        tree.blockSignals(True)
        tree.clear()
        everything = QTreeWidgetItem([self.tr("All categories"), ""])
        everything.setData(0, CATEGORY_ROLE, None)
        tree.addTopLevelItem(everything)
        items: dict[str, QTreeWidgetItem] = {}
        chosen = everything
        grey = QBrush(QColor(COUNT_TEXT))
        for c in rows:
            item = QTreeWidgetItem([c.name, str(c.products) if c.products else ""])
            item.setData(0, CATEGORY_ROLE, c.category_id)
            item.setForeground(1, grey)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(
                0,
                self.tr("{name}: {products} products, {children} sub-categories").format(
                    name=c.name, products=c.products, children=c.children
                ),
            )
            parent = items.get(c.parent_id) if c.parent_id else None
            if parent is not None:
                parent.addChild(item)
            else:
                tree.addTopLevelItem(item)
            items[c.category_id] = item
            if c.category_id == keep:
                chosen = item
        tree.expandAll()
        tree.setCurrentItem(chosen)
        tree.blockSignals(False)
        changed = (chosen.data(0, CATEGORY_ROLE) or None) != self.category_id
        self.category_id = chosen.data(0, CATEGORY_ROLE) or None
        self._enable_category_actions()
        if changed:  # the chosen category was deleted: every product
            self.apply_filters()

    def _category_row(self) -> CategoryRow | None:
        return next((c for c in self.categories if c.category_id == self.category_id), None)

    def _category_chosen(self, item: QTreeWidgetItem | None) -> None:
        self.category_id = item.data(0, CATEGORY_ROLE) if item is not None else None
        self._enable_category_actions()
        self.apply_filters()

    def _enable_category_actions(self) -> None:
        v = self.view
        chosen = self.category_id is not None
        for button in (v.add_child, v.rename_category, v.move_up, v.move_down, v.delete_category):
            button.setEnabled(chosen)
        row = self._category_row()
        v.category_hint.setText(
            self.tr("Level {level} of {levels}: {products} products, {children} below").format(
                level=row.level,
                levels=MAX_CATEGORY_LEVELS,
                products=row.products,
                children=row.children,
            )
            if row is not None
            else self.tr("Choose a category to see its products (those below it too)")
        )

    def _category_write(self, job: Callable[[], object], label: str, done) -> None:
        set_message(self.view.message, "", "info")
        self.runner.run(
            job, kind="write", on_done=done, on_error=self._failed, owner=self.view, label=label
        )

    def add_category(self, parent_id: str | None) -> None:
        parent = self._category_row() if parent_id else None
        label = (
            self.tr("Name of the new category below {parent}").format(parent=parent.name)
            if parent is not None
            else self.tr("Name of the new top-level category")
        )
        name = self.ask_text(self.view, self.tr("Add category"), label, "")
        if name is None:
            return
        actor, backend = self.actor, self.backend
        self._category_write(
            lambda: backend.create_category(actor, name, parent_id),
            "add category",
            lambda row: self._category_saved(row, self.tr("Category “{name}” added")),
        )

    def rename_category(self) -> None:
        row = self._category_row()
        if row is None:
            return
        name = self.ask_text(self.view, self.tr("Rename category"), self.tr("New name"), row.name)
        if name is None:
            return
        actor, backend = self.actor, self.backend
        self._category_write(
            lambda: backend.rename_category(actor, row.category_id, name),
            "rename category",
            lambda saved: self._category_saved(saved, self.tr("Category “{name}” renamed")),
        )

    def move_category(self, step: int) -> None:
        row = self._category_row()
        if row is None:
            return
        actor, backend = self.actor, self.backend
        self._category_write(
            lambda: backend.move_category(actor, row.category_id, step),
            "move category",
            lambda saved: self.load_categories(keep=saved.category_id),
        )

    def delete_category(self) -> None:
        row = self._category_row()
        if row is None:
            return
        question = self.tr("Delete category “{name}”?").format(name=row.name)
        if not self.confirm(self.tr("Delete category"), question):
            return
        actor, backend = self.actor, self.backend

        def deleted(_none: object) -> None:
            set_message(
                self.view.message,
                self.tr("Category “{name}” deleted").format(name=row.name),
                "info",
            )
            self.load_categories(keep=row.parent_id or "")

        self._category_write(
            lambda: backend.delete_category(actor, row.category_id), "delete category", deleted
        )

    def _category_saved(self, row: CategoryRow, text: str) -> None:
        set_message(self.view.message, text.format(name=row.name), "info")
        self.load_categories(keep=row.category_id)

    # -- the product list ----------------------------------------------------------------------
    def apply_filters(self) -> None:
        v = self.view
        old = self.query
        self.query = ProductQuery(
            text=v.text.text().strip() or None,
            category_id=self.category_id,
            status=v.status.currentData(),
            kind=v.kind.currentData(),
            sort=old.sort,
            descending=old.descending,
        )
        self._keep_product = None
        self._reload()

    def reset_filters(self) -> None:
        v = self.view
        v.text.clear()
        v.status.setCurrentIndex(0)
        v.kind.setCurrentIndex(0)
        self.apply_filters()

    def _sort(self, key: str, descending: bool) -> None:
        self.query = self.query.with_sort(key, descending)
        self._reload()

    def _reload(self) -> None:
        set_message(self.view.message, "", "info")
        self.view.summary.setText(self.tr("Loading…"))
        self._selected(-1)
        query, actor, backend = self.query, self.actor, self.backend
        self.model.reload(lambda offset, limit: backend.product_page(actor, query, offset, limit))

    def _loaded(self, total: int) -> None:
        self.view.summary.setText(
            self.tr("{count} products · grey: off shelf · amber: scheduled").format(count=total)
        )
        if not total:
            return
        row = 0
        if self._keep_product is not None:
            row = next(
                (i for i, r in enumerate(self.model.rows()) if r.product_id == self._keep_product),
                0,
            )
        self.view.table.selectRow(row)
        self._selected(row)

    def _selected(self, row: int) -> None:
        self.current = self.model.row_at(row) if row >= 0 else None
        self._enable_product_actions()

    def _enable_product_actions(self) -> None:
        v, row = self.view, self.current
        for button in (v.edit, v.store_prices):
            button.setEnabled(row is not None)
        v.on_shelf.setEnabled(row is not None and row.status == "off")
        v.off_shelf.setEnabled(row is not None and row.status == "on")

    # -- add / edit ----------------------------------------------------------------------------
    def edit_product(self) -> None:
        if self.current is None:
            return
        actor, backend, product_id = self.actor, self.backend, self.current.product_id
        self.runner.run(
            lambda: backend.product_detail(actor, product_id),
            kind="read",
            on_done=self._open_editor,
            on_error=self._failed,
            owner=self.view,
            label="product detail",
        )

    def _open_editor(self, detail: ProductDetail | None) -> None:
        if self.editor is not None:  # one dialog at a time: the last one is done with
            self.editor.view.deleteLater()
        self.editor = ProductEditor(
            self.view,
            self.runner,
            self.backend,
            self.actor,
            self.categories,
            clock=self.clock,
            detail=detail,
            category_id=self.category_id,
        )
        self.editor.saved.connect(self._saved)
        self.editor.open()

    def _saved(self, detail: ProductDetail) -> None:
        p = detail.product
        self.load_categories()  # the counts
        self._keep_product = p.product_id
        self._reload()
        set_message(
            self.view.message,
            self.tr("Product {code} “{name}” saved").format(code=p.code, name=p.name),
            "info",
        )

    def set_status(self, status: str) -> None:
        row = self.current
        if row is None:
            return
        actor, backend = self.actor, self.backend
        self.view.on_shelf.setEnabled(False)
        self.view.off_shelf.setEnabled(False)
        self.runner.run(
            lambda: backend.set_product_status(actor, row.product_id, status),
            kind="write",
            on_done=self._status_set,
            on_error=lambda exc: (self._enable_product_actions(), self._failed(exc)),
            owner=self.view,
            label="set product status",
        )

    def _status_set(self, row: ProductRow) -> None:
        self.model.replace_row(lambda r: r.product_id == row.product_id, row)
        if self.current is not None and self.current.product_id == row.product_id:
            self.current = row
        self._enable_product_actions()
        text = (
            self.tr("{code} is on shelf") if row.status == "on" else self.tr("{code} is off shelf")
        )
        set_message(self.view.message, text.format(code=row.code), "info")

    # -- store prices --------------------------------------------------------------------------
    def store_prices(self) -> None:
        if self.current is None:
            return
        actor, backend, product_id = self.actor, self.backend, self.current.product_id
        self.runner.run(
            lambda: backend.product_detail(actor, product_id),
            kind="read",
            on_done=self._open_prices,
            on_error=self._failed,
            owner=self.view,
            label="product detail",
        )

    def _open_prices(self, detail: ProductDetail) -> None:
        if self.prices is not None:
            self.prices.view.deleteLater()
        self.prices = StorePriceEditor(self.view, self.runner, self.backend, self.actor, detail)
        self.prices.open()

    # -- import, template, export --------------------------------------------------------------
    def open_import(self) -> ImportDialog:
        """导入商品 (``services.product_io``): the list and the tree are read again after it."""
        dialog = ImportDialog(
            self.runner,
            BackofficeBackend(self.backend.db),
            self.actor,
            kind="products",
            parent=self.view,
            ask_open_path=self.ask_open_path,
            ask_save_path=self.ask_save_path,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _report: (self.load_categories(), self.refresh()))
        dialog.show()
        self.importer = dialog
        return dialog

    def download_template(self) -> None:
        path = area_kit.ask_path(self.ask_save_path, "products-template", ".xlsx")
        if path is None:
            return
        backend = self.backend
        self.runner.run(
            lambda: backend.write_template(path),
            kind="device",
            on_done=lambda p: set_message(
                self.view.message, self.tr("Template saved to {path}").format(path=str(p)), "info"
            ),
            on_error=self._failed,
            owner=self.view,
            label="write product template",
        )

    def headers(self) -> list[str]:
        return [
            self.tr("Product code"),
            self.tr("Name"),
            self.tr("Pinyin"),
            self.tr("Category"),
            self.tr("Kind"),
            self.tr("Unit"),
            self.tr("Spec 1"),
            self.tr("Spec 2"),
            self.tr("SKUs"),
            self.tr("Lowest price (yuan)"),
            self.tr("Highest price (yuan)"),
            self.tr("Barcode"),
            self.tr("Barcodes"),
            self.tr("Status"),
            self.tr("Scheduled on-shelf"),
            self.tr("Scheduled off-shelf"),
            self.tr("Updated"),
        ]

    @staticmethod
    def cells(row: ProductRow) -> list[object]:
        return [
            row.code,
            row.name,
            row.pinyin,
            row.category,
            kind_name(row.kind),
            row.unit,
            row.spec1_name,
            row.spec2_name,
            row.skus,
            _yuan(row.price_min_fen),
            _yuan(row.price_max_fen),
            row.barcode,
            row.barcodes,
            status_name(row.status),
            local(row.on_shelf_at),
            local(row.off_shelf_at),
            local(row.updated_at),
        ]

    def export(self, suffix: str) -> None:
        today = business_date(self.clock.now(), CHINA_TZ).isoformat()
        path = area_kit.ask_path(self.ask_save_path, f"products-{today}", suffix)
        if path is None:
            return
        query, actor, backend = self.query, self.actor, self.backend
        headers, cells = self.headers(), self.cells
        area_kit.run_export(
            self.runner,
            describe=describe,
            message=self.view.message,
            owner=self.view,
            path=path,
            job=lambda: backend.export_products(actor, query, path, headers, cells),
            label="export products",
        )


__all__ = ["CatalogScreen", "StorePriceEditor"]
