"""Run the one Alembic history against a database (terminal file or central), at start-up."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, *, backup: bool = True) -> bool:
    """Bring the schema to head. A SQLite file that needs migrating is copied first.

    Returns True when anything was migrated.
    """
    current = current_revision(engine)
    if current == head_revision():
        return False
    if backup and current is not None and engine.dialect.name == "sqlite":
        path = engine.url.database
        if path and path != ":memory:" and Path(path).exists():
            shutil.copy2(path, f"{path}.bak-{current}")
    command.upgrade(alembic_config(engine), "head")
    return True
