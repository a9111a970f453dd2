"""Rosters (花名册) for `titlecli batch`: an .xlsx workbook, a .csv file or a folder of profiles.

A roster row is one applicant, its columns the contract's profile keys (Chinese headers or the
English key paths of contract §1).  Several rows may describe one person: a row whose 身份证号
is empty (or repeats the ID of the rows just above it) continues that person, and each row adds
at most one entry to each history list (学历, 工作经历, 职称, 技能, 论文, 业绩, 奖项, 证书).  The
same ID number anywhere else in the roster is a duplicate and an error naming both rows.

Every applicant becomes a profile validated exactly like a profile file
(`titlecli.profile.validate_profile`); its problems are reported with the roster file, the row
and the column.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import terms
from .dates import typed_date
from .errors import Problem, UserError, key_path
from .i18n import lang, t
from .model import Profile

# --------------------------------------------------------------------------- columns

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
_EXAMPLE_ID = next(c.example for c in COLUMNS if c.key == "id_number")


def _norm_header(h: Any) -> str:
    s = unicodedata.normalize("NFKC", str(h if h is not None else "")).strip()
    s = re.sub(r"[（(].*?[)）]", "", s, flags=re.DOTALL)  # 毕业时间（YYYY-MM-DD） -> 毕业时间
    s = re.sub(r"\s+", "", s.replace("*", "").replace("＊", ""))  # 参加工作\n时间, wrapped with Alt+Enter
    s = s.replace("日期", "时间").replace("年月", "时间")  # 毕业日期, 毕业年月 = 毕业时间
    return s.lower()


def _header_index() -> dict[str, Column]:
    idx: dict[str, Column] = {}
    leaves: dict[str, list[Column]] = {}
    for c in COLUMNS:
        idx[_norm_header(c.zh)] = c
        idx[c.key.lower()] = c
        for a in c.aliases:
            idx.setdefault(_norm_header(a), c)
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


# --------------------------------------------------------------------------- cells


class CellError(ValueError):
    pass


def _lookup(choices: terms.Vocabulary | None, raw: str) -> str | None:
    return choices.lookup(raw) if choices is not None else None


def _lookup_loose(col: Column, s: str) -> str | None:
    """学历 written with its study form: 全日制本科, 本科（函授）."""
    if col.choices is terms.EDUCATION_LEVELS:
        return _lookup(col.choices, split_study_form(s.removesuffix("学历"))[0])
    return None


# A date cell formatted as 常规 (General) shows Excel's day number: 42186 is 2015-07-01.  Numbers
# of five digits from 1954 to 2100 are read so; nothing else in a date column looks like one.
_EXCEL_SERIALS = (20000, 73415)  # 1954-10-03 .. 2100-12-31
# HR systems export "still employed / no end" as 9999-12-31; any other date outside these years
# is a slip (a serial number of the wrong cell, a typo in the year).
ONGOING = date(9999, 12, 31)
_PLAUSIBLE_YEARS = (1900, 2100)


def _excel_serial(n: int) -> date:
    from datetime import timedelta

    return date(1899, 12, 30) + timedelta(days=n)


def parse_cell_date(v: Any) -> date | None:
    d = _cell_date(v)
    if d is not None and d != ONGOING and not _PLAUSIBLE_YEARS[0] <= d.year <= _PLAUSIBLE_YEARS[1]:
        raise CellError(
            t(
                f"日期 {d} 不合理（应在 {_PLAUSIBLE_YEARS[0]} 至 {_PLAUSIBLE_YEARS[1]} 年之间；“至今”可写 至今 或留空）",
                f"date {d} is not plausible (expected {_PLAUSIBLE_YEARS[0]} to {_PLAUSIBLE_YEARS[1]}; leave it empty or write 至今 for ongoing)",
            )
        )
    return d


def _cell_date(v: Any) -> date | None:
    if v is None or v == "":
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        iv = int(v)
        if len(str(iv)) == 8:  # 20140701
            v = str(iv)
        elif v == iv and _EXCEL_SERIALS[0] <= iv <= _EXCEL_SERIALS[1]:
            return _excel_serial(iv)
        elif v == iv and 10000 <= iv <= 99999:
            raise CellError(
                t(
                    f"不是日期：{iv}（若是 Excel 的日期序号，它是 {_excel_serial(iv)}，不合理；请把单元格设为日期格式并核对）",
                    f"not a date: {iv} (as an Excel day number it would be {_excel_serial(iv)}, which is not plausible; format the cell as a date and check it)",
                )
            )
        else:
            raise CellError(t(f"不是日期：{v!r}（应为 YYYY-MM-DD）", f"not a date: {v!r} (expected YYYY-MM-DD)"))
    s = str(v).strip()
    if s in ("至今", "今", "现在", "now", "present"):
        return None
    if re.fullmatch(r"\d{5}(\.0+)?", s) and _EXCEL_SERIALS[0] <= int(float(s)) <= _EXCEL_SERIALS[1]:
        return _excel_serial(int(float(s)))
    # HR rosters often keep a year and a month (参加工作时间 2014.07): the 1st of that month
    d = typed_date(s, month=True)
    if d is not None:
        return d
    raise CellError(
        t(f"不是有效的日期：{s!r}（应为 YYYY-MM-DD，如 2014-07-01）", f"not a valid date: {s!r} (expected YYYY-MM-DD, e.g. 2014-07-01)")
    )


def _year(s: str) -> int:
    try:
        y = int(float(s))
    except ValueError:
        raise CellError(t(f"年份无效：{s!r}", f"not a year: {s!r}")) from None
    return y


def _pairs(raw: str) -> list[tuple[str, str]]:
    out = []
    for part in re.split(r"[,，;；、\n]+", raw):
        part = part.strip()
        if not part:
            continue
        m = re.match(r"^(\d{4})\s*年?\s*[:：=\s]\s*(.+)$", part)
        if not m:
            raise CellError(
                t(f"无法识别 {part!r}，应为 年份:值（如 2021:合格）", f"cannot read {part!r}; expected year:value (e.g. 2021:qualified)")
            )
        out.append((m.group(1), m.group(2).strip()))
    return out


# 学历 written with its study form (全日制本科, 自考大专, 本科（函授）): the form is read off and the
# rest is the level; the form fills 全日制 when that cell is empty.
STUDY_FORMS = tuple(
    sorted(
        (
            (w, x.key == "true")
            for x in FULL_TIME.terms.values()
            for w in x.aliases
            if re.search(r"[\u4e00-\u9fff]", w) and w not in terms.YES_NO.terms[x.key].aliases
        ),
        key=lambda x: -len(x[0]),
    )
)


def split_study_form(raw: str) -> tuple[str, bool | None]:
    """'全日制本科' -> ('本科', True); '本科' -> ('本科', None)."""
    s = re.sub(r"[\s（）()]", "", unicodedata.normalize("NFKC", raw))
    for word, full_time in STUDY_FORMS:
        if s.startswith(word) and len(s) > len(word):
            return s[len(word) :], full_time
        if s.endswith(word) and len(s) > len(word):
            return s[: -len(word)], full_time
    return s, None


def parse_cell(col: Column, v: Any) -> Any:  # noqa: C901 - to split (issue 19)
    """The profile value of one cell, or None for an empty cell; CellError says what is wrong."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, str) and col.kind not in ("text", "id"):
        v = unicodedata.normalize("NFKC", v).strip()  # ２０１５－０７－０１, full-width digits and signs
        if col.kind in ("enum", "bool") and re.search(r"[\u4e00-\u9fff]", v):
            v = re.sub(r"\s+", "", v)  # 本 科, spaced for alignment
    if isinstance(v, str) and v.strip().lower() in EMPTY_MARKS and _lookup(col.choices, v) is None:
        return None  # "/" or "无" written in a cell that has nothing to say
    if isinstance(v, float) and not math.isfinite(v):  # a number cell read as inf or nan
        raise CellError(t(f"不是有限的数：{v!r}", f"not a finite number: {v!r}"))
    k = col.kind
    if k == "date":
        d = parse_cell_date(v)
        return None if d == ONGOING and col.key == "work.end" else d  # 9999-12-31: still there, as 至今
    if k == "id":
        if isinstance(v, float) or (isinstance(v, str) and re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", v.strip())):
            raise CellError(
                t(
                    "身份证号被存成了数字（科学计数法），末尾几位已丢失：请把该列设为文本格式后重新填写",
                    "the ID number was stored as a number (scientific notation) and lost its last digits: format the column as text and type it again",
                )
            )
        s = unicodedata.normalize("NFKC", str(v)).strip()
        s = re.sub(r'^="?|"$', "", s).lstrip("'").replace(" ", "")  # ="1404…" and '1404… keep Excel from rounding
        return s.upper()
    if isinstance(v, (datetime, date)) and k not in ("text",):
        raise CellError(t(f"这里不应是日期：{v}", f"a date is not expected here: {v}"))
    if k in ("int",):
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            if float(v) != int(v):
                raise CellError(t(f"应为整数：{v!r}", f"expected a whole number: {v!r}"))
            return int(v)
        s = str(v).strip().rstrip("字").replace(",", "")
        try:
            return int(s)
        except ValueError:
            raise CellError(t(f"应为整数：{v!r}", f"expected a whole number: {v!r}")) from None
    if k == "percent":
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            f = float(v)
        else:
            s = str(v).strip()
            pct = s.endswith(("%", "％"))
            try:
                f = float(s.rstrip("%％"))
            except ValueError:
                raise CellError(t(f"应为百分数：{v!r}（如 12%）", f"expected a percentage: {v!r} (e.g. 12%)")) from None
            if pct:
                f /= 100
        return f / 100 if f > 1 else f
    if isinstance(v, float) and v == int(v):
        v = int(v)
    s = str(v).strip()
    if k == "bool":
        r = _lookup(col.choices, s)
        if r is None:
            raise CellError(t(f"应为 是 或 否：{s!r}", f"expected yes or no: {s!r}"))
        return r == "true"
    if k == "enum":
        assert col.choices is not None
        r = _lookup(col.choices, s) or _lookup_loose(col, s)
        if r is None:
            raise CellError(col.choices.unknown_message(s))
        return r
    if k == "series":
        return _series(s)
    if k == "region":
        return _region(s)
    if k == "grades":
        out: dict[int, str] = {}
        for y, g in _pairs(s):
            r = terms.GRADES.lookup(g)
            if r is None:
                raise CellError(t(f"{y} 年：", f"{y}: ") + terms.GRADES.unknown_message(g))
            out[_year(y)] = r
        return out
    if k == "hours":
        out2: dict[int, dict] = {}
        for y, h in _pairs(s):
            nums = re.split(r"\s*[/／]\s*", h.rstrip("学时 "))
            try:
                vals = [float(x) for x in nums if x != ""]
            except ValueError:
                raise CellError(
                    t(
                        f"{y} 年学时无效：{h!r}（应为 总学时/公需学时，如 72/24）",
                        f"{y}: invalid hours {h!r} (expected total/public, e.g. 72/24)",
                    )
                ) from None
            if not vals or len(vals) > 3:
                raise CellError(t(f"{y} 年学时无效：{h!r}", f"{y}: invalid hours {h!r}"))
            entry = {"total": vals[0]}
            if len(vals) > 1:
                entry["public"] = vals[1]
            if len(vals) > 2:
                entry["professional"] = vals[2]
            out2[_year(y)] = entry
        return out2
    if col.key == "name" and re.fullmatch(r"[\u3400-\u9fff·\s]+", s):
        s = re.sub(r"\s+", "", s)  # 张  伟, padded for alignment, is 张伟
    return s


def _series(s: str) -> str:
    """A series typed in Chinese (工程, 工程系列, 会计) or as its id; an id the vocabulary does not
    know stays as written (a user's region may define its own series), an unknown Chinese word
    is an error naming the closest series."""
    key = terms.SERIES.lookup(s)
    if key is not None:
        return key
    if re.fullmatch(r"[a-z][a-z0-9_]*", s):
        return s
    raise CellError(terms.SERIES.unknown_message(s))


def _region(s: str) -> str:
    """A region typed as people name it (江苏盐城, 盐城, 盐城市) or by id or file: the region's id
    (a path stays a path)."""
    from . import regions

    if regions.looks_like_path(s):
        return s
    try:
        return regions.vocabulary().parse(s)
    except terms.UnknownTerm as e:
        raise CellError(str(e)) from None


def infer_title_level(name: str) -> str | None:
    """The level a title's name says (工程师 = 中级); see titlecli.terms.level_of_title."""
    return terms.level_of_title(name)


# --------------------------------------------------------------------------- applicants


@dataclass
class Applicant:
    """One person of a roster: its profile data, where each value came from, and problems."""

    source: str  # the roster file or the profile file
    label: str  # 第3行 / 第3–5行 / file name
    rows: list[int]
    key: str  # ID number as written (or the label when there is none): identity for resume
    name: str
    data: dict = field(default_factory=dict)
    origin: dict = field(default_factory=dict)  # key path tuple -> (row, header)
    problems: list[Problem] = field(default_factory=list)
    profile: Profile | None = None
    base_dir: str | None = None  # relative document paths resolve here (profile folders)
    checks: list = field(default_factory=list)  # (sex|birth, cell value, row, (header, letter)) to compare with the ID
    bad_paths: set = field(default_factory=set)  # key paths of cells already reported as unreadable

    @property
    def ok(self) -> bool:
        return self.profile is not None and not self.problems


@dataclass
class Roster:
    path: Path
    kind: str  # xlsx | csv | folder
    applicants: list[Applicant]
    warnings: list[str] = field(default_factory=list)


def _where(row: int, header: str, letter: str | None = None) -> str:
    col = f"（{letter}列）" if letter else ""
    return t(f"第{row}行 {header}{col}", f"row {row}, column {header}" + (f" ({letter})" if letter else ""))


def _fill_merged(rows: dict[int, list[Any]], merged: list[tuple[int, int, int]]) -> None:
    """A cell merged down a column (单位 over the colleagues of one employer, 姓名 over a person's
    rows) counts for every row it covers that has anything of its own; a blank separator row
    under the merge stays blank.  Merges across columns (a title line) are left alone.
    `rows`: row number -> cells, for the rows that have any."""
    import bisect

    numbers = sorted(n for n, r in rows.items() if any(not (v is None or (isinstance(v, str) and not v.strip())) for v in r))
    for top, bottom, col in merged:
        cells = rows.get(top, [])
        if col - 1 >= len(cells):
            continue
        value = cells[col - 1]
        for n in numbers[bisect.bisect_right(numbers, top) : bisect.bisect_right(numbers, bottom)]:
            r = rows[n]
            while len(r) < col:
                r.append(None)
            r[col - 1] = value


def _sheet_rows(ws) -> dict[int, list[Any]]:
    """Row number -> cells, for the rows that hold something, each as long as its last value.
    iter_rows would make the full rectangle up to the farthest cell: one stray cell at
    XFD1048576 made it 1,048,576 × 16,384 values (7 GB)."""
    cells = getattr(ws, "_cells", None)
    if not isinstance(cells, dict):  # pragma: no cover - an openpyxl without the cell map
        return {n: list(r) for n, r in enumerate(ws.iter_rows(values_only=True), start=1)}
    by_row: dict[int, dict[int, Any]] = {}
    for (r, c), cell in cells.items():
        if cell.value is not None:
            by_row.setdefault(r, {})[c] = cell.value
    return {r: [got.get(c) for c in range(1, max(got) + 1)] for r, got in sorted(by_row.items())}


def _looks_like_roster(ws) -> bool:
    """Two known column names in one of the first 10 rows."""
    return any(sum(1 for c in r if c is not None and _norm_header(c) in HEADERS) >= 2 for r in ws.iter_rows(max_row=10, values_only=True))


def read_table(path: Path, notes: list[str] | None = None) -> tuple[list[Any], list[tuple[int, list[Any]]], int]:
    """Header cells, (row number, cells) and the header's row number, of the roster sheet of an
    .xlsx or of a .csv; what a clerk should know about the choice of sheet goes into `notes`."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            from openpyxl import load_workbook

            wb = load_workbook(path, data_only=True)  # not read_only: that mode does not see merged cells
        except FileNotFoundError:
            raise UserError(Problem(str(path), "", t("花名册文件不存在", "roster file not found"))) from None
        except Exception as e:  # zipfile.BadZipFile, KeyError, InvalidFileException
            raise UserError(
                Problem(
                    str(path),
                    "",
                    t(
                        f"无法作为 Excel 工作簿打开（{type(e).__name__}）；请用 Excel 另存为 .xlsx",
                        f"cannot be opened as an Excel workbook ({type(e).__name__}); save it as .xlsx",
                    ),
                )
            ) from None
        try:
            # A hidden sheet is not what the clerk sees (often last year's roster, hidden, not deleted)
            visible = [n for n in wb.sheetnames if wb[n].sheet_state == "visible"] or wb.sheetnames
            names = [n for n in visible if n not in ("填写说明", "选项", "instructions", "choices")] or visible
            hidden = [n for n in wb.sheetnames if n not in visible and _looks_like_roster(wb[n])]
            if hidden and notes is not None:
                notes.append(
                    t(
                        f"隐藏的工作表“{'”“'.join(hidden)}”未读取（只读取看得见的工作表）",
                        f"hidden sheet(s) '{', '.join(hidden)}' were not read (only visible sheets are)",
                    )
                )
            likely = [n for n in names if _looks_like_roster(wb[n])]
            pick = next((n for n in names if n in ("花名册", "roster")), None) or (likely or names)[0]
            others = [n for n in likely if n != pick]
            if others and notes is not None:
                notes.append(
                    t(
                        f"只读取了工作表“{pick}”；工作表“{'”“'.join(others)}”也像花名册，未读取：请把所有申报人放在一个工作表中",
                        f"only sheet '{pick}' was read; sheet(s) '{', '.join(others)}' look like rosters too and were not read: put everyone on one sheet",
                    )
                )
            ws = wb[pick]
            rows = _sheet_rows(ws)
            _fill_merged(rows, [(m.min_row, m.max_row, m.min_col) for m in ws.merged_cells.ranges if m.min_col == m.max_col])
        finally:
            wb.close()
    elif suffix in (".csv", ".txt"):
        from .datafile import read_limited

        raw = read_limited(path, t("花名册", "roster"), 64 * 1024 * 1024)
        text = None
        encodings = ("utf-16",) if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else ()  # Excel's "Unicode 文本"
        for enc in encodings + ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK (gb18030 is its superset)
            try:
                text = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        if text is None:
            raise UserError(
                Problem(str(path), "", t("无法识别文件编码（应为 UTF-8 或 GBK）", "unknown text encoding (expected UTF-8 or GBK)"))
            )
        first = text.split("\n", 1)[0]
        delim = max(",\t;，", key=first.count) if first else ","
        if delim == "，":
            delim = ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
        rows = {}
        last = 0  # the line the last whole record ended on
        try:
            for n, rec in enumerate(reader, start=1):
                rows[n] = rec
                last = reader.line_num
        except csv.Error:  # a cell past csv's 128 KB limit: almost always a quote never closed
            raise UserError(
                Problem(
                    str(path),
                    t(f"从第{last + 1}行起", f"from line {last + 1}"),
                    t(
                        '单元格过长（超过 128 KB）：多半是某个单元格的引号 " 没有闭合，其后的内容都被读成了这一格',
                        'a cell is longer than 128 KB: most likely a quote (") was never closed and everything after it was read as that cell',
                    ),
                )
            ) from None
    elif suffix in (".xls", ".et", ".wps", ".ods"):
        raise UserError(
            Problem(
                str(path),
                "",
                t(
                    f"不能直接读取 {suffix} 文件：请在 Excel/WPS 中“另存为” .xlsx（Excel 工作簿）或 .csv 后再试",
                    f"cannot read {suffix} files: save the roster as .xlsx (Excel workbook) or .csv and try again",
                ),
            )
        )
    else:
        raise UserError(
            Problem(
                str(path),
                "",
                t("花名册应为 .xlsx、.csv 或存放档案文件的文件夹", "a roster must be an .xlsx, a .csv or a folder of profile files"),
            )
        )
    # the header is the row of the first 10 naming the most known columns (a title line, or the
    # upper row of a two-tier header such as 基本信息 / 学历信息, may be above it)
    known = [sum(1 for c in rows.get(n, []) if c is not None and _norm_header(c) in HEADERS) for n in range(1, 11)]
    if max(known) > 0:
        head = known.index(max(known)) + 1
        data = [(n, list(x)) for n, x in rows.items() if n > head and x]
        return list(rows[head]), data, head
    raise UserError(
        Problem(
            str(path),
            "",
            t(
                "找不到表头行：前 10 行中没有 姓名、身份证号 等列名（可用 titlecli batch --template 生成模板）",
                "no header row: none of the first 10 rows names a known column such as 姓名 or 身份证号 (see titlecli batch --template)",
            ),
        )
    )


def _map_headers(path: Path, header: list[Any], header_row: int) -> tuple[dict[int, Column], list[str]]:
    """Columns by index, and what was skipped.  An unknown header close to a known one is an
    error (a misspelt 毕业时间 must not silently drop everyone's graduation); one unlike any
    (部门, 工号) is skipped and said so."""
    problems = []
    skipped: list[str] = []
    cols: dict[int, Column] = {}
    seen: dict[str, int] = {}
    known = sorted({_norm_header(x) for c in COLUMNS for x in (c.zh, *c.aliases)} | {c.key for c in COLUMNS})
    where = t(f"第{header_row}行", f"row {header_row}")
    for i, h in enumerate(header):
        n = _norm_header(h)
        if not n or n in IGNORED_HEADERS:
            continue
        if n in DERIVED_HEADERS:
            cols[i] = Column(f"__{DERIVED_HEADERS[n]}", str(h).strip(), "text")
            continue
        c = HEADERS.get(n)
        if c is None:
            close = difflib.get_close_matches(n, known, n=1, cutoff=0.6)
            if close:
                name = HEADERS[close[0]].zh
                problems.append(
                    Problem(
                        str(path),
                        t(f"{where} {col_letter(i)}列", f"{where}, column {col_letter(i)}"),
                        t(
                            f"未知的列名 {str(h)!r}（是否为 {name}？）；可用的列见 titlecli batch --template 生成的填写说明",
                            f"unknown column {str(h)!r} (did you mean {name}?); the template's instructions list the columns",
                        ),
                    )
                )
            else:
                skipped.append(f"{str(h).strip()}（{col_letter(i)}列）" if lang() == "zh" else f"{str(h).strip()} ({col_letter(i)})")
            continue
        if c.key in seen:
            problems.append(
                Problem(
                    str(path),
                    t(f"{where} {col_letter(i)}列", f"{where}, column {col_letter(i)}"),
                    t(f"列 {str(h)!r} 与 {col_letter(seen[c.key])} 列重复", f"column {str(h)!r} repeats column {col_letter(seen[c.key])}"),
                )
            )
            continue
        seen[c.key] = i
        cols[i] = c
    for need in ("name", "id_number"):
        if need not in seen:
            zh = next(c.zh for c in COLUMNS if c.key == need)
            problems.append(Problem(str(path), t("表头", "header"), t(f"缺少必需的列 {zh}", f"required column {zh} ({need}) is missing")))
    if problems:
        raise UserError(problems)
    return cols, skipped


def _set(d: dict, parts: list[str], value: Any) -> None:
    for p in parts[:-1]:
        d = d.setdefault(p, {})
    d[parts[-1]] = value


def _get(d: dict, parts: list[str]) -> Any:
    for p in parts:
        if not isinstance(d, dict) or p not in d:
            return None
        d = d[p]
    return d


def read_roster(path: str | Path) -> Roster:  # noqa: C901 - to split (issue 19)
    """Read a roster; UserError (exit 2) when the roster as a whole is unusable."""
    path = Path(path)
    if path.is_dir():
        return _read_folder(path)
    table_notes: list[str] = []
    header, rows, header_row = read_table(path, table_notes)
    header = [re.sub(r"\s*[\r\n]+\s*", "", h) if isinstance(h, str) else h for h in header]  # quoted on one line in messages
    cols, skipped = _map_headers(path, header, header_row)
    ordered = sorted(cols.items())
    applicants: list[Applicant] = []
    by_id: dict[str, Applicant] = {}
    dup_problems: list[Problem] = []
    cur: Applicant | None = None
    src = str(path)
    for rowno, cells in rows:
        values = {i: (cells[i] if i < len(cells) else None) for i, _ in ordered}
        values = {i: v for i, v in values.items() if not (v is None or (isinstance(v, str) and not v.strip()))}
        first = cells[0] if cells else None
        if first is not None and str(first).strip().lower() in EXAMPLE_MARKS and 0 not in cols:
            id_col = next((i for i, c in cols.items() if c.key == "id_number"), None)
            try:
                written = parse_cell(cols[id_col], values.get(id_col)) if id_col is not None else None
            except CellError:
                written = "?"
            if written in (None, _EXAMPLE_ID):
                continue  # the template's example row, marked 示例 in 序号 (a colleague typed over it is read)
        if not values:
            continue
        parsed: dict[str, Any] = {}
        row_problems: list[Problem] = []
        bad: list[str] = []  # keys of the cells that could not be read: not "missing" as well
        for i, v in values.items():
            c = cols[i]
            try:
                pv = parse_cell(c, v)
            except CellError as e:
                row_problems.append(Problem(src, _where(rowno, str(header[i]).strip(), col_letter(i)), str(e)))
                bad.append(c.key)
                continue
            if pv is not None or c.key == "work.end":
                parsed[c.key] = (pv, i)
            if c.key == "education.level" and isinstance(v, str) and pv is not None:
                form = split_study_form(v)[1]
                given = parsed.get("education.full_time", (None,))[0]
                ft_col = next((j for j, cc in cols.items() if cc.key == "education.full_time"), None)
                if given is None and ft_col is not None and ft_col in values:
                    try:
                        given = parse_cell(cols[ft_col], values[ft_col])
                    except CellError:
                        given = None
                if form is not None and given is not None and given != form:
                    row_problems.append(
                        Problem(
                            src,
                            _where(rowno, str(header[i]).strip(), col_letter(i)),
                            t(
                                f"学历 {v.strip()!r} 说明{'是' if form else '不是'}全日制，与 全日制 列的“{'是' if given else '否'}”不符",
                                f"{v.strip()!r} says {'full-time' if form else 'not full-time'}, but the full-time column says {'yes' if given else 'no'}",
                            ),
                        )
                    )
                elif form is not None and given is None:
                    parsed["education.full_time"] = (form, i)
        idn = parsed.get("id_number", (None, 0))[0]
        name = parsed.get("name", (None, 0))[0]
        if "id_number" in bad:
            cur = None  # an unreadable ID number is not a continuation row: a person of its own
        if idn is None and (name is None or name == (cur.name if cur else None)) and cur is not None:
            person = cur  # a continuation row
        elif idn is not None and cur is not None and idn == cur.key:
            person = cur
            if name is not None and name != cur.name:
                dup_problems.append(
                    Problem(
                        src,
                        _where(rowno, "姓名"),
                        t(
                            f"与第{cur.rows[0]}行身份证号相同，但姓名不同（{name} / {cur.name}）",
                            f"same ID number as row {cur.rows[0]} but a different name ({name} / {cur.name})",
                        ),
                    )
                )
        elif idn is not None and idn in by_id:
            other = by_id[idn]
            from .model import mask_id

            dup_problems.append(
                Problem(
                    src,
                    t(f"第{rowno}行 身份证号", f"row {rowno}, ID number"),
                    t(
                        f"身份证号 {mask_id(idn)} 重复：已出现在第{other.rows[0]}行（{other.name}）；同一人的续行须紧接在其下方",
                        f"duplicate ID number {mask_id(idn)}: already on row {other.rows[0]} ({other.name}); a person's continuation rows must follow directly",
                    ),
                )
            )
            cur = None
            continue
        else:
            key = idn if idn is not None else t(f"第{rowno}行", f"row {rowno}")
            person = Applicant(src, "", [], key, name or "")
            applicants.append(person)
            if idn is not None:
                by_id[idn] = person
            if idn is None and "id_number" not in bad:
                row_problems.append(
                    Problem(
                        src,
                        _where(rowno, "身份证号"),
                        t(
                            "身份证号为空（续行须紧接在同一人的行下方）",
                            "the ID number is empty (continuation rows must follow the person's rows)",
                        ),
                    )
                )
        cur = person
        person.rows.append(rowno)
        person.problems += row_problems
        for k in bad:
            sec = k.split(".")[0]
            person.bad_paths.add(f"{sec}[{len(person.data.get(sec, []))}].{k.split('.', 1)[1]}" if sec in LIST_SECTIONS else k)
        _add_row(person, parsed, rowno, header)
    if dup_problems:
        raise UserError(dup_problems)
    for a in applicants:
        a.label = (
            t(f"第{a.rows[0]}行", f"row {a.rows[0]}")
            if len(a.rows) == 1
            else t(f"第{a.rows[0]}–{a.rows[-1]}行", f"rows {a.rows[0]}–{a.rows[-1]}")
        )
    if not applicants:
        raise UserError(
            Problem(src, "", t("花名册中没有申报人（表头下方没有数据行）", "the roster has no applicants (no rows under the header)"))
        )
    warnings = table_notes + (
        [t("以下列不是档案内容，已跳过：", "columns skipped (not part of a profile): ") + t("、", ", ").join(skipped)] if skipped else []
    )
    return Roster(path, path.suffix.lower().lstrip("."), applicants, warnings)


def _add_row(person: Applicant, parsed: dict[str, tuple[Any, int]], rowno: int, header: list[Any]) -> None:
    d = person.data
    sections: dict[str, dict] = {}
    for k, (v, i) in parsed.items():
        parts = k.split(".")
        hdr = (str(header[i]).strip(), col_letter(i))
        if k.startswith("__"):
            person.checks.append((k[2:], v, rowno, hdr))
            continue
        if parts[0] in LIST_SECTIONS:
            sections.setdefault(parts[0], {})
            if v is not None:
                _set(sections[parts[0]], parts[1:], v)
            sections[parts[0]].setdefault("__cols__", {})[tuple(parts[1:])] = hdr
            continue
        if parts[0] in ("assessments", "continuing_education"):
            block = d.setdefault(parts[0], {})
            for y, g in v.items():
                block[y] = g
                person.origin[(parts[0], y)] = (rowno, hdr)
            person.origin.setdefault((parts[0],), (rowno, hdr))
            continue
        old = _get(d, parts)
        if old is not None and old != v:
            person.problems.append(
                Problem(
                    person.source,
                    _where(rowno, *hdr),
                    t(
                        f"与第{person.origin[tuple(parts)][0]}行的值不一致（{old} / {v}）；同一人的续行只填历史列或留空",
                        f"differs from row {person.origin[tuple(parts)][0]} ({old} / {v}); a continuation row fills only the history columns",
                    ),
                )
            )
            continue
        _set(d, parts, v)
        person.origin.setdefault(tuple(parts), (rowno, hdr))
    if "name" in d and not person.name:
        person.name = d["name"]
    for sec, item in sections.items():
        cols = item.pop("__cols__")
        if not item:
            continue  # only 工作结束时间 = 至今
        lst = d.setdefault(sec, [])
        idx = len(lst)
        lst.append(item)
        person.origin[(sec, idx)] = (rowno, None)
        for sub, hdr in cols.items():
            person.origin[(sec, idx) + sub] = (rowno, hdr)


def _complete(person: Applicant, region: str | None) -> None:
    """Defaults a roster implies, then validation exactly as for a profile file."""
    from .profile import validate_profile

    d = person.data
    if region:
        d.setdefault("application", {})["region"] = region
    emp = _get(d, ["employer", "name"])
    for w in d.get("work", []):
        if "employer" not in w and emp:
            w["employer"] = emp
    for i, ti in enumerate(d.get("titles", [])):
        if "level" not in ti and isinstance(ti.get("name"), str):
            lv = infer_title_level(ti["name"])
            if lv:
                ti["level"] = lv
            else:
                row = person.origin.get(("titles", i, "name"), (person.rows[0],))[0]
                person.problems.append(
                    Problem(
                        person.source,
                        _where(row, "职称级别"),
                        t(
                            f"无法从职称名称 {ti['name']!r} 推断级别，请填写 职称级别",
                            f"cannot infer the level of {ti['name']!r}; fill in 职称级别",
                        ),
                    )
                )
    if not _get(d, ["application", "region"]):
        person.problems.append(
            Problem(
                person.source,
                _where(person.rows[0], "地区"),
                t("未指定地区：请填写 地区 列或使用 --region", "no region: fill in 地区 or pass --region"),
            )
        )
    try:
        person.profile = validate_profile(d, person.source)
    except UserError as e:
        for p in e.problems:
            if p.path in person.bad_paths:
                continue  # the cell was reported as unreadable already
            person.problems.append(_relocate(person, p))
    if person.profile is not None:
        _check_derived(person, person.profile)


def _check_derived(person: Applicant, profile: Profile) -> None:
    """性别 and 出生日期 columns must agree with the ID number (a row pasted next to the wrong
    ID number shows here)."""
    for what, v, row, hdr in person.checks:
        if what == "sex":
            sex = {"男": "male", "m": "male", "male": "male", "女": "female", "f": "female", "female": "female"}.get(str(v).strip().lower())
            if sex is None:
                person.problems.append(
                    Problem(person.source, _where(row, *hdr), t(f"性别应为 男 或 女：{v!r}", f"sex must be 男 or 女: {v!r}"))
                )
            elif sex != profile.sex:
                person.problems.append(
                    Problem(
                        person.source,
                        _where(row, *hdr),
                        t(
                            f"性别 {v} 与身份证号不符（第 17 位表示{'男' if profile.sex == 'male' else '女'}）",
                            f"sex {v} does not match the ID number (its 17th digit says {profile.sex})",
                        ),
                    )
                )
        else:
            try:
                d = parse_cell_date(v)
            except CellError as e:
                person.problems.append(Problem(person.source, _where(row, *hdr), str(e)))
                continue
            b = profile.birth_date
            if d is not None and (d.year, d.month) != (b.year, b.month):
                person.problems.append(
                    Problem(
                        person.source,
                        _where(row, *hdr),
                        t(f"出生日期 {d:%Y-%m} 与身份证号中的 {b} 不符", f"birth date {d:%Y-%m} does not match {b} in the ID number"),
                    )
                )


_COL_BY_KEY = {c.key: c for c in COLUMNS}


def _relocate(person: Applicant, p: Problem) -> Problem:
    """Name the row and column of a profile problem (education[1].graduated -> 第4行 毕业时间（T列）)."""
    loc = _parse_key_path(p.path)
    if loc == ("application",):  # the whole block is missing: its one required column is 系列
        loc = ("application", "series")
    row, hdr = None, None
    n = 0
    for n in range(len(loc), 0, -1):
        hit = person.origin.get(tuple(loc[:n]))
        if hit:
            row, hdr = hit
            break
    col = _COL_BY_KEY.get(".".join(str(x) for x in loc if not isinstance(x, int)))
    if col is not None and (hdr is None or n < len(loc)):
        hdr = (col.zh, None)  # the cell is empty or the column absent: name the column by its header
    where = _where(row or person.rows[0], *(hdr or (p.path, None)))
    return Problem(person.source, f"{where} [{p.path}]" if p.path else where, p.message)


def _parse_key_path(path: str) -> tuple:
    out: list[Any] = []
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            out.append(int(part[1:-1]))
        else:
            out.append(int(part) if part.isdigit() else part)
    return tuple(out)


def _read_folder(path: Path) -> Roster:
    from .profile import load_profile

    files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json") and not p.name.startswith("."))
    if not files:
        raise UserError(
            Problem(str(path), "", t("文件夹中没有档案文件（.yaml/.yml/.json）", "no profile files (.yaml/.yml/.json) in the folder"))
        )
    applicants = []
    by_id: dict[str, Applicant] = {}
    dups = []
    for f in files:
        a = Applicant(str(f), f.name, [], f.name, f.stem, base_dir=str(f.parent))
        try:
            a.data = {"__file__": f.read_bytes().hex()}  # the file's bytes are its inputs
            a.profile = load_profile(f)
            a.key = a.profile.id_number
            a.name = a.profile.name
        except UserError as e:
            a.problems += e.problems
        if a.profile is not None:
            if a.key in by_id:
                dups.append(
                    Problem(
                        str(f),
                        "id_number",
                        t(
                            f"身份证号 {a.profile.masked_id} 与 {by_id[a.key].label} 重复",
                            f"ID number {a.profile.masked_id} repeats {by_id[a.key].label}",
                        ),
                    )
                )
            by_id[a.key] = a
        applicants.append(a)
    if dups:
        raise UserError(dups)
    return Roster(path, "folder", applicants)


def finish(roster: Roster, region: str | None) -> None:
    """Validate every applicant of a table roster into a profile (problems stay per applicant)."""
    for a in roster.applicants:
        if roster.kind == "folder":
            if a.profile is not None and region:
                from dataclasses import replace

                a.profile = replace(a.profile, application=replace(a.profile.application, region=region))
            continue
        _complete(a, region)


def inputs_of(a: Applicant) -> Any:
    """What identifies an applicant's roster data for resume (JSON-able, ordered)."""
    import json

    return json.loads(json.dumps(a.data, default=str, sort_keys=True, ensure_ascii=False))


__all__ = ["COLUMNS", "Column", "Applicant", "Roster", "read_roster", "finish", "key_path", "infer_title_level", "parse_cell_date"]
