"""The interview's questions as data, derived from the profile model (titlecli/model.py).

Each field of a profile dataclass becomes a `Question` (copier's keys: type, help, choices,
default, validator, when).  The type and the choices come from the field's annotation (a
`Literal` gives an arrow-key list, `date` a date, `bool` a yes/no …); this module only adds
what the model cannot say: the label a person reads, the Chinese names of the choices, and the
section order.  `when` names a need (see needs.py) without which the field is not asked.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Callable
from dataclasses import MISSING
from datetime import date
from pathlib import Path
from typing import Any

from .. import model, terms
from ..i18n import t

# -------------------------------------------------------------------- labels (text, not rules)

LABELS: dict[str, tuple[str, str]] = {
    "name": ("姓名", "Name"),
    "id_number": ("身份证号", "ID number"),
    "phone": ("联系电话（手机或带区号的座机）", "Phone (mobile, or landline with area code)"),
    "employer": ("工作单位", "Employer"),
    "employer.name": ("单位名称", "Employer name"),
    "employer.type": ("单位性质", "Employer type"),
    "status": ("申报限制情况", "Facts that exclude an applicant"),
    "status.civil_servant": ("是否为公务员或参照公务员法管理的人员？", "Civil servant (or managed as one)?"),
    "status.retired": ("是否已退休？", "Retired?"),
    "status.sanction_until": ("处分期截止日期（无处分则留空）", "Sanction in force until (blank if none)"),
    "application": ("申报信息", "Application"),
    "application.specialty": ("申报专业", "Declared specialty"),
    "education": ("学历", "Education"),
    "education.level": ("学历层次", "Level"),
    "education.school": ("毕业院校", "School"),
    "education.major": ("所学专业", "Major"),
    "education.graduated": ("毕业时间", "Graduated on"),
    "education.full_time": ("是否普通全日制？", "Full-time (普通全日制)?"),
    "education.related": ("所学专业与申报专业相同或相近？", "Major the same as or close to the declared specialty?"),
    "education.degree": ("所获学位", "Degree awarded"),
    "education.discipline": ("所学专业的学科门类（工学、理学……）", "Discipline of the major (engineering, science …)"),
    "education.chsi_record": ("学信网学历电子注册备案表", "CHSI registration record"),
    "education.chsi_record.code": ("备案表在线验证码", "Record verification code"),
    "education.chsi_record.valid_until": ("备案表有效期至", "Record valid until"),
    "work": ("工作经历", "Work history"),
    "work.employer": ("工作单位", "Employer"),
    "work.post": ("岗位", "Post"),
    "work.start": ("开始时间", "Started on"),
    "work.end": ("结束时间（仍在职留空）", "Ended on (blank = still there)"),
    "work.duties": ("主要工作内容", "Main duties"),
    "work.gap_note": ("与上一段经历之间空档的说明", "Why there is a gap before this period"),
    "work.professional": ("是否专业技术岗位？", "A professional-technical post?"),
    "work.related": ("工作与申报专业相关？", "Work related to the declared specialty?"),
    "work.township": ("是否乡镇及以下基层一线岗位？", "A grassroots post at township level or below?"),
    "work.professional_pay": ("是否按专业技术岗位兑现工资？", "Paid as a professional post?"),
    "titles": ("已取得的职称", "Titles held"),
    "titles.level": ("职称级别", "Level"),
    "titles.obtained": ("取得时间", "Obtained on"),
    "titles.series": ("职称系列", "Series"),
    "titles.name": ("职称名称（如 助理工程师）", "Title name (e.g. 助理工程师)"),
    "titles.route": ("取得方式", "Obtained by"),
    "titles.appointed": ("聘任时间（未聘任留空）", "Appointed to a post of this title on (blank if not)"),
    "skills": ("工人技术等级", "Worker skill grades"),
    "skills.grade": ("技术等级", "Grade"),
    "skills.obtained": ("取得时间", "Obtained on"),
    "assessments": ("年度考核", "Annual assessments"),
    "assessments.year": ("年度", "Year"),
    "assessments.grade": ("考核结果", "Result"),
    "continuing_education": ("继续教育学时", "Continuing education hours"),
    "continuing_education.year": ("年度", "Year"),
    "continuing_education.total": ("总学时", "Total hours"),
    "continuing_education.public": ("其中公需科目学时", "of which public-subject hours"),
    "continuing_education.professional": ("其中专业科目学时", "of which professional hours"),
    "papers": ("论文论著", "Papers and publications"),
    "papers.title": ("题目", "Title"),
    "papers.published": ("发表时间", "Published on"),
    "papers.journal": ("期刊或出版社", "Journal or publisher"),
    "papers.role": ("作者排序", "Author role"),
    "papers.words": ("字数", "Word count"),
    "papers.kind": ("类别", "Kind"),
    "papers.plagiarism_rate": ("查重率（如 12% 或 0.12）", "Plagiarism rate (12% or 0.12)"),
    "papers.journal+published": ("期刊或出版社，发表时间", "Journal or publisher, and when published"),
    "papers.words+plagiarism_rate": ("字数，查重率", "Word count, and plagiarism rate"),
    "achievements": ("业绩成果", "Achievements"),
    "achievements.title": ("项目名称", "Project"),
    "achievements.year": ("完成年度", "Year completed"),
    "achievements.level": ("项目级别", "Level"),
    "achievements.role": ("本人角色", "Your role"),
    "achievements.rank": ("排名（第几位）", "Rank (position)"),
    "achievements.accepted": ("是否已通过验收、鉴定或批复？", "Accepted, appraised or approved?"),
    "achievements.enterprise_scale": ("企业项目所属企业的规模", "Scale of the enterprise (for an enterprise's project)"),
    "awards": ("奖励", "Awards"),
    "awards.name": ("奖项名称", "Award"),
    "awards.year": ("获奖年度", "Year"),
    "awards.level": ("奖项级别", "Level"),
    "awards.grade": ("等级（一等奖填 1）", "Grade (1 = first prize)"),
    "honours": ("荣誉称号", "Honorary titles"),
    "honours.name": ("称号名称", "Title"),
    "honours.obtained": ("获得时间", "Obtained on"),
    "honours.kind": ("称号类别", "Kind"),
    "honours.level": ("授予级别", "Awarded at"),
    "certificates": ("考试与培训证书", "Exam and training certificates"),
    "certificates.kind": ("证书类别", "Kind"),
    "certificates.name": ("证书名称", "Name"),
    "certificates.obtained": ("取得时间", "Obtained on"),
    "certificates.modules": ("模块数", "Modules"),
    "special": ("其他情况", "Other facts"),
    "special.village_first_secretary": ("驻村第一书记经历", "Village first secretary service"),
    "special.village_first_secretary.start": ("任职开始时间", "Started on"),
    "special.village_first_secretary.end": ("任职结束时间（仍在任留空）", "Ended on (blank = still serving)"),
    "special.village_first_secretary.rating": ("考核等次", "Rating"),
    "special.local_social_insurance_since": ("在本地缴纳社保起始日期（未缴留空）", "Local social insurance paid since (blank if not)"),
    "documents": ("材料扫描件", "Scanned documents"),
    "documents.kind": ("材料类别", "Kind"),
    "documents.file": ("文件路径（PDF 或图片，Tab 补全）", "File (PDF or image; Tab completes)"),
    "documents.name": ("材料名称", "Name"),
    "documents.note": ("备注", "Note"),
}

# the yes/no question before an optional group of answers
ASK_OBJECT: dict[str, tuple[str, str]] = {
    "education.chsi_record": ("是否填写学信网学历电子注册备案表（验证码、有效期）？", "Add the CHSI registration record (code, validity)?"),
    "special.village_first_secretary": (
        "是否担任过驻村第一书记（或工作队员）？",
        "Have you served as a village first secretary (or team member)?",
    ),
}

HELP: dict[str, tuple[str, str]] = {
    "papers.journal+published": (
        "如 机械工程与自动化 2020-06 或 《机械工程》2020年6月；只知年月即可",
        "e.g. 机械工程与自动化 2020-06; the month is enough",
    ),
    "papers.words+plagiarism_rate": (
        "查重报告上的总字数和总文字复制比，如 3200 字，12%；未查重只写字数",
        "the total words and copy ratio of the plagiarism report, e.g. 3200, 12%; the words alone if not checked",
    ),
    "id_number": ("18 位居民身份证号，出生日期和性别由此得出", "18-character resident ID; birth date and sex come from it"),
    "education": ("填写全部已完成的学历，包括高中", "every completed course of study, high school included"),
    "work": ("完整的工作经历，顺序不限", "the whole working history, in any order"),
    "documents": ("打印材料卷宗（titlecli dossier）时使用", "used to bind the dossier (titlecli dossier)"),
}

_DATE_HINT = ("如 2021-07-01、2021.7.1 或 2021年7月1日", "e.g. 2021-07-01, 2021.7.1 or 2021年7月1日")
_MONTH_HINT = ("如 2021-07-01，只知年月可写 2021-07 或 2021年7月", "e.g. 2021-07-01, or 2021-07 when only the month is known")

# The names of series and of the values of each Literal type of the model are the vocabulary's
# (titlecli/terms.py, issue 14): one name for each term, the same the check and the roster use.
SERIES_NAMES = terms.SERIES


class _ChoiceNames:
    """model type -> its vocabulary (key -> (Chinese, English)); a type without one has no names."""

    def get(self, typ: Any, default: Any = None) -> Any:
        v = terms.of(typ) if typ is not None else None
        return v if v is not None else default

    def __getitem__(self, typ: Any) -> terms.Vocabulary:
        v = self.get(typ)
        if v is None:
            raise KeyError(typ)
        return v


CHOICE_NAMES = _ChoiceNames()
# FirstSecretary.rating is a model.Grade too

# The degree pre-selected for a NEW education entry of this level (the user can change it; an
# entry read from a file keeps its own answer, so Enter through an edited file changes nothing).
SUGGESTED_DEGREE: dict[str, str] = {"bachelor": "bachelor", "second_bachelor": "bachelor", "master": "master", "doctor": "doctor"}

# Field order inside an item where the model's order (required fields first) reads badly.
ORDER: dict[str, list[str]] = {
    # the degree after the yes/no questions: it is ticked with them (flow.degree_ticks)
    "education": ["level", "school", "major", "discipline", "graduated", "full_time", "related", "degree", "chsi_record"],
    "work": ["employer", "post", "start", "end", "professional", "professional_pay", "related", "township", "duties", "gap_note"],
    "titles": ["level", "series", "name", "obtained", "appointed", "route"],
    "papers": ["title", "kind", "journal", "published", "role", "words", "plagiarism_rate"],
    "achievements": ["title", "year", "level", "enterprise_scale", "role", "rank", "accepted"],
    "honours": ["name", "kind", "level", "obtained"],
    "awards": ["name", "year", "level", "grade"],
    "certificates": ["kind", "name", "obtained", "modules"],
    "documents": ["kind", "file", "name", "note"],
}

# A field asked only when the region needs it (needs.py) or the answer is already given.
WHEN: dict[str, str] = {
    "employer.type": "employer.type",
    "work.township": "work.township",
    "work.professional_pay": "work.professional_pay",
    "education.discipline": "education.discipline",
    "titles.appointed": "titles.appointed",
    "achievements.enterprise_scale": "achievements.enterprise_scale",
    "work.duties": "work.duties",
    "work.gap_note": "work.gap_note",
    "education.chsi_record": "education.chsi_record",
    "status.civil_servant": "status.civil_servant",
    "status.retired": "status.retired",
    "status.sanction_until": "status.sanction_until",
    "special.village_first_secretary": "special.village_first_secretary",
    "special.local_social_insurance_since": "special.local_social_insurance_since",
}

# The answer offered for a yes/no question whose field has no default (not said = None).
BOOL_SUGGESTED: dict[str, bool] = {"work.professional_pay": True}

# A field that only means something beside another answer of the same entry: the key and the
# values it must have (the key's default when unanswered).
_WITH_MAJOR = ("secondary_vocational", "junior_college", "bachelor", "second_bachelor", "master", "doctor")
_WITH_DEGREE = ("bachelor", "second_bachelor", "master", "doctor")  # 大专 and below confer no degree
ONLY_IF: dict[str, tuple[str, tuple[str, ...], str | None]] = {
    "achievements.enterprise_scale": ("level", ("enterprise",), "enterprise"),  # the scale of an enterprise's own project
    # 主持 is the 1st place: a rank is asked of the other roles only (audit of issue 12, Changzhi)
    "achievements.rank": ("role", ("key_member", "member"), "member"),
    "certificates.modules": ("kind", ("computer",), None),  # 计算机应用能力考试 counts modules
    # the kind names an exam's certificate; a name is asked where the kind alone does not say it
    "certificates.name": ("kind", ("practicing_qualification", "other"), None),
    # a high school or junior high has no major, no degree, no 全日制 question worth asking
    "education.major": ("level", _WITH_MAJOR, None),
    "education.related": ("level", _WITH_MAJOR, None),
    "education.discipline": ("level", _WITH_MAJOR, None),
    "education.full_time": ("level", _WITH_MAJOR, None),
    "education.degree": ("level", _WITH_DEGREE, None),
}

# The degrees an education level can carry, the usual one first; a higher degree beside a
# bachelor's education is the 同等学力 route and is named so (see DEGREE_BY_EQUIVALENCE).
DEGREES_FOR_LEVEL: dict[str, tuple[str, ...]] = {
    "bachelor": ("bachelor", "none", "master", "doctor"),
    "second_bachelor": ("bachelor", "none", "master", "doctor"),
    "master": ("master", "none", "doctor"),
    "doctor": ("doctor", "none"),
}
DEGREE_BY_EQUIVALENCE = ("（同等学力申请）", " (applied for with equivalent qualifications)")


def label(path: str) -> str:
    zh, en = LABELS.get(path, (path, path))
    return t(zh, en)


def short_label(path: str) -> str:
    """The label as a heading on the review screen: no question mark, no hint in brackets."""
    s = re.sub(r"[（(].*?[）)]", "", label(path)).strip().rstrip("？?").strip()
    s = s.removeprefix("是否")
    return s


def choice_name(typ: Any, value: str) -> str:
    names = CHOICE_NAMES.get(typ, {})
    if value in names:
        return t(*names[value])
    return str(value)


# Two answers of an entry that are written side by side, asked as one (the key of the prompt is
# "papers.journal+published"): a paper's source as a reference list gives it (journal, date), and
# what the plagiarism report gives (总字数, 总文字复制比).
PAIRS: dict[str, str] = {"papers.journal": "published", "papers.words": "plagiarism_rate"}


# -------------------------------------------------------------------- parsing and validators


# Dates of which a month is all a person knows: a paper's issue (2020年5月 is 2020-05-01).
MONTH_ENOUGH = {"papers.published"}


def parse_date(text: str, month: bool = False) -> date:
    """2021-07-01, 2021.7.1, 2021/7/1, 2021年7月1日 and 20210701 all give 2021-07-01 (with
    `month`, 2020-05 and 2020年5月 give 2020-05-01)."""
    from ..dates import typed_parts

    parts = typed_parts(text, month=month)
    if parts is None:
        hint = _MONTH_HINT if month else _DATE_HINT
        raise ValueError(t(f"不是日期：{text!r}（{hint[0]}）", f"not a date: {text!r} ({hint[1]})"))
    y, m, d = parts
    if not 1900 <= y <= 2100:
        raise ValueError(t(f"年份 {y} 不合理", f"year {y} is not plausible"))
    try:
        return date(y, m, d)
    except ValueError:
        raise ValueError(t(f"日期不存在：{y}-{m:02d}-{d:02d}", f"no such day: {y}-{m:02d}-{d:02d}")) from None


_MOBILE = re.compile(r"(?:\+?86)?1[3-9]\d{9}")
# 区号 0 + 2-3 digits, 7-8 digit number, an optional extension: 021-64041234, (0355)2345678-801
_LANDLINE = re.compile(r"0\d{2,3}-?[2-9]\d{6,7}(?:(?:-|转|ext\.?)\d{1,6})?")


def phone_problem(text: str) -> str | None:
    """Why a phone number is not one a Chinese office can call back, or None."""
    s = re.sub(r"[\s()（）]", "", text)
    if _MOBILE.fullmatch(s.replace("-", "")) or _LANDLINE.fullmatch(s):
        return None
    digits = re.sub(r"\D", "", s)
    if digits.startswith("1") and len(digits) != 11:
        return t(f"手机号应为 11 位（现为 {len(digits)} 位）", f"a mobile number has 11 digits (this has {len(digits)})")
    if not digits.startswith(("0", "1", "86")):
        return t("座机号码请带区号，如 0355-2345678", "give a landline with its area code, as in 0355-2345678")
    return t("不是手机号（11 位）或带区号的座机号码", "not a mobile number (11 digits) or a landline with area code")


def id_number_problem(text: str) -> str | None:
    from stdnum import exceptions as sx

    from ..profile import validate_id_number

    s = text.strip().upper()
    try:
        validate_id_number(s)
    except sx.InvalidChecksum:
        return t("身份证号校验位不正确，请核对每一位", "the check digit is wrong; check every digit")
    except sx.InvalidLength:
        return t(f"身份证号应为 18 位（现为 {len(s)} 位）", f"an ID number has 18 characters (this has {len(s)})")
    except sx.InvalidFormat:
        return t("格式不正确：应为 17 位数字加校验位 0-9 或 X", "wrong format: 17 digits and a check character 0-9 or X")
    except sx.InvalidComponent:
        return t("身份证号中的出生日期或地区代码无效", "the birth date or region code in it is invalid")
    except sx.ValidationError as e:  # pragma: no cover - other stdnum errors
        return t(f"身份证号无效：{e}", f"invalid ID number: {e}")
    return None


def birth_date(data: dict) -> date | None:
    idn = str(data.get("id_number") or "")
    if len(idn) == 18 and id_number_problem(idn) is None:
        return date(int(idn[6:10]), int(idn[10:12]), int(idn[12:14]))
    return None


def file_problem(text: str, base: Path) -> str | None:
    """Why a document answer cannot be used, or None: the formats and checks are the dossier's
    own (titlecli/dossier/sources.py), so a file taken here is one `titlecli dossier` can bind."""
    from ..dossier.sources import IMAGE_KINDS, MAGIC, _really

    s = text.strip()
    if not s:
        return t("请填写文件路径", "enter a file path")
    p = resolve_file(s, base)
    if p is None:
        return t(f"文件不存在：{s}", f"file not found: {s}")
    ext = p.suffix.lower().lstrip(".")
    if ext != "pdf" and ext not in IMAGE_KINDS:
        return t(
            f"不支持 .{ext} 文件：应为 PDF 或 JPEG、PNG、TIFF 图片（titlecli dossier 能装订的格式）",
            f"a .{ext} file cannot be used: a PDF or a JPEG, PNG or TIFF image (what titlecli dossier binds)",
        )
    try:
        head = p.read_bytes()[:1024]
    except OSError as e:
        from ..datafile import os_reason

        return t(f"无法读取：{os_reason(e)}", f"cannot read: {os_reason(e)}")
    if not head:
        return t("文件是空的（0 字节）", "the file is empty (0 bytes)")
    if ext == "pdf" and b"%PDF-" not in head:
        return t("扩展名是 .pdf，但内容不是 PDF", "named .pdf but is not a PDF") + _really(head)
    if ext != "pdf" and not head.startswith(MAGIC[IMAGE_KINDS[ext]]):
        kind = IMAGE_KINDS[ext].upper()
        return t(f"扩展名是 .{ext}，但内容不是 {kind} 图片", f"named .{ext} but is not a {kind} image") + _really(head)
    return None


def resolve_file(text: str, base: Path) -> Path | None:
    p = Path(text).expanduser()
    for cand in [p] if p.is_absolute() else [p, base / p]:
        if cand.is_file():
            return cand
    return None


# -------------------------------------------------------------------- questions from the model


@dataclasses.dataclass
class Question:
    """One answer: copier's keys (type, help, choices, default, validator, when)."""

    path: str  # "work.end": the section and the field, for labels and needs
    key: str  # the field name inside its item
    type: str  # text | date | int | float | bool | choice | id_number | file | object
    optional: bool
    default: Any  # the model's default (MISSING if required)
    choices: list[str] = dataclasses.field(default_factory=list)
    choice_type: Any = None
    sub: list[Question] = dataclasses.field(default_factory=list)  # type == object
    when: str | None = None  # a need (needs.py)
    validator: Callable[[Any, dict, dict], str | None] | None = None  # (value, item, profile) -> error

    @property
    def label(self) -> str:
        return label(self.path)

    @property
    def short(self) -> str:
        return short_label(self.path)

    @property
    def help(self) -> str | None:
        h = HELP.get(self.path)
        if h:
            return t(*h)
        if self.type == "date":
            return t(*(_MONTH_HINT if self.path in MONTH_ENOUGH else _DATE_HINT))
        return None


def _unwrap_optional(tp: Any) -> tuple[Any, bool]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):  # Optional[X] and X | None
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def _field_default(f: dataclasses.Field) -> Any:
    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:
        return f.default_factory()
    return MISSING


def question_for(section: str, f: dataclasses.Field, tp: Any) -> Question:
    path = f"{section}.{f.name}" if section else f.name
    inner, optional = _unwrap_optional(tp)
    default = _field_default(f)
    q = Question(
        path=path,
        key=f.name,
        type="text",
        optional=optional or default is not MISSING and default is None,
        default=default,
        when=WHEN.get(path),
    )
    if typing.get_origin(inner) is typing.Literal:
        q.type, q.choices, q.choice_type = "choice", list(typing.get_args(inner)), inner
    elif inner is bool:
        q.type = "bool"
    elif inner is date:
        q.type = "date"
    elif inner is int:
        q.type = "int"
    elif inner is float:
        q.type = "float"
    elif isinstance(inner, type) and dataclasses.is_dataclass(inner):
        q.type = "object"
        q.sub = questions_for(inner, path)
    if path == "id_number":
        q.type = "id_number"
    if path == "documents.file":
        q.type = "file"
    q.validator = _validators(q)
    return q


def questions_for(cls: type, section: str) -> list[Question]:
    hints = _hints(cls)
    qs = [question_for(section, f, hints[f.name]) for f in dataclasses.fields(cls)]
    order = ORDER.get(section)
    if order:
        qs.sort(key=lambda q: order.index(q.key) if q.key in order else len(order))
    return qs


# Checks across answers, each (value, entry, profile) -> the reason it is refused, or None.


def _after_birth(v, item, data):
    b = birth_date(data)
    if v is not None and b is not None and v < b:
        return t(f"{v} 早于出生日期 {b}（取自身份证号）", f"{v} is before the birth date {b} (from the ID number)")
    return None


def _end_after_start(v, item, data):
    s = item.get("start")
    if v is not None and isinstance(s, date) and v < s:
        return t(f"结束时间 {v} 早于开始时间 {s}", f"ends {v} before it starts {s}")
    return None


def _non_negative(v, item, data):
    if v is not None and v < 0:
        return t("不能为负数", "cannot be negative")
    return None


def _phone(v, item, data):
    return phone_problem(str(v)) if v is not None else None


def _rate(v, item, data):
    if v is not None and not 0 <= v <= 1:
        return t("查重率应在 0 到 100% 之间", "the rate must be between 0 and 100%")
    return None


def _plausible_year(v, item, data):
    if v is not None and not 1950 <= v <= 2100:
        return t(f"年份 {v} 不合理", f"year {v} is not plausible")
    return None


def _checks_of(q: Question) -> list[Callable[[Any, dict, dict], str | None]]:
    """The checks an answer gets: by its type (a date after the birth date, a number not
    negative), then by what it is (an end after its start, a phone, a rate, a year)."""
    by_type = {"date": [_after_birth], "int": [_non_negative], "float": [_non_negative]}
    checks = list(by_type.get(q.type, []))
    if q.type == "date" and q.key == "end":
        checks.append(_end_after_start)
    if q.path == "phone":
        checks.append(_phone)
    if q.key == "plagiarism_rate":
        checks.append(_rate)
    if q.key == "year":
        checks.append(_plausible_year)
    return checks


def _validators(q: Question) -> Callable[[Any, dict, dict], str | None] | None:
    """The question's checks as one: the first reason found, or None."""
    checks = _checks_of(q)
    if not checks:
        return None

    def run(v, item, data):
        for c in checks:
            msg = c(v, item, data)
            if msg:
                return msg
        return None

    return run


def parse_answer(q: Question, text: str) -> Any:
    """Turn typed text into the value for the profile, or raise ValueError with the message."""
    s = text.strip()
    if s == "":
        if q.optional:
            return None
        raise ValueError(t("此项必填", "this answer is required"))
    if q.type == "date":
        return parse_date(s, month=q.path in MONTH_ENOUGH)
    if q.type == "int":
        try:
            return int(s)
        except ValueError:
            raise ValueError(t(f"应为整数：{s!r}", f"expected a whole number: {s!r}")) from None
    if q.type == "float":
        pct = s.endswith("%")
        try:
            v = float(s.rstrip("%").strip())
        except ValueError:
            raise ValueError(t(f"应为数字：{s!r}", f"expected a number: {s!r}")) from None
        if pct or (q.key == "plagiarism_rate" and v > 1):
            v = round(v / 100, 6)
        return int(v) if v.is_integer() and q.key != "plagiarism_rate" else v
    if q.path == "phone":
        return re.sub(r"\s+", "", s)
    if q.type == "id_number":
        msg = id_number_problem(s)
        if msg:
            raise ValueError(msg)
        return s.upper()
    return s


# a date at the end of "机械工程与自动化 2020-06" / "《机械工程》2020年6月": no space inside it
_TRAILING_DATE = re.compile(r"^(.*?)[\s,，、;；:：]*((?:1[89]|2\d)\d{2}\S*)$")
# "3200 字，12%", "3.2万字 0.12": a number, 万 for ten thousand, % for a rate
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(万)?\s*([%％])?")


def parse_pair(first: Question, second: Question, text: str) -> tuple[Any, Any]:
    """The two answers of a prompt that asks a pair (PAIRS), or ValueError with the reason."""
    s = text.strip()
    if (first.key, second.key) == ("journal", "published"):
        m = _TRAILING_DATE.match(s)
        if m is None:
            if second.optional and not s:
                return None, None
            raise ValueError(t("请在末尾写上发表时间，如 机械工程与自动化 2020-06", "end with the date, as in 机械工程与自动化 2020-06"))
        journal = m.group(1).strip()
        if journal.startswith("《") and journal.endswith("》") and journal.count("》") == 1:
            journal = journal[1:-1].strip()  # the name, as a file holds it; the forms add the marks
        return journal or None, parse_date(m.group(2), month=second.path in MONTH_ENOUGH)
    if (first.key, second.key) == ("words", "plagiarism_rate"):
        words = rate = None
        for num, wan, pct in _NUMBER.findall(re.sub(r"(?<=\d)[,，](?=\d{3}(?!\d))", "", s)):
            v = float(num) * (10000 if wan else 1)
            if pct or ("." in num and not wan and v <= 1):
                if rate is not None:
                    raise ValueError(t(f"查重率写了两次：{s!r}", f"two plagiarism rates: {s!r}"))
                rate = round(v / 100, 6) if pct else v
            else:
                if words is not None:
                    raise ValueError(t(f"字数写了两次：{s!r}（查重率请带 %）", f"two word counts: {s!r} (give the rate with %)"))
                words = int(v)
        if s and words is None and rate is None:
            raise ValueError(t(f"应为数字：{s!r}（如 3200 字，12%）", f"expected numbers: {s!r} (e.g. 3200, 12%)"))
        return words, rate
    raise ValueError(f"no reader for {first.path}+{second.key}")  # pragma: no cover - PAIRS names each


def pair_text(first: Question, second: Question, a: Any, b: Any) -> str:
    """The pre-filled text of a pair's prompt (what parse_pair reads back)."""
    parts = [edit_text(first, a), edit_text(second, b)]
    return " ".join(x for x in parts if x)


def show_value(q: Question, v: Any) -> str:
    """How an answer reads on the review screen and as a pre-filled default."""
    if v is None:
        return ""
    if q.type == "id_number":
        return model.mask_id(v)
    if q.type == "choice":
        return choice_name(q.choice_type, v)
    if q.type == "bool":
        return t("是", "yes") if v else t("否", "no")
    if isinstance(v, date):
        return v.isoformat()
    if q.key == "plagiarism_rate" and isinstance(v, (int, float)):
        return f"{v * 100:g}%"
    return str(v)


def edit_text(q: Question, v: Any) -> str:
    """The pre-filled text of a typed answer."""
    if v is None:
        return ""
    if isinstance(v, date):
        return v.isoformat()
    if q.key == "plagiarism_rate" and isinstance(v, (int, float)):
        return f"{v * 100:g}%"
    return str(v)


# -------------------------------------------------------------------- sections of the profile


@dataclasses.dataclass
class Section:
    """A top-level part of the profile: scalar fields, one object, a list, or a year map."""

    key: str  # "education"; "" for the top-level scalars
    shape: str  # scalars | object | list | years
    questions: list[Question]
    always: bool = False  # asked whatever the region needs
    optional: bool = False  # an object the profile may leave out (its first answer left blank)

    @property
    def label(self) -> str:
        if not self.key:
            return t("基本信息", "Basic facts")
        return label(self.key)


ALWAYS = {"", "employer", "application", "education", "work", "titles", "documents"}


def sections() -> list[Section]:
    """The profile's sections in the model's order, each with its questions."""
    hints = _hints(model.Profile)
    out: list[Section] = []
    scalars: list[Question] = []
    for f in dataclasses.fields(model.Profile):
        tp = hints[f.name]
        inner, _ = _unwrap_optional(tp)
        origin = typing.get_origin(inner)
        if f.name == "application":
            qs = [q for q in questions_for(model.Application, "application") if q.key == "specialty"]
            out.append(Section("application", "object", qs, True))
        elif isinstance(inner, type) and dataclasses.is_dataclass(inner):
            out.append(Section(f.name, "object", questions_for(inner, f.name), f.name in ALWAYS, optional=inner is not tp))
        elif origin is list:
            (item,) = typing.get_args(inner)
            out.append(Section(f.name, "list", questions_for(item, f.name), f.name in ALWAYS))
        elif origin is dict:
            _, val = typing.get_args(inner)
            year = Question(path=f"{f.name}.year", key="year", type="int", optional=False, default=MISSING)
            year.validator = _validators(year)
            if isinstance(val, type) and dataclasses.is_dataclass(val):
                qs = [year] + questions_for(val, f.name)
            else:
                qs = [
                    year,
                    Question(
                        path=f"{f.name}.grade",
                        key="grade",
                        type="choice",
                        optional=False,
                        default=MISSING,
                        choices=list(typing.get_args(val)),
                        choice_type=val,
                    ),
                ]
            out.append(Section(f.name, "years", qs, f.name in ALWAYS))
        else:
            scalars.append(question_for("", f, tp))
    out.insert(0, Section("", "scalars", scalars, True))
    return out
