"""岗位与单位 · The present post and the employer."""

from __future__ import annotations

from typing import Literal

from ..i18n import t
from ..model import EmployerType
from ..results import Outcome, Task
from ..terms import EMPLOYER_TYPES
from .base import ConditionBase, Ctx, dataclass, param


@dataclass
class EmploymentCondition(ConditionBase):
    kind: Literal["employment"] = "employment"
    professional: bool | None = param(zh="true：须在专业技术岗位", en="true: the post must be a professional one")
    related: bool | None = param(zh="true：岗位须与所学专业相同或相近", en="true: the post must be related to the major")
    current: bool | None = param(zh="false：不要求检查日仍在岗（默认要求）", en="false: need not be in the post on the check date")
    employer_types: list[EmployerType] = param(zh="单位类型须为其中之一", en="the employer's type must be one of these", many=True)
    professional_pay: bool | None = param(
        zh="true：现岗位须按专业技术岗位兑现工资（work[].professional_pay）",
        en="true: the present post must be paid as a professional post",
    )

    needs = ("work", "employer.type", "work.professional_pay")
    summary = ("现岗位：检查日在（专业技术、相关）岗位工作，单位类型。", "the present post (professional, related) and the employer type")
    example = "{kind: employment, professional: true, related: true}"

    def evaluate(self, ctx: Ctx) -> Outcome:
        p = ctx.profile
        if self.employer_types and (p.employer is None or p.employer.type not in self.employer_types):
            return Outcome(False, None, False, t("单位类型不符", "employer type does not qualify"))
        now = [
            w
            for w in p.work
            if w.start <= ctx.at
            and (w.end is None or w.end >= ctx.at)
            and (not self.professional or w.professional)
            and (not self.related or w.related)
        ]
        if (self.current is not False) and not now:
            return Outcome(False, None, False, t(f"{ctx.at} 时不在专业技术岗位", f"not in a professional post on {ctx.at}"))
        if self.professional_pay and now and not any(x.professional_pay for x in now):
            if any(x.professional_pay is None for x in now):
                return Outcome(
                    False,
                    None,
                    False,
                    t(
                        "未填写现岗位是否按专业技术岗位兑现工资",
                        "the profile does not say whether the present post is paid as a professional post",
                    ),
                )
            return Outcome(False, None, False, t("现岗位未按专业技术岗位兑现工资", "the present post is not paid as a professional post"))
        w = now[0] if now else None
        return Outcome(True, None, True, f"{w.employer or ''} {w.post or ''}".strip() if w else "")

    def reads(self) -> set[str]:
        out = {"work", "employer.type"}
        if self.professional_pay:
            out.add("work.professional_pay")
        return out

    def wording(self) -> str:
        if self.professional_pay:
            return t("现在专业技术岗位工作并按专业技术岗位兑现工资", "currently works in a professional post, paid as one")
        return t("现在专业技术岗位工作", "currently works in a professional post")

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        p = ctx.profile
        if self.employer_types and (p.employer is None or p.employer.type not in self.employer_types):
            return Task(self.describe(), doable=False, detail=outcome.detail)
        related = t("与所学专业相同或相近的", " related to the major") if self.related else ""
        return Task(
            t(f"申报时须在{related}专业技术岗位工作", f"be working in a professional post{related} when applying"),
            {"related": bool(self.related)},
            detail=outcome.detail,
        )


@dataclass
class EmployerTypeNotCondition(ConditionBase):
    kind: Literal["employer_type_not"] = "employer_type_not"
    employer_types: list[EmployerType] = param(zh="这些类型的单位不满足", en="employer types that fail", many=True)

    needs = ("employer.type",)
    summary = ("单位类型不得为所列类型（如机关）。", "fails for the listed employer types")
    example = "{kind: employer_type_not, employer_types: [government]}"

    def evaluate(self, ctx: Ctx) -> Outcome:
        e = ctx.profile.employer
        if e and e.type in self.employer_types:
            return Outcome(False, None, False, t(f"单位类型为{EMPLOYER_TYPES.zh(e.type)}", f"employer type: {EMPLOYER_TYPES.en(e.type)}"))
        if e is None:
            return Outcome(True, None, True, "")
        return Outcome(True, None, True, t(f"单位类型为{EMPLOYER_TYPES.zh(e.type)}", f"employer type: {EMPLOYER_TYPES.en(e.type)}"))

    def wording(self) -> str:
        return t("单位类型符合要求", "employer type allowed")

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        return Task(self.describe(), doable=False, detail=outcome.detail)
