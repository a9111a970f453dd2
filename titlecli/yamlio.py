"""YAML reading shared by profiles, regions and case files.

Dates stay strings at parse time (the implicit timestamp resolver is removed) so that an
impossible date such as 2021-02-30 becomes a validation message with its key path instead of
a parser crash.  `line_of` maps a key path to its line for error messages.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    # One of the two at run time; both read the same YAML the same way.
    _Base = yaml.CSafeLoader
else:
    try:
        _Base = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - libyaml missing
        _Base = yaml.SafeLoader


class Loader(_Base):
    pass


Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class LineLoader(yaml.SafeLoader):
    pass


LineLoader.yaml_implicit_resolvers = Loader.yaml_implicit_resolvers


def load(text: str):
    return yaml.load(text, Loader=Loader)


def parse_error(exc: Exception) -> tuple[int | None, str]:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc)
    return line, str(problem)


def line_of(text: str, loc: tuple) -> int | None:
    """The line (1-based) where the value at `loc` (a pydantic-style location) starts."""
    return line_finder(text)(loc)


@functools.lru_cache(maxsize=4)
def line_finder(text: str):
    """line_of for many locations in one text: the text is composed once (and the last few
    texts are remembered, as each problem in a file asks for its line)."""
    try:
        root = yaml.compose(text, Loader=LineLoader)
    except Exception:
        root = None
    return lambda loc: _line_in(root, loc)


def _line_in(node, loc: tuple) -> int | None:
    best = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if node is None:
            break
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if str(k.value) == str(part):
                    nxt = v
                    best = k.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            nxt = node.value[part]
            best = nxt.start_mark.line + 1
        node = nxt
    return best
