"""Push: the outbox is written with the document; the central side stores it exactly once."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select, update

from shared.db.models import JournalEntry, Outbox, Payment, Refund, Sale, SaleLine, Shift
from shared.domain.cart import Discount
from shared.domain.errors import Conflict
from shared.domain.tenders import Tender
from shared.services import journal, refunds, sales, shifts
from shared.sync.gateway import InProcessGateway
from shared.sync.push import push_pending
from tests.faults.sync_support import counts, half_sales


def outbox_rows(db) -> list[Outbox]:
    with db.reader() as uow:
        rows = list(uow.session.scalars(select(Outbox).order_by(Outbox.seq)))
        for r in rows:
            uow.session.expunge(r)
        return rows


def sell(counter, *codes, tenders=None):
    cart = counter.cart(*codes)
    with counter.db.uow() as uow:
        return sales.complete_sale(
            uow, counter.ctx, counter.cashier, cart, tenders or [Tender("cash", 1_000_00)]
        )


def test_the_outbox_message_commits_with_the_sale_and_not_without_it(counter):
    counter.open_shift()
    assert [r.kind for r in outbox_rows(counter.db)] == ["shift_open"]
    p10, p11 = counter.product(10), counter.product(11)
    cart = counter.cart(p10["barcode"], p11["code"])
    cart.set_order_discount(Discount("amount", 100, counter.cashier.staff_id, "凑整"))
    with counter.db.uow() as uow:
        res = sales.complete_sale(
            uow,
            counter.ctx,
            counter.cashier,
            cart,
            [Tender("card", 500, provider_ref="T-1"), Tender("cash", 1_000_00)],
        )
    rows = outbox_rows(counter.db)
    assert [r.kind for r in rows] == ["shift_open", "sale"]
    msg = rows[1]
    assert msg.status == "pending" and msg.payload_version == 2
    p = msg.payload
    assert p["sale"]["id"] == res.sale_id and p["sale"]["receipt_no"] == res.receipt_no
    assert [ln["sku_code"] for ln in p["lines"]] == [p10["code"], p11["code"]]
    assert [pay["method"] for pay in p["payments"]] == ["card", "cash"]
    assert [d["scope"] for d in p["discounts"]] == ["order"]
    assert p["journal"]["kind"] == "sale" and p["journal"]["document_id"] == res.sale_id
    assert p["shift"]["id"] == p["sale"]["shift_id"]

    # a sale refused by the service writes nothing, outbox included
    stale = counter.cart(p10["barcode"])
    stale.lines[0] = replace(stale.lines[0], list_price_fen=1, unit_price_fen=1)
    with pytest.raises(Conflict), counter.db.uow() as uow:
        sales.complete_sale(uow, counter.ctx, counter.cashier, stale, [Tender("cash", 100)])
    assert len(outbox_rows(counter.db)) == 2


def test_a_failed_sale_leaves_no_outbox_message(counter):
    counter.open_shift()

    def card_sale(code: str):
        cart = counter.cart(code)
        with counter.db.uow() as uow:
            return sales.complete_sale(
                uow,
                counter.ctx,
                counter.cashier,
                cart,
                [Tender("card", cart.totals().total_fen, provider_ref="DUP")],
            )

    card_sale(counter.product(11)["code"])
    with pytest.raises(Conflict):  # the same provider trade again: refused, nothing written
        card_sale(counter.product(12)["code"])
    assert [r.kind for r in outbox_rows(counter.db)] == ["shift_open", "sale"]


def test_push_stores_every_document_exactly_once(counter):
    counter.open_shift(10_000)
    with counter.db.uow() as uow:
        shifts.cash_move(uow, counter.ctx, counter.cashier, "in", 2_000, "零钱")
    first = sell(counter, counter.product(10)["barcode"], counter.product(11)["code"])
    sell(counter, counter.product(12)["code"])
    with counter.db.uow() as uow:
        refunds.refund(uow, counter.ctx, counter.cashier, first.receipt_no, None)
    with counter.db.uow() as uow:
        shifts.close_shift(uow, counter.ctx, counter.cashier, 12_345)
    gw = InProcessGateway(counter.central)

    report = push_pending(counter.db, gw, batch=2)  # several batches
    assert (report.pushed, report.pending, report.rejected) == (6, 0, 0)
    once = counts(counter.central)
    assert once["sale"] == 2 and once["sale_line"] == 3 and once["payment"] == 2
    assert once["refund"] == 1 and once["cash_movement"] == 1 and once["journal_entry"] == 4
    assert once["inbox"] == 6
    assert half_sales(counter.central) == []
    with counter.central.reader() as uow:
        s = uow.session
        shift = s.scalars(select(Shift)).one()
        assert shift.status == "closed" and shift.counted_cash_fen == 12_345
        assert shift.received_at is not None
        assert s.scalar(select(func.count()).where(Sale.received_at.is_(None))) == 0
        assert s.scalar(select(func.count()).where(Refund.received_at.is_(None))) == 0
        assert journal.verify(uow).ok  # the central copy of the chain is whole

    # nothing pending: a second push sends nothing; replaying everything changes nothing
    assert push_pending(counter.db, gw).pushed == 0
    with counter.db.uow() as uow:
        uow.session.execute(update(Outbox).values(status="pending", sent_at=None))
        uow.commit()
    again = push_pending(counter.db, gw)
    assert (again.pushed, again.replayed) == (6, 6)
    assert counts(counter.central) == once


def test_a_replay_returns_the_stored_result(counter):
    counter.open_shift()
    res = sell(counter, counter.product(10)["barcode"])
    gw = InProcessGateway(counter.central)
    msgs = [
        {
            "msg_id": r.msg_id,
            "kind": r.kind,
            "payload_version": r.payload_version,
            "payload": r.payload,
        }
        for r in outbox_rows(counter.db)
    ]
    first = gw.push(counter.ctx.terminal_id, msgs)["results"]
    second = gw.push(counter.ctx.terminal_id, msgs)["results"]
    assert [r["status"] for r in first] == ["accepted", "accepted"]
    assert first[1]["number"] == res.receipt_no and first[1]["document_id"] == res.sale_id
    assert [r.pop("replayed") for r in second] == [True, True]
    assert second == first
    assert counts(counter.central)["sale"] == 1


def test_the_same_message_id_with_another_payload_is_an_error(counter):
    counter.open_shift()
    sell(counter, counter.product(10)["barcode"])
    gw = InProcessGateway(counter.central)
    push_pending(counter.db, gw)
    before = counts(counter.central)
    with counter.central.reader() as uow:
        central_total = uow.session.scalar(select(Sale.total_fen))

    # the terminal's copy of the sale message is altered and pushed again under its old id
    with counter.db.uow() as uow:
        msg = uow.session.scalars(select(Outbox).where(Outbox.kind == "sale")).one()
        payload = dict(msg.payload)
        payload["sale"] = {**payload["sale"], "total_fen": 1}
        msg.payload = payload
        msg.status = "pending"
        uow.commit()
    report = push_pending(counter.db, gw)
    assert (report.pushed, report.rejected) == (0, 1)
    [rejected] = [r for r in outbox_rows(counter.db) if r.status == "rejected"]
    assert rejected.last_error == "message id reused with a different payload"
    assert rejected.result["code"] == "msg_id_reused"
    assert counts(counter.central) == before
    with counter.central.reader() as uow:
        assert uow.session.scalar(select(Sale.total_fen)) == central_total


def test_a_newer_payload_than_the_server_knows_waits_on_the_terminal(counter):
    counter.open_shift()
    with counter.db.uow() as uow:
        uow.session.execute(update(Outbox).values(payload_version=99))
        uow.commit()
    report = push_pending(counter.db, InProcessGateway(counter.central))
    assert (report.pushed, report.pending) == (0, 1)
    assert "payload version 99" in report.error
    [row] = outbox_rows(counter.db)
    assert row.status == "pending" and row.attempts == 1
    assert counts(counter.central)["shift"] == 0


def test_an_older_terminals_payload_is_accepted(counter):
    """Payload version 1 (no journal entry, no shift row) is upgraded and stored."""
    counter.open_shift()
    res = sell(counter, counter.product(10)["barcode"])
    with counter.db.uow() as uow:
        for row in uow.session.scalars(select(Outbox)):
            payload = {k: v for k, v in row.payload.items() if k != "journal"}
            if row.kind != "shift_open":
                payload.pop("shift", None)
            row.payload, row.payload_version = payload, 1
        uow.commit()
    report = push_pending(counter.db, InProcessGateway(counter.central))
    assert (report.pushed, report.pending) == (2, 0)
    with counter.central.reader() as uow:
        s = uow.session
        assert s.scalar(select(Sale.receipt_no)) == res.receipt_no
        assert s.scalar(select(func.count()).select_from(SaleLine)) == 1
        assert s.scalar(select(func.count()).select_from(Payment)) == 1
        assert s.scalar(select(func.count()).select_from(JournalEntry)) == 0
