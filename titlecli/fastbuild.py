"""Building the profile's dataclasses from data already known to validate, without pydantic.

A profile whose exact bytes validated before (titlecli.cache remembers a digest of them, and
nothing else of it) is parsed again and built here (a cached region is the cache's own data,
made again by titlecli.snapshot): importing pydantic and building its validators costs several times what
the rest of `titlecli check` does.  The builder is generic — it reads each dataclass's fields
and type hints (Literal, unions, lists, mappings, dates, nested dataclasses; a union of
dataclasses is told apart by a Literal field such as `kind`) — so a new class or condition kind
needs nothing here.

It never guesses: any value that is not exactly of its declared type (a string where a number
is expected, an unknown key, a union more than one member would take) raises NotBuilt, and the
caller validates the file in full.  For data that validated, it makes objects equal to what
the validator makes (tests/test_cache.py proves it for every bundled profile).
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

from .lazyclass import _PENDING
from .patterns import compiled

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
            self._maker = _field_maker(self.owner, self.ann) if isinstance(self.ann, str) else maker(self.ann)
        return self._maker(value)


_UNSET = object()
_MISSING = dataclasses.MISSING
_SPECS: dict[type, dict[str, _Field]] = {}
_KINDS: dict[type, bool] = {}
# Evaluated annotations by (module, text): "str | None" is compiled once, not once per class.
_HINTS: dict[tuple[str, str], Any] = {}
_ANNS: dict[type, dict[str, tuple[type, Any]]] = {}
# For a union of dataclasses: its tag field and the class each tag value names.
_TAGS: dict[tuple[type, ...], tuple[str, dict[Any, list[tuple[type, Any]]]] | None] = {}


def _made(cls: type) -> dict | None:
    fields = cls.__dict__.get("__dataclass_fields__")
    return fields if isinstance(fields, dict) else None


def _pending(cls: type) -> bool:
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
_PART = compiled(rf"(?P<name>{_ONE})|list\[(?P<item>{_ONE})\]|dict\[(?P<key>{_ONE}), (?P<value>{_ONE})\]")


def _parts(ann: str, ns: dict) -> list[tuple] | None:
    """The members of `X`, `X | None`, `list[X]`, `dict[K, V]`, `Literal['a', 'b']` and unions of
    them, looked up without compiling anything (most annotations are such; eval compiles each
    one, ~0.1 ms): ("type", X), ("literal", options), ("list", X) or ("dict", K, V) each; None
    for anything else (eval reads it)."""
    out: list[tuple] = []
    for part in ann.split(" | "):
        if part.isidentifier():
            got = _lookup(part, ns)
            if got is _UNSET:
                return None
            out.append(("type", got))
            continue
        if part.startswith("Literal[") and ns.get("Literal") is typing.Literal:
            options = _literal_options(part[len("Literal[") : -1]) if part.endswith("]") else None
            if options is None:
                return None
            out.append(("literal", options))
            continue
        m = _PART.fullmatch(part)
        if not m:
            return None
        found = [_lookup(name, ns) for name in m.groups() if name]
        if _UNSET in found:
            return None
        out.append(("type" if m["name"] else "list" if m["item"] else "dict", *found))
    return out


def _simple(ann: str, ns: dict) -> Any:
    """A simple annotation (`_parts`) as the type eval gives, without compiling it; else _UNSET."""
    parts = _parts(ann, ns)
    if parts is None:
        return _UNSET
    out = []
    for what, *args in parts:
        if what == "type":
            out.append(args[0])
        elif what == "literal":
            out.append(typing.Literal[args[0]])
        else:
            out.append(types.GenericAlias(list if what == "list" else dict, tuple(args)))  # list[X], dict[K, V]
    return functools.reduce(operator.or_, out) if len(out) > 1 else out[0]


# Makers by (module, annotation text): built from the text's parts without making the typing
# objects eval would (a Literal or a union of one costs more to make and to hash than to read).
_FIELD_MAKERS: dict[tuple[str, str], Callable[[Any], Any]] = {}


def _field_maker(owner: type, ann: str) -> Callable[[Any], Any]:
    """The maker of a field annotated `ann` in `owner`'s module: what `maker(_hint(owner, ann))`
    makes, made from the annotation's parts where it is simple."""
    key = (owner.__module__, ann)
    m = _FIELD_MAKERS.get(key)
    if m is None:
        parts = _parts(ann, vars(sys.modules[owner.__module__]))
        made = _parts_maker(parts) if parts is not None else None
        m = _FIELD_MAKERS[key] = made if made is not None else maker(_hint(owner, ann))
    return m


def _parts_maker(parts: list[tuple]) -> Callable[[Any], Any] | None:
    """The maker of a simple annotation's parts, as `maker` makes one of the type eval gives; None
    where eval's union may not be simply these members: eval flattens a member that is itself a
    union into the rest and drops a member equal to another (`Level | Literal['x']` may be
    such), so a named type that is not a class stands only beside None."""
    if len(parts) == 1:
        what, *args = parts[0]
        if what == "type":
            return maker(args[0])
        return _literal_of(args[0]) if what == "literal" else _list_of(args[0]) if what == "list" else _dict_of(*args)
    members = [args[0] for what, *args in parts if what == "type"]
    optional = None in members
    named = [m for m in members if m is not None and not isinstance(m, type)]
    if named and (len(parts) > 2 or not optional):
        return None
    if any(typing.get_origin(m) in (typing.Union, types.UnionType) for m in named):
        return None
    keys = [("literal", frozenset(args[0])) if what == "literal" else (what, *args) for what, *args in parts]
    if any(a == b for i, a in enumerate(keys) for b in keys[i + 1 :]):
        return None
    classes = [m for m in members if m is not None and is_dataclass_type(m)]
    makers: list[Callable[[Any], Any]] = []
    for what, *args in parts:
        if what == "type":
            if args[0] is not None:
                makers.append(_Later(args[0]))
        elif what == "literal":
            makers.append(_literal_of(args[0]))
        else:
            makers.append(_list_of(args[0]) if what == "list" else _dict_of(*args))
    return _union_of(optional, classes, makers)


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
        own = _OWN.get(base)
        if own is None:
            own = _OWN[base] = {
                name: (base, ann) for name, ann in base.__dict__.get("__annotations__", {}).items() if not _is_classvar(ann)
            }
        out.update(own)
    return out


# A class's own field annotations (every condition kind inherits ConditionBase's).
_OWN: dict[type, dict[str, tuple[type, Any]]] = {}


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


class _Plan:
    """How instances of one class are made, prepared when the first is: its fields by name,
    each field's default in declaration order (None as a stand-in where a value must be given
    or made), the fields a value must give, those made by a factory, and __post_init__."""

    __slots__ = ("fields", "defaults", "required", "factories", "post")

    def __init__(self, cls: type):
        self.fields = spec(cls)
        self.defaults = {name: None if f.default is _MISSING else f.default for name, f in self.fields.items()}
        self.required = [name for name, f in self.fields.items() if f.default is _MISSING and f.factory is _MISSING]
        self.factories = [(name, f.factory) for name, f in self.fields.items() if f.factory is not _MISSING]
        self.post = getattr(cls, "__post_init__", None)


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    plan = _PLANS[cls] = _Plan(cls)
    return plan


def build(tp: Any, value: Any) -> Any:
    """`value` (plain data: dicts, lists, strings, numbers) as an instance of the type `tp`, or
    NotBuilt."""
    return maker(tp)(value)


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
    return _literal_of(typing.get_args(tp))


def _literal_of(options: tuple) -> Callable[[Any], Any]:
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
    return _list_of(item)


def _list_of(item: Any) -> Callable[[Any], Any]:
    m = _Later(item)

    def make(value: Any) -> list:
        if type(value) is not list:
            raise NotBuilt("expected a list")
        return [m(x) for x in value]

    return make


def _dict(tp: Any) -> Callable[[Any], Any]:
    return _dict_of(*typing.get_args(tp))


def _dict_of(k: Any, v: Any) -> Callable[[Any], Any]:
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
    others = [m for m in members if m is not type(None)]
    return _union_of(type(None) in members, [m for m in others if is_dataclass_type(m)], [_Later(m) for m in others])


def _union_of(optional: bool, classes: list[type], makers: list[Callable[[Any], Any]]) -> Callable[[Any], Any]:
    """A union's maker: None where the union takes it; a mapping for one of several dataclasses
    by its tag (`_tagged`); else the value exactly one member's maker takes."""

    def make(value: Any) -> Any:
        if value is None:
            if optional:
                return None
            raise NotBuilt("null where a value is required")
        if len(classes) > 1 and type(value) is dict:
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
    v = value[tag]
    fits = [c for c, default in by_value.get(v, ()) if _is_option(v, (default,))]
    if len(fits) != 1:
        raise NotBuilt(f"{tag}={value[tag]!r} names no single class")
    return _instance(fits[0], value)


def _tag_field(classes: list[type]) -> tuple[str, dict[Any, list[tuple[type, Any]]]] | None:
    """The tag field of a union's classes, and the classes (with their tag default) by value."""
    for tag, (_, ann) in _annotations(classes[0]).items():
        anns = [_annotations(c).get(tag) for c in classes]
        if _is_literal(ann) and all(a is not None and _is_literal(a[1]) for a in anns):
            by_value: dict[Any, list[tuple[type, Any]]] = {}
            for c, (owner, _) in zip(classes, anns, strict=True):  # type: ignore[misc]
                default = _default(c, tag, owner)[0]
                try:
                    by_value.setdefault(default, []).append((c, default))
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
    plan = _PLANS.get(cls) or _plan(cls)
    fields = plan.fields
    # every field in declaration order, holding its default; the values given replace theirs
    attrs = plan.defaults.copy()
    for name, v in value.items():
        f = fields.get(name)
        if f is None:
            raise NotBuilt(f"unknown key {name!r}")
        attrs[name] = f.make(v)
    for name in plan.required:
        if name not in value:
            raise NotBuilt(f"{name} is missing")
    for name, factory in plan.factories:
        if name not in value:
            # `field(default_factory=Status)`: built here too, not by Status() (which would make
            # the lazy class's generated methods: titlecli.lazyclass)
            attrs[name] = _instance(factory, {}) if is_dataclass_type(factory) else factory()
    # As the generated __init__ would, without making the class's generated methods (they are
    # made on first use: titlecli.lazyclass).
    obj: Any = object.__new__(cls)
    obj.__dict__.update(attrs)
    if plan.post is not None:
        plan.post(obj)
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

__all__ = ["NotBuilt", "build", "spec"]
