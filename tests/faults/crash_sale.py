"""A counter process that dies at a chosen moment of a sale (run by the fault tests).

    python -m tests.faults.crash_sale DATA_DIR before_commit|after_commit

``before_commit``: SIGKILL from inside the sale's transaction, after every row is flushed and just
before COMMIT. ``after_commit``: SIGKILL right after ``complete_sale`` returned, before printing.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from shared.domain.cart import Cart
from shared.domain.tenders import Tender
from shared.services import catalog, sales, shifts
from shared.services.auth import login_with_pin
from shared.services.context import load_terminal
from shared.services.runtime import open_terminal, resolve_paths


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def main(data_dir: str, mode: str) -> None:
    db = open_terminal(resolve_paths(data_dir, None))
    with db.uow() as uow:
        ctx = load_terminal(uow)
        actor = login_with_pin(uow, "cashier01", "1111", store_id=ctx.store_id)
        if shifts.current_shift(uow, ctx) is None:
            shifts.open_shift(uow, ctx, actor, 0)
    cart = Cart()
    with db.reader() as uow:
        for code in ("P000012", "P000013", "P000014"):
            cart.add(catalog.scan(uow, ctx, code))
    if mode == "before_commit":
        event.listen(Session, "before_commit", lambda session: die())
    with db.uow() as uow:
        result = sales.complete_sale(uow, ctx, actor, cart, [Tender("cash", 100_00)])
    print(result.receipt_no, flush=True)
    Path(data_dir, "committed.txt").write_text(result.receipt_no)
    if mode == "after_commit":
        die()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
