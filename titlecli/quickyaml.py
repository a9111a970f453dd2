"""A small reader for the plain YAML that profiles are written in, for a cached check.

Importing PyYAML costs a sixth of what starting the command-line framework does.  A profile the
cache has seen validated (titlecli.cache) must still be read again — the cache keeps nothing
from it — so it is read here first: block mappings and lists, one-line flow mappings and lists,
plain, 'single-' and "double-quoted" scalars, comments.  Anything else (anchors, tags, block
scalars, multi-line scalars, numbers written in hex or with underscores …) raises Unsupported.

It is never trusted on its own: the cache records a keyed digest of what PyYAML read from the
same text, and what this reader gives is used only when its digest is the same (profile.py).
So a case it reads differently costs a PyYAML import, never a wrong answer.
"""

from __future__ import annotations

import re
from typing import Any

from .patterns import compiled


class Unsupported(Exception):
    """Outside what this reader knows: read the text with PyYAML."""


# PyYAML's SafeLoader resolvers for plain scalars (YAML 1.1), less timestamps (titlecli.yamlio).
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
}
# Numbers as PyYAML's resolvers see them; of those, only the plain forms are read here.  Compiled
# only for a scalar _number cannot settle with str methods (~0.9 ms to compile: most profiles
# have none — a date, a phone number or 3200 is settled without it).
_YAML_NUMBER = r"""[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
    |[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"""
_INT = r"[-+]?(?:0|[1-9][0-9]*)"
_FLOAT = r"[-+]?[0-9]+\.[0-9]+"
# Every character any of _YAML_NUMBER's forms may hold.
_NUMBER_CHARS = frozenset("0123456789_.:+-eEbxabcdefABCDEFinINaA")
# What a plain scalar may not start with (YAML indicators).
_INDICATORS = tuple("-?:,[]{}#&*!|>'\"%@`<=")
_KEY = compiled(r"""(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s'"#][^#]*?)\s*:(?:\s+|$)(?P<rest>.*)""")


def load(text: str) -> Any:
    lines = []
    for n, raw in enumerate(text.split("\n"), start=1):
        if "\t" in raw or "\r" in raw:
            raise Unsupported(f"line {n}: tab or carriage return")
        body = _strip_comment(raw).rstrip()
        if not body.strip():
            continue
        if body.startswith(("---", "...", "%")):
            raise Unsupported(f"line {n}: document marker or directive")
        lines.append((len(body) - len(body.lstrip(" ")), body.strip()))
    if not lines:
        return None
    value, end = _block(lines, 0, lines[0][0])
    if end != len(lines):
        raise Unsupported("text after the document")
    return value


def _strip_comment(line: str) -> str:
    """The line without its comment: a # at the start or after a space, outside quotes."""
    if "#" not in line:  # most lines: nothing to look for
        return line
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"" and (i == 0 or line[i - 1] in " [{,:-"):
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] == " "):
            return line[:i]
    return line


def _block(lines: list[tuple[int, str]], i: int, indent: int) -> tuple[Any, int]:
    """The block collection whose lines start at `i` with this indentation."""
    if lines[i][1] == "-" or lines[i][1].startswith("- "):
        return _sequence(lines, i, indent)
    return _mapping(lines, i, indent)


def _sequence(lines, i, indent):
    out = []
    while i < len(lines) and lines[i][0] == indent and (lines[i][1] == "-" or lines[i][1].startswith("- ")):
        rest = lines[i][1][1:].lstrip(" ")
        if not rest:  # the item is the block below
            value, i = _nested(lines, i + 1, indent)
        elif _KEY.fullmatch(rest) and not rest.startswith(("[", "{", '"', "'")) or _quoted_key(rest):
            # "- key: value": a mapping whose first key sits after the dash
            inner = indent + 1 + (len(lines[i][1]) - 1 - len(rest))
            lines[i] = (inner, rest)
            value, i = _mapping(lines, i, inner)
        else:
            value, i = _scalar_or_flow(rest), i + 1
        out.append(value)
    if i < len(lines) and lines[i][0] > indent:
        raise Unsupported("unexpected indentation")
    return out, i


def _quoted_key(rest: str) -> bool:
    return rest.startswith(("'", '"')) and bool(_KEY.fullmatch(rest))


def _mapping(lines, i, indent):
    out: dict = {}
    while i < len(lines) and lines[i][0] == indent:
        m = _KEY.fullmatch(lines[i][1])
        if not m:
            raise Unsupported(f"not a key: {lines[i][1][:20]!r}")
        key = _scalar(m.group("key"))
        if isinstance(key, (list, dict)) or key in out:
            raise Unsupported("a key that is a collection, or given twice")
        rest = m.group("rest")
        if rest:
            out[key], i = _scalar_or_flow(rest), i + 1
        else:
            out[key], i = _nested(lines, i + 1, indent, in_mapping=True)
    if i < len(lines) and lines[i][0] > indent:
        raise Unsupported("unexpected indentation")
    return out, i


def _nested(lines, i, indent, in_mapping=False):
    """The value of `key:` or `-` with nothing after it: the block below, or null."""
    if i < len(lines):
        below = lines[i][0]
        starts_list = lines[i][1] == "-" or lines[i][1].startswith("- ")
        if below > indent or (in_mapping and below == indent and starts_list):
            return _block(lines, i, below)
    return None, i


def _scalar_or_flow(text: str) -> Any:
    if text[0] in "[{":
        value, end = _flow(text, 0)
        if text[end:].strip():
            raise Unsupported("text after a flow collection")
        return value
    return _scalar(text)


def _flow(text: str, i: int) -> tuple[Any, int]:
    """A one-line [a, b] or {k: v} (nested ones too) starting at text[i]: (value, end)."""
    tokens = _flow_tokens(text, i)
    value, n = _flow_value(tokens, 0)
    return value, tokens[n - 1][1] if n else i


def _flow_tokens(text: str, i: int) -> list[tuple[str, int]]:
    """Punctuation ([ ] { } , :) and scalars of a flow collection, each with where it ends;
    stops after the bracket that closes the first one."""
    out: list[tuple[str, int]] = []
    depth = 0
    while i < len(text):
        ch = text[i]
        if ch == " ":
            i += 1
        elif ch in "[]{},":
            depth += 1 if ch in "[{" else -1 if ch in "]}" else 0
            out.append((ch, i + 1))
            i += 1
            if depth == 0:
                return out
        elif ch == ":" and (i + 1 == len(text) or text[i + 1] in " ,]}"):
            out.append((":", i + 1))
            i += 1
        elif ch in "'\"":
            j = i + 1
            while j < len(text) and (text[j] != ch or (ch == "'" and text[j + 1 : j + 2] == "'")):
                j += 2 if (ch == '"' and text[j] == "\\") or (ch == "'" and text[j] == "'") else 1
            if j >= len(text):
                raise Unsupported("unclosed quote")
            out.append(("s" + text[i : j + 1], j + 1))
            i = j + 1
        else:
            j = i
            while j < len(text) and text[j] not in ",[]{}" and not (text[j] == ":" and (j + 1 == len(text) or text[j + 1] in " ,]}")):
                j += 1
            out.append(("s" + text[i:j].rstrip(), j))
            i = j
    raise Unsupported("unclosed flow collection")


def _flow_value(tokens: list[tuple[str, int]], n: int) -> tuple[Any, int]:
    tok = tokens[n][0]
    if tok in ("[", "{"):
        close = "]" if tok == "[" else "}"
        items: list = []
        pairs: dict = {}
        n += 1
        while tokens[n][0] != close:
            if close == "]":
                value, n = _flow_value(tokens, n)
                items.append(value)
            else:
                if not tokens[n][0].startswith("s") or tokens[n + 1][0] != ":":
                    raise Unsupported("a flow mapping item that is not key: value")
                key = _scalar(tokens[n][0][1:])
                value, n = (None, n + 2) if tokens[n + 2][0] in (",", "}") else _flow_value(tokens, n + 2)
                if isinstance(key, (list, dict)) or key in pairs:
                    raise Unsupported("a key that is a collection, or given twice")
                pairs[key] = value
            if tokens[n][0] == ",":
                n += 1
            elif tokens[n][0] != close:
                raise Unsupported("expected , or the end of the collection")
        return (items if close == "]" else pairs), n + 1
    if tok.startswith("s"):
        return _scalar(tok[1:]), n + 1
    raise Unsupported(f"unexpected {tok!r} in a flow collection")


def _scalar(text: str) -> Any:
    if text.startswith('"'):
        return _double(text)
    if text.startswith("'"):
        if len(text) < 2 or not text.endswith("'") or "'" in text[1:-1].replace("''", ""):
            raise Unsupported("a single-quoted scalar this reader does not know")
        return text[1:-1].replace("''", "'")
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    number = _number(text)
    if number is not None:
        return number
    if text.startswith(_INDICATORS) or ": " in text or " #" in text or text.endswith(":"):
        raise Unsupported(f"a plain scalar this reader does not know: {text[:20]!r}")
    return text


def _number(text: str) -> int | float | None:
    """The number PyYAML reads from a plain scalar (None: it reads none there; Unsupported: a
    form this reader does not read), as _YAML_NUMBER, _INT and _FLOAT would settle it.

    Settled with str methods where that is sure: every form of _YAML_NUMBER is a sign or none,
    then a digit or a point, and holds only _NUMBER_CHARS, with a sign inside only after e or E
    (an exponent) — so 2014-07-01 or 12% is no number; whole decimal digits with no leading
    zero are _INT's and a point between two runs of digits _FLOAT's (both forms of
    _YAML_NUMBER too).  Anything else goes through the patterns."""
    digits = text[1:] if text[:1] in ("-", "+") else text
    if not digits or digits[0] not in "0123456789." or not _NUMBER_CHARS.issuperset(text):
        return None
    for sign in ("-", "+"):
        at = text.find(sign, 1)
        while at > 0:
            if text[at - 1] not in "eE":
                return None
            at = text.find(sign, at + 1)
    if digits.isdigit() and digits.isascii():
        if digits[0] != "0" or digits == "0":
            return int(text)
    else:
        whole, point, part = digits.partition(".")
        if point and whole.isdigit() and part.isdigit() and digits.isascii():
            return float(text)
    if not re.fullmatch(_YAML_NUMBER, text, re.X):
        return None
    if re.fullmatch(_INT, text):
        return int(text)
    if re.fullmatch(_FLOAT, text):
        return float(text)
    raise Unsupported(f"a number written in a form this reader does not know: {text[:20]!r}")


_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "n": "\n", "t": "\t", "r": "\r", "0": "\0"}


def _double(text: str) -> str:
    if len(text) < 2 or not text.endswith('"'):
        raise Unsupported("unclosed double quote")
    body, out, i = text[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch == '"':
            raise Unsupported("a double quote inside a double-quoted scalar")
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = body[i + 1 : i + 2]
        if nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
            i += 2
        elif nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", body[i + 2 : i + 6]):
            out.append(chr(int(body[i + 2 : i + 6], 16)))
            i += 6
        else:
            raise Unsupported("an escape this reader does not know")
    return "".join(out)


__all__ = ["Unsupported", "load"]
