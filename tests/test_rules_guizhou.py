"""Guizhou initial determination (002_fa2fe71a5f797bd3.txt 贵州, 初定及评审须知), through the real CLI."""

import json

import yaml

ID = "520102199806153315"  # an invented Nanming, Guiyang (520102) resident ID with a valid check digit


def profile(tmp_path, *, series="engineering", employer="enterprise", education=(), work=(), ce=None, name="p.yaml"):
    data = {
        "name": "测试",
        "id_number": ID,
        "employer": {"name": "贵阳某单位", "type": employer},
        "application": {"region": "guizhou", "series": series, "specialty": "土木工程"},
        "education": list(education),
        "work": list(work),
        "continuing_education": ce if ce is not None else {2022: {"total": 40, "public": 12}},
    }
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def edu(level, graduated="2022-07-01", full_time=True, related=True):
    return {
        "level": level,
        "full_time": full_time,
        "related": related,
        "graduated": graduated,
        "degree": "bachelor" if level == "bachelor" else "none",
    }


def job(start="2022-07-15", related=True):
    return {"employer": "贵阳某单位", "start": start, "professional": True, "related": related}


def result(cli, path, as_of, level):
    code, out, err = cli("check", path, "--as-of", as_of, "--level", level, "--format", "json")
    assert code in (0, 1), err
    v = json.loads(out)
    (r,) = v["results"]
    assert code == (0 if v["eligible"] else 1)
    return r, {x["rule"]: x for x in r["reasons"]}


def test_guizhou_bachelor_is_assistant_when_the_probation_year_ends(cli, tmp_path):
    # (一) "对普通高等学校、普通中等专业学校毕业生见习期满，经单位人事部门……考核合格后，经批准即可认定相应的专业技术职务任职资格"
    p = profile(tmp_path, education=[edu("bachelor")], work=[job("2022-07-15")])
    r, why = result(cli, p, "2023-07-14", "assistant")
    assert (r["eligible"], r["earliest_date"]) == (False, "2023-07-15")
    assert not why["probation-1y"]["passed"]
    r, why = result(cli, p, "2023-07-15", "assistant")
    assert (r["eligible"], r["earliest_date"], r["route"], r["title"]) == (True, "2023-07-15", "initial", "助理工程师")


def test_guizhou_college_graduate_starts_at_member_level(cli, tmp_path):
    # (一) "相应的专业技术职务任职资格": a junior-college graduate is initialised at 员级, not 助理级
    p = profile(tmp_path, education=[edu("junior_college")], work=[job("2022-07-15")])
    r, _ = result(cli, p, "2023-08-01", "member")
    assert (r["eligible"], r["title"]) == (True, "技术员")
    r, _ = result(cli, p, "2023-08-01", "assistant")
    assert (r["eligible"], r["earliest_date"]) == (False, None)


def test_guizhou_unrelated_major_goes_to_review(cli, tmp_path):
    # (一)3.1) "若所从事的专业与所学专业不相同或不相近，须按规定的程序报经相应的评审委员会评审"
    p = profile(tmp_path, education=[edu("bachelor", related=False)], work=[job("2022-07-15")])
    r, _ = result(cli, p, "2024-01-01", "assistant")
    assert (r["eligible"], r["earliest_date"]) == (False, None)


def test_guizhou_exam_series_are_not_initialised(cli, tmp_path):
    # (一)3.2) "国家已实行专业技术职务任职资格考试的系列，应通过国家统一考试取得相应的专业技术职务任职资格"
    p = profile(tmp_path, series="economics", education=[edu("bachelor")], work=[job("2022-07-15")])
    r, why = result(cli, p, "2024-01-01", "assistant")
    assert (r["eligible"], r["earliest_date"]) == (False, None)
    assert not why["exam-only-series"]["passed"]


def test_guizhou_continuing_education_hours_by_employer_type(cli, tmp_path):
    # (一)3.3) "国有企事业单位初级专业技术人员接受继续教育时间每年为32学时……非公经济组织专业技术申报初级职务需40学时"
    kw = {"education": [edu("bachelor")], "work": [job("2022-07-15")], "ce": {2022: {"total": 32, "public": 12}}}
    r, why = result(cli, profile(tmp_path, employer="public_institution", name="a.yaml", **kw), "2023-08-01", "assistant")
    assert r["eligible"] and why["ce-state-owned"]["passed"]
    r, why = result(cli, profile(tmp_path, employer="non_public", name="b.yaml", **kw), "2023-08-01", "assistant")
    assert (r["eligible"], r["earliest_date"]) == (False, None)
    assert not why["ce-non-public"]["passed"] and "32" in why["ce-non-public"]["message"]
    r, _ = result(
        cli,
        profile(tmp_path, employer="non_public", name="c.yaml", **{**kw, "ce": {2022: {"total": 40, "public": 8}}}),
        "2023-08-01",
        "assistant",
    )
    assert r["eligible"]
    # "（以上学时均需当年的公需科目）": 40 hours with no public subjects of 2022 are not enough (audit of issue 12)
    r, why = result(
        cli, profile(tmp_path, employer="non_public", name="d.yaml", **{**kw, "ce": {2022: {"total": 40}}}), "2023-08-01", "assistant"
    )
    assert not r["eligible"] and "2022 年没有公需科目学时" in why["ce-non-public"]["message"]


def test_guizhou_initial_materials_and_photo(cli):
    # (一)2 "《初聘专业技术职务呈报表》一式二份"; "近期1寸同底免冠照片2张"
    code, out, err = cli("regions", "show", "guizhou")
    assert code == 0, err
    assert "《初聘专业技术职务呈报表》 一式2份" in out
    from titlecli import regions

    r = regions.load("guizhou")
    assert (r.photo.spec, r.photo.count) == ("1寸", 2)
