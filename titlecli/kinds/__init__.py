"""The condition kinds a region file may use, one class each (see `base` for what a kind owns).

Every module of this package is imported here, so a kind defined in any of them is in `KINDS`
and in the union `Condition` that region files are validated against; docs/regions.md is
generated from the same registry (`python -m titlecli.regions_doc`).  Adding a kind is adding
one class (and its tests): nothing else names the kinds.

`any_of` lives here rather than in a module of its own: it holds conditions of every kind, so
it is defined where the union is.
"""

from __future__ import annotations

import importlib
import operator
import os
from collections.abc import Iterable, Iterator
from datetime import date
from functools import reduce
from typing import TYPE_CHECKING, Annotated, Literal, TypeAlias

from ..i18n import t
from ..results import Outcome, Task
from .base import KINDS, Applies, ByKind, ConditionBase, Ctx, applies, dataclass, param, with_detail


@dataclass
class AnyOfCondition(ConditionBase):
    kind: Literal["any_of"] = "any_of"
    conditions: list[Condition] = param(zh="若干条件（任何类型），满足其一即可", en="conditions of any kind; one must hold", many=True)

    summary = ("满足其一：所列条件中任一满足即可（取最早满足的一个）。", "one of the listed conditions must hold (the earliest counts)")
    example = (
        "{kind: any_of, text: 具备中级职称或硕士学位, conditions: [{kind: title, level: intermediate}, {kind: education, degree: master}]}"
    )

    def children(self) -> list[ConditionBase]:
        return list(self.conditions)

    def problems(self) -> list[tuple[tuple, str]]:
        if not self.conditions:
            return [(("conditions",), t("any_of 需要至少一个条件", "any_of needs at least one condition"))]
        return []

    def evaluate(self, ctx: Ctx) -> Outcome:
        outs = [(sub, sub.outcome(ctx)) for sub in self.conditions]
        passing = [(s, o) for s, o in outs if o.passed]
        if passing:
            s, o = min(passing, key=lambda so: so[1].earliest or date.min)
            return Outcome(True, o.earliest, True, with_detail(s.describe(), o.detail))
        fix = [o.earliest for _, o in outs if o.fixable and o.earliest]
        detail = t("；", "; ").join(with_detail(s.describe(), o.detail) for s, o in outs)
        if fix:
            return Outcome(False, min(fix), True, detail)
        return Outcome(False, None, False, detail)

    def wording(self) -> str:
        return t("满足其一：", "one of: ") + t("；", "; ").join(c.describe() for c in self.conditions)

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        """The first alternative the applicant can work towards, the others named beside it."""
        tasks = []
        for sub in self.conditions:
            o = sub.outcome(ctx)
            if not o.passed:
                tasks.append(sub.task(ctx, o))
        doable = [x for x in tasks if x.doable]
        if not doable:
            return Task(self.describe(), doable=False, detail=outcome.detail)
        first, others = doable[0], doable[1:]
        text = first.text
        if others:
            text += t("（或：", " (or: ") + t("；", "; ").join(x.text for x in others) + t("）", ")")
        quantities = {"one_of": [x.quantities for x in doable]}
        return Task(text, quantities, routine=first.routine, by=first.by, opens=first.opens, detail=outcome.detail)


def _module_names() -> list[str]:
    """The modules of this folder, in the order pkgutil.iter_modules lists them (by name),
    found without importing pkgutil (~0.7 ms of a check)."""
    try:
        return sorted(e.name[:-3] for e in os.scandir(__path__[0]) if e.name.endswith(".py") and e.name != "__init__.py")
    except OSError:  # not a folder (a zip archive): pkgutil knows how to list it
        import pkgutil

        return [m.name for m in pkgutil.iter_modules(__path__)]


for _name in _module_names():
    if _name != "base":
        importlib.import_module(f"{__name__}.{_name}")

if TYPE_CHECKING:
    # The union is made from the registry at run time; to a type checker a condition is what
    # every kind shares.
    Condition: TypeAlias = ConditionBase
else:
    # One class per `kind:`; pydantic picks the class by that key (base.ByKind).
    Condition = Annotated[reduce(operator.or_, KINDS.values()), ByKind()]


def walk(conditions: Iterable[ConditionBase]) -> Iterator[ConditionBase]:
    """Every condition in `conditions` and inside them (any_of), parents first."""
    for c in conditions:
        yield c
        yield from walk(c.children())


def evaluate(c: ConditionBase, ctx: Ctx) -> Outcome:
    return c.outcome(ctx)


def describe(c: ConditionBase) -> str:
    """A requirement in words: the region file's own text, else the kind's wording."""
    return c.describe()


__all__ = ["KINDS", "Applies", "AnyOfCondition", "Condition", "ConditionBase", "Ctx", "applies", "describe", "evaluate", "walk"]
