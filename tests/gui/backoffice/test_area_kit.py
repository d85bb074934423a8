"""The back office's shared export path (backoffice.area_kit + backoffice.export): a quick export
says what it wrote; a long one shows its progress dialog, and Cancel stops it at the next batch
and leaves no file."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressDialog, QPushButton, QWidget

from backoffice import area_kit, export
from shared.qt.operations import OperationRunner


@pytest.fixture
def area(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    message = QLabel(owner)
    owner.show()
    runner = OperationRunner(owner)
    yield owner, message, runner
    runner.shutdown()


def _slow_batches(n: int, pause: float):
    for i in range(n):
        time.sleep(pause)
        yield [[i, f"行{i}"]] * 100


def test_a_quick_export_reports_its_rows(area, tmp_path, qtbot):
    owner, message, runner = area
    path = tmp_path / "out.csv"
    area_kit.run_export(
        runner,
        message=message,
        owner=owner,
        path=path,
        job=lambda: export.write_table(path, ["no", "name"], _slow_batches(3, 0)),
        label="test export",
    )
    qtbot.waitUntil(lambda: "300" in message.text(), timeout=5_000)
    assert str(path) in message.text()
    assert path.read_text(encoding="utf-8-sig").count("\n") == 301


def test_cancel_stops_a_long_export_and_leaves_no_file(area, tmp_path, qtbot):
    owner, message, runner = area
    path = tmp_path / "long.xlsx"
    progress = area_kit.run_export(
        runner,
        message=message,
        owner=owner,
        path=path,
        job=lambda: export.write_table(path, ["no", "name"], _slow_batches(200, 0.05)),
        label="long export",
    )
    dialog = owner.findChild(QProgressDialog, "exportProgress")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    qtbot.waitUntil(lambda: progress.rows >= 200, timeout=5_000)  # it is really writing
    cancel = dialog.findChild(QPushButton)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: "cancel" in message.text().lower(), timeout=5_000)
    assert progress.cancelled and progress.rows < 200 * 100
    assert not path.exists() and not Path(str(path) + ".part").exists()


def test_write_table_stops_when_cancelled_before_it_starts(tmp_path):
    progress = export.ExportProgress()
    progress.cancel()
    path = tmp_path / "never.csv"
    with export.tracking(progress), pytest.raises(export.ExportCancelled):
        export.write_table(path, ["a"], [[[1]]])
    assert not path.exists() and not Path(str(path) + ".part").exists()
