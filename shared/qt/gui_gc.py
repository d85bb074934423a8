"""Python's cyclic garbage collector runs on the GUI thread only (as Anki does).

Left alone, the collector runs in whichever thread happens to allocate when a threshold is
crossed: a worker thread of the operation runner can then free a cycle that holds a Qt object
(a dialog, a screen and the lambdas connected to it), and Qt objects destroyed off the GUI thread
crash the process. So automatic collection is switched off, and a timer on the GUI thread
collects instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

_NAME = "storedesk-gui-gc"
INTERVAL_MS = 1_000
# a full collection every this many ticks; the young generation on the others
FULL_EVERY = 10


class GuiGarbageCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.setObjectName(_NAME)
        self._ticks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)
        gc.disable()
        self._timer.start()

    def collect(self) -> int:
        self._ticks += 1
        if self._ticks % FULL_EVERY == 0:
            return gc.collect()
        return gc.collect(0)


def install_gui_gc(app: QCoreApplication, interval_ms: int = INTERVAL_MS) -> GuiGarbageCollector:
    """Switch automatic collection off and collect on ``app``'s thread instead (idempotent)."""
    existing = app.findChild(QObject, _NAME)
    if isinstance(existing, GuiGarbageCollector):
        return existing
    return GuiGarbageCollector(app, interval_ms)


def uninstall_gui_gc(app: QCoreApplication) -> None:
    """Back to Python's own collection (at exit, and between tests)."""
    existing = app.findChild(QObject, _NAME)
    if isinstance(existing, GuiGarbageCollector):
        existing._timer.stop()
        existing.setParent(None)
        existing.deleteLater()
    gc.collect()
    gc.enable()
