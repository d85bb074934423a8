"""The central side commits a push but the reply never reaches the terminal: the retry gets the
stored results, nothing is stored twice."""

from __future__ import annotations

import pytest

from shared.services import sync_status
from shared.sync.errors import CentralUnreachable
from shared.sync.push import push_pending
from tests.faults.sync_support import (
    LossyGateway,
    counts,
    make_site,
    open_local,
    receipts,
    sell_one,
)


@pytest.fixture
def site(tmp_path, url_factory):
    central = make_site(tmp_path / "counter", url_factory())
    terminal = open_local(tmp_path / "counter")
    yield central, terminal
    terminal.dispose()
    central.dispose()


def test_a_lost_reply_is_answered_from_the_inbox_on_retry(site):
    central, terminal = site
    sold = [sell_one(terminal).receipt_no for _ in range(6)]
    lossy = LossyGateway(central, lose=2)
    with pytest.raises(CentralUnreachable):
        sync_status.run_once(terminal, lossy)  # all 7 committed centrally, the reply lost
    assert sync_status.status(terminal).pending == 7
    stored = counts(central)
    assert stored["sale"] == 6 and stored["inbox"] == 7
    first_answer = lossy.committed[0]["results"]

    with pytest.raises(CentralUnreachable):  # lost again: still nothing twice
        push_pending(terminal, lossy)
    assert counts(central) == stored

    report = sync_status.run_once(terminal, lossy)
    assert (report.pushed, report.replayed, report.pending) == (7, 7, 0)
    assert counts(central) == stored
    assert receipts(central) == sorted(sold)
    # the results the terminal finally recorded are the ones the central side stored first
    from sqlalchemy import select

    from shared.db.models import Outbox

    with terminal.reader() as uow:
        recorded = {r.msg_id: r.result for r in uow.session.scalars(select(Outbox))}
    for res in first_answer:
        assert {k: v for k, v in recorded[res["msg_id"]].items() if k != "replayed"} == res


def test_a_reply_lost_in_the_middle_of_a_batched_push(site):
    central, terminal = site
    for _ in range(5):
        sell_one(terminal)

    class LoseSecond(LossyGateway):
        calls = 0

        def push(self, terminal_id, messages):
            self.calls += 1
            if self.calls == 2:
                return super().push(terminal_id, messages)  # committed, reply lost
            return LossyGateway.__mro__[1].push(self, terminal_id, messages)

    gw = LoseSecond(central, lose=1)
    with pytest.raises(CentralUnreachable):
        push_pending(terminal, gw, batch=2)
    assert sync_status.status(terminal).pending == 4  # first batch recorded, the rest not
    assert counts(central)["inbox"] == 4
    report = push_pending(terminal, gw, batch=2)
    assert (report.pushed, report.replayed, report.pending) == (4, 2, 0)
    assert counts(central)["sale"] == 5 and counts(central)["inbox"] == 6
