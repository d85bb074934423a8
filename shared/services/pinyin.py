"""Pinyin initials for counter search: 可口可乐 -> "kkkl"; letters and digits kept as they are."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin


@lru_cache(maxsize=65536)
def initials(text: str) -> str:
    out = []
    for part in lazy_pinyin(text, style=Style.FIRST_LETTER, errors=lambda s: list(s)):
        out.append(part.lower())
    return "".join(ch for ch in "".join(out) if ch.isalnum())[:120]
