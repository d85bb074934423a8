"""Central side of members (SPEC §9): lookup, paying with balance or points, top-ups, earning.

Every change of a member's points or balance is one ``member_ledger`` row with a unique
``request_id``, written in the same transaction as a conditional update of the member
(``balance_fen >= :amount``): a retried request finds its row and gets the same answer, so a
member is never charged twice; a release or refund names the request it undoes (``undoes`` is
unique too), so it happens once.

Spending (balance or points as payment) is online only; earning and top-ups arrive with the
terminal's documents through the outbox (``ingest``), exactly once by their message ids.
"""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared.db.models import Enterprise, Member, MemberLedger, Sale
from shared.domain import points as pts
from shared.domain.clock import Clock
from shared.domain.errors import ValidationError
from shared.domain.ids import new_id
from shared.domain.money import MAX_FEN
from shared.sync.redeem import bad_ids, refusal

_m = Member.__table__
MAX_REQUEST_ID = 80


def settings(session: Session) -> dict:
    ent = session.scalars(select(Enterprise).limit(1)).first()
    s = (ent.settings or {}) if ent else {}
    return {
        "points_per_yuan": int(s.get("points_per_yuan", pts.DEFAULT_POINTS_PER_YUAN)),
        "points_earn_per_yuan": int(s.get("points_earn_per_yuan", pts.DEFAULT_EARN_PER_YUAN)),
        "points_max_pay_bp": int(s.get("points_max_pay_bp", pts.DEFAULT_MAX_PAY_BP)),
    }


def normalise_phone(text: str) -> str:
    phone = "".join(ch for ch in (text or "") if ch.isdigit())
    if len(phone) != 11 or not phone.startswith("1"):
        raise ValidationError(
            f"'{(text or '')[:20]}' is not a mobile number (11 digits starting with 1)",
            code="phone_format",
            value=(text or "")[:20],
        )
    return phone


def member_card(session: Session, m: Member) -> dict:
    conf = settings(session)
    return {
        "member_id": m.id,
        "phone": m.phone[:3] + "****" + m.phone[-4:],
        "name": m.name,
        "level": m.level,
        "points": m.points,
        "balance_fen": m.balance_fen,
        "status": m.status,
        **conf,
    }


def lookup(session: Session, phone: str) -> dict:
    try:
        phone = normalise_phone(phone)
    except ValidationError as exc:
        return refusal(exc.code, exc.message, **exc.details)
    m = session.scalars(select(Member).where(Member.phone == phone)).first()
    if m is None:
        return refusal("unknown_member", f"no member with phone {phone[:3]}****{phone[-4:]}")
    if m.status != "active":
        return refusal("member_disabled", "this membership is disabled")
    return {"ok": True, "member": member_card(session, m)}


def _ledger_answer(session: Session, row: MemberLedger, *, replayed: bool) -> dict:
    return {
        "ok": True,
        "ledger_id": row.id,
        "request_id": row.request_id,
        "kind": row.kind,
        "points_delta": row.points_delta,
        "balance_delta_fen": row.balance_delta_fen,
        "points_after": row.points_after,
        "balance_after_fen": row.balance_after_fen,
        "replayed": replayed,
    }


def _existing(session: Session, request_id: str) -> MemberLedger | None:
    return session.scalars(
        select(MemberLedger).where(MemberLedger.request_id == request_id)
    ).first()


def charge(session: Session, clock: Clock, request: dict) -> dict:
    """Take ``amount_fen`` of balance or its value in points for a sale not yet committed.

    ``request``: ``request_id``, ``member_id``, ``kind`` (``balance`` | ``points``),
    ``amount_fen``, ``sale_id``, ``sale_total_fen`` (for the points cap), ``store_id``,
    ``terminal_id``, ``staff_id``. Commits on success; a refusal writes nothing.
    """
    request_id = str(request.get("request_id") or "")
    if not request_id or len(request_id) > MAX_REQUEST_ID:
        return refusal("request_id", "a member payment needs a request id")
    bad = bad_ids(request, ("member_id", "sale_id"), ("store_id", "terminal_id", "staff_id"))
    if bad is not None:
        return bad
    old = _existing(session, request_id)
    if old is not None:
        if old.member_id != request.get("member_id") or old.sale_id != request.get("sale_id"):
            return refusal("request_id_reused", "this request id was used for another payment")
        return _ledger_answer(session, old, replayed=True)
    kind = request.get("kind")
    if kind not in ("balance", "points"):
        return refusal("payment_method", f"members pay with balance or points, not {kind!r}")
    try:
        amount = int(request.get("amount_fen") or 0)
    except (TypeError, ValueError):
        return refusal("payment_amount", "the amount is not a number")
    if amount <= 0 or amount > MAX_FEN:
        return refusal("payment_not_positive", "a payment must be above zero")
    m = session.get(Member, str(request.get("member_id") or ""))
    if m is None:
        return refusal("unknown_member", "this member is not known")
    if m.status != "active":
        return refusal("member_disabled", "this membership is disabled")
    conf = settings(session)
    points = 0
    if kind == "points":
        try:
            points = pts.points_for_fen(amount, conf["points_per_yuan"])
            pts.check_points_cap(
                amount, int(request.get("sale_total_fen") or 0), conf["points_max_pay_bp"]
            )
        except ValidationError as exc:
            return refusal(exc.code, exc.message, **exc.details)
        cond = _m.c.points >= points
        values = {"points": _m.c.points - points}
    else:
        cond = _m.c.balance_fen >= amount
        values = {"balance_fen": _m.c.balance_fen - amount}
    now = clock.now()
    won = session.execute(
        update(_m).where(_m.c.id == m.id, cond).values(**values, updated_at=now)
    ).rowcount
    if won != 1:
        session.rollback()
        session.expire_all()
        m = session.get(Member, m.id)
        if kind == "points":
            return refusal(
                "points_insufficient",
                f"the member has {m.points} points; {points} are needed",
                points=m.points,
                needed=points,
            )
        return refusal(
            "balance_insufficient",
            f"the member's balance is {m.balance_fen / 100:.2f}; {amount / 100:.2f} is needed",
            balance_fen=m.balance_fen,
            needed_fen=amount,
        )
    return _write(
        session,
        m.id,
        request_id,
        kind="redeem" if kind == "points" else "pay",
        points_delta=-points,
        balance_delta_fen=-amount if kind == "balance" else 0,
        request=request,
        now=now,
    )


def _write(
    session: Session,
    member_id: str,
    request_id: str,
    *,
    kind: str,
    points_delta: int,
    balance_delta_fen: int,
    request: dict,
    now,
    undoes: str | None = None,
    note: str = "",
    commit: bool = True,
) -> dict:
    session.flush()
    m = session.get(Member, member_id)
    session.refresh(m)
    row = MemberLedger(
        id=str(new_id()),
        member_id=member_id,
        request_id=request_id,
        kind=kind,
        points_delta=points_delta,
        balance_delta_fen=balance_delta_fen,
        points_after=m.points,
        balance_after_fen=m.balance_fen,
        sale_id=request.get("sale_id"),
        store_id=request.get("store_id"),
        terminal_id=request.get("terminal_id"),
        staff_id=request.get("staff_id"),
        undoes=undoes,
        note=note[:200],
        at=now,
    )
    session.add(row)
    try:
        if commit:
            session.commit()
        else:
            with session.begin_nested():
                session.flush()
    except IntegrityError:
        if commit:
            session.rollback()
            old = _existing(session, request_id)
            if old is not None:
                return _ledger_answer(session, old, replayed=True)
        raise
    return _ledger_answer(session, row, replayed=False)


def release(session: Session, clock: Clock, *, request_id: str, sale_id: str) -> dict:
    """Give back a balance or points payment whose sale never committed. Idempotent."""
    bad = bad_ids({"sale_id": sale_id}, ("sale_id",))
    if bad is not None:
        return bad
    old = _existing(session, request_id)
    if old is None:
        return {"ok": True, "released": False}
    if old.sale_id != sale_id:
        return refusal("release_mismatch", "this payment belongs to another sale")
    done = session.scalars(select(MemberLedger).where(MemberLedger.undoes == request_id)).first()
    if done is not None:
        return {**_ledger_answer(session, done, replayed=True), "released": True}
    if _sale_exists(session, sale_id):
        return refusal("sale_committed", "the sale this payment was for is complete")
    now = clock.now()
    session.execute(
        update(_m)
        .where(_m.c.id == old.member_id)
        .values(
            points=_m.c.points - old.points_delta,
            balance_fen=_m.c.balance_fen - old.balance_delta_fen,
            updated_at=now,
        )
    )
    out = _write(
        session,
        old.member_id,
        f"release:{request_id}"[:MAX_REQUEST_ID],
        kind="release",
        points_delta=-old.points_delta,
        balance_delta_fen=-old.balance_delta_fen,
        request={"sale_id": sale_id, "store_id": old.store_id, "terminal_id": old.terminal_id},
        now=now,
        undoes=request_id,
    )
    return {**out, "released": True}


def _sale_exists(session: Session, sale_id: str) -> bool:
    return bool(session.scalar(select(func.count()).select_from(Sale).where(Sale.id == sale_id)))


# -- inside ingest (the caller's transaction, no commit) -------------------------------------------


def credit_in_transaction(
    session: Session,
    now,
    *,
    request_id: str,
    member_id: str,
    kind: str,
    points: int = 0,
    balance_fen: int = 0,
    request: dict,
    undoes: str | None = None,
    note: str = "",
) -> bool:
    """Add (or, negative, take back as far as there is) points/balance inside an ingest
    transaction. False when this request was applied before (a replay) or the member is unknown."""
    if _existing(session, request_id) is not None:
        return False
    if (
        undoes
        and session.scalars(select(MemberLedger.id).where(MemberLedger.undoes == undoes)).first()
    ):
        return False
    m = session.get(Member, member_id)
    if m is None:
        return False
    if points < 0:
        points = -min(-points, m.points)
    if balance_fen < 0:
        balance_fen = -min(-balance_fen, m.balance_fen)
    session.execute(
        update(_m)
        .where(_m.c.id == member_id)
        .values(
            points=_m.c.points + points, balance_fen=_m.c.balance_fen + balance_fen, updated_at=now
        )
    )
    _write(
        session,
        member_id,
        request_id[:MAX_REQUEST_ID],
        kind=kind,
        points_delta=points,
        balance_delta_fen=balance_fen,
        request=request,
        now=now,
        undoes=undoes,
        note=note,
        commit=False,
    )
    return True


def on_sale(session: Session, now, sale: dict, payments: list[dict]) -> None:
    """A member's sale arrived: earn points on the money paid (points paid earn nothing)."""
    member_id = sale.get("member_id")
    if not member_id:
        return
    conf = settings(session)
    paid = sum(int(p["amount_fen"]) for p in payments if p["method"] != "points")
    earned = pts.earned_points(paid, conf["points_earn_per_yuan"])
    if earned <= 0:
        return
    credit_in_transaction(
        session,
        now,
        request_id=f"earn:{sale['id']}",
        member_id=member_id,
        kind="earn",
        points=earned,
        request={
            "sale_id": sale["id"],
            "store_id": sale["store_id"],
            "terminal_id": sale.get("terminal_id"),
        },
        note=sale.get("receipt_no", ""),
    )


def on_refund(session: Session, now, sale_row, refund: dict, refund_payments: list[dict]) -> None:
    """A refund arrived: balance and points paid go back to the member; points earned on the
    refunded money are taken back (as far as the member still has them)."""
    member_id = getattr(sale_row, "member_id", None)
    if not member_id:
        return
    conf = settings(session)
    base = {
        "sale_id": sale_row.id,
        "store_id": refund["store_id"],
        "terminal_id": refund.get("terminal_id"),
    }
    for p in refund_payments:
        amount = int(p["amount_fen"])
        if p["method"] == "balance":
            credit_in_transaction(
                session,
                now,
                request_id=f"refund:{refund['id']}:balance",
                member_id=member_id,
                kind="refund",
                balance_fen=amount,
                request=base,
                note=refund.get("refund_no", ""),
            )
        elif p["method"] == "points":
            credit_in_transaction(
                session,
                now,
                request_id=f"refund:{refund['id']}:points",
                member_id=member_id,
                kind="refund",
                points=amount * conf["points_per_yuan"] // 100,
                request=base,
                note=refund.get("refund_no", ""),
            )
    money = sum(int(p["amount_fen"]) for p in refund_payments if p["method"] != "points")
    back = pts.earned_points(money, conf["points_earn_per_yuan"])
    if back > 0:
        credit_in_transaction(
            session,
            now,
            request_id=f"clawback:{refund['id']}",
            member_id=member_id,
            kind="clawback",
            points=-back,
            request=base,
            note=refund.get("refund_no", ""),
        )


def topup_in_transaction(session: Session, now, payload: dict) -> bool:
    """A top-up taken at a counter (its money is in the shift): credit the balance once."""
    return credit_in_transaction(
        session,
        now,
        request_id=f"topup:{payload['id']}",
        member_id=payload["member_id"],
        kind="topup",
        balance_fen=int(payload["amount_fen"]),
        request={
            "store_id": payload["store_id"],
            "terminal_id": payload.get("terminal_id"),
            "staff_id": payload.get("staff_id"),
        },
        note=payload.get("method", ""),
    )
