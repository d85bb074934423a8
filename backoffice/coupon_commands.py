"""``storedesk coupon ...`` and ``storedesk pickup create``: head office's coupon work from the
command line (SPEC §6, §16), on the central database (``--central`` / ``STOREDESK_CENTRAL_URL``,
else the embedded file in the data dir).

Each handler returns ``(json_data, human_text)`` like ``backoffice.commands``; ``cli.main``
prints one or the other, and turns a ``DomainError`` into a one-line reason and a non-zero exit.
The commands act as ``--by ACCOUNT`` (default: the first enabled admin): whoever can reach the
central database can act anyway, so no password is asked; the account is for the permission
check and the audit trail. Amounts are yuan on the command line, fen in JSON.

Registered by ``add_parsers(sub)``; ``HANDLERS`` maps the sub-command to its handler.
Importing this module is cheap (argparse only): services are imported when a command runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from backoffice.head_office_args import acting_actor as _actor
from backoffice.head_office_args import open_central as _central

Result = tuple[dict, str]

#: dates without a time on the command line are China time
CHINA_TZ = "Asia/Shanghai"
MAX_PHONES_FILE = 4 * 1024 * 1024


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """``coupon`` (create, issue, export, list, void, qr) and ``pickup`` (create)."""
    c = sub.add_parser("coupon", help="coupon definitions and codes (head office)")
    csub = c.add_subparsers(dest="coupon_command", required=True)

    cr = csub.add_parser("create", help="create a coupon definition")
    _by(cr)
    cr.add_argument("--name", required=True)
    cr.add_argument("--type", required=True, choices=["exchange", "threshold", "discount"])
    cr.add_argument("--sku", help="exchange: the SKU code given")
    cr.add_argument("--threshold", help="threshold: spend at least this (yuan)")
    cr.add_argument("--off", help="threshold: take this off (yuan)")
    cr.add_argument("--percent-off", help="discount: percent off (20 = 8折)")
    cr.add_argument("--cap", help="discount: at most this off (yuan)")
    cr.add_argument("--stock", type=int, default=-1, help="codes that may be issued (-1: no limit)")
    cr.add_argument("--stores", help="comma-separated store codes (default: all stores)")
    cr.add_argument(
        "--from", dest="valid_from", help="YYYY-MM-DD[THH:MM] China time (default: now)"
    )
    cr.add_argument(
        "--until", dest="valid_until", help="YYYY-MM-DD[THH:MM] (default: 30 days on, end of day)"
    )
    cr.add_argument("--stackable", action="store_true")
    for period in ("day", "week", "month", "half-year", "year"):
        cr.add_argument(f"--limit-user-{period}", type=int, default=-1, metavar="N")
    cr.add_argument("--limit-device-day", type=int, default=-1, metavar="N")
    cr.add_argument("--limit-daily-total", type=int, default=-1, metavar="N")
    cr.add_argument("--funded-by", default="store", choices=["store", "platform"])
    cr.add_argument("--disabled", action="store_true", help="create it disabled")
    cr.add_argument("--note", default="")

    iss = csub.add_parser("issue", help="issue codes of a coupon")
    _by(iss)
    iss.add_argument("--coupon", required=True, metavar="ID")
    iss.add_argument("--count", type=int, help="how many (with --phones: one per phone)")
    iss.add_argument("--phones", metavar="FILE", help="UTF-8 text, one mobile number per line")
    iss.add_argument("--batch-no")

    ex = csub.add_parser("export", help="write a coupon's codes to .csv or .xlsx")
    _by(ex)
    ex.add_argument("--coupon", required=True, metavar="ID")
    ex.add_argument("--out", required=True, metavar="FILE")
    ex.add_argument("--state", choices=["unused", "used", "expired", "void"])

    ls = csub.add_parser("list", help="list coupon definitions")
    _by(ls)
    ls.add_argument("--name")
    ls.add_argument("--type", choices=["exchange", "threshold", "discount"])
    ls.add_argument("--status", choices=["active", "disabled", "expired"])
    ls.add_argument("--store")
    ls.add_argument("--offset", type=int, default=0)
    ls.add_argument("--limit", type=int, default=100)

    vo = csub.add_parser("void", help="void an unused code")
    _by(vo)
    vo.add_argument("code")
    vo.add_argument("--reason", default="")

    qr = csub.add_parser("qr", help="the dynamic QR payload a customer's phone shows (60 s)")
    qr.add_argument("code")

    p = sub.add_parser("pickup", help="pickup orders (提货码)")
    psub = p.add_subparsers(dest="pickup_command", required=True)
    pc = psub.add_parser("create", help="an order collected in store with a 6-digit code")
    _by(pc)
    pc.add_argument("--store", required=True)
    pc.add_argument("--description", required=True)
    pc.add_argument("--amount", default="0", help="yuan (default 0)")
    pc.add_argument("--phone")


def _by(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", metavar="ACCOUNT", help="act as this account (default: an admin)")


# -- shared plumbing -------------------------------------------------------------------------------


def _run(args: argparse.Namespace, work: Callable[[Any, Any], Result], *, write: bool) -> Result:
    """``work(uow, actor)`` in one unit of work on the central database."""
    db = _central(args)
    try:
        with db.uow() if write else db.reader() as uow:
            return work(uow, _actor(uow, args.by))
    finally:
        db.dispose()


def _yuan(text: str | None, option: str) -> int | None:
    from shared.domain.money import parse_yuan

    return None if text is None else parse_yuan(text, field=option)


def _when(text: str | None, option: str, *, end_of_day: bool = False) -> datetime | None:
    """``YYYY-MM-DD`` (the start, or with ``end_of_day`` the last minute, of that day) or
    ``YYYY-MM-DDTHH:MM`` in China time; a time with its own offset keeps it."""
    from shared.domain.errors import ValidationError

    if text is None:
        return None
    raw = text.strip()
    try:
        if len(raw) == 10:
            day = date.fromisoformat(raw)
            clock = time(23, 59) if end_of_day else time(0)
            return datetime.combine(day, clock, tzinfo=ZoneInfo(CHINA_TZ))
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise ValidationError(
            f"{option}: '{raw[:30]}' is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)",
            code="date_format",
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=ZoneInfo(CHINA_TZ))


def _coupon_json(row) -> dict:
    from shared.domain.clock import local_time

    return {
        "coupon_id": row.coupon_id,
        "name": row.name,
        "type": row.type,
        "exchange_sku_code": row.exchange_sku_code,
        "threshold_fen": row.threshold_fen,
        "amount_off_fen": row.amount_off_fen,
        "off_bp": row.off_bp,
        "cap_fen": row.cap_fen,
        "stock": row.stock,
        "issued": row.issued,
        "unused": row.unused,
        "used": row.used,
        "store_scope": "all" if row.store_scope == "all" else list(row.store_codes),
        "valid_from": local_time(row.valid_from, CHINA_TZ).isoformat(),
        "valid_until": local_time(row.valid_until, CHINA_TZ).isoformat(),
        "stackable": row.stackable,
        "funded_by": row.funded_by,
        "status": row.status,
    }


def _coupon_line(row) -> str:
    scope = "all stores" if row.store_scope == "all" else ",".join(row.store_codes)
    return (
        f"{row.coupon_id}  {row.name}  {row.type}  {scope}  "
        f"issued {row.issued}, used {row.used}  {row.status}"
    )


# -- the commands ----------------------------------------------------------------------------------


def _input(args: argparse.Namespace, now: datetime):
    from shared.services.coupons import CouponInput

    stores = tuple(s.strip() for s in (args.stores or "").split(",") if s.strip())
    start = _when(args.valid_from, "--from") or now
    end = _when(args.valid_until, "--until", end_of_day=True)
    if end is None:
        local = start.astimezone(ZoneInfo(CHINA_TZ)) + timedelta(days=30)
        end = local.replace(hour=23, minute=59, second=0, microsecond=0)
    percent = None
    if args.percent_off is not None:
        from shared.domain.money import parse_percent

        percent = parse_percent(args.percent_off, field="--percent-off")
    return CouponInput(
        name=args.name,
        type=args.type,
        valid_from=start,
        valid_until=end,
        exchange_sku_code=args.sku,
        threshold_fen=_yuan(args.threshold, "--threshold") or 0,
        amount_off_fen=_yuan(args.off, "--off") or 0,
        off_bp=percent or 0,
        cap_fen=_yuan(args.cap, "--cap"),
        stock=args.stock,
        store_scope="listed" if stores else "all",
        store_codes=stores,
        stackable=args.stackable,
        limit_user_day=args.limit_user_day,
        limit_user_week=args.limit_user_week,
        limit_user_month=args.limit_user_month,
        limit_user_half_year=args.limit_user_half_year,
        limit_user_year=args.limit_user_year,
        limit_device_day=args.limit_device_day,
        limit_daily_total=args.limit_daily_total,
        funded_by=args.funded_by,
        status="disabled" if args.disabled else "active",
        note=args.note,
    )


def coupon_create(args: argparse.Namespace) -> Result:
    from shared.services import coupons

    def work(uow, actor) -> Result:
        coupon_id = coupons.create_coupon(uow, actor, _input(args, uow.clock.now()))
        row = coupons.coupon_detail(uow, actor, coupon_id)
        return _coupon_json(row), f"created coupon {row.coupon_id} ({row.name})"

    return _run(args, work, write=True)


def read_phones(path: str) -> list[str]:
    """The non-blank lines of a UTF-8 text file (a BOM is fine; a CSV's first column counts)."""
    from shared.domain.errors import ValidationError

    file = Path(path)
    try:
        if file.stat().st_size > MAX_PHONES_FILE:
            raise ValidationError(
                f"{path}: the phone list is over 4 MB", code="phones_file", value=path[-60:]
            )
        text = file.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ValidationError(
            f"cannot read {path}: {exc.strerror or exc}", code="phones_file", value=path[-60:]
        ) from None
    except UnicodeDecodeError:
        raise ValidationError(
            f"{path} is not UTF-8 text: save the list as UTF-8", code="phones_encoding"
        ) from None
    return [ln.split(",")[0].strip() for ln in text.splitlines() if ln.strip()]


def coupon_issue(args: argparse.Namespace) -> Result:
    from shared.services import coupons

    phones = read_phones(args.phones) if args.phones else None

    def work(uow, actor) -> Result:
        result = coupons.issue_codes(uow, actor, args.coupon, args.count, phones, args.batch_no)
        data = {
            "coupon_id": result.coupon_id,
            "coupon": result.coupon_name,
            "batch_no": result.batch_no,
            "count": result.count,
            "codes": result.codes,
        }
        if result.phones:
            data["phones"] = result.phones
        return data, (
            f"issued {result.count} codes of {result.coupon_name} (batch {result.batch_no})"
        )

    return _run(args, work, write=True)


def coupon_export(args: argparse.Namespace) -> Result:
    from backoffice import export
    from shared.services import coupons

    out = Path(args.out)

    def work(uow, actor) -> Result:
        batches = coupons.export_codes(uow, actor, args.coupon, state=args.state)
        rows = export.write_table(
            out,
            coupons.CODE_EXPORT_HEADERS,
            ([coupons.code_cells(r) for r in batch] for batch in batches),
        )
        return {"path": str(out), "rows": rows}, f"wrote {rows} codes to {out}"

    return _run(args, work, write=False)


def coupon_list(args: argparse.Namespace) -> Result:
    from shared.services import coupons

    def work(uow, actor) -> Result:
        query = coupons.CouponQuery(
            name=args.name, type=args.type, status=args.status, store_code=args.store
        )
        page = coupons.list_coupons(uow, actor, query, args.offset, args.limit)
        data = {
            "total": page.total,
            "offset": page.offset,
            "coupons": [_coupon_json(r) for r in page.rows],
        }
        lines = [_coupon_line(r) for r in page.rows] or ["no coupons"]
        return data, "\n".join(lines)

    return _run(args, work, write=False)


def coupon_void(args: argparse.Namespace) -> Result:
    from shared.domain.coupons import format_code
    from shared.services import coupons

    def work(uow, actor) -> Result:
        row = coupons.void_code(uow, actor, args.code, args.reason)
        return {"code": row.code, "state": row.state, "coupon_id": row.coupon_id}, (
            f"voided {format_code(row.code)} ({row.coupon_name})"
        )

    return _run(args, work, write=True)


def coupon_qr(args: argparse.Namespace) -> Result:
    """What a customer's phone would show: asked of the central side through the gateway,
    the way a phone app would ask (the signing key never leaves the central database)."""
    from shared.services.runtime import resolve_paths
    from shared.sync.gateway import InProcessGateway

    gateway = InProcessGateway.for_url(resolve_paths(args.data_dir, args.central).central_url)
    try:
        answer = gateway.coupon_qr(args.code)
    finally:
        gateway.close()
    return answer, f"{answer['payload']}\n(valid {answer['ttl_s']} s, until {answer['expires_at']})"


def pickup_create(args: argparse.Namespace) -> Result:
    from shared.services import coupons

    amount = _yuan(args.amount, "--amount") or 0

    def work(uow, actor) -> Result:
        created = coupons.create_pickup_order(
            uow, actor, args.store, args.description, amount, args.phone
        )
        data = {
            "order_no": created.order_no,
            "code": created.code,
            "store": args.store.strip(),
            "amount_fen": amount,
        }
        return data, f"pickup order {created.order_no} at {args.store}: code {created.code}"

    return _run(args, work, write=True)


_COUPON = {
    "create": coupon_create,
    "issue": coupon_issue,
    "export": coupon_export,
    "list": coupon_list,
    "void": coupon_void,
    "qr": coupon_qr,
}


def coupon(args: argparse.Namespace) -> Result:
    return _COUPON[args.coupon_command](args)


def pickup(args: argparse.Namespace) -> Result:
    return {"create": pickup_create}[args.pickup_command](args)


#: ``cli.main``'s handlers for the commands ``add_parsers`` registers
HANDLERS: dict[str, Callable[[argparse.Namespace], Result]] = {
    "coupon": coupon,
    "pickup": pickup,
}
