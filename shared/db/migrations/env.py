from __future__ import annotations

from alembic import context

from shared.db.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        raise RuntimeError("StoreDesk migrations run through shared.db.migrate with an engine")
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    # SQLite runs DDL inside our BEGIN IMMEDIATE; make sure it is on disk.
    engine.dispose()


run()
