"""论文、业绩、奖励、证书 · Papers, achievements, awards and certificates: records that are counted."""

from __future__ import annotations

from typing import Literal

from ..i18n import lang, t
from ..model import AchievementRole, CertificateKind, Level, PaperKind, PaperRole, ScopeLevel
from ..results import Outcome
from .base import ConditionBase, Count, Ctx, Grade, Rate, Words, dataclass, param, since_date

_SINCE = dict(
    zh="只计此后的：title 取得职称（未写 title_level 时为现职称）、graduation 毕业", en="count only those since the title or graduation"
)
_TITLE_LEVEL = dict(zh="since: title 时，哪一级职称", en="since: title — which title level")


@dataclass
class PapersCondition(ConditionBase):
    kind: Literal["papers"] = "papers"
    min_count: Count | None = param(
        zh="至少几篇（默认 1；0 表示只检查其他限制，如查重率）", en="at least this many (default 1; 0: only the other limits)"
    )
    kinds: list[PaperKind] = param(
        zh="计入的类别：paper 论文、monograph 著作、technical_material 技术材料", en="which kinds count", many=True
    )
    roles: list[PaperRole] = param(zh="计入的作者排名：sole 独著、first 第一作者、other 其他", en="which authorships count", many=True)
    min_words: Words | None = param(zh="每篇至少几字", en="at least this many words each")
    since: Literal["title", "graduation"] | None = param(**_SINCE)
    title_level: Level | None = param(**_TITLE_LEVEL)
    max_plagiarism: Rate | None = param(zh="查重率须低于此值（0–1，如 0.25）", en="the plagiarism rate must be below this (0–1)")

    needs = ("papers",)
    summary = ("论文论著：篇数、类别、作者排名、字数、发表时间、查重率。", "papers: count, kind, authorship, words, date, plagiarism rate")
    example = "{kind: papers, min_count: 1, kinds: [paper], roles: [sole, first], since: title, max_plagiarism: 0.25}"

    def evaluate(self, ctx: Ctx) -> Outcome:
        counted, skipped = self._count(ctx)
        need = self.min_count if self.min_count is not None else 1  # 0: only the other limits (plagiarism) apply
        detail = t(f"符合要求 {len(counted)} 篇，需 {need} 篇", f"{len(counted)} qualifying, {need} needed")
        if skipped:
            detail += t("；不计：", "; not counted: ") + t("；", "; ").join(skipped)
        return Outcome(len(counted) >= need, None, False, detail)

    def _count(self, ctx: Ctx):
        since = since_date(self.since, self.title_level, ctx)
        counted, skipped = [], []
        for pp in ctx.profile.papers:
            if self.kinds and pp.kind not in self.kinds:
                continue
            why = self._not_counted(pp, since, ctx)
            if why is None:
                counted.append(pp)
            elif why:
                skipped.append(why)
        return counted, skipped

    def _not_counted(self, pp, since, ctx: Ctx) -> str | None:
        """Why a paper does not count ("" for a paper not yet published on the date)."""
        if self.roles and pp.role not in self.roles:
            return t(f"《{pp.title}》作者排名不符", f"'{pp.title}': authorship does not count")
        if since and pp.published < since:
            return t(f"《{pp.title}》发表于取得现职称前", f"'{pp.title}': published before the title")
        if pp.published > ctx.at:
            return ""
        if self.min_words and (pp.words or 0) < self.min_words:
            return t(f"《{pp.title}》字数不足 {self.min_words}", f"'{pp.title}': fewer than {self.min_words} words")
        rate, limit = pp.plagiarism_rate, self.max_plagiarism
        if limit is not None and rate is not None and rate >= limit:
            return t(f"《{pp.title}》查重率 {rate:.0%} 不低于 {limit:.0%}", f"'{pp.title}': plagiarism {rate:.0%} not below {limit:.0%}")
        return None

    def wording(self) -> str:
        return t(f"发表论文不少于 {self.min_count or 1} 篇", f"at least {self.min_count or 1} papers")


def _counted(items, what_zh: str, what_en: str, need: int) -> Outcome:
    names = t("、", ", ").join(f"{x.title if hasattr(x, 'title') else x.name}" for x in items)
    detail = t(f"符合要求的{what_zh} {len(items)} 项，需 {need} 项", f"{len(items)} qualifying {what_en}, {need} needed")
    if names:
        detail += f"：{names}" if lang() == "zh" else f": {names}"
    return Outcome(len(items) >= need, None, False, detail)


@dataclass
class AchievementsCondition(ConditionBase):
    kind: Literal["achievements"] = "achievements"
    min_count: Count | None = param(zh="至少几项（默认 1）", en="at least this many (default 1)")
    roles: list[AchievementRole] = param(
        zh="计入的角色：lead 主持、key_member 主要技术骨干、member 参与", en="which roles count", many=True
    )
    scope_levels: list[ScopeLevel] = param(zh="计入的级别：national、provincial、municipal、enterprise", en="which levels count", many=True)
    accepted: bool | None = param(zh="true：只计已通过验收的", en="true: count only accepted ones")
    since: Literal["title", "graduation"] | None = param(**_SINCE)
    title_level: Level | None = param(**_TITLE_LEVEL)

    needs = ("achievements",)
    summary = ("业绩成果：项数、角色、级别、是否验收、年份。", "achievements: count, role, level, accepted, year")
    example = "{kind: achievements, min_count: 1, roles: [lead, key_member], accepted: true, since: title}"

    def evaluate(self, ctx: Ctx) -> Outcome:
        since = since_date(self.since, self.title_level, ctx)
        ok = [
            it
            for it in ctx.profile.achievements
            if (not self.roles or it.role in self.roles)
            and (not self.scope_levels or it.level in self.scope_levels)
            and (not self.accepted or it.accepted)
            and not (since and it.year < since.year)
            and it.year <= ctx.at.year
        ]
        return _counted(ok, "业绩成果", "achievements", self.min_count or 1)

    def wording(self) -> str:
        return t(f"业绩成果不少于 {self.min_count or 1} 项", f"at least {self.min_count or 1} achievements")


@dataclass
class AwardsCondition(ConditionBase):
    kind: Literal["awards"] = "awards"
    min_count: Count | None = param(zh="至少几项（默认 1）", en="at least this many (default 1)")
    scope_levels: list[ScopeLevel] = param(zh="计入的级别：national、provincial、municipal、enterprise", en="which levels count", many=True)
    max_grade: Grade | None = param(zh="最低奖次（1 一等奖，2 二等奖…，含）", en="the lowest grade that counts (1 first prize, 2 second …)")
    since: Literal["title", "graduation"] | None = param(**_SINCE)
    title_level: Level | None = param(**_TITLE_LEVEL)

    needs = ("awards",)
    summary = ("奖励：项数、级别、奖次、年份。", "awards: count, level, grade, year")
    example = "{kind: awards, scope_levels: [national, provincial], max_grade: 3}"

    def evaluate(self, ctx: Ctx) -> Outcome:
        since = since_date(self.since, self.title_level, ctx)
        ok = [
            it
            for it in ctx.profile.awards
            if (not self.scope_levels or it.level in self.scope_levels)
            and not (self.max_grade and (it.grade is None or it.grade > self.max_grade))
            and not (since and it.year < since.year)
            and it.year <= ctx.at.year
        ]
        return _counted(ok, "奖励", "awards", self.min_count or 1)

    def wording(self) -> str:
        return t(f"获奖不少于 {self.min_count or 1} 项", f"at least {self.min_count or 1} awards")


@dataclass
class CertificatesCondition(ConditionBase):
    kind: Literal["certificates"] = "certificates"
    cert_kinds: list[CertificateKind] = param(
        zh="计入的证书：computer 计算机、info_literacy 信息素养、foreign_language 外语、practicing_qualification 执业资格、other",
        en="which certificates count",
        many=True,
    )
    min_count: Count | None = param(zh="至少几个（默认 1）", en="at least this many (default 1)")
    min_modules: Count | None = param(
        zh="只计通过模块数不少于此值的证书（如计算机 3 个模块）", en="count only certificates with at least this many modules"
    )

    needs = ("certificates",)
    summary = ("证书：类别、个数、模块数。", "certificates: kind, count, modules passed")
    example = "{kind: certificates, cert_kinds: [computer], min_modules: 3}"

    def evaluate(self, ctx: Ctx) -> Outcome:
        ok = [
            x
            for x in ctx.profile.certificates
            if (not self.cert_kinds or x.kind in self.cert_kinds) and (self.min_modules is None or (x.modules or 0) >= self.min_modules)
        ]
        need = self.min_count or 1
        return Outcome(len(ok) >= need, None, False, t(f"{len(ok)} 项", f"{len(ok)} held"))

    def wording(self) -> str:
        return t("具有相应证书", "holds the certificate")
