"""Dataclasses whose generated methods are made on first use.

`dataclasses.dataclass` compiles an `__init__` (and an `__eq__`) for every class while its
module is imported.  For the ~35 classes of the profile and rule schema (titlecli.model,
titlecli.rules) that was a third of what `titlecli check` adds to starting the CLI framework,
yet a check that finds its inputs in the cache (built by titlecli.fastbuild: no
`__init__` runs) never calls them.

`lazy_dataclass(repr=..., eq=...)` returns a decorator that leaves the class as written and
turns it into exactly `dataclasses.dataclass(cls, repr=..., eq=...)` the first time anything
needs the generated parts: creating an instance, `==`, `repr`, asking for the fields
(`dataclasses.fields`, `is_dataclass`, `replace`, `asdict`, pydantic and other tools that read
`__dataclass_fields__`), `inspect.signature` or a `match` class pattern.  Until then an
`eq=True` class is already unhashable, as the dataclass will be.  Only `repr` and `eq` are
offered: `frozen`, `slots` or `order` would need more stand-ins than they are worth here.
"""

from __future__ import annotations

import dataclasses
import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

# The checker must see the constructors, fields and `==` the dataclass will have (PEP 681);
# typing has it from 3.11, and typing_extensions is not imported on 3.11+ (start-up time).
if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:
    from typing_extensions import dataclass_transform

_T = TypeVar("_T")

_LOCK = threading.RLock()
# class -> (dataclass options, names of the stand-ins to remove before making it)
_PENDING: dict[type, tuple[dict[str, bool], list[str]]] = {}


class _Deferred:
    """Stands in for a class attribute that tools read (`__dataclass_fields__`, `__signature__`
    for `inspect.signature`, `__match_args__` for `match`) until the class is made; then it is
    whatever the dataclass has there (None for `__signature__`: inspect goes on to `__init__`)."""

    def __init__(self, owner: type, name: str):
        self.owner = owner
        self.name = name

    def __get__(self, obj: object, objtype: type | None = None) -> Any:
        make(self.owner)
        return self.owner.__dict__.get(self.name)


def make(cls: type) -> type:
    """Turn a pending class into its dataclass now (no-op once done)."""
    with _LOCK:
        pending = _PENDING.pop(cls, None)
        if pending is not None:
            options, standins = pending
            for name in standins:
                delattr(cls, name)
            dataclasses.dataclass(cls, **options)
    return cls


@dataclass_transform()
def lazy_dataclass(*, repr: bool = True, eq: bool = True) -> Callable[[type[_T]], type[_T]]:
    """A decorator making classes `dataclasses.dataclass(cls, repr=repr, eq=eq)` on first use.

    A module that names it `dataclass` wraps it in a function of its own marked with
    `dataclass_transform` (a type checker does not follow the decorator through a variable)."""
    options = {"repr": repr, "eq": eq}

    def wrap(cls: type[_T]) -> type[_T]:
        standins: list[str] = []

        def put(name: str, value: object) -> None:
            # What the class defines itself, dataclass keeps: no stand-in needed.
            if name not in cls.__dict__:
                setattr(cls, name, value)
                standins.append(name)

        def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
            make(cls)
            cls.__init__(self, *args, **kwargs)

        put("__init__", __init__)
        if eq:

            def __eq__(self: Any, other: object) -> bool:
                make(cls)
                return cls.__eq__(self, other)

            if "__eq__" not in cls.__dict__:
                put("__eq__", __eq__)
                put("__hash__", None)
        if repr:

            def __repr__(self: Any) -> str:
                make(cls)
                return cls.__repr__(self)

            put("__repr__", __repr__)
        for name in ("__dataclass_fields__", "__dataclass_params__", "__signature__", "__match_args__"):
            put(name, _Deferred(cls, name))
        _PENDING[cls] = (options, standins)
        return cls

    return wrap


__all__ = ["dataclass_transform", "lazy_dataclass", "make"]
