"""What a check finds: a verdict per profile, a result per (level, route), a reason per rule.

Its own module so that the engine and the online checks both build reasons without importing
each other.

The classes every check makes (here, and `Ctx`, `Check`, `Candidate`, `Place`, textout's `Line`
and `Column`) are plain classes with their `__init__` written out, not dataclasses:
`dataclasses.dataclass` writes and compiles an `__init__` for each class while its module is
imported (~0.5 ms a class, ~7 ms of a check for thirteen), where a written one is compiled
once into the .pyc.  Each still declares its fields as a dataclass would (annotations in order,
defaults, `field(default_factory=list)`); tests/test_records.py makes a dataclass of each
class's declarations and requires the written constructor to take the same parameters in the
same order with the same defaults, and to set them.  A `default_factory` field's parameter
defaults to None, which stands for a new empty list or dict.  `dataclass` below stays for the
classes only `titlecli plan` makes.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass as _dataclass
from dataclasses import field
from datetime import date
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from .citations import Citation

# Imports nothing of titlecli (tests/test_module_layers.py); see titlecli.lazyclass.
if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:
    from typing_extensions import dataclass_transform

_T = TypeVar("_T")


@dataclass_transform(eq_default=False)
def dataclass(cls: type[_T]) -> type[_T]:
    """Results are built once and rendered: no generated __eq__/__repr__ (faster start-up).
    Each class has a docstring: without one, dataclasses writes one from inspect.signature."""
    return _dataclass(cls, eq=False, repr=False)


class Outcome:
    """What checking one condition found: whether it holds, from when, and whether time can
    make it hold."""

    passed: bool
    earliest: date | None = None  # when it holds / will hold; None: no date (fact) or never
    fixable: bool = True  # False: time cannot fix a failure
    detail: str = ""

    def __init__(self, passed: bool, earliest: date | None = None, fixable: bool = True, detail: str = "") -> None:
        self.passed = passed
        self.earliest = earliest
        self.fixable = fixable
        self.detail = detail


class Reason:
    """One rule's line in a verdict: held or not, in words, with the passage it rests on."""

    rule: str
    passed: bool
    message: str
    citation: Citation | None = None
    earliest_date: date | None = None
    fixable: bool = True

    def __init__(
        self,
        rule: str,
        passed: bool,
        message: str,
        citation: Citation | None = None,
        earliest_date: date | None = None,
        fixable: bool = True,
    ) -> None:
        self.rule = rule
        self.passed = passed
        self.message = message
        self.citation = citation
        self.earliest_date = earliest_date
        self.fixable = fixable

    @property
    def source(self) -> str:
        """The passage as a person looks it up: "长工信〔2022〕139号 三(一)3"."""
        return str(self.citation) if self.citation is not None else ""

    def to_json(self) -> dict:
        return {
            "rule": self.rule,
            "passed": self.passed,
            "message": self.message,
            "source": self.source,
            "citation": self.citation.to_json() if self.citation is not None else None,
        }


class Alternative:
    """Another pathway to the same title, and whether and when it holds."""

    pathway: str
    text: str
    eligible: bool
    earliest_date: date | None
    unmet: list[str]
    source: str

    def __init__(self, pathway: str, text: str, eligible: bool, earliest_date: date | None, unmet: list[str], source: str) -> None:
        self.pathway = pathway
        self.text = text
        self.eligible = eligible
        self.earliest_date = earliest_date
        self.unmet = unmet
        self.source = source


class LevelResult:
    """The verdict on one title by one route: the pathway that holds (or comes nearest) and
    its reasons."""

    level: str
    title: str
    route: str
    route_id: str
    eligible: bool
    earliest_date: date | None
    reasons: list[Reason]
    pathway: str | None = None
    pathway_text: str | None = None
    alternatives: list[Alternative] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # False when the route is not one for this applicant at all (no pathway takes their
    # education, a level below one already held): shown as 不适用 with `not_applicable`'s reason
    applicable: bool = True
    not_applicable: str = ""
    # what tells this route from another of the same level and kind (工程系列专门条件), else ""
    route_label: str = ""

    def __init__(
        self,
        level: str,
        title: str,
        route: str,
        route_id: str,
        eligible: bool,
        earliest_date: date | None,
        reasons: list[Reason],
        pathway: str | None = None,
        pathway_text: str | None = None,
        alternatives: list[Alternative] | None = None,
        warnings: list[str] | None = None,
        applicable: bool = True,
        not_applicable: str = "",
        route_label: str = "",
    ) -> None:
        self.level = level
        self.title = title
        self.route = route
        self.route_id = route_id
        self.eligible = eligible
        self.earliest_date = earliest_date
        self.reasons = reasons
        self.pathway = pathway
        self.pathway_text = pathway_text
        self.alternatives = [] if alternatives is None else alternatives
        self.warnings = [] if warnings is None else warnings
        self.applicable = applicable
        self.not_applicable = not_applicable
        self.route_label = route_label

    @property
    def unmet(self) -> list[Reason]:
        return [r for r in self.reasons if not r.passed]


class Verdict:
    """The answer for one profile: who, where, under which notice, and a result per title."""

    profile_path: str
    name: str
    masked_id: str
    region: str
    region_name: str
    as_of: date
    count_until: date
    eligible: bool
    results: list[LevelResult]
    warnings: list[str]
    requested_level: str | None = None
    current_level: str | None = None
    notice: str = ""
    online: list[Reason] = field(default_factory=list)
    online_system: str | None = None
    notice_status: str = "current"  # citations.NoticeStatus
    notice_message: str | None = None
    notice_round: str = ""

    def __init__(
        self,
        profile_path: str,
        name: str,
        masked_id: str,
        region: str,
        region_name: str,
        as_of: date,
        count_until: date,
        eligible: bool,
        results: list[LevelResult],
        warnings: list[str],
        requested_level: str | None = None,
        current_level: str | None = None,
        notice: str = "",
        online: list[Reason] | None = None,
        online_system: str | None = None,
        notice_status: str = "current",
        notice_message: str | None = None,
        notice_round: str = "",
    ) -> None:
        self.profile_path = profile_path
        self.name = name
        self.masked_id = masked_id
        self.region = region
        self.region_name = region_name
        self.as_of = as_of
        self.count_until = count_until
        self.eligible = eligible
        self.results = results
        self.warnings = warnings
        self.requested_level = requested_level
        self.current_level = current_level
        self.notice = notice
        self.online = [] if online is None else online
        self.online_system = online_system
        self.notice_status = notice_status
        self.notice_message = notice_message
        self.notice_round = notice_round


class Task:
    """What an applicant must do for a rule to hold, where time alone will not make it hold
    (`titlecli plan`).  A condition kind states its own shortfall (ConditionBase.task).

    `quantities` carries the figures the text is made of, with English keys (docs/plan.md):
    {"papers": 1, "min_words": 2000, "roles": ["sole", "first"]}.
    """

    text: str
    quantities: dict = field(default_factory=dict)
    # False: nothing the applicant can do makes the rule hold (the wrong education, an
    # exam-only series): the route is closed to them, not a task.
    doable: bool = True
    # True: kept by carrying on as now (an annual assessment of a year not yet assessed).
    routine: bool = False
    # the last day it can be done (a year's hours by its 31 December); None: by the application
    by: date | None = None
    # when done, the route can open on this date, later than time alone would open it (a past
    # year's hours cannot be made up: the next year's must be done, and counted next year)
    opens: date | None = None
    detail: str = ""
    rule: str = ""
    citation: Citation | None = None

    def __init__(
        self,
        text: str,
        quantities: dict | None = None,
        doable: bool = True,
        routine: bool = False,
        by: date | None = None,
        opens: date | None = None,
        detail: str = "",
        rule: str = "",
        citation: Citation | None = None,
    ) -> None:
        self.text = text
        self.quantities = {} if quantities is None else quantities
        self.doable = doable
        self.routine = routine
        self.by = by
        self.opens = opens
        self.detail = detail
        self.rule = rule
        self.citation = citation

    @property
    def source(self) -> str:
        return str(self.citation) if self.citation is not None else ""


class YearlyHours:
    """A rule's yearly quota of hours (continuing education), for the ledger of `titlecli plan`:
    the years it checks on the date it is checked, and what each must hold."""

    years: list[int]
    total: float | None = None
    public: float | None = None
    professional: float | None = None
    # hours in all over several years (Guizhou: 160 in five), where the rule sets them: the
    # hours asked of the years that count (those worked in full, a proportional share)
    cumulative: float | None = None
    cumulative_years: list[int] = field(default_factory=list)
    # each year's hours must include public subjects, of any number
    public_each_year: bool = False

    def __init__(
        self,
        years: list[int],
        total: float | None = None,
        public: float | None = None,
        professional: float | None = None,
        cumulative: float | None = None,
        cumulative_years: list[int] | None = None,
        public_each_year: bool = False,
    ) -> None:
        self.years = years
        self.total = total
        self.public = public
        self.professional = professional
        self.cumulative = cumulative
        self.cumulative_years = [] if cumulative_years is None else cumulative_years
        self.public_each_year = public_each_year
