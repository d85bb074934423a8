"""Products in and out of spreadsheets (SPEC §2, §15), and the opening stock import (SPEC §10).

Files: Excel ``.xlsx`` and CSV (UTF-8 with or without BOM, GB18030, UTF-16 with BOM; comma, tab
or semicolon separated), told apart by their content, not their name.

**Products.** One row per SKU, in the columns of ``PRODUCT_COLUMNS`` (the template's header row
names each column in Chinese with its English key, ``*售价(元)(price)``; the Chinese label or
the key alone is accepted too). Rows of one product share its code; the product's own fields
(name, category, unit, ...) must agree between them. A row creates or updates the product, the
SKU (its specs, price, member price and cost in yuan, stored as fen), its barcodes (the cell
lists them all: a barcode left out is taken off the SKU) and the category path
(``饮料/碳酸饮料/可乐``, up to three levels, created when missing). A column missing from the
file keeps what the catalog has.

The file is read and checked before the database is touched (a SQLite writer holds its lock
only for the writes). Every row is checked before anything is written; a rejected row is
reported with its row
number, column and reason (``RowError``) and changes nothing, the good rows go in together in
ONE transaction with bulk inserts and updates, each change recorded in the change log so the
terminals pull it. A row that changes nothing writes nothing: export, then import the export,
and the catalog and the change log stay as they were.

Refused in a cell: formulas ("formula, not a value"), Excel error values, dates or TRUE/FALSE
where text is expected, over-long text, control characters, bad amounts, bad barcodes (an
all-digit barcode is an EAN-8/UPC-A/EAN-13/GTIN-14 with a valid check digit, and a 13-digit one
must not start with the scale-label prefix), merged cells.
Refused across rows: a SKU code, barcode or PLU twice in the file (every row carrying it), or
already used by another SKU. Numbers typed as text and text typed as numbers are both read.
Refused for the whole file, changing nothing: an empty or unreadable file (binary garbage, an
old ``.xls``, a wrong encoding), a header row with required columns missing or unknown
columns, more than ``MAX_ROWS`` rows.

**Opening stock** (期初库存): warehouse or store code, SKU code / barcode / single-SKU product
code, quantity in units, optional unit cost in yuan (default: the catalog cost) and serial
numbers. Good rows are posted through ``ledger.post`` as ``opening`` movements of ONE batch whose
id is the SHA-256 of the file's bytes (``doc_id``), line key the row number: the same file
imported twice is refused as a duplicate batch and changes nothing, and a SKU already given
opening stock in a warehouse (by any earlier file) is refused row by row, so a corrected file
never counts the same goods twice.

**Long jobs are generators.** ``import_products``, ``import_opening_stock`` and
``export_products`` yield ``Progress(done, total)`` (``total`` is 0 while the file is still being
read) and return their report; the caller may stop early (``close()`` the generator: nothing is
committed) or drive one to the end with ``run_to_end``.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from shared.db import ledger
from shared.db.models import (
    AuditEntry,
    Barcode,
    Category,
    Product,
    SerialUnit,
    Sku,
    StockMovement,
    Warehouse,
)
from shared.db.uow import UnitOfWork
from shared.domain.barcode import ean_check_digit, with_check_digit
from shared.domain.errors import Conflict, DomainError, ValidationError
from shared.domain.ids import new_id
from shared.domain.money import format_yuan, parse_yuan
from shared.domain.permissions import Perm, Role
from shared.services import inventory
from shared.services import serials as serial_units
from shared.services.auth import Actor, require
from shared.services.context import enterprise_settings
from shared.services.pinyin import initials
from shared.sync import changelog

T = TypeVar("T")

#: a file larger than this is refused before it is read
MAX_FILE_BYTES = 64 * 1024 * 1024
#: data rows in one file
MAX_ROWS = 200_000
#: times without a zone in a file are China time
CHINA_TZ = ZoneInfo("Asia/Shanghai")
MAX_CATEGORY_LEVELS = 3
MAX_BARCODES = 20
#: the most an opening row may bring in: a million units (quantities are 32-bit thousandths)
MAX_OPENING_MILLI = 1_000_000_000
#: rows written per bulk statement
BATCH = 5000
#: codes per ``IN (...)`` when reading what the catalog already has
IN_CHUNK = 500

PRODUCT_SHEETS = ("商品", "products", "product")
OPENING_SHEETS = ("期初库存", "opening", "opening stock")
NOTES_SHEET = "说明"


class Progress(NamedTuple):
    """Work done of ``total`` (0 while the total is not known yet: the file is being read)."""

    done: int
    total: int


def run_to_end(job: Generator[Progress, None, T]) -> T:
    """Drive a long job to its end and return what it returns."""
    while True:
        try:
            next(job)
        except StopIteration as stop:
            return stop.value


@dataclass(frozen=True)
class RowError:
    """Why a row (or one of its cells) was refused. ``row`` is the spreadsheet's row number
    (the header is row 1 when it is the first line), ``column`` the header as written in the
    file ("" for a reason about the whole row), ``field`` the column's key."""

    row: int
    column: str
    reason: str
    code: str = "invalid"
    field: str = ""

    def as_json(self) -> dict:
        return {"row": self.row, "column": self.column, "reason": self.reason, "code": self.code}


@dataclass
class ProductImport:
    #: data rows read (blank rows not counted)
    rows: int = 0
    blank: int = 0
    rejected: int = 0
    products_created: int = 0
    products_updated: int = 0
    skus_created: int = 0
    skus_updated: int = 0
    #: good rows that changed nothing
    unchanged: int = 0
    barcodes_added: int = 0
    barcodes_removed: int = 0
    categories_created: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.rows - self.rejected

    def as_json(self, max_errors: int | None = None) -> dict:
        errors = self.errors if max_errors is None else self.errors[:max_errors]
        return {
            "read": self.rows,
            "imported": self.imported,
            "rejected": self.rejected,
            "blank": self.blank,
            "products_created": self.products_created,
            "products_updated": self.products_updated,
            "skus_created": self.skus_created,
            "skus_updated": self.skus_updated,
            "unchanged": self.unchanged,
            "barcodes_added": self.barcodes_added,
            "barcodes_removed": self.barcodes_removed,
            "categories_created": self.categories_created,
            "errors": [e.as_json() for e in errors],
            "errors_total": len(self.errors),
        }


@dataclass
class OpeningImport:
    #: the batch id: SHA-256 of the file's bytes, the movements' ``doc_id``
    batch: str = ""
    rows: int = 0
    blank: int = 0
    rejected: int = 0
    posted: int = 0
    errors: list[RowError] = field(default_factory=list)

    def as_json(self, max_errors: int | None = None) -> dict:
        errors = self.errors if max_errors is None else self.errors[:max_errors]
        return {
            "batch": self.batch,
            "read": self.rows,
            "posted": self.posted,
            "rejected": self.rejected,
            "blank": self.blank,
            "errors": [e.as_json() for e in errors],
            "errors_total": len(self.errors),
        }


# -- columns ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    #: the Chinese caption of the template's header
    label: str
    #: how a cell is read: text, code, category, choice:<name>, flag, datetime, barcodes, money,
    #: plu, quantity, serials
    kind: str
    required: bool = False
    max_len: int = 0
    #: what the template's notes sheet says about the column (Chinese)
    note: str = ""
    example: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def header(self) -> str:
        return f"{'*' if self.required else ''}{self.label}({self.key})"


_EXAMPLE_BARCODE = with_check_digit("690123456789")

PRODUCT_COLUMNS: tuple[Column, ...] = (
    Column(
        "product_code",
        "商品编码",
        "code",
        True,
        40,
        "必填。同一商品的每个 SKU 各占一行，商品编码相同；已有的商品编码会更新该商品。",
        "P900001",
        ("编码", "货号", "商品代码"),
    ),
    Column(
        "name",
        "商品名称",
        "text",
        True,
        120,
        "必填，最多 120 个字。",
        "可口可乐 330ml",
        ("名称", "品名"),
    ),
    Column(
        "category",
        "分类",
        "category",
        False,
        60,
        "最多三级，用 / 分隔，例如 饮料/碳酸饮料/可乐；不存在的分类会自动创建。",
        "饮料/碳酸饮料/可乐",
        ("商品分类", "类别"),
    ),
    Column("unit", "单位", "text", False, 16, "默认 件；称重商品一般为 kg。", "瓶"),
    Column(
        "kind",
        "类型",
        "choice:kind",
        False,
        0,
        "商品 / 服务 / 卡密（goods / service / card_key），默认 商品。",
        "商品",
        ("商品类型",),
    ),
    Column("serial_tracked", "序列号管理", "flag", False, 0, "是 / 否，默认 否。", "否"),
    Column(
        "status",
        "状态",
        "choice:status",
        False,
        0,
        "上架 / 下架（on / off），默认 上架。",
        "上架",
        ("上下架",),
    ),
    Column(
        "on_shelf_at",
        "定时上架",
        "datetime",
        False,
        0,
        "可选，北京时间，例如 2024-06-01 08:00。",
        "",
        ("上架时间",),
    ),
    Column(
        "off_shelf_at",
        "定时下架",
        "datetime",
        False,
        0,
        "可选，北京时间，晚于定时上架。",
        "",
        ("下架时间",),
    ),
    Column("spec1_name", "规格1名称", "text", False, 30, "可选，例如 颜色。", ""),
    Column("spec1", "规格1", "text", False, 30, "填了规格1名称时必填，例如 白色。", ""),
    Column("spec2_name", "规格2名称", "text", False, 30, "可选，例如 尺码（先填规格1）。", ""),
    Column("spec2", "规格2", "text", False, 30, "填了规格2名称时必填，例如 XL。", ""),
    Column(
        "sku_code",
        "SKU编码",
        "code",
        False,
        40,
        "可选，不填时与商品编码相同；一个商品有多个 SKU 时必填且各不相同。",
        "P900001",
        ("sku", "规格编码"),
    ),
    Column(
        "barcodes",
        "条码",
        "barcodes",
        False,
        0,
        "可选，多个条码用逗号分隔；这一格列出该 SKU 的全部条码（不填即没有条码）。"
        "纯数字条码须是校验位正确的 EAN-13 / EAN-8 / UPC-A；条码不能重复。",
        _EXAMPLE_BARCODE,
        ("条形码", "barcode"),
    ),
    Column(
        "price",
        "售价(元)",
        "money",
        True,
        0,
        "必填，单位元，最多两位小数，例如 3.50。",
        "3.50",
        ("售价", "零售价", "价格"),
    ),
    Column(
        "member_price",
        "会员价(元)",
        "money",
        False,
        0,
        "可选，不高于售价；不填即没有会员价。",
        "3.20",
        ("会员价",),
    ),
    Column(
        "cost",
        "成本价(元)",
        "money",
        False,
        0,
        "可选，默认 0。",
        "2.10",
        ("成本价", "成本", "进价"),
    ),
    Column("weighed", "称重", "flag", False, 0, "是 / 否，默认 否。", "否", ("称重商品",)),
    Column(
        "plu",
        "PLU",
        "plu",
        False,
        0,
        "称重商品的秤 PLU 码，最多 6 位数字，不能重复。",
        "",
        ("秤码", "plu码"),
    ),
)

OPENING_COLUMNS: tuple[Column, ...] = (
    Column(
        "warehouse",
        "仓库编码",
        "code",
        True,
        16,
        "必填，门店编码（如 S01）或仓库编码。",
        "S01",
        ("门店编码", "仓库/门店编码", "仓库", "门店", "store"),
    ),
    Column(
        "sku",
        "SKU编码或条码",
        "code",
        True,
        40,
        "必填，SKU 编码、条码，或只有一个 SKU 的商品编码。",
        "P000006",
        ("SKU编码", "条码", "商品编码", "sku_code", "barcode"),
    ),
    Column(
        "quantity",
        "数量",
        "quantity",
        True,
        0,
        "必填，大于 0；称重商品最多三位小数，其余为整数。",
        "24",
        ("期初数量", "库存数量", "qty"),
    ),
    Column(
        "unit_cost",
        "单位成本(元)",
        "money",
        False,
        0,
        "可选，单位元；不填时用商品资料里的成本价。",
        "2.10",
        ("单位成本", "成本价", "成本", "单价"),
    ),
    Column(
        "serials",
        "序列号",
        "serials",
        False,
        0,
        "序列号管理的商品必填，每件一个，用逗号分隔。",
        "",
        ("序列号列表",),
    ),
)

_KIND_VALUES = {
    "goods": "goods",
    "商品": "goods",
    "实物": "goods",
    "普通商品": "goods",
    "service": "service",
    "服务": "service",
    "card_key": "card_key",
    "cardkey": "card_key",
    "卡密": "card_key",
    "电子卡密": "card_key",
}
_KIND_TEXT = {"goods": "商品", "service": "服务", "card_key": "卡密"}
_STATUS_VALUES = {
    "on": "on",
    "上架": "on",
    "在售": "on",
    "off": "off",
    "下架": "off",
    "停售": "off",
}
_STATUS_TEXT = {"on": "上架", "off": "下架"}
_CHOICES = {"kind": _KIND_VALUES, "status": _STATUS_VALUES}
_YES = {"是", "y", "yes", "true", "1", "√", "✓", "对"}
_NO = {"否", "n", "no", "false", "0", "×", "不"}

_BARCODE_SPLIT = re.compile(r"[,;|\s]+")
_CATEGORY_SPLIT = re.compile(r"\s*[/>]\s*")
_HEADER_KEY = re.compile(r"^(.*?)\(([a-z0-9_]+)\)$")
_QUANTITY = re.compile(r"^([0-9]{1,9})(?:\.([0-9]+))?$")
_CODE_OK = re.compile(r"^[^\s\x00-\x1f\x7f]+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# -- reading files ---------------------------------------------------------------------------------

#: a cell as read: (value, type) with type s (text), n (number), d (date/time), b (TRUE/FALSE),
#: f (formula), e (an error value such as #N/A); None for an empty cell
Cell = tuple[Any, str] | None


@dataclass
class _Sheet:
    #: (row number, cells by column) of every row, blank ones included
    rows: list[tuple[int, list[Cell]]]
    #: merged ranges, e.g. ``A2:B3``
    merged: list[str]
    kind: str  # xlsx | csv


def _load(source: str | Path | bytes) -> bytes:
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    else:
        path = Path(source)
        if not path.is_file():
            raise ValidationError(f"no such file: {path}", code="file_missing")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValidationError(
                f"the file is too large (at most {MAX_FILE_BYTES // (1024 * 1024)} MB)",
                code="file_too_large",
            )
        data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(
            f"the file is too large (at most {MAX_FILE_BYTES // (1024 * 1024)} MB)",
            code="file_too_large",
        )
    if not data.strip():
        raise ValidationError("the file is empty", code="file_empty")
    return data


def _read(data: bytes, name: str, prefer: tuple[str, ...]) -> Generator[Progress, None, _Sheet]:
    suffix = Path(name).suffix.lower() if name else ""
    if data.startswith(b"PK\x03\x04"):
        return (yield from _read_xlsx(data, prefer))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(
            "this is an old Excel .xls file: save it as .xlsx or CSV (UTF-8) and import that",
            code="file_xls",
        )
    if suffix in (".xlsx", ".xlsm"):
        raise ValidationError(
            "this is not an Excel .xlsx workbook (damaged, or another kind of file)",
            code="file_unreadable",
        )
    return _read_csv(data)


def _read_xlsx(data: bytes, prefer: tuple[str, ...]) -> Generator[Progress, None, _Sheet]:
    """The rows of one worksheet. openpyxl reads the package (shared strings, which styles are
    dates, the sheet list); the sheet itself is streamed here, lean: formulas are kept as
    formulas (never their cached results), dates as dates, and merged ranges collected."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=False)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheets = [
            (sheet.name, rel.target)
            for sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in (rel.Type or "")
        ]
    except Exception as exc:  # any failure to open the package is the file's fault
        raise ValidationError(
            "this is not an Excel .xlsx workbook (damaged, or another kind of file)",
            code="file_unreadable",
            cause=type(exc).__name__,
        ) from None
    if not sheets:
        raise ValidationError("the workbook has no worksheet", code="file_empty")
    wanted = {p.casefold() for p in prefer}
    target = next((t for n, t in sheets if n.strip().casefold() in wanted), sheets[0][1])
    wb = reader.wb
    strings = [str(x) for x in reader.shared_strings]
    dates = {int(x) for x in wb._date_formats}
    rows: list[tuple[int, list[Cell]]] = []
    merged: list[str] = []
    try:
        with reader.archive.open(target) as src:
            for number, row, ranges in _sheet_rows(src, strings, dates, wb.epoch):
                if ranges:
                    merged.extend(ranges)
                    continue
                rows.append((number, row))
                if len(rows) > MAX_ROWS + 1 + 100:
                    raise ValidationError(
                        f"the file has too many rows (at most {MAX_ROWS}): split it",
                        code="file_too_many_rows",
                    )
                if len(rows) % 5000 == 0:
                    yield Progress(0, 0)
    except DomainError:
        raise
    except Exception as exc:
        raise ValidationError(
            "the worksheet cannot be read (damaged file)",
            code="file_unreadable",
            cause=type(exc).__name__,
        ) from None
    return _Sheet(rows, merged, "xlsx")


_COLUMN_LETTERS = re.compile(r"[A-Z]+")
#: the worksheet's own namespace (transitional or strict OOXML), from its root element
_ROOT_NS = re.compile(
    rb"<(?:[A-Za-z0-9_]+:)?worksheet\b[^>]*?\sxmlns(?::[A-Za-z0-9_]+)?=\"([^\"]+)\""
)


def _sheet_rows(src, strings: list[str], dates: set[int], epoch) -> Iterator[tuple]:
    """``(row number, cells, [])`` per ``<row>``, then ``(0, [], merged refs)`` at the end."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.datetime import from_excel, from_ISO8601

    head = src.read(4096)
    src.seek(0)
    found = _ROOT_NS.search(head)
    ns = "{" + found.group(1).decode() + "}" if found else ""
    row_tag, cell_tag, v_tag, f_tag = f"{ns}row", f"{ns}c", f"{ns}v", f"{ns}f"
    is_tag, t_tag, r_tag, merge_tag = f"{ns}is", f"{ns}t", f"{ns}r", f"{ns}mergeCell"
    number = 0
    for _event, el in iterparse(src):
        tag = el.tag
        if tag == row_tag:
            number = int(el.get("r") or number + 1)
            row: list[Cell] = []
            col = 0
            for c in el:
                if c.tag != cell_tag:
                    continue
                ref = c.get("r")
                if ref:
                    letters = _COLUMN_LETTERS.match(ref)
                    col = _column_index(letters.group(0)) if letters else col + 1
                else:
                    col += 1
                kind = c.get("t", "n")
                formula = c.find(f_tag)
                if formula is not None:
                    cell: Cell = ("=" + (formula.text or ""), "f")
                elif kind == "inlineStr":
                    box = c.find(is_tag)
                    if box is None:
                        continue
                    parts = [x.text or "" for x in box if x.tag == t_tag]
                    parts += [x.findtext(t_tag) or "" for x in box if x.tag == r_tag]
                    cell = ("".join(parts), "s")
                else:
                    raw = c.findtext(v_tag)
                    if raw is None or raw == "":
                        continue
                    if kind == "s":
                        cell = (strings[int(raw)], "s")
                    elif kind == "n":
                        number_value: int | float = (
                            float(raw) if ("." in raw or "E" in raw or "e" in raw) else int(raw)
                        )
                        style = c.get("s")
                        if style and int(style) in dates:
                            try:
                                cell = (from_excel(number_value, epoch), "d")
                            except (OverflowError, ValueError):
                                cell = ("#VALUE!", "e")
                        else:
                            cell = (number_value, "n")
                    elif kind == "b":
                        cell = (raw.strip() not in ("0", "false"), "b")
                    elif kind == "e":
                        cell = (raw, "e")
                    elif kind == "d":
                        cell = (from_ISO8601(raw), "d")
                    else:  # "str": a formula's cached text (the formula itself is refused above)
                        cell = (raw, "s")
                if col > len(row):
                    row.extend([None] * (col - len(row)))
                row[col - 1] = cell
            el.clear()
            yield number, row, []
        elif tag == merge_tag:
            ref = el.get("ref")
            if ref:
                yield 0, [], [ref]
        elif tag in (cell_tag, v_tag):
            continue
        elif tag != is_tag and tag != t_tag and tag != f_tag and tag != r_tag:
            el.clear()


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(
                "the file says it is UTF-8 but is not: save it as CSV UTF-8", code="file_encoding"
            ) from None
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ValidationError("the UTF-16 text is damaged", code="file_encoding") from None
    else:
        if b"\x00" in data:
            raise ValidationError(
                "this is not a spreadsheet: neither an .xlsx workbook nor CSV text",
                code="file_not_text",
            )
        for encoding in ("utf-8", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValidationError(
                "the file is neither UTF-8 nor GB18030 text: save it as CSV UTF-8 or .xlsx",
                code="file_encoding",
            )
    # a stray control character is a bad cell; many of them are a binary file
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if "\x00" in text or controls * 100 > len(sample):
        raise ValidationError(
            "this is not a spreadsheet: neither an .xlsx workbook nor CSV text",
            code="file_not_text",
        )
    return text


def _read_csv(data: bytes) -> _Sheet:
    text = _decode(data)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = max((",", "\t", ";"), key=lambda d: (first.count(d), d == ","))
    rows: list[tuple[int, list[Cell]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # rows are numbered as a spreadsheet shows them (a quoted line break stays in its cell)
        for number, record in enumerate(reader, start=1):
            rows.append((number, [(v, "s") if v != "" else None for v in record]))
            if len(rows) > MAX_ROWS + 1 + 100:
                raise ValidationError(
                    f"the file has too many rows (at most {MAX_ROWS}): split it",
                    code="file_too_many_rows",
                )
    except csv.Error as exc:
        raise ValidationError(
            f"line {reader.line_num}: the CSV is malformed ({exc})", code="file_csv"
        ) from None
    return _Sheet(rows, [], "csv")


# -- the header ------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip().lstrip("*").strip()
    return re.sub(r"\s+", "", text).casefold()


def _header_map(
    sheet: _Sheet, columns: tuple[Column, ...]
) -> tuple[int, dict[str, int], list[str]]:
    """The header row's index in ``sheet.rows``, ``{key: column index}`` and the header texts.

    Refuses the file when a required column is missing, a header is unknown or given twice,
    or a header cell is not plain text."""
    names: dict[str, str] = {}
    for col in columns:
        for alias in (col.key, col.label, col.header, *col.aliases):
            names.setdefault(_norm(alias), col.key)
    at = next((i for i, (_, cells) in enumerate(sheet.rows) if any(cells)), None)
    if at is None:
        raise ValidationError("the file is empty", code="file_empty")
    number, cells = sheet.rows[at]
    for ref in sheet.merged:
        r1, r2 = _range_rows(ref)
        if r1 <= number <= r2:
            raise ValidationError(
                f"the header row has merged cells ({ref}): give every column its own header",
                code="bad_headers",
            )
    found: dict[str, int] = {}
    texts: list[str] = []
    unknown: list[str] = []
    twice: list[str] = []
    for i, cell in enumerate(cells):
        raw = "" if cell is None else cell[0]
        text = _num_text(raw) if isinstance(raw, int | float) else str(raw)
        texts.append(text.strip())
        if cell is None or not text.strip():
            continue
        if cell[1] == "f":
            unknown.append(f"{_col_letter(i)}1 is a formula")
            continue
        key = names.get(_norm(text))
        if key is None:
            m = _HEADER_KEY.match(_norm(text))
            if m:
                key = names.get(m.group(2)) or names.get(m.group(1))
        if key is None:
            unknown.append(text.strip())
        elif key in found:
            twice.append(text.strip())
        else:
            found[key] = i
    missing = [c.header for c in columns if c.required and c.key not in found]
    if missing or unknown or twice:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(missing))
        if unknown:
            parts.append("unknown " + ", ".join(f"'{u}'" for u in unknown))
        if twice:
            parts.append("given twice " + ", ".join(f"'{t}'" for t in twice))
        raise ValidationError(
            f"the header row (row {number}) is wrong: {'; '.join(parts)}. "
            f"Expected columns: {', '.join(c.header for c in columns)}",
            code="bad_headers",
            missing=missing,
            unknown=unknown,
            duplicate=twice,
        )
    return at, found, texts


def _col_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _range_rows(ref: str) -> tuple[int, int]:
    from openpyxl.utils.cell import range_boundaries

    _c1, r1, _c2, r2 = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
    return int(r1 or 0), int(r2 or 0)


def _merged_rows(sheet: _Sheet, first_data_row: int) -> dict[int, str]:
    """``{row number: merged range}`` of every data row a merged range covers."""
    from openpyxl.utils.cell import range_boundaries

    out: dict[int, str] = {}
    for ref in sheet.merged:
        c1, r1, c2, r2 = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
        if (c1, r1) == (c2, r2):
            continue  # a "range" of one cell
        for r in range(max(int(r1 or 0), first_data_row), int(r2 or 0) + 1):
            out.setdefault(r, ref)
    return out


# -- reading cells ---------------------------------------------------------------------------------


class _CellError(Exception):
    def __init__(self, reason: str, code: str = "invalid") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


def _num_text(value: Any) -> str:
    """A number as the text a person typed: ``6901234567892`` (not 6.9e12), ``12.5``."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _refuse_non_values(cell: Cell, expect: str) -> None:
    value, kind = cell  # type: ignore[misc]
    if kind == "f":
        raise _CellError("formula, not a value: type the value itself", "cell_formula")
    if kind == "e":
        raise _CellError(f"an error value ({value}), not a value", "cell_error_value")
    if kind == "d" or isinstance(value, datetime | date | time | timedelta):
        if expect == "datetime":
            return
        shown = value.isoformat(sep=" ") if isinstance(value, datetime) else str(value)
        raise _CellError(
            f"a date ({shown}), not {expect}: format the column as text and type it again",
            "cell_date",
        )
    if kind == "b" and expect not in ("a yes/no",):
        raise _CellError(f"TRUE/FALSE, not {expect}", "cell_boolean")


def _text(cell: Cell, max_len: int, *, what: str = "text") -> str:
    if cell is None:
        return ""
    value, kind = cell
    if kind != "s" or type(value) is not str:
        _refuse_non_values(cell, what)
    text = _num_text(value) if isinstance(value, int | float | Decimal) else str(value)
    text = text.strip()
    if _CONTROL.search(text):
        raise _CellError("contains control characters (line breaks, tabs)", "text_control")
    if max_len and len(text) > max_len:
        raise _CellError(f"too long: {len(text)} characters (at most {max_len})", "text_too_long")
    return text


def _code(cell: Cell, max_len: int) -> str:
    text = _text(cell, max_len, what="a code")
    if text and not _CODE_OK.match(text):
        raise _CellError(f"'{text[:40]}' contains spaces: a code is one word", "code_format")
    return text


def _money(cell: Cell, column: Column) -> int | None:
    if cell is None:
        return None
    _refuse_non_values(cell, "an amount")
    value = cell[0]
    text = _num_text(value) if isinstance(value, int | float | Decimal) else str(value)
    text = unicodedata.normalize("NFKC", text).strip()
    for ch in ("¥", "￥", "元", ",", " "):
        text = text.replace(ch, "")
    if not text:
        return None
    try:
        return parse_yuan(text, field=column.label)
    except ValidationError as exc:
        reason = exc.message.split(": ", 1)[-1]
        if "'" not in reason:
            reason = f"'{text[:30]}': {reason}"
        raise _CellError(reason, exc.code) from None


def _flag(cell: Cell) -> bool | None:
    if cell is None:
        return None
    _refuse_non_values(cell, "a yes/no")
    value = cell[0]
    if isinstance(value, bool):
        return value
    text = _num_text(value).strip().casefold()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise _CellError(f"'{text[:20]}' is not 是 or 否 (yes / no)", "flag_format")


def _choice(cell: Cell, name: str) -> str | None:
    text = _text(cell, 20, what="text").casefold()
    if not text:
        return None
    got = _CHOICES[name].get(text)
    if got is None:
        allowed = " / ".join(sorted({k for k in _CHOICES[name] if not k.isascii()}))
        raise _CellError(f"'{text}' is not one of {allowed}", f"{name}_unknown")
    return got


def _datetime(cell: Cell) -> datetime | None:
    if cell is None:
        return None
    _refuse_non_values(cell, "datetime")
    value = cell[0]
    if isinstance(value, datetime):
        when = value
    elif isinstance(value, date):
        when = datetime.combine(value, time(0))
    elif isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().replace("/", "-")
        if not text:
            return None
        try:
            when = datetime.fromisoformat(text)
        except ValueError:
            raise _CellError(
                f"'{value[:30]}' is not a date and time (2024-06-01 08:00)", "datetime_format"
            ) from None
    else:
        raise _CellError(
            f"'{_num_text(value)}' is not a date and time (2024-06-01 08:00)", "datetime_format"
        )
    if when.tzinfo is None:
        when = when.replace(tzinfo=CHINA_TZ)
    return when.astimezone(UTC)


def _category(cell: Cell, max_len: int) -> tuple[str, ...] | None:
    text = _text(cell, 200, what="text")
    if not text:
        return None
    text = unicodedata.normalize("NFKC", text)
    parts = tuple(_CATEGORY_SPLIT.split(text.strip("/> ")))
    if any(not p for p in parts):
        raise _CellError(f"'{text}': a level of the category path is empty", "category_format")
    if len(parts) > MAX_CATEGORY_LEVELS:
        raise _CellError(
            f"'{text}': at most {MAX_CATEGORY_LEVELS} levels (饮料/碳酸饮料/可乐)",
            "category_too_deep",
        )
    for p in parts:
        if len(p) > max_len:
            raise _CellError(
                f"category '{p[:20]}…' is too long (at most {max_len})", "text_too_long"
            )
    return parts


def check_barcode(code: str, weighed_prefix: str = "") -> None:
    """Refuse a barcode the counter could not sell by (a ``_CellError`` with the reason);
    with ``weighed_prefix``, also one the counter would read as a scale label."""
    if len(code) > 40:
        raise _CellError(f"barcode '{code[:20]}…' is too long (at most 40)", "barcode_too_long")
    if not _CODE_OK.match(code) or not code.isascii():
        raise _CellError(f"barcode '{code[:40]}': letters, digits and - . / only", "barcode_format")
    if code.isdigit():
        if len(code) not in (8, 12, 13, 14):
            raise _CellError(
                f"barcode {code}: an all-digit barcode has 8, 12, 13 or 14 digits "
                f"(EAN-8, UPC-A, EAN-13, GTIN-14); this has {len(code)}",
                "barcode_length",
            )
        if ean_check_digit(code[:-1]) != int(code[-1]):
            raise _CellError(
                f"barcode {code}: check digit is wrong (should end in {ean_check_digit(code[:-1])})",
                "bad_check_digit",
            )
        if len(code) == 13 and weighed_prefix and code.startswith(weighed_prefix):
            raise _CellError(
                f"barcode {code} starts with {weighed_prefix}, the scale-label prefix: the counter "
                "reads it as a weighed-goods label",
                "barcode_weighed_prefix",
            )


def _barcodes(cell: Cell) -> tuple[str, ...]:
    if cell is None:
        return ()
    _refuse_non_values(cell, "text")
    value = cell[0]
    text = _num_text(value) if isinstance(value, int | float | Decimal) else str(value)
    text = unicodedata.normalize("NFKC", text).strip()
    codes = tuple(dict.fromkeys(c for c in _BARCODE_SPLIT.split(text) if c))
    if len(codes) > MAX_BARCODES:
        raise _CellError(f"at most {MAX_BARCODES} barcodes per SKU", "barcodes_too_many")
    for code in codes:
        check_barcode(code)
    return codes


def _check_weighed_prefix(rows: list[_Row], prefix: str) -> None:
    """A 13-digit barcode that starts with the scale-label prefix cannot be a product's: the
    counter decodes it as a weighed-goods label."""
    for row in rows:
        for code in row.values.get("barcodes") or ():
            try:
                check_barcode(code, prefix)
            except _CellError as exc:
                row.refuse("barcodes", exc.reason, exc.code)
                break


def _plu(cell: Cell) -> str | None:
    text = _text(cell, 8, what="a PLU")
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        raise _CellError(f"PLU '{text}' is not 1 to 6 digits", "plu_format")
    return text.zfill(6)


def _quantity(cell: Cell) -> int | None:
    if cell is None:
        return None
    _refuse_non_values(cell, "a quantity")
    value = cell[0]
    text = _num_text(value) if isinstance(value, int | float | Decimal) else str(value)
    text = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    if not text:
        return None
    if text.startswith("-"):
        raise _CellError("the quantity must be above zero", "quantity_not_positive")
    m = _QUANTITY.match(text)
    if not m:
        raise _CellError(f"'{text[:20]}' is not a quantity (e.g. 24 or 1.250)", "quantity_format")
    whole, frac = m.group(1), m.group(2) or ""
    if len(frac.rstrip("0")) > 3:
        raise _CellError(f"'{text}': at most three decimals", "quantity_format")
    milli = int(whole) * 1000 + int(frac.rstrip("0").ljust(3, "0")[:3] or "0")
    if milli <= 0:
        raise _CellError("the quantity must be above zero", "quantity_not_positive")
    if milli > MAX_OPENING_MILLI:
        raise _CellError(
            f"the quantity is implausible (at most {MAX_OPENING_MILLI // 1000})", "quantity_absurd"
        )
    return milli


def _serials(cell: Cell) -> tuple[str, ...]:
    text = _text(cell, 100_000, what="text")
    items = [s.strip() for s in re.split(r"[,;，；\s]+", text) if s.strip()]
    for s in items:
        if len(s) > serial_units.MAX_SERIAL:
            raise _CellError(
                f"serial number '{s[:20]}…' is too long (at most {serial_units.MAX_SERIAL})",
                "serial_too_long",
            )
    return tuple(items)


# -- rows ------------------------------------------------------------------------------------------


@dataclass
class _Row:
    line: int
    values: dict[str, Any]
    errors: list[RowError]
    #: the file's header text of each column it has, by key (shared by every row)
    names: dict[str, str] = field(default_factory=dict)

    def refuse(self, key: str, reason: str, code: str) -> None:
        """Refuse the row for ``reason`` about column ``key`` ("" for the whole row)."""
        column = (self.names.get(key) or _any_label(key)) if key else ""
        self.errors.append(RowError(self.line, column, reason, code, key))


def _parse_rows(
    sheet: _Sheet,
    columns: tuple[Column, ...],
    readers: dict[str, Callable[[Cell], Any]],
    report_blank: Callable[[], None],
) -> Generator[Progress, None, tuple[list[_Row], int]]:
    """Every non-blank data row, its cells read by ``readers[key](cell)`` (a cell that cannot
    be read becomes a ``RowError`` of its row), and the job's progress total: ``2 n + 1`` for
    ``n`` data rows (reading the cells is the first quarter, checking the second, writing the
    second half, the commit the last step)."""
    at, where, texts = _header_map(sheet, columns)
    plan = [(key, index, readers[key]) for key, index in where.items()]
    names = {key: texts[index] for key, index in where.items()}
    data = sheet.rows[at + 1 :]
    merged = _merged_rows(sheet, sheet.rows[at][0] + 1)
    rows: list[_Row] = []
    total = len(data)
    if total > MAX_ROWS:
        raise ValidationError(
            f"the file has too many rows ({total}; at most {MAX_ROWS}): split it",
            code="file_too_many_rows",
        )
    blank = 0  # blank rows since the last row with data (trailing ones are not counted)
    for i, (number, cells) in enumerate(data, start=1):
        if i % 2000 == 0:
            yield Progress(i // 2, 2 * total + 1)
        if not any(c is not None and (c[1] != "s" or str(c[0]).strip()) for c in cells):
            blank += 1
            continue
        for _ in range(blank):
            report_blank()
        blank = 0
        row = _Row(number, {}, [], names)
        if number in merged:
            row.errors.append(
                RowError(
                    number,
                    "",
                    f"merged cells ({merged[number]}): unmerge them and give every cell its value",
                    "cell_merged",
                )
            )
        width = len(cells)
        for key, index, read in plan:
            try:
                row.values[key] = read(cells[index] if index < width else None)
            except _CellError as exc:
                row.errors.append(RowError(number, texts[index], exc.reason, exc.code, key))
        rows.append(row)
    return rows, 2 * total + 1


def _chunks(items: Iterable[T], size: int = IN_CHUNK) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _rows_in(session, table, column, values: Iterable) -> list[dict]:
    out: list[dict] = []
    for chunk in _chunks(sorted(set(values))):
        out.extend(
            dict(r._mapping) for r in session.execute(select(table).where(column.in_(chunk)))
        )
    return out


# -- product import --------------------------------------------------------------------------------

_PRODUCT_FIELDS = (
    "name",
    "category",
    "unit",
    "kind",
    "serial_tracked",
    "status",
    "on_shelf_at",
    "off_shelf_at",
    "spec1_name",
    "spec2_name",
)
_SKU_FIELDS = ("spec1", "spec2", "price", "member_price", "cost", "weighed", "plu", "barcodes")


def _product_readers() -> dict[str, Callable[[Cell], Any]]:
    """How each product column's cells are read, by key."""
    out: dict[str, Callable[[Cell], Any]] = {}
    for col in PRODUCT_COLUMNS:
        kind, n = col.kind, col.max_len
        if kind == "code":
            out[col.key] = lambda cell, n=n: _code(cell, n)
        elif kind == "text":
            out[col.key] = lambda cell, n=n: _text(cell, n)
        elif kind == "category":
            out[col.key] = lambda cell, n=n: _category(cell, n)
        elif kind.startswith("choice:"):
            choice = kind.split(":", 1)[1]
            out[col.key] = lambda cell, name=choice: _choice(cell, name)
        elif kind == "flag":
            out[col.key] = _flag
        elif kind == "datetime":
            out[col.key] = _datetime
        elif kind == "barcodes":
            out[col.key] = _barcodes
        elif kind == "money":
            out[col.key] = lambda cell, col=col: _money(cell, col)
        elif kind == "plu":
            out[col.key] = _plu
        else:
            raise AssertionError(kind)
    return out


def _label(key: str, columns: tuple[Column, ...] = PRODUCT_COLUMNS) -> str:
    return next(c.label for c in columns if c.key == key)


def _any_label(key: str) -> str:
    return next((c.label for c in (*PRODUCT_COLUMNS, *OPENING_COLUMNS) if c.key == key), key)


def _check_product_row(row: _Row) -> None:
    """Rules inside one row (the cells were each readable)."""
    v = row.values
    err = row.refuse

    if not v.get("product_code"):
        err("product_code", "required", "required")
    if "name" in v and not v["name"]:
        err("name", "required", "required")
    if "price" in v and v["price"] is None:
        err("price", "required", "required")
    if not v.get("sku_code"):
        v["sku_code"] = v.get("product_code", "")
    price, member = v.get("price"), v.get("member_price")
    if price is not None and member is not None and member > price:
        err(
            "member_price",
            f"the member price {format_yuan(member)} is above the price {format_yuan(price)}",
            "member_price_above_price",
        )
    for n in ("1", "2"):
        name, value = v.get(f"spec{n}_name", ""), v.get(f"spec{n}", "")
        if name and not value and f"spec{n}" in v:
            err(f"spec{n}", f"required when {_label(f'spec{n}_name')} is given", "spec_missing")
        if value and not name and f"spec{n}_name" in v:
            err(
                f"spec{n}_name", f"required when {_label(f'spec{n}')} is given", "spec_name_missing"
            )
    if v.get("spec2_name") and not v.get("spec1_name") and "spec1_name" in v:
        err("spec1_name", "give the first spec before the second", "spec_order")
    kind = v.get("kind") or "goods"
    if kind != "goods" and v.get("serial_tracked"):
        err("serial_tracked", f"a {kind} cannot be serial-tracked", "serial_not_goods")
    if kind != "goods" and v.get("weighed"):
        err("weighed", f"a {kind} cannot be weighed", "weighed_not_goods")
    if v.get("weighed") and v.get("serial_tracked"):
        err("weighed", "weighed goods cannot be serial-tracked", "weighed_serial")
    if v.get("plu") and v.get("weighed") is False:
        err("plu", "a PLU is for weighed goods (称重 = 是)", "plu_not_weighed")
    on, off = v.get("on_shelf_at"), v.get("off_shelf_at")
    if on is not None and off is not None and off <= on:
        err("off_shelf_at", "the off-shelf time must be after the on-shelf time", "shelf_times")


def _flag_duplicates(rows: list[_Row], key: str, what: str, *, multi: bool = False) -> None:
    """Every row carrying a value of ``key`` that another row carries too is refused."""
    seen: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        values = row.values.get(key)
        if not values:
            continue
        for value in values if multi else (values,):
            seen[value].append(i)
    for value, where in seen.items():
        if len(where) < 2:
            continue
        lines = [rows[i].line for i in where]
        for i in where:
            others = ", ".join(str(n) for n in lines if n != rows[i].line)
            rows[i].refuse(
                key,
                f"{what} {value} is in the file more than once (also row {others})",
                "duplicate_in_file",
            )


@dataclass
class _Catalog:
    """What the catalog already has of the codes in the file."""

    products: dict[str, dict]  # by product code
    skus: dict[str, dict]  # by SKU code
    barcode_owner: dict[str, str]  # barcode -> sku id
    sku_barcodes: dict[str, set[str]]  # sku id -> its barcodes
    plu_owner: dict[str, str]  # plu -> sku id
    categories: dict[str, dict]  # by id
    children: dict[tuple[str | None, str], str]  # (parent id, name) -> id
    sku_product_code: dict[str, str]  # sku id -> product code


def _load_catalog(session, rows: list[_Row]) -> _Catalog:
    p, s, b = Product.__table__, Sku.__table__, Barcode.__table__
    product_codes = {r.values.get("product_code") for r in rows} - {None, ""}
    sku_codes = {r.values.get("sku_code") for r in rows} - {None, ""}
    codes = {c for r in rows for c in r.values.get("barcodes") or ()}
    plus = {r.values.get("plu") for r in rows} - {None, ""}
    products = {r["code"]: r for r in _rows_in(session, p, p.c.code, product_codes)}
    skus = {r["code"]: r for r in _rows_in(session, s, s.c.code, sku_codes)}
    owners = {r["code"]: str(r["sku_id"]) for r in _rows_in(session, b, b.c.code, codes)}
    sku_barcodes: dict[str, set[str]] = defaultdict(set)
    for r in _rows_in(session, b, b.c.sku_id, [x["id"] for x in skus.values()]):
        sku_barcodes[str(r["sku_id"])].add(r["code"])
    plu_owner = {r["plu"]: str(r["id"]) for r in _rows_in(session, s, s.c.plu, plus)}
    categories = {str(r.id): dict(r._mapping) for r in session.execute(select(Category.__table__))}
    children: dict[tuple[str | None, str], str] = {}
    for c in sorted(categories.values(), key=lambda c: (c["sort_order"], str(c["id"]))):
        parent = str(c["parent_id"]) if c["parent_id"] is not None else None
        children.setdefault((parent, c["name"]), str(c["id"]))
    product_by_id = {str(x["id"]): x["code"] for x in products.values()}
    missing = {str(x["product_id"]) for x in skus.values()} - set(product_by_id)
    for r in _rows_in(session, p, p.c.id, missing):
        product_by_id[str(r["id"])] = r["code"]
    sku_product_code = {
        str(x["id"]): product_by_id.get(str(x["product_id"]), "") for x in skus.values()
    }
    return _Catalog(
        products, skus, owners, sku_barcodes, plu_owner, categories, children, sku_product_code
    )


def import_products(
    uow: UnitOfWork,
    actor: Actor,
    source: str | Path | bytes,
    *,
    filename: str = "",
) -> Generator[Progress, None, ProductImport]:
    """Import products from an .xlsx or CSV file (a path, or the bytes and their file name).

    Yields progress; returns the report. The good rows are committed once, at the end."""
    require(actor, Perm.MANAGE_CATALOG)
    if not filename and not isinstance(source, bytes | bytearray):
        filename = Path(source).name
    report = ProductImport()
    data = _load(source)
    try:
        yield Progress(0, 0)
        sheet = yield from _read(data, filename, PRODUCT_SHEETS)

        def blank() -> None:
            report.blank += 1

        rows, total = yield from _parse_rows(sheet, PRODUCT_COLUMNS, _product_readers(), blank)
        del sheet
        if not rows:
            raise ValidationError(
                "the file has no product rows below the header", code="file_empty"
            )
        report.rows = len(rows)
        half = total // 2
        for row in rows:
            if not row.errors:
                _check_product_row(row)
            elif not row.values.get("sku_code"):
                row.values["sku_code"] = row.values.get("product_code", "")
        _flag_duplicates(rows, "sku_code", "SKU code")
        _flag_duplicates(rows, "barcodes", "barcode", multi=True)
        _flag_duplicates(rows, "plu", "PLU")
        # the file is read and checked: only now the database (a SQLite writer holds its lock
        # from the first statement to the commit)
        session = uow.session
        prefix = str(enterprise_settings(uow).get("weighed_prefix") or "")
        _check_weighed_prefix(rows, prefix)
        cat = _load_catalog(session, rows)
        plan = _Plan(cat, uow.clock.now())
        for i, row in enumerate(rows, start=1):
            if not row.errors:
                plan.add(row)
            if row.errors:
                report.rejected += 1
                report.errors.extend(row.errors)
            if i % 2000 == 0:
                yield Progress(half // 2 + (half // 2) * i // len(rows), total)
        report.errors.sort(key=lambda e: e.row)
        yield from plan.write(session, report, done=half, total=total)
        _audit(
            uow,
            actor,
            "product.import",
            filename,
            rows=report.rows,
            rejected=report.rejected,
            products_created=report.products_created,
            products_updated=report.products_updated,
            skus_created=report.skus_created,
            skus_updated=report.skus_updated,
        )
        uow.commit()
        return report
    except GeneratorExit:
        uow.rollback()
        raise
    except IntegrityError:
        uow.rollback()
        raise Conflict(
            "the catalog changed while the file was being imported: import it again",
            code="catalog_changed",
        ) from None


class _Plan:
    """The writes the good rows make, worked out row by row (a row that cannot be applied is
    refused with its reason), then written in bulk."""

    def __init__(self, cat: _Catalog, now: datetime) -> None:
        self.cat = cat
        self.now = now
        self.new_categories: list[dict] = []
        self.products: dict[str, dict] = {}  # product code -> the row as it will be
        self.product_first: dict[str, tuple[int, dict]] = {}  # code -> (row, product fields)
        self.new_products: set[str] = set()
        self.changed_products: set[str] = set()
        self.skus: dict[str, dict] = {}  # SKU code -> the row as it will be
        self.new_skus: set[str] = set()
        self.changed_skus: set[str] = set()
        self.barcodes_add: list[dict] = []
        self.barcodes_remove: list[dict] = []
        self.unchanged = 0

    # -- categories ----------------------------------------------------------------------------
    def _category_id(self, path: tuple[str, ...]) -> str:
        parent: str | None = None
        for level, name in enumerate(path, start=1):
            found = self.cat.children.get((parent, name))
            if found is None:
                found = str(new_id())
                siblings = sum(1 for (p, _n) in self.cat.children if p == parent)
                row = {
                    "id": found,
                    "parent_id": parent,
                    "name": name,
                    "level": level,
                    "sort_order": siblings,
                }
                self.new_categories.append(row)
                self.cat.children[(parent, name)] = found
                self.cat.categories[found] = row
            parent = found
        assert parent is not None
        return parent

    # -- one row -------------------------------------------------------------------------------
    def add(self, row: _Row) -> None:
        v = row.values
        pcode, scode = v["product_code"], v["sku_code"]

        refuse = row.refuse

        fields = {k: v[k] for k in _PRODUCT_FIELDS if k in v}
        first = self.product_first.get(pcode)
        if first is not None:
            line, seen = first
            for k, value in fields.items():
                if k in seen and seen[k] != value:
                    refuse(
                        k,
                        f"product {pcode}: differs from row {line} "
                        f"('{_shown(value)}' here, '{_shown(seen[k])}' there)",
                        "product_mismatch",
                    )
            if row.errors:
                return
        existing_sku = self.cat.skus.get(scode)
        existing_product = self.cat.products.get(pcode)
        if existing_sku is not None:
            owner = self.cat.sku_product_code.get(str(existing_sku["id"]), "")
            if owner != pcode:
                refuse(
                    "sku_code",
                    f"SKU code {scode} belongs to product {owner}",
                    "sku_other_product",
                )
                return
        sku_id = str(existing_sku["id"]) if existing_sku else None
        for code in v.get("barcodes") or ():
            holder = self.cat.barcode_owner.get(code)
            if holder is not None and holder != sku_id:
                refuse("barcodes", f"barcode {code} is already on another SKU", "barcode_taken")
        plu = v.get("plu")
        if plu and self.cat.plu_owner.get(plu) not in (None, sku_id):
            refuse("plu", f"PLU {plu} is already on another SKU", "plu_taken")
        price = v["price"] if v.get("price") is not None else (existing_sku or {}).get("price_fen")
        member = (
            v.get("member_price")
            if "member_price" in v
            else (existing_sku or {}).get("member_price_fen")
        )
        if price is not None and member is not None and member > price:
            refuse(
                "member_price",
                f"the member price {format_yuan(member)} is above the price {format_yuan(price)}",
                "member_price_above_price",
            )
        if row.errors:
            return

        # the product
        product = self.products.get(pcode)
        if product is None:
            if existing_product is not None:
                product = dict(existing_product)
            else:
                product = {
                    "id": str(new_id()),
                    "code": pcode,
                    "name": "",
                    "pinyin": "",
                    "category_id": None,
                    "unit": "件",
                    "kind": "goods",
                    "serial_tracked": False,
                    "status": "on",
                    "spec1_name": "",
                    "spec2_name": "",
                    "on_shelf_at": None,
                    "off_shelf_at": None,
                    "updated_at": self.now,
                }
            before = dict(product)
            self._apply_product(product, fields)
            if existing_product is None:
                self.new_products.add(pcode)
            elif _differs(before, product):
                product["updated_at"] = self.now
                self.changed_products.add(pcode)
            self.products[pcode] = product
            self.product_first[pcode] = (row.line, fields)
        # the SKU
        if existing_sku is not None:
            sku = dict(existing_sku)
        else:
            sku = {
                "id": str(new_id()),
                "product_id": product["id"],
                "code": scode,
                "spec1": "",
                "spec2": "",
                "price_fen": 0,
                "member_price_fen": None,
                "cost_fen": 0,
                "plu": None,
                "weighed": False,
                "status": "on",
                "updated_at": self.now,
            }
        before = dict(sku)
        for k in ("spec1", "spec2"):
            if k in v:
                sku[k] = v[k]
        if v.get("price") is not None:
            sku["price_fen"] = v["price"]
        if "member_price" in v:
            sku["member_price_fen"] = v["member_price"]
        if "cost" in v:
            sku["cost_fen"] = v["cost"] if v["cost"] is not None else 0
        if "weighed" in v:
            sku["weighed"] = bool(v["weighed"])
        if "plu" in v:
            sku["plu"] = v["plu"]
        if existing_sku is None:
            self.new_skus.add(scode)
        elif _differs(before, sku):
            sku["updated_at"] = self.now
            self.changed_skus.add(scode)
        self.skus[scode] = sku
        changed = pcode in self.new_products or scode in self.new_skus
        changed = changed or _differs(before, sku)
        # barcodes: the cell lists them all
        if "barcodes" in v:
            want = set(v["barcodes"] or ())
            have = self.cat.sku_barcodes.get(sku["id"], set()) if existing_sku else set()
            for code in sorted(want - have):
                self.barcodes_add.append({"code": code, "sku_id": sku["id"]})
            for code in sorted(have - want):
                self.barcodes_remove.append({"code": code, "sku_id": sku["id"]})
            changed = changed or want != have
        if not changed and pcode not in self.changed_products:
            self.unchanged += 1

    def _apply_product(self, product: dict, fields: dict) -> None:
        if fields.get("name"):
            if fields["name"] != product["name"]:
                product["pinyin"] = name_initials(fields["name"])
            product["name"] = fields["name"]
        if "category" in fields:
            path = fields["category"]
            product["category_id"] = self._category_id(path) if path else None
        if "unit" in fields:
            product["unit"] = fields["unit"] or "件"
        for key, default in (("kind", "goods"), ("status", "on")):
            if key in fields:
                product[key] = fields[key] or default
        if "serial_tracked" in fields:
            product["serial_tracked"] = bool(fields["serial_tracked"])
        for key in ("on_shelf_at", "off_shelf_at"):
            if key in fields:
                product[key] = fields[key]
        for key in ("spec1_name", "spec2_name"):
            if key in fields:
                product[key] = fields[key] or ""

    # -- writing -------------------------------------------------------------------------------
    def write(
        self, session, report: ProductImport, *, done: int, total: int
    ) -> Generator[Progress, None, None]:
        new_p = [self.products[c] for c in sorted(self.new_products)]
        upd_p = [self.products[c] for c in sorted(self.changed_products)]
        new_s = [self.skus[c] for c in sorted(self.new_skus)]
        upd_s = [self.skus[c] for c in sorted(self.changed_skus)]
        steps = [
            ("insert", Category, self.new_categories),
            ("insert", Product, new_p),
            ("update", Product, upd_p),
            ("insert", Sku, new_s),
            ("update", Sku, upd_s),
            ("delete", Barcode, self.barcodes_remove),
            ("insert", Barcode, self.barcodes_add),
        ]
        work = sum(len(rows) for _, _, rows in steps)
        written = 0
        if work:
            # head-office writers take the change log's lock before writing their rows
            changelog.lock_stream(session)
        conn = session.connection()
        for op, model, rows in steps:
            table = model.__table__
            for batch in _chunks(rows, BATCH):
                if op == "insert":
                    conn.execute(insert(table), batch)
                    changelog.record_many(session, table.name, batch, at=self.now)
                elif op == "update":
                    stmt = (
                        update(table)
                        .where(table.c.id == bindparam("pk_"))
                        .values(
                            {c.name: bindparam(c.name) for c in table.columns if c.name != "id"}
                        )
                    )
                    conn.execute(stmt, [{**r, "pk_": r["id"]} for r in batch])
                    changelog.record_many(session, table.name, batch, at=self.now)
                else:
                    for chunk in _chunks([r["code"] for r in batch]):
                        session.execute(delete(table).where(table.c.code.in_(chunk)))
                    changelog.record_many(session, table.name, batch, op="delete", at=self.now)
                written += len(batch)
                yield Progress(done + ((total - 1 - done) * written) // max(work, 1), total)
        report.categories_created = len(self.new_categories)
        report.products_created = len(new_p)
        report.products_updated = len(upd_p)
        report.skus_created = len(new_s)
        report.skus_updated = len(upd_s)
        report.barcodes_added = len(self.barcodes_add)
        report.barcodes_removed = len(self.barcodes_remove)
        report.unchanged = self.unchanged


def name_initials(name: str) -> str:
    """``pinyin.initials(name)``, word by word: a phrase never spans a space, so the answer is
    the same, and a catalog's repeated words (brands, kinds) are looked up once each."""
    return "".join(
        "".join(ch for ch in word.lower() if ch.isalnum()) if word.isascii() else initials(word)
        for word in name.split()
    )[:120]


def _differs(before: dict, after: dict) -> bool:
    return any(before.get(k) != after.get(k) for k in after if k != "updated_at")


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return "/".join(value)
    if isinstance(value, datetime):
        return value.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else str(value)


# -- export and template ---------------------------------------------------------------------------


def _export_cells(row: dict, paths: dict[str, str]) -> list[Any]:
    """A product row's cells in ``PRODUCT_COLUMNS`` order (money as Decimal yuan)."""

    def yuan(fen: int | None) -> Decimal | None:
        return None if fen is None else Decimal(int(fen)) / 100

    def when(value: datetime | None) -> str:
        if value is None:
            return ""
        local = value.astimezone(CHINA_TZ).replace(tzinfo=None)
        return local.isoformat(sep=" ")

    return [
        row["product_code"],
        row["name"],
        paths.get(str(row["category_id"]), "") if row["category_id"] is not None else "",
        row["unit"],
        _KIND_TEXT.get(row["kind"], row["kind"]),
        "是" if row["serial_tracked"] else "否",
        _STATUS_TEXT.get(row["status"], row["status"]),
        when(row["on_shelf_at"]),
        when(row["off_shelf_at"]),
        row["spec1_name"],
        row["spec1"],
        row["spec2_name"],
        row["spec2"],
        row["sku_code"],
        ",".join(row["barcodes"]),
        yuan(row["price_fen"]),
        yuan(row["member_price_fen"]),
        yuan(row["cost_fen"]),
        "是" if row["weighed"] else "否",
        row["plu"] or "",
    ]


def _category_paths(session) -> dict[str, str]:
    cats = {str(r.id): dict(r._mapping) for r in session.execute(select(Category.__table__))}
    out: dict[str, str] = {}
    for cid in cats:
        names: list[str] = []
        current: str | None = cid
        while current is not None and current in cats and len(names) < 10:
            names.append(cats[current]["name"])
            parent = cats[current]["parent_id"]
            current = str(parent) if parent is not None else None
        out[cid] = "/".join(reversed(names))
    return out


def export_products(
    uow: UnitOfWork, actor: Actor, path: str | Path, *, encoding: str = "utf-8-sig"
) -> Generator[Progress, None, int]:
    """Write every product (one row per SKU, in the template's columns) to ``path``: ``.xlsx``
    (a streamed write-only workbook) or ``.csv`` in ``encoding`` (``utf-8-sig`` for Excel,
    ``utf-8`` or ``gb18030``). Yields progress; returns the number of rows written. The file
    appears only when complete."""
    require(actor, Perm.MANAGE_CATALOG)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValidationError("export to a .xlsx or .csv file", code="export_format")
    if encoding.replace("_", "-").lower() not in ("utf-8-sig", "utf-8", "gb18030"):
        raise ValidationError("CSV encoding is utf-8-sig, utf-8 or gb18030", code="export_encoding")
    session = uow.session
    p, s, b = Product.__table__, Sku.__table__, Barcode.__table__
    total = int(session.scalar(select(func.count()).select_from(s)) or 0)
    yield Progress(0, total)
    paths = _category_paths(session)
    barcodes: dict[str, list[str]] = defaultdict(list)
    for code, sku_id in session.execute(select(b.c.code, b.c.sku_id).order_by(b.c.code)):
        barcodes[str(sku_id)].append(code)
    stmt = (
        select(
            p.c.code.label("product_code"),
            p.c.name,
            p.c.category_id,
            p.c.unit,
            p.c.kind,
            p.c.serial_tracked,
            p.c.status,
            p.c.on_shelf_at,
            p.c.off_shelf_at,
            p.c.spec1_name,
            p.c.spec2_name,
            s.c.id.label("sku_id"),
            s.c.code.label("sku_code"),
            s.c.spec1,
            s.c.spec2,
            s.c.price_fen,
            s.c.member_price_fen,
            s.c.cost_fen,
            s.c.weighed,
            s.c.plu,
        )
        .select_from(p.join(s, s.c.product_id == p.c.id))
        .order_by(p.c.code, s.c.code)
        .execution_options(yield_per=BATCH)
    )
    partial = path.with_name(path.name + ".partial")
    written = 0
    try:
        rows = session.execute(stmt)
        if suffix == ".csv":
            with partial.open("w", encoding=encoding, newline="", errors="strict") as fh:
                out = csv.writer(fh)
                out.writerow([c.header for c in PRODUCT_COLUMNS])
                for r in rows:
                    m = dict(r._mapping)
                    m["barcodes"] = barcodes.get(str(m["sku_id"]), [])
                    out.writerow(
                        ["" if v is None else _csv_value(v) for v in _export_cells(m, paths)]
                    )
                    written += 1
                    if written % BATCH == 0:
                        yield Progress(written, total)
        else:
            from openpyxl import Workbook

            wb = Workbook(write_only=True)
            ws = wb.create_sheet(PRODUCT_SHEETS[0])
            ws.append(_header_cells(ws))
            for r in rows:
                m = dict(r._mapping)
                m["barcodes"] = barcodes.get(str(m["sku_id"]), [])
                ws.append([_xlsx_value(ws, v) for v in _export_cells(m, paths)])
                written += 1
                if written % BATCH == 0:
                    yield Progress(written, total)
            wb.save(partial)
        partial.replace(path)
    except UnicodeEncodeError as exc:
        raise ValidationError(
            f"a product's text cannot be written in {encoding} ({exc.object[exc.start : exc.end]!r}):"
            " export as UTF-8",
            code="export_encoding",
        ) from None
    finally:
        partial.unlink(missing_ok=True)
    yield Progress(total, total)
    return written


def _csv_value(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xlsx_value(ws, value: Any) -> Any:
    """A value for a write-only sheet: text that starts like a formula is written as text."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = _ILLEGAL_XML.sub("", value)
        if value.startswith("="):
            from openpyxl.cell import WriteOnlyCell

            cell = WriteOnlyCell(ws, value)
            cell.data_type = "s"
            return cell
    return value


def _header_cells(ws) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    out = []
    for col in PRODUCT_COLUMNS:
        cell = WriteOnlyCell(ws, col.header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        out.append(cell)
    return out


def write_template(path: str | Path, kind: str = "products") -> Path:
    """The downloadable template: ``.xlsx`` (header row, an example row, a notes sheet) or
    ``.csv`` (header row and the example row, UTF-8 with BOM). ``kind``: ``products`` or
    ``opening`` (opening stock)."""
    if kind not in ("products", "opening"):
        raise ValueError(f"unknown template {kind!r}")
    path = Path(path)
    columns = PRODUCT_COLUMNS if kind == "products" else OPENING_COLUMNS
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh)
            out.writerow([c.header for c in columns])
            out.writerow([c.example for c in columns])
        return path
    if suffix != ".xlsx":
        raise ValidationError("a template is a .xlsx or .csv file", code="export_format")
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = PRODUCT_SHEETS[0] if kind == "products" else OPENING_SHEETS[0]
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, col in enumerate(columns, start=1):
        head = ws.cell(row=1, column=i, value=col.header)
        head.font = bold
        head.fill = fill
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(12, min(40, len(col.header) * 2))
        example = ws.cell(row=2, column=i, value=col.example or None)
        if col.kind in ("code", "barcodes", "plu", "text", "category", "serials"):
            example.number_format = "@"  # typed codes and barcodes stay text
            for r in range(3, 1003):
                ws.cell(row=r, column=i).number_format = "@"
    ws.freeze_panes = "A2"
    notes = wb.create_sheet(NOTES_SHEET)
    notes.append(["列 (column)", "必填", "说明"])
    for c in notes[1]:
        c.font = bold
        c.fill = fill
    for col in columns:
        notes.append([col.header, "是" if col.required else "", col.note])
    notes.append([])
    general = (
        [
            "第 1 行是表头（中文名加英文键，只写其一也可以），第 2 行是示例：导入前请删除或改写示例行。",
            "每个 SKU 一行；同一商品的多行，商品名称、分类、单位等商品信息须一致。",
            "已有的商品编码 / SKU 编码会被更新；表里没有的列保持原样。空行会跳过。",
            "金额单位为元，最多两位小数；不要用公式、合并单元格；编码和条码请设为文本格式。",
            "CSV 文件请存为 UTF-8（或 GB18030）编码。最多 200000 行。",
            "有错误的行不会导入，其余行照常导入；错误报告会列出行号、列和原因。",
        ]
        if kind == "products"
        else [
            "第 1 行是表头，第 2 行是示例：导入前请删除或改写示例行。",
            "期初库存按仓库 + SKU 各记一次；同一文件不能重复导入，已有期初库存的 SKU 不会再次入库。",
            "有错误的行不会导入，其余行照常入库；错误报告会列出行号、列和原因。",
        ]
    )
    for text in general:
        notes.append(["", "", text])
    notes.column_dimensions["A"].width = 28
    notes.column_dimensions["B"].width = 6
    notes.column_dimensions["C"].width = 90
    for row in notes.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    partial = path.with_name(path.name + ".partial")
    try:
        wb.save(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def write_errors(errors: list[RowError], path: str | Path) -> Path:
    """The error report as ``.csv`` (UTF-8 with BOM) or ``.xlsx``: row, column, reason."""
    path = Path(path)
    header = ["行号 (row)", "列 (column)", "原因 (reason)"]
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("错误")
        ws.append(header)
        for e in errors:
            ws.append([e.row, _xlsx_value(ws, e.column), _xlsx_value(ws, e.reason)])
        wb.save(path)
        return path
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        for e in errors:
            out.writerow([e.row, e.column, e.reason])
    return path


# -- opening stock ---------------------------------------------------------------------------------


def _opening_readers() -> dict[str, Callable[[Cell], Any]]:
    cols = {c.key: c for c in OPENING_COLUMNS}
    return {
        "warehouse": lambda cell: _code(cell, cols["warehouse"].max_len),
        "sku": lambda cell: _code(cell, cols["sku"].max_len),
        "quantity": _quantity,
        "unit_cost": lambda cell: _money(cell, cols["unit_cost"]),
        "serials": _serials,
    }


def batch_id(data: bytes) -> str:
    """An opening-stock batch's id: the SHA-256 of the file's bytes."""
    return hashlib.sha256(data).hexdigest()


def import_opening_stock(
    uow: UnitOfWork,
    actor: Actor,
    source: str | Path | bytes,
    *,
    filename: str = "",
) -> Generator[Progress, None, OpeningImport]:
    """Post opening stock from an .xlsx or CSV file through the ledger, as one batch.

    The same file twice is refused (``Conflict``, code ``duplicate_batch``) and changes
    nothing; a (warehouse, SKU) that already has opening stock is refused row by row."""
    require(actor, Perm.MANAGE_STOCK)
    if not filename and not isinstance(source, bytes | bytearray):
        filename = Path(source).name
    data = _load(source)
    report = OpeningImport(batch=batch_id(data))
    session = uow.session
    try:
        earlier = session.execute(
            select(StockMovement.at)
            .where(StockMovement.doc_type == "opening", StockMovement.doc_id == report.batch)
            .limit(1)
        ).first()
        if earlier is not None:
            at = earlier[0].astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
            raise Conflict(
                f"this file was imported already (batch {report.batch[:12]}, {at}): "
                "nothing was posted again",
                code="duplicate_batch",
                batch=report.batch,
            )
        yield Progress(0, 0)
        sheet = yield from _read(data, filename, OPENING_SHEETS)

        def blank() -> None:
            report.blank += 1

        rows, total = yield from _parse_rows(sheet, OPENING_COLUMNS, _opening_readers(), blank)
        del sheet
        if not rows:
            raise ValidationError("the file has no stock rows below the header", code="file_empty")
        report.rows = len(rows)
        half = total // 2
        now = uow.clock.now()
        good = _check_opening(uow, actor, rows)
        for row in rows:
            if row.errors:
                report.rejected += 1
                report.errors.extend(row.errors)
        report.errors.sort(key=lambda e: e.row)
        yield Progress(half, total)
        posted = 0
        for chunk in _chunks(good, 500):
            movements = []
            for row, wh_id, sku in chunk:
                v = row.values
                if v.get("serials"):
                    serial_units.move(uow, sku["id"], list(v["serials"]), wh_id, "in", now)
                movements.append(
                    ledger.movement(
                        warehouse_id=wh_id,
                        sku_id=sku["id"],
                        qty_milli=v["quantity"],
                        kind="opening",
                        doc_type="opening",
                        doc_id=report.batch,
                        line_key=str(row.line),
                        at=now,
                        unit_cost_fen=v["unit_cost"]
                        if v.get("unit_cost") is not None
                        else int(sku["cost_fen"] or 0),
                        created_by=actor.staff_id,
                    )
                )
            ledger.post(session, movements, now)
            posted += len(chunk)
            yield Progress(half + ((total - 1 - half) * posted) // max(len(good), 1), total)
        report.posted = posted
        _audit(
            uow,
            actor,
            "stock.import_opening",
            report.batch[:16],
            rows=report.rows,
            rejected=report.rejected,
            posted=posted,
        )
        uow.commit()
        return report
    except GeneratorExit:
        uow.rollback()
        raise


def _audit(uow: UnitOfWork, actor: Actor, action: str, target: str, **detail: object) -> None:
    """An import is a head-office change: who imported what, and what it did."""
    uow.session.add(
        AuditEntry(
            id=str(new_id()),
            at=uow.clock.now(),
            store_id=None,
            actor_id=actor.staff_id,
            action=action,
            target=(target or "")[:120],
            detail=detail,
        )
    )


def _check_opening(uow: UnitOfWork, actor: Actor, rows: list[_Row]) -> list[tuple[_Row, str, dict]]:
    """Resolve warehouses and SKUs and check each row; the good rows with their warehouse id
    and SKU (a refused row gets its ``RowError``s)."""
    session = uow.session
    p, s, b = Product.__table__, Sku.__table__, Barcode.__table__

    def refuse(row: _Row, key: str, reason: str, code: str) -> None:
        row.refuse(key, reason, code)

    # warehouses, once per code
    warehouses: dict[str, tuple[Warehouse | None, str, str]] = {}
    for row in rows:
        code = (row.values.get("warehouse") or "").upper()
        if not code or code in warehouses:
            continue
        try:
            wh = inventory.warehouse_by_code(uow, None, code)
            if Role.ADMIN not in actor.roles and (
                wh.store_id is None or wh.store_id not in actor.store_ids
            ):
                warehouses[code] = (
                    None,
                    f"{actor.name} ({actor.account}) may not work on warehouse {wh.code}",
                    "warehouse_not_allowed",
                )
            else:
                warehouses[code] = (wh, "", "")
        except DomainError as exc:
            warehouses[code] = (None, exc.message, exc.code)
    # SKUs by SKU code, barcode, or single-SKU product code
    codes = {r.values.get("sku") for r in rows} - {None, ""}
    by_code = {r["code"]: r for r in _rows_in(session, s, s.c.code, codes)}
    by_barcode = {r["code"]: str(r["sku_id"]) for r in _rows_in(session, b, b.c.code, codes)}
    more = set(by_barcode.values()) - {str(x["id"]) for x in by_code.values()}
    by_id = {str(r["id"]): r for r in _rows_in(session, s, s.c.id, more)}
    by_id.update({str(x["id"]): x for x in by_code.values()})
    products_by_code = {r["code"]: r for r in _rows_in(session, p, p.c.code, codes)}
    product_skus: dict[str, list[dict]] = defaultdict(list)
    for r in _rows_in(session, s, s.c.product_id, [x["id"] for x in products_by_code.values()]):
        product_skus[str(r["product_id"])].append(r)
        by_id.setdefault(str(r["id"]), r)
    products = {
        str(r["id"]): r
        for r in _rows_in(session, p, p.c.id, {str(x["product_id"]) for x in by_id.values()})
    }

    resolved: list[tuple[_Row, str, dict]] = []
    for row in rows:
        v = row.values
        if row.errors:
            continue
        code = (v.get("warehouse") or "").upper()
        if not code:
            refuse(row, "warehouse", "required", "required")
        if not v.get("sku"):
            refuse(row, "sku", "required", "required")
        if v.get("quantity") is None:
            refuse(row, "quantity", "required", "required")
        if row.errors:
            continue
        wh, reason, why = warehouses[code]
        if wh is None:
            refuse(row, "warehouse", reason, why)
        text = v["sku"]
        sku = by_code.get(text) or by_id.get(by_barcode.get(text, ""))
        if sku is None and text in products_by_code:
            choices = product_skus.get(str(products_by_code[text]["id"]), [])
            if len(choices) == 1:
                sku = choices[0]
            elif choices:
                refuse(
                    row,
                    "sku",
                    f"product {text} has {len(choices)} SKUs: give the SKU code",
                    "ambiguous_product",
                )
                continue
        if sku is None:
            refuse(row, "sku", f"no SKU, product or barcode {text}", "unknown_sku")
        if row.errors or wh is None or sku is None:
            continue
        product = products[str(sku["product_id"])]
        qty = v["quantity"]
        if product["kind"] == "service":
            refuse(row, "sku", f"{product['name']} is a service: it has no stock", "service_stock")
        fractional_ok = (
            product["kind"] == "goods"
            and not product["serial_tracked"]
            and (sku["weighed"] or product["unit"].strip().lower() == "kg")
        )
        if qty % 1000 and not fractional_ok:
            refuse(
                row,
                "quantity",
                f"{product['name']} is counted in whole units",
                "quantity_fractional",
            )
        serials = v.get("serials") or ()
        if product["serial_tracked"]:
            if len(serials) * 1000 != qty:
                refuse(
                    row,
                    "serials",
                    f"{product['name']} is serial-tracked: give one serial number per unit "
                    f"({qty // 1000} needed, {len(serials)} given)",
                    "serials_missing",
                )
            elif len(set(serials)) != len(serials):
                refuse(row, "serials", "a serial number is given twice", "serial_duplicate")
        elif serials:
            refuse(row, "serials", f"{product['name']} is not serial-tracked", "serials_unexpected")
        if not row.errors:
            row.values["_key"] = f"{wh.id}:{sku['id']}"
            resolved.append((row, str(wh.id), sku))

    # one opening per warehouse and SKU: in this file, and across earlier files
    counts = Counter(r.values["_key"] for r, _, _ in resolved)
    lines: dict[str, list[int]] = defaultdict(list)
    for r, _, _ in resolved:
        lines[r.values["_key"]].append(r.line)
    earlier: dict[tuple[str, str], tuple[str, str]] = {}
    m = StockMovement.__table__
    for chunk in _chunks({sku["id"] for _, _, sku in resolved}):
        for wh_id, sku_id, doc_id, line_key in session.execute(
            select(m.c.warehouse_id, m.c.sku_id, m.c.doc_id, m.c.line_key).where(
                m.c.kind == "opening", m.c.sku_id.in_(chunk)
            )
        ):
            earlier.setdefault((str(wh_id), str(sku_id)), (doc_id, line_key))
    serial_seen: dict[tuple[str, str], int] = {}
    good: list[tuple[_Row, str, dict]] = []
    for row, wh_id, sku in resolved:
        key = row.values["_key"]
        if counts[key] > 1:
            others = ", ".join(str(n) for n in lines[key] if n != row.line)
            refuse(
                row,
                "sku",
                f"{sku['code']} in {row.values['warehouse'].upper()} is in the file more than "
                f"once (also row {others})",
                "duplicate_in_file",
            )
            continue
        done = earlier.get((wh_id, str(sku["id"])))
        if done is not None:
            refuse(
                row,
                "sku",
                f"{sku['code']} already has opening stock in {row.values['warehouse'].upper()} "
                f"(batch {done[0][:12]}, row {done[1]})",
                "opening_exists",
            )
            continue
        serials = row.values.get("serials") or ()
        if serials:
            clash = [
                u.serial_no
                for u in session.scalars(
                    select(SerialUnit).where(
                        SerialUnit.sku_id == sku["id"],
                        SerialUnit.serial_no.in_(serials),
                        SerialUnit.state == "in_stock",
                    )
                )
            ]
            for sn in serials:
                if (str(sku["id"]), sn) in serial_seen:
                    clash.append(sn)
            if clash:
                refuse(
                    row,
                    "serials",
                    f"serial number {clash[0]} is already in stock",
                    "serial_in_stock",
                )
                continue
            for sn in serials:
                serial_seen[(str(sku["id"]), sn)] = row.line
        good.append((row, wh_id, sku))
    return good
