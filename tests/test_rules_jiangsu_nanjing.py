"""Nanjing basic conditions (002_fa2fe71a5f797bd3.txt 南京 职称申报指南 二) and who must sit the city's
junior-title exam (南京 网上申报指南 一.4), through the real CLI."""

import json

import yaml

REGION = "jiangsu-nanjing"


def profile(edu_level="bachelor", graduated="2010-06-30", degree="bachelor", start="2010-07-12", **over):
    p = {
        "name": "李慧敏",
        "id_number": "320102199306162429",
        "employer": {"name": "南京市某建设工程有限公司", "type": "enterprise"},
        "application": {"region": REGION, "series": "engineering", "specialty": "给排水工程"},
        "education": [{"level": edu_level, "major": "给水排水工程", "graduated": graduated, "degree": degree}],
        "work": [{"employer": "南京市某建设工程有限公司", "start": start}],
    }
    p.update(over)
    return p


def check(cli, tmp_path, prof, as_of, level):
    path = tmp_path / f"p{len(list(tmp_path.iterdir()))}.yaml"
    path.write_text(yaml.safe_dump(prof, allow_unicode=True), encoding="utf-8")
    code, out, err = cli("check", path, "--as-of", as_of, "--level", level, "--format", "json")
    assert code in (0, 1), err
    v = json.loads(out)
    assert code == (0 if v["eligible"] else 1)
    return {r["route"]: r for r in v["results"]}


def rule(r, rule_id):
    return next(x for x in r["reasons"] if x["rule"] == rule_id)


def title(level, obtained, route="review"):
    return [{"level": level, "series": "engineering", "obtained": obtained, "route": route}]


# ------------------------------------------------------------ 员级 / 助理级 (初定)


def test_nanjing_member_needs_one_year_of_probation(cli, tmp_path):
    # 员级1 "中等专业学校毕业，在专业技术岗位上见习一年期满，经考察合格（初定）"
    p = profile("secondary_vocational", "2015-06-30", "none", "2015-07-06")
    r = check(cli, tmp_path, p, "2016-07-05", "member")["initial"]
    assert (r["eligible"], r["earliest_date"], r["title"]) == (False, "2016-07-06", "技术员")
    r = check(cli, tmp_path, p, "2016-07-06", "member")["initial"]
    assert (r["eligible"], r["pathway"]) == (True, "secondary-1y")


def test_nanjing_bachelor_assistant_after_one_year(cli, tmp_path):
    # 助理级2 "获得学士学位或大学本科毕业，在专业技术岗位上见习一年期满，经考察合格（初定）"
    p = profile(graduated="2015-06-30", start="2015-07-13")
    assert check(cli, tmp_path, p, "2016-07-12", "assistant")["initial"]["earliest_date"] == "2016-07-13"
    r = check(cli, tmp_path, p, "2016-07-13", "assistant")["initial"]
    assert (r["eligible"], r["pathway"], r["title"]) == (True, "bachelor-1y", "助理工程师")


def test_nanjing_master_assistant_needs_no_years(cli, tmp_path):
    # 助理级1 "获得硕士学位或第二学士学位，经考察合格（初定）"
    p = profile("master", "2016-06-30", "master", "2016-07-11")
    r = check(cli, tmp_path, p, "2016-07-11", "assistant")["initial"]
    assert (r["eligible"], r["pathway"]) == (True, "master-or-second-bachelor")


def test_nanjing_college_assistant_needs_three_years(cli, tmp_path):
    # 助理级3 "大学专科毕业，在专业技术岗位上见习一年期满，再从事专业技术工作二年，经考察合格（初定）"
    p = profile("junior_college", "2013-06-30", "none", "2013-07-01")
    r = check(cli, tmp_path, p, "2016-06-30", "assistant")["initial"]
    assert (r["eligible"], r["earliest_date"], r["pathway"]) == (False, "2016-07-01", "college-3y")
    assert check(cli, tmp_path, p, "2016-07-01", "assistant")["initial"]["eligible"]


def test_nanjing_graduates_working_outside_their_field_sit_the_exam(cli, tmp_path):
    # 网上申报指南 一.4 "下列人员首次申报初级职称无需网上申报，应参加市里一年一度的初级职称考试：
    # 学用不一的普通高校毕业生"
    p = profile(graduated="2015-06-30", start="2015-07-13")
    p["education"][0]["related"] = False
    r = check(cli, tmp_path, p, "2016-08-01", "assistant")["initial"]
    assert (r["eligible"], r["earliest_date"]) == (False, None)
    assert "市初级职称考试" in rule(r, "related-major")["message"]


def test_nanjing_college_graduates_with_an_initialised_member_title_sit_the_exam(cli, tmp_path):
    # 网上申报指南 一.4 "…员级初定后晋升助理级职称的专科及以下毕业生"; 一.3 "专科及以下人员经市初级
    # 考试获得员级职称资格后，应通过网上申报助理级职称资格…'获得方式'上应选'考试'"
    p = profile("junior_college", "2011-06-30", "none", "2011-07-04", titles=title("member", "2012-08-01", "initial"))
    r = check(cli, tmp_path, p, "2016-03-01", "assistant")["initial"]
    assert (r["eligible"], r["earliest_date"], r["pathway"]) == (False, None, "college-3y")
    assert not rule(r, "member-initialised-must-sit-exam")["passed"]
    p["titles"] = title("member", "2012-09-20", "exam")
    r = check(cli, tmp_path, p, "2016-03-01", "assistant")["initial"]
    assert r["eligible"] and rule(r, "member-initialised-must-sit-exam")["passed"]


# ------------------------------------------------------------ 助理级 (考试)


def test_nanjing_secondary_school_assistant_is_by_exam(cli, tmp_path):
    # 助理级4 "中等专业学校毕业，取得员级职称后，从事专业技术工作四年以上；或中等专业学校毕业，
    # 从事专业技术工作五年以上。（考试）"
    p = profile("secondary_vocational", "2011-06-30", "none", "2011-07-04", titles=title("member", "2011-09-01", "exam"))
    res = check(cli, tmp_path, p, "2015-08-31", "assistant")
    assert not res["initial"]["eligible"]  # no initial pathway for 中专 graduates
    assert (res["exam"]["eligible"], res["exam"]["earliest_date"]) == (False, "2015-09-01")
    r = check(cli, tmp_path, p, "2015-09-01", "assistant")["exam"]
    assert (r["eligible"], r["pathway"]) == (True, "secondary-4y-after-member")
    del p["titles"]
    r = check(cli, tmp_path, p, "2016-07-03", "assistant")["exam"]
    assert (r["eligible"], r["earliest_date"], r["pathway"]) == (False, "2016-07-04", "secondary-5y")
    r = check(cli, tmp_path, p, "2016-07-04", "assistant")["exam"]
    assert r["route_id"] == "assistant-exam"


# ------------------------------------------------------------ 中级


def test_nanjing_master_intermediate_after_three_years_of_related_work(cli, tmp_path):
    # 中级2 "获得硕士学位，从事本专业技术工作三年（初定）"
    p = profile("master", "2013-06-30", "master", "2013-07-01")
    r = check(cli, tmp_path, p, "2016-06-30", "intermediate")["initial"]
    assert (r["eligible"], r["earliest_date"]) == (False, "2016-07-01")
    r = check(cli, tmp_path, p, "2016-07-01", "intermediate")["initial"]
    assert (r["eligible"], r["pathway"], r["title"]) == (True, "master-3y", "工程师")


def test_nanjing_doctor_is_intermediate_directly(cli, tmp_path):
    # 中级1 "获得博士学位，经考察合格（初定）"
    p = profile("doctor", "2016-06-30", "doctor", "2016-07-04")
    r = check(cli, tmp_path, p, "2016-07-04", "intermediate")["initial"]
    assert (r["eligible"], r["pathway"]) == (True, "doctor")


def test_nanjing_college_intermediate_review_after_seven_related_years(cli, tmp_path):
    # 中级4 "…或大学专科毕业后，从事本专业技术工作七年以上（评审）"
    p = profile("junior_college", "2009-06-30", "none", "2009-07-06")
    r = check(cli, tmp_path, p, "2016-07-05", "intermediate")["review"]
    assert (r["eligible"], r["earliest_date"], r["pathway"]) == (False, "2016-07-06", "college-7y")
    assert check(cli, tmp_path, p, "2016-07-06", "intermediate")["review"]["eligible"]


def test_nanjing_bachelor_five_years_counts_only_related_work(cli, tmp_path):
    # 中级3 "或大学本科毕业后，从事本专业技术工作五年以上（评审）": two unrelated years do not count
    p = profile(
        work=[{"employer": "甲", "start": "2010-07-12", "end": "2012-07-11", "related": False}, {"employer": "乙", "start": "2012-07-12"}]
    )
    r = check(cli, tmp_path, p, "2016-08-01", "intermediate")["review"]
    assert (r["eligible"], r["earliest_date"]) == (False, "2017-07-12")


# ------------------------------------------------------------ 高级 (deputy senior)


def test_nanjing_doctor_senior_two_years_after_intermediate(cli, tmp_path):
    # 高级1 "博士研究生学历（博士学位），取得中级职称后，从事本专业技术工作二年以上（评审）"
    p = profile("doctor", "2010-06-30", "doctor", "2010-07-05", titles=title("intermediate", "2014-08-01", "initial"))
    r = check(cli, tmp_path, p, "2016-07-31", "deputy_senior")["review"]
    assert (r["eligible"], r["earliest_date"], r["title"]) == (False, "2016-08-01", "高级工程师")
    r = check(cli, tmp_path, p, "2016-08-01", "deputy_senior")["review"]
    assert (r["eligible"], r["pathway"]) == (True, "doctor-2y-after-intermediate")


def test_nanjing_college_senior_twenty_years_in_all(cli, tmp_path):
    # 高级4 "取得大学专科学历后从事本专业工作15年以上或大学专科学历且累计从事本专业工作20年以上，
    # 取得中级职称后，从事本专业工作5年以上": 8 years before an adult college diploma and 12 after
    # make 20 in all, though 15 after the diploma are not reached until 2019
    p = profile("junior_college", "2004-06-30", "none", "1996-07-01", titles=title("intermediate", "2010-09-01"))
    p["education"][0]["full_time"] = False
    r = check(cli, tmp_path, p, "2016-06-30", "deputy_senior")["review"]
    assert (r["eligible"], r["earliest_date"]) == (False, "2016-07-01")
    r = check(cli, tmp_path, p, "2016-07-01", "deputy_senior")["review"]
    assert (r["eligible"], r["pathway"]) == (True, "college-15y-or-20y")
    assert rule(r, "college-related-years")["passed"]
