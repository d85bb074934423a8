"""The e-commerce areas of the back office: the shop dialog with its inline refusals, disabling a
shop with unsettled orders (asked first), the total balance and the balance alert; the order list
with its tabs and filters, batch delivery of card keys (once), copying a key (to the clipboard,
audited), after-sale reissue, CSV import with its report, deleting test orders, and the banner
for orders waiting over 24 hours; the table models on their own; and screenshots."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from sqlalchemy import func, select

from backoffice.card_key_backend import CardKeySetup
from backoffice.channel_models import import_model, order_model, shop_model
from backoffice.channel_screen import describe
from shared.db.models import AuditEntry, CardKey
from shared.db.queries.channels import OrderRow, ShopRow
from shared.domain.errors import ValidationError
from shared.qt.i18n import install_translator
from shared.qt.operations import OperationRunner
from shared.qt.table_model import ROW_ROLE
from shared.services.channels import KnownOrder, RowProblem
from tests.support.channels import (
    actor,
    add_keys,
    add_order,
    card_key_product,
    make_shop,
    new_keyring,
)


@pytest.fixture
def keyring():
    return new_keyring()


@pytest.fixture
def channel_central(terminal, keyring):
    """The demo's central database with a card-key pool of 12 keys and two shops."""
    db = terminal.central
    sku = card_key_product(db)
    add_keys(db, keyring, sku, 12)
    taobao = make_shop(db)
    pdd = make_shop(
        db,
        "拼多多专营店",
        channel_type="pinduoduo",
        channel_user_id="pdd_shop_77",
        balance_fen=320_000,
        redemption_domain="pdd.xingchen.example.com",
        account="xc_pdd",
        sort_order=1,
    )
    return db, sku, taobao, pdd


@pytest.fixture
def make_window(qtbot, channel_central, keyring) -> Iterator[Callable[..., object]]:
    from backoffice.app import build_backoffice

    windows = []

    def make():
        window = build_backoffice(channel_central[0], card_keys=CardKeySetup(keyring))
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    for window in windows:
        window.runner.shutdown()


def sign_in(qtbot, window, account: str, password: str) -> None:
    login = window.login_page
    login.account.setText(account)
    login.password.setText(password)
    qtbot.mouseClick(login.sign_in, Qt.MouseButton.LeftButton)


def open_area(qtbot, window, key: str):
    qtbot.waitUntil(lambda: key in window.controller.areas, timeout=5_000)
    screen = window.controller.areas[key]
    main = window.main_page
    main.nav.setCurrentRow(main.areas.indexOf(screen.widget))
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total > 0, timeout=5_000)
    return screen


def click(qtbot, button) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def select_rows(screen, numbers: set[str]) -> None:
    table, model = screen.view.table, screen.model
    sel = table.selectionModel()
    sel.clearSelection()
    for i in range(model.rowCount()):
        if model.row_at(i).order_no in numbers:
            sel.select(
                model.index(i, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )


def test_shop_dialog_refusals_disable_with_unsettled_orders_and_the_balance_alert(
    qtbot, make_window, channel_central, screenshot_dir
):
    db, sku, taobao, _pdd = channel_central
    add_order(db, taobao, sku, "TB0001")
    window = make_window()
    sign_in(qtbot, window, "manager01", "manager123")
    screen = open_area(qtbot, window, "channel_shops")
    assert "channel_orders" in window.controller.areas
    assert [r.name for r in screen.model.rows()] == ["星辰淘宝旗舰店", "拼多多专营店"]
    qtbot.waitUntil(lambda: "8200.00" in screen.view.total.text(), timeout=5_000)
    assert not screen.view.alert.isVisible()

    # a new shop: a typing error under the balance, then the service's refusals under fields
    click(qtbot, screen.view.new)
    editor = screen.editor
    qtbot.waitUntil(editor.view.isVisible, timeout=5_000)
    v = editor.view
    v.name.setText("星辰淘宝旗舰店")
    v.balance.setText("abc")
    click(qtbot, v.save)
    assert v.errors["balance_fen"].isVisible()
    v.balance.setText("1000")
    v.domain.setText("https://dy.example.com/r")
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: v.errors["name"].isVisible(), timeout=5_000)
    assert v.errors["name"].text() == describe(
        ValidationError("-", code="shop_name_taken", value="星辰淘宝旗舰店")
    )
    v.name.setText("星辰抖音小店")
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: v.errors["redemption_domain"].isVisible(), timeout=5_000)
    assert not v.errors["name"].isVisible()
    v.channel_type.setCurrentIndex(v.channel_type.findData("douyin"))
    v.domain.setText("dy.xingchen.example.com")
    v.user_id.setText("dy_9001")
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: not v.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: screen.model.total == 3, timeout=5_000)
    created = next(r for r in screen.model.rows() if r.name == "星辰抖音小店")
    assert (created.channel_type, created.balance_fen, created.channel_user_id) == (
        "douyin",
        100_000,
        "dy_9001",
    )

    # disabling the Taobao shop asks first, listing its unsettled order
    asked: list[str] = []
    answers = [False, True]
    screen.confirm = lambda _parent, _title, text: (asked.append(text), answers.pop(0))[1]
    tb_row = next(i for i, r in enumerate(screen.model.rows()) if r.shop_id == taobao)
    screen.view.table.selectRow(tb_row)
    qtbot.waitUntil(lambda: screen.current is not None and screen.current.shop_id == taobao)
    click(qtbot, screen.view.toggle)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=5_000)
    assert "TB0001" in asked[0]
    qtbot.waitUntil(lambda: screen.view.message.text() != "", timeout=5_000)
    assert screen.model.row_at(tb_row).enabled
    click(qtbot, screen.view.toggle)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=5_000)
    qtbot.waitUntil(
        lambda: (
            not screen.model.loading
            and any(r.shop_id == taobao and not r.enabled for r in screen.model.rows())
        ),
        timeout=5_000,
    )

    # a sharp balance change: edit the Pinduoduo shop's balance from 3,200 to 800
    pdd_row = next(i for i, r in enumerate(screen.model.rows()) if r.name == "拼多多专营店")
    screen.view.table.selectRow(pdd_row)
    qtbot.waitUntil(lambda: screen.current is not None and screen.current.name == "拼多多专营店")
    click(qtbot, screen.view.edit)
    qtbot.waitUntil(
        lambda: screen.editor is not editor and screen.editor.view.isVisible(), timeout=5_000
    )
    v = screen.editor.view
    assert v.balance.text() == "3200.00" and v.domain.text() == "pdd.xingchen.example.com"
    v.balance.setText("800")
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: screen.view.alert.isVisible(), timeout=5_000)
    assert "拼多多专营店" in screen.view.alert.text()
    qtbot.waitUntil(lambda: "6800.00" in screen.view.total.text(), timeout=5_000)
    with db.reader() as uow:
        actions = list(uow.session.scalars(select(AuditEntry.action)))
    assert actions.count("channel_shop.disable") == 1 and actions.count("channel_shop.create") == 3

    window.resize(1366, 768)
    qtbot.wait(50)
    assert window.grab().save(str(screenshot_dir / "backoffice-channel-shops.png"))


def test_orders_delivered_once_key_copied_reissued_imported_and_deleted(
    qtbot, make_window, channel_central, tmp_path, screenshot_dir
):
    db, sku, taobao, pdd = channel_central
    now = db.clock.now()
    old = now - timedelta(hours=30)
    for i in range(1, 4):
        add_order(db, taobao, sku, f"TB100{i}", channel_user_id=f"tb_user_{i}", created_at=old)
    add_order(db, pdd, sku, "PDD2001", origin="platform", quantity=2, amount_fen=5000)
    add_order(db, pdd, sku, "PDD2002", paid=False)
    add_order(db, taobao, sku, "TEST-01", test=True)
    window = make_window()
    sign_in(qtbot, window, "admin", "admin1234")
    screen = open_area(qtbot, window, "channel_orders")
    qtbot.waitUntil(lambda: screen.model.total == 6, timeout=5_000)

    # the banner: three paid orders waiting over 24 hours for their key
    qtbot.waitUntil(lambda: screen.view.alert.isVisible(), timeout=5_000)
    assert "TB1001" in screen.view.alert.text() and screen.alerts.pending_redemption == 3

    # tabs and a filter
    screen.view.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 1, timeout=5_000)
    assert screen.model.row_at(0).order_no == "PDD2001"
    screen.view.tabs.setCurrentIndex(0)
    screen.view.user_id.setText("tb_user_2")
    screen.apply_filters()
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 1, timeout=5_000)
    screen.view.user_id.clear()
    screen.apply_filters()
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 6, timeout=5_000)

    # batch delivery: two overdue orders and the unpaid one
    select_rows(screen, {"TB1001", "TB1002", "PDD2002"})
    click(qtbot, screen.view.deliver)
    qtbot.waitUntil(lambda: "2" in screen.view.message.text(), timeout=5_000)
    assert "PDD2002" in screen.view.message.text()
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 6, timeout=5_000)
    rows = {r.order_no: r for r in screen.model.rows()}
    assert rows["TB1001"].redeem_state == "redeemed" and len(rows["TB1001"].key_hints) == 1
    assert rows["PDD2002"].redeem_state == "pending"
    qtbot.waitUntil(lambda: screen.alerts.pending_redemption == 1, timeout=5_000)
    masked = screen.model.index(screen.model.rows().index(rows["TB1001"]), 13).data()
    assert masked.startswith("****") and "CARD" not in masked

    # again: nothing is issued twice
    select_rows(screen, {"TB1001", "TB1002"})
    click(qtbot, screen.view.deliver)
    delivering = screen.view.message.text()
    qtbot.waitUntil(lambda: screen.view.message.text() != delivering, timeout=5_000)
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 6, timeout=5_000)
    with db.reader() as uow:
        sold = uow.session.scalar(
            select(func.count()).select_from(CardKey).where(CardKey.state == "sold")
        )
    assert sold == 2

    # copy the key: to the clipboard, audited
    copied: list[str] = []
    screen.set_clipboard = copied.append
    qtbot.waitUntil(lambda: not screen.model.loading, timeout=5_000)
    select_rows(screen, {"TB1001"})
    click(qtbot, screen.view.copy_key)
    qtbot.waitUntil(lambda: bool(copied), timeout=5_000)
    assert copied[0].startswith("CARD") and "," in copied[0]
    assert copied[0] not in screen.view.message.text()
    click(qtbot, screen.view.copy_link)
    qtbot.waitUntil(lambda: len(copied) == 2, timeout=5_000)
    assert copied[1].startswith("https://dh.xingchen.example.com/r/")

    # after sale: reissue with a reason
    click(qtbot, screen.view.after_sale_button)
    editor = screen.after_sale_editor
    qtbot.waitUntil(editor.view.isVisible, timeout=5_000)
    assert editor.view.reissue.isChecked()
    click(qtbot, editor.view.ok)
    qtbot.waitUntil(lambda: editor.view.message.text() != "", timeout=5_000)
    editor.view.reason.setPlainText("买家反馈卡密无法激活")
    click(qtbot, editor.view.ok)
    qtbot.waitUntil(lambda: not editor.view.isVisible(), timeout=5_000)
    qtbot.waitUntil(
        lambda: (
            not screen.model.loading
            and any(r.after_sale == "reissued" for r in screen.model.rows())
        ),
        timeout=5_000,
    )
    reissued = next(r for r in screen.model.rows() if r.order_no == "TB1001")
    assert reissued.key_hints != rows["TB1001"].key_hints

    # CSV import: one new order, one known, one bad row
    csv_path = tmp_path / "taobao-export.csv"
    csv_path.write_bytes(
        (
            "订单号,店铺,用户ID,商品编码,数量,金额(元),创建时间,已支付\n"
            "TB1001,星辰淘宝旗舰店,tb_user_1,CK0001,1,25,2026-11-21 10:00,是\n"
            "TB1009,星辰淘宝旗舰店,tb_user_9,CK0001,1,25,2026-11-21 10:00,是\n"
            "TB1010,星辰淘宝旗舰店,tb_user_9,CK0001,1,abc,2026-11-21 10:00,是\n"
        ).encode("gb18030")
    )
    screen.ask_open_path = lambda _kind: str(csv_path)
    click(qtbot, screen.view.import_csv)
    qtbot.waitUntil(lambda: screen.report is not None and screen.report.isVisible(), timeout=5_000)
    problems = screen.report.table.model()
    assert problems.rowCount() == 2
    assert [problems.index(i, 0).data() for i in range(2)] == ["2", "4"]
    screen.report.accept()
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 7, timeout=5_000)

    # deleting: a real order is refused on the spot; the test order after a question
    asked: list[str] = []
    screen.confirm = lambda _p, _t, text: asked.append(text) or True
    select_rows(screen, {"TEST-01", "TB1003"})
    click(qtbot, screen.view.delete)
    assert "TB1003" in screen.view.message.text() and not asked
    select_rows(screen, {"TEST-01"})
    click(qtbot, screen.view.delete)
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 6, timeout=5_000)
    assert len(asked) == 1

    with db.reader() as uow:
        actions = list(uow.session.scalars(select(AuditEntry.action)))
    for action in (
        "channel_order.deliver",
        "card_key.copy",
        "channel_order.copy_link",
        "channel_order.reissue",
        "channel_order.import",
        "channel_order.delete",
    ):
        assert action in actions

    screen.view.table.clearSelection()
    select_rows(screen, {"TB1002"})
    window.resize(1366, 768)
    qtbot.wait(50)
    assert window.grab().save(str(screenshot_dir / "backoffice-channel-orders.png"))


def test_a_manager_cannot_copy_a_key(qtbot, make_window, channel_central):
    db, sku, taobao, _pdd = channel_central
    order = add_order(db, taobao, sku, "TB3001")
    with db.uow() as uow:
        from shared.services import channels

        channels.deliver_orders(uow, actor(db, "admin"), [order])
    window = make_window()
    sign_in(qtbot, window, "manager01", "manager123")
    screen = open_area(qtbot, window, "channel_orders")
    select_rows(screen, {"TB3001"})
    assert not screen.view.copy_key.isEnabled() and screen.view.copy_link.isEnabled()
    assert screen.view.copy_key.toolTip() != ""


# -- the models on their own -----------------------------------------------------------------------


def _order(**values) -> OrderRow:
    at = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
    row = dict(
        order_id="o1",
        order_no="TB1",
        shop_id="s1",
        shop_name="星辰淘宝旗舰店",
        origin="channel",
        channel_user_id="u1",
        sku_id="k1",
        sku_code="CK0001",
        product_name="视频会员月卡",
        quantity=2,
        amount_fen=5000,
        paid=True,
        test=False,
        redeem_state="redeemed",
        verify_state="pending",
        after_sale="none",
        frozen=False,
        rejected=False,
        reason="",
        redemption_link="https://dh.example.com/r/X",
        redeem_code="7KQ4MZ2PXH9CAT",
        created_at=at,
        delivered_at=at,
        redeemed_at=at,
        verified_at=None,
        verified_store_code=None,
        key_hints=("1234", "5678"),
    )
    row.update(values)
    return OrderRow(**row)


def test_order_and_shop_models_show_masked_keys_states_and_marks(qapp):
    install_translator(qapp, "zh_CN")
    runner = OperationRunner()
    try:
        model = order_model(runner, page_size=10, parent=None, overdue={"TB2"})
        model.set_rows(
            [
                _order(),
                _order(order_id="o2", order_no="TB2", frozen=True, test=True, key_hints=()),
            ]
        )
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(17)]
        cells = {h: model.index(0, c).data() for c, h in enumerate(headers)}
        assert cells["卡密"] == "****1234, ****5678"
        assert cells["兑换状态"] == "已兑换" and cells["核销状态"] == "待核销"
        assert cells["核销码"] == "7KQ4-MZ2P-XH9C-AT"
        assert cells["创建时间"] == "2026-11-21 10:00"  # China time
        marks = model.index(1, headers.index("标记")).data()
        assert "冻结" in marks and "测试" in marks
        assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole).color().name() == "#fff3e0"
        assert model.index(0, 0).data(ROW_ROLE).order_no == "TB1"

        shops = shop_model(runner, page_size=10, parent=None)
        at = datetime(2026, 11, 21, tzinfo=UTC)
        shops.set_rows(
            [
                ShopRow(
                    "01937f00-0000-7000-8000-00000000abcd",
                    0,
                    "星辰淘宝旗舰店",
                    "taobao",
                    "u1",
                    123_456,
                    100_000,
                    "dh.example.com",
                    "acc",
                    False,
                    at,
                    at,
                    5,
                    2,
                )
            ]
        )
        row = [shops.index(0, c).data() for c in range(shops.columnCount())]
        assert row[1] == "0000abcd" and row[3] == "淘宝" and "1234.56" in row[5]
        assert row[8] == "停用" and row[10] == "2"
        assert shops.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None

        report = import_model(
            [
                RowProblem(3, "金额", "import_amount", "amount: 'abc' is not", "abc"),
                KnownOrder(4, "店", "TB9", in_file=True),
            ],
            None,
        )
        assert [report.index(0, c).data() for c in range(4)][:3] == ["3", "金额", "abc"]
        assert report.index(1, 2).data() == "TB9"
    finally:
        runner.shutdown()
