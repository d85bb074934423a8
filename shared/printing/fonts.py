"""Finding and registering a TrueType Chinese font for PDFs.

reportlab embeds only TrueType outlines: ``.ttf`` and ``.ttc`` files whose fonts are not CFF
("OTTO"). Noto CJK (``.otf``/``.ttc`` with PostScript outlines) and the built-in ``STSong-Light``
(never embedded) do not give a PDF that shows Chinese everywhere.

Search order: ``resources/fonts/`` of the project (or of a PyInstaller bundle), then the file
named by ``STOREDESK_CJK_FONT`` (``path`` or ``path#subfont``), then known system locations.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from shared.domain.errors import ConfigurationError

ENV_VAR = "STOREDESK_CJK_FONT"
PDF_FONT_NAME = "StoreDeskCJK"
_FONT_SUFFIXES = (".ttf", ".ttc")
_PROBE = "中"


@dataclass(frozen=True)
class FontSpec:
    path: str
    subfont_index: int = 0


def _system_candidates() -> list[Path]:
    windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    return [
        Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
        Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
        Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
        Path("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc"),
        Path("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc"),
        Path("/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc"),
        Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
        Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
        windir / "simhei.ttf",
        windir / "simsun.ttc",
        windir / "msyh.ttc",
        Path("/System/Library/Fonts/STHeiti Light.ttc"),
        Path("/Library/Fonts/Arial Unicode.ttf"),
        Path("/System/Library/Fonts/Supplemental/Arial Unicode.ttf"),
    ]


def _resource_dirs() -> list[Path]:
    dirs = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        dirs.append(Path(bundle) / "resources" / "fonts")
    dirs.append(Path(__file__).resolve().parents[2] / "resources" / "fonts")
    return dirs


def has_truetype_outlines(path: Path) -> bool:
    """True for a TrueType font or collection; False for CFF/PostScript (``OTTO``) or non-fonts."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
            if head[:4] == b"ttcf":
                first = int.from_bytes(head[12:16], "big")
                f.seek(first)
                head = f.read(4)
    except OSError:
        return False
    return head[:4] in (b"\x00\x01\x00\x00", b"true")


def find_cjk_font() -> FontSpec:
    """The first usable TrueType CJK font, or ``ConfigurationError`` saying what to install."""
    for folder in _resource_dirs():
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() in _FONT_SUFFIXES and has_truetype_outlines(path):
                    return FontSpec(str(path))
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured:
        return _from_env(configured)
    for path in _system_candidates():
        if path.is_file() and has_truetype_outlines(path):
            return FontSpec(str(path))
    raise ConfigurationError(
        "No TrueType Chinese font found for PDF receipts. Install fonts-wqy-microhei "
        "(apt-get install fonts-wqy-microhei), copy a .ttf/.ttc Chinese font into "
        f"resources/fonts/, or set {ENV_VAR} to its path. Noto CJK .otf fonts cannot be "
        "embedded (PostScript outlines).",
        code="cjk_font_missing",
    )


def _from_env(value: str) -> FontSpec:
    path, _, index = value.partition("#")
    if index and not index.isdigit():
        raise ConfigurationError(
            f"{ENV_VAR}={value!r}: the part after '#' must be a subfont number",
            code="cjk_font_invalid",
        )
    if not Path(path).is_file():
        raise ConfigurationError(
            f"{ENV_VAR} names {path!r}, which is not a file", code="cjk_font_invalid"
        )
    if not has_truetype_outlines(Path(path)):
        raise ConfigurationError(
            f"{ENV_VAR} names {path!r}, which is not a TrueType font (.ttf/.ttc); "
            "PostScript-outline fonts such as Noto CJK .otf cannot be embedded",
            code="cjk_font_invalid",
        )
    return FontSpec(path, int(index or 0))


_lock = threading.Lock()
_registered: dict[FontSpec, str] = {}


def register_cjk_font(spec: FontSpec | None = None) -> str:
    """Register the CJK font with reportlab (once per font) and return its reportlab name."""
    spec = spec or find_cjk_font()
    with _lock:
        if spec in _registered:
            return _registered[spec]
        name = PDF_FONT_NAME if not _registered else f"{PDF_FONT_NAME}{len(_registered)}"
        try:
            font = TTFont(name, spec.path, subfontIndex=spec.subfont_index)
        except (TTFError, OSError) as exc:
            raise ConfigurationError(
                f"cannot load font {spec.path} (subfont {spec.subfont_index}): {exc}",
                code="cjk_font_invalid",
            ) from exc
        if ord(_PROBE) not in font.face.charToGlyph:
            raise ConfigurationError(
                f"font {spec.path} has no Chinese characters", code="cjk_font_invalid"
            )
        pdfmetrics.registerFont(font)
        _registered[spec] = name
        return name
