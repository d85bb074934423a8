"""The hash-chained journal: intact after real work, and names the first broken entry."""

from __future__ import annotations

from sqlalchemy import select, update

from shared.db.models import JournalEntry, Sale
from shared.domain.tenders import Tender
from shared.services import journal, refunds, sales, shifts


def work(counter) -> list[str]:
    counter.open_shift()
    receipts = []
    for code in ("P000012", "P000013", "P000014"):
        with counter.db.uow() as uow:
            receipts.append(
                sales.complete_sale(
                    uow, counter.ctx, counter.cashier, counter.cart(code), [Tender("cash", 100_00)]
                ).receipt_no
            )
    with counter.db.uow() as uow:
        refunds.refund(uow, counter.ctx, counter.cashier, receipts[0])
    with counter.db.uow() as uow:
        shifts.close_shift(uow, counter.ctx, counter.cashier, 50_000)
    return receipts


def verify(counter):
    with counter.db.reader() as uow:
        return journal.verify(uow, counter.ctx.terminal_id)


def test_chain_intact_after_sales_refund_and_close(counter):
    work(counter)
    v = verify(counter)
    assert v.ok and v.entries == 5
    with counter.db.reader() as uow:
        kinds = uow.session.scalars(select(JournalEntry.kind).order_by(JournalEntry.seq)).all()
    assert kinds == ["sale", "sale", "sale", "refund", "shift_close"]


def test_a_sale_edited_afterwards_is_named(counter):
    receipts = work(counter)
    with counter.db.uow() as uow:
        uow.session.execute(update(Sale).where(Sale.receipt_no == receipts[1]).values(total_fen=1))
        uow.commit()
    v = verify(counter)
    assert not v.ok and v.broken_seq == 2 and "changed" in v.reason


def test_a_deleted_entry_is_named(counter):
    work(counter)
    with counter.db.uow() as uow:
        e = uow.session.scalars(select(JournalEntry).where(JournalEntry.seq == 3)).one()
        uow.session.delete(e)
        uow.commit()
    v = verify(counter)
    assert not v.ok and v.broken_seq == 3


def test_an_altered_entry_is_named(counter):
    work(counter)
    with counter.db.uow() as uow:
        e = uow.session.scalars(select(JournalEntry).where(JournalEntry.seq == 4)).one()
        e.payload = {**e.payload, "total_fen": 0}
        uow.commit()
    v = verify(counter)
    assert not v.ok and v.broken_seq == 4
