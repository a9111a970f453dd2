"""`titlecli plan`: the road to the next title — what time will fix, what it will not, where it
is fastest, and when to act.

`plan(profile, regions, as_of)` returns a `Plan`; the renderers (titlecli.plan_render for text
and JSON, titlecli.plan_ics for iCalendar) only lay it out.

For each region the road goes level by level from the applicant's present title up to the
highest level the region encodes.  Each route of a level is checked by the engine
(`engine.candidates`, the same pathways, bindings and earliest dates as `check`):

- the date time alone makes it hold is the latest date among its rules that time fixes (years
  of work, a graduation, a sanction that ends);
- the route is then checked again on that date (the year whose continuing-education hours
  count, the papers published by then), and each rule that still fails states its shortfall as
  a task (`ConditionBase.task`), or says that nothing the applicant does will help (a blocker);
- a level above the next one is reached with the title below it assumed obtained on the day
  the applicant can first apply for it (said as an assumption in every output).

The plan never names a region: windows, deadlines, continuing-education hours and the
materials that expire all come from the region files.
"""

from __future__ import annotations

from dataclasses import field, replace
from datetime import date
from typing import TYPE_CHECKING, cast

from . import dates
from .citations import Citation
from .engine import Candidate, Check, candidates, current_level, pathway_text
from .i18n import lang, t
from .kinds import ConditionBase, walk
from .kinds.base import FAR, applies
from .model import LEVELS, Profile, Title
from .regions import held_title_name, title_name
from .results import Task, YearlyHours, dataclass
from .rules import Region, Route
from .terms import LEVEL_NAMES, ROUTE_NAMES, nm

if TYPE_CHECKING:
    from .model import Level, TitleRoute

# ---------------------------------------------------------------------------- results


@dataclass
class Step:
    """A rule whose date decides when a route opens."""

    rule: str
    text: str
    date: date
    citation: Citation | None = None


@dataclass
class ExclusionNote:
    """What would end a route: a rule every applicant must meet, whether it is in force for this
    one, and whether it lifts with time."""

    rule: str
    text: str
    in_force: bool
    lapses: bool
    lapses_on: date | None = None
    citation: Citation | None = None


@dataclass
class Assumed:
    """A title the road assumes obtained (the level below, on the day it can first be applied for)."""

    level: str
    title: str
    obtained: date


@dataclass
class OtherPathway:
    pathway: str
    text: str
    opens: date | None
    can_apply: date | None
    tasks: int  # tasks that need doing (not the routine ones)
    reachable: bool


def route_order(blocked: bool, tasks: list[Task], can_apply: date | None) -> tuple:
    """Which way to the same level comes first: open before closed; one that does not first
    need a title the applicant lacks (that is the road through the level below); one that
    waits or whose tasks have a date (a year's hours) before one whose tasks have none (three
    papers: no one can say when); then the earlier date; then fewer tasks."""
    todo = [x for x in tasks if not x.routine]
    needs_title = any(x.quantities.get("title_level") for x in todo)
    unbounded = any(x.by is None and x.opens is None for x in todo)
    # with such tasks the date says nothing (it is the day they would all be done at once):
    # fewer of them first
    return (
        1 if blocked else 0,
        1 if needs_title else 0,
        1 if unbounded else 0,
        len(todo) if unbounded else 0,
        can_apply or FAR,
        len(todo),
        len(tasks),
    )


@dataclass
class RoutePlan:
    level: str
    title: str
    route: str
    route_id: str
    pathway: str
    pathway_text: str
    opens: date | None  # the date time alone makes it hold (None: no rule with a date)
    can_apply: date | None  # with every task done (None: closed to the applicant)
    apply_on: date | None  # the first day materials are taken from then (None: the window has passed)
    deciding: list[Step] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    blockers: list[Task] = field(default_factory=list)
    exclusions: list[ExclusionNote] = field(default_factory=list)
    assumes: list[Assumed] = field(default_factory=list)
    others: list[OtherPathway] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    candidate: Candidate | None = None  # the binding checked on its date (for the ledger)

    @property
    def reachable(self) -> bool:
        return not self.blockers

    @property
    def open_tasks(self) -> list[Task]:
        """The tasks that need doing (not those kept by carrying on as now)."""
        return [x for x in self.tasks if not x.routine]

    @property
    def by_time_alone(self) -> bool:
        return self.reachable and not self.open_tasks

    @property
    def waits(self) -> bool:
        """Whether a pathway of the route opens by time alone (this one or another)."""
        return self.by_time_alone or any(o.reachable and not o.tasks for o in self.others)

    def order(self) -> tuple:
        return route_order(not self.reachable, self.tasks, self.can_apply)


@dataclass
class LevelPlan:
    level: str
    title: str
    routes: list[RoutePlan]

    @property
    def best(self) -> RoutePlan | None:
        return self.routes[0] if self.routes and self.routes[0].reachable else None


@dataclass
class LedgerRow:
    year: int
    total: float | None  # hours done (None: no record)
    public: float | None
    professional: float | None
    need_total: float | None
    need_public: float | None
    need_professional: float | None
    checked: bool  # the next application checks this year
    state: str  # past | current | future
    public_each_year: bool = False  # the year's hours must include public subjects, of any number

    @property
    def public_missing(self) -> bool:
        """No public-subject hours in a year that needs some (贵州 "均需当年的公需科目")."""
        return self.public_each_year and not self.need_public and not (self.public or 0) > 0

    def short(self) -> tuple[float, float, float]:
        return (
            max((self.need_total or 0) - (self.total or 0), 0),
            max((self.need_public or 0) - (self.public or 0), 0),
            max((self.need_professional or 0) - (self.professional or 0), 0),
        )


@dataclass
class Cycle:
    """Hours in all over several years, as the next application counts them: the years of
    the window worked in full, and their share of the hours (贵州 160 in five years, 64 in two)."""

    first: int
    last: int
    years: list[int]
    done: float
    need: float


@dataclass
class Ledger:
    rows: list[LedgerRow]
    requirements: list[tuple[str, Citation | None]]
    cycle: Cycle | None = None
    next_task: Task | None = None  # what must be done by the next application
    route: str = ""  # the route whose rule the rows are measured against


@dataclass
class ExpiringMaterial:
    rule: str
    text: str
    hand_in_by: date
    valid_until: date  # the record must still be valid on this day
    generate_from: date | None  # print it no earlier than this (where the region says how long it lasts)
    held_until: list[date] = field(default_factory=list)  # the records the profile has, and when they expire
    citation: Citation | None = None


@dataclass
class Event:
    """A date on the timeline or in the calendar."""

    day: date
    kind: str  # work | education | title | today | window | deadline | opens | apply | task | material
    text: str
    end: date | None = None  # last day of a period (inclusive)
    citation: Citation | None = None
    key: str = ""  # stable part of the calendar UID


@dataclass
class RegionPlan:
    region: str
    region_name: str
    short_name: str
    notice: str
    as_of: date
    count_until: date | None
    current_level: str | None
    levels: list[LevelPlan] = field(default_factory=list)
    beyond_until: list[str] = field(default_factory=list)
    ledger: Ledger | None = None
    materials: list[ExpiringMaterial] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    window: tuple[date | None, date | None, Citation | None] | None = None
    deadlines: tuple[list[date], Citation | None, str] | None = None
    warnings: list[str] = field(default_factory=list)
    # whether the notice held on the date planned from (citations.NoticeStatus), and what to say
    # of it before anything else (an ended or undated notice), as `check` says it
    notice_status: str = "current"
    notice_message: str | None = None

    @property
    def next_level(self) -> LevelPlan | None:
        """The lowest level above the present title that the applicant can reach."""
        for lv in self.levels:
            if lv.best is not None:
                return lv
        return None

    @property
    def top_reached(self) -> bool:
        return not self.levels and not self.beyond_until


@dataclass
class Plan:
    profile_path: str
    name: str
    masked_id: str
    as_of: date
    until: int | None
    current_level: str | None
    regions: list[RegionPlan]
    ranking_level: str | None = None
    decisive: str | None = None

    @property
    def exit_code(self) -> int:
        """0 when the next level is reachable by time alone (or there is none), 1 when a task
        is needed or nothing is reachable — for the region ranked first."""
        if not self.regions:
            return 1
        rp = self.regions[0]
        if rp.top_reached:
            return 0
        lv = rp.next_level
        return 0 if lv is not None and any(r.reachable and r.waits for r in lv.routes) else 1


# ---------------------------------------------------------------------------- hand-in days


def hand_in_day(region: Region, day: date) -> date | None:
    """The first day on or after `day` the region takes materials; None when its only window
    has already closed."""
    w = region.window
    if w is not None and (w.from_ or w.until):
        if w.until and day > w.until:
            return None
        return max(day, w.from_) if w.from_ else day
    return day


def deadlines_between(region: Region, start: date, end: date) -> list[date]:
    """The last hand-in days of a recurring deadline from `start` to `end` (both included)."""
    d = region.deadlines
    if d is None:
        return []
    out = []
    for year in range(start.year, end.year + 1):
        for m in sorted(d.months):
            last = dates.plus_days(date(year, m, d.before_day), -1)
            if start <= last <= end:
                out.append(last)
    return out


def next_deadline(region: Region, day: date) -> date:
    """The last day of the hand-in period `day` falls in: the window's end, the next recurring
    deadline, or the day itself."""
    w = region.window
    if w is not None and w.until and day <= w.until:
        return w.until
    upcoming = deadlines_between(region, day, dates.add_months(day, 12))
    return upcoming[0] if upcoming else day


# ---------------------------------------------------------------------------- one route


def _time_date(cand: Candidate) -> date | None:
    """The date time alone makes the candidate hold: the latest date of a rule time fixes."""
    ds = [c.reason.earliest_date for c in cand.checks if c.reason.earliest_date and (c.reason.passed or c.reason.fixable)]
    return max(ds) if ds else None


def _key(c: Candidate) -> tuple:
    return (c.pathway.id, id(c.edu), id(c.title))


def _assess(cand: Candidate, opens: date | None, as_of: date) -> tuple[list[Task], list[Task], date | None]:
    """Tasks, blockers and the date the route can open with the tasks done, from the rules that
    fail on the date they are checked."""
    tasks: list[Task] = []
    blockers: list[Task] = []
    can = max(opens or as_of, as_of)
    for c in cand.checks:
        if c.reason.passed or c.condition is None or c.outcome is None:
            continue
        if c.reason.fixable and c.reason.earliest_date:
            can = max(can, c.reason.earliest_date)
            continue
        task = c.condition.task(c.ctx, c.outcome)
        task.rule, task.citation = c.reason.rule, c.reason.citation
        level = task.quantities.get("title_level")
        if level and any(x.quantities.get("title_level") == level for x in tasks):
            continue  # "first obtain the title" once, though two rules count from it
        route = c.ctx.route
        if level and route is not None and LEVELS.index(level) >= LEVELS.index(route.level):
            # a title of this level or above first (a transfer from another series): not a way up
            task.doable = False
        (tasks if task.doable else blockers).append(task)
        if task.opens:
            can = max(can, task.opens)
    return tasks, blockers, (None if blockers else can)


def _deciding(cand: Candidate, opens: date | None) -> list[Step]:
    if opens is None:
        return []
    out = []
    for c in cand.checks:
        r = c.reason
        if c.condition is not None and not c.exclusion and r.earliest_date == opens and (r.passed or r.fixable):
            out.append(Step(r.rule, c.condition.describe(), opens, r.citation))
    if not out:  # a sanction that ends, a year of local insurance: an exclusion decides
        out = [
            Step(c.reason.rule, c.condition.describe(), opens, c.reason.citation)
            for c in cand.checks
            if c.condition is not None and c.reason.earliest_date == opens
        ]
    return out


def _exclusions(cand: Candidate) -> list[ExclusionNote]:
    out = []
    for c in cand.checks:
        if not c.exclusion or c.condition is None:
            continue
        r = c.reason
        lapses_on = r.earliest_date if (not r.passed and r.fixable) else None
        out.append(ExclusionNote(r.rule, c.condition.describe(), not r.passed, type(c.condition).lapses, lapses_on, r.citation))
    return out


@dataclass
class _Try:
    """One binding of one pathway, checked on the date time alone opens it."""

    cand: Candidate
    opens: date | None
    tasks: list[Task]
    blockers: list[Task]
    can_apply: date | None
    now: Candidate  # the same binding checked on the plan's own date (what is in force today)

    def rank(self, order: dict) -> tuple:
        return (*route_order(bool(self.blockers), self.tasks, self.can_apply), order[self.cand.pathway.id])


def _tries(region: Region, profile: Profile, route: Route, base_at: date, as_of: date) -> list[_Try]:
    first = candidates(region, profile, route, base_at, as_of)
    out = []
    rechecked: dict[date, dict] = {}
    for now in first:
        opens = _time_date(now)
        at = max(base_at, opens) if opens else base_at
        cand = now
        if at != base_at:
            if at not in rechecked:
                rechecked[at] = {_key(c): c for c in candidates(region, profile, route, at, as_of)}
            cand = rechecked[at][_key(now)]
        tasks, blockers, can = _assess(cand, opens, as_of)
        out.append(_Try(cand, opens, tasks, blockers, can, now))
    return out


def plan_route(region: Region, profile: Profile, route: Route, as_of: date, assumes: list[Assumed]) -> RoutePlan:
    base_at = region.count_until or as_of
    tries = _tries(region, profile, route, base_at, as_of)
    order = {pw.id: i for i, pw in enumerate(route.pathways)}
    tries.sort(key=lambda x: x.rank(order))
    best = tries[0]
    pw = best.cand.pathway
    others, seen = [], {pw.id}
    for x in tries[1:]:
        if x.cand.pathway.id in seen:
            continue
        seen.add(x.cand.pathway.id)
        todo = len([k for k in x.tasks if not k.routine])
        others.append(OtherPathway(x.cand.pathway.id, pathway_text(x.cand.pathway), x.opens, x.can_apply, todo, not x.blockers))
    apply_on = hand_in_day(region, best.can_apply) if best.can_apply else None
    rp = RoutePlan(
        route.level,
        title_name(region, profile.application.series, route.level),
        route.route,
        route.id,
        pw.id,
        pathway_text(pw),
        best.opens,
        best.can_apply,
        apply_on,
        _deciding(best.cand, best.opens),
        best.tasks,
        best.blockers,
        _exclusions(best.now),
        list(assumes),
        others,
        candidate=best.cand,
    )
    return rp


def _route_warnings(region: Region, rp: RoutePlan) -> None:
    """Said of the next level's road only: every level after it is later still."""
    if rp.can_apply is None:
        return
    if region.count_until and rp.can_apply > region.count_until:
        rp.warnings.append(
            t(
                f"{rp.can_apply} 晚于本次资历计算截止日 {region.count_until}：本轮无法申报，以下按规则不变估算，请留意下一年度通知",
                f"{rp.can_apply} is after this round's cut-off {region.count_until}: this round is missed; "
                "the plan assumes the rules stay the same — watch for next year's notice",
            )
        )
    elif rp.apply_on is None and region.window is not None:
        rp.warnings.append(
            t(
                f"本次收审时间（至 {region.window.until}）已过，请留意下一次通知",
                f"this round's hand-in window (until {region.window.until}) has passed; watch for the next notice",
            )
        )


# ---------------------------------------------------------------------------- the road


def _with_title(profile: Profile, a: Assumed, route_kind: str) -> Profile:
    kind = route_kind if route_kind in ("initial", "review", "exam") else "review"
    ti = Title(
        level=cast("Level", a.level), obtained=a.obtained, series=profile.application.series, name=a.title, route=cast("TitleRoute", kind)
    )
    return replace(profile, titles=[*profile.titles, ti])


def _better(a: RoutePlan, b: RoutePlan) -> RoutePlan:
    return b if (*b.order(), len(b.assumes)) < (*a.order(), len(a.assumes)) else a


def _level_routes(region: Region, profile: Profile, routes: list[Route], as_of: date, assumed: tuple | None) -> list[RoutePlan]:
    """Each route of a level, checked with the applicant's own titles and, where it helps, with
    the title below assumed obtained."""
    out = []
    for route in routes:
        rp = plan_route(region, profile, route, as_of, [])
        if assumed is not None:
            a, kind = assumed
            with_a = plan_route(region, _with_title(profile, a, kind), route, as_of, [a])
            # "first obtain the title below" is what the assumption does: its outcome stands
            # even when the title then closes the route (a region that initialises only once)
            needs_a = any(x.quantities.get("title_level") == a.level for x in rp.tasks)
            rp = with_a if needs_a else _better(rp, with_a)
        out.append(rp)
    out.sort(key=RoutePlan.order)
    return out


def plan_region(profile: Profile, region: Region, as_of: date, until: int | None = None) -> RegionPlan:
    from .engine import check as _check

    series = profile.application.series
    routes = [r for r in region.routes if r.series == "*" or series in r.series]
    cur = current_level(profile)
    verdict = _check(profile, region, as_of)
    rp = RegionPlan(
        region.id,
        verdict.region_name,
        verdict.region_name.split(" · ")[0],
        verdict.notice,
        as_of,
        region.count_until,
        cur,
        warnings=list(verdict.warnings),
        notice_status=verdict.notice_status,
        notice_message=verdict.notice_message,
    )
    if region.window is not None:
        rp.window = (region.window.from_, region.window.until, region.window.source)
    horizon = date(until, 12, 31) if until else None
    levels = sorted({r.level for r in routes if cur is None or LEVELS.index(r.level) > LEVELS.index(cur)}, key=LEVELS.index)
    assumed: tuple | None = None
    for lvl in levels:
        lp = LevelPlan(
            lvl, title_name(region, series, lvl), _level_routes(region, profile, [r for r in routes if r.level == lvl], as_of, assumed)
        )
        best = lp.best
        if best is not None and horizon and best.can_apply and best.can_apply > horizon:
            # the levels past --until are named, not planned
            rp.beyond_until = [str(x) for x in levels[levels.index(lvl) :]]
            break
        rp.levels.append(lp)
        if best is not None and best.can_apply:
            obtained = best.apply_on or max(best.can_apply, as_of)
            assumed = (Assumed(lvl, lp.title, obtained), best.route)
    nxt = rp.next_level
    if nxt is not None and nxt.best is not None:
        _route_warnings(region, nxt.best)
    rp.ledger = ledger(profile, rp)
    rp.materials = expiring_materials(profile, region, rp)
    if region.deadlines is not None:
        # the next cut-off, and the one the next application is handed in by
        ahead = deadlines_between(region, as_of, dates.add_months(as_of, 12))[:1]
        nxt = rp.next_level
        if nxt is not None and nxt.best is not None and (nxt.best.apply_on or nxt.best.can_apply):
            ahead.append(next_deadline(region, max(nxt.best.apply_on or nxt.best.can_apply or as_of, as_of)))
        d = region.deadlines
        months = t("、", ", ").join(str(m) for m in sorted(d.months))
        rule = t(
            f"每年 {months} 月 {d.before_day} 日前停止受理",
            f"materials are taken until the day before the {d.before_day}th of months {months}",
        )
        rp.deadlines = (sorted(set(ahead)), d.source, rule)
    rp.events = events(profile, region, rp, horizon)
    return rp


# ---------------------------------------------------------------------------- ledger


def _yearly_rules(rp: RoutePlan) -> list[tuple[YearlyHours, str, Citation | None, ConditionBase, Check]]:
    """The rules with a yearly quota of hours on the route, as checked on its date."""
    out: list[tuple[YearlyHours, str, Citation | None, ConditionBase, Check]] = []
    cand = rp.candidate
    if cand is None:
        return out
    for c in cand.checks:
        if c.condition is None:
            continue
        for cond in walk([c.condition]):
            if cond.when is not None and not applies(cond.when, c.ctx.profile, c.ctx.route):
                continue
            at = max(c.ctx.at, rp.can_apply) if rp.can_apply else c.ctx.at
            yh = cond.yearly_hours(c.ctx.replace(at=at))
            if yh is not None:
                out.append((yh, cond.describe(), cond.source or c.reason.citation, cond, c))
    return out


def ledger(profile: Profile, rp: RegionPlan) -> Ledger | None:
    """Continuing education year by year against the quota of the first route on the road that
    sets one: what was done, what was asked, the shortfall, and what the next application needs."""
    found = []
    # reachable levels first: a route closed to the applicant does not set their hours
    for lv in sorted(rp.levels, key=lambda lv: lv.best is None):
        route = lv.best or (lv.routes[0] if lv.routes else None)
        if route is not None:
            found += [(route, *x) for x in _yearly_rules(route)]
    if not found:
        return None
    route, yh, _text, _cite, cond, check = found[0]
    requirements: list[tuple[str, Citation | None]] = []
    for _r, _y, text, cite, _c, _ch in found:
        if (text, cite) not in requirements:
            requirements.append((text, cite))
    ce = {int(y): v for y, v in profile.continuing_education.items()}
    starts = [w.start.year for w in profile.work if w.professional]
    first = min([*ce, *yh.years, *([max(starts)] if starts and not ce else [])])
    last = max([*yh.years, rp.as_of.year])
    first = max(first, last - 9)  # ten rows at most
    rows = []
    for y in range(first, last + 1):
        rec = ce.get(y)
        state = "past" if y < rp.as_of.year else ("current" if y == rp.as_of.year else "future")
        rows.append(
            LedgerRow(
                y,
                rec.total if rec else None,
                rec.public if rec else None,
                rec.professional if rec else None,
                yh.total,
                yh.public,
                yh.professional,
                y in yh.years,
                state,
                yh.public_each_year,
            )
        )
    cycle = None
    if yh.cumulative and yh.cumulative_years:
        cyc = yh.cumulative_years
        cycle = Cycle(cyc[0], cyc[-1], cyc, sum(ce[y].total for y in cyc if y in ce), yh.cumulative)
    next_task = next((x for x in route.tasks if x.rule == check.reason.rule), None)
    label = f"{route.title} · {nm(ROUTE_NAMES, route.route)}"
    return Ledger(rows, requirements, cycle, next_task, label)


# ---------------------------------------------------------------------------- materials


def expiring_materials(profile: Profile, region: Region, rp: RegionPlan) -> list[ExpiringMaterial]:
    """Records that must still be valid when handed in (the CHSI record), for the next
    application: how long they must last, and where the region says how long a printed one is
    valid, the earliest day to print it."""
    lv = rp.next_level
    if lv is None or lv.best is None or region.online is None:
        return []
    route = lv.best
    day = route.apply_on or route.can_apply
    if day is None:
        return []
    day = max(day, rp.as_of)
    out = []
    for c in region.online.checks:
        if c.kind != "chsi_valid":
            continue
        end = next_deadline(region, day)
        need = dates.plus_days(dates.add_months(end, c.months or 0), c.days or 0)
        gen = dates.add_months(need, -c.valid_months) if c.valid_months else None
        held = sorted(e.chsi_record.valid_until for e in profile.education if e.chsi_record and e.chsi_record.valid_until)
        text = (c.text_en or c.text) if lang() == "en" else (c.text or c.text_en)
        out.append(
            ExpiringMaterial(
                c.id or "chsi-valid",
                text or t("学信网《学历证书电子注册备案表》须在有效期内", "the CHSI education record must still be valid"),
                end,
                need,
                gen,
                held,
                c.source,
            )
        )
    return out


# ---------------------------------------------------------------------------- events


def _history(profile: Profile, region: Region) -> list[Event]:
    out = []
    for i, w in enumerate(profile.work):
        what = " ".join(x for x in (w.employer, w.post) if x) or t("工作", "work")
        out.append(Event(w.start, "work", what, w.end, key=f"work-{i}"))
    for i, e in enumerate(profile.education):
        from .terms import EDU_NAMES

        out.append(
            Event(e.graduated, "education", t(f"{nm(EDU_NAMES, e.level)}毕业", f"{nm(EDU_NAMES, e.level)} graduation"), key=f"edu-{i}")
        )
    for i, ti in enumerate(profile.titles):
        name = held_title_name(region, ti.name, ti.level)
        out.append(Event(ti.obtained, "title", t(f"取得{name}", f"{name} obtained"), key=f"title-{i}"))
    return out


def _road_events(rp: RegionPlan) -> list[Event]:
    out = []
    for lv in rp.levels:
        best = lv.best
        if best is None:
            continue
        head = f"{best.title} · {nm(ROUTE_NAMES, best.route)}"
        if best.opens and best.opens >= rp.as_of:
            out.append(
                Event(
                    best.opens, "opens", t(f"{head}：年限等时间条件满足", f"{head}: the time conditions are met"), key=f"opens-{lv.level}"
                )
            )
        if best.apply_on and best.apply_on >= rp.as_of and best.apply_on != best.opens:
            out.append(Event(best.apply_on, "apply", t(f"{head}：可申报", f"{head}: may apply"), key=f"apply-{lv.level}"))
        for i, task in enumerate(best.open_tasks):
            if task.by and task.by >= rp.as_of:
                out.append(
                    Event(
                        task.by,
                        "task",
                        t(f"{head}：{task.text}（截止）", f"{head}: {task.text} (last day)"),
                        citation=task.citation,
                        key=f"task-{lv.level}-{i}",
                    )
                )
    return out


def events(profile: Profile, region: Region, rp: RegionPlan, horizon: date | None) -> list[Event]:
    out = _history(profile, region)
    out.append(Event(rp.as_of, "today", t("今天（检查日期）", "today (the date planned from)"), key="today"))
    if region.window is not None and region.window.until and region.window.until >= rp.as_of:
        w = region.window
        start = w.from_ or rp.as_of
        out.append(Event(start, "window", t("材料收审", "materials taken"), w.until, w.source, key="window"))
    if rp.deadlines is not None:
        for d in rp.deadlines[0]:
            out.append(
                Event(
                    d, "deadline", t("本季度最后受理日", "last hand-in day of the quarter"), citation=rp.deadlines[1], key=f"deadline-{d}"
                )
            )
    out += _road_events(rp)
    for m in rp.materials:
        if m.generate_from and m.generate_from >= rp.as_of:
            out.append(
                Event(
                    m.generate_from,
                    "material",
                    t(f"最早可打印：{m.text}", f"earliest day to print: {m.text}"),
                    citation=m.citation,
                    key=f"material-{m.rule}",
                )
            )
    if horizon is not None:
        out = [e for e in out if e.day <= horizon]
    out.sort(key=lambda e: (e.day, e.kind, e.key))
    return out


# ---------------------------------------------------------------------------- ranking


def _target_level(profile: Profile, plans: list[RegionPlan]) -> str | None:
    cur = current_level(profile)
    want = profile.application.level
    if want and (cur is None or LEVELS.index(want) > LEVELS.index(cur)):
        return want
    reach = [rp.next_level.level for rp in plans if rp.next_level is not None]
    return min(reach, key=LEVELS.index) if reach else None


def _route_at(rp: RegionPlan, level: str | None) -> RoutePlan | None:
    for lv in rp.levels:
        if lv.level == level:
            return lv.best
    return None


def rank(profile: Profile, plans: list[RegionPlan]) -> tuple[list[RegionPlan], str | None, str | None]:
    """Regions in the order the target level opens in them (the level applied for, else the
    lowest one any region reaches), and the deciding difference between the first two."""
    level = _target_level(profile, plans)

    def key(rp: RegionPlan) -> tuple:
        r = _route_at(rp, level)
        if r is None:
            return (1, FAR, 0, rp.region)
        return (0, r.can_apply or FAR, len(r.open_tasks), rp.region)

    ordered = sorted(plans, key=key)
    return ordered, level, _decisive(ordered, level)


def _why(rp: RegionPlan, level: str | None) -> str:
    r = _route_at(rp, level)
    if r is None:
        return t(
            f"{rp.short_name}：无法取得{nm(LEVEL_NAMES, level or '')}", f"{rp.short_name}: {nm(LEVEL_NAMES, level or '')} out of reach"
        )
    steps = "、".join(s.text for s in r.deciding) if r.deciding else r.pathway_text
    when = r.can_apply.isoformat() if r.can_apply else "—"
    return t(f"{rp.short_name}：{steps}（{when}）", f"{rp.short_name}: {steps} ({when})")


def _decisive(ordered: list[RegionPlan], level: str | None) -> str | None:
    if len(ordered) < 2 or level is None:
        return None
    return t("；", "; ").join(_why(rp, level) for rp in ordered[:2])


def plan(profile: Profile, regions: list[Region], as_of: date, until: int | None = None, profile_path: str = "") -> Plan:
    plans = [plan_region(profile, r, as_of, until) for r in regions]
    level, decisive = None, None
    if len(plans) > 1:
        plans, level, decisive = rank(profile, plans)
    return Plan(profile_path, profile.name, profile.masked_id, as_of, until, current_level(profile), plans, level, decisive)


__all__ = [
    "Event",
    "ExclusionNote",
    "ExpiringMaterial",
    "Ledger",
    "LedgerRow",
    "LevelPlan",
    "Plan",
    "RegionPlan",
    "RoutePlan",
    "Step",
    "plan",
    "plan_region",
    "rank",
]
