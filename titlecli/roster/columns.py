"""The columns are derived from the profile model (titlecli.model) and the vocabulary
(titlecli.terms), as the interview's questions are: a field's type gives the column's kind and
its drop-down (a `Literal` of the model is a word of its vocabulary, `bool` 是/否, `date` a date),
and its Chinese header is the vocabulary's name of the thing (学历, 学位, 单位性质 …) or the
interview's label of the field (titlecli.interview.questions.LABELS).  TABLE keeps only what
the model cannot say: the order, the header clerks know where it differs from the derived one
(手机号, not 联系电话), other headers people write, an example and a note.  A field the table
does not name still gets a column (after the columns of its part); a field whose column
cannot be derived is in PROBLEMS, saying what to add (tests/test_roster_columns.py fails on it).
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from .. import model, terms
from ..interview.questions import ALWAYS, LABELS, WHEN

# The words a cell may hold are the vocabulary's (titlecli.terms): the Chinese name, the
# aliases people write, the English name or the key.
YES_NO = terms.YES_NO
FULL_TIME = terms.STUDY_MODES

Kind = Literal["text", "id", "date", "bool", "enum", "series", "region", "int", "percent", "grades", "hours"]


@dataclass(frozen=True)
class Column:
    key: str  # contract key path; list sections are "education.graduated"
    zh: str  # header as written in the template
    kind: str = "text"  # a Kind: how a cell of it is read (titlecli.roster.cells)
    choices: terms.Vocabulary | None = None
    aliases: tuple[str, ...] = ()
    note: str = ""  # a line for the instructions sheet (Chinese)
    example: Any = None
    example2: Any = None  # the continuation row of the example
    section: str | None = None  # the history list an entry of which it fills (education …); None: the person's own


@dataclass(frozen=True)
class Spec:
    """What the model cannot say about a column."""

    header: str | None = None  # the header clerks know, where the derived one is not it
    kind: Kind | None = None  # where the field's type does not say it (a series is a str)
    choices: terms.Vocabulary | None = None  # where a cell takes more words than the type's vocabulary
    aliases: tuple[str, ...] = ()  # other headers rosters use for it
    note: str = ""
    example: Any = None
    example2: Any = None


# What a roster never holds, and why.
NOT_FROM_A_ROSTER = {"documents": "the scans are matched from --attachments"}

# The history lists as the template's instructions name them (学历, 工作经历 …); a list not named
# here goes by the interview's label of it.
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

# The columns in the template's order.  An entry says only what the model cannot: a header
# where the derived one (the vocabulary's name, or the interview's label) is not what clerks
# write, the headers rosters also use, a note for the instructions, the example rows' values.
TABLE: dict[str, Spec] = {
    "name": Spec(example="张伟"),
    "id_number": Spec(
        kind="id",
        aliases=("身份证号码", "公民身份号码", "身份证"),
        note="18 位，末位可为 X；请把该列设为文本，否则 Excel 会丢失末尾数字",
        example="140402199205153219",
    ),
    "phone": Spec(header="手机号", aliases=("手机", "联系电话", "电话", "联系方式", "手机号码"), example="13812345678"),
    "employer.name": Spec(header="单位", aliases=("单位名称", "所在单位", "现工作单位"), example="长治市某机械制造有限公司"),
    "employer.type": Spec(example="企业"),
    "application.region": Spec(
        header="地区",
        kind="region",
        aliases=("申报地区",),
        note="地区名称（如 山西长治、盐城，见 titlecli regions list）；也可在命令行用 --region 统一指定",
        example="山西长治",
    ),
    "application.series": Spec(
        header="系列",
        kind="series",
        aliases=("申报系列", "职称系列（申报）"),
        note="可填中文（工程）或英文 id（engineering）",
        example="工程",
    ),
    "application.specialty": Spec(example="机械设计"),
    "application.level": Spec(header="申报级别", aliases=("申报等级",), example="中级"),
    "status.civil_servant": Spec(header="公务员", note="公务员或参照公务员法管理", example="否"),
    "status.retired": Spec(aliases=("退休",), example="否"),
    "status.sanction_until": Spec(header="处分期至", note="处分影响期截止日期；无处分留空"),
    "special.local_social_insurance_since": Spec(header="本地社保起缴时间", aliases=("本地社保起始",)),
    "special.village_first_secretary.start": Spec(
        header="驻村第一书记起始时间",
        aliases=("第一书记任职起始时间", "第一书记起始时间"),
        note="选派担任驻村第一书记的起始日期；未担任留空",
    ),
    "special.village_first_secretary.end": Spec(header="驻村第一书记结束时间", aliases=("第一书记结束时间",), note="仍在任留空"),
    "special.village_first_secretary.rating": Spec(
        header="驻村第一书记考核等次", aliases=("第一书记考核等次",), note="任职期满考核等次（优秀、称职/合格…）"
    ),
    "assessments": Spec(note="年份:等次，多年用逗号分隔，如 2020:合格,2021:优秀", example="2018:合格,2019:合格,2020:优秀,2021:合格"),
    "continuing_education": Spec(kind="hours", note="年份:总学时/公需科目学时，如 2021:72/24；多年用逗号分隔", example="2021:72/24"),
    "education.level": Spec(aliases=("学历层次",), example="本科", example2="高中"),
    "education.full_time": Spec(
        header="全日制",
        choices=terms.STUDY_MODES,
        aliases=("是否全日制", "学习形式", "学历性质", "教育形式"),
        note="普通全日制填 是；成人、自考、函授填 否",
        example="是",
        example2="是",
    ),
    "education.school": Spec(header="毕业学校", aliases=("学校", "毕业院校"), example="太原理工大学", example2="长治市第二中学"),
    "education.major": Spec(header="专业", aliases=("所学专业",), example="机械设计制造及其自动化"),
    "education.related": Spec(header="专业相关", aliases=("所学专业与申报专业相关",), note="所学专业与申报专业相同或相近", example="是"),
    "education.graduated": Spec(example="2014-07-01", example2="2010-07-01"),
    "education.degree": Spec(example="学士", example2="无"),
    "education.discipline": Spec(note="所学专业的学科门类（工学、理学、管理学…）；地区规则按学科门类区分时填写", example="工学"),
    "education.chsi_record.code": Spec(header="学信网备案表编号", aliases=("备案表编号",), example="A123456789012345"),
    "education.chsi_record.valid_until": Spec(aliases=("学信网备案表有效期",), example="2022-09-30"),
    "work.start": Spec(
        header="参加工作时间", aliases=("工作开始时间",), note="每段工作经历一行；第一段即参加工作时间", example="2014-07-15"
    ),
    "work.end": Spec(header="工作结束时间", aliases=("工作截止时间",), note="留空或填 至今 表示仍在岗"),
    "work.employer": Spec(note="留空时取 单位", example="长治市某机械制造有限公司"),
    "work.post": Spec(aliases=("工作岗位",), example="机械设计"),
    "work.professional": Spec(header="专技岗位", aliases=("专业技术岗位",), example="是"),
    "work.related": Spec(header="工作专业相关", note="所从事工作与申报专业相关", example="是"),
    "work.township": Spec(header="乡镇及以下", aliases=("基层",), example="否"),
    "work.duties": Spec(aliases=("工作内容",)),
    "work.gap_note": Spec(header="间断说明", note="与上一段工作之间有间断时说明原因"),
    "work.professional_pay": Spec(
        header="兑现专技岗位工资",
        aliases=("专技岗位工资", "兑现专业技术岗位工资"),
        note="事业单位：该段工作是否按专业技术岗位兑现工资；企业留空",
    ),
    "titles.name": Spec(header="现职称", aliases=("职称名称", "已取得职称"), note="如 助理工程师；多个职称每个一行", example="助理工程师"),
    "titles.level": Spec(
        header="职称级别", aliases=("现职称级别",), note="留空时按职称名称推断（助理…=助理级，高级…=副高级）", example="助理级"
    ),
    "titles.obtained": Spec(aliases=("职称取得时间", "现职称取得时间"), example="2016-09-01"),
    "titles.series": Spec(kind="series", example="工程"),
    "titles.route": Spec(header="取得方式", example="初定"),
    "titles.appointed": Spec(
        aliases=("职称聘任时间", "现职称聘任时间"), note="单位把本人聘任到该职称岗位的日期（事业单位按聘任计算任职年限）"
    ),
    "skills.grade": Spec(example="技师"),
    "skills.obtained": Spec(header="技能取得时间", example="2015-06-01"),
    "papers.title": Spec(
        header="论文题目", aliases=("论文",), example="某型减速器齿轮的疲劳寿命分析", example2="数控机床主轴热变形补偿方法研究"
    ),
    "papers.journal": Spec(header="期刊", aliases=("发表期刊",), example="机械工程与自动化", example2="机械工程与自动化"),
    "papers.published": Spec(example="2020-06-01", example2="2021-03-01"),
    "papers.role": Spec(aliases=("作者",), example="第一作者", example2="独著"),
    "papers.words": Spec(example=3200, example2=4100),
    "papers.kind": Spec(header="论文类型", example="论文", example2="论文"),
    "papers.plagiarism_rate": Spec(kind="percent", note="如 12% 或 0.12", example="12%"),
    "achievements.title": Spec(header="业绩项目", aliases=("业绩成果", "项目名称"), example="某生产线技术改造"),
    "achievements.level": Spec(header="项目级别", example="市级"),
    "achievements.role": Spec(aliases=("项目角色",), example="主持"),
    "achievements.rank": Spec(header="项目排名", example=1),
    "achievements.accepted": Spec(header="已验收", aliases=("通过验收",), example="是"),
    "achievements.year": Spec(header="项目年份", example=2020),
    "achievements.enterprise_scale": Spec(note="企业自身的项目：大型企业、规上企业或规下企业"),
    "awards.name": Spec(aliases=("获奖",), example="市科技进步奖"),
    "awards.level": Spec(header="奖项级别", example="市级"),
    "awards.grade": Spec(header="奖项等次", note="一等奖填 1", example=2),
    "awards.year": Spec(header="获奖年份", example=2021),
    "honours.name": Spec(header="荣誉称号", aliases=("荣誉称号名称",), note="如 市级先进专业技术工作者；多个每个一行"),
    "honours.kind": Spec(),
    "honours.level": Spec(header="荣誉级别", aliases=("荣誉称号级别",)),
    "honours.obtained": Spec(header="荣誉取得时间", aliases=("荣誉称号取得时间", "授予时间")),
    "certificates.kind": Spec(example="计算机", example2="外语"),
    "certificates.name": Spec(example="全国专业技术人员计算机应用能力考试", example2="职称英语 B 级"),
    "certificates.obtained": Spec(header="证书取得时间", example="2015-05-20", example2="2016-04-10"),
    "certificates.modules": Spec(header="计算机模块数", example=3),
}


# --------------------------------------------------------------------------- from the model


@dataclass(frozen=True)
class Field:
    path: str  # "education.graduated"
    type: Any  # the annotation, without `| None`
    section: str | None  # the history list it is a field of an entry of


def model_fields(root: type) -> list[Field]:
    """The plain values of the profile model, in its order: objects are walked into (special →
    village_first_secretary → start), a list of entries is a section, a map by year is one value."""
    out: list[Field] = []

    def walk(cls: type, prefix: str, section: str | None) -> None:
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            path = f"{prefix}.{f.name}" if prefix else f.name
            if path in NOT_FROM_A_ROSTER:
                continue
            tp = _without_none(hints[f.name])
            item = typing.get_args(tp)[0] if typing.get_origin(tp) is list else None
            if item is not None and dataclasses.is_dataclass(item) and section is None:
                walk(item, path, path)  # type: ignore[arg-type]
            elif isinstance(tp, type) and dataclasses.is_dataclass(tp):
                walk(tp, path, section)
            else:
                out.append(Field(path, tp, section))

    walk(root, "", None)
    return out


def _without_none(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _kind_of(tp: Any) -> tuple[Kind, terms.Vocabulary | None] | None:
    """What a cell of a field of this type is, and the vocabulary of its words; None when the
    type does not say."""
    if typing.get_origin(tp) is Literal:
        vocabulary = terms.of(tp)
        return ("enum", vocabulary) if vocabulary is not None else None
    simple: dict[Any, Kind] = {bool: "bool", date: "date", int: "int", str: "text"}
    if tp in simple:
        return simple[tp], YES_NO if tp is bool else None
    if typing.get_origin(tp) is dict:
        key, value = typing.get_args(tp)
        vocabulary = terms.of(value) if typing.get_origin(value) is Literal else None
        if key is int and vocabulary is not None:  # 年度考核: a grade by year, 2020:合格,2021:优秀
            return "grades", vocabulary
    return None


def _short(label: str) -> str:
    """A question as a header: 是否已退休？ -> 已退休, 毕业时间（YYYY-MM-DD） -> 毕业时间."""
    return re.sub(r"[（(].*?[）)]", "", label).strip().rstrip("？?").strip().removeprefix("是否")


def _part_name(f: Field, labels: dict[str, tuple[str, str]]) -> str:
    """What a header is prefixed with when it is ambiguous alone: the list's or object's name."""
    if f.section is not None and f.section in SECTION_NAMES:
        return SECTION_NAMES[f.section][0]
    parent = f.path.rpartition(".")[0]
    return _short(labels[parent][0]) if parent in labels else ""


def derive(
    root: type = model.Profile, table: dict[str, Spec] | None = None, labels: dict[str, tuple[str, str]] | None = None
) -> tuple[tuple[Column, ...], list[str]]:
    """The roster's columns of the model `root`, and the problems that kept a field from having
    one (each saying what to add).  -> (columns, problems)"""
    table = TABLE if table is None else table
    labels = LABELS if labels is None else labels
    fields = {f.path: f for f in model_fields(root)}
    problems = [f"TABLE names {p!r}, which is not a field of the profile model: remove it or fix the key" for p in table if p not in fields]
    # a header as read -> the key path of its column.  A column's own header is read before any
    # other's alias (an alias may be shadowed: 职称系列（申报） by 职称系列), but a derived header
    # never takes a header or an alias already there; the table's headers are placed first.
    headers: dict[str, str] = {}
    aliases: dict[str, str] = {}
    made: dict[str, Column] = {}
    for path in sorted(fields, key=lambda p: table.get(p, Spec()).header is None):
        f, spec = fields[path], table.get(path, Spec())
        made_one = _column(f, spec, labels, headers, {**aliases, **headers}, problems)
        if made_one is not None:
            made[path] = made_one
            headers[norm_header(made_one.zh)] = path
            for h in made_one.aliases:
                aliases.setdefault(norm_header(h), path)
    return tuple(made[p] for p in _order(list(fields), table) if p in made), problems


def _column(
    f: Field, spec: Spec, labels: dict[str, tuple[str, str]], headers: dict[str, str], taken: dict[str, str], problems: list[str]
) -> Column | None:
    derived = _kind_of(f.type)
    if spec.kind is None and derived is None:
        problems.append(
            f"{f.path}: a roster column cannot be derived from its type {f.type!r}: a Literal needs its vocabulary in titlecli/terms.py "
            f"(BY_TYPE); any other type needs an entry in TABLE of titlecli/roster/columns.py with kind= one of {typing.get_args(Kind)}"
        )
        return None
    kind: Kind
    vocabulary: terms.Vocabulary | None
    if spec.kind is not None:
        kind = spec.kind
        vocabulary = terms.SERIES if kind == "series" else derived[1] if derived is not None and derived[0] == kind else None
    else:
        assert derived is not None
        kind, vocabulary = derived
    vocabulary = spec.choices or vocabulary
    header = spec.header or _derived_header(f, kind, vocabulary, labels, taken)
    if header is None:
        problems.append(
            f"{f.path}: no Chinese header for its roster column: add its label to LABELS in titlecli/interview/questions.py "
            f"(the interview asks it by that label), or header= in TABLE of titlecli/roster/columns.py"
        )
        return None
    if norm_header(header) in headers:
        problems.append(
            f"{f.path}: the roster header {header!r} is already the header of {headers[norm_header(header)]}: "
            "give this field the header clerks use (header= in TABLE of titlecli/roster/columns.py)"
        )
        return None
    return Column(f.path, header, kind, vocabulary, spec.aliases, spec.note, spec.example, spec.example2, f.section)


def _derived_header(
    f: Field, kind: str, vocabulary: terms.Vocabulary | None, labels: dict[str, tuple[str, str]], taken: dict[str, str]
) -> str | None:
    """The vocabulary's name of what the field holds (学历, 单位性质), else the interview's label
    of the field; prefixed with its part's name (奖项级别) where that is taken."""
    names = []
    if kind == "enum" and vocabulary is not None:
        names.append(vocabulary.what[0])
    if f.path in labels:
        names.append(_short(labels[f.path][0]))
    names = [n for n in names if n]
    prefix = _part_name(f, labels)
    for name in names + [prefix + n for n in names if prefix and not n.startswith(prefix)]:
        if norm_header(name) not in taken:
            return name
    return names[0] if names else None


def _order(paths: list[str], table: dict[str, Spec]) -> list[str]:
    """The table's order; a field it does not name follows the last column of its part."""
    order = [p for p in table if p in paths]
    for p in paths:
        if p in table:
            continue
        group = p.split(".")[0]
        at = max((i for i, q in enumerate(order) if q.split(".")[0] == group), default=len(order) - 1)
        order.insert(at + 1, p)
    return order


def _bracketed(h: Any) -> str:
    """A header with no space or line break and no asterisk, its brackets kept (职称系列（申报）)."""
    s = unicodedata.normalize("NFKC", str(h if h is not None else "")).strip()
    return re.sub(r"\s+", "", s.replace("*", "").replace("＊", "")).lower()  # 参加工作\n时间, wrapped with Alt+Enter


def norm_header(h: Any) -> str:
    """A header as it is looked up: no hint in brackets, no space or line break, no asterisk."""
    s = re.sub(r"[(].*?[)]", "", _bracketed(h))  # 毕业时间（YYYY-MM-DD） -> 毕业时间 (NFKC made （ ( )
    return s.replace("日期", "时间").replace("年月", "时间")  # 毕业日期, 毕业年月 = 毕业时间


COLUMNS, PROBLEMS = derive()
BY_KEY = {c.key: c for c in COLUMNS}
# the history lists and the maps by year of the profile, as the model has them
LIST_SECTIONS = tuple(dict.fromkeys(c.section for c in COLUMNS if c.section))
YEAR_MAPS = tuple(c.key for c in COLUMNS if c.kind in ("grades", "hours"))


def column(key: str) -> Column:
    """The column of a profile key path."""
    return BY_KEY[key]


def for_rules(needs: set[str]) -> tuple[Column, ...]:
    """The columns the interview would ask about where the rules read `needs`
    (titlecli.interview.needs.region_needs): those of the parts it always asks (the person, the
    employer, the application, education, work, titles), less the fields it asks only when a rule
    reads them, and the parts and fields the rules read."""

    def read(what: str) -> bool:
        return any(n == what or n.startswith(what + ".") or what.startswith(n + ".") for n in needs)

    def asked(c: Column) -> bool:
        parts = c.key.split(".")
        part = parts[0] if len(parts) > 1 or c.key in YEAR_MAPS else ""  # "": the person's own scalars
        if part not in ALWAYS and not read(part):
            return False
        gates = (WHEN.get(".".join(parts[:n])) for n in range(1, len(parts) + 1))
        return all(read(g) for g in gates if g is not None)

    return tuple(c for c in COLUMNS if asked(c))


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


def _header_index() -> dict[str, Column]:
    """Every header a column is read under (its own, its aliases, its key path) -> the column."""
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


# Headers whose bracket is the point (职称系列（申报） is the series applied for, not a title
# held): looked up as written before the bracket is dropped as a hint.
BRACKETED = {_bracketed(a): c for c in COLUMNS for a in (c.zh, *c.aliases) if re.search(r"[（(]", a)}


def header_column(h: Any) -> Column | None:
    """The column a header written in a roster names, or None."""
    return BRACKETED.get(_bracketed(h)) or HEADERS.get(norm_header(h))


def col_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
