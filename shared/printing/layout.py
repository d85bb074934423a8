"""Text layout by printer columns.

A receipt printer in GB18030 mode prints an ASCII character in one column and a Chinese character
(any double-byte character) in two. Python's ``:<12`` counts characters, not columns, so every
width here is a *display width*: East Asian wide, fullwidth and ambiguous characters
(``unicodedata.east_asian_width`` W, F, A: 汉字, ￥, ：, ×, ·) count two columns; combining marks
count none. Ambiguous characters count two because GB18030 encodes them as double-byte characters,
which the printer prints full width.

Font A on 58 mm paper holds 32 columns, on 80 mm paper 48.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

PAPER_COLUMNS = {58: 32, 80: 48}

_WIDE = frozenset({"W", "F", "A"})


def columns_for_paper(paper_mm: int) -> int:
    """Font A columns for a paper width: 58 -> 32, 80 -> 48."""
    try:
        return PAPER_COLUMNS[paper_mm]
    except KeyError:
        raise ValueError(f"paper width must be 58 or 80 mm, not {paper_mm!r}") from None


def clean_text(text: str, *, keep_newlines: bool = False) -> str:
    """Printable form of document text.

    Control characters are dropped (a product name must never smuggle an ESC/POS command), tabs
    and line breaks become spaces, and the half-width ``¥`` becomes ``￥``, which every GB18030
    printer prints.
    """
    out = []
    for ch in str(text).replace("\r\n", "\n"):
        if ch == "\n" and keep_newlines:
            out.append(ch)
        elif ch in "\t\n\r":
            out.append(" ")
        elif ch == "¥":
            out.append("￥")
        elif unicodedata.category(ch) not in ("Cc", "Cf"):
            out.append(ch)
    return "".join(out)


def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cc", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in _WIDE else 1


def display_width(text: str) -> int:
    """Columns ``text`` takes on the printer."""
    return sum(char_width(ch) for ch in text)


def truncate(text: str, width: int) -> str:
    """The longest prefix of ``text`` that fits in ``width`` columns."""
    used = 0
    for i, ch in enumerate(text):
        used += char_width(ch)
        if used > width:
            return text[:i]
    return text


def pad(text: str, width: int, align: str = "left") -> str:
    """``text`` truncated to ``width`` columns and padded with spaces to exactly ``width``."""
    text = truncate(text, max(width, 0))
    room = max(width, 0) - display_width(text)
    if align == "right":
        return " " * room + text
    if align == "center":
        left = room // 2
        return " " * left + text + " " * (room - left)
    return text + " " * room


def center(text: str, width: int) -> str:
    return pad(text, width, "center").rstrip()


def wrap(text: str, width: int) -> list[str]:
    """Split ``text`` into lines of at most ``width`` columns.

    Chinese breaks between any two characters; a Latin word is kept whole when a space before it
    allows; a word longer than a line (a card key) is cut hard. ``\\n`` starts a new line.
    """
    if width < 2:
        raise ValueError("wrap width must be at least 2 columns")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width))
    return lines


def _wrap_paragraph(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current, used = "", 0
    for ch in text:
        w = char_width(ch)
        if used + w > width:
            if ch == " ":
                lines.append(current.rstrip())
                current, used = "", 0
                continue
            cut = _last_break(current) if w == 1 else len(current)
            lines.append(current[:cut].rstrip())
            current = current[cut:]
            used = display_width(current)
        if not current and ch == " " and lines:
            continue
        current += ch
        used += w
    lines.append(current.rstrip())
    return lines


def _last_break(text: str) -> int:
    """Where to break ``text`` so its trailing Latin word or number moves whole to the next line:
    after a space or a wide character. ``len(text)`` when there is no such place."""
    for i in range(len(text), 0, -1):
        if text[i - 1] == " " or char_width(text[i - 1]) == 2:
            return i
    return len(text)


@dataclass(frozen=True)
class Cell:
    """A piece of text placed in columns ``start`` .. ``start + width`` of a printed line."""

    text: str
    start: int
    width: int
    align: str = "left"


def fit_row(
    texts: list[str] | tuple[str, ...],
    widths: list[int] | tuple[int, ...],
    aligns: list[str] | tuple[str, ...] | None = None,
    *,
    gap: int = 1,
) -> tuple[Cell, ...]:
    """Place ``texts`` into columns of ``widths`` (default: first left-aligned, the rest right).

    Cells after the first keep ``gap`` blank columns before their text. A cell whose text does not
    fit borrows columns from its left neighbour (usually padding), so an amount is never cut;
    what still does not fit is truncated, starting with the leftmost cell.
    """
    if len(texts) != len(widths):
        raise ValueError("one width per text")
    aligns = aligns or ["left"] + ["right"] * (len(texts) - 1)
    sized = list(widths)
    for i in range(len(texts) - 1, 0, -1):
        need = display_width(texts[i]) + gap
        if need > sized[i]:
            borrowed = min(need - sized[i], max(sized[i - 1], 0))
            sized[i] += borrowed
            sized[i - 1] -= borrowed
    cells = []
    start = 0
    for i, (text, width, align) in enumerate(zip(texts, sized, aligns, strict=True)):
        lead = min(gap, width) if i else 0
        inner = max(width - lead, 0)
        cells.append(Cell(truncate(text, inner), start + lead, inner, align))
        start += width
    return tuple(cells)


def join_cells(cells: tuple[Cell, ...] | list[Cell]) -> str:
    """The printed line for ``cells``, trailing blanks removed."""
    out: list[str] = []
    column = 0
    for cell in cells:
        out.append(" " * max(cell.start - column, 0))
        out.append(pad(cell.text, cell.width, cell.align))
        column = cell.start + cell.width
    return "".join(out).rstrip()


def row(
    texts: list[str] | tuple[str, ...],
    widths: list[int] | tuple[int, ...],
    aligns: list[str] | tuple[str, ...] | None = None,
) -> str:
    """A multi-column line, e.g. ``row(["散装苹果", "0.523kg", "12.80", "6.69"], (20, 9, 9, 10))``."""
    return join_cells(fit_row(texts, widths, aligns))


def two_column_cells(left: str, right: str, width: int) -> tuple[Cell, ...]:
    right_width = min(display_width(right) + 1, width)
    return fit_row([left, right], [width - right_width, right_width])


def two_column(left: str, right: str, width: int) -> str:
    """``left`` at the start and ``right`` flush with the end of a ``width``-column line."""
    return join_cells(two_column_cells(left, right, width))
