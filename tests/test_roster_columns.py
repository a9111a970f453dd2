"""The roster reaches every rule: each profile field a bundled region's rules read has a roster
column (issue 16), so a clerk can file by roster whatever an applicant could file by interview.
The columns are derived from the profile model and the vocabulary (titlecli/roster/columns.py):
a field added to the model gets a column, or a problem saying what to add.

Rule facts: 004_ce60e6eaf5134221.txt (Qinghai 2022) 一(三)3: village first secretaries who served
two consecutive years with an excellent rating "can declare their titles at the next higher level
1 year in advance" — as examples/qinghai-2022-first-secretary.yaml reads it: 马建国, 助理农艺师
since 2019-09-01, first secretary 2019-04-01 to 2021-06-30 rated 优秀, eligible for 中级 from
2022-09-01 (one year early); rated only 合格, from 2023-09-01.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date

import pytest
from test_batch import write_xlsx

from titlecli import model
from titlecli.roster.columns import NOT_FROM_A_ROSTER


def _leaves(cls, prefix: str) -> set[str]:
    """The key paths of the profile model below `prefix`, down to plain values; a mapping
    (assessments, continuing education by year) is one value."""
    hints = typing.get_type_hints(cls)
    out = set()
    for f in dataclasses.fields(cls):
        tp = hints[f.name]
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        # list[Education], Education | None: the class inside
        wrapped = typing.get_origin(tp) is list or (typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 1)
        inner = args[0] if wrapped else tp
        path = f"{prefix}.{f.name}" if prefix else f.name
        if dataclasses.is_dataclass(inner) and typing.get_origin(tp) is not dict:
            out |= _leaves(inner, path)
        else:
            out.add(path)
    return out


def _needed_leaves() -> dict[str, set[str]]:
    """Every model field some bundled rule reads -> the regions whose rules read it."""
    from titlecli import model, regions
    from titlecli.interview.needs import region_needs

    everything = _leaves(model.Profile, "")
    out: dict[str, set[str]] = {}
    for rid in regions.all_files():
        for need in region_needs(regions.load(rid), None, None):
            for leaf in everything:
                if leaf == need or leaf.startswith(need + "."):
                    out.setdefault(leaf, set()).add(rid)
    return out


def test_every_field_a_bundled_rule_reads_has_a_roster_column():
    from titlecli.roster import COLUMNS

    columns = {c.key for c in COLUMNS}
    needed = _needed_leaves()
    assert "special.village_first_secretary.rating" in needed  # the walk reaches nested facts
    missing = {
        leaf: sorted(rs)
        for leaf, rs in needed.items()
        if leaf not in columns
        and leaf.split(".")[0] not in NOT_FROM_A_ROSTER
        # a mapping by year is one column (年度考核 2020:合格,2021:优秀)
        and leaf.split(".")[0] not in ("assessments", "continuing_education")
    }
    assert not missing, f"fields rules read with no roster column: {missing}"


def test_every_field_of_the_model_derives_a_roster_column():
    """A field added to the model that the derivation cannot place (a float, a Literal without
    a vocabulary, no Chinese label, a header already taken) fails here, saying what to add."""
    from titlecli.roster.columns import PROBLEMS

    assert PROBLEMS == [], "\n".join(PROBLEMS)


@dataclasses.dataclass
class _Patent:
    title: str
    granted: date
    level: model.ScopeLevel = "enterprise"
    licensed: bool = False
    share: float | None = None
    remark: str | None = None


@dataclasses.dataclass
class _Person:
    name: str
    id_number: str
    level: model.Level | None = None
    patents: list[_Patent] = dataclasses.field(default_factory=list)


_LABELS = {
    "name": ("姓名", "Name"),
    "id_number": ("身份证号", "ID number"),
    "patents": ("专利", "Patents"),
    "patents.title": ("专利名称", "Title"),
    "patents.granted": ("授权时间", "Granted on"),
    "patents.licensed": ("是否已许可？", "Licensed?"),
    "patents.share": ("本人份额", "Share"),
}


def test_a_field_added_to_the_model_gets_its_column_from_its_type_and_the_vocabulary():
    from titlecli import terms
    from titlecli.roster.columns import Spec, derive

    columns, problems = derive(_Person, {"id_number": Spec(kind="id")}, _LABELS)
    got = {c.key: (c.zh, c.kind, c.choices, c.section) for c in columns}
    assert got["patents.granted"] == ("授权时间", "date", None, "patents")
    assert got["patents.licensed"] == ("已许可", "bool", terms.YES_NO, "patents")  # the question as a header
    assert got["level"] == ("级别", "enum", terms.LEVELS, None)  # the vocabulary's name and its drop-down
    # 级别 is taken: the list's name goes before it
    assert got["patents.level"] == ("专利级别", "enum", terms.SCOPE_LEVELS, "patents")
    assert got["id_number"][1] == "id"
    assert [c.key for c in columns][:3] == ["id_number", "name", "level"]  # the table's order, then the model's
    # what cannot be derived is named with what to add
    (share,) = [p for p in problems if p.startswith("patents.share")]
    assert "float" in share and "kind=" in share and "titlecli/roster/columns.py" in share
    (remark,) = [p for p in problems if p.startswith("patents.remark")]
    assert "LABELS" in remark and "titlecli/interview/questions.py" in remark
    assert "patents.share" not in got and "patents.remark" not in got


def test_the_table_names_only_fields_of_the_model_and_headers_stay_unique():
    from titlecli.roster.columns import Spec, derive

    _, problems = derive(_Person, {"id_number": Spec(kind="id"), "patent.title": Spec(), "name": Spec(header="专利名称")}, _LABELS)
    assert any("'patent.title'" in p and "not a field" in p for p in problems)
    assert any(p.startswith("patents.title") and "专利名称" in p and "already the header of name" in p for p in problems)


def test_every_roster_column_names_a_field_of_the_profile():
    from titlecli import model
    from titlecli.roster import COLUMNS

    fields = _leaves(model.Profile, "")
    assert [c.key for c in COLUMNS if c.key not in fields] == []


def test_the_template_has_the_new_columns_with_their_drop_downs(cli, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "t.xlsx"
    assert cli("batch", "--template", path)[0] == 0
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    head = [c.value for c in ws[1]]
    for h in ("驻村第一书记起始时间", "驻村第一书记考核等次", "聘任时间", "学科门类", "企业规模", "荣誉称号", "兑现专技岗位工资"):
        assert h in head, h
    rating = head.index("驻村第一书记考核等次") + 1
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation if ws.cell(row=3, column=rating).coordinate in dv.sqref]
    assert len(lists) == 1
    sheet, cells = lists[0].rsplit("!", 1)  # a list kept on the options sheet: '选项'!$G$2:$G$6
    choices = [c.value for row in wb[sheet.strip("'")][cells.replace("$", "")] for c in row]
    assert {"优秀", "合格", "不合格"} <= set(choices)


QINGHAI = {
    "姓名": "马建国",
    "身份证号": "630102199003150036",
    "单位": "湟中区农业技术推广中心",
    "单位性质": "事业单位",
    "地区": "青海",
    "系列": "农业",
    "申报专业": "农学",
    "申报级别": "中级",
    "年度考核": "2019:优秀,2020:优秀,2021:合格",
    "驻村第一书记起始时间": "2019-04-01",
    "驻村第一书记结束时间": "2021-06-30",
    "驻村第一书记考核等次": "优秀",
    "学历": "本科",
    "全日制": "是",
    "毕业学校": "青海大学",
    "专业": "农学",
    "专业相关": "是",
    "毕业时间": "2014-07-01",
    "学位": "学士",
    "参加工作时间": "2014-07-15",
    "岗位": "农业技术推广",
    "专技岗位": "是",
    "工作专业相关": "是",
    "现职称": "助理农艺师",
    "职称级别": "助理级",
    "取得时间": "2019-09-01",
    "职称系列": "农业",
    "取得方式": "评审",
    "论文题目": "高原春小麦节水栽培试验",
    "期刊": "青海农林科技",
    "发表时间": "2021-03-01",
    "作者排序": "独著",
}


@pytest.mark.parametrize(("rating", "earliest"), [("优秀", "2022-09-01"), ("合格", "2023-09-01")])
def test_qinghai_village_first_secretary_is_reached_from_a_roster(tmp_path, rating, earliest):
    from titlecli.batch import Options, run

    row = dict(QINGHAI, 驻村第一书记考核等次=rating)
    roster = write_xlsx(tmp_path / "r.xlsx", [row], list(row))
    res = run(roster, Options(outdir=tmp_path / "out", jobs=1, as_of=date(2022, 12, 20)))
    (r,) = res.rows
    assert r.problems == [] and r.region == "qinghai-2022"
    assert r.levels["intermediate"].earliest_date == earliest
    assert r.levels["intermediate"].eligible is (rating == "优秀")


def test_a_roster_in_chinese_words_runs(tmp_path):
    """地区 江苏盐城 and 级别 中级, as a clerk writes them."""
    from titlecli.batch import Options, run

    row = {
        "姓名": "陈思远",
        "身份证号": "320902199304120616",
        "单位": "盐城市某汽车零部件有限公司",
        "单位性质": "企业",
        "地区": "江苏盐城",
        "系列": "工程",
        "申报级别": "中级",
        "学历": "本科",
        "全日制": "是",
        "专业": "机械设计制造及其自动化",
        "毕业时间": "2015-06-30",
        "学位": "学士",
        "参加工作时间": "2015-07-10",
        "现职称": "助理工程师",
        "职称级别": "助理级",
        "取得时间": "2016-09-01",
    }
    roster = write_xlsx(tmp_path / "r.xlsx", [row], list(row))
    res = run(roster, Options(outdir=tmp_path / "out", jobs=1, as_of=date(2021, 8, 1)))
    (r,) = res.rows
    assert r.problems == [], r.problems
    assert r.region == "jiangsu-yancheng" and r.target_level == "intermediate"
    assert "intermediate" in r.levels


def test_a_region_template_holds_every_column_its_rules_read_and_the_ones_every_roster_needs():
    from titlecli import regions
    from titlecli.interview.needs import region_needs
    from titlecli.roster.columns import COLUMNS
    from titlecli.roster.template import Scope

    everything = _leaves(model.Profile, "")
    for rid in regions.all_files():
        region = regions.load(rid)
        held = {c.key for c in Scope.of(region).columns}
        assert {"name", "id_number", "employer.name", "application.series", "education.level", "work.start", "titles.level"} <= held
        for need in region_needs(region, None, None):
            read = {leaf for leaf in everything if leaf == need or leaf.startswith(need + ".")} - {
                x for x in everything if x.split(".")[0] in NOT_FROM_A_ROSTER
            }
            assert read <= held, (rid, need, read - held)
        assert [c for c in COLUMNS if c.key in held] == list(Scope.of(region).columns)  # the full template's order


def test_a_template_for_a_region_leaves_out_what_its_rules_never_read(cli, tmp_path):
    from openpyxl import load_workbook

    def template(*args):
        path = tmp_path / f"{len(list(tmp_path.iterdir()))}.xlsx"
        code, out, err = cli("batch", "--template", path, *args)
        assert code == 0, err
        wb = load_workbook(path)
        return (
            out,
            [c.value for c in wb["花名册"][1]],
            [c.value for c in wb["花名册"][2]],
            [r[0] for r in wb["填写说明"].iter_rows(values_only=True)],
        )

    out, qinghai, example, help_lines = template("--region", "青海")
    assert "驻村第一书记考核等次" in qinghai and "兑现专技岗位工资" in qinghai
    assert "企业规模" not in qinghai  # no Qinghai rule reads an enterprise's scale
    assert example[qinghai.index("地区")] == "青海"
    assert any(line and line.startswith("本模板只列出 青海 的申报条件用到的") for line in help_lines)
    assert "青海" in out
    _, changzhi, _, _ = template("--region", "山西长治", "--level", "中级")
    assert "聘任时间" in changzhi and "企业规模" in changzhi and "驻村第一书记起始时间" not in changzhi
    _, full, _, help_full = template()
    assert set(qinghai) < set(full) and not any(line and line.startswith("本模板只列出") for line in help_full)


def test_a_template_for_a_level_the_region_has_no_conditions_for_is_refused(cli, tmp_path):
    code, _, err = cli("batch", "--template", tmp_path / "t.xlsx", "--region", "青海", "--level", "正高级")
    assert code == 2 and "--level" in err and "正高级" in err and "副高级" in err
    assert not (tmp_path / "t.xlsx").exists()
