"""Layout of the 商品 area: the category tree with its buttons on the left, the product list with
its filters and actions on the right; the store-price dialog. Widgets only, no text and no
behaviour: ``catalog_screen`` sets every visible string through translation and wires the
signals. (The product editor is ``product_dialog``.)"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from backoffice.views import message_label as _message
from backoffice.views import named_button as _button
from backoffice.views import table_view
from shared.services.catalog_admin import MAX_FILTER_TEXT

#: the category panel's width (the product list takes the rest)
TREE_WIDTH = 250


class CatalogAreaView(QWidget):
    """商品: the category tree (add, add below, rename, up, down, delete) beside the product list
    (search, status and kind filters, the actions, the list, the message line)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogArea")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(10)

        # -- categories ---------------------------------------------------------------------
        side = QFrame(self)
        side.setObjectName("categoryPanel")
        side.setFixedWidth(TREE_WIDTH)
        left = QVBoxLayout(side)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(6)
        self.category_title = QLabel(side)
        self.category_title.setObjectName("areaTitle")
        left.addWidget(self.category_title)
        self.tree = QTreeWidget(side)
        self.tree.setObjectName("categoryTree")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        left.addWidget(self.tree, 1)
        grid = QGridLayout()
        grid.setSpacing(4)
        self.add_category = _button(side, "addCategory")
        self.add_child = _button(side, "addSubCategory")
        self.rename_category = _button(side, "renameCategory")
        self.move_up = _button(side, "moveCategoryUp")
        self.move_down = _button(side, "moveCategoryDown")
        self.delete_category = _button(side, "deleteCategory")
        for i, button in enumerate(
            (
                self.add_category,
                self.add_child,
                self.rename_category,
                self.move_up,
                self.move_down,
                self.delete_category,
            )
        ):
            grid.addWidget(button, i // 3, i % 3)
        left.addLayout(grid)
        self.category_hint = _message(side, "summary")
        left.addWidget(self.category_hint)
        outer.addWidget(side)

        # -- products -----------------------------------------------------------------------
        main = QVBoxLayout()
        main.setSpacing(8)
        head = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("areaTitle")
        head.addWidget(self.title)
        head.addStretch(1)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        head.addWidget(self.summary)
        main.addLayout(head)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.text = QLineEdit(self)
        self.text.setObjectName("productTextFilter")
        self.text.setMaxLength(MAX_FILTER_TEXT)
        self.text.setMinimumWidth(230)
        self.text.setClearButtonEnabled(True)
        bar.addWidget(self.text)
        self.status = QComboBox(self)
        self.status.setObjectName("productStatusFilter")
        bar.addWidget(self.status)
        self.kind = QComboBox(self)
        self.kind.setObjectName("productKindFilter")
        bar.addWidget(self.kind)
        self.search = _button(self, "primaryButton")
        bar.addWidget(self.search)
        self.reset = _button(self, "resetFilters")
        bar.addWidget(self.reset)
        bar.addStretch(1)
        self.export_csv = _button(self, "exportCsv")
        self.export_xlsx = _button(self, "exportXlsx")
        bar.addWidget(self.export_csv)
        bar.addWidget(self.export_xlsx)
        main.addLayout(bar)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.new = _button(self, "newProduct")
        self.edit = _button(self, "editProduct")
        self.on_shelf = _button(self, "putOnShelf")
        self.off_shelf = _button(self, "takeOffShelf")
        self.store_prices = _button(self, "storePrices")
        for button in (self.new, self.edit, self.on_shelf, self.off_shelf, self.store_prices):
            actions.addWidget(button)
        actions.addStretch(1)
        self.import_products = _button(self, "importProducts")
        self.template = _button(self, "downloadTemplate")
        actions.addWidget(self.import_products)
        actions.addWidget(self.template)
        main.addLayout(actions)

        self.table = table_view("productTable", self)
        main.addWidget(self.table, 1)
        self.message = _message(self)
        main.addWidget(self.message)
        outer.addLayout(main, 1)


class StorePriceDialogView(QDialog):
    """门店价格: the SKU, the stores with their prices, a price to set for the chosen store."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storePriceDialog")
        self.resize(680, 440)
        outer = QVBoxLayout(self)
        outer.setSpacing(8)
        self.product = QLabel(self)
        self.product.setObjectName("storePriceProduct")
        self.product.setWordWrap(True)
        outer.addWidget(self.product)
        row = QHBoxLayout()
        self.sku_label = QLabel(self)
        row.addWidget(self.sku_label)
        self.sku = QComboBox(self)
        self.sku.setObjectName("storePriceSku")
        self.sku.setMinimumWidth(320)
        row.addWidget(self.sku, 1)
        outer.addLayout(row)
        self.table = table_view("storePriceTable", self)
        outer.addWidget(self.table, 1)
        edit = QHBoxLayout()
        self.price_label = QLabel(self)
        edit.addWidget(self.price_label)
        self.price = QLineEdit(self)
        self.price.setObjectName("storePriceInput")
        self.price.setMaxLength(14)
        self.price.setMaximumWidth(140)
        edit.addWidget(self.price)
        self.set_price = _button(self, "primaryButton")
        edit.addWidget(self.set_price)
        self.clear_price = _button(self, "clearStorePrice")
        edit.addWidget(self.clear_price)
        edit.addStretch(1)
        outer.addLayout(edit)
        self.message = _message(self)
        outer.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.close_button = QPushButton(self)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        outer.addWidget(self.buttons)
