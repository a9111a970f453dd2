"""The user's language: Chinese first, English with --lang en."""

from __future__ import annotations

_lang = "zh"


def set_lang(lang: str) -> None:
    global _lang
    _lang = "en" if str(lang).lower().startswith("en") else "zh"


def lang() -> str:
    return _lang


def t(zh: str, en: str) -> str:
    """Pick the text for the current language."""
    return en if _lang == "en" else zh
