"""``storedesk cardkeys ...``: card-key pools (卡密库) from the command line (SPEC §7, §16), on the
central database (``--central`` / ``STOREDESK_CENTRAL_URL``, else the embedded file in the data
dir).

- ``cardkeys import --product CODE FILE``: a TXT file of keys (one a line, or
  ``card_no,password``) into the product's pool. Exits 0 with the report —
  ``--json``: ``{"read", "added", "duplicate", "invalid"}``; the human output lists the lines
  not added — and non-zero with a one-line reason for a file refused as a whole (empty, too
  large, binary, not a card-key product, no encryption key).
- ``cardkeys generate --product CODE --count N [--length L] [--password]``: random keys.
- ``cardkeys list --product CODE [--state S]``: a page of the pool's keys, masked.
- ``cardkeys stock --product CODE [--set N|none]``: the stock setting; shown stock =
  min(setting, available keys).
- ``cardkeys keygen``: a new ``VERSION:BASE64`` line for the configuration (the next version
  after the configured ones). It is printed, never written into the database.
- ``cardkeys rotate``: re-encrypt every key under the newest configured version.
- ``cardkeys check``: the start-up check of the configured key against the database; exit 1
  with a clear message when it is not the key the pool was encrypted with.

The encryption keys come from configuration (``services.card_key_config.load_keyring``:
``STOREDESK_CARD_KEYS``, ``STOREDESK_CARD_KEYS_FILE`` or ``card-keys.conf`` in the data dir),
never from the database. The commands act as ``--by ACCOUNT`` (or ``--actor``; default: the
first enabled admin), like ``coupon_commands``: the account is for the permission check and the
audit trail. No key is ever printed in clear, except the new configuration line of ``keygen``.

Registered by ``add_parsers(sub)``; ``HANDLERS`` maps the sub-command to its handler. Importing
this module is cheap (argparse only): services are imported when a command runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from backoffice.head_office_args import acting_actor as _actor
from backoffice.head_office_args import add_by
from backoffice.head_office_args import add_json as _json
from backoffice.head_office_args import open_central as _central

Result = tuple[dict, str]

# problem lines printed in the human output of an import
SHOWN_PROBLEMS = 20
STATES = ("available", "reserved", "sold", "void")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """``cardkeys`` (import, generate, list, stock, keygen, rotate, check; lease, return,
    quarantine, replace)."""
    c = sub.add_parser("cardkeys", help="card-key pools (卡密库, head office)")
    csub = c.add_subparsers(dest="cardkeys_command", required=True)

    im = csub.add_parser("import", help="import card keys from a TXT file into a product's pool")
    im.add_argument("--product", required=True, metavar="CODE", help="the card-key product")
    im.add_argument("file", metavar="FILE", help="one key per line, or card_no,password")
    im.add_argument("--expires", metavar="YYYY-MM-DD", help="keys not sold after this day")
    _common(im)

    ge = csub.add_parser("generate", help="generate random card keys into a product's pool")
    ge.add_argument("--product", required=True, metavar="CODE")
    ge.add_argument("--count", required=True, type=int, metavar="N")
    ge.add_argument("--length", type=int, default=16, metavar="L", help="characters (8-64)")
    ge.add_argument("--password", action="store_true", help="add an 8-digit password to each")
    ge.add_argument("--expires", metavar="YYYY-MM-DD", help="keys not sold after this day")
    _common(ge)

    ls = csub.add_parser("list", help="a pool's keys, masked")
    ls.add_argument("--product", required=True, metavar="CODE")
    ls.add_argument("--state", choices=STATES)
    ls.add_argument("--offset", type=int, default=0)
    ls.add_argument("--limit", type=int, default=100)
    _common(ls)

    st = csub.add_parser("stock", help="a pool's stock setting (shown stock = min(setting, keys))")
    st.add_argument("--product", required=True, metavar="CODE")
    st.add_argument("--set", dest="setting", metavar="N|none", help="the new setting")
    st.add_argument(
        "--reserve-minutes",
        type=int,
        metavar="M",
        help="how long an unpaid sale's reservation holds a key (default 30)",
    )
    _common(st)

    kg = csub.add_parser("keygen", help="print a new VERSION:BASE64 encryption-key line")
    _json(kg)
    ro = csub.add_parser("rotate", help="re-encrypt every key under the newest key version")
    _common(ro)
    ch = csub.add_parser("check", help="check the configured encryption key against the pool")
    _json(ch)

    le = csub.add_parser("lease", help="this counter: take N more keys for offline selling (补货)")
    le.add_argument("--product", required=True, metavar="CODE")
    le.add_argument("--count", required=True, type=int, metavar="N")
    _common(le)
    rt = csub.add_parser("return", help="this counter: give its unsold leased keys back (退库)")
    rt.add_argument("--product", required=True, metavar="CODE")
    _common(rt)
    qu = csub.add_parser(
        "quarantine", help="a lost counter's leases: never given back to the pool by themselves"
    )
    qu.add_argument("--terminal", required=True, type=int, metavar="N", help="terminal number")
    qu.add_argument("--note", required=True, help="why (lost, stolen, broken)")
    _common(qu)
    rp = csub.add_parser("replace", help="void a sold key that does not work and issue a new one")
    rp.add_argument("key_id", metavar="KEY_ID")
    rp.add_argument("--reason", required=True)
    _common(rp)


def _common(parser: argparse.ArgumentParser) -> None:
    add_by(parser, actor_alias=True)
    _json(parser)


# -- plumbing --------------------------------------------------------------------------------------


def _paths(args: argparse.Namespace):
    from shared.services.runtime import resolve_paths

    return resolve_paths(args.data_dir, args.central)


def _keyring(args: argparse.Namespace):
    """The configured keyring; a refusal (``card_key_no_key``) when there is none."""
    from shared.services.card_key_config import load_keyring, require_keyring

    return require_keyring(load_keyring(_paths(args).data_dir))


def _run(args: argparse.Namespace, work: Callable[[Any, Any], Result], *, write: bool) -> Result:
    """``work(uow, actor)`` in one unit of work on the central database."""
    db = _central(args)
    try:
        with db.uow() if write else db.reader() as uow:
            return work(uow, _actor(uow, args.by))
    finally:
        db.dispose()


def _expires(text: str | None):
    """``YYYY-MM-DD``: the end of that day, China time."""
    from backoffice.coupon_commands import _when

    return _when(text, "--expires", end_of_day=True)


def _report(product: str, report) -> Result:
    data = report.as_json()
    lines = [
        f"{product}: read {report.read}, added {report.added}, "
        f"duplicate {report.duplicate}, invalid {report.invalid}"
    ]
    for no, code, message in report.problems[:SHOWN_PROBLEMS]:
        lines.append(f"  line {no}: {message} ({code})")
    hidden = report.duplicate + report.invalid - min(len(report.problems), SHOWN_PROBLEMS)
    if hidden > 0:
        lines.append(f"  ... and {hidden} more lines not added")
    return data, "\n".join(lines)


# -- the commands ----------------------------------------------------------------------------------


def cardkeys_import(args: argparse.Namespace) -> Result:
    from pathlib import Path

    from shared.services import card_keys

    path = Path(args.file).expanduser()
    data = card_keys.read_file(path)  # empty or too large: refused before reading it
    keyring = _keyring(args)
    expires = _expires(args.expires)

    def work(uow, actor) -> Result:
        report = card_keys.import_keys(
            uow, actor, keyring, args.product, data, file_name=path.name, expires_at=expires
        )
        return _report(args.product, report)

    return _run(args, work, write=True)


def cardkeys_generate(args: argparse.Namespace) -> Result:
    from shared.services import card_keys

    keyring = _keyring(args)
    expires = _expires(args.expires)

    def work(uow, actor) -> Result:
        report = card_keys.generate_keys(
            uow,
            actor,
            keyring,
            args.product,
            args.count,
            length=args.length,
            with_password=args.password,
            expires_at=expires,
        )
        return {"product": args.product, **report.as_json()}, (
            f"{args.product}: generated {report.added} keys"
        )

    return _run(args, work, write=True)


def cardkeys_list(args: argparse.Namespace) -> Result:
    from shared.services import card_keys

    def work(uow, actor) -> Result:
        rows, total = card_keys.list_keys(
            uow,
            actor,
            args.product,
            state=args.state,
            offset=args.offset,
            limit=max(1, min(args.limit, 1000)),
        )
        keys = [
            {
                "id": r.key_id,
                "key": r.masked,
                "state": r.state,
                "expires_at": r.expires_at.isoformat() if r.expires_at else None,
                "sold_at": r.sold_at.isoformat() if r.sold_at else None,
                "void_reason": r.void_reason,
                "created_at": r.created_at.isoformat(),
            }
            for r in rows
        ]
        lines = [f"{r.key_id}  {r.masked}  {r.state}  {r.void_reason}".rstrip() for r in rows]
        text = "\n".join(lines + [f"{len(rows)} of {total} keys"]) if rows else "no keys"
        return {"product": args.product, "total": total, "offset": args.offset, "keys": keys}, text

    return _run(args, work, write=False)


def _setting(text: str) -> int | None:
    from shared.domain.errors import ValidationError

    raw = text.strip().lower()
    if raw in ("none", "-", ""):
        return None
    if not raw.isdigit():
        raise ValidationError(
            f"--set: '{text[:20]}' is not a whole number or 'none'", code="stock_range"
        )
    return int(raw)


def cardkeys_stock(args: argparse.Namespace) -> Result:
    from shared.services import card_keys

    setting = None if args.setting is None else _setting(args.setting)

    def work(uow, actor) -> Result:
        sku, _ = card_keys.card_key_sku(uow, args.product)
        if args.setting is not None:
            card_keys.set_stock(uow, actor, args.product, setting)
        if args.reserve_minutes is not None:
            card_keys.set_reserve_minutes(uow, actor, args.product, args.reserve_minutes)
        pool = next(p for p in card_keys.pools(uow, actor) if p.sku_id == str(sku.id))
        minutes = card_keys.reserve_minutes(uow, args.product)
        data = {
            "product": pool.code,
            "stock_setting": pool.stock_setting,
            "available": pool.available,
            "reserved": pool.reserved,
            "sold": pool.sold,
            "void": pool.void,
            "shown_stock": pool.shown_stock,
            "reserve_minutes": minutes,
        }
        setting_text = "none" if pool.stock_setting is None else str(pool.stock_setting)
        return data, (
            f"{pool.code} {pool.name}: stock setting {setting_text}, available "
            f"{pool.available}, shown stock {pool.shown_stock}, an unpaid sale holds a key "
            f"{minutes} minutes"
        )

    return _run(args, work, write=args.setting is not None or args.reserve_minutes is not None)


def cardkeys_keygen(args: argparse.Namespace) -> Result:
    from shared.services.card_key_config import load_keyring
    from shared.services.card_keys import new_key_entry

    keyring = load_keyring(_paths(args).data_dir)
    entry = new_key_entry(keyring)
    version = int(entry.split(":", 1)[0])
    return {"version": version, "entry": entry}, entry


def cardkeys_rotate(args: argparse.Namespace) -> Result:
    from shared.services import card_keys

    keyring = _keyring(args)
    db = _central(args)
    try:
        with db.reader() as uow:
            actor = _actor(uow, args.by)
        done = card_keys.rotate(db.uow, keyring, actor=actor)
    finally:
        db.dispose()
    return {"rotated": done, "version": keyring.current}, (
        f"re-encrypted {done} card keys under key version {keyring.current}"
    )


def cardkeys_check(args: argparse.Namespace) -> Result:
    from shared.services.card_key_config import check_keyring, keyring_source

    paths = _paths(args)
    keyring = _keyring(args)
    db = _central(args)
    try:
        with db.uow() as uow:
            check_keyring(uow, keyring)
            uow.commit()
    finally:
        db.dispose()
    versions = sorted(keyring.keys)
    source = keyring_source(paths.data_dir)
    return {"ok": True, "versions": versions, "current": keyring.current, "source": source}, (
        f"the card-key encryption key is right (versions {', '.join(map(str, versions))}, "
        f"current {keyring.current}, from {source})"
    )


def _terminal_call(args: argparse.Namespace, call: Callable[..., Any]) -> Any:
    """``call(db, gateway, ctx, actor)`` on this data dir's terminal, online."""
    from shared.services import sync_status
    from shared.services.context import load_terminal
    from shared.services.runtime import open_terminal

    paths = _paths(args)
    terminal = open_terminal(paths)
    gateway = None
    try:
        with terminal.reader() as uow:
            ctx = load_terminal(uow)
        gateway = sync_status.gateway_for(terminal, args.central)
        db = gateway.db
        with db.reader() as uow:
            actor = _actor(uow, args.by)
        return call(terminal, gateway, ctx, actor)
    finally:
        if gateway is not None:
            gateway.close()
        terminal.dispose()


def cardkeys_lease(args: argparse.Namespace) -> Result:
    from shared.services import card_key_sales

    got = _terminal_call(
        args,
        lambda db, gw, ctx, actor: card_key_sales.lease_keys(
            db, gw, ctx, actor, args.product, args.count
        ),
    )
    data = {
        "lease_id": got.lease_id,
        "product": got.sku_code,
        "received": got.received,
        "available": got.available,
        "expires_at": got.expires_at.isoformat(),
    }
    return data, (
        f"{got.sku_code}: {got.received} keys leased to this counter, {got.available} to sell "
        f"offline until {got.expires_at:%Y-%m-%d %H:%M} UTC"
    )


def cardkeys_return(args: argparse.Namespace) -> Result:
    from shared.services import card_key_sales

    n = _terminal_call(
        args,
        lambda db, gw, ctx, actor: card_key_sales.return_lease(db, gw, ctx, actor, args.product),
    )
    return {"product": args.product, "returned": n}, f"{args.product}: {n} keys given back"


def cardkeys_quarantine(args: argparse.Namespace) -> Result:
    from sqlalchemy import select

    from shared.db.models import AuditEntry, Terminal
    from shared.domain.errors import NotFound, ValidationError
    from shared.domain.ids import new_id
    from shared.domain.permissions import Perm
    from shared.services.auth import require
    from shared.sync import card_key_issue

    note = (args.note or "").strip()
    if not note or len(note) > 200:
        raise ValidationError("give the reason (1 to 200 characters)", code="reason_required")

    def work(uow, actor) -> Result:
        require(actor, Perm.MANAGE_CATALOG)
        terminal_id = uow.session.scalar(
            select(Terminal.id).where(Terminal.number == args.terminal)
        )
        if terminal_id is None:
            raise NotFound(f"no terminal {args.terminal}", code="unknown_terminal")
        now = uow.clock.now()
        n = card_key_issue.quarantine(uow.session, now, str(terminal_id), actor.staff_id, note)
        uow.session.add(
            AuditEntry(
                id=str(new_id()),
                at=now,
                store_id=None,
                actor_id=actor.staff_id,
                action="card_keys.quarantine",
                target=f"terminal {args.terminal}",
                detail={"leases": n, "note": note},
            )
        )
        uow.commit()
        return {"terminal": args.terminal, "quarantined": n}, (
            f"terminal {args.terminal}: {n} leases quarantined; their keys stay out of the pool"
        )

    return _run(args, work, write=True)


def cardkeys_replace(args: argparse.Namespace) -> Result:
    from shared.services import card_keys

    keyring = _keyring(args)

    def work(uow, actor) -> Result:
        new_id, text = card_keys.replace_key(uow, actor, keyring, args.key_id, args.reason)
        return {"old": args.key_id, "new": new_id, "key": text}, f"new key {new_id}: {text}"

    return _run(args, work, write=True)


_CARDKEYS = {
    "lease": cardkeys_lease,
    "return": cardkeys_return,
    "quarantine": cardkeys_quarantine,
    "replace": cardkeys_replace,
    "import": cardkeys_import,
    "generate": cardkeys_generate,
    "list": cardkeys_list,
    "stock": cardkeys_stock,
    "keygen": cardkeys_keygen,
    "rotate": cardkeys_rotate,
    "check": cardkeys_check,
}


def cardkeys(args: argparse.Namespace) -> Result:
    return _CARDKEYS[args.cardkeys_command](args)


# ``cli.main``'s handlers for the commands ``add_parsers`` registers
HANDLERS: dict[str, Callable[[argparse.Namespace], Result]] = {"cardkeys": cardkeys}
