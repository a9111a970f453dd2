"""年度考核与继续教育 · Annual assessments and continuing education."""

from __future__ import annotations

from typing import Literal

from ..i18n import t
from ..model import GRADES_PASSING, Level
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

    needs = ("assessments",)
    summary = ("年度考核：合格及以上的次数、是否每年合格、最近一年。", "annual assessments: how many passed, all passed, the latest")
    example = "{kind: assessments, since: title, all_passing: true, latest: true}"

    def evaluate(self, ctx: Ctx) -> Outcome:
        a = {int(y): g for y, g in ctx.profile.assessments.items()}
        since = since_date(self.since, self.title_level, ctx)
        lo = since.year if since else -1
        years = sorted(y for y in a if lo <= y <= ctx.at.year)
        good = [y for y in years if a[y] in GRADES_PASSING]
        bad = [y for y in years if a[y] not in GRADES_PASSING]
        problems = []
        if self.min_count and len(good) < self.min_count:
            problems.append(t(f"合格及以上 {len(good)} 次，需 {self.min_count} 次", f"{len(good)} qualified, {self.min_count} needed"))
        if self.all_passing and bad:
            problems.append(t(f"{'、'.join(map(str, bad))} 年度未达合格", f"below qualified in {', '.join(map(str, bad))}"))
        if self.latest:
            y = ctx.at.year if ctx.at.year in a else ctx.at.year - 1
            if a.get(y) not in GRADES_PASSING:
                grade = nm(GRADE_NAMES, a.get(y) or "none")
                problems.append(
                    t(f"{y} 年度考核须为合格及以上（现为 {grade}）", f"the {y} assessment must be qualified or better (is {grade})")
                )
        span_txt = t(f"{since.year} 年以来" if since else "", f"since {since.year}" if since else "")
        detail = t(
            f"{span_txt}合格及以上 {len(good)} 次（{'、'.join(map(str, good)) or '无'}）",
            f"{span_txt}: {len(good)} qualified or better ({', '.join(map(str, good)) or 'none'})",
        )
        if problems:
            return Outcome(False, None, False, t("；", "; ").join(problems))
        return Outcome(True, None, True, detail)

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

    needs = ("continuing_education",)
    summary = ("继续教育：最近几个年度每年的学时。", "continuing education: hours in each of the last years")
    example = "{kind: continuing_education, hours_per_year: 90, years: 3}"

    def evaluate(self, ctx: Ctx) -> Outcome:
        ce = {int(y): v for y, v in ctx.profile.continuing_education.items()}
        years = [ctx.at.year - i for i in range(1, (self.years or 1) + 1)]
        short = [s for s in (self._short(y, ce.get(y)) for y in years) if s]
        if short:
            return Outcome(False, None, False, t("不足：", "short: ") + t("、", ", ").join(short))
        got = t("、", ", ").join(f"{y}: {ce[y].total:g}" for y in years if y in ce)
        return Outcome(True, None, True, got)

    def _short(self, y: int, rec) -> str | None:
        """What year `y` lacks, if anything."""
        tot = rec.total if rec else 0
        if self.hours_per_year and tot < self.hours_per_year:
            return t(f"{y} 年 {tot:g} 学时", f"{y}: {tot:g} h")
        public = (rec.public or 0) if rec else 0
        if self.public_per_year and (rec is None or (rec.public or 0) < self.public_per_year):
            return t(f"{y} 年公需科目 {public:g} 学时", f"{y}: {public:g} h public")
        prof = (rec.professional or 0) if rec else 0
        if self.professional_per_year and (rec is None or (rec.professional or 0) < self.professional_per_year):
            return t(f"{y} 年专业科目 {prof:g} 学时", f"{y}: {prof:g} h specialised")
        return None

    def wording(self) -> str:
        return t(
            f"近 {self.years or 1} 年每年继续教育不少于 {self.hours_per_year or 0} 学时",
            f"at least {self.hours_per_year or 0} hours of continuing education in each of the last {self.years or 1} years",
        )
