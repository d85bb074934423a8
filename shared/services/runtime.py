"""Where a terminal's files live, and opening its databases (used by each composition root)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from shared.db.engine import make_engine, sqlite_url
from shared.db.migrate import upgrade
from shared.db.uow import Database
from shared.domain.clock import Clock, SystemClock


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    central_url: str

    @property
    def terminal_db(self) -> Path:
        return self.data_dir / "terminal.db"


def resolve_paths(data_dir: str | None, central: str | None) -> Paths:
    base = Path(
        data_dir or os.environ.get("STOREDESK_DATA_DIR") or user_data_dir("storedesk", False)
    )
    base = base.expanduser().resolve()
    url = central or os.environ.get("STOREDESK_CENTRAL_URL") or sqlite_url(base / "central.db")
    if "://" not in url:  # a plain path to a SQLite file
        url = sqlite_url(Path(url).expanduser().resolve())
    return Paths(base, url)


def open_database(url: str, clock: Clock | None = None) -> Database:
    """Open (and migrate to head) a database: the terminal file or the central database."""
    engine = make_engine(url)
    upgrade(engine)
    return Database(engine, clock or SystemClock())


def open_terminal(paths: Paths, clock: Clock | None = None) -> Database:
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    return open_database(sqlite_url(paths.terminal_db), clock)
