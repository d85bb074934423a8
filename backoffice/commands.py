"""The headless sub-commands. Each builds what it needs (its own small composition) and returns
``(json_data, human_text)``; ``cli.main`` prints one or the other."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.engine import make_url

from shared.db.models import Staff
from shared.domain.cart import Cart
from shared.domain.errors import DomainError, NotFound, ValidationError
from shared.domain.ids import new_id
from shared.domain.money import format_yuan, parse_yuan
from shared.domain.tenders import CODE_METHODS, MEMBER_METHODS, METHODS, Tender
from shared.printing.config import PrinterConfig
from shared.printing.layout import pad
from shared.services import (
    auth,
    card_key_sales,
    catalog,
    journal,
    print_queue,
    refunds,
    sales,
    serials,
    shifts,
)
from shared.services import payments as payments_svc
from shared.services.card_key_config import load_keyring
from shared.services.context import load_terminal
from shared.services.payment_provider import SimulatedProvider
from shared.services.runtime import Paths, open_database, open_terminal, resolve_paths
from shared.services.terminal_setup import Registration, register
from shared.sync.errors import CentralUnreachable
from shared.sync.gateway import InProcessGateway

#: the customer payment code the headless ``sale`` presents to the provider simulator
SIMULATED_CUSTOMER_CODE = {"wechat": "134567890123456789", "alipay": "281234567890123456"}


_ITEM_RE = re.compile(r"^(?P<code>.+?)(?:[xX*](?P<qty>[0-9]+(?:\.[0-9]{1,3})?))?$")


def parse_item(text: str) -> tuple[str, int | None]:
    """``CODE`` or ``CODExQTY`` -> (code, quantity in thousandths, or None for one piece)."""
    m = _ITEM_RE.match(text.strip())
    if not m or not m.group("code"):
        raise ValidationError(f"'{text}' is not CODE or CODExQTY", code="item_format")
    qty = m.group("qty")
    if qty is None:
        return m.group("code"), None
    whole, _, frac = qty.partition(".")
    return m.group("code"), int(whole) * 1000 + int((frac or "0").ljust(3, "0"))


def parse_pay(text: str) -> tuple[str, int | None]:
    """``METHOD`` or ``METHOD:AMOUNT`` (yuan) -> (method, fen or None for what is still due)."""
    method, _, amount = text.partition(":")
    return method.strip().lower(), parse_yuan(amount, field="--pay amount") if amount else None


def _paths(args: argparse.Namespace) -> Paths:
    return resolve_paths(args.data_dir, args.central)


#: widths of the demo's staff table, in terminal columns (a Chinese character takes two)
_STAFF_COLUMNS = (12, 8, 12, 6, 12, 0)


def _columns(*cells: str) -> str:
    return "".join(pad(c, w) if w else c for c, w in zip(cells, _STAFF_COLUMNS, strict=True))


def _y(fen: int) -> str:
    return format_yuan(fen, symbol="￥")


def demo(args: argparse.Namespace):
    # imported here: the demo catalog needs pypinyin, which every other command can skip loading
    from shared.services.card_key_config import load_keyring, write_demo_keyring
    from shared.services.demo import create_demo

    paths = _paths(args)
    # the demo's card keys are sealed with a key file in the data dir (configuration, 0600)
    if not os.environ.get("STOREDESK_CARD_KEYS") and not os.environ.get("STOREDESK_CARD_KEYS_FILE"):
        write_demo_keyring(paths.data_dir)
    keyring = load_keyring(paths.data_dir)
    central = open_database(paths.central_url)
    try:
        result = create_demo(central, products=args.products, keyring=keyring)
        reg = _register(paths, central, "S01", 1)
        second = _second_terminal(args, central, paths) if args.second_terminal else None
    finally:
        central.dispose()
    data = {
        "central": _safe_url(paths.central_url),
        "data_dir": str(paths.data_dir),
        "stores": result.stores,
        "terminal": {"store": reg.store_code, "number": reg.number},
        "staff": [
            {k: v for k, v in s.items() if k != "name"} | {"name": s["name"]} for s in result.staff
        ],
        "products": result.products,
        "coupons": result.coupons,
        "members": result.members,
        "pickups": result.pickups,
        "card_key_products": result.card_key_products,
    }
    if second:
        data["second_terminal"] = second
    lines = [
        f"Demo enterprise ready in {_safe_url(paths.central_url)}",
        f"This data dir ({paths.data_dir}) is terminal {reg.number} of store {reg.store_code}.",
        "",
        _columns("account", "name", "roles", "PIN", "password", "stores"),
    ]
    for s in result.staff:
        lines.append(
            _columns(
                s["account"],
                s["name"],
                ",".join(s["roles"]),
                s["pin"],
                s["password"],
                ",".join(s["stores"]),
            )
        )
    lines += ["", "Some products to scan:"]
    for p in result.products[:8]:
        lines.append(f"  {p['barcode'] or p['code']:<16}{p['name']}  {_y(p['price_fen'])}")
    lines += ["", "Start the counter with: storedesk pos"]
    if second:
        lines += [
            f"Second counter: {second['data_dir']} is terminal {second['number']} of "
            f"{second['store']}: storedesk --data-dir {second['data_dir']} pos",
            "Sync each counter with: storedesk [--data-dir DIR] sync",
        ]
    return data, "\n".join(lines)


def _second_terminal(args: argparse.Namespace, central, paths: Paths) -> dict:
    """Register another data dir as terminal 2 (of store S02) on this central database."""
    other = resolve_paths(args.second_terminal, paths.central_url)
    if other.data_dir == paths.data_dir:
        raise ValidationError(
            "--second-terminal needs a data dir other than this one", code="same_data_dir"
        )
    reg = _register(other, central, "S02", 2)
    return {"data_dir": str(other.data_dir), "store": reg.store_code, "number": reg.number}


def _register(paths: Paths, central, store_code: str, number: int) -> Registration:
    """Register ``paths``' data dir as a terminal of ``store_code`` on ``central``."""
    local = open_terminal(paths)
    try:
        return register(
            local,
            InProcessGateway(central),
            store_code=store_code,
            number=number,
            central_url=paths.central_url,
        )
    finally:
        local.dispose()


def _safe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def terminal_register(args: argparse.Namespace):
    paths = _paths(args)
    central = open_database(paths.central_url)
    try:
        reg = _register(paths, central, args.store, args.number)
    finally:
        central.dispose()
    data = {
        "store": reg.store_code,
        "number": reg.number,
        "terminal_id": reg.terminal_id,
        "pulled": reg.rows,
    }
    return (
        data,
        f"registered as terminal {reg.number} of {reg.store_code}; pulled {sum(reg.rows.values())} rows",
    )


def _cashier(uow, ctx, account: str | None) -> auth.Actor:
    if account:
        staff = uow.session.scalars(
            select(Staff).where(Staff.account == account, Staff.deleted_at.is_(None))
        ).first()
        if staff is None or not staff.enabled:
            raise NotFound(f"no enabled staff account '{account}'", code="unknown_staff")
        actor = auth.actor_for(uow, staff)
        if not (actor.can(auth.Perm.SELL, ctx.store_id)):
            raise auth.PermissionDenied(f"{account} may not sell at store {ctx.store_code}")
        return actor
    for choice in auth.counter_staff(uow, ctx.store_id):
        if "cashier" in choice.roles:
            return _cashier(uow, ctx, choice.account)
    raise NotFound(f"store {ctx.store_code} has no cashier", code="no_cashier")


def _try_print(terminal, ctx) -> str:
    config = PrinterConfig.from_dict(ctx.printer)
    outcomes = print_queue.drain(terminal, config)
    failed = [o for o in outcomes if not o.ok]
    return f"printing failed, receipt kept in the queue: {failed[0].error}" if failed else ""


def sale(args: argparse.Namespace):
    from shared.services import central_holds, sync_status

    paths = _paths(args)
    terminal = open_terminal(paths)
    gateway = None
    sale_id = str(new_id())
    held = False
    try:
        with terminal.uow() as uow:
            ctx = load_terminal(uow)
            actor = _cashier(uow, ctx, args.cashier)
            if shifts.current_shift(uow, ctx) is None:
                shifts.open_shift(uow, ctx, actor, 0)
        cart = Cart()
        central_url = args.central or os.environ.get("STOREDESK_CENTRAL_URL")
        numbers = list(args.serial or [])
        with terminal.reader() as uow:
            for text in args.item:
                code, qty = parse_item(text)
                line = catalog.scan(uow, ctx, code)
                if qty is not None:
                    if line.fixed_amount_fen is not None:
                        raise ValidationError(
                            f"{code}: a priced scale label has its own quantity",
                            code="quantity_fixed",
                        )
                    if line.serial_tracked and qty != 1000:
                        raise ValidationError(
                            f"{code} is serial-tracked: give one --item per unit, each with "
                            "its --serial",
                            code="serial_quantity",
                        )
                    line = replace(line, quantity_milli=qty)
                if line.serial_tracked:
                    if not numbers:
                        raise ValidationError(
                            f"{code} is serial-tracked: give its unit's --serial NUMBER",
                            code="serial_required",
                        )
                    if gateway is None:
                        gateway = _gateway_or_none(terminal, central_url)
                    line = serials.for_sale(gateway, ctx.store_code, line, numbers.pop(0)).line
                cart.add(line)
        if numbers:
            raise ValidationError(
                f"--serial {numbers[0]} has no serial-tracked --item to go with",
                code="serial_unused",
            )
        pays = [parse_pay(p) for p in args.pay]
        member_pay = any(m in MEMBER_METHODS for m, _ in pays)
        member = None
        if (args.coupon or args.member or member_pay) and gateway is None:
            # coupons and member payments are decided by the central database, online only
            gateway = sync_status.gateway_for(terminal, central_url)
        key_lines = card_key_sales.card_key_lines(cart)
        keyring = load_keyring(paths.data_dir) if key_lines else None
        if key_lines and gateway is None:
            gateway = _gateway_or_none(terminal, central_url)
        if member_pay and not args.member:
            raise ValidationError(
                "balance and points payments need --member PHONE", code="member_required"
            )
        if args.member:
            member = central_holds.find_member(gateway, ctx, actor, args.member)
            _attach_member(cart, member.member_id)
        for code in args.coupon or []:
            cart.add_coupon(central_holds.check_coupon(gateway, ctx, actor, code))
        try:
            if cart.coupons:
                held = True
                central_holds.hold_coupons(
                    terminal, gateway, ctx, actor, sale_id=sale_id, cart=cart
                )
            if key_lines:
                held = True
                card_key_sales.hold_card_keys(
                    terminal, gateway, ctx, actor, sale_id=sale_id, cart=cart
                )
            total = cart.totals().total_fen
            held = held or member_pay
            tenders = _tenders(args.pay, total, terminal, ctx, sale_id, gateway, actor, member)
            with terminal.uow() as uow:
                result = sales.complete_sale(
                    uow,
                    ctx,
                    actor,
                    cart,
                    tenders,
                    sale_id=sale_id,
                    member_phone=member.phone if member else "",
                    keyring=keyring,
                )
        except BaseException:
            if held and gateway is not None:
                central_holds.release_sale(terminal, gateway, sale_id)
            raise
        warning = _try_print(terminal, ctx)
    finally:
        if gateway is not None:
            gateway.close()
        terminal.dispose()
    data = {
        "receipt_no": result.receipt_no,
        "sale_id": result.sale_id,
        "total_fen": result.total_fen,
        "paid_fen": result.paid_fen,
        "change_fen": result.change_fen,
        "card_keys": list(result.card_keys),
        "coupons": [
            {"code": c.code, "name": c.name, "amount_fen": c.amount_fen}
            for c in result.receipt.coupons
        ],
    }
    if member is not None:
        data["member"] = {"phone": member.phone, "member_id": member.member_id}
    if warning:
        data["print_warning"] = warning
    text = f"{result.receipt_no}  total {_y(result.total_fen)}  paid {_y(result.paid_fen + result.change_fen)}  change {_y(result.change_fen)}"
    return data, text + (f"\n{warning}" if warning else "")


def _gateway_or_none(terminal, central_url: str | None):
    """The central gateway, or None when this terminal cannot reach one (then a serial number
    is taken unchecked and checked when the sale syncs, as at the counter)."""
    from shared.services import sync_status

    try:
        return sync_status.gateway_for(terminal, central_url)
    except (CentralUnreachable, DomainError):
        return None


def _attach_member(cart: Cart, member_id: str) -> None:
    """Put the member on the sale (member prices apply where the cart knows them)."""
    set_member = getattr(cart, "set_member", None)
    if set_member is not None:
        set_member(member_id)
    else:
        cart.member_id = member_id


def _tenders(
    pays: list[str],
    total: int,
    terminal,
    ctx,
    sale_id: str,
    gateway=None,
    actor=None,
    member=None,
) -> list[Tender]:
    """Tenders for ``--pay`` options; payment-code methods go through the provider simulator,
    balance and points through the central database (``--member``)."""
    if not pays:
        return [Tender("cash", total)] if total > 0 else []
    parsed = [parse_pay(p) for p in pays]
    tenders: list[Tender] = []
    due = total
    provider = SimulatedProvider()
    for i, (method, amount) in enumerate(parsed):
        if method not in METHODS:
            raise ValidationError(
                f"unknown payment method '{method}' (one of {', '.join(METHODS)})",
                code="payment_method",
            )
        if amount is None:
            if i != len(parsed) - 1:
                raise ValidationError(
                    "only the last --pay may leave out its amount", code="pay_amount_required"
                )
            amount = due
        if method in CODE_METHODS:
            tenders.append(
                payments_svc.charge(
                    terminal,
                    ctx,
                    provider,
                    sale_id=sale_id,
                    method=method,
                    auth_code=SIMULATED_CUSTOMER_CODE[method],
                    amount_fen=amount,
                )
            )
        elif method in MEMBER_METHODS:
            from shared.services import central_holds

            tenders.append(
                central_holds.charge_member(
                    terminal,
                    gateway,
                    ctx,
                    actor,
                    sale_id=sale_id,
                    member_id=member.member_id,
                    method=method,
                    amount_fen=amount,
                    sale_total_fen=total,
                )
            )
        else:
            tenders.append(Tender(method, amount))
        due -= min(amount, due)
    return tenders


def refund(args: argparse.Namespace):
    paths = _paths(args)
    terminal = open_terminal(paths)
    try:
        with terminal.uow() as uow:
            ctx = load_terminal(uow)
            actor = _cashier(uow, ctx, args.cashier)
            approver = None
            if args.approver:
                approver = auth.approve(
                    uow,
                    args.approver,
                    args.approver_pin or "",
                    store_id=ctx.store_id,
                    action=f"refund {args.receipt_no}",
                    requested_by=actor,
                )
        with terminal.reader() as uow:
            view = sales.find_sale(uow, ctx, args.receipt_no)
        items = None
        if args.item:
            items = []
            for text in args.item:
                code, qty = parse_item(text)
                match = [ln for ln in view.lines if ln.sku_code == code or code in (ln.sku_code,)]
                if not match:
                    raise ValidationError(
                        f"{code} is not on receipt {view.receipt_no}", code="line_not_on_sale"
                    )
                ln = match[0]
                items.append(
                    refunds.RefundItem(ln.line_id, qty if qty is not None else ln.refundable_milli)
                )
        with terminal.uow() as uow:
            if shifts.current_shift(uow, ctx) is None:
                shifts.open_shift(uow, ctx, actor, 0)
            result = refunds.refund(
                uow, ctx, actor, args.receipt_no, items, approver=approver, reason=args.reason
            )
        warning = _try_print(terminal, ctx)
    finally:
        terminal.dispose()
    data = {
        "refund_no": result.refund_no,
        "receipt_no": result.receipt_no,
        "refund_id": result.refund_id,
        "total_fen": result.total_fen,
        "by_method": result.by_method,
    }
    if warning:
        data["print_warning"] = warning
    return data, f"{result.refund_no}  refunded {_y(result.total_fen)} for {result.receipt_no}"


def shift_close(args: argparse.Namespace):
    paths = _paths(args)
    counted = parse_yuan(args.counted, field="--counted")
    terminal = open_terminal(paths)
    try:
        with terminal.uow() as uow:
            ctx = load_terminal(uow)
            info = shifts.current_shift(uow, ctx)
            if info is None:
                raise ValidationError("no shift is open on this terminal", code="no_open_shift")
            if args.cashier:
                actor = _cashier(uow, ctx, args.cashier)
            else:
                actor = auth.actor_for(uow, uow.session.get(Staff, info.cashier_id))
            result = shifts.close_shift(uow, ctx, actor, counted)
        warning = _try_print(terminal, ctx)
    finally:
        terminal.dispose()
    r = result.report
    data = {
        "shift_id": result.shift_id,
        "sales_count": r.sales_count,
        "gross_fen": r.gross_fen,
        "discounts_fen": r.discounts_fen,
        "refunds_count": r.refunds_count,
        "refunds_fen": r.refunds_fen,
        "net_fen": r.net_fen,
        "by_method": r.by_method,
        "opening_float_fen": r.opening_float_fen,
        "cash_in_fen": r.cash_in_fen,
        "cash_out_fen": r.cash_out_fen,
        "expected_cash_fen": result.expected_cash_fen,
        "counted_cash_fen": result.counted_cash_fen,
        "variance_fen": result.variance_fen,
    }
    if warning:
        data["print_warning"] = warning
    text = "\n".join(
        [
            f"Z report  shift {result.shift_id}",
            f"sales {r.sales_count}  gross {_y(r.gross_fen)}  discounts {_y(r.discounts_fen)}",
            f"refunds {r.refunds_count}  {_y(r.refunds_fen)}  net {_y(r.net_fen)}",
            *(f"  {m:<8}{_y(v)}" for m, v in r.by_method.items()),
            f"expected cash {_y(result.expected_cash_fen)}  counted {_y(result.counted_cash_fen)}  "
            f"variance {_y(result.variance_fen)}",
        ]
    )
    return data, text


def journal_verify(args: argparse.Namespace):
    paths = _paths(args)
    if args.central_journal:
        db = open_database(paths.central_url)
        terminal_id = None
    else:
        db = open_terminal(paths)
        with db.reader() as uow:
            terminal_id = load_terminal(uow).terminal_id
    try:
        with db.reader() as uow:
            verdict = journal.verify(uow, terminal_id)
    finally:
        db.dispose()
    data = verdict.to_json()
    if not verdict.ok:
        raise JournalBroken(verdict)
    return data, f"journal intact: {verdict.entries} entries"


class JournalBroken(ValidationError):
    def __init__(self, verdict: journal.JournalVerdict) -> None:
        super().__init__(
            f"journal broken at entry {verdict.broken_seq}: {verdict.reason}",
            code="journal_broken",
            first_broken={
                "terminal_id": verdict.broken_terminal_id,
                "seq": verdict.broken_seq,
                "reason": verdict.reason,
            },
        )


def print_queue_cmd(args: argparse.Namespace):
    paths = _paths(args)
    terminal = open_terminal(paths)
    try:
        with terminal.reader() as uow:
            ctx = load_terminal(uow)
            actor = _cashier(uow, ctx, args.cashier) if args.reprint else None
        if args.reprint:
            print_queue.reprint(terminal, ctx, actor, args.reprint.strip().upper())
        outcomes = print_queue.drain(terminal, PrinterConfig.from_dict(ctx.printer))
        left = print_queue.open_jobs(terminal)
    finally:
        terminal.dispose()
    data = {
        "printed": sum(o.ok for o in outcomes),
        "queued": len(left),
        "error": next((o.error for o in outcomes if not o.ok), ""),
    }
    return data, f"printed {data['printed']}, still queued {data['queued']}" + (
        f": {data['error']}" if data["error"] else ""
    )


def sync(args: argparse.Namespace):
    """Push this terminal's outbox and pull head-office changes: one round (``--once``) or a
    loop with backoff until Ctrl-C (``--json``: one JSON line per round, then a summary)."""
    from shared.services import sync_status

    paths = _paths(args)
    local = open_terminal(paths)
    # the central database this terminal registered with, unless one is named explicitly
    central_url = args.central or os.environ.get("STOREDESK_CENTRAL_URL")
    gateway = None
    try:
        gateway = sync_status.gateway_for(local, central_url)
        if args.once:
            try:
                report = sync_status.run_once(local, gateway)
            except sync_status.CentralUnreachable as exc:
                st = sync_status.status(local)
                raise sync_status.CentralUnreachable(
                    str(exc),
                    pending=st.pending,
                    last_sync=st.last_sync_at.isoformat() if st.last_sync_at else None,
                ) from None
            for warning in report.warnings:
                print(f"storedesk: warning: {warning}", file=sys.stderr)
            return _sync_data(report), _sync_text(report)

        def show(step) -> None:
            if step.report is not None:
                for warning in step.report.warnings:
                    print(f"storedesk: warning: {warning}", file=sys.stderr)
                line = (
                    json.dumps(_sync_data(step.report), ensure_ascii=False)
                    if args.json
                    else _sync_text(step.report)
                )
                print(line, flush=True)
            else:
                print(
                    f"storedesk: {step.error}; next try in {step.next_delay:.0f} s",
                    file=sys.stderr,
                    flush=True,
                )

        loop = sync_status.SyncLoop(local, gateway, interval=args.interval, on_step=show)
        with contextlib.suppress(KeyboardInterrupt):
            loop.run()
        st = sync_status.status(local)
        data = {
            "pushed": None,
            "pulled": None,
            "pending": st.pending,
            "last_sync": st.last_sync_at.isoformat() if st.last_sync_at else None,
            "stopped": True,
        }
        return data, f"sync stopped; {st.pending} waiting to go up"
    finally:
        if gateway is not None:
            gateway.close()
        local.dispose()


def _sync_data(report) -> dict:
    return {
        "pushed": report.pushed,
        "pulled": report.pulled,
        "pending": report.pending,
        "last_sync": report.last_sync,
        "rejected": report.rejected,
        "clock_offset_s": report.clock_offset_s,
        "clock_warning": report.clock_warning,
        "exceptions": report.exceptions,
        "warnings": report.warnings,
    }


def _sync_text(report) -> str:
    return (
        f"pushed {report.pushed}, pulled {report.pulled}, {report.pending} waiting"
        + (f", {report.rejected} rejected" if report.rejected else "")
        + (f"; last sync {report.last_sync}" if report.last_sync else "")
    )
