"""One vocabulary (titlecli.terms): every term named once, typed in Chinese anywhere.

The words people type come from the notices: 002_fa2fe71a5f797bd3.txt 江苏盐城 三 asks for
"全国计算机应用能力考试3个科目合格证或江苏省专业技术人员信息化素质培训考核1个科目合格证", so a clerk
writes 计算机 or 信息化素质培训考核 in 证书类型; a region is named 盐城 or 江苏盐城, not jiangsu-yancheng.
"""

from __future__ import annotations

import json
import typing
from pathlib import Path

import pytest

from titlecli import model, terms

ROOT = Path(__file__).resolve().parent.parent
YANCHENG = ROOT / "examples" / "jiangsu-yancheng-bachelor.yaml"
CHANGZHI = ROOT / "examples" / "changzhi-engineer.yaml"


# ---------------------------------------------------------------------- the vocabulary itself


def _literals(cls) -> list:
    """Every Literal type in the model's dataclasses, field by field."""
    out = []
    for f, tp in typing.get_type_hints(cls, vars(model)).items():
        for arg in (tp, *typing.get_args(tp)):
            for inner in (arg, *typing.get_args(arg)):
                if typing.get_origin(inner) is typing.Literal:
                    out.append((f"{cls.__name__}.{f}", inner))
    return out


MODEL_LITERALS = [
    x
    for cls in (getattr(model, n) for n in dir(model))
    if isinstance(cls, type) and hasattr(cls, "__pydantic_config__") and cls.__module__ == model.__name__
    for x in _literals(cls)
]


@pytest.mark.parametrize("where,tp", MODEL_LITERALS, ids=[w for w, _ in MODEL_LITERALS])
def test_every_value_of_the_model_has_a_chinese_and_an_english_name(where, tp):
    vocab = terms.of(tp)
    assert vocab is not None, f"{where}: no vocabulary in titlecli.terms"
    for value in typing.get_args(tp):
        zh, en = vocab[value]
        assert zh and en and zh != value and "_" not in en, (where, value)
        assert vocab.parse(zh) == value and vocab.parse(en) == value and vocab.parse(value) == value


@pytest.mark.parametrize(
    "vocab,typed,key",
    [
        (terms.LEVELS, "中级", "intermediate"),
        (terms.LEVELS, "工程师", "intermediate"),
        (terms.LEVELS, "intermediate", "intermediate"),
        (terms.LEVELS, "中级职称", "intermediate"),
        (terms.LEVELS, "中级（工程师）", "intermediate"),
        (terms.LEVELS, "助理会计师", "assistant"),
        (terms.LEVELS, "初级（员级）", "member"),
        (terms.LEVELS, "副高", "deputy_senior"),
        (terms.LEVELS, "deputy-senior", "deputy_senior"),
        (terms.ROUTES, "认定", "initial"),
        (terms.EDUCATION_LEVELS, "大学本科", "bachelor"),
        (terms.EDUCATION_LEVELS, "本科学历", "bachelor"),
        (terms.DEGREES, "工学硕士", "master"),
        (terms.GRADES, "称职", "qualified"),
        (terms.SERIES, "工程", "engineering"),
        (terms.SERIES, "工程技术", "engineering"),
        (terms.CERTIFICATE_KINDS, "计算机", "computer"),
        (terms.CERTIFICATE_KINDS, "计算机应用能力", "computer"),
        (terms.CERTIFICATE_KINDS, "信息化素质", "info_literacy"),
        (terms.CERTIFICATE_KINDS, "信息素养", "info_literacy"),
        (terms.CERTIFICATE_KINDS, "信息化素质培训考核", "info_literacy"),
        (terms.CERTIFICATE_KINDS, "ＣＯＭＰＵＴＥＲ", "computer"),
    ],
)
def test_a_term_is_read_from_its_chinese_name_its_aliases_and_its_id(vocab, typed, key):
    assert vocab.parse(typed) == key


def test_a_skill_grade_is_not_a_title_level():
    assert terms.LEVELS.lookup("技师") is None and terms.LEVELS.lookup("高级技师") is None


def test_an_unknown_word_names_the_closest_chinese_names():
    with pytest.raises(terms.UnknownTerm) as e:
        terms.LEVELS.parse("中极")
    assert str(e.value) == "未知的级别“中极”（是不是要写：中级？）；可填：员级、助理级、中级、副高级、正高级"


def test_no_two_terms_of_a_vocabulary_share_a_word():
    for vocab in terms.ALL:
        seen: dict[str, str] = {}
        for x in vocab.terms.values():
            for w in {terms.normalize(w) for w in (x.key, x.zh, x.en)}:
                assert seen.setdefault(w, x.key) == x.key, (vocab.what, w)


# ---------------------------------------------------------------------- check, on the command line


def test_check_takes_the_level_in_chinese(cli):
    for word in ("中级", "工程师", "intermediate"):
        code, out, err = cli("check", CHANGZHI, "--level", word, "--as-of", "2022-08-01", "--format", "json")
        assert code == 0, err
        assert [r["level"] for r in json.loads(out)["results"]] == ["intermediate"] * len(json.loads(out)["results"])


def test_an_unknown_level_says_what_was_meant(cli):
    code, _, err = cli("check", CHANGZHI, "--level", "中极")
    assert code == 2 and "--level" in err and "是不是要写：中级" in err


@pytest.mark.parametrize("word", ["盐城", "江苏盐城", "盐城市", "jiangsu-yancheng", "Yancheng"])
def test_check_takes_the_region_as_people_name_it(cli, word):
    code, out, err = cli("check", YANCHENG, "--region", word, "--as-of", "2016-08-01", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["region"] == "jiangsu-yancheng"


def test_an_unknown_region_names_the_closest_places(cli):
    code, _, err = cli("check", YANCHENG, "--region", "广东")
    assert code == 2 and "未知的地区“广东”" in err and "广东广州" in err and "广东深圳" in err


@pytest.mark.parametrize("day", ["20160801", "2016.8.1", "2016年8月1日", "2016-08-01"])
def test_as_of_is_typed_as_people_write_dates(cli, day):
    code, out, err = cli("check", YANCHENG, "--as-of", day, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["as_of"] == "2016-08-01"


def test_a_region_file_names_the_place_and_its_aliases_which_a_child_does_not_inherit(tmp_path):
    from titlecli import regions

    child = (ROOT / "regions" / "jiangsu-yancheng.yaml").read_text(encoding="utf-8")
    assert "aliases: [盐城, 盐城市, 江苏省盐城市]" in child
    (tmp_path / "dongtai.yaml").write_text(
        child.replace("id: jiangsu-yancheng", "id: dongtai\nextends: jiangsu-yancheng")
        .replace("name: 江苏盐城 ·", "name: 江苏东台 ·")
        .replace("aliases: [盐城, 盐城市, 江苏省盐城市]", "aliases: [东台]"),
        encoding="utf-8",
    )
    regions.add_search_path(tmp_path)
    try:
        vocab = regions.vocabulary()
        assert vocab.parse("东台") == "dongtai" and vocab.parse("江苏东台") == "dongtai" and vocab.parse("盐城") == "jiangsu-yancheng"
        assert regions.load("dongtai").aliases == ["东台"]
    finally:
        regions._extra_dirs.remove(tmp_path)


# ---------------------------------------------------------------------- the roster


HEADERS = [
    "姓名",
    "身份证号",
    "单位",
    "地区",
    "系列",
    "申报级别",
    "学历",
    "全日制",
    "专业相关",
    "毕业时间",
    "参加工作时间",
    "证书类型",
    "计算机模块数",
]
ROW = [
    "陈思远",
    "320902199304120616",
    "盐城市某汽车零部件有限公司",
    "江苏盐城",
    "工程",
    "助理级",
    "本科",
    "是",
    "是",
    "2015-06-30",
    "2015-07-10",
]


def _roster(tmp_path: Path, certificate: list) -> Path:
    p = tmp_path / "r.csv"
    p.write_text(",".join(HEADERS) + "\n" + ",".join(str(x) for x in ROW + certificate) + "\n", encoding="utf-8")
    return p


@pytest.mark.parametrize(
    "certificate,kind",
    [(["计算机", 3], "computer"), (["信息化素质培训考核", ""], "info_literacy"), (["信息素养", ""], "info_literacy")],
)
def test_a_roster_takes_the_region_and_the_certificate_as_the_notice_names_them(tmp_path, certificate, kind):
    from datetime import date

    from titlecli import regions
    from titlecli.engine import check
    from titlecli.roster import finish, read_roster

    roster = read_roster(_roster(tmp_path, certificate))
    finish(roster, None)
    (a,) = roster.applicants
    assert a.ok, a.problems
    assert a.profile.application.region == "jiangsu-yancheng" and a.profile.certificates[0].kind == kind
    v = check(a.profile, regions.load(a.profile.application.region), date(2016, 8, 1))
    assert v.eligible


def test_a_roster_with_an_unknown_region_names_the_places(tmp_path):
    from titlecli.roster import finish, read_roster

    p = _roster(tmp_path, ["计算机", 3])
    p.write_text(p.read_text(encoding="utf-8").replace("江苏盐城", "盐成"), encoding="utf-8")
    roster = read_roster(p)
    finish(roster, None)
    (a,) = roster.applicants
    assert any("未知的地区“盐成”（是不是要写：江苏盐城？）" in pr.message for pr in a.problems), a.problems


def test_the_roster_template_offers_chinese_names_in_its_drop_downs(tmp_path):
    from openpyxl import load_workbook

    from titlecli.roster.template import CHOICES_SHEET, write_template

    wb = load_workbook(write_template(tmp_path / "t.xlsx"))
    ws = wb[CHOICES_SHEET]
    lists = {
        ws.cell(row=1, column=c).value: [v for r in range(2, ws.max_row + 1) if (v := ws.cell(row=r, column=c).value)]
        for c in range(1, ws.max_column + 1)
    }
    assert "江苏盐城" in lists["地区"] and "jiangsu-yancheng" not in lists["地区"]
    assert lists["证书类型"][:2] == ["计算机应用能力", "信息化素质"]
    assert lists["申报级别"] == ["员级", "助理级", "中级", "副高级", "正高级"]
    for values in lists.values():
        assert not [v for v in values if "_" in str(v)], values
    # Excel shows the names and accepts the aliases the import reads (计算机, 盐城)
    assert {dv.errorStyle for dv in wb[wb.sheetnames[0]].data_validations.dataValidation} == {"information"}
