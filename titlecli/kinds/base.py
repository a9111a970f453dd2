"""What every condition kind shares: the common keys, the registry, the evaluation context.

A kind is one class (a subclass of `ConditionBase` with `kind: Literal["name"] = "name"`) that
owns its parameters (its fields: type, bounds, meaning), its evaluation (`evaluate`), its
wording (`wording`, Chinese and English), what it reads from the profile (`needs`, and
`profile_needs` for one rule) and the checks pydantic cannot express (`problems`).  Defining
the class registers it in `KINDS`; the union `Condition`, `regions validate`'s messages and
docs/regions.md follow from the registry.

The classes are plain dataclasses (no pydantic at run time): `titlecli.regions` validates
region files into them through a pydantic TypeAdapter, and a cached region is built from them
without it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeVar

from ..citations import Citation
from ..i18n import lang, t
from ..lazyclass import dataclass_transform, lazy_dataclass
from ..lazyimport import lazy
from ..model import LEVELS, STRICT, EmployerType, Level, Profile, Title
from ..results import Outcome, Task, YearlyHours
from ..terms import LEVEL_NAMES, nm

if TYPE_CHECKING:
    import pydantic
else:
    pydantic = lazy("pydantic")  # only when a region file is validated

if TYPE_CHECKING:
    from ..rules import Region, Route

_T = TypeVar("_T")


# Rule classes are data read from files: no generated __eq__/__repr__.  The methods are
# generated on first use (titlecli.lazyclass): a cached check never needs them.
@dataclass_transform(eq_default=False)
def dataclass(cls: type[_T]) -> type[_T]:
    return lazy_dataclass(eq=False, repr=False)(cls)


FAR = date(9999, 12, 31)
RouteKind = Literal["initial", "review", "exam", "transfer"]

# Keys a region file writes that are Python keywords: `from: graduation` is the field `from_`.
RENAMES = {"from": "from_", "field": "field_"}
YAML_KEYS = {v: k for k, v in RENAMES.items()}


def yaml_key(name: str) -> str:
    """The key a region file uses for a field (`from_` is written `from`)."""
    return YAML_KEYS.get(name, name)


class Bounds:
    """`Annotated[int, Bounds(0, 60)]`: the value must lie in [ge, le] (either may be None).

    pydantic reads it while building its schema (so a region file saying `years: 100000` is
    an error naming the key); nothing else needs pydantic, and docs/regions.md prints the range.
    """

    __slots__ = ("ge", "le")

    def __init__(self, ge: float | None = None, le: float | None = None):
        self.ge = ge
        self.le = le

    def __repr__(self) -> str:
        return f"Bounds({self.ge!r}, {self.le!r})"

    def __get_pydantic_core_schema__(self, source, handler):
        schema = dict(handler(source))
        if self.ge is not None:
            schema["ge"] = self.ge
        if self.le is not None:
            schema["le"] = self.le
        return schema


class ByKind:
    """`Annotated[A | B | …, ByKind()]`: pydantic picks the member by the `kind` key (a tagged
    union), so an error names the one kind the rule has, not every kind it is not."""

    def __get_pydantic_core_schema__(self, source, handler):
        return pydantic.Discriminator("kind").__get_pydantic_core_schema__(source, handler)


# Bounds a person could mean: nobody counts more than 60 years of work or 720 months, and a
# rate is a share of 1 (issue 13: `years: 100000` validated and then crashed the date sums).
Years = Annotated[int, Bounds(0, 60)]
Months = Annotated[int, Bounds(0, 720)]
Count = Annotated[int, Bounds(0, 1000)]
Words = Annotated[int, Bounds(0, 10_000_000)]
Hours = Annotated[float, Bounds(0, 2000)]
Rate = Annotated[float, Bounds(0, 1)]
Grade = Annotated[int, Bounds(1, 100)]


def param(default: Any = None, *, zh: str, en: str, many: bool = False):
    """A kind's parameter with its meaning (docs/regions.md prints it); `many`: a list,
    empty by default."""
    meta = {"doc": (zh, en)}
    if many:
        return field(default_factory=list, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass
class Applies:
    """Where a rule applies; empty means everywhere.

    next_level: only the level directly above the applicant's highest title (any level when
    the applicant holds none), e.g. "可提前1年申报高一级职称" (declare the next higher level).
    """

    __pydantic_config__ = STRICT
    routes: list[RouteKind] = field(default_factory=list)
    levels: list[Level] = field(default_factory=list)
    series: list[str] = field(default_factory=list)
    employer_types: list[EmployerType] = field(default_factory=list)
    next_level: bool = False


def applies(a: Applies | None, profile: Profile, route: Route | None) -> bool:
    if a is None:
        return True
    if a.routes and (route is None or route.route not in a.routes):
        return False
    if a.levels and (route is None or route.level not in a.levels):
        return False
    if a.series and profile.application.series not in a.series:
        return False
    if a.employer_types and (profile.employer is None or profile.employer.type not in a.employer_types):
        return False
    if a.next_level and route is not None and profile.titles:
        cur = max(LEVELS.index(ti.level) for ti in profile.titles)
        if LEVELS.index(route.level) != cur + 1:
            return False
    return True


class Ctx:
    """What a condition is evaluated against: one profile, one route, one binding of the
    applicant's records (which diploma, which title) and the relaxation in force.

    A plain class with a written __init__ (every check makes one: titlecli.results says why;
    tests/test_records.py keeps it to its fields)."""

    profile: Profile
    region: Region
    route: Route | None
    at: date  # the date years are counted to
    as_of: date
    edu: Any = None  # the Education bound for this pathway
    title: Title | None = None
    shorten: int = 0  # months taken off every duration (adjustments)

    def __init__(
        self,
        profile: Profile,
        region: Region,
        route: Route | None,
        at: date,
        as_of: date,
        edu: Any = None,
        title: Title | None = None,
        shorten: int = 0,
    ) -> None:
        self.profile = profile
        self.region = region
        self.route = route
        self.at = at
        self.as_of = as_of
        self.edu = edu
        self.title = title
        self.shorten = shorten

    def replace(self, **changes: Any) -> Ctx:
        """A new context with the fields named changed, as `dataclasses.replace` makes one (a
        name that is no field is a TypeError)."""
        return Ctx(**{**vars(self), **changes})


def title_matches(ti: Title, level: str, series_rule, app_series: str) -> bool:
    if ti.level != level:
        return False
    if series_rule in (None, "same"):
        return ti.series is None or ti.series == app_series
    if series_rule == "other":
        return ti.series is not None and ti.series != app_series
    if series_rule == "any":
        return True
    return ti.series in series_rule


def find_title(p: Profile, level: str | None, series_rule) -> Title | None:
    ok = [ti for ti in p.titles if level and title_matches(ti, level, series_rule, p.application.series)]
    return min(ok, key=lambda ti: ti.obtained) if ok else None


def since_date(since: str | None, title_level: str | None, ctx: Ctx) -> date | None:
    """The date a count starts from (`since: title | graduation`), for the bound records."""
    if since == "graduation":
        return ctx.edu.graduated if ctx.edu else None
    if since == "title":
        if title_level:
            ti = ctx.title if (ctx.title and ctx.title.level == title_level) else find_title(ctx.profile, title_level, None)
        else:
            ti = ctx.title or (max(ctx.profile.titles, key=lambda x: (LEVELS.index(x.level), x.obtained)) if ctx.profile.titles else None)
        return ti.obtained if ti else None
    return None


def current_title(ctx: Ctx) -> Title | None:
    """The applicant's present title (现资格): the highest level held on the counting date."""
    held = [ti for ti in ctx.profile.titles if ti.obtained <= ctx.at]
    return max(held, key=lambda x: (LEVELS.index(x.level), x.obtained)) if held else None


def records_since(since: str | None, title_level: str | None, ctx: Ctx) -> date | None:
    """The first day a counted record (paper, achievement, award, honour) may bear: the rule's
    own `since`, and no earlier than the region's `records_since` (青海 三(四)2: 业绩 from the year
    after the present title)."""
    own = since_date(since, title_level, ctx)
    floor = None
    if getattr(ctx.region, "records_since", None) == "year_after_title":
        ti = current_title(ctx)
        floor = date(ti.obtained.year + 1, 1, 1) if ti else None
    if own is None or floor is None:
        return own or floor
    return max(own, floor)


def with_detail(head: str, detail: str) -> str:
    """`head：detail` in Chinese, `head: detail` in English."""
    return f"{head}：{detail}" if lang() == "zh" else f"{head}: {detail}"


def either(table: Mapping[str, tuple[str, str]], keys) -> str:
    """Names joined as alternatives: 独著或第一作者 / sole author or first author."""
    names = [nm(table, k) for k in keys]
    if lang() == "en" and len(names) > 2:
        return ", ".join(names[:-1]) + " or " + names[-1]
    return t("或", " or ").join(names)


def since_words(since: str | None, title_level: str | None, at: date | None) -> str:
    """When a counted record must date from, as a task says it: （取得助理级职称后） / (since the
    assistant-level title, 2019-07-01)."""
    if since is None or at is None:
        return ""
    if since == "graduation":
        return t(f"（{at} 毕业后）", f" (since graduating on {at})")
    level = nm(LEVEL_NAMES, title_level) if title_level else t("现", "present")
    return t(f"（取得{level}职称即 {at} 以后）", f" (since the {level} title, {at})")


KINDS: dict[str, type[ConditionBase]] = {}


@dataclass
class ConditionBase:
    """The keys every condition may have, whatever its kind."""

    __pydantic_config__ = STRICT
    id: str | None = param(
        zh="规则编号：下级地区用它覆盖或移除（remove）这一条；也是检查结果中的规则名",
        en="the rule's id: a child region overrides or removes it by this id; the rule name in results",
    )
    text: str | None = param(zh="按通知原文写的要求（中文）；省略时由条件类型生成", en="the requirement as the notice words it (Chinese)")
    text_en: str | None = param(zh="英文表述", en="the same in English")
    source: Citation | None = param(
        zh="出处：documents 中文件的键，空格，原文自己编号的条款（如 changzhi-2022-notice 三(一)3）；省略时沿用所在途径或路线的出处",
        en="where it comes from: a key of documents, a space, the section in the document's own numbering; else the pathway's or route's",
    )
    note: str | None = param(zh="备注（不参与判断）", en="a note (not evaluated)")
    when: Applies | None = param(
        zh="只在这些情形下检查（routes/levels/series/employer_types/next_level）；其余情形视为满足",
        en="checked only in these cases; elsewhere it holds",
    )
    applies_to: Applies | None = param(
        zh="仅用于不得申报（exclusions）条目：只对这些情形适用", en="exclusions only: the cases the exclusion applies to"
    )

    if TYPE_CHECKING:
        # Every kind declares `kind: Literal["name"] = "name"` as its first own field.
        @property
        def kind(self) -> str: ...

    # Profile fields (contract §1 key paths) this kind may read: the interview asks about
    # them, the roster offers columns for them.  `profile_needs` narrows it for one rule.
    needs: ClassVar[tuple[str, ...]] = ()
    # What the kind checks (zh, en) and a short example, for docs/regions.md.
    summary: ClassVar[tuple[str, str]] = ("", "")
    example: ClassVar[str] = ""
    # Whether time alone can lift a failure of this rule (a sanction ends, a year of local
    # insurance is served): `titlecli plan` says so of the exclusions that could end a route.
    lapses: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("kind")
        if isinstance(name, str):
            if name in KINDS:
                raise TypeError(f"condition kind {name!r} is defined twice: {KINDS[name].__qualname__} and {cls.__qualname__}")
            KINDS[name] = cls

    # ------------------------------------------------------------ what a kind provides

    def evaluate(self, ctx: Ctx) -> Outcome:
        """Whether the rule holds for `ctx`, from when, and the facts it looked at."""
        raise NotImplementedError

    def wording(self) -> str:
        """The requirement in words, for a rule whose file does not word it (`text`)."""
        raise NotImplementedError

    def problems(self) -> list[tuple[tuple, str]]:
        """What is wrong beyond the types: (key path below this rule, message)."""
        return []

    def reads(self) -> set[str]:
        """Which of `needs` this rule's parameters make it read (all of them unless a kind
        says otherwise)."""
        return set(self.needs)

    def title_levels(self) -> list[str]:
        """The title levels this rule looks at (not those inside it): the engine binds the
        applicant's title of that level once for the whole pathway."""
        level = getattr(self, "title_level", None)
        return [level] if level else []

    def children(self) -> list[ConditionBase]:
        """The rules inside this one (any_of)."""
        return []

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        """What the applicant must do for this rule to hold, asked when it fails and time alone
        will not make it hold (`titlecli plan`).  A kind states its shortfall with the figures
        of its parameters and the profile ("再发表 1 篇 ≥2000 字的第一作者论文"), or says that
        nothing the applicant does will help (`doable=False`: the wrong education).  By
        default: meet the rule as worded, with what was found."""
        return Task(self.describe(), detail=outcome.detail)

    def yearly_hours(self, ctx: Ctx) -> YearlyHours | None:
        """The hours a year this rule asks for on `ctx.at`, for the plan's ledger; None for a
        rule that counts no hours."""
        return None

    # ------------------------------------------------------------ shared by every kind

    def profile_needs(self, employer_type: str | None = None) -> set[str]:
        """The profile fields this rule reads (not those of the rules inside it); for an
        applicant of `employer_type` when it is known (a rule checked only for other employers
        reads nothing of theirs)."""
        w = self.when
        if employer_type is not None and w is not None and w.employer_types and employer_type not in w.employer_types:
            return set()
        out = self.reads_for(employer_type)
        if self.when is not None and self.when.employer_types:
            out.add("employer.type")
        return out

    def reads_for(self, employer_type: str | None) -> set[str]:
        """`reads`, narrowed for an applicant of `employer_type` where a kind can say more."""
        return self.reads()

    def outcome(self, ctx: Ctx) -> Outcome:
        if self.when is not None and not applies(self.when, ctx.profile, ctx.route):
            return Outcome(True, None, True, t("不适用", "does not apply"))
        return self.evaluate(ctx)

    def describe(self) -> str:
        if self.text and lang() == "zh":
            return self.text
        if self.text_en and lang() == "en":
            return self.text_en
        return self.wording()


__all__ = [
    "KINDS",
    "Applies",
    "Bounds",
    "ByKind",
    "ConditionBase",
    "Ctx",
    "FAR",
    "RENAMES",
    "YAML_KEYS",
    "applies",
    "dataclass",
    "either",
    "find_title",
    "param",
    "since_date",
    "records_since",
    "current_title",
    "since_words",
    "title_matches",
    "with_detail",
    "yaml_key",
]
