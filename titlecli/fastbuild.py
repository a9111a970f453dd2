"""Building the profile and rule dataclasses from data already known to validate, without pydantic.

A file whose exact bytes validated before (titlecli.cache remembers a digest of them) is parsed
again and built here: importing pydantic and building its validators costs several times what
the rest of `titlecli check` does.  The builder is generic — it reads each dataclass's fields
and type hints (Literal, unions, lists, mappings, dates, nested dataclasses; a union of
dataclasses is told apart by a Literal field such as `kind`) — so a new class or condition kind
needs nothing here.

It never guesses: any value that is not exactly of its declared type (a string where a number
is expected, an unknown key, a union more than one member would take) raises NotBuilt, and the
caller validates the file in full.  For data that validated, it makes objects equal to what
the validator makes (tests/test_cache.py proves it for every bundled profile and region).
"""

from __future__ import annotations

import builtins
import dataclasses
import functools
import operator
import re
import sys
import types
import typing
from collections.abc import Callable
from datetime import date
from typing import Any

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DIGITS = re.compile(r"[0-9]+")


class NotBuilt(Exception):
    """The data is not exactly what the declared types say: validate it in full instead."""


class _Field:
    """One field of a dataclass: its default, and its type hint, evaluated the first time a value
    of it is built (a condition kind declares twenty fields; a rule uses three)."""

    __slots__ = ("name", "owner", "ann", "default", "factory", "_hint", "_maker")

    def __init__(self, name: str, owner: type, ann: Any, default: Any, factory: Any):
        self.name = name
        self.owner = owner
        self.ann = ann
        self.default = default
        self.factory = factory
        self._hint = _UNSET
        self._maker: Callable[[Any], Any] | None = None

    @property
    def hint(self) -> Any:
        if self._hint is _UNSET:
            self._hint = _hint(self.owner, self.ann)
        return self._hint

    def make(self, value: Any) -> Any:
        if self._maker is None:
            self._maker = maker(self.hint)
        return self._maker(value)


_UNSET = object()
_MISSING = dataclasses.MISSING
_SPECS: dict[type, dict[str, _Field]] = {}
_KINDS: dict[type, bool] = {}
# Evaluated annotations by (module, text): "str | None" is compiled once, not once per class.
_HINTS: dict[tuple[str, str], Any] = {}
_ANNS: dict[type, dict[str, tuple[type, Any]]] = {}
# For a union of dataclasses: its tag field and the class each tag value names.
_TAGS: dict[tuple[type, ...], tuple[str, dict[Any, list[type]]] | None] = {}


def _made(cls: type) -> dict | None:
    fields = cls.__dict__.get("__dataclass_fields__")
    return fields if isinstance(fields, dict) else None


def _pending(cls: type) -> bool:
    from .lazyclass import _PENDING

    return cls in _PENDING


def is_dataclass_type(tp: Any) -> bool:
    """A dataclass, or a class titlecli.lazyclass will make one on first use."""
    known = _KINDS.get(tp)
    if known is None:
        known = isinstance(tp, type) and any(_made(b) is not None or _pending(b) for b in tp.__mro__[:-1])
        _KINDS[tp] = known
    return known


def _hint(owner: type, ann: Any) -> Any:
    """An annotation as a type (they are text under `from __future__ import annotations`),
    evaluated in the module of the class that wrote it, as typing.get_type_hints does."""
    if not isinstance(ann, str):
        return ann
    key = (owner.__module__, ann)
    if key not in _HINTS:
        ns = vars(sys.modules[owner.__module__])
        hint = _simple(ann, ns)
        # our own classes' annotations, evaluated as typing.get_type_hints does
        _HINTS[key] = eval(ann, ns) if hint is _UNSET else hint
    return _HINTS[key]


_ONE = r"[A-Za-z_]\w*"
_PART = re.compile(rf"(?P<name>{_ONE})|list\[(?P<item>{_ONE})\]|dict\[(?P<key>{_ONE}), (?P<value>{_ONE})\]")


def _simple(ann: str, ns: dict) -> Any:
    """`X`, `X | None`, `list[X]`, `dict[K, V]`, `Literal['a', 'b']` and unions of them, looked
    up without compiling anything (most annotations are such; eval compiles each one, ~0.1 ms):
    exactly what eval gives."""
    out = []
    for part in ann.split(" | "):
        if part.isidentifier():
            got = _lookup(part, ns)
            if got is _UNSET:
                return _UNSET
            out.append(got)
            continue
        if part.startswith("Literal[") and ns.get("Literal") is typing.Literal:
            options = _literal_options(part[len("Literal[") : -1]) if part.endswith("]") else None
            if options is None:
                return _UNSET
            out.append(typing.Literal[options])
            continue
        m = _PART.fullmatch(part)
        if not m:
            return _UNSET
        got = {group: _lookup(name, ns) for group, name in m.groupdict().items() if name}
        if _UNSET in got.values():
            return _UNSET
        if "name" in got:
            out.append(got["name"])
        elif "item" in got:
            out.append(types.GenericAlias(list, (got["item"],)))  # list[X]
        else:
            out.append(types.GenericAlias(dict, (got["key"], got["value"])))
    return functools.reduce(operator.or_, out) if len(out) > 1 else out[0]


def _literal_options(text: str) -> tuple[str, ...] | None:
    """The strings of `'a', 'b'` (as annotations are written back: single quotes, ", " between);
    None for anything else (a number, an escape, a quote inside): eval reads those."""
    options = text.split(", ")
    for x in options:
        if len(x) < 2 or x[0] != "'" or x[-1] != "'" or "'" in x[1:-1] or "\\" in x:
            return None
    return tuple(x[1:-1] for x in options)


def _lookup(name: str, ns: dict) -> Any:
    if name == "None":
        return None
    return ns[name] if name in ns else getattr(builtins, name, _UNSET)


def _is_classvar(ann: Any) -> bool:
    if isinstance(ann, str):
        return ann.startswith(("ClassVar", "typing.ClassVar"))
    return ann is typing.ClassVar or typing.get_origin(ann) is typing.ClassVar


def _annotations(cls: type) -> dict[str, tuple[type, Any]]:
    """name -> (the class that annotates it last, its annotation), in dataclass field order:
    a field a subclass declares again keeps its place."""
    out = _ANNS.get(cls)
    if out is not None:
        return out
    out = _ANNS[cls] = {}
    for base in reversed(cls.__mro__[:-1]):
        if _made(base) is None and not _pending(base):
            continue  # a plain mixin's annotations are not fields
        for name, ann in base.__dict__.get("__annotations__", {}).items():
            if not _is_classvar(ann):
                out[name] = (base, ann)
    return out


def _default(cls: type, name: str, owner: type) -> tuple[Any, Any]:
    """(default, default_factory) of a field, from the dataclass or, before it is made, from
    the class body as written."""
    made = _made(cls)
    if made is not None:
        f = made[name]
        return f.default, f.default_factory
    for base in cls.__mro__:
        if name in base.__dict__:
            value = base.__dict__[name]
            if isinstance(value, dataclasses.Field):
                return value.default, value.default_factory
            return value, _MISSING
        if base is owner:
            break
    return _MISSING, _MISSING


def spec(cls: type) -> dict[str, _Field]:
    """The fields of a dataclass by name, with their type hints evaluated."""
    s = _SPECS.get(cls)
    if s is None:
        s = {}
        for name, (owner, ann) in _annotations(cls).items():
            default, factory = _default(cls, name, owner)
            s[name] = _Field(name, owner, ann, default, factory)
        _SPECS[cls] = s
    return s


def build(tp: Any, value: Any, shared: bool = False) -> Any:
    """`value` (plain data: dicts, lists, strings, numbers) as an instance of the type `tp`, or
    NotBuilt.  shared: the data is what `dump` made, where an object met again is {"$ref": n}."""
    _memo.append({} if shared else None)
    try:
        return maker(tp)(value)
    finally:
        _memo.pop()


def _is_default(obj: Any, f: dataclasses.Field) -> bool:
    """Whether a field holds its default (left out of `dump`: `build` puts it back).  A Literal
    field is always kept: it may be the tag that tells a union's classes apart (`kind`)."""
    if _is_literal(_annotations(type(obj))[f.name][1]):
        return False
    v = getattr(obj, f.name)
    if f.default is not _MISSING:
        return type(v) is type(f.default) and v == f.default
    return f.default_factory in (list, dict) and type(v) is f.default_factory and not v


# The objects built so far by the `build` in progress, by their "$id" (None: no sharing).
_memo: list[dict[int, Any] | None] = []


def dump(obj: Any) -> Any:
    """Plain data (JSON's kinds) that `build(type(obj), …, shared=True)` makes `obj` again from:
    a dataclass becomes the mapping of its fields with an "$id", and {"$ref": id} where it is met
    again (a region's documents are shared by every rule citing them), a date its ISO text."""
    ids: dict[int, int] = {}

    def walk(v: Any) -> Any:
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            if id(v) in ids:
                return {"$ref": ids[id(v)]}
            ids[id(v)] = n = len(ids)
            return {"$id": n, **{f.name: walk(getattr(v, f.name)) for f in dataclasses.fields(v) if not _is_default(v, f)}}
        if isinstance(v, list):
            return [walk(x) for x in v]
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, date):
            return v.isoformat()
        return v

    return walk(obj)


_MAKERS: dict[Any, Callable[[Any], Any]] = {}


def maker(tp: Any) -> Callable[[Any], Any]:
    """The function that builds values of type `tp` (made once per type: a region builds
    hundreds of values of a few dozen types)."""
    m = _MAKERS.get(tp)
    if m is None:
        m = _MAKERS[tp] = _make(tp)
    return m


def _make(tp: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(tp)
    if origin is not None:
        make = _GENERIC.get(origin)
        if make is None:
            raise NotBuilt(f"no builder for {tp!r}")
        return make(tp)
    scalar = _SCALAR.get(tp)
    if scalar is not None:
        return scalar
    if is_dataclass_type(tp):
        return lambda value: _instance(tp, value)
    raise NotBuilt(f"no builder for {tp!r}")


def _literal(tp: Any) -> Callable[[Any], Any]:
    options = typing.get_args(tp)
    allowed = {(type(o), o) for o in options}

    def make(value: Any) -> Any:
        try:
            if (type(value), value) in allowed:
                return value
        except TypeError:  # unhashable: a list or a mapping is no option
            pass
        raise NotBuilt(f"{value!r} is not one of {options}")

    return make


class _Later:
    """The maker of a type, found when first used: a type may contain itself (any_of holds
    conditions), so it cannot be made while its container is."""

    __slots__ = ("tp", "m")

    def __init__(self, tp: Any):
        self.tp = tp
        self.m: Callable[[Any], Any] | None = None

    def __call__(self, value: Any) -> Any:
        if self.m is None:
            self.m = maker(self.tp)
        return self.m(value)


def _list(tp: Any) -> Callable[[Any], Any]:
    (item,) = typing.get_args(tp)
    m = _Later(item)

    def make(value: Any) -> list:
        if type(value) is not list:
            raise NotBuilt("expected a list")
        return [m(x) for x in value]

    return make


def _dict(tp: Any) -> Callable[[Any], Any]:
    k, v = typing.get_args(tp)
    mk, mv = _key_maker(k), _Later(v)

    def make(value: Any) -> dict:
        if type(value) is not dict:
            raise NotBuilt("expected a mapping")
        return {mk(key): mv(x) for key, x in value.items()}

    return make


def _key_maker(tp: Any) -> Callable[[Any], Any]:
    """Mapping keys: YAML gives `2021:` as a number, JSON as the text "2021"."""
    m = _Later(tp)
    if tp is not int:
        return m
    return lambda key: int(key) if type(key) is str and _DIGITS.fullmatch(key) else m(key)


def _exactly(*types_: type, convert=None):
    """A scalar of exactly these types (True is not a number, "5" is not a number)."""

    def make(value: Any) -> Any:
        if type(value) in types_:
            return convert(value) if convert else value
        raise NotBuilt(f"{value!r} is not {types_}")

    return make


def _date(value: Any) -> date:
    if type(value) is date:
        return value
    if type(value) is str and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise NotBuilt(f"{value!r} is not a date YYYY-MM-DD")


def _any(value: Any) -> Any:
    return value


_BOUNDS = {
    "gt": lambda v, b: v > b,
    "ge": lambda v, b: v >= b,
    "lt": lambda v, b: v < b,
    "le": lambda v, b: v <= b,
    "min_length": lambda v, b: len(v) >= b,
    "max_length": lambda v, b: len(v) <= b,
}


def _bounds(meta: Any) -> list[tuple[str, Any]]:
    """Bounds written as annotated_types (Ge, Le, MinLen …), pydantic Field(ge=…) or
    titlecli's own Bounds; a discriminator or a description says nothing about the value."""
    out = [x for inner in getattr(meta, "metadata", None) or () for x in _bounds(inner)]  # pydantic FieldInfo
    if not isinstance(meta, type):
        out += [(attr, getattr(meta, attr)) for attr in _BOUNDS if getattr(meta, attr, None) is not None]
    return out


def _annotated(tp: Any) -> Callable[[Any], Any]:
    inner = _Later(typing.get_args(tp)[0])
    checks = [(_BOUNDS[attr], attr, bound) for meta in tp.__metadata__ for attr, bound in _bounds(meta)]

    def make(value: Any) -> Any:
        out = inner(value)
        for ok, attr, bound in checks:
            if not ok(out, bound):
                raise NotBuilt(f"{out!r} breaks {attr}={bound!r}")
        return out

    return make


def _union(tp: Any) -> Callable[[Any], Any]:
    members = typing.get_args(tp)
    optional = type(None) in members
    others = [m for m in members if m is not type(None)]
    classes = [m for m in others if is_dataclass_type(m)]
    makers = [_Later(m) for m in others]

    def make(value: Any) -> Any:
        if value is None:
            if optional:
                return None
            raise NotBuilt("null where a value is required")
        if len(classes) > 1 and type(value) is dict:
            if "$ref" in value and _memo and _memo[-1] is not None:
                obj = _memo[-1].get(value["$ref"])
                if isinstance(obj, tuple(classes)):
                    return obj
            return _tagged(classes, value)
        built = []
        for m in makers:
            try:
                built.append(m(value))
            except NotBuilt:
                continue
        if len(built) != 1:  # none, or more than one: which the validator picks is its business
            raise NotBuilt("no single member of the union fits")
        return built[0]

    return make


def _tagged(classes: list[type], value: dict) -> Any:
    """One of several dataclasses, chosen by the Literal field they all have (`kind: Literal["x"]
    = "x"`): the class whose default is the value's.  Only that class's fields are evaluated."""
    key = tuple(classes)
    if key not in _TAGS:
        _TAGS[key] = _tag_field(classes)
    found = _TAGS[key]
    if found is None or found[0] not in value:
        raise NotBuilt("no field tells the classes apart")
    tag, by_value = found
    fits = [c for c in by_value.get(value[tag], []) if _is_option(value[tag], (_default(c, tag, _annotations(c)[tag][0])[0],))]
    if len(fits) != 1:
        raise NotBuilt(f"{tag}={value[tag]!r} names no single class")
    return _instance(fits[0], value)


def _tag_field(classes: list[type]) -> tuple[str, dict[Any, list[type]]] | None:
    for tag, (_, ann) in _annotations(classes[0]).items():
        anns = [_annotations(c).get(tag) for c in classes]
        if _is_literal(ann) and all(a is not None and _is_literal(a[1]) for a in anns):
            by_value: dict[Any, list[type]] = {}
            for c, (owner, _) in zip(classes, anns, strict=True):  # type: ignore[misc]
                try:
                    by_value.setdefault(_default(c, tag, owner)[0], []).append(c)
                except TypeError:  # an unhashable default names nothing
                    continue
            return tag, by_value
    return None


def _is_literal(ann: Any) -> bool:
    if isinstance(ann, str):
        return ann.startswith(("Literal[", "typing.Literal["))
    return typing.get_origin(ann) is typing.Literal


def _is_option(value: Any, options: tuple) -> bool:
    return any(type(value) is type(o) and value == o for o in options)


def _instance(cls: type, value: Any) -> Any:
    if type(value) is not dict:
        raise NotBuilt("expected a mapping")
    memo = _memo[-1] if _memo else None
    ident = None
    if memo is not None:
        if "$ref" in value:
            obj = memo.get(value["$ref"]) if len(value) == 1 else None
            if not isinstance(obj, cls):
                raise NotBuilt("a reference to nothing built before")
            return obj
        ident = value.get("$id")
        value = {k: v for k, v in value.items() if k != "$id"}
    fields = spec(cls)
    extra = [k for k in value if k not in fields]
    if extra:
        raise NotBuilt(f"unknown keys {extra!r}")
    attrs = {}
    for name, f in fields.items():
        if name in value:
            attrs[name] = f.make(value[name])
        elif f.factory is not _MISSING:
            # `field(default_factory=Status)`: built here too, not by Status() (which would make
            # the lazy class's generated methods: titlecli.lazyclass)
            attrs[name] = _instance(f.factory, {}) if is_dataclass_type(f.factory) else f.factory()
        elif f.default is not _MISSING:
            attrs[name] = f.default
        else:
            raise NotBuilt(f"{name} is missing")
    # As the generated __init__ would, without making the class's generated methods (they are
    # made on first use: titlecli.lazyclass).
    obj = object.__new__(cls)
    obj.__dict__.update(attrs)
    post = getattr(cls, "__post_init__", None)
    if post is not None:
        post(obj)
    if ident is not None:
        memo[ident] = obj  # type: ignore[index]
    return obj


_GENERIC = {
    typing.Annotated: _annotated,
    typing.Literal: _literal,
    typing.Union: _union,
    types.UnionType: _union,
    list: _list,
    dict: _dict,
}
_SCALAR = {
    type(None): _exactly(type(None)),
    str: _exactly(str),
    bool: _exactly(bool),
    int: _exactly(int),
    float: _exactly(int, float, convert=float),
    date: _date,
    Any: _any,
}

__all__ = ["NotBuilt", "build", "dump", "spec"]
