"""``storedesk settle`` (SPEC §11, §16): a store's statement for a period, from the command line.

``settle --store CODE --period YYYY-MM[-DD] [--pdf PATH] [--xlsx PATH]`` builds (or refreshes) the
draft — a confirmed statement is returned as frozen — and writes its PDF / workbook when asked;
``--confirm`` then freezes it (the period must be over); ``--paid REF [--paid-on YYYY-MM-DD]``
records the payment of a confirmed statement. ``--archive PATH`` writes the store-month's audit
archive (orders and statements) instead. JSON: the statement's fields as SPEC §16 names them,
then the rest of its figures. Acts as ``--by ACCOUNT`` (default: the first enabled admin).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from backoffice.head_office_args import acting_actor, add_common, open_central

Result = tuple[dict, str]


def add_parsers(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser(
        "settle",
        help="build a store's settlement statement for a period (and confirm or mark it paid)",
    )
    s.add_argument("--store", required=True, metavar="CODE")
    s.add_argument(
        "--period",
        required=True,
        metavar="YYYY-MM[-DD]",
        help="a month (stores settled by month) or a day (by day, or the week holding it)",
    )
    s.add_argument("--pdf", metavar="PATH", help="write the statement's PDF here")
    s.add_argument("--xlsx", metavar="PATH", help="write the statement's workbook here")
    s.add_argument("--confirm", action="store_true", help="freeze the statement's figures")
    s.add_argument("--paid", metavar="REF", help="record the payment reference (confirmed only)")
    s.add_argument("--paid-on", metavar="YYYY-MM-DD", help="the payment's date (default today)")
    s.add_argument(
        "--archive", metavar="PATH", help="write the store-month's audit archive (.xlsx) instead"
    )
    add_common(s)


def _day(text: str | None) -> date | None:
    from shared.domain.errors import ValidationError

    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            "give the payment date as YYYY-MM-DD", code="bad_date", value=text[:20]
        ) from None


def _human(data: dict) -> str:
    from shared.domain.money import format_yuan

    lines = [
        f"{data['statement_no']}  {data['store']}  {data['period']}  {data['state']}",
        f"sales {data['sales_count']}  gross {format_yuan(data['gross_fen'])}"
        f"  discounts {format_yuan(data['discounts_fen'])}"
        f"  refunds {format_yuan(data['refunds_fen'])}"
        f"  net {format_yuan(data['net_sales_fen'])}",
        "by method: " + ", ".join(f"{m} {format_yuan(v)}" for m, v in data["by_method"].items()),
        f"coupons platform {format_yuan(data['coupons_platform_fen'])}"
        f"  store {format_yuan(data['coupons_store_fen'])}"
        f"  card keys {format_yuan(data['card_keys_fen'])}"
        f"  channel orders {format_yuan(data['channel_orders_fen'])}",
        f"fee {format_yuan(data['fee_fen'])}  payable to the store {format_yuan(data['payable_fen'])}",
    ]
    for key in ("pdf", "xlsx"):
        if data.get(key):
            lines.append(f"{key}: {data[key]}")
    return "\n".join(lines)


def settle(args: argparse.Namespace) -> Result:
    from shared.domain.settlement import check_payment_ref
    from shared.services import settlement, settlement_export

    paid_on = _day(args.paid_on)
    if args.paid is not None:
        check_payment_ref(args.paid)  # refused before anything is built
    db = open_central(args)
    try:
        if args.archive:
            with db.reader() as uow:
                who = acting_actor(uow, args.by)
                path = settlement_export.write_month_archive(
                    uow, who, args.store, args.period, Path(args.archive)
                )
            return {"store": args.store, "period": args.period, "archive": str(path)}, str(path)
        with db.uow() as uow:
            who = acting_actor(uow, args.by)
            view = settlement.build(uow, who, args.store, args.period)
            if args.confirm and view.state == "draft":
                view = settlement.confirm(uow, who, view.statement_id)
            if args.paid is not None:
                view = settlement.settle(uow, who, view.statement_id, args.paid, paid_on)
        data = view.to_json()
        with db.reader() as uow:
            if args.pdf:
                data["pdf"] = str(
                    settlement_export.write_pdf(uow, who, view.statement_id, Path(args.pdf))
                )
            if args.xlsx:
                data["xlsx"] = str(
                    settlement_export.write_xlsx(uow, who, view.statement_id, Path(args.xlsx))
                )
    finally:
        db.dispose()
    return data, _human(data)


HANDLERS = {"settle": settle}
