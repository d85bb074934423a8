"""The table models alone, checked against Qt's rules by pytest-qt's ``qtmodeltester``."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from pos.models.cart_model import CartTableModel
from pos.models.parked_model import ParkedSalesModel
from pos.models.refund_lines_model import RefundLinesModel, RefundRow
from pos.models.search_model import SearchResultsModel
from pos.models.tender_model import TenderTableModel
from shared.domain.cart import Cart, CartLine, Discount
from shared.domain.tenders import Tender
from shared.qt.table_model import RAW_ROLE, ROW_ROLE
from shared.services.catalog import SkuHit
from shared.services.sales import SoldLine
from shared.services.suspended import ParkedSale


def _line(i: int, **kw) -> CartLine:
    base = dict(
        line_id=f"l{i}",
        sku_id=f"s{i}",
        sku_code=f"P{i:06d}",
        name=f"商品{i}",
        unit="件",
        kind="goods",
        list_price_fen=100 * i,
        unit_price_fen=100 * i,
        quantity_milli=1000,
    )
    base.update(kw)
    return CartLine(**base)


def _cart() -> Cart:
    cart = Cart()
    cart.add(_line(1))
    cart.add(_line(1))  # merged: quantity 2
    cart.add(_line(2, weighed=True, unit="kg", quantity_milli=523, fixed_amount_fen=678))
    cart.add(_line(3))
    cart.set_line_discount("l3", Discount("amount", 50, reason="临期"))
    return cart


def test_cart_model(qtmodeltester):
    model = CartTableModel()
    model.set_totals(_cart().totals())
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.columnCount() == 5
    text = [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert text[0] == ["商品1", "2 件", "￥1.00", "", "￥2.00"]
    assert text[1][1] == "0.523 kg" and text[1][4] == "￥6.78"
    assert text[2][3] == "-￥0.50" and text[2][4] == "￥2.50"
    assert model.data(model.index(2, CartTableModel.DISCOUNT), Qt.ItemDataRole.ForegroundRole)
    assert model.data(model.index(0, 4), RAW_ROLE) == 200
    assert model.data(model.index(0, 0), ROW_ROLE).line.line_id == "l1"
    assert model.row_of("l3") == 2 and model.line_id_at(1) == "l2"
    assert model.data(model.index(0, 4), Qt.ItemDataRole.TextAlignmentRole) & int(
        Qt.AlignmentFlag.AlignRight.value
    )
    model.set_totals(Cart().totals())
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_search_parked_and_tender_models(qtmodeltester):
    search = SearchResultsModel()
    search.set_rows(
        [
            SkuHit("s1", "P000007", "康师傅方便面 小", "件", "goods", 409, True),
            SkuHit("s2", "P000008", "下架商品", "件", "goods", 100, False),
        ]
    )
    qtmodeltester.check(search)
    assert search.data(search.index(0, 3)) == "￥4.09"

    parked = ParkedSalesModel(timezone="Asia/Shanghai")
    parked.set_rows(
        [ParkedSale("p1", "康师傅方便面 小", 409, 1, datetime(2026, 11, 22, 2, tzinfo=UTC))]
    )
    qtmodeltester.check(parked)
    assert parked.data(parked.index(0, 0)) == "10:00:00"

    tenders = TenderTableModel()
    tenders.set_rows([Tender("card", 1000), Tender("wechat", 500, provider_ref="SIM1")])
    qtmodeltester.check(tenders)
    assert tenders.data(tenders.index(1, 2)) == "SIM1"


def test_refund_lines_model_edits(qtmodeltester):
    model = RefundLinesModel()
    refused = []
    model.edit_refused.connect(refused.append)
    model.set_rows(
        [
            RefundRow(SoldLine("a", "方便面", "P1", "goods", False, 3000, 1000, 409, 1227)),
            RefundRow(SoldLine("b", "苹果", "P2", "goods", True, 1216, 0, 1290, 1568)),
            RefundRow(SoldLine("c", "游戏卡", "P3", "card_key", False, 1000, 0, 5000, 5000)),
        ]
    )
    qtmodeltester.check(model)
    ret = RefundLinesModel.RETURN
    assert model.flags(model.index(0, ret)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(2, ret)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(0, ret), "2")
    assert not model.setData(model.index(0, ret), "3")  # only 2 left
    assert not model.setData(model.index(0, ret), "x")
    assert len(refused) == 2
    assert model.setData(model.index(1, ret), "0.5")
    assert [r.refund_milli for r in model.chosen()] == [2000, 500]
    assert not model.everything_chosen()
    model.select_all()
    assert model.everything_chosen()
    assert [r.refund_milli for r in model.rows()] == [2000, 1216, 0]
    model.clear_choice()
    assert model.chosen() == []
