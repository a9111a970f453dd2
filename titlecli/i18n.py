"""The user's language: Chinese first, English with --lang en (or TITLECLI_LANG=en, or an
English locale), and the small pieces of English grammar the messages need."""

from __future__ import annotations

import os

_lang = "zh"


def set_lang(lang: str) -> None:
    global _lang
    _lang = "en" if str(lang).lower().startswith("en") else "zh"


def lang() -> str:
    return _lang


# `titlecli --lang en COMMAND`: the language of a command that is given no --lang of its own.
_root_lang: str | None = None


def set_root_lang(lang: str | None) -> None:
    global _root_lang
    _root_lang = lang


def root_lang() -> str | None:
    return _root_lang


def t(zh: str, en: str) -> str:
    """Pick the text for the current language."""
    return en if _lang == "en" else zh


def capital(text: str) -> str:
    """A text that starts a line (a heading, a list item, a table cell) as the language writes
    it: in English with a capital first letter ("bachelor's or higher" → "Bachelor's or higher",
    "⚠ the check date …" → "⚠ The check date …"); Chinese as it is."""
    if _lang != "en":
        return text
    for i, ch in enumerate(text):  # past the marks a line starts with: "⚠ the …", "• bachelor's …", "① review"
        if ch.isalpha() or ch.isdecimal():
            return text[:i] + ch.upper() + text[i + 1 :] if "a" <= ch <= "z" else text
    return text


def listed(items: list[str]) -> str:
    """Names as a sentence lists them: 工程、经济 / "engineering and economics", "a, b and c"."""
    if _lang != "en":
        return "、".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}" if len(items) > 1 else "".join(items)


def env_lang(environ: dict | None = None) -> str:
    """The language a user asked for before any option is read: TITLECLI_LANG, else the
    locale (LC_ALL, LC_MESSAGES, LANG: en_US.UTF-8 is English); Chinese otherwise — a Chinese
    user's terminal often says C or POSIX."""
    env = os.environ if environ is None else environ
    own = env.get("TITLECLI_LANG", "").strip().lower()
    if own:
        return "en" if own.startswith("en") else "zh"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "").strip().lower()
        if value:
            return "en" if value.startswith("en") else "zh"
    return "zh"


# ---------------------------------------------------------------------- English grammar


def an(phrase: str) -> str:
    """The phrase with its indefinite article: "an assistant-level title", "a senior title"."""
    first = phrase.lstrip()[:1].lower()
    word = phrase.lstrip().split(" ")[0].lower()
    vowel = first in "aeiou" and not word.startswith(("uni", "use", "one", "eu"))
    return f"{'an' if vowel or word in ('hour', 'honorary') else 'a'} {phrase}"


def plural(n: int | float, singular: str, many: str | None = None) -> str:
    """`1 qualifying achievement`, `2 qualifying achievements`, `0 papers`."""
    word = singular if n == 1 else (many or _plural(singular))
    return f"{n:g} {word}" if isinstance(n, float) else f"{n} {word}"


def _plural(word: str) -> str:
    head, _, last = word.rpartition(" ")
    if last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "o", "u"):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last
