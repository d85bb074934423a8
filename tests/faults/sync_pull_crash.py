"""A terminal process that dies (SIGKILL) half-way through applying a pulled batch.

    python -m tests.faults.sync_pull_crash DATA_DIR CENTRAL_URL LIMIT DIE_AFTER

Pulls head-office changes in batches of LIMIT and kills itself right after the DIE_AFTER-th
change statement has run inside the local transaction (before that batch commits).
"""

from __future__ import annotations

import os
import signal
import sys

from sqlalchemy import event

from shared.services.runtime import open_terminal, resolve_paths
from shared.sync.gateway import InProcessGateway
from shared.sync.pull import pull_stream


def main(data_dir: str, central_url: str, limit: int, die_after: int) -> None:
    db = open_terminal(resolve_paths(data_dir, None))
    seen = {"n": 0}

    @event.listens_for(db.engine, "after_cursor_execute")
    def _count(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().upper().startswith(("INSERT INTO SKU", "DELETE FROM BARCODE")):
            seen["n"] += 1
            if seen["n"] == die_after:
                sys.stdout.flush()
                os.kill(os.getpid(), signal.SIGKILL)

    pull_stream(db, InProcessGateway.for_url(central_url), limit=limit)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
