"""卡密库 in the back office over the demo central database: the pool numbers (available,
reserved, sold, void, the stock setting and the stock shown), a TXT import through the dialog
with its progress and its report of the lines not added, a cancelled import, generate, the stock
setting, void and delete (a sold key refused with the service's message), reveal and copy (an
admin only: disabled for a manager, audited), and the area with a wrong or missing encryption
key (unusable, nothing decrypted or written); the table models on their own; screenshots."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from backoffice.backend import PAGE_SIZE
from backoffice.card_key_backend import CardKeySetup, card_key_setup
from backoffice.card_key_models import key_model, pool_model, problem_model
from backoffice.card_key_screen import CardKeyScreen, describe
from shared.domain.errors import Conflict, ValidationError
from shared.qt.i18n import install_translator
from shared.qt.operations import OperationRunner
from shared.services import card_keys
from shared.services.card_keys import KeyRow, PoolSummary
from tests.support.card_keys import (
    actor,
    audits,
    key_ids,
    keyring,
    make_card_key_product,
    set_state,
    table_rows,
)

GAME = "CKG01"  # the pool the tests import into
VIDEO = "CKV01"  # a pool with keys in every state


def sign_in(qtbot, window, account: str, password: str) -> None:
    login = window.login_page
    login.account.setText(account)
    login.password.setText(password)
    qtbot.mouseClick(login.sign_in, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.actor is not None, timeout=5_000)


def click(qtbot, button) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def pools(db, ring) -> None:
    """Two card-key pools: an empty one, and one with keys in every state and a setting."""
    make_card_key_product(db, GAME, name="游戏点卡 100元", price_fen=10_000)
    make_card_key_product(db, VIDEO, name="视频会员月卡", price_fen=2_500)
    manager = actor(db, "manager01")
    with db.uow() as uow:
        card_keys.generate_keys(uow, manager, ring, VIDEO, 40, length=12)
    with db.uow() as uow:
        card_keys.set_stock(uow, manager, VIDEO, 30)
    sku = next(p for p in _pools(db) if p.code == VIDEO).sku_id
    ids = key_ids(db, sku)
    for key_id in ids[:5]:
        set_state(db, key_id, "sold")
    for key_id in ids[5:7]:
        set_state(db, key_id, "reserved")
    with db.uow() as uow:
        card_keys.void_key(uow, manager, ids[7], "印刷错误")


def _pools(db) -> list[PoolSummary]:
    with db.reader() as uow:
        return card_keys.pools(uow, actor(db, "admin"))


def open_area(qtbot, window, *, usable: bool = True) -> CardKeyScreen:
    qtbot.waitUntil(lambda: "card_keys" in window.controller.areas, timeout=5_000)
    screen = window.controller.areas["card_keys"]
    main = window.main_page
    main.nav.setCurrentRow(main.areas.indexOf(screen.widget))
    if usable:
        qtbot.waitUntil(lambda: screen.pool_model.rowCount() > 0, timeout=5_000)
        qtbot.waitUntil(lambda: not screen.key_model.loading, timeout=5_000)
    return screen


def select_pool(qtbot, screen: CardKeyScreen, code: str) -> None:
    row = next(i for i, p in enumerate(screen.pool_model.rows()) if p.code == code)
    screen.view.pools.selectRow(row)
    qtbot.waitUntil(
        lambda: (
            screen.current is not None
            and screen.current.code == code
            and not screen.key_model.loading
            and screen.key_model.rowCount() == min(screen.key_model.total, PAGE_SIZE)
        ),
        timeout=5_000,
    )


def pool_row(screen: CardKeyScreen, code: str) -> list[str]:
    m = screen.pool_model
    row = next(i for i, p in enumerate(m.rows()) if p.code == code)
    return [m.data(m.index(row, c)) for c in range(m.columnCount())]


def build(qtbot, central, setup: CardKeySetup, *, open_path=None):
    from backoffice.app import build_backoffice

    window = build_backoffice(central.db, language="zh_CN", card_keys=setup)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_pools_import_with_progress_and_the_report(qtbot, central, tmp_path, screenshot_dir):
    ring = keyring(1)
    pools(central.db, ring)
    path = tmp_path / "点卡.txt"
    lines = [f"GAME-{i:05d}-{i * 7919 % 100_000:05d}" for i in range(12_000)]
    lines[10] = lines[3]  # a duplicate in the file (line 11)
    lines[20] = "CARD-ONLY,"  # no password (line 21)
    lines[30] = "X" * 600  # too long (line 31)
    body = "\r\n".join(lines[:6000]).encode() + b"\r\n\r\n"
    body += "\r\n".join(lines[6000:]).encode("gb18030")
    path.write_bytes(b"\xef\xbb\xbf" + body)

    window = build(qtbot, central, card_key_setup(central.db, None, keyring=ring))
    window.resize(1366, 768)
    sign_in(qtbot, window, "manager01", "manager123")
    screen = open_area(qtbot, window)
    assert screen.view.title.text() == "卡密库"
    assert not screen.view.notice.isVisible()
    # the pool numbers: available, reserved, sold, void, expired, setting, shown
    assert pool_row(screen, VIDEO)[2:] == ["32", "2", "5", "1", "0", "30", "30"]
    assert pool_row(screen, GAME)[2:] == ["0", "0", "0", "0", "0", "不限", "0"]
    select_pool(qtbot, screen, VIDEO)
    assert screen.key_model.total == 40
    m = screen.key_model
    shown = [m.data(m.index(r, 0)) for r in range(m.rowCount())]
    assert all(s.startswith("****") and len(s) == 8 for s in shown)

    # import into the empty pool
    select_pool(qtbot, screen, GAME)
    screen.ask_open_path = lambda _kind: str(path)
    click(qtbot, screen.view.import_keys)
    importer = screen.importer
    qtbot.waitUntil(importer.view.isVisible, timeout=5_000)
    assert importer.view.windowTitle() == "导入卡密"
    reports: list[object] = []
    importer.imported.connect(reports.append)
    click(qtbot, importer.view.choose)
    assert importer.running and importer.progress is not None and importer.progress.isVisible()
    qtbot.waitUntil(lambda: bool(reports), timeout=60_000)
    report = importer.report
    assert report.as_json() == {"read": 12_000, "added": 11_997, "duplicate": 1, "invalid": 2}
    assert importer.progress is None and not importer.running
    pm = importer.problems_model
    table = [(pm.data(pm.index(r, 0)), pm.data(pm.index(r, 1))) for r in range(pm.rowCount())]
    assert table == [
        ("11", "本文件中重复"),
        ("21", "逗号后缺少密码（卡号,密码）"),
        ("31", "超过 512 个字符"),
    ]
    assert "11997" in importer.view.summary.text()
    importer.view.resize(760, 460)
    qtbot.wait(50)
    assert importer.view.grab().save(str(screenshot_dir / "backoffice-card-key-import.png"))
    # the pools are read again
    qtbot.waitUntil(lambda: pool_row(screen, GAME)[2] == "11997", timeout=10_000)
    assert pool_row(screen, GAME)[-1] == "11997"
    importer.view.close()
    select_pool(qtbot, screen, VIDEO)
    qtbot.wait(50)
    assert window.grab().save(str(screenshot_dir / "backoffice-card-keys.png"))

    # the same file again: nothing added, all reported as already in the pool
    select_pool(qtbot, screen, GAME)
    click(qtbot, screen.view.import_keys)
    again = screen.importer
    assert again is not importer
    done: list[object] = []
    again.imported.connect(done.append)
    click(qtbot, again.view.choose)
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    assert again.report.added == 0 and again.report.duplicate == 11_998


def test_a_cancelled_import_adds_nothing(qtbot, central, tmp_path):
    ring = keyring(1)
    pools(central.db, ring)
    path = tmp_path / "many.txt"
    path.write_text("\n".join(f"MANY-{i:07d}" for i in range(120_000)), encoding="utf-8")
    window = build(qtbot, central, card_key_setup(central.db, None, keyring=ring))
    sign_in(qtbot, window, "manager01", "manager123")
    screen = open_area(qtbot, window)
    select_pool(qtbot, screen, GAME)
    before = table_rows(central.db)
    screen.ask_open_path = lambda _kind: str(path)
    click(qtbot, screen.view.import_keys)
    importer = screen.importer
    reports: list[object] = []
    importer.imported.connect(reports.append)
    click(qtbot, importer.view.choose)
    qtbot.waitUntil(lambda: importer.state is not None and importer.state.done > 0, timeout=30_000)
    qtbot.waitUntil(lambda: importer.progress.maximum() > 0, timeout=5_000)
    cancel = importer.progress.findChild(QPushButton)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not importer.running, timeout=30_000)
    assert importer.cancelled and importer.report is None and not reports
    assert "取消" in importer.view.message.text()
    assert table_rows(central.db) == before


def test_reveal_is_disabled_for_a_manager_without_the_permission(qtbot, central):
    ring = keyring(1)
    pools(central.db, ring)
    window = build(qtbot, central, card_key_setup(central.db, None, keyring=ring))
    sign_in(qtbot, window, "manager01", "manager123")
    screen = open_area(qtbot, window)
    select_pool(qtbot, screen, VIDEO)
    assert not screen.can_reveal
    screen.view.keys.selectRow(10)
    assert screen.view.void.isEnabled() and screen.view.delete.isEnabled()
    assert not screen.view.reveal.isEnabled() and not screen.view.copy.isEnabled()
    assert screen.view.reveal.toolTip()
    before = len(audits(central.db))
    screen.reveal("reveal")  # even called directly: nothing happens
    screen.reveal("copy")
    qtbot.wait(100)
    assert not screen.view.revealed.isVisible() and len(audits(central.db)) == before


def test_an_admin_reveals_and_copies_and_both_are_audited(qtbot, central):
    ring = keyring(1)
    pools(central.db, ring)
    window = build(qtbot, central, card_key_setup(central.db, None, keyring=ring))
    sign_in(qtbot, window, "admin", "admin1234")
    screen = open_area(qtbot, window)
    select_pool(qtbot, screen, VIDEO)
    screen.view.keys.selectRow(12)
    key = screen.key_model.row_at(12)
    assert screen.view.reveal.isEnabled() and screen.view.copy.isEnabled()
    with central.db.uow() as uow:
        clear = card_keys.reveal(
            uow, actor(central.db, "admin"), ring, key.key_id, purpose="reveal"
        )
    before = len(audits(central.db))
    click(qtbot, screen.view.reveal)
    qtbot.waitUntil(screen.view.revealed.isVisible, timeout=5_000)
    assert clear in screen.view.revealed.text() and key.masked in screen.view.revealed.text()
    QGuiApplication.clipboard().setText("")
    click(qtbot, screen.view.copy)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == clear, timeout=5_000)
    assert "剪贴板" in screen.view.message.text()
    entries = audits(central.db)[before:]
    assert [(e.action, e.target) for e in entries] == [
        ("card_keys.reveal", key.key_id),
        ("card_keys.copy", key.key_id),
    ]
    # another key selected: the revealed one leaves the screen
    screen.view.keys.selectRow(13)
    assert not screen.view.revealed.isVisible() and screen.view.revealed.text() == ""
    QGuiApplication.clipboard().setText("")


def test_void_delete_generate_and_the_stock_setting(qtbot, central):
    ring = keyring(1)
    pools(central.db, ring)
    questions: list[str] = []
    window = build(qtbot, central, card_key_setup(central.db, None, keyring=ring))
    sign_in(qtbot, window, "manager01", "manager123")
    screen = open_area(qtbot, window)
    screen.confirm = lambda _parent, _title, text: questions.append(text) or True
    select_pool(qtbot, screen, VIDEO)

    # a sold key: void and delete refused with the service's message, nothing changed
    sold = next(i for i, r in enumerate(screen.key_model.rows()) if r.state == "sold")
    screen.view.keys.selectRow(sold)
    before = table_rows(central.db)
    click(qtbot, screen.view.void)
    voider = screen.dialog
    qtbot.waitUntil(voider.view.isVisible, timeout=5_000)
    voider.view.reason.setText("客户投诉")
    click(qtbot, voider.view.ok)
    qtbot.waitUntil(lambda: voider.view.message.text() != "", timeout=5_000)
    assert voider.view.message.text() == "此卡密已售出：只有可用的卡密才能作废、删除或修改。"
    voider.view.reject()
    click(qtbot, screen.view.delete)
    qtbot.waitUntil(lambda: "已售出" in screen.view.message.text(), timeout=5_000)
    assert len(questions) == 1 and "****" in questions[0]
    assert table_rows(central.db) == before

    # an available key: voided with a reason, another deleted
    avail = [i for i, r in enumerate(screen.key_model.rows()) if r.state == "available"]
    target = screen.key_model.row_at(avail[0])
    screen.view.keys.selectRow(avail[0])
    click(qtbot, screen.view.void)
    voider = screen.dialog
    click(qtbot, voider.view.ok)  # no reason
    qtbot.waitUntil(lambda: voider.view.message.text() != "", timeout=5_000)
    assert voider.view.message.text() == "请填写作废卡密的原因。"
    voider.view.reason.setText("卡密泄露")
    click(qtbot, voider.view.ok)
    qtbot.waitUntil(lambda: pool_row(screen, VIDEO)[5] == "2", timeout=5_000)
    assert pool_row(screen, VIDEO)[2] == "31"
    qtbot.waitUntil(lambda: not screen.key_model.loading, timeout=5_000)
    avail = [i for i, r in enumerate(screen.key_model.rows()) if r.state == "available"]
    screen.view.keys.selectRow(avail[0])
    click(qtbot, screen.view.delete)
    qtbot.waitUntil(lambda: pool_row(screen, VIDEO)[2] == "30", timeout=5_000)
    assert [a.target for a in audits(central.db, "card_keys.void")][-1] == target.key_id

    # the stock setting: 12, then no limit
    click(qtbot, screen.view.stock)
    editor = screen.dialog
    assert editor.view.limited.isChecked() and editor.view.setting.value() == 30
    editor.view.setting.setValue(12)
    click(qtbot, editor.view.ok)
    qtbot.waitUntil(lambda: pool_row(screen, VIDEO)[-2:] == ["12", "12"], timeout=5_000)
    click(qtbot, screen.view.stock)
    editor = screen.dialog
    editor.view.unlimited.setChecked(True)
    assert not editor.view.setting.isEnabled()
    click(qtbot, editor.view.ok)
    qtbot.waitUntil(lambda: pool_row(screen, VIDEO)[-2:] == ["不限", "30"], timeout=5_000)

    # generate into the empty pool
    select_pool(qtbot, screen, GAME)
    click(qtbot, screen.view.generate)
    gen = screen.dialog
    gen.view.count.setValue(25)
    gen.view.password.setChecked(True)
    click(qtbot, gen.view.ok)
    qtbot.waitUntil(lambda: pool_row(screen, GAME)[2] == "25", timeout=5_000)
    qtbot.waitUntil(lambda: screen.key_model.total == 25, timeout=5_000)


def test_a_wrong_key_leaves_the_area_unusable_and_nothing_decrypted_or_written(
    qtbot, central, screenshot_dir
):
    ring = keyring(1)
    pools(central.db, ring)
    rows = table_rows(central.db)
    audit_count = len(audits(central.db, ""))
    setup = card_key_setup(central.db, None, keyring=keyring(1))
    assert not setup.usable and setup.error.code == "card_key_wrong_key"
    window = build(qtbot, central, setup)
    sign_in(qtbot, window, "admin", "admin1234")
    screen = open_area(qtbot, window, usable=False)
    qtbot.waitUntil(screen.view.notice.isVisible, timeout=5_000)
    notice = screen.view.notice.text()
    assert "不是加密这些卡密时所用的密钥" in notice and "未解密" in notice
    for button in (
        screen.view.import_keys,
        screen.view.generate,
        screen.view.stock,
        screen.view.refresh,
        screen.view.reveal,
        screen.view.copy,
        screen.view.void,
        screen.view.delete,
    ):
        assert not button.isEnabled()
    qtbot.wait(200)
    assert screen.pool_model.rowCount() == 0 and screen.key_model.rowCount() == 0
    # the backend refuses too, whatever calls it
    try:
        screen.backend.pools(screen.actor)
    except Exception as exc:
        assert getattr(exc, "code", "") == "card_key_wrong_key"
    else:
        raise AssertionError("the backend read the pools with a wrong key")
    assert table_rows(central.db) == rows and len(audits(central.db, "")) == audit_count


def test_no_key_configured_says_how_to_configure_one(qtbot, central, tmp_path):
    setup = card_key_setup(central.db, tmp_path, environ={})
    assert not setup.usable and setup.error is None
    window = build(qtbot, central, setup)
    sign_in(qtbot, window, "manager01", "manager123")
    screen = open_area(qtbot, window, usable=False)
    notice = screen.view.notice.text()
    assert "STOREDESK_CARD_KEYS" in notice and "storedesk cardkeys keygen" in notice
    assert str(tmp_path / "card-keys.conf") in notice
    assert not screen.view.import_keys.isEnabled()
    # a malformed configuration is an error, not "none configured"
    bad = card_key_setup(central.db, tmp_path, environ={"STOREDESK_CARD_KEYS": "1:nope"})
    assert bad.error is not None and bad.error.code == "card_key_bad_key"
    assert "版本:BASE64" in describe(bad.error)


# -- the models on their own -----------------------------------------------------------------------


def test_the_table_models_show_their_rows(qapp):
    from datetime import UTC, datetime

    install_translator(qapp, "zh_CN")

    pm = pool_model(None)
    pm.set_rows(
        [
            PoolSummary("s1", "K1", "点卡", 50, 1, 2, 3, 100, 4),
            PoolSummary("s2", "K2", "月卡", 50, 0, 0, 0, 20),
            PoolSummary("s3", "K3", "空卡", 0, 0, 0, 0, None),
        ]
    )
    cells = [[pm.data(pm.index(r, c)) for c in range(pm.columnCount())] for r in range(3)]
    assert cells[0] == ["K1", "点卡", "50", "1", "2", "3", "4", "100", "50"]  # SPEC §7: 50
    assert cells[1][-2:] == ["20", "20"]  # setting 20 → 20 shown
    assert cells[2][-2:] == ["不限", "0"]
    assert pm.headerData(8, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "显示库存"

    runner = OperationRunner()
    try:
        km = key_model(runner, page_size=10, parent=None)
        at = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
        km.set_rows([KeyRow("id1", "****1234", "sold", None, at, "sale", None, "", at)])
        row = [km.data(km.index(0, c)) for c in range(km.columnCount())]
        assert row == ["****1234", "已售出", "2026-11-22 10:00", "", "2026-11-22 10:00", "", "id1"]
    finally:
        runner.shutdown()

    prm = problem_model(None)
    prm.set_rows([(3, "duplicate_in_pool", "already"), (9, "something_new", "English text")])
    assert [prm.data(prm.index(r, 1)) for r in range(2)] == ["卡密库中已有", "English text"]


def test_refusals_are_worded_for_the_manager(qapp):
    install_translator(qapp, "zh_CN")
    assert describe(
        Conflict("a reserved key cannot be deleted", code="card_key_not_available")
    ) == ("此卡密被占用：只有可用的卡密才能作废、删除或修改。")
    assert "32 MB" in describe(ValidationError("too big", code="file_too_large"))
