"""学历 · Education."""

from __future__ import annotations

from typing import Literal

from ..i18n import lang, t
from ..model import DEGREES, EDUCATION_LEVELS, Discipline, Education, EducationLevel
from ..results import Outcome, Task
from ..terms import DEGREE_NAMES, DISCIPLINE_NAMES, EDU_NAMES, nm
from .base import ConditionBase, Ctx, dataclass, param


@dataclass
class EducationCondition(ConditionBase):
    kind: Literal["education"] = "education"
    levels: list[EducationLevel] = param(zh="学历为其中之一", en="the education is one of these levels", many=True)
    min_level: EducationLevel | None = param(zh="最低学历（含）", en="this level or higher")
    degree: Literal["bachelor", "master", "doctor"] | None = param(zh="最低学位（含）", en="this degree or higher")
    full_time: bool | None = param(zh="true：须为全日制", en="true: full-time study only")
    related: bool | None = param(
        zh="true：所学专业须与申报专业相同或相近", en="true: the major must be related to the specialty applied for"
    )
    major_keywords: list[str] = param(
        zh="所学专业须含其中一个词（如 计算机）", en="the major must contain one of these words (e.g. 计算机)", many=True
    )
    disciplines: list[Discipline] = param(
        zh="所学专业的学科门类须为其中之一（如 [engineering, science] 理工科）；学历未填学科门类时，以“所学专业与申报专业相同或相近”代之",
        en="the major's discipline must be one of these (e.g. [engineering, science]); where an education gives none, "
        "a major related to the specialty applied for stands for it",
        many=True,
    )

    needs = ("education", "education.discipline")
    summary = ("学历：层次、学位、全日制、专业。途径中的学历条件决定用哪一份学历计算年限。", "education: level, degree, full-time, major")
    example = "{kind: education, min_level: bachelor, full_time: true, related: true}"

    def matches(self, ed: Education) -> bool:
        if self.levels and ed.level not in self.levels:
            return False
        if self.min_level and EDUCATION_LEVELS.index(ed.level) < EDUCATION_LEVELS.index(self.min_level):
            return False
        if self.degree and DEGREES.index(ed.degree) < DEGREES.index(self.degree):
            return False
        if self.full_time and not ed.full_time:
            return False
        if self.related and not ed.related:
            return False
        if self.major_keywords and not any(w in (ed.major or "") for w in self.major_keywords):
            return False
        return self.discipline_ok(ed)

    def discipline_ok(self, ed: Education) -> bool:
        if not self.disciplines:
            return True
        return ed.discipline in self.disciplines if ed.discipline is not None else ed.related

    def reads(self) -> set[str]:
        return {"education", "education.discipline"} if self.disciplines else {"education"}

    def _why_discipline(self, ed: Education) -> str:
        """Why an education that is otherwise enough fails the discipline rule."""
        major = f"“{ed.major}”" if ed.major else ""
        if ed.discipline is not None:
            return t(
                f"所学专业{major}属{nm(DISCIPLINE_NAMES, ed.discipline)}", f"the major {major} is in {nm(DISCIPLINE_NAMES, ed.discipline)}"
            )
        return t(
            f"未填写所学专业{major}的学科门类，且与申报专业不相同或相近",
            f"the major {major} gives no discipline and is not related to the specialty applied for",
        )

    def evaluate(self, ctx: Ctx) -> Outcome:
        ed = ctx.edu
        if ed is not None and self.disciplines and not self.discipline_ok(ed):
            return Outcome(False, None, False, self._why_discipline(ed))
        if ed is None or not self.matches(ed):
            have = t("、", ", ").join(
                f"{nm(EDU_NAMES, e.level)}{t('' if e.full_time else '（非全日制）', '' if e.full_time else ' (not full-time)')}"
                for e in ctx.profile.education
            ) or t("无", "none")
            return Outcome(False, None, False, t(f"现有学历：{have}", f"education held: {have}"))
        ft = t("全日制", "full-time") if ed.full_time else t("非全日制", "not full-time")
        deg = (
            f"，{nm(DEGREE_NAMES, ed.degree)}学位"
            if ed.degree != "none" and lang() == "zh"
            else (f", {nm(DEGREE_NAMES, ed.degree)}" if ed.degree != "none" else "")
        )
        detail = t(
            f"{ed.school or ''}{nm(EDU_NAMES, ed.level)}，{ft}{deg}，{ed.graduated} 毕业",
            f"{nm(EDU_NAMES, ed.level)}{', ' + ed.school if ed.school else ''}, {ft}{deg}, graduated {ed.graduated}",
        )
        if ed.graduated > ctx.at:
            return Outcome(False, ed.graduated, True, detail)
        return Outcome(True, ed.graduated, True, detail)

    def wording(self) -> str:
        parts = []
        if self.levels:
            names = [nm(EDU_NAMES, x) for x in self.levels]
            parts.append(t("、".join(names) + "学历", "education: " + ", ".join(names)))
        if self.min_level:
            parts.append(t(f"{nm(EDU_NAMES, self.min_level)}及以上学历", f"{nm(EDU_NAMES, self.min_level)} or higher"))
        if self.degree:
            parts.append(t(f"{nm(DEGREE_NAMES, self.degree)}及以上学位", f"a {nm(DEGREE_NAMES, self.degree)} or higher"))
        if self.full_time:
            parts.append(t("全日制", "full-time"))
        if self.related:
            parts.append(t("所学专业与申报专业相同或相近", "in a related major"))
        if self.disciplines:
            names = [nm(DISCIPLINE_NAMES, x) for x in self.disciplines]
            parts.append(t("学科门类为" + "或".join(names), "in " + " or ".join(names)))
        if self.major_keywords:
            parts.append(t("专业含" + "、".join(self.major_keywords), "major: " + ", ".join(self.major_keywords)))
        return t("具备", "Holds ") + t("，", ", ").join(parts)

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        # a different education is a different road, not a task on this one
        return Task(self.describe(), doable=False, detail=outcome.detail)
