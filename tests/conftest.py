"""Shared fixtures: Qt offscreen, and databases on SQLite and on a real PostgreSQL.

``make test`` starts a throwaway PostgreSQL and sets ``STOREDESK_TEST_PG_URL`` (and
``STOREDESK_REQUIRE_PG=1``, which turns a missing server into a failure rather than a skip).
Each PostgreSQL test gets a fresh database cloned from a migrated template.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import copy
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from shared.db.engine import make_engine, sqlite_url
from shared.db.migrate import upgrade
from shared.db.uow import Database
from shared.domain.clock import FixedClock

PG_URL = os.environ.get("STOREDESK_TEST_PG_URL")
REQUIRE_PG = os.environ.get("STOREDESK_REQUIRE_PG") == "1"
# per process, so two test runs against one server never drop each other's template
TEMPLATE = f"storedesk_template_{os.getpid()}"


def _admin_engine():
    url = make_url(PG_URL).set(database="postgres")
    return create_engine(url, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("STOREDESK_REQUIRE_PG=1 but STOREDESK_TEST_PG_URL is not set")
        pytest.skip("no PostgreSQL: run through 'make test' (or set STOREDESK_TEST_PG_URL)")
    admin = _admin_engine()
    with admin.connect() as c:
        c.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)"))
        c.execute(text(f"CREATE DATABASE {TEMPLATE}"))
    engine = make_engine(str(make_url(PG_URL).set(database=TEMPLATE)))
    upgrade(engine)
    engine.dispose()
    yield TEMPLATE
    with admin.connect() as c:
        c.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def pg_url_factory(pg_template: str):
    """Make fresh, migrated PostgreSQL databases for one test; dropped afterwards."""
    made: list[str] = []
    admin = _admin_engine()

    def make(*, empty: bool = False, template: str | None = None) -> str:
        """A database cloned from the migrated template (or from ``template``), or
        (``empty=True``) with no schema."""
        name = f"sd_{uuid.uuid4().hex[:12]}"
        source = "template0" if empty else (template or pg_template)
        with admin.connect() as c:
            c.execute(text(f"CREATE DATABASE {name} TEMPLATE {source}"))
        made.append(name)
        return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)

    yield make
    with admin.connect() as c:
        for name in made:
            c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def url_factory(backend: str, tmp_path, request):
    """Fresh database URLs of the test's backend: SQLite files, or PostgreSQL databases."""
    if backend == "sqlite":
        counter = iter(range(1000))
        return lambda **_: sqlite_url(tmp_path / f"db{next(counter)}.db")
    return request.getfixturevalue("pg_url_factory")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A SQLite file migrated to head once per run: tests copy it (30 ms) instead of running the
    migrations on every new file (about 0.4 s each)."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    engine = make_engine(sqlite_url(path))
    upgrade(engine, backup=False)
    engine.dispose()  # the last connection checkpoints the WAL into the file
    return path


@pytest.fixture
def make_db(url_factory, clock, backend, request):
    """Open migrated ``Database`` objects on the test's backend, disposed at the end."""
    opened: list[Database] = []

    def make() -> Database:
        url = url_factory()
        if backend == "sqlite":
            import shutil

            from sqlalchemy.engine import make_url as _make_url

            shutil.copyfile(request.getfixturevalue("sqlite_template"), _make_url(url).database)
        engine = make_engine(url)
        upgrade(engine)
        db = Database(engine, clock)
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.dispose()


@pytest.fixture(scope="session")
def pg_counter_templates(pg_template: str) -> Iterator[tuple[str, str, object]]:
    """Terminal 1 of S01 registered on the demo, made ONCE per test process on PostgreSQL:
    (central template, terminal template, what ``create_demo`` returned). ``counter`` clones the
    two databases (a ``CREATE DATABASE … TEMPLATE`` each) instead of building the demo and
    registering again, which takes about 1.4 s a test on PostgreSQL."""
    from tests.support.counter import make_counter

    admin = _admin_engine()
    names = (f"{pg_template}_central", f"{pg_template}_terminal")
    with admin.connect() as c:
        for name in names:
            c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            c.execute(text(f"CREATE DATABASE {name} TEMPLATE {pg_template}"))
    central, local = (
        Database(make_engine(str(make_url(PG_URL).set(database=name))), FixedClock())
        for name in names
    )
    demo = make_counter(central, local).demo
    central.dispose()
    local.dispose()
    yield names[0], names[1], demo
    with admin.connect() as c:
        for name in names:
            c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def counter(make_db, backend, clock, request):
    """Terminal 1 of S01 on demo data; central and terminal on the test's backend.

    On PostgreSQL, when the test's clock is still the default one (the demo's times depend on
    it), both databases are clones of ``pg_counter_templates``."""
    from tests.support.counter import counter_over, make_counter

    if backend == "postgresql" and clock.now() == FixedClock().now():
        central_tpl, local_tpl, demo = request.getfixturevalue("pg_counter_templates")
        make_url_ = request.getfixturevalue("pg_url_factory")
        opened = []
        for template in (central_tpl, local_tpl):
            db = Database(make_engine(make_url_(template=template)), clock)
            opened.append(db)
        request.addfinalizer(lambda: [db.dispose() for db in opened])
        return counter_over(opened[0], opened[1], copy.deepcopy(demo))
    return make_counter(make_db(), make_db())


@pytest.fixture
def sqlite_counter(tmp_path, clock):
    """The same counter, SQLite only (for tests about the terminal file itself)."""
    from shared.services.runtime import open_database
    from tests.support.counter import make_counter

    central = open_database(sqlite_url(tmp_path / "central.db"), clock)
    local = open_database(sqlite_url(tmp_path / "terminal.db"), clock)
    yield make_counter(central, local)
    central.dispose()
    local.dispose()


@pytest.fixture(autouse=True, scope="session")
def _demo_hashes_once():
    """The demo hashes 16 secrets with argon2 (~0.3 s); tests build it hundreds of times.

    Each distinct secret is hashed once per session: the hashes are real argon2 hashes that verify
    as usual, only their salts repeat between tests. ``auth.hash_secret`` itself is untouched.
    """
    from functools import lru_cache

    from shared.services import auth, demo

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(demo, "hash_secret", lru_cache(maxsize=None)(auth.hash_secret))
        yield


@pytest.fixture
def screenshot_dir(tmp_path) -> Path:
    """Where GUI tests save their screenshots: a temporary folder, or ``docs/images`` when
    ``STOREDESK_SCREENSHOTS`` names it (``make screenshots``), so a normal test run never
    rewrites the committed pictures."""
    target = os.environ.get("STOREDESK_SCREENSHOTS")
    path = Path(target) if target else tmp_path / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
