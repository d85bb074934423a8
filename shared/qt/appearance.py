"""The look both windows share: interface language, a Chinese-capable font, a stylesheet."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from shared.qt.i18n import install_translator, normalise_language
from shared.qt.resources import load_stylesheet

# Chinese-capable UI fonts, best first; the first one installed is used
UI_FONTS = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
)


def apply_look(app: QApplication, language: str | None, *, stylesheet: str, point_size: int) -> str:
    """Install the translator, font and stylesheet on ``app``. Returns the language installed."""
    lang = install_translator(app, normalise_language(language))
    families = set(QFontDatabase.families())
    for family in UI_FONTS:
        if family in families:
            font = QFont(family)
            font.setPointSize(point_size)
            app.setFont(font)
            break
    app.setStyleSheet(load_stylesheet(stylesheet))
    return lang
