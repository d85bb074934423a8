"""``storedesk products ...`` and ``storedesk stock ...`` (SPEC §2, §10, §16).

- ``products import FILE [--errors OUT]``: products from .xlsx / CSV into the central catalog;
  the good rows go in, the rejected ones are listed (row, column, reason), all of them written
  to OUT (.csv or .xlsx) when asked. Exits 0 when the file was read, whatever was rejected: the
  JSON says ``rejected`` and lists the errors.
- ``products export FILE``: every product, in the template's columns (.xlsx or .csv).
- ``products template FILE [--opening]``: the import template (.xlsx with notes, or .csv).
- ``stock CODE [--store CODE]``: stock of a SKU at a store (default: this terminal's), asked of
  head office through the gateway: ``{"code", "store", "on_hand", "locked", "available"}``, in
  units (whole numbers for piece goods, three decimals for weighed goods).
- ``stock import-opening FILE [--errors OUT]``: opening stock through the ledger, one batch per
  file; the same file twice is refused.

Each handler returns ``(json_data, human_text)``; ``cli.main`` prints one or the other and turns
a ``DomainError`` into a one-line reason and a non-zero exit. Head-office commands act as
``--by ACCOUNT`` (default: the first enabled admin), like ``coupon_commands``.

Registered by ``add_parsers(sub)``; ``HANDLERS`` maps each sub-command to its handler. Importing
this module is cheap (argparse only): services are imported when a command runs.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

from backoffice.head_office_args import acting_actor as _actor
from backoffice.head_office_args import add_common as _common
from backoffice.head_office_args import add_json as _json
from backoffice.head_office_args import open_central as _central

Result = tuple[dict, str]

#: errors printed in the human output (all of them go to ``--errors FILE``)
SHOWN_ERRORS = 20
#: errors carried in the JSON output
JSON_ERRORS = 1000
OPENING = "import-opening"


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """``products`` (import, export, template) and ``stock`` (CODE, import-opening FILE)."""
    p = sub.add_parser("products", help="import and export the catalog (head office)")
    psub = p.add_subparsers(dest="products_command", required=True)
    im = psub.add_parser("import", help="import products from .xlsx or CSV")
    im.add_argument("file", metavar="FILE")
    im.add_argument("--errors", metavar="OUT", help="write every rejected row to OUT (.csv/.xlsx)")
    _common(im)
    ex = psub.add_parser("export", help="write every product to .xlsx or .csv")
    ex.add_argument("file", metavar="FILE")
    ex.add_argument(
        "--encoding",
        default="utf-8-sig",
        choices=["utf-8-sig", "utf-8", "gb18030"],
        help="CSV encoding (default utf-8-sig: UTF-8 with BOM, what Excel reads)",
    )
    _common(ex)
    te = psub.add_parser("template", help="write the import template (.xlsx or .csv)")
    te.add_argument("file", metavar="FILE")
    te.add_argument("--opening", action="store_true", help="the opening-stock template instead")
    _json(te)

    s = sub.add_parser(
        "stock",
        help="stock of a SKU at a store, or 'stock import-opening FILE'",
        description="storedesk stock CODE [--store CODE] | storedesk stock import-opening FILE",
    )
    s.add_argument("code", metavar="CODE", help=f"SKU code or barcode, or '{OPENING}'")
    s.add_argument("file", nargs="?", metavar="FILE", help=f"with '{OPENING}': the file")
    s.add_argument("--store", metavar="CODE", help="the store (default: this terminal's)")
    s.add_argument("--errors", metavar="OUT", help=f"{OPENING}: write every rejected row to OUT")
    _common(s)


def _file(path: str) -> Path:
    from shared.domain.errors import ValidationError

    file = Path(path).expanduser()
    if not file.is_file():
        raise ValidationError(f"no such file: {path}", code="file_missing", value=path[-80:])
    return file


def _error_lines(errors, shown: int = SHOWN_ERRORS, out: str | None = None) -> list[str]:
    lines = []
    for e in errors[:shown]:
        where = f"row {e.row}" + (f", {e.column}" if e.column else "")
        lines.append(f"  {where}: {e.reason}")
    if len(errors) > shown:
        more = f"  … and {len(errors) - shown} more"
        lines.append(more + ("" if out else " (write them all with --errors FILE)"))
    if out and errors:
        lines.append(f"  every rejected row is listed in {out}")
    return lines


# -- products --------------------------------------------------------------------------------------


def products_import(args: argparse.Namespace) -> Result:
    from shared.services import product_io

    file = _file(args.file)
    db = _central(args)
    try:
        with db.uow() as uow:
            actor = _actor(uow, args.by)
            report = product_io.run_to_end(product_io.import_products(uow, actor, file))
    finally:
        db.dispose()
    if args.errors and report.errors:
        product_io.write_errors(report.errors, args.errors)
    data = report.as_json(max_errors=JSON_ERRORS)
    if args.errors:
        data["errors_file"] = str(args.errors) if report.errors else None
    text = [
        f"read {report.rows} rows of {file.name}: {report.imported} imported, "
        f"{report.rejected} rejected",
        f"  products: {report.products_created} new, {report.products_updated} updated; "
        f"SKUs: {report.skus_created} new, {report.skus_updated} updated; "
        f"{report.unchanged} rows unchanged",
        f"  barcodes: {report.barcodes_added} added, {report.barcodes_removed} removed; "
        f"categories: {report.categories_created} new",
    ]
    if report.errors:
        text.append("rejected:")
        text += _error_lines(report.errors, out=args.errors)
    return data, "\n".join(text)


def products_export(args: argparse.Namespace) -> Result:
    from shared.services import product_io

    out = Path(args.file).expanduser()
    db = _central(args)
    try:
        with db.reader() as uow:
            actor = _actor(uow, args.by)
            rows = product_io.run_to_end(
                product_io.export_products(uow, actor, out, encoding=args.encoding)
            )
    finally:
        db.dispose()
    return {"path": str(out), "rows": rows}, f"wrote {rows} SKUs to {out}"


def products_template(args: argparse.Namespace) -> Result:
    from shared.services import product_io

    out = Path(args.file).expanduser()
    kind = "opening" if args.opening else "products"
    product_io.write_template(out, kind)
    what = "opening-stock" if args.opening else "product import"
    return {"path": str(out), "kind": kind}, f"wrote the {what} template to {out}"


def products(args: argparse.Namespace) -> Result:
    return {
        "import": products_import,
        "export": products_export,
        "template": products_template,
    }[args.products_command](args)


# -- stock -----------------------------------------------------------------------------------------


def stock(args: argparse.Namespace) -> Result:
    from shared.domain.errors import ValidationError

    if args.code == OPENING:
        if not args.file:
            raise ValidationError(f"storedesk stock {OPENING} FILE: give the file", code="usage")
        return stock_import_opening(args)
    if args.file:
        raise ValidationError(
            f"storedesk stock CODE takes one code ('{args.file[:20]}' is one too many)",
            code="usage",
        )
    return stock_lookup(args)


def _where(args: argparse.Namespace) -> tuple[str, str]:
    """The store to ask about and the central database to ask."""
    from shared.db.models import Store, TerminalIdentity
    from shared.domain.errors import NotFound
    from shared.services.runtime import open_terminal, resolve_paths

    paths = resolve_paths(args.data_dir, args.central)
    explicit = args.central or os.environ.get("STOREDESK_CENTRAL_URL")
    store = (args.store or "").strip().upper()
    registered_url = None
    if (not store or not explicit) and paths.terminal_db.is_file():
        local = open_terminal(paths)
        try:
            with local.reader() as uow:
                ident = uow.session.get(TerminalIdentity, 1)
                if ident is not None:
                    registered_url = ident.central_url
                    if not store:
                        own = uow.session.get(Store, ident.store_id)
                        store = own.code if own is not None else ""
        finally:
            local.dispose()
    if not store:
        raise NotFound(
            "this data directory is not registered as a terminal: give --store CODE",
            code="not_registered",
        )
    return store, paths.central_url if explicit else (registered_url or paths.central_url)


def stock_lookup(args: argparse.Namespace) -> Result:
    from shared.db.queries.stock import OFFLINE_MESSAGE, checked, units
    from shared.sync.errors import CentralUnreachable
    from shared.sync.gateway import InProcessGateway

    store, url = _where(args)
    gateway = InProcessGateway.for_url(url)
    try:
        answer = gateway.stock(args.code, store)
    except CentralUnreachable as exc:
        raise CentralUnreachable(f"{OFFLINE_MESSAGE} ({exc})", code="stock_offline") from None
    finally:
        gateway.close()
    answer = checked(answer)
    weighed = bool(answer["weighed"])
    data = {
        "code": answer["code"],
        "store": answer["store"],
        "on_hand": units(answer["on_hand_milli"], weighed),
        "locked": units(answer["locked_milli"], weighed),
        "available": units(answer["available_milli"], weighed),
    }
    unit = answer["unit"]
    lines = [
        f"{answer['code']} {answer['name']} at {answer['store']}: on hand {data['on_hand']} "
        f"{unit}, locked {data['locked']}, available {data['available']}"
    ]
    others = [s for s in answer["stores"] if s["store"] != answer["store"]]
    for s in others:
        lines.append(
            f"  {s['store']} {s['name']}: on hand {units(s['on_hand_milli'], weighed)}, "
            f"available {units(s['available_milli'], weighed)}"
        )
    return data, "\n".join(lines)


def stock_import_opening(args: argparse.Namespace) -> Result:
    from shared.services import product_io

    file = _file(args.file)
    db = _central(args)
    try:
        with db.uow() as uow:
            actor = _actor(uow, args.by)
            report = product_io.run_to_end(product_io.import_opening_stock(uow, actor, file))
    finally:
        db.dispose()
    if args.errors and report.errors:
        product_io.write_errors(report.errors, args.errors)
    data = report.as_json(max_errors=JSON_ERRORS)
    text = [
        f"read {report.rows} rows of {file.name}: {report.posted} posted as opening stock "
        f"(batch {report.batch[:12]}), {report.rejected} rejected"
    ]
    if report.errors:
        text.append("rejected:")
        text += _error_lines(report.errors, out=args.errors)
    return data, "\n".join(text)


HANDLERS: dict[str, Callable[[argparse.Namespace], Result]] = {
    "products": products,
    "stock": stock,
}
