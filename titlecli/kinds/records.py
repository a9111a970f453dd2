"""年度考核与继续教育 · Annual assessments and continuing education."""

from __future__ import annotations

from datetime import date
from typing import Literal

from ..i18n import lang, plural, t
from ..model import GRADES_PASSING, Grade, Level
from ..results import Outcome, Task, YearlyHours
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
                    t(f"{y} 年度考核须为合格及以上（现为 {grade}）", f"the {y} assessment must be qualified or better; it is {grade}")
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

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        """Assessments of years not yet assessed come by carrying on (routine); one that was
        below qualified stays on record."""
        a = {int(y): g for y, g in ctx.profile.assessments.items()}
        since = since_date(self.since, self.title_level, ctx)
        lo = since.year if since else -1
        years = sorted(y for y in a if lo <= y <= ctx.at.year)
        good = [y for y in years if a[y] in GRADES_PASSING]
        bad = [y for y in years if self.fails(a[y])]
        parts: list[str] = []
        routine, doable, opens = True, True, None
        quantities: dict = {}
        if self.min_count and len(good) < self.min_count:
            more = self.min_count - len(good)
            # the years still to be assessed by the date (this one included), after the last on record
            first_open = max([ctx.as_of.year, lo, *(y + 1 for y in years)])
            open_years = list(range(first_open, ctx.at.year + 1))
            quantities.update(assessments=more, have=len(good), need=self.min_count)
            if more > len(open_years):
                # not enough years left before the date: the route waits for later assessments
                opens = date(ctx.at.year + more - len(open_years), 12, 31)
            parts.append(
                t(f"再有 {more} 个年度考核合格及以上", f"{more} more annual assessment{'s' if more != 1 else ''} qualified or better")
            )
        if self.all_passing and bad:
            doable = routine = False
            quantities["below_qualified"] = bad
            parts.append(
                t(
                    f"{'、'.join(map(str, bad))} 年度未达合格，无法更改",
                    f"below qualified in {', '.join(map(str, bad))}, which stays on record",
                )
            )
        if self.latest:
            y = ctx.at.year if ctx.at.year in a else ctx.at.year - 1
            if a.get(y) is None or self.fails(a[y]):
                quantities["latest_year"] = y
                if y in a or y < ctx.as_of.year - 1:
                    routine = False
                parts.append(t(f"{y} 年度考核须为合格及以上", f"the {y} assessment must be qualified or better"))
        text = t("；", "; ").join(parts) or self.describe()
        return Task(text, quantities, doable=doable, routine=routine and doable, opens=opens, detail=outcome.detail)


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
    summary = (
        "继续教育：最近几个年度每年的学时，以及几个年度内的累计学时。",
        "continuing education: hours in each of the last years, and in all over several years",
    )
    example = "{kind: continuing_education, hours_per_year: 32, years: 1, total_hours: 160, total_years: 5}"

    def problems(self) -> list[tuple[tuple, str]]:
        if (self.total_hours is None) != (self.total_years is None):
            return [((), t("total_hours 与 total_years 须同时给出", "total_hours and total_years go together"))]
        return []

    def checked_years(self, at: date) -> list[int]:
        """The complete years checked on `at`, latest first."""
        return [at.year - i for i in range(1, (self.years or 1) + 1)]

    def total_window(self, ctx: Ctx) -> tuple[list[int], float]:
        """The years of the last `total_years` that count towards `total_hours` on `ctx.at`
        (worked in full), and the hours they must hold in all (a proportional share)."""
        if not self.total_hours or not self.total_years:
            return [], 0.0
        window = [ctx.at.year - i for i in range(1, self.total_years + 1)]
        # a year counts when a post covers it whole: a graduate who started in July owes no hours for it
        worked = sorted(
            y for y in window if any(w.start <= date(y, 1, 1) and (w.end is None or w.end >= date(y, 12, 31)) for w in ctx.profile.work)
        )
        return worked, self.total_hours * len(worked) / self.total_years

    def evaluate(self, ctx: Ctx) -> Outcome:
        ce = {int(y): v for y, v in ctx.profile.continuing_education.items()}
        years = self.checked_years(ctx.at)
        short = [s for s in (self._short(y, ce.get(y)) for y in years) if s]
        short += [s for s in (self._short_total(ctx, ce),) if s]
        if short:
            return Outcome(False, None, False, t("不足：", "short: ") + t("、", ", ").join(short))
        got = t("、", ", ").join(f"{y}: {ce[y].total:g}" for y in years if y in ce)
        return Outcome(True, None, True, got)

    def _short_total(self, ctx: Ctx, ce: dict) -> str | None:
        """What the last `total_years` years lack in all, counting only years with work."""
        worked, need = self.total_window(ctx)
        if not worked:
            return None
        have = sum(ce[y].total for y in worked if y in ce)
        if have >= need:
            return None
        span = f"{min(worked)}–{max(worked)}"
        return t(f"{span} 年累计 {have:g} 学时（需 {need:g}）", f"{span}: {have:g} h in all ({need:g} needed)")

    def yearly_hours(self, ctx: Ctx) -> YearlyHours | None:
        worked, need = self.total_window(ctx)
        return YearlyHours(
            self.checked_years(ctx.at),
            self.hours_per_year,
            self.public_per_year,
            self.professional_per_year,
            need if worked else None,
            worked,
            self.public_each_year or False,
        )

    def _year_short(self, rec) -> tuple[float, float, float, bool]:
        """What a year's record lacks: hours in all, of public subjects, of specialised ones,
        and whether it lacks public subjects of any number where each year needs some."""
        tot = rec.total if rec else 0
        pub = (rec.public or 0) if rec else 0
        pro = (rec.professional or 0) if rec else 0
        need_pub = max((self.public_per_year or 0) - pub, 0)
        return (
            max((self.hours_per_year or 0) - tot, 0),
            need_pub,
            max((self.professional_per_year or 0) - pro, 0),
            bool(self.public_each_year) and pub <= 0 and not need_pub,
        )

    def _apply_year(self, ctx: Ctx, ce: dict) -> tuple[int, list[int], list[dict]]:
        """The first year an application can be made with every hour still to do done: a past
        year's hours cannot be made up, nor hours in all over years that are all past.  Also
        the years and the spans of years lost."""
        k = self.years or 1
        lost: list[int] = []
        lost_totals: list[dict] = []
        apply_year = ctx.at.year
        while True:
            past_short = [y for y in self.checked_years(date(apply_year, 1, 1)) if y < ctx.as_of.year and any(self._year_short(ce.get(y)))]
            if past_short:
                lost += past_short
                apply_year = max(past_short) + k + 1
                continue
            worked, need = self.total_window(ctx.replace(at=date(apply_year, 1, 1)))
            done = sum(ce[y].total for y in worked if y in ce)
            if worked and max(worked) < ctx.as_of.year and done < need:
                lost_totals.append({"first": min(worked), "last": max(worked), "done": done, "need": need})
                apply_year += 1
                continue
            return apply_year, sorted(set(lost)), lost_totals

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        """The hours still to do, year by year and in all.  A past year's hours cannot be made
        up: the application then waits until every year it checks is one still to come."""
        ce = {int(y): v for y, v in ctx.profile.continuing_education.items()}
        apply_year, lost, lost_totals = self._apply_year(ctx, ce)
        opens = date(apply_year, 1, 1) if apply_year != ctx.at.year else None
        years = sorted(apply_year - i for i in range(1, (self.years or 1) + 1))
        parts, rows = [], []
        for y in years:
            tot, pub, pro, no_public = self._year_short(ce.get(y))
            if not (tot or pub or pro or no_public):
                continue
            rows.append({"year": y, "hours": tot, "public": pub, "professional": pro, "public_missing": no_public})
            parts.append(_year_words(y, tot, pub, pro, no_public))
        worked, need = self.total_window(ctx.replace(at=date(apply_year, 1, 1)))
        cumulative_short = 0.0
        if worked:
            done = sum(ce[y].total for y in worked if y in ce)
            # the hours still to do each year count towards the total when they are done
            ahead = sum(r["hours"] for r in rows if r["year"] in worked)
            cumulative_short = max(need - done - ahead, 0)
            if cumulative_short:
                parts.append(
                    t(
                        f"{min(worked)}–{max(worked)} 年累计还差 {cumulative_short:g} 学时",
                        f"{cumulative_short:g} more hours in all over {min(worked)}–{max(worked)}",
                    )
                )
        gone = t("、", ", ").join(
            [t(f"{y} 年", str(y)) for y in lost]
            + [t(f"{x['first']}–{x['last']} 年累计", f"{x['first']}–{x['last']} in all") for x in lost_totals]
        )
        if gone:
            parts.append(
                t(
                    f"{gone}学时不足，已无法补足，最早 {apply_year} 年申报",
                    f"the hours of {gone} can no longer be made up: {apply_year} at the earliest",
                )
            )
        text = t("；", "; ").join(parts) or self.describe()
        quantities = {"years": rows, "lost_years": lost, "lost_totals": lost_totals, "cumulative_short": cumulative_short or None}
        by = date(max(years), 12, 31) if rows or cumulative_short else None
        return Task(text, quantities, by=by, opens=opens, detail=outcome.detail)

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


def _year_words(y: int, tot: float, pub: float, pro: float, no_public: bool = False) -> str:
    """ "2023 年继续教育还差 12 学时（其中公需 8）"; where each year needs public subjects of any
    number and the year has none, "（须含当年公需科目）"."""
    extra_zh = [f"公需 {pub:g}" if pub else "", f"专业 {pro:g}" if pro else ""]
    extra_en = [f"{pub:g} of public subjects" if pub else "", f"{pro:g} specialised" if pro else ""]
    zh_in = "、".join(x for x in extra_zh if x)
    en_in = ", ".join(x for x in extra_en if x)
    if lang() == "en":
        head = f"{tot:g} more hours of continuing education in {y}" if tot else f"in {y}, more hours of continuing education"
        text = head + (f" ({en_in})" if en_in and tot else (f": {en_in}" if en_in else ""))
        if no_public:
            text = (text + ", including public subjects of that year") if tot or en_in else f"public-subject hours in {y}"
        return text
    head = f"{y} 年继续教育还差 {tot:g} 学时" if tot else f"{y} 年继续教育"
    text = head + (f"（其中{zh_in}）" if zh_in and tot else (f"还差{zh_in} 学时" if zh_in else ""))
    if no_public:
        text = (text + "（须含当年公需科目）") if tot or zh_in else f"{y} 年继续教育须含当年公需科目学时"
    return text
