"""Chongqing initial determination (002_fa2fe71a5f797bd3.txt 重庆, 两江新区分中心 guide), through the real CLI."""

import json

import yaml

ID = "500105199711204517"  # an invented Jiangbei (500105) resident ID with a valid check digit


def profile(tmp_path, *, series="engineering", specialty="机械设计", education=(), work=(), name="p.yaml"):
    data = {
        "name": "测试",
        "id_number": ID,
        "application": {"region": "chongqing", "series": series, "specialty": specialty},
        "education": list(education),
        "work": list(work),
    }
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def edu(level, graduated, degree="none", full_time=True, related=True):
    return {"level": level, "full_time": full_time, "related": related, "graduated": graduated, "degree": degree}


def job(start, end=None, related=True):
    return {"employer": "重庆某公司", "start": start, "end": end, "professional": True, "related": related}


def result(cli, path, as_of, level):
    code, out, err = cli("check", path, "--as-of", as_of, "--level", level, "--format", "json")
    assert code in (0, 1), err
    v = json.loads(out)
    (r,) = v["results"]
    assert code == (0 if v["eligible"] else 1)
    assert r["route"] == "initial"
    return r, {x["rule"]: x for x in r["reasons"]}


def test_chongqing_master_needs_two_years_after_the_degree(cli, tmp_path):
    # 二(一)1(4) "取得硕士学位后，从事本专业工作满二年，可初定为“中级”资格"
    p = profile(tmp_path, education=[edu("master", "2021-06-30", "master")], work=[job("2021-07-01")])
    r, why = result(cli, p, "2023-06-30", "intermediate")
    assert (r["eligible"], r["earliest_date"]) == (False, "2023-07-01")
    assert not why["years-after-master"]["passed"]
    r, why = result(cli, p, "2023-07-01", "intermediate")
    assert (r["eligible"], r["earliest_date"]) == (True, "2023-07-01")
    assert why["years-after-master"]["source"] == "《专业技术职务职称评定办理流程及相关材料》二(一)1(4)"


def test_chongqing_doctor_is_intermediate_at_once(cli, tmp_path):
    # 二(一)1(5) "取得博士学位后，可初定为“中级”资格"
    p = profile(tmp_path, education=[edu("doctor", "2024-06-30", "doctor")], work=[job("2024-07-15")])
    r, _ = result(cli, p, "2024-07-15", "intermediate")
    assert (r["eligible"], r["earliest_date"], r["title"]) == (True, "2024-06-30", "工程师")


def test_chongqing_college_needs_three_years_and_bachelor_one(cli, tmp_path):
    # 二(一)1(2) "大学专科毕业后，从事本专业工作满三年"; 1(3) "大学本科毕业后，从事本专业工作满一年"
    college = profile(tmp_path, education=[edu("junior_college", "2020-07-01")], work=[job("2020-07-01")], name="c.yaml")
    r, _ = result(cli, college, "2023-06-30", "assistant")
    assert (r["eligible"], r["earliest_date"]) == (False, "2023-07-01")
    r, _ = result(cli, college, "2023-07-01", "assistant")
    assert r["eligible"]
    bachelor = profile(tmp_path, education=[edu("bachelor", "2022-07-01", "bachelor")], work=[job("2022-07-01")], name="b.yaml")
    r, _ = result(cli, bachelor, "2023-06-30", "assistant")
    assert (r["eligible"], r["earliest_date"]) == (False, "2023-07-01")
    r, _ = result(cli, bachelor, "2023-07-01", "assistant")
    assert (r["eligible"], r["title"]) == (True, "助理工程师")


def test_chongqing_secondary_school_is_member_after_one_year(cli, tmp_path):
    # 二(一)1(1) "中专毕业后，从事本专业工作满一年，可初定为“员”级资格"
    p = profile(tmp_path, education=[edu("secondary_vocational", "2022-07-01")], work=[job("2022-07-10")])
    r, _ = result(cli, p, "2023-07-09", "member")
    assert (r["eligible"], r["earliest_date"]) == (False, "2023-07-10")
    r, _ = result(cli, p, "2023-07-10", "member")
    assert (r["eligible"], r["title"]) == (True, "技术员")


def test_chongqing_unrelated_work_does_not_count(cli, tmp_path):
    # 二(一)2(1) "要求专业技术人员所从事的专业与所学的专业相同或相近。若……不相同或不相近，按规定程序报经相应的评审委员会评审"
    p = profile(tmp_path, education=[edu("bachelor", "2020-07-01", "bachelor")], work=[job("2020-07-01", related=False)])
    r, why = result(cli, p, "2024-01-01", "assistant")
    assert not r["eligible"] and not why["years-after-graduation"]["passed"]


def test_chongqing_adult_education_is_not_initialised(cli, tmp_path):
    # 二(一)2(2) "国家教委承认学历的成人高等、中等专业院校毕业生不实行初定"
    p = profile(tmp_path, education=[edu("bachelor", "2018-07-01", "bachelor", full_time=False)], work=[job("2018-07-01")])
    r, _ = result(cli, p, "2024-01-01", "assistant")
    assert (r["eligible"], r["earliest_date"]) == (False, None)


def test_chongqing_exam_only_series_and_specialties(cli, tmp_path):
    # 二(一)2(3) "通信、计算机、园林、卫生、经济、会计、统计、审计、翻译、出版、农业(农林水)等……已实行专业技术职务任职资格考试的系列，
    # 只能通过国家或我市统一考试取得……不能通过初定取得该系列职称"
    common = {"education": [edu("bachelor", "2018-07-01", "bachelor")], "work": [job("2018-07-01")]}
    for i, (series, specialty) in enumerate(
        [("economics", "工商管理"), ("engineering", "计算机应用技术"), ("engineering", "通信工程"), ("engineering", "园林绿化")]
    ):
        p = profile(tmp_path, series=series, specialty=specialty, name=f"x{i}.yaml", **common)
        r, why = result(cli, p, "2024-01-01", "assistant")
        assert (r["eligible"], r["earliest_date"]) == (False, None), (series, specialty)
        assert not why["exam-only-series"]["passed"]
    # the same facts in an engineering specialty that has no exam are initialised
    p = profile(tmp_path, specialty="机械设计", name="ok.yaml", **common)
    r, why = result(cli, p, "2024-01-01", "assistant")
    assert r["eligible"] and why["exam-only-series"]["passed"]


def test_chongqing_defines_no_review_route(cli, tmp_path):
    # 二(二) "每年9月评审一次，具体材料参考当年的最新政策": the guide gives no review conditions
    code, out, _err = cli("check", profile(tmp_path), "--as-of", "2024-01-01", "--level", "deputy_senior", "--format", "json")
    v = json.loads(out)
    assert code == 1 and v["results"] == [] and v["warnings"]
