"""职称与技能等级 · Titles held and skill grades."""

from __future__ import annotations

from typing import Literal

from ..i18n import t
from ..model import LEVELS, SKILL_GRADES, Level, SkillGrade, Title, TitleRoute
from ..results import Outcome, Task
from ..terms import LEVEL_NAMES, ROUTE_NAMES, SKILL_NAMES, nm
from .base import ConditionBase, Ctx, dataclass, find_title, param, title_matches


@dataclass
class TitleCondition(ConditionBase):
    kind: Literal["title"] = "title"
    level: Level | None = param(zh="须已取得的职称级别（必填）", en="the title level that must be held (required)")
    series: Literal["same", "any", "other"] | list[str] | None = param(
        zh="哪个系列的职称：same 与申报系列相同（默认）、any 任意、other 其他系列，或列出系列",
        en="which series: same as applied for (default), any, other, or a list of series",
    )

    needs = ("titles",)
    summary = ("已取得某一级职称（取得日期之后才满足）。", "holds a title of a level (from the day it was obtained)")
    example = "{kind: title, level: assistant}"

    def problems(self) -> list[tuple[tuple, str]]:
        if self.level is None:
            return [(("level",), t("title 需要 level", "title needs level"))]
        return []

    def title_levels(self) -> list[str]:
        return [self.level] if self.level else []

    def evaluate(self, ctx: Ctx) -> Outcome:
        app_series = ctx.profile.application.series
        bound = ctx.title
        ti: Title | None
        if bound and title_matches(bound, self.level or "", self.series, app_series):
            ti = bound
        else:
            ti = find_title(ctx.profile, self.level, self.series)
        if ti is None:
            return Outcome(False, None, False, t("未取得", "not held"))
        return Outcome(ti.obtained <= ctx.at, ti.obtained, True, t(f"{ti.obtained} 取得{ti.name or ''}", f"obtained {ti.obtained}"))

    def wording(self) -> str:
        return t(f"已取得{nm(LEVEL_NAMES, self.level or '')}职称", f"holds the {nm(LEVEL_NAMES, self.level or '')} title")

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        level = nm(LEVEL_NAMES, self.level or "")
        other = t("（其他系列）", " (in another series)") if self.series == "other" else ""
        return Task(
            t(f"先取得{level}职称{other}", f"first obtain the {level} title{other}"), {"title_level": self.level}, detail=outcome.detail
        )


@dataclass
class SkillCondition(ConditionBase):
    kind: Literal["skill"] = "skill"
    grade: SkillGrade | None = param(zh="最低技能等级（默认 technician 技师）", en="the lowest skill grade (default technician)")

    needs = ("skills",)
    summary = ("具有某一技能等级及以上。", "holds a skill grade or higher")
    example = "{kind: skill, grade: senior_worker}"

    def evaluate(self, ctx: Ctx) -> Outcome:
        need = SKILL_GRADES.index(self.grade or "technician")
        ok = [s for s in ctx.profile.skills if SKILL_GRADES.index(s.grade) >= need]
        if not ok:
            return Outcome(False, None, False, t("未取得", "not held"))
        s = min(ok, key=lambda s: s.obtained)
        return Outcome(s.obtained <= ctx.at, s.obtained, True, t(f"{s.obtained} 取得", f"obtained {s.obtained}"))

    def wording(self) -> str:
        grade = nm(SKILL_NAMES, self.grade or "technician")
        return t(f"具有{grade}及以上技能等级", f"holds skill grade {grade} or higher")

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        grade = nm(SKILL_NAMES, self.grade or "technician")
        return Task(t(f"取得{grade}及以上技能等级", f"obtain skill grade {grade} or higher"), {"skill_grade": self.grade or "technician"})


@dataclass
class TitleInitializedCondition(ConditionBase):
    kind: Literal["title_initialized"] = "title_initialized"
    scope: Literal["any", "same_or_higher"] | None = param(
        zh="any：任何初定过的职称都不行（默认）；same_or_higher：只限同级或更高级",
        en="any initialised title fails; same_or_higher: only at this level or above",
    )
    obtained_by: list[TitleRoute] = param(
        zh="哪些取得方式的职称算数：initial 初定、review 评审、exam 考试（默认只算 initial）；"
        "如“已取得同级职称（任何方式、任何系列）的不再初定”写 [initial, review, exam]",
        en="which ways of obtaining a title count (default: initial only)",
        many=True,
    )

    needs = ("titles",)
    summary = (
        "此前未初定过职称（只能初定一次）：初定过（或按 obtained_by 以其他方式取得过）则不满足。检查日之后取得的职称不算。",
        "fails when a title was already initialised (or obtained another way named in obtained_by)",
    )
    example = "{kind: title_initialized, scope: same_or_higher, obtained_by: [initial, review, exam]}"

    def evaluate(self, ctx: Ctx) -> Outcome:
        from ..regions import held_title_name

        lvl = LEVELS.index(ctx.route.level) if ctx.route else 0
        ways = self.obtained_by or ["initial"]
        for ti in sorted(ctx.profile.titles, key=lambda x: x.obtained):
            if ti.route not in ways or ti.obtained > ctx.at:
                continue
            if self.scope == "same_or_higher" and LEVELS.index(ti.level) < lvl:
                continue
            name = held_title_name(ctx.region, ti.name, ti.level)
            how = nm(ROUTE_NAMES, ti.route)
            return Outcome(
                False, None, False, t(f"已于 {ti.obtained} {how}取得{name}", f"{name} already obtained by {how} on {ti.obtained}")
            )
        return Outcome(True, None, True, t("未曾取得", "none obtained before"))

    def wording(self) -> str:
        if self.obtained_by and set(self.obtained_by) != {"initial"}:
            return t("此前未取得同级或更高级职称", "no title at this level or above held before")
        return t("此前未初定过职称", "no title initialised before")

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        return Task(self.describe(), doable=False, detail=outcome.detail)
