"""Zhejiang: first intermediate title for postgraduates (002_fa2fe71a5f797bd3.txt 浙江), through the real CLI."""

import json

import pytest
import yaml
from conftest import EXAMPLES

ID = "330203199503120010"  # an invented Ningbo (330203) resident ID with a valid check digit


def profile(tmp_path, *, series="engineering", education=None, work=None, name="p.yaml"):
    data = {
        "name": "测试",
        "id_number": ID,
        "application": {"region": "zhejiang", "series": series, "level": "intermediate"},
        "education": education or [],
        "work": work or [],
    }
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def master(graduated="2022-06-30", **kw):
    return {"level": "master", "full_time": True, "related": True, "graduated": graduated, "degree": "master", **kw}


def job(start, end=None, related=True):
    return {"employer": "宁波某公司", "start": start, "end": end, "professional": True, "related": related}


def result(cli, path, as_of):
    code, out, err = cli("check", path, "--as-of", as_of, "--level", "intermediate", "--format", "json")
    assert code in (0, 1), err
    v = json.loads(out)
    (r,) = v["results"]
    assert code == (0 if v["eligible"] else 1)
    return r, {x["rule"]: x for x in r["reasons"]}


def test_zhejiang_master_needs_one_year_after_the_degree(cli, tmp_path):
    # 浙江 一: "学历或学位取得前后从事本专业或相近专业的工作年限可以相加，但学历或学位取得后从事专业工作须满1年"
    # Five years of related work before the master's: the 3 years are there, the year after is not.
    p = profile(tmp_path, education=[master("2022-06-30")], work=[job("2014-07-01", "2019-06-30"), job("2022-07-01")])
    r, why = result(cli, p, "2023-06-30")
    assert (r["eligible"], r["earliest_date"]) == (False, "2023-07-01")
    assert why["related-work-3y"]["passed"] and not why["related-work-1y-after-degree"]["passed"]
    r, why = result(cli, p, "2023-07-01")
    assert (r["eligible"], r["earliest_date"], r["route"]) == (True, "2023-07-01", "initial")


def test_zhejiang_master_years_before_and_after_the_degree_add_up(cli, tmp_path):
    # 浙江 一: "具有研究生学历或硕士学位者，从事专业工作满3年（学历或学位取得前后……的工作年限可以相加）"
    # 18 months before the master's + 18 months after = 3 years on 2019-01-01 (counted after the
    # master's alone it would be 2020-07-01); the year after the degree is already there.
    p = profile(tmp_path, education=[master("2017-06-30")], work=[job("2015-01-01", "2016-06-30"), job("2017-07-01")])
    r, why = result(cli, p, "2018-12-31")
    assert (r["eligible"], r["earliest_date"]) == (False, "2019-01-01")
    assert not why["related-work-3y"]["passed"] and why["related-work-1y-after-degree"]["passed"]
    r, _ = result(cli, p, "2019-01-01")
    assert (r["eligible"], r["earliest_date"]) == (True, "2019-01-01")


def test_zhejiang_master_straight_from_school_needs_three_years(cli):
    # 浙江 一: "从事专业工作满3年" — the example starts work on 2023-07-10: the day before and the day of.
    path = EXAMPLES / "zhejiang-master-three-years.yaml"
    r, why = result(cli, path, "2026-07-09")
    assert (r["eligible"], r["earliest_date"]) == (False, "2026-07-10")
    assert "2026-07-10" in why["related-work-3y"]["message"]
    r, _ = result(cli, path, "2026-07-10")
    assert (r["eligible"], r["earliest_date"]) == (True, "2026-07-10")


def test_zhejiang_work_outside_the_field_does_not_count(cli, tmp_path):
    # 浙江 一: "在本专业或相近专业技术岗位上工作一定年限" — only related work counts.
    p = profile(tmp_path, education=[master("2020-06-30")], work=[job("2020-07-01", related=False)])
    r, _ = result(cli, p, "2024-01-01")
    assert (r["eligible"], r["earliest_date"]) == (False, None)
    (alt,) = [a for a in r["alternatives"] if a["pathway"] == "master-3y-1y-after"]
    assert len(alt["unmet"]) == 2 and all("没有可计入的工作经历" in m for m in alt["unmet"])  # no related work counted


def test_zhejiang_adult_education_master_counts(cli, tmp_path):
    # 浙江 一: "全日制大中专毕业生和成人教育毕业生 … 可初定" — a part-time master's counts like a full-time one.
    p = profile(tmp_path, education=[master("2021-01-15", full_time=False)], work=[job("2016-07-01")])
    r, _ = result(cli, p, "2022-01-15")
    assert (r["eligible"], r["earliest_date"]) == (True, "2022-01-15")


def test_zhejiang_doctor_needs_no_years(cli, tmp_path):
    # 浙江 一: "博士学位获得者，可初定中级专业技术资格"
    doc = {"level": "doctor", "related": True, "graduated": "2024-06-30", "degree": "doctor"}
    r, _ = result(cli, profile(tmp_path, education=[doc]), "2024-07-01")
    assert (r["eligible"], r["earliest_date"], r["pathway"]) == (True, "2024-06-30", "doctor")


def test_zhejiang_bachelor_gets_no_first_intermediate(cli, tmp_path):
    # The guide is for postgraduates only (研究生首次确定中级): a bachelor with 10 years does not qualify.
    bachelor = {"level": "bachelor", "related": True, "graduated": "2012-06-30", "degree": "bachelor"}
    r, _ = result(cli, profile(tmp_path, education=[bachelor], work=[job("2012-07-01")]), "2024-01-01")
    assert (r["eligible"], r["earliest_date"]) == (False, None)


@pytest.mark.parametrize("series", ["accounting", "economics", "health"])
def test_zhejiang_exam_only_series_are_not_initially_determined(cli, tmp_path, series):
    # 浙江 一: "国家和省规定不进行初定专业技术资格的系列或专业除外" (the list: 000 一 注(2)(4), 六.2(3))
    p = profile(tmp_path, series=series, education=[master("2018-06-30")], work=[job("2018-07-01")])
    r, why = result(cli, p, "2024-01-01")
    assert (r["eligible"], r["earliest_date"]) == (False, None)
    assert not why["exam-only-series"]["passed"]
    assert why["related-work-3y"]["passed"]  # time is not what is missing


def test_zhejiang_chsi_record_must_stay_valid_two_more_months(cli, tmp_path):
    # 浙江 二(3): "学历须提供教育部学历证书电子注册备案表……有效查验日期至少2个月"
    def check(valid_until):
        p = profile(
            tmp_path, education=[master("2020-06-30", chsi_record={"code": "A1", "valid_until": valid_until})], work=[job("2020-07-01")]
        )
        code, out, _ = cli("check", p, "--as-of", "2024-02-15", "--format", "json")
        v = json.loads(out)
        (c,) = [x for x in v["online"]["checks"] if x["rule"] == "chsi-valid"]
        return v, c

    v, c = check("2024-04-14")  # one day short of two months after 2024-02-15
    assert c["passed"] is False and "2024-04-15" in c["message"]
    assert v["eligible"] is True  # an online problem does not change eligibility
    assert any("2024-04-14" in w for w in v["warnings"])
    _, c = check("2024-04-15")
    assert c["passed"] is True


def test_zhejiang_show_reads_like_the_guide(cli):
    code, out, _ = cli("regions", "show", "zhejiang")
    assert code == 0
    unwrapped = "".join(line.strip(" │├└─") for line in out.splitlines())
    # the guide is the notice; the provincial rule it quotes is named in its note, not as its number
    assert "研究生首次确定中级专业技术资格(职称)办理指南" in out and "浙人专〔2006〕351号" in unwrapped
    assert "文号：" not in out  # no number line (the note says 无文号)
    assert "有效期：原文未写明" in out  # the guide is undated: no period of ours (audit of issue 12)
    code, out, _ = cli("regions", "show", "zhejiang", "--lang", "en")
    assert (
        code == 0 and "initial determination" in out and "At least 1 year of related professional work" in out
    )  # a condition starts its line
