"""Which parts of the profile a region's rules look at, from its condition kinds.

The interview asks about papers only when a route for the chosen series and level has a
`papers` condition, about township posts only when a `duration` counts township work, and so
on: the questions follow the rule file, never a region's name.
"""

from __future__ import annotations

from ..kinds import ConditionBase, walk
from ..kinds.standing import SeriesNotCondition
from ..rules import Region

# online check kind -> the fields the online system looks at
_ONLINE = {
    "chsi_valid": {"education.chsi_record"},
    "continuous_work": {"work.gap_note"},
    "high_school_diploma": {"education"},
    "photo": {"documents"},
}


def condition_needs(c: ConditionBase, employer_type: str | None = None) -> set[str]:
    """What a rule (and every rule inside it) reads: each kind says so itself.  With the
    applicant's employer type known, what a rule reads only for other employers is left out."""
    out: set[str] = set()
    for x in walk([c]):
        out |= x.profile_needs(employer_type)
    return out


def _skipped(a, kinds: set[str], level: str | None, employer_type: str | None) -> bool:
    """Whether an exclusion or relaxation limited by `a` (applies_to) cannot apply here."""
    if a is None:
        return False
    if a.routes and not kinds & set(a.routes):
        return True
    if a.levels and level and level not in a.levels:
        return True
    return bool(a.employer_types and employer_type is not None and employer_type not in a.employer_types)


def routes_for(region: Region, series: str | None, level: str | None):
    for r in region.routes:
        if series and r.series != "*" and series not in r.series:
            continue
        if level and r.level != level:
            continue
        yield r


def region_needs(region: Region, series: str | None, level: str | None, employer_type: str | None = None) -> set[str]:
    """Every part of the profile the rules for this series and level read (for an applicant of
    `employer_type`, when it is known)."""
    out: set[str] = set()
    routes = list(routes_for(region, series, level))
    kinds = {r.route for r in routes}
    for r in routes:
        for c in r.requires:
            out |= condition_needs(c, employer_type)
        for p in r.pathways:
            for c in p.conditions:
                out |= condition_needs(c, employer_type)
    for ex in region.exclusions:
        if not _skipped(ex.applies_to, kinds, level, employer_type):
            out |= condition_needs(ex, employer_type)
    for adj in region.adjustments:
        if not _skipped(adj.applies_to, kinds, level, employer_type):
            out |= condition_needs(adj.when, employer_type)
    if region.online is not None:
        for chk in region.online.checks:
            out |= _ONLINE.get(chk.kind, set())
            if chk.kind == "field_length" and chk.field_:
                out.add(chk.field_)
    if any(s.startswith("status.") for s in out):
        out.add("status")
    if any(s.startswith("special.") for s in out):
        out.add("special")
    return out


def essential_needs(region: Region, series: str | None, level: str | None) -> set[str]:
    """What every pathway of some route reads (its `requires`, and what all its pathways share):
    sections the interview offers to fill in first."""
    out: set[str] = set()
    for r in routes_for(region, series, level):
        common: set[str] | None = None
        for p in r.pathways:
            got: set[str] = set()
            for c in p.conditions:
                got |= condition_needs(c)
            common = got if common is None else common & got
        out |= common or set()
        for c in r.requires:
            out |= condition_needs(c)
    return out


def series_choices(region: Region) -> list[str]:
    """The series this region has routes for (every series named in it when a route is for all)."""
    out: list[str] = []
    wildcard = False
    for r in region.routes:
        if r.series == "*":
            wildcard = True
            continue
        for s in r.series:
            if s not in out:
                out.append(s)
    if wildcard or not out:
        from .questions import SERIES_NAMES

        for s in list(region.series_names) + list(region.titles) + list(SERIES_NAMES):
            if s != "*" and s not in out:
                out.append(s)
    # a series every applicant of it is excluded from (exam-only series) is not offered
    barred = {
        s for ex in region.exclusions if isinstance(ex, SeriesNotCondition) and ex.applies_to is None and ex.when is None for s in ex.series
    }
    return [s for s in out if s not in barred] or out


def level_choices(region: Region, series: str) -> list[tuple[str, list[str]]]:
    """(level, [route kinds]) for each level with a route for the series, lowest first."""
    from ..model import LEVELS

    found: dict[str, list[str]] = {}
    for r in routes_for(region, series, None):
        kinds = found.setdefault(r.level, [])
        if r.route not in kinds:
            kinds.append(r.route)
    return [(lv, found[lv]) for lv in LEVELS if lv in found]


# Words of a declared specialty that name its series, beyond the series' own names and aliases
# (terms.SERIES: 会计, 卫生, 建筑工程, 通信 …): the engineering specialties most applicants
# declare.  Only a default the applicant confirms (the series question shows it, Enter takes it),
# never a rule: a specialty that reads as two series (通信工程: 通信专业 or 工程系列) gives none.
SPECIALTY_WORDS: dict[str, tuple[str, ...]] = {
    "engineering": ("机械", "电气", "电子", "自动化", "电力", "化工", "冶金", "材料", "测绘", "水利", "交通", "仪器", "动力"),
}


def series_for_specialty(specialty: str | None, offered: list[str]) -> str | None:
    """The one series of `offered` the specialty's words name, or None where none or two do.
    Of two words found one inside the other (建筑工程 holds 工程), the longer one speaks."""
    from .. import terms

    text = (specialty or "").strip()
    if not text:
        return None
    found: list[tuple[str, str]] = []  # (word, series)
    for key in offered:
        term = terms.SERIES.terms.get(key)
        words = [term.zh.removesuffix("系列").removesuffix("专业"), *term.aliases] if term else []
        words += SPECIALTY_WORDS.get(key, ())
        found += [(w, key) for w in dict.fromkeys(words) if w and w in text]
    # a word inside a longer word found for another series says nothing of its own
    found = [(w, k) for w, k in found if not any(w != v and w in v for v, _ in found)]
    series = {k for _, k in found}
    return series.pop() if len(series) == 1 else None
