"""Installing the interface language (Simplified Chinese by default, English on request).

StoreDesk's strings are English in the source and translated through ``storedesk_<lang>.qm`` in
``resources/translations``; Qt's own strings (context menus, standard buttons) through the
``qtbase_<lang>.qm`` that ships with PySide6.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from shared.qt.resources import translations_dir

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
_MARK = "storedesk-translator"


def normalise_language(language: str | None) -> str:
    """``zh``/``zh-CN``/``zh_CN`` -> ``zh_CN``; ``en``/``en_US`` -> ``en``; else the default."""
    text = (language or "").strip().replace("-", "_")
    if text.lower().startswith("en"):
        return "en"
    if text.lower().startswith("zh") or not text:
        return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def qm_path(language: str, directory: Path | None = None) -> Path:
    return (directory or translations_dir()) / f"storedesk_{language}.qm"


def install_translator(
    app: QCoreApplication, language: str | None, *, directory: Path | None = None
) -> str:
    """Install the translators for ``language`` on ``app``, replacing any installed before.

    Returns the language installed. A missing ``.qm`` leaves the English source strings.
    """
    lang = normalise_language(language)
    for old in app.findChildren(QTranslator):
        if old.objectName() == _MARK:
            app.removeTranslator(old)
            old.deleteLater()
    QLocale.setDefault(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        if lang == "zh_CN"
        else QLocale(QLocale.Language.English)
    )
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for path in (Path(qt_dir) / f"qtbase_{lang}.qm", qm_path(lang, directory)):
        translator = QTranslator(app)
        translator.setObjectName(_MARK)
        if path.is_file() and translator.load(str(path)):
            app.installTranslator(translator)
        else:
            translator.deleteLater()
    return lang
