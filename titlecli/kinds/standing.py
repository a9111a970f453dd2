"""身份、处分与系列 · Who may not apply: civil servants, the retired, a sanction, exam-only series."""

from __future__ import annotations

from typing import Literal

from .. import dates
from ..i18n import t
from ..results import Outcome, Task
from ..terms import series_name
from .base import ConditionBase, Ctx, dataclass, param


@dataclass
class StatusCondition(ConditionBase):
    kind: Literal["status"] = "status"
    field_: Literal["civil_servant", "retired"] | None = param(
        zh="哪种身份不得申报（必填）：civil_servant 公务员或参公人员（机关单位亦然）、retired 已退休", en="which status fails (required)"
    )

    needs = ("status.civil_servant", "status.retired", "employer.type")
    summary = ("身份：是公务员（参公）或已退休则不满足。", "fails for a civil servant or a retired person")
    example = "{kind: status, field: civil_servant}"

    def reads(self) -> set[str]:
        return {f"status.{self.field_}"} if self.field_ else set()

    def problems(self) -> list[tuple[tuple, str]]:
        if self.field_ is None:
            return [(("field",), t("status 需要 field", "status needs field"))]
        return []

    def evaluate(self, ctx: Ctx) -> Outcome:
        st = ctx.profile.status
        employer = ctx.profile.employer
        if self.field_ == "civil_servant" and (st.civil_servant or (employer and employer.type == "government")):
            return Outcome(False, None, False, t("申请人为公务员或参公管理人员", "the applicant is a civil servant"))
        if self.field_ == "retired" and st.retired:
            return Outcome(False, None, False, t("申请人已退休", "the applicant is retired"))
        return Outcome(True, None, True, t("申请人不属于此情形", "does not apply to the applicant"))

    def wording(self) -> str:
        return {"civil_servant": t("不是公务员或参照公务员法管理人员", "not a civil servant"), "retired": t("未退休", "not retired")}.get(
            self.field_ or "", ""
        )

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        return Task(self.describe(), doable=False, detail=outcome.detail)


@dataclass
class SanctionCondition(ConditionBase):
    kind: Literal["sanction"] = "sanction"

    needs = ("status.sanction_until",)
    lapses = True
    summary = ("处分：处分期内不满足，期满次日起满足。", "fails while a sanction is in force; holds from the day after it ends")
    example = "{kind: sanction}"

    def evaluate(self, ctx: Ctx) -> Outcome:
        until = ctx.profile.status.sanction_until
        if until is not None and until >= ctx.at:
            return Outcome(False, dates.plus_days(until, 1), True, t(f"处分期至 {until}", f"sanction in force until {until}"))
        return Outcome(True, None, True, t(f"处分期已于 {until} 结束", f"sanction ended {until}") if until else t("无处分", "no sanction"))

    def wording(self) -> str:
        return t("不在处分期内", "not under a sanction")

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        # asked only of a sanction with no end a calendar can reach
        return Task(self.describe(), doable=False, detail=outcome.detail)


@dataclass
class SeriesNotCondition(ConditionBase):
    kind: Literal["series_not"] = "series_not"
    series: list[str] = param(zh="这些系列不满足（如须考试取得的系列）", en="series that fail (e.g. exam-only series)", many=True)
    specialties: list[str] = param(
        zh="申报专业含其中一个词时也不满足（系列内须考试的专业，如工程系列的 计算机）",
        en="also fails when the specialty contains one of these words (exam-only specialties inside a series)",
        many=True,
    )

    needs = ()
    summary = ("系列与专业：申报的系列或专业在所列之中则不满足（须考试取得等）。", "fails for the listed series, or specialties")
    example = "{kind: series_not, series: [accounting, economics], applies_to: {routes: [initial]}}"

    def evaluate(self, ctx: Ctx) -> Outcome:
        s = ctx.profile.application.series
        if s in self.series:
            return Outcome(
                False, None, False, t(f"{series_name(s, ctx.region)}须通过考试取得", f"the {series_name(s)} series is obtained by exam")
            )
        spec = ctx.profile.application.specialty or ""
        hit = [w for w in self.specialties if w and w in spec]
        if hit:
            # the rule's own text says why (exam-only, or outside the notice): the detail only names the match
            # (in English without the notice's Chinese word: the rule's English text lists them)
            return Outcome(False, None, False, t(f"申报专业“{spec}”属{hit[0]}类专业", f"the specialty {spec!r} is one of them"))
        if self.specialties and not self.series:
            shown = spec or t("未填写", "(not given)")
            return Outcome(True, None, True, t(f"申报专业“{shown}”不在此列", f"the specialty {shown!r} is not one of them"))
        return Outcome(True, None, True, t(f"{series_name(s, ctx.region)}不在此列", f"the {series_name(s)} series is not one of them"))

    def wording(self) -> str:
        return t("所在系列可以初定/评审（非考试系列）", "the series is not exam-only")

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        return Task(self.describe(), doable=False, detail=outcome.detail)
