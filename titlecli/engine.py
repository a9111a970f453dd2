"""The eligibility engine: evaluates a profile against a region's routes.

The engine knows condition kinds, never region names.  For each (level, route) it tries every
pathway with every way of binding the applicant's records (which diploma, which title) and
keeps the best: eligible with the earliest date, else the one that becomes eligible first,
else the one with the fewest unmet conditions.

`earliest_date` is the first date on which every condition holds if the present job simply
goes on (open work periods continue) and nothing else changes; None when a condition that
time cannot fix fails.
"""

from __future__ import annotations

import itertools
import weakref
from datetime import date

from .citations import Citation, kind_name, render
from .i18n import an, lang, listed, t
from .kinds import ConditionBase, Ctx, applies, describe, walk
from .kinds.base import FAR, title_matches
from .kinds.education import EducationCondition
from .kinds.titles import SkillCondition, TitleCondition
from .model import LEVELS, Education, Profile, Title
from .results import Alternative, LevelResult, Outcome, Reason, Verdict
from .rules import Adjustment, Pathway, Region, Route
from .terms import LEVEL_NAMES, ROUTE_NAMES, nm

# What other modules take from here: the check, and the words for levels and routes.
__all__ = ["LEVEL_NAMES", "ROUTE_NAMES", "Candidate", "Check", "applies", "candidates", "check", "describe", "evaluate", "nm", "reason"]


def _d(x: date | None) -> str:
    return x.isoformat() if x else "—"


def evaluate(c: ConditionBase, ctx: Ctx) -> Outcome:
    return c.outcome(ctx)


def reason(c: ConditionBase, ctx: Ctx, rule_id: str, source: Citation | None, o: Outcome | None = None) -> Reason:
    if o is None:
        o = c.outcome(ctx)
    text = c.describe()
    msg = f"{text}（{o.detail}）" if o.detail and lang() == "zh" else (f"{text} ({o.detail})" if o.detail else text)
    if o.earliest is not None and o.earliest >= date.max:
        # reached only at the calendar's end (a sanction "until 9999-12-31"): time does not fix it
        return Reason(rule_id, o.passed, msg, source, None, False)
    return Reason(rule_id, o.passed, msg, source, o.earliest, o.fixable)


# ---------------------------------------------------------------- routes


def _combine(reasons: list[Reason]) -> tuple[bool, date | None]:
    eligible = all(r.passed for r in reasons)
    if any((not r.passed) and not r.fixable for r in reasons):
        return eligible, None
    ds = [r.earliest_date for r in reasons if r.earliest_date is not None]
    if not eligible and not [r for r in reasons if not r.passed and r.earliest_date]:
        return eligible, None
    return eligible, max(ds) if ds else None


def _title_levels(conds: list[ConditionBase]) -> list[str]:
    """The title levels a pathway looks at, in order: the first is bound once for it."""
    out: list[str] = []
    for c in walk(conds):
        out += [lvl for lvl in c.title_levels() if lvl not in out]
    return out


def _title_series_rule(conds: list[ConditionBase]):
    for c in conds:
        if isinstance(c, TitleCondition) and c.series is not None:
            return c.series
    return None


def _education_conditions(conds: list[ConditionBase]) -> list[EducationCondition]:
    return [c for c in conds if isinstance(c, EducationCondition)]


class _Shape:
    """What a route's rules say about binding the applicant's records, worked out once per route:
    a region is loaded once per process and never changed after, so `check` of many profiles
    asks the same of every profile (walking every pathway's rules for it was ~6 % of each).

    pathways: per pathway (by id) its education conditions, the title levels it looks at and
    its title rule's series; by_education: the pathways by education (see evaluate_route)."""

    __slots__ = ("by_education", "pathways")

    def __init__(self, route: Route) -> None:
        self.pathways: dict[int, tuple[list[EducationCondition], list[str], object]] = {}
        for pw in route.pathways:
            conds = list(route.requires) + list(pw.conditions)
            edu_conds = _education_conditions(pw.conditions) or _education_conditions(route.requires)
            self.pathways[id(pw)] = (edu_conds, _title_levels(conds), _title_series_rule(conds))
        self.by_education = {
            id(pw)
            for pw in route.pathways
            if any(isinstance(c, EducationCondition) for c in walk(pw.conditions))
            and not any(isinstance(c, SkillCondition) for c in walk(pw.conditions))
        }


_SHAPES: weakref.WeakKeyDictionary[Route, _Shape] = weakref.WeakKeyDictionary()


def _shape(route: Route) -> _Shape:
    shape = _SHAPES.get(route)
    if shape is None:
        shape = _SHAPES[route] = _Shape(route)
    return shape


def adjustments_for(region: Region, profile: Profile, route: Route, base: Ctx) -> list[tuple[Adjustment, Outcome]]:
    out = []
    for adj in region.adjustments:
        if not applies(adj.applies_to, profile, route):
            continue
        w = adj.when
        if isinstance(w, EducationCondition):
            # an education that qualifies is bound to the relaxation's own test, not the pathway's
            eds = [e for e in profile.education if w.matches(e)]
            o = w.evaluate(base.replace(edu=eds[0])) if eds else Outcome(False)
        else:
            o = w.outcome(base)
        if o.passed:
            out.append((adj, o))
    return out


# Plain classes with a written __init__, as titlecli.results explains (tests/test_records.py).
class Check:
    """One rule checked for one binding of a pathway: the rule, the context it was checked in,
    what it found and the reason shown for it (an adjustment has no rule)."""

    condition: ConditionBase | None
    ctx: Ctx
    outcome: Outcome | None
    reason: Reason
    exclusion: bool = False

    def __init__(self, condition: ConditionBase | None, ctx: Ctx, outcome: Outcome | None, reason: Reason, exclusion: bool = False) -> None:
        self.condition = condition
        self.ctx = ctx
        self.outcome = outcome
        self.reason = reason
        self.exclusion = exclusion


class Candidate:
    """A pathway of a route with one binding of the applicant's records (which diploma, which
    title), checked on one date."""

    pathway: Pathway
    edu: object
    title: object
    checks: list[Check]
    eligible: bool
    earliest: date | None

    def __init__(self, pathway: Pathway, edu: object, title: object, checks: list[Check], eligible: bool, earliest: date | None) -> None:
        self.pathway = pathway
        self.edu = edu
        self.title = title
        self.checks = checks
        self.eligible = eligible
        self.earliest = earliest

    @property
    def reasons(self) -> list[Reason]:
        return [c.reason for c in self.checks]


def _check(c: ConditionBase, ctx: Ctx, rule_id: str, source: Citation | None, exclusion: bool = False) -> Check:
    o = c.outcome(ctx)
    return Check(c, ctx, o, reason(c, ctx, rule_id, source, o), exclusion)


def candidates(region: Region, profile: Profile, route: Route, at: date, as_of: date) -> list[Candidate]:
    """Every pathway of `route` with every binding of the applicant's records, checked at `at`."""
    base = Ctx(profile, region, route, at, as_of)
    adjs = adjustments_for(region, profile, route, base)
    shorten = sum(a.shorten_years * 12 + a.shorten_months for a, _ in adjs)
    excl = [e for e in region.exclusions if applies(e.applies_to, profile, route)]
    out = []
    shape = _shape(route)
    # The exclusions and the route's own requirements read no pathway: checked once for each
    # binding of the records, not once more for every pathway (a third of a profile's check).
    shared: dict[tuple[int, int], list[Check]] = {}
    for pw in route.pathways:
        edu_conds, levels, srule = shape.pathways[id(pw)]
        eds: list[Education | None]
        if edu_conds:
            eds = [e for e in profile.education if all(c.matches(e) for c in edu_conds)] or [None]
        else:
            eds = list(profile.education) or [None]
        tis: list[Title | None] = (
            ([ti for ti in profile.titles if title_matches(ti, levels[0], srule, profile.application.series)] or [None])
            if levels
            else [None]
        )
        for ed, ti in itertools.product(eds, tis):
            ctx = base.replace(edu=ed, title=ti, shorten=shorten)
            common = shared.get((id(ed), id(ti)))
            if common is None:
                # adjustments shorten the routes' durations, not an exclusion's (a year of local insurance)
                unshortened = ctx.replace(shorten=0) if shorten else ctx
                common = [_check(e, unshortened, e.id or e.kind, e.source, True) for e in excl]
                common += [_check(c, ctx, c.id or f"{route.id}:{c.kind}", c.source or route.source) for c in route.requires]
                shared[(id(ed), id(ti))] = common
            checks = list(common)
            for c in pw.conditions:
                checks.append(_check(c, ctx, c.id or f"{pw.id}:{c.kind}", c.source or pw.source or route.source))
            for adj, _o in adjs:
                text = (adj.text_en if lang() == "en" and adj.text_en else adj.text) or adj.id
                checks.append(Check(None, ctx, None, Reason(adj.id, True, text, adj.source, None)))
            ok, early = _combine([c.reason for c in checks])
            out.append(Candidate(pw, ed, ti, checks, ok, early))
    return out


def evaluate_route(region: Region, profile: Profile, route: Route, at: date, as_of: date) -> LevelResult:
    from .regions import title_name

    title = title_name(region, profile.application.series, route.level)
    cands = candidates(region, profile, route, at, as_of)
    order = {id(pw): i for i, pw in enumerate(route.pathways)}

    # The main line is a pathway by education; one that rests on a worker's skill grade is special
    # even where the education is still asked of it (Changzhi 三(一)2-3: the 技师 clause stands in
    # for the years, not for the diploma).
    by_education = _shape(route).by_education

    def rank(cand: Candidate):
        # Among pathways that hold, the applicant's main line: a pathway by education (one
        # with an education condition) before a special one (a skill grade, an exception);
        # within each, the one that held first — the route's earliest date does not move
        # with --as-of — and on the same day the one the notice lists first.  Otherwise the
        # one that will hold first; otherwise the one with the fewest unmet conditions.
        pw, ok, early = cand.pathway, cand.eligible, cand.earliest
        fails = sum(1 for r in cand.reasons if not r.passed)
        if ok:
            return (0, 0 if id(pw) in by_education else 1, early or FAR, order[id(pw)])
        return (1 if early else 2, 0, early or FAR, fails)

    best = min(cands, key=rank)
    pw, ok, early, rs = best.pathway, best.eligible, best.earliest, best.reasons
    alts = []
    seen = {pw.id}
    for cand in sorted(cands, key=rank):
        p2 = cand.pathway
        if p2.id in seen:
            continue
        seen.add(p2.id)
        alts.append(
            Alternative(
                p2.id,
                pathway_text(p2),
                cand.eligible,
                cand.earliest,
                [r.message for r in cand.reasons if not r.passed],
                render(p2.source or route.source),
            )
        )
    result = LevelResult(route.level, title, route.route, route.id, ok, early, rs, pw.id, pathway_text(pw), alts)
    if cands and all(not c.eligible and not c.earliest and _education_failed(c) for c in cands):
        # every pathway asks for an education the applicant does not have: not their route
        asked = list(dict.fromkeys(text for c in cands for text, _ in _education_failed(c)))
        text, message = _education_failed(best)[0]
        has = message.removeprefix(text).strip(" （）()")  # the applicant's education, as the best pathway read it
        result.applicable = False
        result.not_applicable = t(
            f"学历不符：各途径要求{'，或'.join(asked)}（{has}）", f"education: the pathways ask for {' or '.join(asked)} ({has})"
        )
    return result


def _education_failed(cand: Candidate) -> list[tuple[str, str]]:
    """The candidate's failed conditions on education alone: (the rule, what was found)."""
    return [
        (c.condition.describe(), c.reason.message)
        for c in cand.checks
        if not c.reason.passed and c.condition is not None and not c.exclusion and _is_education(c.condition)
    ]


def _is_education(c: ConditionBase) -> bool:
    """A condition on the applicant's education alone (also an any_of of educations)."""
    leaves = [x for x in walk([c]) if not x.children()]
    return bool(leaves) and all(isinstance(x, EducationCondition) for x in leaves)


def _label_routes(results: list[LevelResult], region: Region) -> None:
    """Two routes of the same level and kind (national: 中级 · 评审 for every series and the
    engineering series' own) get words that tell them apart, so no two blocks share a heading."""
    from .terms import series_name

    by_id = {r.id: r for r in region.routes}
    seen: dict[tuple[str, str], list[LevelResult]] = {}
    for r in results:
        seen.setdefault((r.level, r.route), []).append(r)
    for group in seen.values():
        if len(group) < 2:
            continue
        for r in group:
            route = by_id[r.route_id]
            own = route.text_en if lang() == "en" and route.text_en else route.text
            if own:
                r.route_label = own
            elif route.series == "*":
                r.route_label = t("各系列通用条件", "conditions for every series")
            else:
                names = listed([series_name(s, region) for s in route.series])  # "engineering and economics"
                r.route_label = t(f"{names}专门条件", f"the {names} series' own conditions")
        labels = [r.route_label for r in group]
        for r in group:  # still alike (two routes for the same series): the passage they rest on
            if labels.count(r.route_label) > 1 and by_id[r.route_id].source is not None:
                r.route_label = f"{r.route_label}{t('，依据 ', ', per ')}{by_id[r.route_id].source}".lstrip("，, ")


def pathway_text(pw) -> str:
    if lang() == "en" and pw.text_en:
        return pw.text_en
    return pw.text or pw.id


def current_level(profile: Profile) -> str | None:
    if not profile.titles:
        return None
    return max((ti.level for ti in profile.titles), key=LEVELS.index)


def check(profile: Profile, region: Region, as_of: date, level: str | None = None, profile_path: str = "", base_dir=None) -> Verdict:
    at = region.count_until or as_of
    warnings: list[str] = []
    series = profile.application.series
    routes = [r for r in region.routes if r.series == "*" or series in r.series]
    if level:
        routes = [r for r in routes if r.level == level]
    if not routes:
        warnings.append(
            t(
                f"本地区规则中没有适用于 {series} 系列{'、' + nm(LEVEL_NAMES, level) if level else ''}的初定或评审途径",
                f"this region defines no route for the {series} series{' at ' + nm(LEVEL_NAMES, level) if level else ''}",
            )
        )
    results = [evaluate_route(region, profile, r, at, as_of) for r in routes]
    cur = current_level(profile)
    for r in results:
        if region.count_until and r.earliest_date and r.earliest_date > region.count_until:
            r.warnings.append(
                t(
                    f"最早可申报日期 {r.earliest_date} 晚于本次资历计算截止日 {region.count_until}：本轮无法申报，请留意下一年度通知",
                    f"the earliest date {r.earliest_date} is after this round's cut-off {region.count_until}: "
                    "this round is missed; watch for next year's notice",
                )
            )
        if cur and LEVELS.index(r.level) < LEVELS.index(cur) and r.route != "transfer":
            r.applicable = False
            r.not_applicable = t(f"已持有更高的{nm(LEVEL_NAMES, cur)}职称", f"already holds a higher title ({nm(LEVEL_NAMES, cur)})")
        elif cur and LEVELS.index(r.level) == LEVELS.index(cur):
            r.warnings.append(
                t(
                    f"已持有{nm(LEVEL_NAMES, cur)}职称，不必再申报{nm(LEVEL_NAMES, r.level)}",
                    f"already holds {an(nm(LEVEL_NAMES, cur) + ' title')}",
                )
            )
    _label_routes(results, region)
    target = level or profile.application.level
    if target:
        eligible = any(r.eligible for r in results if r.level == target)
    else:
        eligible = any(r.eligible for r in results if cur is None or LEVELS.index(r.level) > LEVELS.index(cur))
    online = []
    if region.online is not None:
        from .online import online_reasons

        online = online_reasons(profile, region, as_of, base_dir)
    from .regions import region_name

    return Verdict(
        profile_path,
        profile.name,
        profile.masked_id,
        region.id,
        region_name(region),
        as_of,
        at,
        eligible,
        results,
        warnings,
        target,
        cur,
        # the notice as a person names it, and what kind of document it is, so that a verdict
        # resting on a Q&A compilation does not pass for one from a local notice:
        # "长工信〔2022〕139号《关于…的通知》（正式文件）"
        (region.notice.document_number or "")
        + f"《{region.notice.title}》"
        + t(f"（{kind_name(region.notice.document.kind)}）", f" ({kind_name(region.notice.document.kind)})"),
        online,
        region.online.system if region.online else None,
        # said once, before any verdict: a verdict under an ended notice is no verdict on today
        region.notice.status(as_of),
        region.notice.status_message(as_of),
        region.notice.round_label(),
    )
