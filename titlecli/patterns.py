"""Regular expressions compiled once for each Python and titlecli version, not in every run.

`re` compiles a pattern in Python (its parser and code generator, then `_sre.compile` takes the
code): the line breaker's tokeniser cost ~8 M instructions (~2 ms) of every text check — a
quarter of drawing the whole verdict — and the quick YAML reader's and the builder's patterns
~1 M each.  What `re` makes of a pattern is a list of numbers (the matching engine's code) and
its groups.  titlecli's cache (titlecli.cache: a private folder, every entry tagged with a secret)
keeps them under the pattern, this Python's exact version and its engine's (`_sre.MAGIC`), and a
later run hands them to the engine directly, as `re` itself does.

Never a different pattern: an entry is stored only when the pattern made from it is equal to
what re.compile makes (`==` on patterns compares flags, pattern and code; the groups are
compared too), and the engine checks the code it is given (a damaged one is refused, and the
pattern is then compiled as usual).  With the cache off (TITLECLI_NO_CACHE), on a Python whose
`re` is built otherwise, or on anything unexpected, it is re.compile.
"""

from __future__ import annotations

import re
from typing import Any

from . import cache


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), through the cache."""
    if not cache.enabled():
        return re.compile(pattern, flags)
    import marshal
    import sys

    try:
        import _sre  # type: ignore[import-not-found]  # the engine re hands its code to (no stub)
    except ImportError:  # pragma: no cover - another Python
        return re.compile(pattern, flags)
    key = cache.key("pattern", sys.version, str(_sre.MAGIC), str(flags), pattern)
    payload = cache.get(key)
    if payload:
        try:
            return _sre.compile(pattern, *marshal.loads(payload))
        except Exception:  # noqa: BLE001 - not what this Python's engine takes: compile it
            pass
    made = re.compile(pattern, flags)
    payload = _payload(pattern, flags, made, _sre)
    if payload is not None:
        cache.put(key, payload)
    return made


def _payload(pattern: str, flags: int, made: re.Pattern[str], engine: Any) -> bytes | None:
    """What re.compile hands the engine (`_sre`) for `pattern`, after the pattern itself, in
    marshal — if the pattern the engine makes of it is `made`; else None."""
    try:
        import marshal
        from re import _compiler, _parser  # type: ignore[attr-defined]  # re's own modules (3.11+)

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        # plain ints (re's opcodes and flags are int subclasses marshal does not write)
        parts = (int(flags | parsed.state.flags), [int(x) for x in code], parsed.state.groups - 1, groupindex, tuple(indexgroup))
        payload = marshal.dumps(parts)
        again = engine.compile(pattern, *marshal.loads(payload))
    except Exception:  # noqa: BLE001 - an `re` built otherwise: nothing is stored
        return None
    if again == made and again.groups == made.groups and again.groupindex == made.groupindex and again.flags == made.flags:
        return payload
    return None


__all__ = ["compiled"]
