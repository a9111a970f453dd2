"""A validated region as flat data that marshal stores, made into the same objects again in one pass.

titlecli.regions caches each region that validated (titlecli.cache).  Building it again field
by field with titlecli.fastbuild, which checks every value against its declared type, was a
fifth of what a warm `titlecli check` adds to starting the CLI framework; yet the entry is the
cache's own, written from the validated region and tagged with the cache's secret, so there is
nothing to check again.  A snapshot is that region's objects in a list, each as its class and
its fields:

- fields holding only text, numbers, true/false, null, and lists, mappings and tuples of them
  are stored as they are and put back as they come out of marshal;
- the others hold objects of the region (an object met twice is stored once: a region's
  documents are shared by every rule citing them) or dates, written as tagged tuples.

`thaw(freeze(obj))` is made of the same classes, with the same fields in the same order and
the same objects shared, as `obj` (tests/test_cache.py, for every bundled region); titlecli.regions
stores a snapshot only if it comes back from marshal exactly as it was frozen.  A class is found
by its module and name only among titlecli's modules already imported, and only if it is one of
titlecli's dataclasses.  Anything else in a region (none today) makes `freeze` refuse, and the
region is then validated in full each time.
"""

from __future__ import annotations

import dataclasses
import sys
from datetime import date
from typing import Any

from .fastbuild import is_dataclass_type

# Tags of the tuples standing for what is not plain data (a field's plain value is never decoded,
# so its tuples need no tag; inside a decoded list or mapping a plain tuple is wrapped in _RAW).
_OBJ, _DATE, _LIST, _OBJS, _DICT, _TUPLE, _RAW = range(7)
_PLAIN = (str, int, float, bool, type(None))


class Unfrozen(Exception):
    """Something in the object is not what a snapshot holds."""


def freeze(root: Any) -> dict[str, Any]:
    """The snapshot of `root`, a dataclass instance (Unfrozen if it holds anything else than
    dataclasses, dates, lists, mappings, tuples and plain values)."""
    if not is_dataclass_type(type(root)):
        raise Unfrozen("not a dataclass")
    f = _Freezer()
    f.obj(root)
    return {"classes": f.classes, "objects": f.objects}


class _Freezer:
    def __init__(self) -> None:
        self.classes: list[str] = []
        self.class_index: dict[type, int] = {}
        self.objects: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
        self.index: dict[int, int] = {}
        self.keep: list[Any] = []  # the objects numbered, alive while `index` names them by id

    def obj(self, v: Any) -> int:
        n = self.index.get(id(v))
        if n is not None:
            return n
        cls = type(v)
        if cls not in self.class_index:
            name = f"{cls.__module__}:{cls.__qualname__}"
            if _find(name) is not cls:
                raise Unfrozen(f"{name} is not a titlecli dataclass found by its name")
            self.class_index[cls] = len(self.classes)
            self.classes.append(name)
        n = self.index[id(v)] = len(self.objects)
        self.keep.append(v)
        plain: dict[str, Any] = {}
        linked: dict[str, Any] = {}
        self.objects.append((self.class_index[cls], plain, linked))
        for f in dataclasses.fields(v):
            value = getattr(v, f.name)
            encoded, is_plain = self.enc(value)
            plain[f.name] = value if is_plain else None  # the field's place, in declaration order
            if not is_plain:
                linked[f.name] = encoded
        return n

    def enc(self, v: Any) -> tuple[Any, bool]:
        """(what stands for `v`, whether that is `v` itself: plain data)."""
        t = type(v)
        if t in _PLAIN:
            return v, True
        if t is date:
            return (_DATE, v.toordinal()), False
        if t is list or t is tuple:
            items = [self.enc(x) for x in v]
            if all(p for _, p in items):
                return v, True
            if t is list and all(not p and e[0] == _OBJ for e, p in items):
                return (_OBJS, [e[1] for e, _ in items]), False
            return (_LIST if t is list else _TUPLE, [_inner(e, p) for e, p in items]), False
        if t is dict:
            if not all(type(k) in _PLAIN for k in v):
                raise Unfrozen(f"a mapping keyed by {[type(k).__name__ for k in v]}")
            pairs = {k: self.enc(x) for k, x in v.items()}
            if all(p for _, p in pairs.values()):
                return v, True
            return (_DICT, {k: _inner(e, p) for k, (e, p) in pairs.items()}), False
        if is_dataclass_type(t):
            return (_OBJ, self.obj(v)), False
        raise Unfrozen(f"a value of type {t.__name__}")


def _inner(encoded: Any, plain: bool) -> Any:
    """An item of a decoded container: a plain tuple is wrapped, not to be read as a tag."""
    return (_RAW, encoded) if plain and type(encoded) is tuple else encoded


def _find(name: str) -> type | None:
    """The titlecli dataclass `module:qualname` names, among the modules already imported."""
    module, _, qualname = name.partition(":")
    if not module.startswith("titlecli.") or module not in sys.modules:
        return None
    found: Any = sys.modules[module]
    for part in qualname.split("."):
        found = getattr(found, part, None)
    return found if isinstance(found, type) and is_dataclass_type(found) else None


def thaw(snapshot: dict[str, Any]) -> Any:
    """The objects of a snapshot made again; the first one (the region) is returned.  Like
    titlecli.fastbuild, without running `__init__` (titlecli.lazyclass makes a class's generated
    methods on first use)."""
    classes = []
    for name in snapshot["classes"]:
        cls = _find(name)
        if cls is None:
            raise Unfrozen(f"{name} is not a titlecli dataclass")
        classes.append(cls)
    entries = snapshot["objects"]
    new = object.__new__
    objs = [new(classes[c]) for c, _, _ in entries]

    def dec(v: Any) -> Any:
        if type(v) is not tuple:
            return v
        tag, x = v
        if tag == _OBJS:
            return [objs[i] for i in x]
        if tag == _OBJ:
            return objs[x]
        if tag == _DATE:
            return date.fromordinal(x)
        if tag == _LIST:
            return [dec(i) for i in x]
        if tag == _DICT:
            return {k: dec(i) for k, i in x.items()}
        if tag == _TUPLE:
            return tuple(dec(i) for i in x)
        if tag == _RAW:
            return x
        raise Unfrozen(f"unknown tag {tag!r}")

    for o, (_, plain, linked) in zip(objs, entries, strict=True):
        o.__dict__ = plain
        for name, v in linked.items():
            plain[name] = dec(v)
    return objs[0]


__all__ = ["Unfrozen", "freeze", "thaw"]
