"""The classes every check makes are plain classes with a written __init__ (titlecli.results says
why: a dataclass compiles its __init__ at every start).  They must construct exactly as the
dataclass their declarations describe: the same parameters in the same order, the same
defaults, a new empty list or dict for a `default_factory` field, every field set, and `==` and
repr where the class had them."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import date

import pytest

from titlecli.engine import Candidate, Check
from titlecli.kinds.base import Ctx
from titlecli.regions import Place
from titlecli.results import Alternative, LevelResult, Outcome, Reason, Task, Verdict, YearlyHours
from titlecli.textout import Column, Line

# (class, whether it had dataclass's == and repr: the results were made with eq=False, repr=False)
RECORDS = [
    (Outcome, False),
    (Reason, False),
    (Alternative, False),
    (LevelResult, False),
    (Verdict, False),
    (Task, False),
    (YearlyHours, False),
    (Check, False),
    (Candidate, False),
    (Ctx, False),
    (Place, True),
    (Line, True),
    (Column, True),
]
IDS = [cls.__name__ for cls, _ in RECORDS]


def declared(cls: type, with_eq: bool) -> type:
    """The dataclass made of the class's declarations as written (annotations, defaults,
    fields) — what `@dataclass` on the class would make."""
    body = {"__annotations__": dict(cls.__annotations__), "__module__": cls.__module__, "__qualname__": cls.__qualname__}
    body.update({name: cls.__dict__[name] for name in cls.__annotations__ if name in cls.__dict__})
    return dataclasses.dataclass(type(cls.__name__, (), body), eq=with_eq, repr=with_eq)


class Marker:
    """A value no default is, to see which field each argument lands in."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return f"<{self.name}>"


@pytest.mark.parametrize(("cls", "with_eq"), RECORDS, ids=IDS)
def test_constructor_takes_the_declared_fields_in_order_with_their_defaults(cls, with_eq):
    ref = declared(cls, with_eq)
    fields = dataclasses.fields(ref)
    params = list(inspect.signature(cls).parameters.values())
    assert [p.name for p in params] == [f.name for f in fields]
    for p, f in zip(params, fields, strict=True):
        assert p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD, p.name
        if f.default_factory is not dataclasses.MISSING:
            # None stands for "a new one": the parameter says so, the field's type does not
            assert p.default is None, p.name
            assert p.annotation == f"{f.type} | None", p.name
        else:
            expected = inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default
            assert p.default == expected and type(p.default) is type(expected), p.name
            assert p.annotation == f.type, p.name


@pytest.mark.parametrize(("cls", "with_eq"), RECORDS, ids=IDS)
def test_constructor_sets_every_field_as_the_dataclass_would(cls, with_eq):
    ref = declared(cls, with_eq)
    fields = dataclasses.fields(ref)
    names = [f.name for f in fields]
    given = [Marker(n) for n in names]
    for obj, want in ((cls(*given), ref(*given)), (cls(**dict(zip(names, given, strict=True))), ref(*given))):
        assert {n: getattr(obj, n) for n in names} == {n: getattr(want, n) for n in names}
    # only the fields without a default, by position: the rest are the defaults
    required = [Marker(f.name) for f in fields if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    a, b, want = cls(*required), cls(*required), ref(*required)
    for n in names:
        assert getattr(a, n) == getattr(want, n) and type(getattr(a, n)) is type(getattr(want, n)), n
    for f in fields:
        if f.default_factory is not dataclasses.MISSING:
            assert getattr(a, f.name) is not getattr(b, f.name), f"{f.name}: one list shared by every instance"
    assert set(vars(a)) == set(names)
    with pytest.raises(TypeError):
        cls(*given, Marker("one too many"))


@pytest.mark.parametrize(("cls", "with_eq"), RECORDS, ids=IDS)
def test_equality_and_repr_are_the_dataclass_ones(cls, with_eq):
    ref = declared(cls, with_eq)
    names = [f.name for f in dataclasses.fields(ref)]
    values = [Marker(n) for n in names]
    a, b = cls(*values), cls(*values)
    if with_eq:
        assert a == b
        assert repr(a) == repr(ref(*values))
        assert cls.__hash__ is None  # a dataclass with == is unhashable
        other = cls(*values[:-1], Marker("other"))
        assert a != other
        assert a.__eq__(ref(*values)) is NotImplemented  # another class is never equal
    else:
        assert a != b and a == a  # each result is itself only, as with eq=False
        assert repr(a).startswith(f"<{cls.__module__}.{cls.__qualname__} object at ")


def test_ctx_replace_changes_the_fields_named_and_keeps_the_others():
    names = [f.name for f in dataclasses.fields(declared(Ctx, False))]
    old = Ctx(*[Marker(n) for n in names])
    for name in names:
        new = old.replace(**{name: Marker("new")})
        assert new is not old
        assert {n: getattr(new, n) for n in names} == {n: getattr(old, n) for n in names} | {name: getattr(new, name)}
        assert getattr(new, name).name == "new"
    with pytest.raises(TypeError):
        old.replace(when=date(2022, 8, 1))
