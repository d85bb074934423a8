"""E-commerce channel reads for the back office (SPEC §8): the shop list with its figures, a page
of channel orders, the unsettled orders of a shop, the orders overdue for an alert.

Like ``queries.coupons``: one statement picks a page (filters, ``ORDER BY``, ``LIMIT``/``OFFSET``),
a ``COUNT`` gives the total, and the page's per-order figures (the masked hints of its keys) are
read for the page's orders only. Nothing here checks permissions or validates input:
``services.channels`` does, and hands these functions clean values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from shared.db.models import CardKey, ChannelOrder, ChannelShop, Product, Sku, Store

_o = ChannelOrder.__table__
_s = ChannelShop.__table__
_k = CardKey.__table__


def like_pattern(text: str) -> str:
    """``%text%`` with LIKE's own metacharacters escaped (``escape="\\"``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# -- shops -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShopFilter:
    #: part of the name, the redemption domain or the channel-side user id (literally)
    text: str | None = None
    channel_type: str | None = None
    enabled: bool | None = None


@dataclass(frozen=True)
class ShopRow:
    shop_id: str
    sort_order: int
    name: str
    channel_type: str
    channel_user_id: str
    balance_fen: int
    #: the balance before the last change of it (None: never changed since created)
    last_balance_fen: int | None
    redemption_domain: str
    account: str
    enabled: bool
    created_at: datetime
    updated_at: datetime
    #: orders of the shop, and those not settled yet (see ``unsettled_condition``)
    orders: int
    unsettled: int


def unsettled_condition():
    """An order still open: waiting for its key or its verification, or with an after-sale
    request open — unless it is a test order, rejected, or refunded (nothing more happens)."""
    return and_(
        _o.c.test.is_(False),
        _o.c.rejected.is_(False),
        _o.c.after_sale != "refunded",
        or_(
            _o.c.redeem_state == "pending",
            _o.c.verify_state == "pending",
            _o.c.after_sale == "pending",
        ),
    )


def _shop_conditions(f: ShopFilter) -> list:
    conds = []
    if f.text:
        pattern = like_pattern(f.text)
        conds.append(
            or_(
                _s.c.name.like(pattern, escape="\\"),
                _s.c.redemption_domain.like(pattern, escape="\\"),
                _s.c.channel_user_id.like(pattern, escape="\\"),
            )
        )
    if f.channel_type:
        conds.append(_s.c.channel_type == f.channel_type)
    if f.enabled is not None:
        conds.append(_s.c.enabled.is_(f.enabled))
    return conds


def count_shops(session: Session, f: ShopFilter) -> int:
    return int(session.scalar(select(func.count()).select_from(_s).where(*_shop_conditions(f))))


def _shops_select(conds: list) -> Select:
    orders = (
        select(func.count())
        .select_from(_o)
        .where(_o.c.shop_id == _s.c.id)
        .correlate(_s)
        .scalar_subquery()
    )
    unsettled = (
        select(func.count())
        .select_from(_o)
        .where(_o.c.shop_id == _s.c.id, unsettled_condition())
        .correlate(_s)
        .scalar_subquery()
    )
    return select(_s, orders.label("orders"), unsettled.label("unsettled")).where(*conds)


def list_shops(session: Session, f: ShopFilter, *, offset: int, limit: int) -> list[ShopRow]:
    stmt = (
        _shops_select(_shop_conditions(f))
        .order_by(_s.c.sort_order, _s.c.name, _s.c.id)
        .offset(offset)
        .limit(limit)
    )
    return [_shop_row(r) for r in session.execute(stmt)]


def shop_row(session: Session, shop_id: str) -> ShopRow | None:
    found = session.execute(_shops_select([_s.c.id == shop_id])).first()
    return _shop_row(found) if found is not None else None


def _shop_row(r) -> ShopRow:
    return ShopRow(
        shop_id=str(r.id),
        sort_order=int(r.sort_order),
        name=r.name,
        channel_type=r.channel_type,
        channel_user_id=r.channel_user_id,
        balance_fen=int(r.balance_fen),
        last_balance_fen=None if r.last_balance_fen is None else int(r.last_balance_fen),
        redemption_domain=r.redemption_domain,
        account=r.account,
        enabled=bool(r.enabled),
        created_at=r.created_at,
        updated_at=r.updated_at,
        orders=int(r.orders or 0),
        unsettled=int(r.unsettled or 0),
    )


def total_balance(session: Session) -> tuple[int, int]:
    """The balance over every shop (enabled or not), and the number of shops."""
    total, n = session.execute(
        select(func.coalesce(func.sum(_s.c.balance_fen), 0), func.count())
    ).one()
    return int(total), int(n)


def balances(session: Session) -> list[tuple[str, str, int, int | None]]:
    """(shop id, name, balance, previous balance) of every shop, by sort order."""
    rows = session.execute(
        select(_s.c.id, _s.c.name, _s.c.balance_fen, _s.c.last_balance_fen).order_by(
            _s.c.sort_order, _s.c.name
        )
    ).all()
    return [(str(r[0]), r[1], int(r[2]), None if r[3] is None else int(r[3])) for r in rows]


def unsettled_orders(session: Session, shop_id: str, limit: int) -> tuple[int, list[str]]:
    """How many orders of the shop are unsettled, and the numbers of the oldest ``limit``."""
    where = and_(_o.c.shop_id == shop_id, unsettled_condition())
    n = int(session.scalar(select(func.count()).select_from(_o).where(where)))
    numbers = session.scalars(
        select(_o.c.order_no).where(where).order_by(_o.c.created_at, _o.c.id).limit(limit)
    ).all()
    return n, list(numbers)


# -- orders ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderFilter:
    #: platform | channel (None: all)
    origin: str | None = None
    #: part of the order number / of the channel-side user id (literally)
    order_no: str | None = None
    user_id: str | None = None
    shop_id: str | None = None
    created_since: datetime | None = None
    created_until: datetime | None = None
    redeemed_since: datetime | None = None
    redeemed_until: datetime | None = None
    redeem_state: str | None = None
    verify_state: str | None = None
    after_sale: str | None = None
    frozen: bool | None = None
    rejected: bool | None = None
    test: bool | None = None


@dataclass(frozen=True)
class OrderRow:
    order_id: str
    order_no: str
    shop_id: str
    shop_name: str
    origin: str
    channel_user_id: str
    sku_id: str
    sku_code: str
    product_name: str
    quantity: int
    amount_fen: int
    paid: bool
    test: bool
    redeem_state: str
    verify_state: str
    after_sale: str
    frozen: bool
    rejected: bool
    reason: str
    redemption_link: str
    redeem_code: str | None
    created_at: datetime
    delivered_at: datetime | None
    redeemed_at: datetime | None
    verified_at: datetime | None
    verified_store_code: str | None
    #: the last four characters of each live (sold) key, in unit order: shown as ``****1234``
    key_hints: tuple[str, ...] = ()

    @property
    def delivered(self) -> bool:
        return self.delivered_at is not None


def _order_conditions(f: OrderFilter) -> list:
    conds = []
    if f.origin:
        conds.append(_o.c.origin == f.origin)
    if f.order_no:
        conds.append(_o.c.order_no.like(like_pattern(f.order_no), escape="\\"))
    if f.user_id:
        conds.append(_o.c.channel_user_id.like(like_pattern(f.user_id), escape="\\"))
    if f.shop_id:
        conds.append(_o.c.shop_id == f.shop_id)
    if f.created_since is not None:
        conds.append(_o.c.created_at >= f.created_since)
    if f.created_until is not None:
        conds.append(_o.c.created_at <= f.created_until)
    if f.redeemed_since is not None:
        conds.append(_o.c.redeemed_at >= f.redeemed_since)
    if f.redeemed_until is not None:
        conds.append(_o.c.redeemed_at <= f.redeemed_until)
    if f.redeem_state:
        conds.append(_o.c.redeem_state == f.redeem_state)
    if f.verify_state:
        conds.append(_o.c.verify_state == f.verify_state)
    if f.after_sale:
        conds.append(_o.c.after_sale == f.after_sale)
    for column, value in (
        (_o.c.frozen, f.frozen),
        (_o.c.rejected, f.rejected),
        (_o.c.test, f.test),
    ):
        if value is not None:
            conds.append(column.is_(value))
    return conds


def count_orders(session: Session, f: OrderFilter) -> int:
    return int(session.scalar(select(func.count()).select_from(_o).where(*_order_conditions(f))))


def _orders_select() -> Select:
    store = Store.__table__
    return select(
        _o,
        _s.c.name.label("shop_name"),
        Sku.code.label("sku_code"),
        Product.name.label("product_name"),
        store.c.code.label("verified_store_code"),
    ).select_from(
        _o.join(_s, _s.c.id == _o.c.shop_id)
        .outerjoin(Sku, Sku.id == _o.c.sku_id)
        .outerjoin(Product, Product.id == Sku.product_id)
        .outerjoin(store, store.c.id == _o.c.verified_store_id)
    )


def list_orders(session: Session, f: OrderFilter, *, offset: int, limit: int) -> list[OrderRow]:
    stmt = (
        _orders_select()
        .where(*_order_conditions(f))
        .order_by(_o.c.created_at.desc(), _o.c.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return _with_hints(session, session.execute(stmt).all())


def order_rows(session: Session, order_ids: Sequence[str]) -> list[OrderRow]:
    """The orders with these ids (those that exist), in the order given."""
    if not order_ids:
        return []
    found = {
        r.order_id: r
        for r in _with_hints(
            session, session.execute(_orders_select().where(_o.c.id.in_(list(order_ids)))).all()
        )
    }
    return [found[i] for i in order_ids if i in found]


def _with_hints(session: Session, rows: list) -> list[OrderRow]:
    ids = [str(r.id) for r in rows]
    hints: dict[str, list[str]] = {}
    if ids:
        for order_id, hint in session.execute(
            select(_k.c.channel_order_id, _k.c.hint)
            .where(_k.c.channel_order_id.in_(ids), _k.c.state == "sold")
            .order_by(_k.c.channel_order_id, _k.c.line_key, _k.c.unit_no)
        ):
            hints.setdefault(str(order_id), []).append(hint)
    return [
        OrderRow(
            order_id=str(r.id),
            order_no=r.order_no,
            shop_id=str(r.shop_id),
            shop_name=r.shop_name,
            origin=r.origin,
            channel_user_id=r.channel_user_id,
            sku_id=str(r.sku_id),
            sku_code=r.sku_code or "",
            product_name=r.product_name or "",
            quantity=int(r.quantity),
            amount_fen=int(r.amount_fen),
            paid=bool(r.paid),
            test=bool(r.test),
            redeem_state=r.redeem_state,
            verify_state=r.verify_state,
            after_sale=r.after_sale,
            frozen=bool(r.frozen),
            rejected=bool(r.rejected),
            reason=r.reason,
            redemption_link=r.redemption_link,
            redeem_code=r.redeem_code,
            created_at=r.created_at,
            delivered_at=r.delivered_at,
            redeemed_at=r.redeemed_at,
            verified_at=r.verified_at,
            verified_store_code=r.verified_store_code,
            key_hints=tuple(hints.get(str(r.id), ())),
        )
        for r in rows
    ]


# -- alerts ----------------------------------------------------------------------------------------


def _live():
    """An order something may still happen to (not a test, not rejected, not refunded)."""
    return and_(_o.c.test.is_(False), _o.c.rejected.is_(False), _o.c.after_sale != "refunded")


def overdue_redemption(session: Session, before: datetime, limit: int) -> tuple[int, list[str]]:
    """Paid orders still waiting for their key, created before ``before``."""
    where = and_(
        _live(), _o.c.paid.is_(True), _o.c.redeem_state == "pending", _o.c.created_at < before
    )
    return _count_and_numbers(session, where, _o.c.created_at, limit)


def overdue_verification(session: Session, before: datetime, limit: int) -> tuple[int, list[str]]:
    """Orders given their key (redeemed) before ``before`` and not verified at a store yet."""
    where = and_(
        _live(),
        _o.c.redeem_state == "redeemed",
        _o.c.verify_state == "pending",
        _o.c.redeemed_at < before,
    )
    return _count_and_numbers(session, where, _o.c.redeemed_at, limit)


def _count_and_numbers(session: Session, where, order_by, limit: int) -> tuple[int, list[str]]:
    n = int(session.scalar(select(func.count()).select_from(_o).where(where)))
    numbers = session.scalars(
        select(_o.c.order_no).where(where).order_by(order_by, _o.c.id).limit(limit)
    ).all()
    return n, list(numbers)
