"""The vocabulary of the domain: every term named once, in Chinese and English, with the words
people type for it.

One `Vocabulary` per type of the model (`model.Level`, `model.EducationLevel` …, plus the series,
the kinds of documents a rule cites and the region files' own names): each term is the internal
key that profiles, region files and JSON hold (contract §1), its Chinese name, its English name
and the aliases people write — taken from the notices' own wording (信息化素质培训考核, 初级（助理级）,
普通全日制 …).  Everything a person reads names a term through here (`LEVELS.name("intermediate")`
is 中级 or "intermediate" in the user's language), and everything a person types is read through
here (`LEVELS.parse("中级")`, `LEVELS.parse("工程师")`, `LEVELS.parse("intermediate")`), so that
`check --level 中级`, a roster's 申报级别 and the interview take the same words.  An unknown word is
a `UnknownTerm` naming the Chinese names it could have meant.

`of(model.Level)` finds the vocabulary of a model type (the interview and the roster walk the
model's annotations); regions are a vocabulary of their own, read from the region files
(`titlecli.regions.vocabulary`), so that adding a region needs no code.
"""

from __future__ import annotations

import difflib
import re
import typing
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from .i18n import lang, t


class Term(NamedTuple):
    key: str  # what files and JSON hold: "intermediate"
    zh: str  # the name a Chinese reader sees: 中级
    en: str  # the name an English reader sees: "intermediate"
    aliases: tuple[str, ...] = ()  # what else people type for it: 工程师级, 中级职称 …


class UnknownTerm(ValueError):
    """A typed word that names no term of a vocabulary; the message (in the user's language)
    says what was expected and which names come closest."""

    def __init__(self, vocab: Vocabulary, text: str):
        self.vocab = vocab
        self.text = text
        super().__init__(vocab.unknown_message(text))


def normalize(text: str) -> str:
    """A typed word as it is compared: full-width folded (ＡＢ１ → AB1), case folded, no spaces,
    brackets of either width alike, and `-` / `_` alike (deputy-senior = deputy_senior)."""
    s = unicodedata.normalize("NFKC", str(text)).casefold()
    s = re.sub(r"\s+", "", s)
    return s.replace("-", "_")


class Vocabulary(Mapping[str, tuple[str, str]]):
    """The terms of one type: key -> (Chinese name, English name), in the model's order.

    A mapping, so `key in LEVELS` and `LEVELS[key]` work; `name`, `zh`, `en` give the words to
    print, `parse` and `lookup` read a typed word (the Chinese name, an alias, the English name
    or the key itself).  `strip` lists words a typed value may carry around the term (中级职称,
    本科学历, 学士学位); `fallback` reads what no table can list (a title name: 助理会计师 → 助理级).
    """

    def __init__(
        self,
        what: tuple[str, str],
        terms: Iterable[Term],
        *,
        strip: tuple[str, ...] = (),
        fallback: Callable[[str], str | None] | None = None,
        type: Any = None,
    ):
        self.what = what  # what a term of it is called: (级别, level)
        self.terms: dict[str, Term] = {x.key: x for x in terms}
        self.strip = strip
        self.fallback = fallback
        self.type = type
        self._index: dict[str, str] | None = None

    # ------------------------------------------------------------------ a mapping of names

    def __getitem__(self, key: str) -> tuple[str, str]:
        x = self.terms[key]
        return (x.zh, x.en)

    def __iter__(self) -> Iterator[str]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    # ------------------------------------------------------------------ naming

    def name(self, key: str | None, language: str | None = None) -> str:
        """The term's name in the user's language (or `language`); "" for no key.  A key the
        vocabulary does not know (a series a region file invents) is shown as it is written."""
        if key is None or key == "":
            return ""
        x = self.terms.get(key)
        if x is None:
            return str(key)
        return x.en if (language or lang()) == "en" else x.zh

    def zh(self, key: str) -> str:
        return self.name(key, "zh")

    def en(self, key: str) -> str:
        return self.name(key, "en")

    def names(self, language: str = "zh") -> list[str]:
        """Every term's name, in order (the roster template's drop-down, a help line)."""
        return [x.en if language == "en" else x.zh for x in self.terms.values()]

    def listing(self, keys: Iterable[str] | None = None) -> str:
        """The names joined as a reader lists them: 员级、助理级、中级 / member-level, assistant-level."""
        ks = list(self.terms) if keys is None else list(keys)
        return t("、", ", ").join(self.name(k) for k in ks)

    # ------------------------------------------------------------------ reading typed words

    def _build(self) -> dict[str, str]:
        idx: dict[str, str] = {}
        # Names first, then aliases: a word that is one term's name and another's alias (其他)
        # means the term it names.
        for x in self.terms.values():
            for w in (x.key, x.zh, x.en):
                idx.setdefault(normalize(w), x.key)
        for x in self.terms.values():
            for w in x.aliases:
                idx.setdefault(normalize(w), x.key)
        return idx

    @property
    def index(self) -> dict[str, str]:
        if self._index is None:
            self._index = self._build()
        return self._index

    def lookup(self, text: Any) -> str | None:
        """The key a typed word names, or None."""
        if text is None:
            return None
        s = normalize(text)
        if not s:
            return None
        hit = self.index.get(s)
        if hit is not None:
            return hit
        for w in self.strip:  # 中级职称, 本科学历, 学士学位
            w = normalize(w)
            for cut in (s.removesuffix(w), s.removeprefix(w)):
                if cut != s and cut in self.index:
                    return self.index[cut]
        if self.fallback is not None:
            return self.fallback(unicodedata.normalize("NFKC", str(text)).strip())
        return None

    def parse(self, text: Any) -> str:
        """The key a typed word names; UnknownTerm (a ValueError) naming the closest Chinese
        names when it names none."""
        key = self.lookup(text)
        if key is None:
            raise UnknownTerm(self, str(text))
        return key

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """The keys whose names or aliases come closest to a typed word."""
        s = normalize(text)
        words = list(self.index)
        close = difflib.get_close_matches(s, words, n=n * 3, cutoff=0.5)
        # a typed word inside a name or a name inside it (工程 in 工程师级) is close too
        # (the pattern is compiled on first use: a check that suggests nothing does not pay ~3 ms)
        close += [w for w in words if len(s) >= 1 and re.search(r"[\u3400-\u9fff]", s) and (s in w or w in s) and w not in close]
        out: list[str] = []
        for w in close:
            k = self.index[w]
            if k not in out:
                out.append(k)
        return out[:n]

    def unknown_message(self, text: str) -> str:
        zh_what, en_what = self.what
        near = self.suggest(text)
        if lang() == "en":
            msg = f"unknown {en_what} {text!r}"
            if near:
                msg += f" (did you mean {' or '.join(repr(self.en(k)) for k in near)}?)"
            return msg + f"; expected one of: {', '.join(self.names('en'))}"
        msg = f"未知的{zh_what}“{text}”"
        if near:
            msg += f"（是不是要写：{'、'.join(self.zh(k) for k in near)}？）"
        return msg + f"；可填：{'、'.join(self.names('zh'))}"


# ---------------------------------------------------------------------- title names


# Titles whose names do not follow 助理…师 / …师 / 高级…师 / …员 (national.yaml's research and
# publishing series; the teachers' titles).
_TITLE_EXCEPTIONS = {
    "研究实习员": "assistant",
    "助理研究员": "intermediate",
    "研究员": "senior",
    "助教": "assistant",
    "讲师": "intermediate",
    "教授": "senior",
    "见习编辑": "member",
    "助理编辑": "assistant",
    "编辑": "intermediate",
    "编审": "senior",
    "翻译": "intermediate",
    "译审": "senior",
}


def level_of_title(name: str) -> str | None:
    """The level a title's name says (工程师 = 中级, 助理会计师 = 助理级, 高级经济师 = 副高级,
    技术员 = 员级); None for a worker's skill grade (技师, 高级技师) or anything else."""
    s = re.sub(r"\s+", "", name).removesuffix("职称")
    if s in ("技师", "高级技师", "高级工") or s.endswith("技师"):
        return None
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,12}", s) or not s.endswith(("师", "员", "授", "审", "教", "编辑", "翻译")):
        return None  # not a title's name (高级 alone is a level, 高级[/x] nothing)
    if s in _TITLE_EXCEPTIONS:
        return _TITLE_EXCEPTIONS[s]
    if s.startswith("副") and len(s) >= 3:  # 副教授, 副研究员, 副主任医师, 副编审
        return "deputy_senior"
    for hint, level in (
        ("正高级", "senior"),
        ("正高", "senior"),
        ("教授级", "senior"),
        ("副高", "deputy_senior"),
        ("副译审", "deputy_senior"),
        ("副编审", "deputy_senior"),
        ("高级", "deputy_senior"),
        ("助理", "assistant"),
        ("见习", "member"),
        ("技术员", "member"),
    ):
        if hint in s:
            return level
    if s.endswith("员") and len(s) >= 2:  # 会计员, 经济员, 统计员
        return "member"
    if s.endswith("师") and len(s) >= 2:  # 工程师, 会计师, 经济师
        return "intermediate"
    return None


def _level_fallback(text: str) -> str | None:
    """A level written the long way: 中级（工程师）, 工程师, 助理工程师职称."""
    s = unicodedata.normalize("NFKC", text).strip().removesuffix("职称")
    m = re.fullmatch(r"(.+?)\((.+)\)", s)  # 中级(工程师): either part
    for part in (m.group(1), m.group(2)) if m else ():
        k = LEVELS.lookup(part)
        if k:
            return k
    return level_of_title(s)


# ---------------------------------------------------------------------- the vocabularies

# Imported lazily by type: `model` imports nothing from here.
from . import model  # noqa: E402

LEVELS = Vocabulary(
    ("级别", "level"),
    [
        Term("member", "员级", "member-level", ("初级（员级）", "员", "技术员级", "member level")),
        Term("assistant", "助理级", "assistant-level", ("初级（助理级）", "初级", "助理", "assistant level")),
        Term("intermediate", "中级", "intermediate", ("intermediate level",)),
        Term("deputy_senior", "副高级", "deputy senior", ("副高", "高级", "副高级职称", "deputy senior level", "associate senior")),
        Term("senior", "正高级", "senior", ("正高", "正高级职称", "senior level", "full senior")),
    ],
    strip=("职称", "职称级别"),
    fallback=_level_fallback,
    type=model.Level,
)

ROUTES = Vocabulary(
    ("申报方式", "route"),
    [
        # 初定 (Changzhi, Chongqing …), 认定 (Guangzhou, Shenzhen), 确定 (Zhejiang's 首次确定)
        Term("initial", "初定", "initial determination", ("认定", "初定/认定", "初定 / 认定", "初次认定", "考核认定", "确定", "首次确定")),
        Term("review", "评审", "review", ("评定", "职称评审")),
        Term("exam", "考试", "exam", ("以考代评", "考试取得", "examination")),
        # 长工信〔2022〕139号 三(四): 同级转评 (a title of the same level in another series)
        Term("transfer", "转评", "transfer", ("同级转评", "转系列", "转系列评审")),
    ],
    type=typing.Literal["initial", "review", "exam", "transfer"],
)

SERIES = Vocabulary(
    ("职称系列", "series"),
    [
        Term("engineering", "工程系列", "engineering", ("工程", "工程技术", "工程技术系列", "工程类")),
        Term("economics", "经济系列", "economics", ("经济", "经济专业")),
        Term("accounting", "会计系列", "accounting", ("会计", "会计专业")),
        Term("statistics", "统计系列", "statistics", ("统计", "统计专业")),
        Term("auditing", "审计系列", "auditing", ("审计", "审计专业")),
        Term("health", "卫生系列", "health", ("卫生", "卫生技术", "卫生专业", "医疗卫生")),
        Term("education", "教师系列", "teaching", ("教师", "教育", "中小学教师", "高校教师")),
        Term("agriculture", "农业系列", "agriculture", ("农业", "农业技术", "农艺", "农林水")),
        Term("translation", "翻译系列", "translation", ("翻译",)),
        Term("publishing", "出版系列", "publishing", ("出版", "新闻出版", "出版（编辑）", "编辑")),
        Term("research", "科学研究系列", "research", ("科学研究", "科研", "自然科学研究")),
        Term("construction", "建筑工程系列", "construction", ("建筑", "建筑工程")),
        # 重庆 二(一)2(3) names specialties with their own exams next to the series
        Term("communications", "通信专业", "communications", ("通信",)),
        Term("computer", "计算机技术与软件专业", "computing", ("计算机技术与软件", "计算机软件")),
        Term("landscape", "园林专业", "landscaping", ("园林", "园林绿化")),
    ],
    strip=("系列", "专业"),
)

EDUCATION_LEVELS = Vocabulary(
    ("学历", "education level"),
    [
        Term("junior_high", "初中", "junior high school", ("初中及以下", "初级中学")),
        Term("high_school", "高中", "high school", ("普通高中",)),
        Term("secondary_vocational", "中专", "secondary vocational school", ("中职", "技校", "职高", "职业高中", "中等专业学校")),
        Term("junior_college", "大专", "junior college", ("专科", "高职", "大学专科", "高职高专")),
        Term("bachelor", "本科", "bachelor's", ("大学本科", "大学", "专升本", "bachelor")),
        Term("second_bachelor", "第二学士", "second bachelor's", ("双学士", "第二学士学位", "双学士学位", "second bachelor")),
        Term("master", "硕士研究生", "master's", ("硕士", "研究生", "master")),
        Term("doctor", "博士研究生", "doctorate", ("博士", "doctor", "doctoral")),
    ],
    strip=("学历", "毕业"),
    type=model.EducationLevel,
)

DEGREES = Vocabulary(
    ("学位", "degree"),
    [
        Term("none", "无学位", "no degree", ("无", "没有")),
        Term("bachelor", "学士", "bachelor's degree", ("学士学位", "bachelor", "bachelor's")),
        Term("master", "硕士", "master's degree", ("硕士学位", "master", "master's")),
        Term("doctor", "博士", "doctoral degree", ("博士学位", "doctor", "doctorate", "doctoral")),
    ],
    strip=("学位",),
    # 工学硕士, 管理学学士: the degree is the last word
    fallback=lambda s: {"学士": "bachelor", "硕士": "master", "博士": "doctor"}.get(s.removesuffix("学位")[-2:]),
    type=model.Degree,
)

EMPLOYER_TYPES = Vocabulary(
    ("单位性质", "employer type"),
    [
        Term("enterprise", "企业", "enterprise", ("公司", "国有企业", "国企")),
        Term("public_institution", "事业单位", "public institution", ("事业",)),
        Term(
            "non_public",
            "非公有制经济组织",
            "non-public organisation",
            ("非公有制", "非公", "民营", "民营企业", "非公经济组织", "私营企业"),
        ),
        Term("self_employed", "自由职业", "self-employed", ("个体", "自由职业者", "个体户")),
        Term("government", "机关", "government body", ("党政机关", "行政机关", "政府机关", "government")),
    ],
    type=model.EmployerType,
)

GRADES = Vocabulary(
    ("考核等次", "assessment grade"),
    [
        Term("excellent", "优秀", "excellent", ("优",)),
        Term("qualified", "合格", "qualified", ("称职", "合格（称职）")),
        Term("basically_qualified", "基本合格", "basically qualified", ("基本称职",)),
        Term("unqualified", "不合格", "unqualified", ("不称职",)),
        Term("none", "未定等次", "not graded", ("不定等次", "未定", "无")),
    ],
    type=model.Grade,
)

SKILL_GRADES = Vocabulary(
    ("技能等级", "skill grade"),
    [
        Term("senior_worker", "高级工", "senior worker", ("高级技工",)),
        Term("technician", "技师", "technician", ()),
        Term("senior_technician", "高级技师", "senior technician", ()),
    ],
    type=model.SkillGrade,
)

PAPER_ROLES = Vocabulary(
    ("作者排序", "authorship"),
    [
        Term("sole", "独著", "sole author", ("独立作者", "独撰", "独作", "sole")),
        Term("first", "第一作者", "first author", ("第一", "第1作者", "first")),
        Term("other", "其他作者", "other author", ("其他", "合著", "第二作者", "other")),
    ],
    type=model.PaperRole,
)

PAPER_KINDS = Vocabulary(
    ("论文类别", "kind of publication"),
    [
        Term("paper", "论文", "paper", ("学术论文", "期刊论文")),
        Term("monograph", "论著", "monograph", ("专著", "著作")),
        # 长工信〔2022〕139号 三(二)4: 实用技术材料 (技术总结、可行性研究报告 …)
        Term("technical_material", "实用技术材料", "technical material", ("技术资料", "技术报告", "技术材料")),
    ],
    type=model.PaperKind,
)

SCOPE_LEVELS = Vocabulary(
    ("级别", "level"),
    [
        Term("national", "国家级", "national", ("国家", "全国")),
        Term("provincial", "省级", "provincial", ("省", "省部级")),
        Term("municipal", "市级", "municipal", ("市", "地市级", "厅局级")),
        Term("enterprise", "企业级", "enterprise", ("单位级", "企业")),
    ],
    type=model.ScopeLevel,
)

ACHIEVEMENT_ROLES = Vocabulary(
    ("本人角色", "role"),
    [
        Term("lead", "主持", "lead", ("主持人", "负责人", "项目负责人")),
        Term("key_member", "主要技术骨干", "key member", ("骨干", "技术骨干", "主要完成人")),
        Term("member", "参与", "member", ("参加", "参与人")),
    ],
    type=model.AchievementRole,
)

CERTIFICATE_KINDS = Vocabulary(
    ("证书类型", "kind of certificate"),
    [
        # 全国专业技术人员计算机应用能力考试 (Changzhi 三(七), Yancheng 三)
        Term(
            "computer",
            "计算机应用能力",
            "computer skills",
            ("计算机", "计算机应用能力考试", "全国计算机应用能力考试", "职称计算机", "计算机模块", "computer"),
        ),
        # 江苏省专业技术人员信息化素质培训考核 (Yancheng 三)
        Term(
            "info_literacy",
            "信息化素质",
            "information literacy",
            ("信息素养", "信息化素质培训考核", "信息化素质培训", "信息化", "江苏省专业技术人员信息化素质培训考核"),
        ),
        Term("foreign_language", "职称外语", "foreign language", ("外语", "英语", "职称英语", "外语考试")),
        Term("practicing_qualification", "执业资格", "practising qualification", ("执业资格证", "职业资格", "执业证书")),
        Term("other", "其他证书", "other certificate", ("其他", "其它")),
    ],
    strip=("证书", "合格证", "考试"),
    type=model.CertificateKind,
)

DOCUMENT_KINDS = Vocabulary(
    ("材料类别", "kind of document"),
    [
        # the names of 长工信〔2022〕139号 五.4, the ten categories of the dossier
        Term("recommendation_report", "推荐报告", "recommendation report"),
        Term("publicity_table", "公示情况一览表", "publicity table", ("公示表",)),
        Term("work_summary", "业务工作总结", "work summary", ("专业技术工作总结", "工作总结")),
        Term("review_paper", "送审论文", "paper for review"),
        Term("plagiarism_report", "论文检测报告", "plagiarism report", ("查重报告", "检测报告")),
        Term("diploma", "毕业证", "diploma", ("毕业证书",)),
        Term("degree_certificate", "学位证", "degree certificate", ("学位证书",)),
        Term("chsi_record", "学历证书电子注册备案表", "CHSI record", ("学信网备案表", "学历电子注册备案表", "备案表")),
        Term("graduate_registration_form", "毕业生登记表", "graduate registration form"),
        Term("title_certificate", "职称证书", "title certificate", ("资格证书", "任职资格证书")),
        Term("review_form", "评审表", "review form", ("任职资格评审表",)),
        Term("appointment_letter", "聘任书", "appointment letter", ("聘任文件", "聘书")),
        Term("training_certificate", "培训证书", "training certificate", ("专技培训证",)),
        Term("post_salary_form", "岗位工资审批表", "post salary form", ("专业技术岗位工资审批表",)),
        Term("continuing_education", "继续教育证书", "continuing education certificate", ("继续教育证明",)),
        Term("paper", "论文", "paper"),
        Term("monograph", "论著", "monograph", ("专著",)),
        Term("technical_material", "实用技术材料", "technical material"),
        Term("achievement", "业绩成果材料", "achievement evidence", ("业绩成果证明", "业绩")),
        Term("work_report", "专业技术工作报告", "work report", ("工作能力证明",)),
        Term("award", "奖励证书", "award certificate", ("获奖证书",)),
        Term("id_card", "身份证", "ID card", ("居民身份证",)),
        Term("photo", "照片", "photo", ("证件照",)),
        Term("social_security", "社会保险缴纳证明", "social insurance record", ("社保证明", "社保缴纳证明")),
        Term("labor_contract", "劳动合同", "labour contract"),
        Term("assessment_form", "年度考核表", "annual assessment form", ("考核表",)),
        Term("archive_proof", "档案证明", "archive proof"),
        Term("other", "其它材料", "other material", ("其他", "其它", "其他材料")),
    ],
    type=model.DocumentKind,
)

# 学科门类 of the national catalogue of majors (a rule may ask for 工学 or 理学)
DISCIPLINES = Vocabulary(
    ("学科门类", "discipline"),
    [
        Term("philosophy", "哲学", "philosophy"),
        Term("economics", "经济学", "economics"),
        Term("law", "法学", "law"),
        Term("education", "教育学", "education"),
        Term("literature", "文学", "literature"),
        Term("history", "历史学", "history"),
        Term("science", "理学", "science", ("理科",)),
        Term("engineering", "工学", "engineering", ("工科",)),
        Term("agriculture", "农学", "agriculture", ("农科",)),
        Term("medicine", "医学", "medicine", ("医科",)),
        Term("military", "军事学", "military science"),
        Term("management", "管理学", "management"),
        Term("art", "艺术学", "art", ("艺术",)),
    ],
    type=model.Discipline,
)

HONOUR_KINDS = Vocabulary(
    ("荣誉称号类别", "kind of honour"),
    [
        Term("outstanding_entrepreneur", "优秀企业家", "outstanding entrepreneur"),
        Term("advanced_worker", "先进专业技术工作者", "advanced professional", ("先进工作者", "先进个人")),
        Term("expert", "有突出贡献的中青年专家", "expert with outstanding contributions", ("中青年专家", "突出贡献专家")),
        Term("commendation", "表彰", "commendation", ("学科带头人", "表彰（学科带头人等）")),
        Term("other", "其他荣誉称号", "other honour", ("其他", "其它")),
    ],
    type=model.HonourKind,
)

ENTERPRISE_SCALES = Vocabulary(
    ("企业规模", "enterprise scale"),
    [
        Term("large", "大型企业", "large enterprise", ("大型", "大企业")),
        Term(
            "above_designated", "规上企业", "enterprise above designated size", ("规模以上企业", "规模以上", "规上", "规模以上企业（规上）")
        ),
        Term("below_designated", "规下企业", "enterprise below designated size", ("规模以下企业", "规模以下", "规下")),
    ],
    type=model.EnterpriseScale,
)

# What kind of document a rule cites (citations.Document.kind): a person weighs a Q&A
# compilation differently from a notice with a 文号.
SOURCE_KINDS = Vocabulary(
    ("文件类型", "kind of source"),
    [
        Term("notice", "正式文件", "official notice", ("通知", "文件")),
        Term("guide", "办事指南", "office guide", ("指南",)),
        Term("qa", "问答汇编", "Q&A compilation", ("问答",)),
    ],
    type=typing.Literal["notice", "guide", "qa"],
)

# A yes/no answer in a roster cell; 全日制 also takes the study form (自考, 函授 … are not full-time).
YES_NO = Vocabulary(
    ("是否", "yes or no"),
    [
        Term("true", "是", "yes", ("y", "true", "1", "√", "✓", "对")),
        Term("false", "否", "no", ("n", "false", "0", "×", "✗", "不是")),
    ],
)
STUDY_MODES = Vocabulary(
    ("学习形式", "mode of study"),
    [
        Term("true", "是", "yes", (*YES_NO.terms["true"].aliases, "全日制", "普通全日制", "统招", "full-time", "full time")),
        Term(
            "false",
            "否",
            "no",
            (
                *YES_NO.terms["false"].aliases,
                "非全日制",
                "在职",
                "成人",
                "成人教育",
                "自考",
                "自学考试",
                "函授",
                "业余",
                "夜大",
                "网络教育",
                "电大",
                "开放教育",
                "part-time",
            ),
        ),
    ],
)

SEXES = Vocabulary(("性别", "sex"), [Term("male", "男", "male", ("男性",)), Term("female", "女", "female", ("女性",))])

# Every vocabulary of a model type, for the code that walks the model's annotations (the
# interview's choices, the roster's columns, pydantic's messages).
BY_TYPE: dict[Any, Vocabulary] = {
    v.type: v
    for v in (
        LEVELS,
        ROUTES,
        EDUCATION_LEVELS,
        DEGREES,
        EMPLOYER_TYPES,
        GRADES,
        SKILL_GRADES,
        PAPER_ROLES,
        PAPER_KINDS,
        SCOPE_LEVELS,
        ACHIEVEMENT_ROLES,
        CERTIFICATE_KINDS,
        DOCUMENT_KINDS,
        SOURCE_KINDS,
        DISCIPLINES,
        HONOUR_KINDS,
        ENTERPRISE_SCALES,
    )
}

ALL: tuple[Vocabulary, ...] = (*BY_TYPE.values(), SERIES, SEXES)


def of(tp: Any) -> Vocabulary | None:
    """The vocabulary of a model type — a `Literal` of the model, or a narrower `Literal` of its
    values (a rule's `rating: Literal["excellent", "qualified"]` is a grade) — or None."""
    v = BY_TYPE.get(tp)
    if v is not None:
        return v
    if typing.get_origin(tp) is typing.Literal:
        values = set(typing.get_args(tp))
        for v in BY_TYPE.values():
            if values <= set(v.terms):
                return v
    return None


def for_values(values: Iterable[str]) -> Vocabulary | None:
    """The vocabulary holding every one of `values` (an enum pydantic reports), or None."""
    vs = set(values)
    if not vs:
        return None
    for v in ALL:
        if vs <= set(v.terms):
            return v
    return None


# ---------------------------------------------------------------------- the old tables

# Names the modules written before the vocabulary use: `nm(LEVEL_NAMES, key)`.
LEVEL_NAMES = LEVELS
ROUTE_NAMES = ROUTES
EDU_NAMES = EDUCATION_LEVELS
DEGREE_NAMES = DEGREES
GRADE_NAMES = GRADES
SCOPE_NAMES = SCOPE_LEVELS
SKILL_NAMES = SKILL_GRADES
DISCIPLINE_NAMES = DISCIPLINES
HONOUR_NAMES = HONOUR_KINDS
SCALE_NAMES = ENTERPRISE_SCALES


def series_name(key: str | None, region: Any = None) -> str:
    """A series as the reader names it: in Chinese the region's own wording where it has one
    (工程系列（非建筑、建材、环保专业）), else the vocabulary's (工程系列); in English the vocabulary's."""
    if not key:
        return ""
    if lang() == "zh" and region is not None:
        own = (getattr(region, "series_names", None) or {}).get(key)
        if own:
            return own
    return SERIES.name(key)


def nm(table: Mapping[str, tuple[str, str]], key: str | None) -> str:
    """The name of `key` in `table` (a Vocabulary) in the user's language."""
    if isinstance(table, Vocabulary):
        return table.name(key)
    zh, en = table.get(key or "", (key or "", key or ""))
    return t(zh, en)
