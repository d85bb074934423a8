"""Parking and resuming sales; the terminal's printer settings."""

from __future__ import annotations

import pytest

from shared.domain.cart import Cart, Discount
from shared.domain.errors import NotFound, PermissionDenied, ValidationError
from shared.printing.config import PrinterConfig
from shared.services import suspended, terminal_settings
from shared.services.context import load_terminal


def test_park_several_and_resume_exactly_as_they_were(counter):
    a = counter.cart("P000012", "P000013")
    a.set_order_discount(Discount("percent", 500, counter.cashier.staff_id, "熟客"))
    b = counter.cart("P000014")
    with counter.db.uow() as uow:
        ida = suspended.suspend(uow, counter.ctx, counter.cashier, a, "穿红衣服的顾客")
    with counter.db.uow() as uow:
        suspended.suspend(uow, counter.ctx, counter.cashier, b)
    with counter.db.reader() as uow:
        parked = suspended.parked(uow, counter.ctx)
    assert [(p.label, p.line_count, p.total_fen) for p in parked] == [
        ("穿红衣服的顾客", 2, a.totals().total_fen),
        ("", 1, b.totals().total_fen),
    ]
    with counter.db.uow() as uow:
        back = suspended.resume(uow, counter.ctx, counter.cashier, ida)
    assert back == a
    with counter.db.uow() as uow, pytest.raises(NotFound):
        suspended.resume(uow, counter.ctx, counter.cashier, ida)


def test_empty_sale_cannot_be_parked(counter):
    with counter.db.uow() as uow, pytest.raises(ValidationError):
        suspended.suspend(uow, counter.ctx, counter.cashier, Cart())


def test_printer_settings_need_a_manager_and_valid_values(counter):
    cfg = PrinterConfig(kind="network", host="127.0.0.1", port=9100, paper_mm=58)
    with counter.db.uow() as uow, pytest.raises(PermissionDenied):
        terminal_settings.save_printer(uow, counter.ctx, counter.cashier, cfg)
    with counter.db.uow() as uow, pytest.raises(ValidationError):
        terminal_settings.save_printer(
            uow, counter.ctx, counter.manager, PrinterConfig(kind="network", host="", port=70000)
        )
    with counter.db.uow() as uow:
        terminal_settings.save_printer(uow, counter.ctx, counter.manager, cfg)
    with counter.db.reader() as uow:
        ctx = load_terminal(uow)
    assert terminal_settings.printer_config(ctx) == cfg


def test_language_setting(counter):
    with counter.db.uow() as uow, pytest.raises(PermissionDenied):
        terminal_settings.save_language(uow, counter.ctx, counter.cashier, "en")
    with counter.db.uow() as uow:
        terminal_settings.save_language(uow, counter.ctx, counter.manager, "en")
    with counter.db.reader() as uow:
        assert load_terminal(uow).language == "en"
    with counter.db.uow() as uow, pytest.raises(ValidationError):
        terminal_settings.save_language(uow, counter.ctx, counter.manager, "fr")
