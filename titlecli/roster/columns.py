"""The roster's columns: which profile field each holds, its Chinese header and the words people
write for it, what a cell of it is (a date, a yes/no, a word of a vocabulary …), and the template's
example.  Headers are read loosely (毕业日期 = 毕业年月 = 毕业时间, 参加工作\\n时间, a hint in brackets)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .. import terms

# The words a cell may hold are the vocabulary's (titlecli.terms): the Chinese name, the
# aliases people write, the English name or the key.
YES_NO = terms.YES_NO
FULL_TIME = terms.STUDY_MODES


@dataclass(frozen=True)
class Column:
    key: str  # contract key path; list sections are "education.graduated"
    zh: str  # header as written in the template
    kind: str = "text"  # text | id | date | bool | enum | series | int | float | percent | grades | hours | region
    choices: terms.Vocabulary | None = None
    aliases: tuple[str, ...] = ()
    note: str = ""  # a line for the instructions sheet (Chinese)
    example: Any = None
    example2: Any = None  # the continuation row of the example

    @property
    def section(self) -> str | None:
        head = self.key.split(".")[0]
        return head if head in LIST_SECTIONS else None


LIST_SECTIONS = ("education", "work", "titles", "skills", "papers", "achievements", "awards", "honours", "certificates")
SECTION_NAMES = {
    "education": ("学历", "education"),
    "work": ("工作经历", "work history"),
    "titles": ("职称", "titles"),
    "skills": ("技能等级", "skills"),
    "papers": ("论文论著", "papers"),
    "achievements": ("业绩成果", "achievements"),
    "awards": ("奖项", "awards"),
    "honours": ("荣誉称号", "honours"),
    "certificates": ("证书", "certificates"),
}

COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", example="张伟"),
    Column(
        "id_number",
        "身份证号",
        "id",
        aliases=("身份证号码", "公民身份号码", "身份证"),
        note="18 位，末位可为 X；请把该列设为文本，否则 Excel 会丢失末尾数字",
        example="140402199205153219",
    ),
    Column("phone", "手机号", aliases=("手机", "联系电话", "电话", "联系方式", "手机号码"), example="13812345678"),
    Column("employer.name", "单位", aliases=("单位名称", "所在单位", "现工作单位"), example="长治市某机械制造有限公司"),
    Column("employer.type", "单位性质", "enum", terms.EMPLOYER_TYPES, example="企业"),
    Column(
        "application.region",
        "地区",
        "region",
        aliases=("申报地区",),
        note="地区名称（如 山西长治、盐城，见 titlecli regions list）；也可在命令行用 --region 统一指定",
        example="山西长治",
    ),
    Column(
        "application.series",
        "系列",
        "series",
        terms.SERIES,
        aliases=("申报系列", "职称系列（申报）"),
        note="可填中文（工程）或英文 id（engineering）",
        example="工程",
    ),
    Column("application.specialty", "申报专业", example="机械设计"),
    Column("application.level", "申报级别", "enum", terms.LEVELS, aliases=("申报等级",), example="中级"),
    Column("status.civil_servant", "公务员", "bool", YES_NO, note="公务员或参照公务员法管理", example="否"),
    Column("status.retired", "已退休", "bool", YES_NO, aliases=("退休",), example="否"),
    Column("status.sanction_until", "处分期至", "date", note="处分影响期截止日期；无处分留空"),
    Column("special.local_social_insurance_since", "本地社保起缴时间", "date", aliases=("本地社保起始",)),
    Column(
        "special.village_first_secretary.start",
        "驻村第一书记起始时间",
        "date",
        aliases=("第一书记任职起始时间", "第一书记起始时间"),
        note="选派担任驻村第一书记的起始日期；未担任留空",
    ),
    Column("special.village_first_secretary.end", "驻村第一书记结束时间", "date", aliases=("第一书记结束时间",), note="仍在任留空"),
    Column(
        "special.village_first_secretary.rating",
        "驻村第一书记考核等次",
        "enum",
        terms.GRADES,
        aliases=("第一书记考核等次",),
        note="任职期满考核等次（优秀、称职/合格…）",
    ),
    Column(
        "assessments",
        "年度考核",
        "grades",
        note="年份:等次，多年用逗号分隔，如 2020:合格,2021:优秀",
        example="2018:合格,2019:合格,2020:优秀,2021:合格",
    ),
    Column(
        "continuing_education",
        "继续教育学时",
        "hours",
        note="年份:总学时/公需科目学时，如 2021:72/24；多年用逗号分隔",
        example="2021:72/24",
    ),
    Column("education.level", "学历", "enum", terms.EDUCATION_LEVELS, aliases=("学历层次",), example="本科", example2="高中"),
    Column(
        "education.full_time",
        "全日制",
        "bool",
        FULL_TIME,
        aliases=("是否全日制", "学习形式", "学历性质", "教育形式"),
        note="普通全日制填 是；成人、自考、函授填 否",
        example="是",
        example2="是",
    ),
    Column("education.school", "毕业学校", aliases=("学校", "毕业院校"), example="太原理工大学", example2="长治市第二中学"),
    Column("education.major", "专业", aliases=("所学专业",), example="机械设计制造及其自动化"),
    Column(
        "education.related",
        "专业相关",
        "bool",
        YES_NO,
        aliases=("所学专业与申报专业相关",),
        note="所学专业与申报专业相同或相近",
        example="是",
    ),
    Column("education.graduated", "毕业时间", "date", example="2014-07-01", example2="2010-07-01"),
    Column("education.degree", "学位", "enum", terms.DEGREES, example="学士", example2="无"),
    Column(
        "education.discipline",
        terms.DISCIPLINES.what[0],
        "enum",
        terms.DISCIPLINES,
        note="所学专业的学科门类（工学、理学、管理学…）；地区规则按学科门类区分时填写",
        example="工学",
    ),
    Column("education.chsi_record.code", "学信网备案表编号", aliases=("备案表编号",), example="A123456789012345"),
    Column("education.chsi_record.valid_until", "备案表有效期至", "date", aliases=("学信网备案表有效期",), example="2022-09-30"),
    Column(
        "work.start", "参加工作时间", "date", aliases=("工作开始时间",), note="每段工作经历一行；第一段即参加工作时间", example="2014-07-15"
    ),
    Column("work.end", "工作结束时间", "date", aliases=("工作截止时间",), note="留空或填 至今 表示仍在岗"),
    Column("work.employer", "工作单位", note="留空时取 单位", example="长治市某机械制造有限公司"),
    Column("work.post", "岗位", aliases=("工作岗位",), example="机械设计"),
    Column("work.professional", "专技岗位", "bool", YES_NO, aliases=("专业技术岗位",), example="是"),
    Column("work.related", "工作专业相关", "bool", YES_NO, note="所从事工作与申报专业相关", example="是"),
    Column("work.township", "乡镇及以下", "bool", YES_NO, aliases=("基层",), example="否"),
    Column("work.duties", "主要工作内容", aliases=("工作内容",)),
    Column("work.gap_note", "间断说明", note="与上一段工作之间有间断时说明原因"),
    Column(
        "work.professional_pay",
        "兑现专技岗位工资",
        "bool",
        YES_NO,
        aliases=("专技岗位工资", "兑现专业技术岗位工资"),
        note="事业单位：该段工作是否按专业技术岗位兑现工资；企业留空",
    ),
    Column("titles.name", "现职称", aliases=("职称名称", "已取得职称"), note="如 助理工程师；多个职称每个一行", example="助理工程师"),
    Column(
        "titles.level",
        "职称级别",
        "enum",
        terms.LEVELS,
        aliases=("现职称级别",),
        note="留空时按职称名称推断（助理…=助理级，高级…=副高级）",
        example="助理级",
    ),
    Column("titles.obtained", "取得时间", "date", aliases=("职称取得时间", "现职称取得时间"), example="2016-09-01"),
    Column("titles.series", "职称系列", "series", terms.SERIES, example="工程"),
    Column("titles.route", "取得方式", "enum", terms.ROUTES, example="初定"),
    Column(
        "titles.appointed",
        "聘任时间",
        "date",
        aliases=("职称聘任时间", "现职称聘任时间"),
        note="单位把本人聘任到该职称岗位的日期（事业单位按聘任计算任职年限）",
    ),
    Column("skills.grade", "技能等级", "enum", terms.SKILL_GRADES, example="技师"),
    Column("skills.obtained", "技能取得时间", "date", example="2015-06-01"),
    Column(
        "papers.title", "论文题目", aliases=("论文",), example="某型减速器齿轮的疲劳寿命分析", example2="数控机床主轴热变形补偿方法研究"
    ),
    Column("papers.journal", "期刊", aliases=("发表期刊",), example="机械工程与自动化", example2="机械工程与自动化"),
    Column("papers.published", "发表时间", "date", example="2020-06-01", example2="2021-03-01"),
    Column("papers.role", "作者排序", "enum", terms.PAPER_ROLES, aliases=("作者",), example="第一作者", example2="独著"),
    Column("papers.words", "字数", "int", example=3200, example2=4100),
    Column("papers.kind", "论文类型", "enum", terms.PAPER_KINDS, example="论文", example2="论文"),
    Column("papers.plagiarism_rate", "查重率", "percent", note="如 12% 或 0.12", example="12%"),
    Column("achievements.title", "业绩项目", aliases=("业绩成果", "项目名称"), example="某生产线技术改造"),
    Column("achievements.level", "项目级别", "enum", terms.SCOPE_LEVELS, example="市级"),
    Column("achievements.role", "本人角色", "enum", terms.ACHIEVEMENT_ROLES, aliases=("项目角色",), example="主持"),
    Column("achievements.rank", "项目排名", "int", example=1),
    Column("achievements.accepted", "已验收", "bool", YES_NO, aliases=("通过验收",), example="是"),
    Column("achievements.year", "项目年份", "int", example=2020),
    Column(
        "achievements.enterprise_scale",
        terms.ENTERPRISE_SCALES.what[0],
        "enum",
        terms.ENTERPRISE_SCALES,
        note="企业自身的项目：大型企业、规上企业或规下企业",
    ),
    Column("awards.name", "奖项名称", aliases=("获奖",), example="市科技进步奖"),
    Column("awards.level", "奖项级别", "enum", terms.SCOPE_LEVELS, example="市级"),
    Column("awards.grade", "奖项等次", "int", note="一等奖填 1", example=2),
    Column("awards.year", "获奖年份", "int", example=2021),
    Column("honours.name", "荣誉称号", aliases=("荣誉称号名称",), note="如 市级先进专业技术工作者；多个每个一行"),
    Column("honours.kind", terms.HONOUR_KINDS.what[0], "enum", terms.HONOUR_KINDS),
    Column("honours.level", "荣誉级别", "enum", terms.SCOPE_LEVELS, aliases=("荣誉称号级别",)),
    Column("honours.obtained", "荣誉取得时间", "date", aliases=("荣誉称号取得时间", "授予时间")),
    Column("certificates.kind", "证书类型", "enum", terms.CERTIFICATE_KINDS, example="计算机", example2="外语"),
    Column("certificates.name", "证书名称", example="全国专业技术人员计算机应用能力考试", example2="职称英语 B 级"),
    Column("certificates.obtained", "证书取得时间", "date", example="2015-05-20", example2="2016-04-10"),
    Column("certificates.modules", "计算机模块数", "int", example=3),
)

# Columns rosters often carry that add nothing to a profile: read past them.
IGNORED_HEADERS = {
    "序号",
    "编号",
    "备注",
    "说明",
    "no",
    "no.",
    "#",
    "remark",
    "remarks",
    "note",
    "民族",
    "政治面貌",
    "籍贯",
    "职务",
    "行政职务",
    "年龄",
    "邮箱",
    "电子邮箱",
    "email",
    "审核意见",
    "单位意见",
}
# Columns that repeat what the ID number says: checked against it, so a mix-up of rows shows.
DERIVED_HEADERS = {"性别": "sex", "sex": "sex", "出生时间": "birth", "birth_date": "birth"}
EMPTY_MARKS = {"/", "-", "—", "——", "－", "无", "n/a", "na", "空"}
EXAMPLE_MARKS = {"示例", "例", "example"}
EXAMPLE_ID = next(c.example for c in COLUMNS if c.key == "id_number")


def norm_header(h: Any) -> str:
    """A header as it is looked up: no hint in brackets, no space or line break, no asterisk."""
    s = unicodedata.normalize("NFKC", str(h if h is not None else "")).strip()
    s = re.sub(r"[（(].*?[)）]", "", s, flags=re.DOTALL)  # 毕业时间（YYYY-MM-DD） -> 毕业时间
    s = re.sub(r"\s+", "", s.replace("*", "").replace("＊", ""))  # 参加工作\n时间, wrapped with Alt+Enter
    s = s.replace("日期", "时间").replace("年月", "时间")  # 毕业日期, 毕业年月 = 毕业时间
    return s.lower()


def _header_index() -> dict[str, Column]:
    idx: dict[str, Column] = {}
    leaves: dict[str, list[Column]] = {}
    for c in COLUMNS:
        idx[norm_header(c.zh)] = c
        idx[c.key.lower()] = c
        for a in c.aliases:
            idx.setdefault(norm_header(a), c)
        leaves.setdefault(c.key.split(".")[-1], []).append(c)
    for leaf, cols in leaves.items():  # a bare English key where it is unambiguous (name, phone)
        if len(cols) == 1:
            idx.setdefault(leaf, cols[0])
    return idx


HEADERS = _header_index()


def col_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def column(key: str) -> Column:
    """The column of a profile key path."""
    return BY_KEY[key]


BY_KEY = {c.key: c for c in COLUMNS}
