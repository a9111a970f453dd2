"""JSON exactly as `json.dumps(obj, ensure_ascii=False, indent=2)` writes it, about as fast as
the standard library's compact C encoder.

The standard library encodes in C only without `indent`; with it (the report's layout, contract
§3) it takes a pure-Python generator path.  In `titlecli check` of 400 profiles that path was
1.56 ms of each profile's ~4 ms (issue 18: one more profile must cost ≤ 3 % of a single run);
this writes the same text in 0.68 ms.  Strings go through the C string encoder `json.dumps`
itself uses, so escaping is the same by construction.

Only the values a report holds are written here — dict with str keys, list, tuple, str, int,
float, bool, None (exact types, not subclasses); for anything else the whole value is handed to
`json.dumps`, which then also raises what it raises.  tests/test_jsonout.py compares the two on
generated values.
"""

from __future__ import annotations

from _json import encode_basestring as _string  # what json.dumps uses with ensure_ascii=False
from collections.abc import Callable
from typing import Any

_float = float.__repr__
_int = int.__repr__
_INF = float("inf")


class _Other(Exception):
    """A value this module does not write: json.dumps writes the whole value instead."""


def dumps(obj: Any) -> str:
    """`json.dumps(obj, ensure_ascii=False, indent=2)`, the same text."""
    chunks: list[str] = []
    try:
        _value(obj, chunks.append, "\n")
    except (_Other, RecursionError):
        import json

        return json.dumps(obj, ensure_ascii=False, indent=2)
    return "".join(chunks)


def _number(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INF:
        return "Infinity"
    if o == -_INF:
        return "-Infinity"
    return _float(o)


def _value(o: Any, out: Callable[[str], None], indent: str) -> None:
    t = type(o)
    if t is str:
        out(_string(o))
    elif t is dict:
        _dict(o, out, indent)
    elif t is list or t is tuple:
        _list(o, out, indent)
    elif o is None:
        out("null")
    elif o is True:
        out("true")
    elif o is False:
        out("false")
    elif t is int:
        out(_int(o))
    elif t is float:
        out(_number(o))
    else:
        raise _Other


def _dict(o: dict, out: Callable[[str], None], indent: str) -> None:
    if not o:
        out("{}")
        return
    inner = indent + "  "
    sep = "{" + inner
    for k, v in o.items():
        if type(k) is not str:  # json.dumps turns numbers and None into keys: leave that to it
            raise _Other
        out(sep)
        sep = "," + inner
        out(_string(k))
        out(": ")
        # the common leaves inline: a call per value is most of the cost
        if type(v) is str:
            out(_string(v))
        elif v is None:
            out("null")
        else:
            _value(v, out, inner)
    out(indent)
    out("}")


def _list(o: list | tuple, out: Callable[[str], None], indent: str) -> None:
    if not o:
        out("[]")
        return
    inner = indent + "  "
    sep = "[" + inner
    for v in o:
        out(sep)
        sep = "," + inner
        if type(v) is str:
            out(_string(v))
        else:
            _value(v, out, inner)
    out(indent)
    out("]")


__all__ = ["dumps"]
