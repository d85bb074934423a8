"""One Alembic history for both dialects; the models and the migrations agree."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.util import CommandError
from sqlalchemy import inspect

from shared.db.engine import make_engine
from shared.db.migrate import current_revision, head_revision, upgrade
from shared.db.models import Base


def test_upgrade_to_head_matches_the_models(url_factory):
    engine = make_engine(url_factory(empty=True))
    try:
        assert upgrade(engine) is True
        assert current_revision(engine) == head_revision()
        assert upgrade(engine) is False  # idempotent
        assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
        assert diff == []
    finally:
        engine.dispose()


def test_sqlite_terminal_pragmas(tmp_path):
    from shared.db.engine import sqlite_url

    engine = make_engine(sqlite_url(tmp_path / "t.db"))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_sqlite_file_is_backed_up_before_migrating(tmp_path):
    from sqlalchemy import text

    from shared.db.engine import sqlite_url

    path = tmp_path / "t.db"
    engine = make_engine(sqlite_url(path))
    upgrade(engine)
    with engine.begin() as conn:  # pretend the file is at an older revision
        conn.execute(text("UPDATE alembic_version SET version_num = 'base0'"))
    engine.dispose()
    engine = make_engine(sqlite_url(path))
    try:
        from shared.db import migrate

        assert migrate.current_revision(engine) == "base0"
        with pytest.raises(CommandError):  # an unknown revision cannot migrate ...
            upgrade(engine)
        # ... and the file was copied before anything was tried
        assert (tmp_path / "t.db.bak-base0").exists()
    finally:
        engine.dispose()
