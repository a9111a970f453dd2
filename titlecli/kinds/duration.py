"""年限 · Years of work, and years in a position (village first secretary)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from .. import dates
from ..i18n import lang, t
from ..model import GRADES_PASSING, SKILL_GRADES, EmployerType, Level, SkillGrade
from ..results import Outcome, Task
from ..terms import GRADE_NAMES, LEVEL_NAMES, SKILL_NAMES, nm
from .base import FAR, ConditionBase, Ctx, Months, Years, dataclass, find_title, param

Anchor = Literal["graduation", "title", "skill", "work_start", "first_secretary", "social_insurance"]

# `from:` -> the part of the profile holding the date counted from
ANCHOR_NEEDS = {
    "graduation": "education",
    "title": "titles",
    "skill": "skills",
    "work_start": "work",
    "first_secretary": "special.village_first_secretary",
    "social_insurance": "special.local_social_insurance_since",
}


def _d(x: date | None) -> str:
    return x.isoformat() if x else "—"


@dataclass
class DurationCondition(ConditionBase):
    kind: Literal["duration"] = "duration"
    years: Years | None = param(zh="满几年（与 months 相加）", en="years needed (added to months)")
    months: Months | None = param(zh="满几个月（与 years 相加）", en="months needed (added to years)")
    from_: Anchor | None = param(
        zh="从何时起算（必填）：graduation 毕业、title 取得职称（须写 title_level）、skill 取得技能等级、work_start 参加工作、"
        "first_secretary 任驻村第一书记、social_insurance 在本地缴纳社保",
        en="what it is counted from (required)",
    )
    title_level: Level | None = param(zh="from: title 时，从哪一级职称起算", en="from: title — the title level counted from")
    skill_grade: SkillGrade | None = param(zh="from: skill 时所需的技能等级（默认 technician 技师）", en="from: skill — the skill grade")
    measure: Literal["work", "calendar"] = param(
        "work",
        zh="work：只计从事专业技术工作的时间；calendar：按日历时间计",
        en="work: count time in professional posts; calendar: count the calendar",
    )
    related: bool | None = param(zh="true：只计与所学专业相同或相近的工作", en="true: count only work related to the major")
    township: bool | None = param(zh="true：只计在乡镇及以下基层的工作", en="true: count only work at township level or below")
    professional: bool | None = param(
        zh="false：非专业技术岗位的工作也计入（默认只计专业技术岗位）", en="false: count non-professional posts too"
    )
    current: bool | None = param(zh="true：目前须仍在此类岗位工作", en="true: must still work in such a post")
    until: Literal["graduation"] | None = param(
        zh="graduation：只计毕业前的工作（在职取得学历前的年限）", en="graduation: count only work before graduating"
    )
    appointed_for: list[EmployerType] = param(
        zh="from: title 时，这些类型单位的申报人从职称的聘任时间（titles[].appointed）起算，而不是取得时间（如事业单位：即……前聘任助理级）",
        en="from: title — for applicants at these employer types, count from the title's appointment (聘任) instead of the day it was obtained",
        many=True,
    )
    skip_years_below_qualified: bool | None = param(
        zh="true：年度考核为基本合格、不合格或未定等次的年度不计入（不得计入任职年限），年限因此顺延",
        en="true: calendar years assessed below qualified or not graded are left out of the time counted (it lengthens the time)",
    )

    needs = (
        "work",
        "work.township",
        "education",
        "titles",
        "titles.appointed",
        "employer.type",
        "assessments",
        "skills",
        "special.village_first_secretary",
        "special.local_social_insurance_since",
    )
    summary = (
        "年限：从某一时间点起，从事（相关）专业技术工作满若干年月。年限会被放宽条件（adjustments）缩短。",
        "years of (related) professional work counted from a date; shortened by adjustments",
    )
    example = "{kind: duration, from: title, title_level: assistant, years: 4, related: true}"
    # as an exclusion (a year of local insurance), it stops excluding once the time is served
    lapses = True

    def reads(self) -> set[str]:
        out = {"work"}
        if self.from_ in ANCHOR_NEEDS:
            out.add(ANCHOR_NEEDS[self.from_])
        if self.township is not None:
            out.add("work.township")
        if self.appointed_for:
            out |= {"titles.appointed", "employer.type"}
        if self.skip_years_below_qualified:
            out.add("assessments")
        return out

    def reads_for(self, employer_type: str | None) -> set[str]:
        out = self.reads()
        if self.appointed_for and employer_type is not None and employer_type not in self.appointed_for:
            out.discard("titles.appointed")  # counted from the day obtained for this applicant
        return out

    def problems(self) -> list[tuple[tuple, str]]:
        out: list[tuple[tuple, str]] = []
        if self.years is None and self.months is None:
            out.append(((), t("duration 需要 years 或 months", "duration needs years or months")))
        if self.from_ is None:
            out.append((("from",), t("duration 需要 from（起算点）", "duration needs from (what it is counted from)")))
        if self.from_ == "title" and self.title_level is None:
            out.append((("title_level",), t("从职称起算时需要 title_level", "from: title needs title_level")))
        return out

    def wording(self) -> str:
        n = dates.fmt_duration((self.years or 0) * 12 + (self.months or 0), lang())
        frm = {
            "graduation": t("毕业后", "after graduation"),
            "title": t(
                f"取得{nm(LEVEL_NAMES, self.title_level or '')}职称后",
                f"after obtaining the {nm(LEVEL_NAMES, self.title_level or '')} title",
            ),
            "skill": t("取得技能等级后", "after obtaining the skill grade"),
            "work_start": t("参加工作以来", "since starting work"),
            "first_secretary": t("任驻村第一书记", "as village first secretary"),
            "social_insurance": t("在本地缴纳社会保险", "paying local social insurance"),
        }.get(self.from_ or "", "")
        what = t("从事专业技术工作", "of professional work") if self.measure == "work" else ""
        if self.township:
            what = t("在乡镇及以下基层从事专业技术工作", "of professional work at township level or below")
        if lang() == "en":
            return f"{n} {what} {frm}".replace("  ", " ").strip()
        return f"{frm}{what}满 {n}"

    # ------------------------------------------------------------ what is left to do

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        """Asked when time alone will not do: nothing to count from yet, work before a
        graduation that has passed, or work that stopped before the years were reached."""
        need = max(0, (self.years or 0) * 12 + (self.months or 0) - ctx.shorten)
        need_s = dates.fmt_duration(need, lang())
        quantities: dict = {"months": need}
        anchor = None
        if self.from_ != "work_start":
            anchor, _ = self._anchor(ctx)
            if anchor is None:
                return self._start_task(need_s, quantities, outcome)
        if self.until == "graduation" or self.from_ == "first_secretary":
            return Task(self.describe(), quantities, doable=False, detail=outcome.detail)
        periods = dates.clip(self.work_periods(ctx), anchor, None)
        if self.current and not [pp for pp in periods if pp[1] > ctx.at]:
            return Task(
                t(f"申报时须仍在此类岗位工作（{self.describe()}）", f"be working in such a post when applying ({self.describe()})"),
                quantities,
                detail=outcome.detail,
            )
        # all the work that counts, to its end (it ends before the years are reached)
        _, have = dates.worked(periods, FAR)
        left = max(need - (12 * have[0] + have[1]), 1)
        quantities["months_left"] = left
        left_s = dates.fmt_duration(left, lang())
        return Task(
            t(f"回到可计入的岗位工作，还需 {left_s}（{self.describe()}）", f"work {left_s} more in a post that counts ({self.describe()})"),
            quantities,
            detail=outcome.detail,
        )

    def _start_task(self, need_s: str, quantities: dict, outcome: Outcome) -> Task:
        """What to obtain before the years can start counting."""
        if self.from_ == "title":
            level = nm(LEVEL_NAMES, self.title_level or "")
            quantities["title_level"] = self.title_level
            return Task(t(f"先取得{level}职称，再满 {need_s}", f"first obtain the {level} title, then {need_s}"), quantities)
        if self.from_ == "skill":
            grade = nm(SKILL_NAMES, self.skill_grade or "technician")
            return Task(t(f"先取得{grade}技能等级，再满 {need_s}", f"first obtain skill grade {grade}, then {need_s}"), quantities)
        if self.from_ == "social_insurance":
            return Task(t(f"在本地缴纳社会保险满 {need_s}", f"pay local social insurance for {need_s}"), quantities)
        return Task(self.describe(), quantities, doable=False, detail=outcome.detail)

    # ------------------------------------------------------------ evaluation

    def evaluate(self, ctx: Ctx) -> Outcome:
        need = max(0, (self.years or 0) * 12 + (self.months or 0) - ctx.shorten)
        need_s = dates.fmt_duration(need, lang())
        # a passing message names the shortened need, which the rule's own text does not say
        relaxed = ""
        if ctx.shorten and (self.years or self.months):
            relaxed = (
                t(f"；放宽后需满 {need_s}", f"; {need_s} after the relaxation")
                if need
                else t("；放宽后不再要求年限", "; no years needed after the relaxation")
            )
        anchor, anchor_desc = (None, "")
        if self.from_ != "work_start":
            anchor, anchor_desc = self._anchor(ctx)
            if anchor is None:
                return Outcome(False, None, False, anchor_desc)
        hi = None
        if self.until == "graduation":
            if ctx.edu is None:
                return Outcome(False, None, False, t("无可计算的毕业时间", "no graduation to count to"))
            hi = ctx.edu.graduated
        if self.measure == "calendar" or self.from_ in ("first_secretary", "social_insurance"):
            assert anchor is not None
            return self._calendar(ctx, anchor, need, need_s, relaxed)
        return self._worked(ctx, anchor, anchor_desc, hi, need, need_s, relaxed)

    def _anchor(self, ctx: Ctx) -> tuple[date | None, str]:
        """The date counted from, and how the applicant reached it."""
        p = ctx.profile
        if self.from_ == "graduation":
            if ctx.edu is None:
                return None, t("无可计算的毕业时间", "no graduation to count from")
            return ctx.edu.graduated, t(f"{ctx.edu.graduated} 毕业", f"graduated {ctx.edu.graduated}")
        if self.from_ == "title":
            lvl = self.title_level
            ti = ctx.title if (ctx.title and ctx.title.level == lvl) else find_title(p, lvl, None)
            if ti is None:
                return None, t(f"未取得{nm(LEVEL_NAMES, lvl or '')}职称", f"no {nm(LEVEL_NAMES, lvl or '')} title")
            from ..regions import held_title_name

            name = held_title_name(ctx.region, ti.name, ti.level)
            if self.appointed_for and p.employer is not None and p.employer.type in self.appointed_for:
                if ti.appointed is None:
                    return None, t(
                        f"从聘任时间起算：未填写{name}的聘任时间", f"counted from the appointment: no appointment date for the {name}"
                    )
                return ti.appointed, t(f"{ti.appointed} 聘任{name}", f"appointed {name} {ti.appointed}")
            return ti.obtained, t(f"{ti.obtained} 取得{name}", f"{name} obtained {ti.obtained}")
        if self.from_ == "skill":
            need = SKILL_GRADES.index(self.skill_grade or "technician")
            ok = [s for s in p.skills if SKILL_GRADES.index(s.grade) >= need]
            if not ok:
                return None, t("未取得相应技能等级", "no such skill grade")
            s = min(ok, key=lambda s: s.obtained)
            return s.obtained, t(f"{s.obtained} 取得技能等级", f"skill grade obtained {s.obtained}")
        if self.from_ == "first_secretary":
            fs = p.special.village_first_secretary
            if fs is None:
                return None, t("未任驻村第一书记", "never a village first secretary")
            return fs.start, t(f"{fs.start} 起任第一书记", f"first secretary since {fs.start}")
        if self.from_ == "social_insurance":
            insured = p.special.local_social_insurance_since
            if insured is None:
                return None, t("未填写本地社保起缴时间", "no local social insurance date given")
            return insured, t(f"{insured} 起在本地参保", f"local social insurance since {insured}")
        return None, ""

    def _calendar(self, ctx: Ctx, anchor: date, need: int, need_s: str, relaxed: str) -> Outcome:
        """Calendar time from the anchor (a position held, insurance paid), up to the
        position's end when it has ended."""
        end = None
        if self.from_ == "first_secretary" and ctx.profile.special.village_first_secretary:
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

    def skipped_years(self, ctx: Ctx) -> list[int]:
        """The years left out of the count: assessed below qualified or not graded (未定等次)."""
        if not self.skip_years_below_qualified:
            return []
        return sorted(int(y) for y, g in ctx.profile.assessments.items() if g not in GRADES_PASSING)

    def work_periods(self, ctx: Ctx) -> list[tuple[date, date]]:
        """The work periods that count, as [start, end) with an open period running on."""
        out = []
        for w in ctx.profile.work:
            if (self.professional is not False) and not w.professional:
                continue
            if self.related and not w.related:
                continue
            if self.township and not w.township:
                continue
            out.append((w.start, dates.plus_days(w.end, 1) if w.end else FAR))
        return out

    def _worked(self, ctx: Ctx, anchor: date | None, anchor_desc: str, hi: date | None, need: int, need_s: str, relaxed: str) -> Outcome:
        """Time in the posts that count, from the anchor (and before graduation, `until`)."""
        periods = dates.clip(self.work_periods(ctx), anchor, hi)
        skipped = self.skipped_years(ctx)
        if skipped:
            periods = dates.cut(periods, [(date(y, 1, 1), date(y + 1, 1, 1)) for y in skipped])
            left_out = t(
                f"{'、'.join(map(str, skipped))} 年度考核未达合格，不计入",
                f"{', '.join(map(str, skipped))} assessed below qualified, left out",
            )
            sep = "，" if lang() == "zh" else "; "
            anchor_desc = f"{anchor_desc}{sep}{left_out}" if anchor_desc else left_out
        if self.current:
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
        if not periods and (reach is None or hi is not None):
            return self._nothing_counts(since, until, need_s)
        if reach is None or hi is not None:
            why = t("（工作经历已结束，时间无法补足）", " (the work history ends before that)")
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

    def _nothing_counts(self, since: str, until: date, need_s: str) -> Outcome:
        # Nothing counts at all (e.g. every post is outside the major): saying the history
        # "ends" would send the applicant looking for the wrong fault.
        what_zh = "".join(
            x
            for x, on in (
                ("乡镇及以下基层", self.township),
                ("与所学专业相同或相近的", self.related),
                ("专业技术岗位", self.professional is not False),
            )
            if on
        )
        what_en = ", ".join(
            x
            for x, on in (
                ("in a professional post", self.professional is not False),
                ("related to the major", self.related),
                ("at township level or below", self.township),
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


@dataclass
class FirstSecretaryCondition(ConditionBase):
    kind: Literal["first_secretary"] = "first_secretary"
    years: Years | None = param(zh="任驻村第一书记满几年（按日历时间）", en="years as village first secretary (calendar time)")
    rating: Literal["excellent", "qualified"] | None = param(zh="任期考核须为此等次", en="the rating the term must have")

    needs = ("special.village_first_secretary",)
    summary = ("驻村第一书记：任职满若干年，考核等次。", "village first secretary: years served and the rating")
    example = "{kind: first_secretary, years: 2, rating: excellent}"

    def evaluate(self, ctx: Ctx) -> Outcome:
        fs = ctx.profile.special.village_first_secretary
        if fs is None:
            return Outcome(False, None, False, t("未任驻村第一书记", "never a village first secretary"))
        if self.rating and fs.rating != self.rating:
            return Outcome(
                False,
                None,
                False,
                t(
                    f"考核等次为{nm(GRADE_NAMES, fs.rating or 'none')}，需为{nm(GRADE_NAMES, self.rating)}",
                    f"rated {nm(GRADE_NAMES, fs.rating or 'none')}, {nm(GRADE_NAMES, self.rating)} needed",
                ),
            )
        served = DurationCondition(years=self.years, from_="first_secretary", measure="calendar")
        return served.evaluate(ctx.replace(shorten=0))

    def wording(self) -> str:
        return t(f"任驻村第一书记满 {self.years or 0} 年", f"village first secretary for {self.years or 0} years")

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        return Task(self.describe(), doable=False, detail=outcome.detail)
