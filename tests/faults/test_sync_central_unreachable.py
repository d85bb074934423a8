"""The central database goes away in the middle of a push (PostgreSQL: the TCP connection is cut
by a loopback proxy; SQLite: the file's I/O fails), the terminal keeps selling, and after the
link is back the central side has every sale exactly once."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from shared.db.engine import make_engine
from shared.db.uow import Database
from shared.services import sync_status
from shared.sync.errors import CentralUnreachable
from shared.sync.gateway import InProcessGateway
from tests.faults.sync_support import counts, half_sales, make_site, open_local, receipts, sell_one
from tests.faults.tcp_proxy import TcpProxy


class SqliteLink:
    """The SQLite central file becomes unreadable (a share that went away): every statement
    fails with an I/O error while the link is cut."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.down = False

    def engine(self):
        engine = make_engine(self.url)

        @event.listens_for(engine, "before_cursor_execute")
        def _io(conn, cursor, statement, params, context, executemany):
            if self.down:
                raise OperationalError(statement, params, Exception("disk I/O error"))

        return engine

    def cut(self) -> None:
        self.down = True

    def restore(self) -> None:
        self.down = False

    def close(self) -> None:
        pass


class PgLink:
    """PostgreSQL reached through a loopback TCP proxy that can be cut."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        self.proxy = TcpProxy(parsed.host, parsed.port)
        self.url = parsed.set(port=self.proxy.port).render_as_string(hide_password=False)

    def engine(self):
        return make_engine(self.url)

    def cut(self) -> None:
        self.proxy.cut()

    def restore(self) -> None:
        self.proxy.restore()

    def close(self) -> None:
        self.proxy.close()


@pytest.fixture
def link(backend, url_factory, tmp_path):
    url = url_factory()
    central = make_site(tmp_path / "counter", url)
    link = SqliteLink(url) if backend == "sqlite" else PgLink(url)
    yield central, link
    link.close()
    central.dispose()


def test_the_link_is_cut_mid_push_and_the_terminal_keeps_selling(link, tmp_path):
    central, cut = link
    terminal = open_local(tmp_path / "counter")
    remote = Database(cut.engine(), central.clock)
    gw = InProcessGateway(remote)
    try:
        sold = [sell_one(terminal).receipt_no for _ in range(12)]

        # cut the link after the 5th message has been handled centrally, mid-push
        handled = {"n": 0}

        @event.listens_for(remote.engine, "commit")
        def _after_commit(conn):
            handled["n"] += 1
            if handled["n"] == 5:
                cut.cut()

        with pytest.raises(CentralUnreachable):
            sync_status.run_once(terminal, gw)
        st = sync_status.status(terminal)
        assert st.online is False and st.pending == 13  # nothing marked sent: the reply is gone
        got = counts(central)
        assert 1 <= got["sale"] < 12 and got["inbox"] == got["sale"] + 1

        # still cut: the terminal sells on, sync keeps failing quickly
        sold += [sell_one(terminal).receipt_no for _ in range(5)]
        with pytest.raises(CentralUnreachable):
            sync_status.run_once(terminal, gw)

        cut.restore()
        report = sync_status.run_once(terminal, gw)
        assert (report.pending, report.rejected) == (0, 0)
        assert report.replayed == got["inbox"]  # what committed before the cut came back stored
        assert receipts(central) == sorted(sold)  # every sale, exactly once
        assert half_sales(central) == []
        assert sync_status.status(terminal).online is True
    finally:
        remote.dispose()
        terminal.dispose()
