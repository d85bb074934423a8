"""The ``storedesk`` command (SPEC §16): scripts, operators and tests use it headlessly.

Global options come before the sub-command. Every sub-command exits 0 on success and non-zero with
a one-line reason on stderr; ``--json`` prints one JSON object on stdout. Money in JSON is integer
fen in ``*_fen`` fields; amounts on the command line are yuan.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

from backoffice import card_key_commands, coupon_commands, settle_commands, stock_commands
from shared.domain.errors import DomainError, ValidationError

WindowLauncher = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="storedesk", description="StoreDesk point of sale")
    p.add_argument("--data-dir", help="this terminal's home (or STOREDESK_DATA_DIR)")
    p.add_argument("--central", help="central database URL (or STOREDESK_CENTRAL_URL)")
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.add_argument("--lang", choices=["zh_CN", "en"], help="interface language for the windows")
    sub = p.add_subparsers(dest="command", required=True)

    d = sub.add_parser(
        "demo", help="create or refresh the demo enterprise and register terminal 1 of S01"
    )
    d.add_argument("--products", type=int, default=200)
    d.add_argument(
        "--second-terminal",
        metavar="DIR",
        help="also register DIR as terminal 2, of store S02, on the same central database",
    )

    t = sub.add_parser("terminal", help="terminal registration")
    tsub = t.add_subparsers(dest="terminal_command", required=True)
    r = tsub.add_parser("register", help="register this data dir as a store's terminal")
    r.add_argument("--store", required=True)
    r.add_argument("--number", type=int, required=True)

    ps = sub.add_parser("pos", help="start the counter window")
    ps.add_argument(
        "--verifier", action="store_true", help="start the verifier station (核销台) instead"
    )
    sub.add_parser("backoffice", help="start the back-office window")

    s = sub.add_parser("sale", help="ring up and commit a sale headlessly")
    s.add_argument("--item", action="append", required=True, metavar="CODE[xQTY]")
    s.add_argument("--pay", action="append", default=[], metavar="METHOD[:AMOUNT]")
    s.add_argument("--cashier")
    s.add_argument("--coupon", action="append", metavar="CODE", help="a coupon code or QR payload")
    s.add_argument("--member", metavar="PHONE", help="the member buying (member prices, points)")
    s.add_argument(
        "--serial",
        action="append",
        metavar="NUMBER",
        help="the serial number of a serial-tracked item, one per unit, in --item order",
    )

    v = sub.add_parser("verify", help="redeem a coupon or pickup code at this terminal's store")
    v.add_argument("code")
    v.add_argument("--verifier", required=True, metavar="ACCOUNT")
    v.add_argument("--password", help="the verifier's password (checked when given)")

    f = sub.add_parser("refund", help="refund a whole sale or some of its lines")
    f.add_argument("receipt_no")
    f.add_argument("--item", action="append", default=[], metavar="CODE[xQTY]")
    f.add_argument("--cashier")
    f.add_argument("--approver")
    f.add_argument("--approver-pin")
    f.add_argument("--reason", default="")

    sh = sub.add_parser("shift", help="shift commands")
    shsub = sh.add_subparsers(dest="shift_command", required=True)
    c = shsub.add_parser("close", help="close the open shift and print the Z report figures")
    c.add_argument("--counted", required=True)
    c.add_argument("--cashier")

    j = sub.add_parser("journal", help="the tamper-evident journal")
    jsub = j.add_subparsers(dest="journal_command", required=True)
    jv = jsub.add_parser("verify", help="check the hash chain and name the first broken entry")
    jv.add_argument(
        "--central",
        dest="central_journal",
        action="store_true",
        help="verify every chain in the central database instead of this terminal's",
    )

    y = sub.add_parser("sync", help="push this terminal's documents and pull head-office changes")
    y.add_argument("--once", action="store_true", help="one round, then exit")
    y.add_argument(
        "--interval", type=float, default=30.0, help="seconds between rounds (default 30)"
    )

    pr = sub.add_parser("print", help="print queued receipts, or reprint one")
    pr.add_argument("--reprint", metavar="RECEIPT_NO")
    pr.add_argument("--cashier", help="who reprints (default: the store's first cashier)")
    coupon_commands.add_parsers(sub)
    stock_commands.add_parsers(sub)
    card_key_commands.add_parsers(sub)
    settle_commands.add_parsers(sub)
    return p


def main(
    argv: Sequence[str] | None = None, *, windows: dict[str, WindowLauncher] | None = None
) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from backoffice import commands, verify_commands

    handlers = {
        "demo": commands.demo,
        "terminal": commands.terminal_register,
        "sale": commands.sale,
        "refund": commands.refund,
        "shift": commands.shift_close,
        "journal": commands.journal_verify,
        "print": commands.print_queue_cmd,
        "sync": commands.sync,
        "verify": verify_commands.verify,
        **coupon_commands.HANDLERS,
        **stock_commands.HANDLERS,
        **card_key_commands.HANDLERS,
        **settle_commands.HANDLERS,
    }
    try:
        if args.command in ("pos", "backoffice"):
            launcher = (windows or {}).get(args.command)
            if launcher is None:
                raise ValidationError(
                    f"the {args.command} window is not available in this build", code="no_window"
                )
            return launcher(args)
        result = handlers[args.command](args)
    except DomainError as exc:
        return _fail(args, str(exc), exc.code, getattr(exc, "details", {}))
    except KeyboardInterrupt:
        return _fail(args, "interrupted", "interrupted", {})
    _emit(args, result)
    return 0


def _fail(args: argparse.Namespace, reason: str, code: str, details: dict) -> int:
    print(f"storedesk: {reason}", file=sys.stderr)
    if args.json:
        print(
            json.dumps({"ok": False, "reason": reason, "code": code, **details}, ensure_ascii=False)
        )
    return 1


def _emit(args: argparse.Namespace, result: tuple[dict, str]) -> None:
    data, text = result
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        print(text)
