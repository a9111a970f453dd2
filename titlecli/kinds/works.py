"""论文、业绩、奖励、证书 · Papers, achievements, awards and certificates: records that are counted."""

from __future__ import annotations

from typing import Literal, TypedDict

from ..i18n import lang, plural, t
from ..model import SCOPE_ORDER, AchievementRole, CertificateKind, EnterpriseScale, HonourKind, Level, PaperKind, PaperRole, ScopeLevel
from ..results import Outcome, Task
from ..terms import ACHIEVEMENT_ROLES, CERTIFICATE_KINDS, HONOUR_NAMES, LEVEL_NAMES, PAPER_KINDS, PAPER_ROLES, SCALE_NAMES, SCOPE_NAMES, nm
from .base import ConditionBase, Count, Ctx, Grade, Rate, Words, dataclass, either, param, records_since, since_words


class _Doc(TypedDict):
    """A parameter's meaning shared by several kinds (the keywords of `param`)."""

    zh: str
    en: str


_SINCE: _Doc = dict(
    zh="只计此后的：title 取得职称（未写 title_level 时为现职称）、graduation 毕业", en="count only those since the title or graduation"
)
_TITLE_LEVEL: _Doc = dict(zh="since: title 时，哪一级职称", en="since: title — which title level")


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
        if need:
            detail = t(f"符合要求 {len(counted)} 篇，需 {need} 篇", f"{plural(len(counted), 'qualifying paper')}, {need} needed")
        else:  # no count asked: the line says what the other limits found
            detail = t(f"{len(counted)} 篇符合要求", f"{plural(len(counted), 'paper')} within the limits")
        if skipped:
            detail += t("；不计：", "; not counted: ") + t("；", "; ").join(skipped)
        return Outcome(len(counted) >= need, None, False, detail)

    def _count(self, ctx: Ctx):
        since = records_since(self.since, self.title_level, ctx)
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
            return t(f"《{pp.title}》发表于 {since} 之前，不计", f"'{pp.title}': published before {since}, not counted")
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

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        counted, _ = self._count(ctx)
        need = self.min_count if self.min_count is not None else 1
        more = max(need - len(counted), 0)
        since = records_since(self.since, self.title_level, ctx)
        kinds = list(self.kinds) or ["paper"]
        what = either(PAPER_KINDS, kinds)
        words = t(f"不少于 {self.min_words} 字的", f" of at least {self.min_words:,} words") if self.min_words else ""
        roles = either(PAPER_ROLES, self.roles) if self.roles else ""
        only_materials = kinds == ["technical_material"]
        if lang() == "en":
            role_en = f" as {roles}" if roles else ""
            verb = "write" if only_materials else "publish"
            text = f"{verb} {more} more {what}{'s' if more != 1 else ''}{words}{role_en}{since_words(self.since, self.title_level, since)}"
        else:
            verb, unit = ("完成", "项") if only_materials else ("发表", "篇")
            text = f"再{verb} {more} {unit}{words}{roles}{what}{since_words(self.since, self.title_level, since)}"
        quantities = {
            "papers": more,
            "have": len(counted),
            "need": need,
            "kinds": kinds,
            "roles": list(self.roles),
            "min_words": self.min_words,
            "since": since.isoformat() if since else None,
            "max_plagiarism": self.max_plagiarism,
        }
        return Task(text, quantities, detail=outcome.detail)


# 1 一等奖, 2 二等奖 …
_NUMERALS = "一二三四五六七八九十"
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def scope_words(levels, scales=()) -> str:
    """The levels of a project or award as a task names them: 市级及以上 when they are a level
    and every level above it, else the levels listed (国家级或省级); an enterprise's own project
    by the enterprise's scale where only some scales count (市级及以上或大型企业、规上企业)."""
    if scales and "enterprise" in levels:
        rest = scope_words([x for x in levels if x != "enterprise"])
        own = t("、", ", ").join(nm(SCALE_NAMES, x) for x in scales)
        return t(f"{rest}或{own}", f"{rest}, or {own}") if rest else own
    if not levels:
        return ""
    ranks = sorted(SCOPE_ORDER.index(x) for x in levels)
    if ranks == list(range(ranks[0], len(SCOPE_ORDER))) and len(ranks) > 1:
        low = nm(SCOPE_NAMES, SCOPE_ORDER[ranks[0]])
        return t(f"{low}及以上", f"{low} or higher")
    return either(SCOPE_NAMES, [SCOPE_ORDER[i] for i in reversed(ranks)])


def _band_name(key: str) -> str:
    return nm(SCALE_NAMES, key) if key in SCALE_NAMES else nm(SCOPE_NAMES, key)


def _counted(items, what_zh: str, what_en: str, need: int) -> Outcome:
    """`what_en` is the singular ("achievement"): the count chooses the plural."""
    names = t("、", ", ").join(f"{x.title if hasattr(x, 'title') else x.name}" for x in items)
    detail = t(f"符合要求的{what_zh} {len(items)} 项，需 {need} 项", f"{plural(len(items), 'qualifying ' + what_en)}, {need} needed")
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
    enterprise_scales: list[EnterpriseScale] = param(
        zh="企业级项目只计这些规模的企业：large 大型、above_designated 规上、below_designated 规下（不写则不限）",
        en="an enterprise's own project counts only for these enterprise scales",
        many=True,
    )
    rank_limits: dict[ScopeLevel | EnterpriseScale, Count] = param(
        zh="按排名认定角色：第 1 名为主持，第 2 名至此数为主要技术骨干，按项目级别（national、provincial、municipal、enterprise）"
        "或企业项目的企业规模（large、above_designated、below_designated），含本数；如 {national: 15, provincial: 10, "
        "municipal: 8, large: 8}。写了它，roles 不再看所填角色；未填写排名的只有所填角色为主持（lead）的计入；"
        "级别或规模未列出的项目只有第 1 名计入",
        en="the role by rank: 1st is the lead, 2nd to this number a key member, per project level or, for an enterprise's own "
        "project, the enterprise's scale; without a rank only a lead counts; where no band is given only the 1st counts",
    )
    accepted: bool | None = param(zh="true：只计已通过验收的", en="true: count only accepted ones")
    since: Literal["title", "graduation"] | None = param(**_SINCE)
    title_level: Level | None = param(**_TITLE_LEVEL)

    needs = ("achievements", "achievements.enterprise_scale")
    summary = (
        "业绩成果：项数、角色（或按排名认定）、项目级别与企业规模、是否验收、年份。",
        "achievements: count, role or rank, level, accepted, year",
    )
    example = "{kind: achievements, min_count: 1, rank_limits: {national: 15, provincial: 10, municipal: 8, large: 8}, accepted: true}"

    def reads(self) -> set[str]:
        return {"achievements", "achievements.enterprise_scale"} if self.enterprise_scales else {"achievements"}

    def _count(self, ctx: Ctx) -> tuple[list, list[str]]:
        since = records_since(self.since, self.title_level, ctx)
        ok, skipped = [], []
        for it in ctx.profile.achievements:
            if it.year > ctx.at.year:
                continue
            why = self._not_counted(it, since)
            if why is None:
                ok.append(it)
            else:
                skipped.append(why)
        return ok, skipped

    def evaluate(self, ctx: Ctx) -> Outcome:
        ok, skipped = self._count(ctx)
        out = _counted(ok, "业绩成果", "achievement", self.min_count or 1)
        if skipped and not out.passed:
            out.detail += t("；不计：", "; not counted: ") + t("；", "; ").join(skipped)
        return out

    def _not_counted(self, it, since) -> str | None:
        """Why an achievement does not count (None: it counts)."""
        name = t(f"“{it.title}”", repr(it.title))
        if since and it.year < since.year:
            return t(f"{name}为 {it.year} 年，早于 {since.year} 年", f"{name} is of {it.year}, before {since.year}")
        if self.scope_levels and it.level not in self.scope_levels:
            return t(f"{name}为{nm(SCOPE_NAMES, it.level)}项目", f"{name} is a {nm(SCOPE_NAMES, it.level)} project")
        if self.enterprise_scales and it.level == "enterprise" and it.enterprise_scale not in self.enterprise_scales:
            scale = (
                nm(SCALE_NAMES, it.enterprise_scale) if it.enterprise_scale else t("未填写规模的企业", "an enterprise of unstated scale")
            )
            return t(f"{name}为{scale}项目", f"{name} is a project of {scale}")
        if self.rank_limits:
            why = self._rank(it, name)
            if why:
                return why
        elif self.roles and it.role not in self.roles:
            return t(f"{name}中的角色不符", f"{name}: the role does not count")
        if self.accepted and not it.accepted:
            return t(f"{name}未通过验收", f"{name} not accepted")
        return None

    def _rank(self, it, name: str) -> str | None:
        if it.rank is None:
            # "主持…一般为项目课题第 1 名": a lead without a rank is taken as the 1st; a key member's
            # band depends on the rank, which must be given
            if it.role == "lead":
                return None
            return t(f"{name}未填写排名（主要技术骨干按排名认定）", f"{name} gives no rank (a key member is recognised by rank)")
        key = it.enterprise_scale if it.level == "enterprise" and it.enterprise_scale in self.rank_limits else it.level
        limit = self.rank_limits.get(key)
        if it.rank == 1 or (limit is not None and 2 <= it.rank <= limit):
            return None
        kind = nm(SCALE_NAMES, key) if key in SCALE_NAMES else nm(SCOPE_NAMES, key)
        if limit is None:
            return t(
                f"{name}排名第 {it.rank}：{kind}项目只认定第 1 名（主持）",
                f"{name} ranks {it.rank}: for a project of {kind} only the 1st (lead) counts",
            )
        return t(
            f"{name}排名第 {it.rank}，{kind}项目的主要技术骨干为第 2 至 {limit} 名",
            f"{name} ranks {it.rank}; key members of a project of {kind} rank 2nd to {limit}th",
        )

    def wording(self) -> str:
        return t(f"业绩成果不少于 {self.min_count or 1} 项", f"at least {self.min_count or 1} achievements")

    def _rank_words(self) -> str:
        """ "主持（第 1 名）或主要技术骨干（国家级第 2–15 名、市级第 2–8 名）"."""
        if not self.rank_limits:
            return either(ACHIEVEMENT_ROLES, self.roles) if self.roles else ""
        bands = t("、", ", ").join(t(f"{_band_name(k)}第 2–{n} 名", f"{_band_name(k)} 2nd–{n}th") for k, n in self.rank_limits.items())
        return t(f"主持（第 1 名）或主要技术骨干（{bands}）", f"lead (1st) or key member ({bands})")

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        need = self.min_count or 1
        have = len(self._count(ctx)[0])
        more = max(need - have, 0)
        since = records_since(self.since, self.title_level, ctx)
        scope = scope_words(self.scope_levels, self.enterprise_scales)
        roles = self._rank_words()
        when = since_words(self.since, self.title_level, since)
        if lang() == "en":
            role_en = f" as {roles}" if roles else ""
            accepted = ", accepted" if self.accepted else ""
            text = f"complete {more} more {scope + ' ' if scope else ''}project{'s' if more != 1 else ''}{role_en}{accepted}{when}"
        else:
            role_zh = f"的{roles}" if roles else ""
            accepted = "并通过验收" if self.accepted else ""
            text = f"再取得 {more} 项{scope}项目{role_zh}业绩{accepted}{when}"
        quantities = {
            "achievements": more,
            "have": have,
            "need": need,
            "scope_levels": list(self.scope_levels),
            "roles": list(self.roles),
            "rank_limits": dict(self.rank_limits),
            "accepted": bool(self.accepted),
            "since": since.isoformat() if since else None,
        }
        return Task(text, quantities, detail=outcome.detail)


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

    def _count(self, ctx: Ctx) -> list:
        since = records_since(self.since, self.title_level, ctx)
        return [
            it
            for it in ctx.profile.awards
            if (not self.scope_levels or it.level in self.scope_levels)
            and not (self.max_grade and (it.grade is None or it.grade > self.max_grade))
            and not (since and it.year < since.year)
            and it.year <= ctx.at.year
        ]

    def evaluate(self, ctx: Ctx) -> Outcome:
        return _counted(self._count(ctx), "奖励", "award", self.min_count or 1)

    def wording(self) -> str:
        return t(f"获奖不少于 {self.min_count or 1} 项", f"at least {self.min_count or 1} awards")

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        need = self.min_count or 1
        have = len(self._count(ctx))
        more = max(need - have, 0)
        since = records_since(self.since, self.title_level, ctx)
        scope = scope_words(self.scope_levels)
        when = since_words(self.since, self.title_level, since)
        if lang() == "en":
            n = self.max_grade or 0
            grade = f" ({_ORDINALS[n - 1]} prize or higher)" if 0 < n <= len(_ORDINALS) else (f" (prize grade {n} or higher)" if n else "")
            text = f"win {more} more {scope + ' ' if scope else ''}award{'s' if more != 1 else ''}{grade}{when}"
        else:
            n = self.max_grade or 0
            grade = (f"{_NUMERALS[n - 1]}等奖及以上" if n <= len(_NUMERALS) else f"第 {n} 等奖及以上") if n else ""
            text = f"再获得 {more} 项{scope}{grade}奖励{when}"
        quantities = {
            "awards": more,
            "have": have,
            "need": need,
            "scope_levels": list(self.scope_levels),
            "max_grade": self.max_grade,
            "since": since.isoformat() if since else None,
        }
        return Task(text, quantities, detail=outcome.detail)


@dataclass
class HonoursCondition(ConditionBase):
    kind: Literal["honours"] = "honours"
    min_count: Count | None = param(zh="至少几项（默认 1）", en="at least this many (default 1)")
    honour_kinds: list[HonourKind] = param(
        zh="计入的称号：outstanding_entrepreneur 优秀企业家、advanced_worker 先进专业技术工作者、expert 有突出贡献的中青年专家、"
        "commendation 表彰、other（不写则不限）",
        en="which honorary titles count",
        many=True,
    )
    scope_levels: list[ScopeLevel] = param(
        zh="计入的授予级别：national、provincial、municipal、enterprise", en="which levels count", many=True
    )
    since: Literal["title", "graduation"] | None = param(
        zh="只计此后获得的：title 取得职称（须已取得该职称，未取得则不满足）、graduation 毕业",
        en="count only those won since the title (which must be held) or graduation",
    )
    title_level: Level | None = param(**_TITLE_LEVEL)

    needs = ("honours",)
    summary = (
        "荣誉称号（不是奖项）：项数、称号类别、授予级别、获得时间（如任助理级期间）。",
        "honorary titles (not prizes): count, kind, level, when won",
    )
    example = "{kind: honours, honour_kinds: [outstanding_entrepreneur, advanced_worker], scope_levels: [municipal, provincial, national], since: title, title_level: assistant}"

    def evaluate(self, ctx: Ctx) -> Outcome:
        if self.since == "title" and self.title_level and not any(ti.level == self.title_level for ti in ctx.profile.titles):
            lvl = nm(LEVEL_NAMES, self.title_level)
            return Outcome(False, None, False, t(f"未取得{lvl}职称", f"no {lvl} title"))
        since = records_since(self.since, self.title_level, ctx)
        ok = [
            h
            for h in ctx.profile.honours
            if (not self.honour_kinds or h.kind in self.honour_kinds)
            and (not self.scope_levels or h.level in self.scope_levels)
            and not (since and h.obtained < since)
            and h.obtained <= ctx.at
        ]
        out = _counted(ok, "荣誉称号", "honorary title", self.min_count or 1)
        if since and not out.passed:
            out.detail += t(f"（{since} 以后获得的）", f" (won since {since})")
        return out

    def wording(self) -> str:
        kinds = t("或", " or ").join(nm(HONOUR_NAMES, k) for k in self.honour_kinds) or t("荣誉称号", "an honorary title")
        return t(f"获得{kinds}称号", f"holds the title {kinds}")


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

    def task(self, ctx: Ctx, outcome: Outcome) -> Task:
        kinds = list(self.cert_kinds)
        held = [x for x in ctx.profile.certificates if not kinds or x.kind in kinds]
        ok = [x for x in held if self.min_modules is None or (x.modules or 0) >= self.min_modules]
        need = self.min_count or 1
        more = max(need - len(ok), 0)
        what = either(CERTIFICATE_KINDS, kinds) if kinds else t("相应", "the required")
        quantities: dict = {"certificates": more, "have": len(ok), "need": need, "kinds": kinds, "min_modules": self.min_modules}
        partial = [x for x in held if x not in ok]
        if self.min_modules and partial and more == 1:
            # a certificate of the kind with too few modules: the modules still to pass
            best = max(partial, key=lambda x: x.modules or 0)
            missing = self.min_modules - (best.modules or 0)
            quantities["modules_missing"] = missing
            text = t(
                f"{what}还差 {missing} 个模块（需 {self.min_modules} 个，已通过 {best.modules or 0} 个）",
                f"{what}: {missing} more module{'s' if missing != 1 else ''} to pass ({self.min_modules} needed, {best.modules or 0} passed)",
            )
            return Task(text, quantities, detail=outcome.detail)
        modules = t(f"（{self.min_modules} 个模块）", f" ({self.min_modules} modules)") if self.min_modules else ""
        text = t(
            f"取得{what}证书{modules}" if more == 1 else f"再取得 {more} 个{what}证书{modules}",
            f"obtain {'a' if more == 1 else more} {what} certificate{'s' if more != 1 else ''}{modules}",
        )
        return Task(text, quantities, detail=outcome.detail)
