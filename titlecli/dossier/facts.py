"""What the applicant copies from the profile into a form handed in separately (a region
material's `fill:`), one line per fact, as the checklist prints it: 学历学位：本科 · 学士 · …"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date

from ..i18n import lang, t
from ..model import Profile
from ..regions import held_title_name
from ..terms import (
    ACHIEVEMENT_ROLES,
    CERTIFICATE_KINDS,
    DEGREE_NAMES,
    EDU_NAMES,
    GRADE_NAMES,
    LEVEL_NAMES,
    PAPER_ROLES,
    ROUTE_NAMES,
    SCOPE_NAMES,
    SEXES,
    SKILL_NAMES,
    nm,
    series_name,
)

_CN_GRADE = "一二三四五六七八九十"


def _ordinal_prize(grade: int) -> str:
    zh = (_CN_GRADE[grade - 1] if 1 <= grade <= 10 else str(grade)) + "等"
    en = {1: "1st", 2: "2nd", 3: "3rd"}.get(grade, f"{grade}th") + " prize"
    return t(zh, en)


def _join(parts: list[str]) -> str:
    return t("；", "; ").join(p for p in parts if p)


def _inner(parts: list[str | None]) -> str:
    return t("，", ", ").join(p for p in parts if p)


def with_parts(name: str, parts: list[str | None]) -> str:
    """A named item and what the profile says of it: 论文名（期刊，2021-05）, in English
    `name (journal, 2021-05)`; without any part, the name alone."""
    inner = _inner(parts)
    return name + (t(f"（{inner}）", f" ({inner})") if inner else "")


def _applicant(p: Profile, ctx: dict) -> str:
    parts = [p.name]
    with contextlib.suppress(ValueError, IndexError):  # an ID number that gives no date: the form asks anyway
        parts += [SEXES.name(p.sex), t(f"{p.birth_date:%Y-%m} 出生", f"born {p.birth_date:%Y-%m}")]
    if p.employer:
        parts.append(p.employer.name)
    return " · ".join(parts)


def _application(p: Profile, ctx: dict) -> str:
    series = series_name(p.application.series, ctx["region"])
    return " · ".join(x for x in (series, p.application.specialty, ctx["title"]) if x)


def _education(p: Profile, ctx: dict) -> str:
    out = []
    for e in p.education:
        degree = nm(DEGREE_NAMES, e.degree) if e.degree != "none" else ""
        # English names a level and a degree of one name once ("bachelor's degree"), as the batch's documents do
        level = "" if lang() == "en" and e.degree == e.level else nm(EDU_NAMES, e.level)
        mode = t("全日制", "full-time") if e.full_time else t("非全日制", "part-time")
        where = " ".join(x for x in (e.school, e.major) if x)
        out.append(" · ".join(x for x in (level, degree, mode, where, t(f"{e.graduated} 毕业", f"graduated {e.graduated}")) if x))
    return _join(out)


def _work(p: Profile, ctx: dict) -> str:
    as_of: date = ctx["as_of"]
    out = []
    days = 0
    for w in p.work:
        end = w.end or as_of
        if w.professional and end > w.start:
            days += (min(end, as_of) - w.start).days
        span = f"{w.start} — {w.end}" if w.end else t(f"{w.start} 起", f"since {w.start}")
        out.append(" ".join(x for x in (span, w.employer, w.post) if x))
    if days:
        years = int(days / 365.25)
        out.append(t(f"从事专业技术工作约 {years} 年", f"about {years} years of professional work"))
    return _join(out)


def _titles(p: Profile, ctx: dict) -> str:
    return _join(
        [
            with_parts(
                held_title_name(ctx["region"], x.name, x.level),
                [nm(LEVEL_NAMES, x.level), t(f"{x.obtained} 取得", f"obtained {x.obtained}"), nm(ROUTE_NAMES, x.route)],
            )
            for x in p.titles
        ]
    )


def _skills(p: Profile, ctx: dict) -> str:
    return _join([with_parts(nm(SKILL_NAMES, s.grade), [str(s.obtained)]) for s in p.skills])


def _assessments(p: Profile, ctx: dict) -> str:
    return t("、", ", ").join(f"{year} {nm(GRADE_NAMES, grade)}" for year, grade in sorted(p.assessments.items()))


def _continuing_education(p: Profile, ctx: dict) -> str:
    out = []
    for year, ce in sorted(p.continuing_education.items()):
        extra = _inner(
            [
                t(f"公需 {ce.public:g}", f"public {ce.public:g}") if ce.public is not None else None,
                t(f"专业 {ce.professional:g}", f"professional {ce.professional:g}") if ce.professional is not None else None,
            ]
        )
        out.append(with_parts(t(f"{year} 年 {ce.total:g} 学时", f"{year}: {ce.total:g} hours"), [extra]))
    return _join(out)


def _papers(p: Profile, ctx: dict) -> str:
    return _join(
        [
            with_parts(
                t(f"《{x.title}》", f'"{x.title}"'),
                [x.journal, f"{x.published:%Y-%m}", PAPER_ROLES.name(x.role), t(f"{x.words} 字", f"{x.words} words") if x.words else None],
            )
            for x in p.papers
        ]
    )


def _achievements(p: Profile, ctx: dict) -> str:
    return _join(
        [
            with_parts(
                a.title,
                [
                    str(a.year),
                    nm(SCOPE_NAMES, a.level),
                    ACHIEVEMENT_ROLES.name(a.role),
                    t(f"第 {a.rank} 名", f"rank {a.rank}") if a.rank else None,
                    t("已验收", "accepted") if a.accepted else None,
                ],
            )
            for a in p.achievements
        ]
    )


def _awards(p: Profile, ctx: dict) -> str:
    return _join(
        [with_parts(a.name, [str(a.year), nm(SCOPE_NAMES, a.level), _ordinal_prize(a.grade) if a.grade else None]) for a in p.awards]
    )


def _certificates(p: Profile, ctx: dict) -> str:
    return _join(
        [
            with_parts(
                c.name or CERTIFICATE_KINDS.name(c.kind),
                [t(f"{c.modules} 个模块", f"{c.modules} modules") if c.modules else None, str(c.obtained) if c.obtained else None],
            )
            for c in p.certificates
        ]
    )


FACTS: dict[str, tuple[tuple[str, str], Callable[[Profile, dict], str]]] = {
    "applicant": (("申报人", "Applicant"), _applicant),
    "application": (("申报", "Applying for"), _application),
    "education": (("学历学位", "Education"), _education),
    "work": (("工作经历", "Work"), _work),
    "titles": (("职称", "Titles"), _titles),
    "skills": (("技能等级", "Skill grades"), _skills),
    "assessments": (("年度考核", "Annual assessments"), _assessments),
    "continuing_education": (("继续教育", "Continuing education"), _continuing_education),
    "papers": (("论文论著", "Papers"), _papers),
    "achievements": (("业绩成果", "Achievements"), _achievements),
    "awards": (("奖励", "Awards"), _awards),
    "certificates": (("资格证书", "Certificates"), _certificates),
}


def form_facts(profile: Profile, keys: list[str], *, region, title: str, as_of: date) -> list[str]:
    """One line per fact the form asks for, in the region's order; "无" where the profile has none."""
    ctx = {"region": region, "title": title, "as_of": as_of}
    out = []
    for key in keys:
        (zh, en), get = FACTS[key]
        out.append(t(f"{zh}：", f"{en}: ") + (get(profile, ctx) or t("无", "none")))
    return out


__all__ = ["FACTS", "form_facts"]
