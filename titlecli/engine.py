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
from dataclasses import dataclass, replace
from datetime import date

from . import dates
from .i18n import lang, t
from .model import (
    DEGREES,
    EDUCATION_LEVELS,
    GRADES_PASSING,
    LEVELS,
    SKILL_GRADES,
    Education,
    Profile,
    Title,
)
from .results import Alternative, LevelResult, Outcome, Reason, Verdict
from .rules import Adjustment, Applies, Condition, Region, Route

FAR = date(9999, 12, 31)


EDU_NAMES = {
    "junior_high": ("初中", "junior high school"),
    "high_school": ("高中", "high school"),
    "secondary_vocational": ("中专", "secondary vocational school"),
    "junior_college": ("大专", "junior college"),
    "bachelor": ("本科", "bachelor's"),
    "second_bachelor": ("第二学士", "second bachelor's"),
    "master": ("硕士研究生", "master's"),
    "doctor": ("博士研究生", "doctorate"),
}
DEGREE_NAMES = {"bachelor": ("学士", "bachelor's"), "master": ("硕士", "master's"), "doctor": ("博士", "doctoral")}
LEVEL_NAMES = {
    "member": ("员级", "member-level"),
    "assistant": ("助理级", "assistant-level"),
    "intermediate": ("中级", "intermediate"),
    "deputy_senior": ("副高级", "deputy senior"),
    "senior": ("正高级", "senior"),
}
ROUTE_NAMES = {
    "initial": ("初定", "initial determination"),
    "review": ("评审", "review"),
    "exam": ("考试", "exam"),
    "transfer": ("转评", "transfer"),
}
GRADE_NAMES = {
    "excellent": ("优秀", "excellent"),
    "qualified": ("合格", "qualified"),
    "basically_qualified": ("基本合格", "basically qualified"),
    "unqualified": ("不合格", "unqualified"),
    "none": ("未定等次", "not graded"),
}
SCOPE_NAMES = {
    "national": ("国家级", "national"),
    "provincial": ("省级", "provincial"),
    "municipal": ("市级", "municipal"),
    "enterprise": ("企业级", "enterprise"),
}
SKILL_NAMES = {
    "senior_worker": ("高级工", "senior worker"),
    "technician": ("技师", "technician"),
    "senior_technician": ("高级技师", "senior technician"),
}
ROLE_NAMES = {
    "sole": ("独著", "sole author"),
    "first": ("第一作者", "first author"),
    "other": ("其他作者", "other author"),
    "lead": ("主持", "lead"),
    "key_member": ("主要技术骨干", "key member"),
    "member": ("参与", "member"),
}


def nm(table: dict, key: str) -> str:
    zh, en = table.get(key, (key, key))
    return t(zh, en)


def _d(x: date | None) -> str:
    return x.isoformat() if x else "—"


@dataclass(eq=False, repr=False)
class Ctx:
    profile: Profile
    region: Region
    route: Route | None
    at: date  # the date years are counted to
    as_of: date
    edu: Education | None = None
    title: Title | None = None
    shorten: int = 0  # months taken off every duration (adjustments)


# ---------------------------------------------------------------- helpers


def edu_rank(level: str) -> int:
    return EDUCATION_LEVELS.index(level)


def edu_matches(c: Condition, ed: Education) -> bool:
    if c.levels and ed.level not in c.levels:
        return False
    if c.min_level and edu_rank(ed.level) < edu_rank(c.min_level):
        return False
    if c.degree and DEGREES.index(ed.degree) < DEGREES.index(c.degree):
        return False
    if c.full_time and not ed.full_time:
        return False
    if c.related and not ed.related:
        return False
    return not (c.major_keywords and not any(w in (ed.major or "") for w in c.major_keywords))


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


def work_periods(p: Profile, c: Condition) -> list[tuple[date, date]]:
    out = []
    for w in p.work:
        if (c.professional is not False) and not w.professional:
            continue
        if c.related and not w.related:
            continue
        if c.township and not w.township:
            continue
        out.append((w.start, dates.plus_days(w.end, 1) if w.end else FAR))
    return out


def describe(c: Condition) -> str:  # noqa: C901 - to split (issue 19)
    """A requirement in words, for conditions a region file did not word itself."""
    if c.text and lang() == "zh":
        return c.text
    if c.text_en and lang() == "en":
        return c.text_en
    k = c.kind
    if k == "education":
        parts = []
        if c.levels:
            parts.append(
                t("、".join(nm(EDU_NAMES, x) for x in c.levels) + "学历", "education: " + ", ".join(nm(EDU_NAMES, x) for x in c.levels))
            )
        if c.min_level:
            parts.append(t(f"{nm(EDU_NAMES, c.min_level)}及以上学历", f"{nm(EDU_NAMES, c.min_level)} or higher"))
        if c.degree:
            parts.append(t(f"{nm(DEGREE_NAMES, c.degree)}及以上学位", f"a {nm(DEGREE_NAMES, c.degree)} degree or higher"))
        if c.full_time:
            parts.append(t("全日制", "full-time"))
        if c.related:
            parts.append(t("所学专业与申报专业相同或相近", "in a related major"))
        if c.major_keywords:
            parts.append(t("专业含" + "、".join(c.major_keywords), "major: " + ", ".join(c.major_keywords)))
        return t("具备", "Holds ") + t("，", ", ").join(parts)
    if k == "duration":
        n = dates.fmt_duration((c.years or 0) * 12 + (c.months or 0), lang())
        frm = {
            "graduation": t("毕业后", "after graduation"),
            "title": t(
                f"取得{nm(LEVEL_NAMES, c.title_level or '')}职称后", f"after obtaining the {nm(LEVEL_NAMES, c.title_level or '')} title"
            ),
            "skill": t("取得技能等级后", "after obtaining the skill grade"),
            "work_start": t("参加工作以来", "since starting work"),
            "first_secretary": t("任驻村第一书记", "as village first secretary"),
            "social_insurance": t("在本地缴纳社会保险", "paying local social insurance"),
        }.get(c.from_ or "", "")
        what = t("从事专业技术工作", "of professional work") if c.measure == "work" else ""
        if c.township:
            what = t("在乡镇及以下基层从事专业技术工作", "of professional work at township level or below")
        if lang() == "en":
            return f"{n} {what} {frm}".replace("  ", " ").strip()
        return f"{frm}{what}满 {n}"
    if k == "title":
        return t(f"已取得{nm(LEVEL_NAMES, c.level or '')}职称", f"holds the {nm(LEVEL_NAMES, c.level or '')} title")
    if k == "skill":
        return t(
            f"具有{nm(SKILL_NAMES, c.grade or 'technician')}及以上技能等级",
            f"holds skill grade {nm(SKILL_NAMES, c.grade or 'technician')} or higher",
        )
    if k == "employment":
        return t("现在专业技术岗位工作", "currently works in a professional post")
    if k == "assessments":
        return t(f"年度考核合格及以上不少于 {c.min_count or 0} 次", f"at least {c.min_count or 0} annual assessments qualified or better")
    if k == "continuing_education":
        return t(
            f"近 {c.years or 1} 年每年继续教育不少于 {c.hours_per_year or 0} 学时",
            f"at least {c.hours_per_year or 0} hours of continuing education in each of the last {c.years or 1} years",
        )
    if k == "papers":
        return t(f"发表论文不少于 {c.min_count or 1} 篇", f"at least {c.min_count or 1} papers")
    if k == "achievements":
        return t(f"业绩成果不少于 {c.min_count or 1} 项", f"at least {c.min_count or 1} achievements")
    if k == "awards":
        return t(f"获奖不少于 {c.min_count or 1} 项", f"at least {c.min_count or 1} awards")
    if k == "certificates":
        return t("具有相应证书", "holds the certificate")
    if k == "first_secretary":
        return t(f"任驻村第一书记满 {c.years or 0} 年", f"village first secretary for {c.years or 0} years")
    if k == "status":
        return {"civil_servant": t("不是公务员或参照公务员法管理人员", "not a civil servant"), "retired": t("未退休", "not retired")}.get(
            c.field_ or "", ""
        )
    if k == "sanction":
        return t("不在处分期内", "not under a sanction")
    if k == "series_not":
        return t("所在系列可以初定/评审（非考试系列）", "the series is not exam-only")
    if k == "title_initialized":
        return t("此前未初定过职称", "no title initialised before")
    if k == "employer_type_not":
        return t("单位类型符合要求", "employer type allowed")
    if k == "any_of":
        return t("满足其一：", "one of: ") + t("；", "; ").join(describe(x) for x in c.conditions)
    return k


# ---------------------------------------------------------------- conditions


def _anchor(c: Condition, ctx: Ctx) -> tuple[date | None, str]:
    p = ctx.profile
    if c.from_ == "graduation":
        if ctx.edu is None:
            return None, t("无可计算的毕业时间", "no graduation to count from")
        return ctx.edu.graduated, t(f"{ctx.edu.graduated} 毕业", f"graduated {ctx.edu.graduated}")
    if c.from_ == "title":
        ti = ctx.title if (ctx.title and ctx.title.level == c.title_level) else _find_title(p, c.title_level, None)
        if ti is None:
            return None, t(f"未取得{nm(LEVEL_NAMES, c.title_level or '')}职称", f"no {nm(LEVEL_NAMES, c.title_level or '')} title")
        return ti.obtained, t(
            f"{ti.obtained} 取得{ti.name or nm(LEVEL_NAMES, ti.level)}", f"{ti.name or nm(LEVEL_NAMES, ti.level)} obtained {ti.obtained}"
        )
    if c.from_ == "skill":
        need = SKILL_GRADES.index(c.skill_grade or "technician")
        ok = [s for s in p.skills if SKILL_GRADES.index(s.grade) >= need]
        if not ok:
            return None, t("未取得相应技能等级", "no such skill grade")
        s = min(ok, key=lambda s: s.obtained)
        return s.obtained, t(f"{s.obtained} 取得技能等级", f"skill grade obtained {s.obtained}")
    if c.from_ == "first_secretary":
        fs = p.special.village_first_secretary
        return (
            (fs.start, t(f"{fs.start} 起任第一书记", f"first secretary since {fs.start}"))
            if fs
            else (None, t("未任驻村第一书记", "never a village first secretary"))
        )
    if c.from_ == "social_insurance":
        s = p.special.local_social_insurance_since
        return (
            (s, t(f"{s} 起在本地参保", f"local social insurance since {s}"))
            if s
            else (None, t("未填写本地社保起缴时间", "no local social insurance date given"))
        )
    return None, ""


def _find_title(p: Profile, level: str | None, series_rule) -> Title | None:
    ok = [ti for ti in p.titles if level and title_matches(ti, level, series_rule, p.application.series)]
    return min(ok, key=lambda ti: ti.obtained) if ok else None


def ev_duration(c: Condition, ctx: Ctx) -> Outcome:  # noqa: C901 - to split (issue 19)
    need = max(0, (c.years or 0) * 12 + (c.months or 0) - ctx.shorten)
    need_s = dates.fmt_duration(need, lang())
    # a passing message names the shortened need, which the rule's own text does not say
    relaxed = ""
    if ctx.shorten and (c.years or c.months):
        relaxed = (
            t(f"；放宽后需满 {need_s}", f"; {need_s} after the relaxation")
            if need
            else t("；放宽后不再要求年限", "; no years needed after the relaxation")
        )
    anchor, anchor_desc = (None, "")
    if c.from_ != "work_start":
        anchor, anchor_desc = _anchor(c, ctx)
        if anchor is None:
            return Outcome(False, None, False, anchor_desc)
    hi = None
    if c.until == "graduation":
        if ctx.edu is None:
            return Outcome(False, None, False, t("无可计算的毕业时间", "no graduation to count to"))
        hi = ctx.edu.graduated
    if c.measure == "calendar" or c.from_ in ("first_secretary", "social_insurance"):
        assert anchor is not None
        end = None
        if c.from_ == "first_secretary" and ctx.profile.special.village_first_secretary:
            end = ctx.profile.special.village_first_secretary.end
        reach = dates.add_months(anchor, need)
        if end is not None and reach > dates.plus_days(end, 1):
            have = dates.span(anchor, min(dates.plus_days(end, 1), ctx.at))
            return Outcome(
                False,
                None,
                False,
                t(
                    f"{anchor} 至 {end} 仅 {dates.fmt_span(have, 'zh')}，需满 {need_s}",
                    f"{anchor} to {end}: only {dates.fmt_span(have, 'en')}, {need_s} needed",
                ),
            )
        have = dates.span(anchor, ctx.at)
        if reach <= ctx.at:
            return Outcome(
                True,
                reach,
                True,
                t(
                    f"{anchor} 起，至 {ctx.at} 已满 {dates.fmt_span(have, 'zh')}{relaxed}",
                    f"from {anchor} to {ctx.at}: {dates.fmt_span(have, 'en')}{relaxed}",
                ),
            )
        return Outcome(
            False,
            reach,
            True,
            t(
                f"{anchor} 起，至 {ctx.at} 仅 {dates.fmt_span(have, 'zh')}，需满 {need_s}，{reach} 满足",
                f"from {anchor} to {ctx.at}: only {dates.fmt_span(have, 'en')} of {need_s}; met on {reach}",
            ),
        )
    periods = dates.clip(work_periods(ctx.profile, c), anchor, hi)
    if c.current:
        open_now = [pp for pp in periods if pp[1] > ctx.at]
        if not open_now:
            return Outcome(False, None, False, t("目前不在此类岗位工作", "not currently working in such a post"))
    reach = dates.reached(periods, need)
    until = min(ctx.at, hi) if hi else ctx.at
    eff, have = dates.worked(periods, until)
    since = f"{anchor_desc}，" if anchor_desc and lang() == "zh" else (f"{anchor_desc}; " if anchor_desc else "")
    if eff is None:
        have_zh, have_en = "0", "none"
    else:
        have_zh, have_en = dates.fmt_span(have, "zh"), dates.fmt_span(have, "en")
    first = periods[0][0] if periods else None
    if reach is not None and reach <= until:
        return Outcome(
            True,
            reach,
            True,
            t(f"{since}{_d(first)} 起，至 {until} 已满 {have_zh}{relaxed}", f"{since}from {_d(first)} to {until}: {have_en}{relaxed}"),
        )
    if reach is None or hi is not None:
        why = t("（工作经历已结束，时间无法补足）", " (the work history ends before that)")
        if not periods:
            # nothing counts at all (e.g. every post is outside the major): saying the history
            # "ends" would send the applicant looking for the wrong fault
            what_zh = "".join(
                x
                for x, on in (
                    ("乡镇及以下基层", c.township),
                    ("与所学专业相同或相近的", c.related),
                    ("专业技术岗位", c.professional is not False),
                )
                if on
            )
            what_en = ", ".join(
                x
                for x, on in (
                    ("in a professional post", c.professional is not False),
                    ("related to the major", c.related),
                    ("at township level or below", c.township),
                )
                if on
            )
            must_zh, must_en = (f"（须为{what_zh}的工作）", f" (it must be {what_en})") if what_zh else ("", "")
            return Outcome(
                False,
                None,
                False,
                t(
                    f"{since}至 {until} 没有可计入的工作经历{must_zh}，需满 {need_s}",
                    f"{since}no work that counts by {until}{must_en}; {need_s} needed",
                ),
            )
        if hi is not None:
            why = t(f"（须在 {hi} 毕业前）", f" (needed before graduating on {hi})")
        return Outcome(
            False,
            None,
            False,
            t(f"{since}至 {until} 仅 {have_zh}，需满 {need_s}{why}", f"{since}only {have_en} by {until}, {need_s} needed{why}"),
        )
    return Outcome(
        False,
        reach,
        True,
        t(
            f"{since}{_d(first)} 起，至 {until} 仅 {have_zh}，需满 {need_s}，{reach} 满足",
            f"{since}from {_d(first)} to {until}: only {have_en} of {need_s}; met on {reach}",
        ),
    )


def ev_education(c: Condition, ctx: Ctx) -> Outcome:
    ed = ctx.edu
    if ed is None or not edu_matches(c, ed):
        have = t("、", ", ").join(
            f"{nm(EDU_NAMES, e.level)}{t('' if e.full_time else '（非全日制）', '' if e.full_time else ' (not full-time)')}"
            for e in ctx.profile.education
        ) or t("无", "none")
        return Outcome(False, None, False, t(f"现有学历：{have}", f"education held: {have}"))
    ft = t("全日制", "full-time") if ed.full_time else t("非全日制", "not full-time")
    deg = (
        f"，{nm(DEGREE_NAMES, ed.degree)}学位"
        if ed.degree != "none" and lang() == "zh"
        else (f", {nm(DEGREE_NAMES, ed.degree)} degree" if ed.degree != "none" else "")
    )
    detail = t(
        f"{ed.school or ''}{nm(EDU_NAMES, ed.level)}，{ft}{deg}，{ed.graduated} 毕业",
        f"{nm(EDU_NAMES, ed.level)}{', ' + ed.school if ed.school else ''}, {ft}{deg}, graduated {ed.graduated}",
    )
    if ed.graduated > ctx.at:
        return Outcome(False, ed.graduated, True, detail)
    return Outcome(True, ed.graduated, True, detail)


def ev_title(c: Condition, ctx: Ctx) -> Outcome:
    ti = (
        ctx.title
        if (ctx.title and title_matches(ctx.title, c.level or "", c.series, ctx.profile.application.series))
        else _find_title(ctx.profile, c.level, c.series)
    )
    if ti is None:
        return Outcome(False, None, False, t("未取得", "not held"))
    return Outcome(ti.obtained <= ctx.at, ti.obtained, True, t(f"{ti.obtained} 取得{ti.name or ''}", f"obtained {ti.obtained}"))


def ev_skill(c: Condition, ctx: Ctx) -> Outcome:
    need = SKILL_GRADES.index(c.grade or "technician")
    ok = [s for s in ctx.profile.skills if SKILL_GRADES.index(s.grade) >= need]
    if not ok:
        return Outcome(False, None, False, t("未取得", "not held"))
    s = min(ok, key=lambda s: s.obtained)
    return Outcome(s.obtained <= ctx.at, s.obtained, True, t(f"{s.obtained} 取得", f"obtained {s.obtained}"))


def ev_employment(c: Condition, ctx: Ctx) -> Outcome:
    p = ctx.profile
    if c.employer_types and (p.employer is None or p.employer.type not in c.employer_types):
        return Outcome(False, None, False, t("单位类型不符", "employer type does not qualify"))
    now = [
        w
        for w in p.work
        if w.start <= ctx.at
        and (w.end is None or w.end >= ctx.at)
        and (not c.professional or w.professional)
        and (not c.related or w.related)
    ]
    if (c.current is not False) and not now:
        return Outcome(False, None, False, t(f"{ctx.at} 时不在专业技术岗位", f"not in a professional post on {ctx.at}"))
    w = now[0] if now else None
    return Outcome(
        True, None, True, t(f"{w.employer or ''} {w.post or ''}".strip(), f"{w.employer or ''} {w.post or ''}".strip()) if w else ""
    )


def _since_date(c: Condition, ctx: Ctx) -> date | None:
    if c.since == "graduation":
        return ctx.edu.graduated if ctx.edu else None
    if c.since == "title":
        if c.title_level:
            ti = ctx.title if (ctx.title and ctx.title.level == c.title_level) else _find_title(ctx.profile, c.title_level, None)
        else:
            ti = ctx.title or (max(ctx.profile.titles, key=lambda x: (LEVELS.index(x.level), x.obtained)) if ctx.profile.titles else None)
        return ti.obtained if ti else None
    return None


def ev_assessments(c: Condition, ctx: Ctx) -> Outcome:
    a = {int(y): g for y, g in ctx.profile.assessments.items()}
    since = _since_date(c, ctx)
    lo = since.year if since else -1
    years = sorted(y for y in a if lo <= y <= ctx.at.year)
    good = [y for y in years if a[y] in GRADES_PASSING]
    bad = [y for y in years if a[y] not in GRADES_PASSING]
    problems = []
    if c.min_count and len(good) < c.min_count:
        problems.append(t(f"合格及以上 {len(good)} 次，需 {c.min_count} 次", f"{len(good)} qualified, {c.min_count} needed"))
    if c.all_passing and bad:
        problems.append(t(f"{'、'.join(map(str, bad))} 年度未达合格", f"below qualified in {', '.join(map(str, bad))}"))
    if c.latest:
        y = ctx.at.year if ctx.at.year in a else ctx.at.year - 1
        if a.get(y) not in GRADES_PASSING:
            problems.append(
                t(
                    f"{y} 年度考核须为合格及以上（现为 {nm(GRADE_NAMES, a.get(y) or 'none')}）",
                    f"the {y} assessment must be qualified or better (is {nm(GRADE_NAMES, a.get(y) or 'none')})",
                )
            )
    span_txt = t(f"{since.year} 年以来" if since else "", f"since {since.year}" if since else "")
    detail = t(
        f"{span_txt}合格及以上 {len(good)} 次（{'、'.join(map(str, good)) or '无'}）",
        f"{span_txt}: {len(good)} qualified or better ({', '.join(map(str, good)) or 'none'})",
    )
    if problems:
        return Outcome(False, None, False, t("；", "; ").join(problems))
    return Outcome(True, None, True, detail)


def ev_ce(c: Condition, ctx: Ctx) -> Outcome:
    ce = {int(y): v for y, v in ctx.profile.continuing_education.items()}
    n = c.years or 1
    years = [ctx.at.year - i for i in range(1, n + 1)]
    short = []
    for y in years:
        rec = ce.get(y)
        tot = rec.total if rec else 0
        if c.hours_per_year and tot < c.hours_per_year:
            short.append(t(f"{y} 年 {tot:g} 学时", f"{y}: {tot:g} h"))
        elif c.public_per_year and (rec is None or (rec.public or 0) < c.public_per_year):
            short.append(
                t(f"{y} 年公需科目 {(rec.public or 0) if rec else 0:g} 学时", f"{y}: {(rec.public or 0) if rec else 0:g} h public")
            )
        elif c.professional_per_year and (rec is None or (rec.professional or 0) < c.professional_per_year):
            short.append(
                t(
                    f"{y} 年专业科目 {(rec.professional or 0) if rec else 0:g} 学时",
                    f"{y}: {(rec.professional or 0) if rec else 0:g} h specialised",
                )
            )
    if short:
        return Outcome(False, None, False, t("不足：", "short: ") + t("、", ", ").join(short))
    got = t("、", ", ").join(f"{y}: {ce[y].total:g}" for y in years if y in ce)
    return Outcome(True, None, True, got)


def _count_papers(c: Condition, ctx: Ctx):
    since = _since_date(c, ctx)
    counted, skipped = [], []
    for pp in ctx.profile.papers:
        if c.kinds and pp.kind not in c.kinds:
            continue
        if c.roles and pp.role not in c.roles:
            skipped.append(t(f"《{pp.title}》作者排名不符", f"'{pp.title}': authorship does not count"))
            continue
        if since and pp.published < since:
            skipped.append(t(f"《{pp.title}》发表于取得现职称前", f"'{pp.title}': published before the title"))
            continue
        if pp.published > ctx.at:
            continue
        if c.min_words and (pp.words or 0) < c.min_words:
            skipped.append(t(f"《{pp.title}》字数不足 {c.min_words}", f"'{pp.title}': fewer than {c.min_words} words"))
            continue
        if c.max_plagiarism is not None and pp.plagiarism_rate is not None and pp.plagiarism_rate >= c.max_plagiarism:
            skipped.append(
                t(
                    f"《{pp.title}》查重率 {pp.plagiarism_rate:.0%} 不低于 {c.max_plagiarism:.0%}",
                    f"'{pp.title}': plagiarism {pp.plagiarism_rate:.0%} not below {c.max_plagiarism:.0%}",
                )
            )
            continue
        counted.append(pp)
    return counted, skipped


def ev_papers(c: Condition, ctx: Ctx) -> Outcome:
    counted, skipped = _count_papers(c, ctx)
    need = c.min_count if c.min_count is not None else 1  # 0: only the other limits (plagiarism) apply
    detail = t(f"符合要求 {len(counted)} 篇，需 {need} 篇", f"{len(counted)} qualifying, {need} needed")
    if skipped:
        detail += t("；不计：", "; not counted: ") + t("；", "; ").join(skipped)
    return Outcome(len(counted) >= need, None, False, detail)


def ev_items(c: Condition, ctx: Ctx, items, what_zh: str, what_en: str) -> Outcome:
    since = _since_date(c, ctx)
    ok = []
    for it in items:
        if c.roles and getattr(it, "role", None) not in c.roles:
            continue
        if c.scope_levels and it.level not in c.scope_levels:
            continue
        if c.accepted and not getattr(it, "accepted", True):
            continue
        if c.max_grade and (getattr(it, "grade", None) is None or it.grade > c.max_grade):
            continue
        if since and it.year < since.year:
            continue
        if it.year > ctx.at.year:
            continue
        ok.append(it)
    need = c.min_count or 1
    names = t("、", ", ").join(f"{x.title if hasattr(x, 'title') else x.name}" for x in ok)
    detail = t(f"符合要求的{what_zh} {len(ok)} 项，需 {need} 项", f"{len(ok)} qualifying {what_en}, {need} needed")
    if names:
        detail += f"：{names}" if lang() == "zh" else f": {names}"
    return Outcome(len(ok) >= need, None, False, detail)


def ev_certificates(c: Condition, ctx: Ctx) -> Outcome:
    ok = [
        x
        for x in ctx.profile.certificates
        if (not c.cert_kinds or x.kind in c.cert_kinds) and (c.min_modules is None or (x.modules or 0) >= c.min_modules)
    ]
    need = c.min_count or 1
    return Outcome(len(ok) >= need, None, False, t(f"{len(ok)} 项", f"{len(ok)} held"))


def ev_first_secretary(c: Condition, ctx: Ctx) -> Outcome:
    fs = ctx.profile.special.village_first_secretary
    if fs is None:
        return Outcome(False, None, False, t("未任驻村第一书记", "never a village first secretary"))
    if c.rating and fs.rating != c.rating:
        return Outcome(
            False,
            None,
            False,
            t(
                f"考核等次为{nm(GRADE_NAMES, fs.rating or 'none')}，需为{nm(GRADE_NAMES, c.rating)}",
                f"rated {nm(GRADE_NAMES, fs.rating or 'none')}, {nm(GRADE_NAMES, c.rating)} needed",
            ),
        )
    sub = replace(c, from_="first_secretary", measure="calendar")
    return ev_duration(sub, replace(ctx, shorten=0))


def ev_status(c: Condition, ctx: Ctx) -> Outcome:
    st = ctx.profile.status
    if c.field_ == "civil_servant" and (st.civil_servant or (ctx.profile.employer and ctx.profile.employer.type == "government")):
        return Outcome(False, None, False, t("申请人为公务员或参公管理人员", "the applicant is a civil servant"))
    if c.field_ == "retired" and st.retired:
        return Outcome(False, None, False, t("申请人已退休", "the applicant is retired"))
    return Outcome(True, None, True, t("申请人不属于此情形", "does not apply to the applicant"))


def ev_sanction(c: Condition, ctx: Ctx) -> Outcome:
    until = ctx.profile.status.sanction_until
    if until is not None and until >= ctx.at:
        return Outcome(False, dates.plus_days(until, 1), True, t(f"处分期至 {until}", f"sanction in force until {until}"))
    return Outcome(True, None, True, t(f"处分期已于 {until} 结束", f"sanction ended {until}") if until else t("无", "none"))


def ev_series_not(c: Condition, ctx: Ctx) -> Outcome:
    s = ctx.profile.application.series
    bad = c.series if isinstance(c.series, list) else []
    if s in bad:
        return Outcome(False, None, False, t(f"{s} 系列须通过考试取得", f"the {s} series is obtained by exam"))
    spec = ctx.profile.application.specialty or ""
    hit = [w for w in c.specialties if w and w in spec]
    if hit:
        # the rule's own text says why (exam-only, or outside the notice): the detail only names the match
        return Outcome(False, None, False, t(f"申报专业“{spec}”属{hit[0]}类专业", f"the specialty {spec!r} is a {hit[0]} specialty"))
    if c.specialties and not (isinstance(c.series, list) and c.series):
        return Outcome(
            True, None, True, t(f"申报专业“{spec or '未填写'}”不在此列", f"the specialty {spec or '(not given)'!r} is not one of them")
        )
    return Outcome(True, None, True, t(f"{s} 系列不在此列", f"the {s} series is not one of them"))


def ev_title_initialized(c: Condition, ctx: Ctx) -> Outcome:
    lvl = LEVELS.index(ctx.route.level) if ctx.route else 0
    for ti in ctx.profile.titles:
        if ti.route != "initial":
            continue
        if c.scope == "same_or_higher" and LEVELS.index(ti.level) < lvl:
            continue
        return Outcome(
            False,
            None,
            False,
            t(
                f"已于 {ti.obtained} 初定{ti.name or nm(LEVEL_NAMES, ti.level)}",
                f"{ti.name or nm(LEVEL_NAMES, ti.level)} already initialised on {ti.obtained}",
            ),
        )
    return Outcome(True, None, True, t("无", "none"))


def ev_employer_type_not(c: Condition, ctx: Ctx) -> Outcome:
    e = ctx.profile.employer
    if e and e.type in c.employer_types:
        return Outcome(False, None, False, t(f"单位类型为 {e.type}", f"employer type is {e.type}"))
    return Outcome(True, None, True, e.type if e else "")


def ev_any_of(c: Condition, ctx: Ctx) -> Outcome:
    outs = [(sub, evaluate(sub, ctx)) for sub in c.conditions]
    passing = [(s, o) for s, o in outs if o.passed]
    if passing:
        s, o = min(passing, key=lambda so: so[1].earliest or date.min)
        return Outcome(True, o.earliest, True, f"{describe(s)}：{o.detail}" if lang() == "zh" else f"{describe(s)}: {o.detail}")
    fix = [o.earliest for _, o in outs if o.fixable and o.earliest]
    detail = t("；", "; ").join(f"{describe(s)}：{o.detail}" if lang() == "zh" else f"{describe(s)}: {o.detail}" for s, o in outs)
    if fix:
        return Outcome(False, min(fix), True, detail)
    return Outcome(False, None, False, detail)


EVALUATORS = {
    "duration": ev_duration,
    "education": ev_education,
    "title": ev_title,
    "skill": ev_skill,
    "employment": ev_employment,
    "assessments": ev_assessments,
    "continuing_education": ev_ce,
    "papers": ev_papers,
    "achievements": lambda c, ctx: ev_items(c, ctx, ctx.profile.achievements, "业绩成果", "achievements"),
    "awards": lambda c, ctx: ev_items(c, ctx, ctx.profile.awards, "奖励", "awards"),
    "certificates": ev_certificates,
    "first_secretary": ev_first_secretary,
    "status": ev_status,
    "sanction": ev_sanction,
    "series_not": ev_series_not,
    "title_initialized": ev_title_initialized,
    "employer_type_not": ev_employer_type_not,
    "any_of": ev_any_of,
}


def evaluate(c: Condition, ctx: Ctx) -> Outcome:
    if c.when is not None and not applies(c.when, ctx.profile, ctx.route):
        return Outcome(True, None, True, t("不适用", "does not apply"))
    return EVALUATORS[c.kind](c, ctx)


def reason(c: Condition, ctx: Ctx, rule_id: str, source: str) -> Reason:
    o = evaluate(c, ctx)
    text = describe(c)
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


def _title_levels(conds: list[Condition]) -> list[str]:
    out = []
    for c in conds:
        for lvl in (c.title_level, c.level if c.kind == "title" else None):
            if lvl and lvl not in out:
                out.append(lvl)
        if c.kind == "any_of":
            out += [x for x in _title_levels(c.conditions) if x not in out]
    return out


def _title_series_rule(conds: list[Condition]):
    for c in conds:
        if c.kind == "title" and c.series is not None:
            return c.series
    return None


def adjustments_for(region: Region, profile: Profile, route: Route, base: Ctx) -> list[tuple[Adjustment, Outcome]]:
    out = []
    for adj in region.adjustments:
        if not applies(adj.applies_to, profile, route):
            continue
        w = adj.when
        if w.kind == "education":
            eds = [e for e in profile.education if edu_matches(w, e)]
            o = ev_education(w, replace(base, edu=eds[0])) if eds else Outcome(False)
        else:
            o = evaluate(w, base)
        if o.passed:
            out.append((adj, o))
    return out


def evaluate_route(region: Region, profile: Profile, route: Route, at: date, as_of: date) -> LevelResult:
    base = Ctx(profile, region, route, at, as_of)
    adjs = adjustments_for(region, profile, route, base)
    shorten = sum(a.shorten_years * 12 + a.shorten_months for a, _ in adjs)
    excl = [e for e in region.exclusions if applies(e.applies_to, profile, route)]
    title = ""
    from .regions import title_name

    title = title_name(region, profile.application.series, route.level)
    candidates = []
    for pw in route.pathways:
        conds = list(route.requires) + list(pw.conditions)
        edu_conds = [c for c in pw.conditions if c.kind == "education"] or [c for c in route.requires if c.kind == "education"]
        if edu_conds:
            eds = [e for e in profile.education if all(edu_matches(c, e) for c in edu_conds)] or [None]
        else:
            eds = list(profile.education) or [None]
        levels = _title_levels(conds)
        srule = _title_series_rule(conds)
        tis = (
            ([ti for ti in profile.titles if title_matches(ti, levels[0], srule, profile.application.series)] or [None])
            if levels
            else [None]
        )
        for ed, ti in itertools.product(eds, tis):
            ctx = replace(base, edu=ed, title=ti, shorten=shorten)
            # adjustments shorten the routes' durations, not an exclusion's (a year of local insurance)
            rs = [reason(e, replace(ctx, shorten=0), e.id or e.kind, e.source or "") for e in excl]
            rs += [reason(c, ctx, c.id or f"{route.id}:{c.kind}", c.source or route.source or "") for c in route.requires]
            for _i, c in enumerate(pw.conditions):
                rs.append(reason(c, ctx, c.id or f"{pw.id}:{c.kind}", c.source or pw.source or route.source or ""))
            for adj, _o in adjs:
                text = (adj.text_en if lang() == "en" and adj.text_en else adj.text) or adj.id
                rs.append(Reason(adj.id, True, text, adj.source or "", None))
            ok, early = _combine(rs)
            candidates.append((pw, ok, early, rs))

    order = {id(pw): i for i, pw in enumerate(route.pathways)}

    def _by_education(conds) -> bool:
        return any(c.kind == "education" or (c.kind == "any_of" and _by_education(c.conditions)) for c in conds)

    by_education = {id(pw) for pw in route.pathways if _by_education(pw.conditions)}

    def rank(cand):
        # Among pathways that hold, the applicant's main line: a pathway by education (one
        # with an education condition) before a special one (a skill grade, an exception);
        # within each, the one that held first — the route's earliest date does not move
        # with --as-of — and on the same day the one the notice lists first.  Otherwise the
        # one that will hold first; otherwise the one with the fewest unmet conditions.
        pw, ok, early, rs = cand
        fails = sum(1 for r in rs if not r.passed)
        if ok:
            return (0, 0 if id(pw) in by_education else 1, early or FAR, order[id(pw)])
        return (1 if early else 2, 0, early or FAR, fails)

    best = min(candidates, key=rank)
    pw, ok, early, rs = best
    alts = []
    seen = {pw.id}
    for cand in sorted(candidates, key=rank):
        p2, ok2, e2, rs2 = cand
        if p2.id in seen:
            continue
        seen.add(p2.id)
        alts.append(Alternative(p2.id, _pw_text(p2), ok2, e2, [r.message for r in rs2 if not r.passed], p2.source or route.source or ""))
    return LevelResult(route.level, title, route.route, route.id, ok, early, rs, pw.id, _pw_text(pw), alts)


def _pw_text(pw) -> str:
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
    eff = region.notice.effective
    if eff and ((eff.from_ and as_of < eff.from_) or (eff.until and as_of > eff.until)):
        warnings.append(
            t(
                f"检查日期 {as_of} 不在通知有效期（{_d(eff.from_)} 至 {_d(eff.until)}）内，通知可能已过期或尚未生效，请核对最新文件",
                f"the check date {as_of} is outside the notice's effective period ({_d(eff.from_)} to {_d(eff.until)}): the notice may be out of date",
            )
        )
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
        if cur and LEVELS.index(r.level) <= LEVELS.index(cur):
            r.warnings.append(
                t(
                    f"已持有{nm(LEVEL_NAMES, cur)}职称，不必再申报{nm(LEVEL_NAMES, r.level)}",
                    f"already holds a {nm(LEVEL_NAMES, cur)} title",
                )
            )
    target = level or profile.application.level
    if target:
        eligible = any(r.eligible for r in results if r.level == target)
    else:
        eligible = any(r.eligible for r in results if cur is None or LEVELS.index(r.level) > LEVELS.index(cur))
    online = []
    if region.online is not None:
        from .online import online_reasons

        online = online_reasons(profile, region, as_of, base_dir)
    region_name = region.name_en if lang() == "en" and region.name_en else region.name
    return Verdict(
        profile_path,
        profile.name,
        profile.masked_id,
        region.id,
        region_name,
        as_of,
        at,
        eligible,
        results,
        warnings,
        target,
        cur,
        region.notice.title,
        online,
        region.online.system if region.online else None,
    )
