"""卡密库 (SPEC §7): the card-key pools, one per card-key product (available, reserved, sold, void
and expired keys, the stock setting and the stock shown = min(setting, available)); the selected
pool's keys, masked, a page at a time, filtered by state; import from a TXT file with a progress
dialog and Cancel (the report lists the lines not added); generate; the stock setting; void (with
a reason) and delete (after a question) — a reserved or sold key is refused with the service's
message; reveal and copy, for a user with ``reveal_card_keys`` only (the buttons are disabled
otherwise; the service checks again and audits both).

The encryption key is loaded and checked once by the composition root (``CardKeySetup``); when
it is missing the area says how to configure one, when it is wrong the area shows the refusal,
and in both cases it stays unusable: nothing is read, decrypted or written.

Behaviour only: the layout is ``card_key_views``, the rows and their text ``card_key_models``,
the rules ``services.card_keys``. Every call to the central database goes through the operation
runner (``CardKeyBackend`` methods run on its workers); an import leaves its progress in a
``JobState`` the GUI thread polls, as ``import_dialog`` does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from backoffice.backend import PAGE_SIZE
from backoffice.card_key_backend import STATES, CardKeyBackend
from backoffice.card_key_models import (
    key_model,
    pool_model,
    problem_model,
    setting_text,
    state_name,
)
from backoffice.card_key_views import (
    CardKeyAreaView,
    CardKeyImportView,
    GenerateDialogView,
    StockDialogView,
    VoidDialogView,
)
from backoffice.coupon_views import keep_columns_fitted
from backoffice.import_dialog import POLL_MS, JobState, OpenPathAsker
from backoffice.messages import describe as describe_backoffice
from backoffice.stocktake_views import fit_columns
from backoffice.views import set_message
from backoffice.voucher_dialog import Confirm, ask_confirm
from shared.domain.clock import Clock
from shared.domain.errors import DomainError
from shared.domain.permissions import Perm
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor
from shared.services.card_keys import MAX_FILE_BYTES, MAX_GENERATE, ImportReport, PoolSummary

# how long a revealed key stays on screen (ms)
REVEAL_MS = 60_000
# the pool list's column that takes the room left (the product's name)
POOL_NAME_COLUMN = 1


def describe(exc: BaseException) -> str:
    """A refusal of the card-key services in the interface language (the rest: the back
    office's and the counter's wording)."""
    if not isinstance(exc, DomainError):
        return describe_backoffice(exc)
    d = exc.details

    def state() -> str:
        m = re.search(r"\ba (\w+) key\b", exc.message)
        return state_name(m.group(1)) if m else ""

    texts = {
        "card_key_wrong_key": lambda: QCoreApplication.translate(
            "CardKeyMessages",
            "The configured card-key encryption key (version {version}) is not the one the "
            "card keys were encrypted with. Nothing was decrypted or changed: configure the "
            "right key and start the back office again.",
        ).format(version=d.get("version", "?")),
        "card_key_missing_version": lambda: QCoreApplication.translate(
            "CardKeyMessages",
            "Card keys in the pool are encrypted with key version {version}, which is not "
            "configured. Configure it again beside the newer one until “storedesk cardkeys "
            "rotate” has re-encrypted them, then start the back office again.",
        ).format(version=d.get("version", "?")),
        "card_key_bad_key": lambda: QCoreApplication.translate(
            "CardKeyMessages",
            "The card-key encryption key in the configuration is malformed: each entry is "
            "VERSION:BASE64 of a 32-byte key, as “storedesk cardkeys keygen” prints it.",
        ),
        "card_key_no_key": lambda: QCoreApplication.translate(
            "CardKeyMessages", "No card-key encryption key is configured."
        ),
        "card_key_tampered": lambda: QCoreApplication.translate(
            "CardKeyMessages",
            "This card key does not decrypt: the encryption key is wrong or the stored key "
            "was altered.",
        ),
        "card_key_not_available": lambda: QCoreApplication.translate(
            "CardKeyMessages",
            "This key is {state}: only an available key can be voided, deleted or edited.",
        ).format(state=state()),
        "unknown_card_key": lambda: QCoreApplication.translate(
            "CardKeyMessages", "This card key no longer exists."
        ),
        "reason_required": lambda: QCoreApplication.translate(
            "CardKeyMessages", "Give the reason for voiding the key."
        ),
        "text_too_long": lambda: QCoreApplication.translate(
            "CardKeyMessages", "The reason is too long (at most 200 characters)."
        ),
        "not_card_key": lambda: QCoreApplication.translate(
            "CardKeyMessages", "This product is not a card-key product."
        ),
        "file_empty": lambda: QCoreApplication.translate(
            "CardKeyMessages", "The file is empty: it holds no card keys."
        ),
        "file_too_large": lambda: QCoreApplication.translate(
            "CardKeyMessages",
            "The file is too large: one import takes at most {mb} MB. Split the file.",
        ).format(mb=MAX_FILE_BYTES // 1024 // 1024),
        "file_binary": lambda: QCoreApplication.translate(
            "CardKeyMessages",
            "This is not a text file of card keys. Save the keys as TXT (UTF-8 or GB18030), "
            "one per line.",
        ),
        "file_unreadable": lambda: QCoreApplication.translate(
            "CardKeyMessages", "The file cannot be read."
        ),
        "count_range": lambda: QCoreApplication.translate(
            "CardKeyMessages", "Generate 1 to {high} keys at a time."
        ).format(high=MAX_GENERATE),
        "length_range": lambda: QCoreApplication.translate(
            "CardKeyMessages", "A generated key has 8 to 64 characters."
        ),
        "stock_range": lambda: QCoreApplication.translate(
            "CardKeyMessages", "The stock setting is a whole number from 0 to 10,000,000."
        ),
        "permission_denied": lambda: QCoreApplication.translate(
            "CardKeyMessages", "You are not allowed to do this."
        ),
    }.get(exc.code)
    return texts() if texts is not None else describe_backoffice(exc)


# -- the import dialog -----------------------------------------------------------------------------


class CardKeyImport(QObject):
    """导入卡密 into one pool: choose a TXT file, the import runs on the writer thread while a
    progress dialog shows how far it is (Cancel: nothing is added), then the counts and the lines
    not added."""

    imported = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: CardKeyBackend,
        actor: Actor,
        pool: PoolSummary,
        *,
        ask_open_path: OpenPathAsker | None = None,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.pool = pool
        self.ask_open_path: OpenPathAsker = ask_open_path or self._open_dialog
        self.report: ImportReport | None = None
        self.cancelled = False
        self.state: JobState | None = None
        self.progress: QProgressDialog | None = None
        v = self.view = CardKeyImportView(parent)
        self.setParent(v)  # goes with its dialog
        self.problems_model = problem_model(self)
        v.problems.setModel(self.problems_model)
        keep_columns_fitted(v.problems)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        v.setWindowTitle(self.tr("Import card keys"))
        v.product.setText(f"{pool.code} {pool.name}")
        v.intro.setText(
            self.tr(
                "A TXT file with one card key per line, or card number and password as "
                "“card_no,password”; UTF-8 (with or without BOM) or GB18030. Blank lines are "
                "skipped; keys already in the pool or given twice are reported and skipped."
            )
        )
        v.choose.setText(self.tr("Choose file and import…"))
        v.close_button.setText(self.tr("Close"))
        v.file.setText(self.tr("No file chosen"))
        v.choose.clicked.connect(self.choose_file)
        v.close_button.clicked.connect(v.reject)
        v.rejected.connect(self.cancel)  # closed while importing: nothing is added

    def open(self) -> None:
        self.view.open()

    def _open_dialog(self, kind: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self.view, self.tr("Choose the file of card keys"), "", kind
        )
        return path or None

    @property
    def running(self) -> bool:
        return self.state is not None

    def choose_file(self) -> None:
        chosen = self.ask_open_path(self.tr("Text files (*.txt);;All files (*)"))
        if chosen:
            self.start(Path(chosen))

    def start(self, path: Path) -> None:
        if self.running:
            return
        v = self.view
        self.report = None
        self.cancelled = False
        self._show_result()
        v.file.setText(self.tr("File: {path}").format(path=str(path)))
        set_message(v.message, "", "info")
        state = self.state = JobState()
        v.choose.setEnabled(False)
        progress = self.progress = QProgressDialog(v)
        progress.setObjectName("importProgress")
        progress.setWindowTitle(v.windowTitle())
        progress.setLabelText(self.tr("Importing {name}…").format(name=path.name))
        progress.setCancelButtonText(self.tr("Cancel"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumDuration(0)
        progress.setRange(0, 0)
        progress.canceled.connect(self.cancel)
        progress.show()
        self._timer.start()
        backend, actor, code = self.backend, self.actor, self.pool.code

        def advance(done: int, total: int) -> None:  # worker thread: no widget here
            state.done, state.total = done, total

        self.runner.run(
            lambda: backend.import_file(
                actor, code, path, progress=advance, cancelled=state.cancel.is_set
            ),
            kind="write",
            on_done=self._finished,
            on_error=self._refused,
            owner=v,
            label="import card keys",
        )

    def cancel(self) -> None:
        """Stop the running import: nothing of it is added."""
        if self.state is None:
            return
        self.state.cancel.set()
        if self.progress is not None:
            self.progress.setLabelText(self.tr("Cancelling…"))

    def _poll(self) -> None:
        state, progress = self.state, self.progress
        if state is None or progress is None or state.cancel.is_set():
            return
        if state.total <= 0:
            progress.setRange(0, 0)
        else:
            progress.setRange(0, state.total)
            progress.setValue(min(state.done, state.total))

    def _stop(self) -> None:
        self._timer.stop()
        self.state = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.view.choose.setEnabled(True)

    def _finished(self, report: ImportReport | None) -> None:
        self._stop()
        if report is None:
            self.cancelled = True
            set_message(self.view.message, self.tr("Import cancelled: no key was added"), "info")
            self._show_result()
            return
        self.report = report
        self._show_result()
        self.imported.emit(report)

    def _refused(self, exc: BaseException) -> None:
        self._stop()
        set_message(self.view.message, describe(exc))

    def _show_result(self) -> None:
        report, v = self.report, self.view
        self.problems_model.set_rows(report.problems if report is not None else [])
        v.problems.setVisible(bool(report is not None and report.problems))
        if report is None:
            v.summary.setText("")
            return
        v.summary.setText(
            self.tr(
                "Read {read} keys: {added} added, {duplicate} duplicates skipped, {invalid} "
                "invalid lines."
            ).format(
                read=report.read,
                added=report.added,
                duplicate=report.duplicate,
                invalid=report.invalid,
            )
        )
        level = "error" if report.duplicate or report.invalid else "info"
        v.summary.setProperty("level", level)
        v.summary.style().unpolish(v.summary)
        v.summary.style().polish(v.summary)


# -- the small dialogs -----------------------------------------------------------------------------


class GenerateEditor(QObject):
    """生成卡密: count, length, with or without an 8-digit password."""

    generated = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: CardKeyBackend,
        actor: Actor,
        pool: PoolSummary,
    ) -> None:
        super().__init__()
        self.runner, self.backend, self.actor, self.pool = runner, backend, actor, pool
        v = self.view = GenerateDialogView(parent)
        self.setParent(v)
        v.setWindowTitle(self.tr("Generate card keys"))
        v.product.setText(f"{pool.code} {pool.name}")
        v.count_label.setText(self.tr("Number of keys"))
        v.length_label.setText(self.tr("Characters per key"))
        v.password.setText(self.tr("With an 8-digit password (card_no,password)"))
        v.ok.setText(self.tr("Generate"))
        v.cancel.setText(self.tr("Cancel"))
        v.ok.clicked.connect(self.generate)
        v.cancel.clicked.connect(v.reject)

    def open(self) -> None:
        self.view.open()

    def generate(self) -> None:
        v = self.view
        set_message(v.message, "", "info")
        count, length, password = v.count.value(), v.length.value(), v.password.isChecked()
        backend, actor, code = self.backend, self.actor, self.pool.code
        v.ok.setEnabled(False)
        self.runner.run(
            lambda: backend.generate(actor, code, count, length, password),
            kind="write",
            on_done=self._done,
            on_error=self._refused,
            owner=v,
            label="generate card keys",
        )

    def _done(self, report: ImportReport) -> None:
        self.view.ok.setEnabled(True)
        self.generated.emit(report)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.ok.setEnabled(True)
        set_message(self.view.message, describe(exc))


class StockEditor(QObject):
    """库存设置 of a pool: no limit, or a number."""

    saved = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: CardKeyBackend,
        actor: Actor,
        pool: PoolSummary,
    ) -> None:
        super().__init__()
        self.runner, self.backend, self.actor, self.pool = runner, backend, actor, pool
        v = self.view = StockDialogView(parent)
        self.setParent(v)
        v.setWindowTitle(self.tr("Stock setting"))
        v.product.setText(f"{pool.code} {pool.name}")
        v.explain.setText(
            self.tr(
                "The stock the counters and channels show is the smaller of this setting and "
                "the available keys ({available} now)."
            ).format(available=pool.available)
        )
        v.unlimited.setText(self.tr("No limit: show every available key"))
        v.limited.setText(self.tr("At most"))
        v.ok.setText(self.tr("Save"))
        v.cancel.setText(self.tr("Cancel"))
        limited = pool.stock_setting is not None
        v.limited.setChecked(limited)
        v.unlimited.setChecked(not limited)
        v.setting.setValue(pool.stock_setting if limited else pool.available)
        v.setting.setEnabled(limited)
        v.limited.toggled.connect(v.setting.setEnabled)
        v.ok.clicked.connect(self.save)
        v.cancel.clicked.connect(v.reject)

    def open(self) -> None:
        self.view.open()

    def save(self) -> None:
        v = self.view
        set_message(v.message, "", "info")
        setting = v.setting.value() if v.limited.isChecked() else None
        backend, actor, code = self.backend, self.actor, self.pool.code
        v.ok.setEnabled(False)
        self.runner.run(
            lambda: backend.set_stock(actor, code, setting),
            kind="write",
            on_done=lambda _none: self._done(setting),
            on_error=self._refused,
            owner=v,
            label="card-key stock setting",
        )

    def _done(self, setting: int | None) -> None:
        self.view.ok.setEnabled(True)
        self.saved.emit(setting)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.ok.setEnabled(True)
        set_message(self.view.message, describe(exc))


class VoidEditor(QObject):
    """作废: the reason, then the service voids the key (an available one only)."""

    voided = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: CardKeyBackend,
        actor: Actor,
        key_id: str,
        masked: str,
    ) -> None:
        super().__init__()
        self.runner, self.backend, self.actor, self.key_id = runner, backend, actor, key_id
        v = self.view = VoidDialogView(parent)
        self.setParent(v)
        v.setWindowTitle(self.tr("Void card key"))
        v.key.setText(self.tr("Card key {key}").format(key=masked))
        v.reason_label.setText(self.tr("Why is the key voided? It can never be sold afterwards."))
        v.reason.setPlaceholderText(self.tr("e.g. printed wrongly, leaked"))
        v.ok.setText(self.tr("Void"))
        v.cancel.setText(self.tr("Cancel"))
        v.ok.clicked.connect(self.void)
        v.reason.returnPressed.connect(self.void)
        v.cancel.clicked.connect(v.reject)

    def open(self) -> None:
        self.view.open()

    def void(self) -> None:
        v = self.view
        set_message(v.message, "", "info")
        reason = v.reason.text()
        backend, actor, key_id = self.backend, self.actor, self.key_id
        v.ok.setEnabled(False)
        self.runner.run(
            lambda: backend.void(actor, key_id, reason),
            kind="write",
            on_done=lambda _none: self._done(),
            on_error=self._refused,
            owner=v,
            label="void card key",
        )

    def _done(self) -> None:
        self.view.ok.setEnabled(True)
        self.voided.emit(self.key_id)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.ok.setEnabled(True)
        set_message(self.view.message, describe(exc))


# -- the area --------------------------------------------------------------------------------------


class CardKeyScreen(QObject):
    def __init__(
        self,
        runner: OperationRunner,
        backend: CardKeyBackend,
        actor: Actor,
        *,
        parent: QWidget,
        clock: Clock,
        ask_open_path: OpenPathAsker | None = None,
        confirm: Confirm | None = None,
        set_clipboard: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.clock = clock
        self.ask_open_path = ask_open_path
        # asks before deleting (tests answer for the manager)
        self.confirm: Confirm = confirm or ask_confirm
        self.set_clipboard = set_clipboard or (
            lambda text: QGuiApplication.clipboard().setText(text)
        )
        self.can_reveal = actor.can(Perm.REVEAL_CARD_KEYS)
        self.usable = backend.setup.usable
        self.ready = False
        self.current: PoolSummary | None = None
        self.importer: CardKeyImport | None = None
        self.dialog: QObject | None = None
        self._keep: str | None = None
        self._quiet = False
        self.view = CardKeyAreaView(parent)
        self.widget = self.view
        self.pool_model = pool_model(self)
        self.view.pools.setModel(self.pool_model)
        fit_columns(self.view.pools, POOL_NAME_COLUMN)
        self.key_model = key_model(runner, page_size=PAGE_SIZE, parent=self)
        self.view.keys.setModel(self.key_model)
        keep_columns_fitted(self.view.keys)
        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.setInterval(REVEAL_MS)
        self._hide_timer.timeout.connect(self._hide_revealed)
        self._texts()
        self._wire()
        self._enable_actions()
        self.view.installEventFilter(self)

    def _texts(self) -> None:
        v = self.view
        v.title.setText(self.tr("Card-key pools"))
        v.import_keys.setText(self.tr("Import keys…"))
        v.generate.setText(self.tr("Generate keys…"))
        v.stock.setText(self.tr("Stock setting…"))
        v.refresh.setText(self.tr("Refresh"))
        v.keys_box.setTitle(self.tr("Keys"))
        v.state_label.setText(self.tr("State"))
        v.state.addItem(self.tr("Any state"), None)
        for state in STATES:
            v.state.addItem(state_name(state), state)
        v.reveal.setText(self.tr("Reveal"))
        v.copy.setText(self.tr("Copy"))
        v.void.setText(self.tr("Void…"))
        v.delete.setText(self.tr("Delete…"))
        if not self.can_reveal:
            tip = self.tr("Only users allowed to reveal card keys can do this")
            v.reveal.setToolTip(tip)
            v.copy.setToolTip(tip)

    def _wire(self) -> None:
        v = self.view
        v.refresh.clicked.connect(self.refresh)
        v.import_keys.clicked.connect(self.import_keys)
        v.generate.clicked.connect(self.generate)
        v.stock.clicked.connect(self.stock_setting)
        v.state.activated.connect(lambda _i: self._show_keys(self.current))
        v.reveal.clicked.connect(lambda: self.reveal("reveal"))
        v.copy.clicked.connect(lambda: self.reveal("copy"))
        v.void.clicked.connect(self.void)
        v.delete.clicked.connect(self.delete)
        v.pools.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: None if self._quiet else self._selected(cur.row())
        )
        v.keys.selectionModel().currentRowChanged.connect(lambda *_: self._key_selected())
        self.key_model.loaded.connect(self._keys_loaded)
        self.key_model.failed.connect(self._failed)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Read the pools again each time the area is shown (keys are sold meanwhile)."""
        if obj is self.view and event.type() == QEvent.Type.Show and self.ready:
            self.refresh()
        return False

    def _failed(self, exc: BaseException) -> None:
        set_message(self.view.message, describe(exc))

    # -- the encryption key ----------------------------------------------------------------------
    def _show_setup(self) -> None:
        setup, v = self.backend.setup, self.view
        if setup.usable:
            v.notice.setVisible(False)
            return
        if setup.error is None:
            text = self.tr(
                "No card-key encryption key is configured, so card keys cannot be imported, "
                "sold or shown. Run “storedesk cardkeys keygen” and put the line it prints "
                "into the environment variable STOREDESK_CARD_KEYS, or into the file "
                "{path} (readable by this user only), then start the back office again. Keep "
                "a copy of the key in a safe place: without it the card keys cannot be "
                "decrypted."
            ).format(path=setup.conf_path)
        else:
            text = self.tr(
                "The card-key area cannot be used: {reason} (key read from {source})"
            ).format(reason=describe(setup.error), source=setup.source)
        v.notice.setText(text)
        v.notice.setProperty("level", "error")
        v.notice.style().unpolish(v.notice)
        v.notice.style().polish(v.notice)
        v.notice.setVisible(True)
        v.split.setEnabled(False)
        v.summary.setText("")

    # -- the pools -------------------------------------------------------------------------------
    def start(self) -> None:
        self._show_setup()
        if not self.usable:
            self._enable_actions()
            return
        self.ready = True
        self.refresh()

    def refresh(self) -> None:
        if not self.usable:
            return
        self._keep = self.current.code if self.current is not None else self._keep
        self.view.summary.setText(self.tr("Loading…"))
        actor, backend = self.actor, self.backend
        self.runner.run(
            lambda: backend.pools(actor),
            on_done=self._pools_loaded,
            on_error=self._failed,
            owner=self.view,
            label="card-key pools",
        )

    def _pools_loaded(self, pools: list[PoolSummary]) -> None:
        keep = self._keep
        self.pool_model.set_rows(pools)
        self.view.summary.setText(
            self.tr("{count} card-key products, {available} keys available").format(
                count=len(pools), available=sum(p.available for p in pools)
            )
        )
        row = next((i for i, p in enumerate(pools) if p.code == keep), 0)
        if pools:
            self._quiet = True  # the keys are read once, below
            self.view.pools.selectRow(row)
            self._quiet = False
            self._selected(row)
        else:
            self._selected(-1)
            set_message(
                self.view.message,
                self.tr(
                    "No card-key products yet: create a product of kind card key in the "
                    "catalog first."
                ),
                "info",
            )

    def _selected(self, row: int) -> None:
        pool = self.pool_model.row_at(row)
        self.current = pool
        self._keep = pool.code if pool is not None else None
        self._show_keys(pool)

    # -- the keys --------------------------------------------------------------------------------
    def _show_keys(self, pool: PoolSummary | None) -> None:
        self._hide_revealed()
        if pool is None:
            self.view.keys_summary.setText("")
            self.key_model.set_rows([])
            self._enable_actions()
            return
        self.view.keys_summary.setText(self.tr("Loading…"))
        actor, backend, code = self.actor, self.backend, pool.code
        state = self.view.state.currentData()
        self.key_model.reload(
            lambda offset, limit: backend.key_page(actor, code, state, offset, limit)
        )
        self._enable_actions()

    def _keys_loaded(self, total: int) -> None:
        pool = self.current
        if pool is None:
            return
        self.view.keys_summary.setText(
            self.tr("{name}: {total} keys shown (masked)").format(name=pool.name, total=total)
        )
        self._enable_actions()

    def _key(self):
        index = self.view.keys.currentIndex()
        return self.key_model.row_at(index.row()) if index.isValid() else None

    def _key_selected(self) -> None:
        self._hide_revealed()
        self._enable_actions()

    def _enable_actions(self) -> None:
        v = self.view
        pool = self.usable and self.current is not None
        key = pool and self._key() is not None
        for button in (v.import_keys, v.generate, v.stock):
            button.setEnabled(pool)
        v.refresh.setEnabled(self.usable)
        v.state.setEnabled(pool)
        v.reveal.setEnabled(key and self.can_reveal)
        v.copy.setEnabled(key and self.can_reveal)
        v.void.setEnabled(key)
        v.delete.setEnabled(key)

    def _changed(self, text: str) -> None:
        """After a write: say what happened, read the pools (and the keys) again."""
        set_message(self.view.message, text, "info")
        self.refresh()

    # -- import, generate, stock -----------------------------------------------------------------
    def import_keys(self) -> None:
        pool = self.current
        if pool is None or not self.usable:
            return
        if self.importer is not None and self.importer.running:
            self.importer.view.raise_()
            return
        if self.importer is not None:
            self.importer.view.deleteLater()
        self.importer = CardKeyImport(
            self.view,
            self.runner,
            self.backend,
            self.actor,
            pool,
            ask_open_path=self.ask_open_path,
        )
        self.importer.imported.connect(
            lambda report: self._changed(
                self.tr("Imported {added} keys into {name}").format(
                    added=report.added, name=pool.name
                )
            )
        )
        self.importer.open()

    def _replace_dialog(self, dialog: QObject) -> None:
        if self.dialog is not None:  # one dialog at a time: the last one is done with
            self.dialog.view.deleteLater()  # type: ignore[attr-defined]
        self.dialog = dialog

    def generate(self) -> None:
        pool = self.current
        if pool is None or not self.usable:
            return
        editor = GenerateEditor(self.view, self.runner, self.backend, self.actor, pool)
        editor.generated.connect(
            lambda report: self._changed(
                self.tr("Generated {added} keys into {name}").format(
                    added=report.added, name=pool.name
                )
            )
        )
        self._replace_dialog(editor)
        editor.open()

    def stock_setting(self) -> None:
        pool = self.current
        if pool is None or not self.usable:
            return
        editor = StockEditor(self.view, self.runner, self.backend, self.actor, pool)
        editor.saved.connect(
            lambda setting: self._changed(
                self.tr("Stock setting of {name}: {setting}").format(
                    name=pool.name, setting=setting_text(setting)
                )
            )
        )
        self._replace_dialog(editor)
        editor.open()

    # -- one key ---------------------------------------------------------------------------------
    def reveal(self, purpose: str) -> None:
        key = self._key()
        if key is None or not self.usable or not self.can_reveal:
            return
        actor, backend, key_id, masked = self.actor, self.backend, key.key_id, key.masked
        self.view.reveal.setEnabled(False)
        self.view.copy.setEnabled(False)
        self.runner.run(
            lambda: backend.reveal(actor, key_id, purpose),
            kind="write",  # the audit entry
            on_done=lambda text: self._revealed(purpose, masked, text),
            on_error=self._action_refused,
            owner=self.view,
            label=f"{purpose} card key",
        )

    def _revealed(self, purpose: str, masked: str, text: str) -> None:
        self._enable_actions()
        if purpose == "copy":
            self.set_clipboard(text)
            set_message(
                self.view.message,
                self.tr(
                    "Card key {key} copied to the clipboard (recorded in the audit log)"
                ).format(key=masked),
                "info",
            )
            return
        self.view.revealed.setText(self.tr("Card key {key}: {text}").format(key=masked, text=text))
        self.view.revealed.setVisible(True)
        self._hide_timer.start()
        set_message(
            self.view.message,
            self.tr("Card key {key} revealed (recorded in the audit log)").format(key=masked),
            "info",
        )

    def _action_refused(self, exc: BaseException) -> None:
        self._enable_actions()
        self._failed(exc)

    def _hide_revealed(self) -> None:
        self._hide_timer.stop()
        self.view.revealed.clear()
        self.view.revealed.setVisible(False)

    def void(self) -> None:
        key = self._key()
        if key is None or not self.usable:
            return
        editor = VoidEditor(
            self.view, self.runner, self.backend, self.actor, key.key_id, key.masked
        )
        masked = key.masked
        editor.voided.connect(
            lambda _id: self._changed(self.tr("Card key {key} voided").format(key=masked))
        )
        self._replace_dialog(editor)
        editor.open()

    def delete(self) -> None:
        key = self._key()
        if key is None or not self.usable:
            return
        if not self.confirm(
            self.view,
            self.tr("Delete card key"),
            self.tr(
                "Delete card key {key} from the pool for good? Only a key imported by mistake "
                "that was never reserved or sold can be deleted."
            ).format(key=key.masked),
        ):
            return
        actor, backend, key_id, masked = self.actor, self.backend, key.key_id, key.masked
        self.view.delete.setEnabled(False)
        self.runner.run(
            lambda: backend.delete(actor, key_id),
            kind="write",
            on_done=lambda _none: self._changed(
                self.tr("Card key {key} deleted").format(key=masked)
            ),
            on_error=self._action_refused,
            owner=self.view,
            label="delete card key",
        )
