"""年度考核与继续教育 · Annual assessments and continuing education."""

from __future__ import annotations

from datetime import date
from typing import Literal

from ..i18n import plural, t
from ..model import GRADES_PASSING, Grade, Level
from ..results import Outcome
from ..terms import GRADE_NAMES, nm
from .base import ConditionBase, Count, Ctx, Hours, Years, dataclass, param, since_date


@dataclass
class AssessmentsCondition(ConditionBase):
    kind: Literal["assessments"] = "assessments"
    min_count: Count | None = param(zh="合格及以上的年度至少几次", en="at least this many years rated qualified or better")
    since: Literal["title", "graduation"] | None = param(
        zh="只计此后的年度：title 取得职称、graduation 毕业", en="count only the years since the title or graduation"
    )
    title_level: Level | None = param(zh="since: title 时，哪一级职称", en="since: title — which title level")
    all_passing: bool | None = param(zh="true：所计年度都须合格及以上", en="true: every counted year must be qualified or better")
    latest: bool | None = param(zh="true：最近一个年度须合格及以上", en="true: the latest year must be qualified or better")
    failing_grades: list[Grade] = param(
        zh="all_passing、latest 视为不合格的等次（默认：合格以下及未定等次）；如只写 [basically_qualified, unqualified]，"
        "则未定等次的年度不算不合格",
        en="the grades all_passing and latest treat as failing (default: below qualified and not graded)",
        many=True,
    )

    needs = ("assessments",)
    summary = ("年度考核：合格及以上的次数、是否每年合格、最近一年。", "annual assessments: how many passed, all passed, the latest")
    example = "{kind: assessments, since: title, all_passing: true, latest: true}"

    def evaluate(self, ctx: Ctx) -> Outcome:
        a = {int(y): g for y, g in ctx.profile.assessments.items()}
        since = since_date(self.since, self.title_level, ctx)
        lo = since.year if since else -1
        years = sorted(y for y in a if lo <= y <= ctx.at.year)
        good = [y for y in years if a[y] in GRADES_PASSING]
        bad = [y for y in years if self.fails(a[y])]
        problems = []
        if self.min_count and len(good) < self.min_count:
            problems.append(
                t(
                    f"合格及以上 {len(good)} 次，需 {self.min_count} 次",
                    f"{plural(len(good), 'assessment')} qualified or better, {self.min_count} needed",
                )
            )
        if self.all_passing and bad:
            problems.append(t(f"{'、'.join(map(str, bad))} 年度未达合格", f"below qualified in {', '.join(map(str, bad))}"))
        if self.latest:
            y = ctx.at.year if ctx.at.year in a else ctx.at.year - 1
            if a.get(y) is None or self.fails(a[y]):
                grade = nm(GRADE_NAMES, a.get(y) or "none")
                problems.append(
                    t(f"{y} 年度考核须为合格及以上（现为 {grade}）", f"the {y} assessment must be qualified or better (is {grade})")
                )
        span_zh = f"{since.year} 年以来" if since else ""
        span_en = f" since {since.year}" if since else ""
        if good:
            detail = t(
                f"{span_zh}合格及以上 {len(good)} 次（{'、'.join(map(str, good))}）",
                f"{plural(len(good), 'assessment')} qualified or better{span_en} ({', '.join(map(str, good))})",
            )
        else:
            detail = t(f"{span_zh}没有合格及以上的年度考核", f"no assessment qualified or better{span_en}")
        if problems:
            return Outcome(False, None, False, t("；", "; ").join(problems))
        return Outcome(True, None, True, detail)

    def fails(self, grade: str) -> bool:
        return grade in self.failing_grades if self.failing_grades else grade not in GRADES_PASSING

    def wording(self) -> str:
        n = self.min_count or 0
        return t(f"年度考核合格及以上不少于 {n} 次", f"at least {n} annual assessments qualified or better")


@dataclass
class ContinuingEducationCondition(ConditionBase):
    kind: Literal["continuing_education"] = "continuing_education"
    hours_per_year: Hours | None = param(zh="每年至少几学时（合计）", en="hours per year at least (in all)")
    public_per_year: Hours | None = param(zh="每年公需科目至少几学时", en="hours of public subjects per year at least")
    professional_per_year: Hours | None = param(zh="每年专业科目至少几学时", en="hours of specialised subjects per year at least")
    years: Years | None = param(zh="检查最近几个完整年度（默认 1）", en="how many past calendar years are checked (default 1)")
    total_hours: Hours | None = param(
        zh="最近 total_years 个完整年度内累计至少几学时；窗口内只计全年在岗的年度，年度不足时按比例（如 5 年 160 学时，"
        "在岗 2 年须 64 学时）",
        en="at least this many hours in all over the last total_years calendar years; only years worked in full count, "
        "fewer years ask for a proportional share",
    )
    total_years: Years | None = param(zh="total_hours 的年度窗口（如 5）", en="the window of total_hours in calendar years (e.g. 5)")
    public_each_year: bool | None = param(
        zh="true：所查每个年度的学时须含该年度的公需科目学时（不限学时数，“均需当年的公需科目”）",
        en="true: each year checked must include public-subject hours of that year (any number)",
    )

    needs = ("continuing_education",)
    summary = ("继续教育：最近几个年度每年的学时。", "continuing education: hours in each of the last years")
    example = "{kind: continuing_education, hours_per_year: 90, years: 3}"

    def evaluate(self, ctx: Ctx) -> Outcome:
        ce = {int(y): v for y, v in ctx.profile.continuing_education.items()}
        years = [ctx.at.year - i for i in range(1, (self.years or 1) + 1)]
        short = [s for s in (self._short(y, ce.get(y)) for y in years) if s]
        short += [s for s in (self._short_total(ctx, ce),) if s]
        if short:
            return Outcome(False, None, False, t("不足：", "short: ") + t("、", ", ").join(short))
        got = t("、", ", ").join(f"{y}: {ce[y].total:g}" for y in years if y in ce)
        return Outcome(True, None, True, got)

    def _short_total(self, ctx: Ctx, ce: dict) -> str | None:
        """What the last `total_years` years lack in all, counting only years with work."""
        if not self.total_hours or not self.total_years:
            return None
        window = [ctx.at.year - i for i in range(1, self.total_years + 1)]
        # a year counts when a post covers it whole: a graduate who started in July owes no hours for it
        worked = [
            y for y in window if any(w.start <= date(y, 1, 1) and (w.end is None or w.end >= date(y, 12, 31)) for w in ctx.profile.work)
        ]
        if not worked:
            return None
        need = self.total_hours * len(worked) / self.total_years
        have = sum(ce[y].total for y in worked if y in ce)
        if have >= need:
            return None
        span = f"{min(worked)}–{max(worked)}"
        return t(f"{span} 年累计 {have:g} 学时（需 {need:g}）", f"{span}: {have:g} h in all ({need:g} needed)")

    def _short(self, y: int, rec) -> str | None:
        """What year `y` lacks, if anything."""
        tot = rec.total if rec else 0
        if self.hours_per_year and tot < self.hours_per_year:
            return t(f"{y} 年 {tot:g} 学时", f"{y}: {tot:g} h")
        public = (rec.public or 0) if rec else 0
        if self.public_per_year and (rec is None or (rec.public or 0) < self.public_per_year):
            return t(f"{y} 年公需科目 {public:g} 学时", f"{y}: {public:g} h public")
        if self.public_each_year and (rec is None or (rec.public or 0) <= 0):
            return t(f"{y} 年没有公需科目学时", f"{y}: no public-subject hours")
        prof = (rec.professional or 0) if rec else 0
        if self.professional_per_year and (rec is None or (rec.professional or 0) < self.professional_per_year):
            return t(f"{y} 年专业科目 {prof:g} 学时", f"{y}: {prof:g} h specialised")
        return None

    def wording(self) -> str:
        return t(
            f"近 {self.years or 1} 年每年继续教育不少于 {self.hours_per_year or 0} 学时",
            f"at least {self.hours_per_year or 0} hours of continuing education in each of the last {self.years or 1} years",
        )
