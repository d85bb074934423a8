"""A counter process that sells in a loop and syncs now and then (killed by the fault tests).

    python -m tests.faults.sync_seller DATA_DIR CENTRAL_URL TARGET SEED

Sells until DATA_DIR/committed.log holds TARGET receipt numbers. Each number is appended to the
log only after ``complete_sale`` returned (its commit is durable); every few sales it runs a sync
round against CENTRAL_URL. SIGKILL may land anywhere: in a sale, in a push, in between.
"""

from __future__ import annotations

import contextlib
import random
import sys
from pathlib import Path

from shared.domain.cart import Cart
from shared.domain.tenders import Tender
from shared.services import catalog, sales, shifts, sync_status
from shared.services.auth import login_with_pin
from shared.services.context import load_terminal
from shared.services.runtime import open_terminal, resolve_paths
from shared.sync.errors import CentralUnreachable
from shared.sync.gateway import InProcessGateway

CODES = [f"P{i:06d}" for i in range(6, 30)]


def main(data_dir: str, central_url: str, target: int, seed: int) -> None:
    log = Path(data_dir, "committed.log")
    done = len(log.read_text().split()) if log.exists() else 0
    rng = random.Random(seed * 1000 + done)
    db = open_terminal(resolve_paths(data_dir, None))
    gateway = InProcessGateway.for_url(central_url)
    with db.uow() as uow:
        ctx = load_terminal(uow)
        actor = login_with_pin(uow, "cashier01", "1111", store_id=ctx.store_id)
        if shifts.current_shift(uow, ctx) is None:
            shifts.open_shift(uow, ctx, actor, 0)
    with log.open("a") as out:
        while done < target:
            cart = Cart()
            with db.reader() as uow:
                for code in rng.sample(CODES, rng.randint(1, 4)):
                    cart.add(catalog.scan(uow, ctx, code))
            with db.uow() as uow:
                res = sales.complete_sale(uow, ctx, actor, cart, [Tender("cash", 1_000_00)])
            out.write(res.receipt_no + "\n")
            out.flush()
            done += 1
            if rng.random() < 0.2:
                with contextlib.suppress(CentralUnreachable):
                    sync_status.run_once(db, gateway)
    gateway.close()
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
