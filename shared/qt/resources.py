"""Finding the ``resources/`` folder: next to the source tree, or inside a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """``resources/`` of the repository, or of the bundle (``sys._MEIPASS``) when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def styles_dir() -> Path:
    return resources_dir() / "styles"


def load_stylesheet(name: str) -> str:
    """The text of ``resources/styles/<name>``, or ``""`` when it is missing."""
    path = styles_dir() / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""
