"""Per-terminal settings a manager changes at the counter: printer and interface language."""

from __future__ import annotations

from shared.db.models import AuditEntry, TerminalIdentity
from shared.db.uow import UnitOfWork
from shared.domain.errors import ValidationError
from shared.domain.ids import new_id
from shared.domain.permissions import Perm
from shared.printing.config import PrinterConfig
from shared.services.auth import Actor, require
from shared.services.context import TerminalContext

LANGUAGES = ("zh_CN", "en")


def printer_config(ctx: TerminalContext) -> PrinterConfig:
    return PrinterConfig.from_dict(ctx.printer)


def save_printer(
    uow: UnitOfWork,
    ctx: TerminalContext,
    actor: Actor,
    config: PrinterConfig,
    *,
    requested_by: Actor | None = None,
) -> None:
    """Save the printer settings. ``actor`` must configure terminals: a manager, or the
    approver when a cashier asked (``requested_by``)."""
    require(actor, Perm.CONFIGURE_TERMINAL, ctx.store_id)
    config.validate()
    ident = uow.session.get(TerminalIdentity, 1)
    ident.printer = config.to_dict()
    uow.session.add(
        AuditEntry(
            id=str(new_id()),
            at=uow.clock.now(),
            store_id=ctx.store_id,
            actor_id=actor.staff_id,
            action="printer_settings",
            target=f"terminal {ctx.number}",
            detail={
                "kind": config.kind,
                "paper_mm": config.paper_mm,
                "requested_by": (requested_by or actor).account,
            },
        )
    )
    uow.commit()


def save_language(uow: UnitOfWork, ctx: TerminalContext, actor: Actor, language: str) -> None:
    require(actor, Perm.CONFIGURE_TERMINAL, ctx.store_id)
    if language not in LANGUAGES:
        raise ValidationError(f"unsupported language {language!r}", code="language")
    uow.session.get(TerminalIdentity, 1).language = language
    uow.commit()
