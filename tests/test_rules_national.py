"""National practice (000_c538dbbcd327a8c4.txt, region `national`), through the real CLI."""

import json

import yaml

ID = "110106199709095677"  # an invented Beijing Haidian (110106) resident ID with a valid check digit


def profile(
    tmp_path,
    *,
    series="engineering",
    education=(),
    work=(),
    titles=(),
    assessments=None,
    papers=(),
    awards=(),
    certificates=(),
    civil_servant=False,
    region="national",
    name="p.yaml",
):
    data = {
        "name": "测试",
        "id_number": ID,
        "employer": {"name": "北京某单位", "type": "enterprise"},
        "status": {"civil_servant": civil_servant},
        "application": {"region": region, "series": series, "specialty": "机械设计"},
        "education": list(education),
        "work": list(work),
        "titles": list(titles),
        "assessments": assessments or {},
        "papers": list(papers),
        "awards": list(awards),
        "certificates": list(certificates),
    }
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def edu(level, graduated="2020-07-01", full_time=True, related=True, degree=None):
    default = {"bachelor": "bachelor", "master": "master", "doctor": "doctor"}.get(level, "none")
    return {"level": level, "full_time": full_time, "related": related, "graduated": graduated, "degree": degree or default}


def job(start="2020-07-15", related=True):
    return {"employer": "北京某单位", "start": start, "professional": True, "related": related}


# 八.4 "intermediate and above professional titles A paper must be published"
PAPER = {"title": "某型减速器齿轮的疲劳寿命分析", "published": "2016-05-01"}


def title(level, obtained, series="engineering", route="initial"):
    return {"level": level, "series": series, "obtained": obtained, "route": route}


def check(cli, path, as_of, level):
    code, out, err = cli("check", path, "--as-of", as_of, "--level", level, "--format", "json")
    assert code in (0, 1), err
    v = json.loads(out)
    assert code == (0 if v["eligible"] else 1)
    return v


def route(v, route_id):
    (r,) = [r for r in v["results"] if r["route_id"] == route_id]
    return r, {x["rule"]: x for x in r["reasons"]}


# ---------------------------------------------------------------- 初定 (一.2)


def test_national_bachelor_is_assistant_one_year_after_starting_work(cli, tmp_path):
    # 一.2(3) "Those who have graduated from a university and have worked for a full year …
    # the 'assistant-level professional title' can be initially determined"
    p = profile(tmp_path, education=[edu("bachelor", "2020-07-01")], work=[job("2020-07-15")])
    r, why = route(check(cli, p, "2021-07-14", "assistant"), "assistant-initial")
    assert (r["eligible"], r["earliest_date"]) == (False, "2021-07-15")
    assert not why["years-after-graduation"]["passed"]
    v = check(cli, p, "2021-07-15", "assistant")
    r, _ = route(v, "assistant-initial")
    assert (v["eligible"], r["eligible"], r["earliest_date"], r["title"]) == (True, True, "2021-07-15", "助理工程师")


def test_national_college_graduate_needs_member_title_then_two_more_years(cli, tmp_path):
    # 一.2(2) "Those who graduate from a junior college and have worked for one year can be
    # initially assigned a 'member-level professional title'; after working in this major for
    # another two years, they can be initially assigned an 'assistant-level professional title'"
    college = [edu("junior_college", "2020-07-01")]
    p = profile(tmp_path, education=college, work=[job("2020-07-15")])
    r, _ = route(check(cli, p, "2021-07-15", "member"), "member-initial")
    assert (r["eligible"], r["title"]) == (True, "技术员")
    # three years on, but no member-level title yet: the initial route to assistant is closed
    r, _ = route(check(cli, p, "2023-08-01", "assistant"), "assistant-initial")
    assert (r["eligible"], r["earliest_date"]) == (False, None)
    # with the member title from 2021-08-01, two years later
    p = profile(tmp_path, education=college, work=[job("2020-07-15")], titles=[title("member", "2021-08-01")])
    r, why = route(check(cli, p, "2023-07-31", "assistant"), "assistant-initial")
    assert (r["eligible"], r["earliest_date"], r["pathway"]) == (False, "2023-08-01", "college-2y-after-member")
    r, _ = route(check(cli, p, "2023-08-01", "assistant"), "assistant-initial")
    assert r["eligible"] is True


def test_national_master_is_intermediate_after_three_years_in_the_major(cli, tmp_path):
    # 一.2(4) "Master's degree holders, after working in the major for another three years, can
    # be initially determined as an 'intermediate professional title'"
    p = profile(tmp_path, education=[edu("master", "2021-07-01")], work=[job("2021-07-15")])
    r, _ = route(check(cli, p, "2024-07-14", "intermediate"), "intermediate-initial")
    assert (r["eligible"], r["earliest_date"], r["title"]) == (False, "2024-07-15", "工程师")
    r, _ = route(check(cli, p, "2024-07-15", "intermediate"), "intermediate-initial")
    assert r["eligible"] is True
    # work outside the major does not count (一 注(1): the work must match the major)
    p = profile(tmp_path, education=[edu("master", "2021-07-01")], work=[job("2021-07-15", related=False)])
    r, _ = route(check(cli, p, "2025-01-01", "intermediate"), "intermediate-initial")
    assert r["eligible"] is False


def test_national_doctor_is_intermediate_at_once(cli, tmp_path):
    # 一.2(5) "Doctoral degree holders may be initially assigned an 'intermediate professional title'"
    p = profile(tmp_path, education=[edu("doctor", "2024-06-30")], work=[job("2024-07-01")])
    r, _ = route(check(cli, p, "2024-07-01", "intermediate"), "intermediate-initial")
    assert (r["eligible"], r["pathway"], r["earliest_date"]) == (True, "doctor", "2024-06-30")


def test_national_initial_needs_full_time_study(cli, tmp_path):
    # 九① "Full-time academic qualifications are required for professional title recognition";
    # a part-time bachelor goes to review instead (三.1.1⑴), which needs last year's assessment (四)
    p = profile(
        tmp_path,
        series="agriculture",
        education=[edu("bachelor", "2020-07-01", full_time=False)],
        work=[job("2018-03-01")],
        assessments={2021: "qualified"},
    )
    v = check(cli, p, "2022-03-01", "assistant")
    r, _ = route(v, "assistant-initial")
    assert (r["eligible"], r["earliest_date"]) == (False, None)
    r, why = route(v, "assistant-review")
    assert (r["eligible"], r["earliest_date"]) == (True, "2021-07-01")
    assert why["last-year-assessment"]["passed"]


def test_national_junior_high_needs_ten_years_and_a_member_title_for_assistant_review(cli, tmp_path):
    # 三.1.1⑸ "Personnel with junior high school education or below, who have been engaged in
    # professional and technical work for more than ten years, and should also have officer-level positions"
    base = dict(
        education=[edu("junior_high", "2006-07-01", related=False)],
        work=[job("2010-03-01")],
        assessments={2019: "qualified", 2020: "qualified"},
    )
    p = profile(tmp_path, titles=[title("member", "2013-12-01", route="review")], **base)
    r, _ = route(check(cli, p, "2020-02-29", "assistant"), "assistant-review")
    assert (r["eligible"], r["earliest_date"]) == (False, "2020-03-01")
    r, _ = route(check(cli, p, "2020-03-01", "assistant"), "assistant-review")
    assert (r["eligible"], r["pathway"]) == (True, "junior-high-10y-member")
    p = profile(tmp_path, **base)  # no member-level title: the years alone are not enough
    r, _ = route(check(cli, p, "2021-06-01", "assistant"), "assistant-review")
    assert (r["eligible"], r["earliest_date"]) == (False, None)


def test_national_bachelor_intermediate_review_needs_five_years_and_four_as_assistant(cli, tmp_path):
    # 三.1.2⑴ "Graduate from a university, engage in professional and technical work for more
    # than five years, and serve as an assistant for more than four years"
    p = profile(
        tmp_path,
        series="agriculture",
        education=[edu("bachelor", "2016-07-01")],
        work=[job("2016-07-15")],
        titles=[title("assistant", "2017-09-01", series="agriculture")],
        papers=[PAPER],
    )
    r, why = route(check(cli, p, "2021-08-31", "intermediate"), "intermediate-review")
    assert (r["eligible"], r["earliest_date"], r["title"]) == (False, "2021-09-01", "农艺师")
    assert why["years-after-graduation"]["passed"] and not why["years-after-assistant"]["passed"]
    r, _ = route(check(cli, p, "2021-09-01", "intermediate"), "intermediate-review")
    assert (r["eligible"], r["pathway"]) == (True, "bachelor-5y-assistant-4y")


def test_national_intermediate_exception_needs_two_of_the_three_conditions(cli, tmp_path):
    # 三.2 "Applicants who apply for mid-level positions as an exception must meet two of the
    # following conditions: 1. … provincial or ministerial … third prize or above … 2. Publish
    # more than three professional and technical papers or monographs … 3. … advanced
    # professional and technical worker at the prefectural (municipal) level"
    papers = [{"title": f"论文{i}", "published": f"202{i}-03-01", "role": "first", "kind": "paper"} for i in (1, 2, 3)]
    base = dict(
        series="agriculture",
        education=[edu("bachelor", "2018-07-01")],
        work=[job("2018-07-10")],
        titles=[title("assistant", "2020-09-01", series="agriculture")],
    )
    one = profile(tmp_path, papers=papers, name="one.yaml", **base)
    r, why = route(check(cli, one, "2023-09-01", "intermediate"), "intermediate-review")
    assert r["eligible"] is False
    two = profile(
        tmp_path,
        papers=papers,
        awards=[{"name": "省科技进步三等奖", "level": "provincial", "grade": 3, "year": 2022}],
        name="two.yaml",
        **base,
    )
    r, why = route(check(cli, two, "2023-09-01", "intermediate"), "intermediate-review")
    assert (r["eligible"], r["pathway"]) == (True, "exception-award-and-papers")
    assert why["exception-award"]["passed"] and why["exception-papers"]["passed"]
    # a provincial fourth prize is below "third prize or above", and two papers are not three
    low = profile(
        tmp_path,
        papers=papers[:2],
        awards=[{"name": "省科技进步四等奖", "level": "provincial", "grade": 4, "year": 2022}],
        name="low.yaml",
        **base,
    )
    r, _ = route(check(cli, low, "2023-09-01", "intermediate"), "intermediate-review")
    assert r["eligible"] is False


def test_national_engineer_review_needs_the_title_language_and_computer_exams(cli, tmp_path):
    # 六.2(3) "Hold a bachelor's degree … and work as an assistant engineer … for more than four
    # years and pass national or provincial professional title foreign language and computer examinations"
    base = dict(
        education=[edu("bachelor", "2014-07-01")], work=[job("2014-07-15")], titles=[title("assistant", "2015-09-01")], papers=[PAPER]
    )
    p = profile(tmp_path, name="a.yaml", **base)
    r, why = route(check(cli, p, "2020-01-01", "intermediate"), "engineer-review")
    # the exams belong to the bachelor/college pathway only (audit of issue 2), which may be an
    # alternative to the reported pathway
    if r["pathway"] == "bachelor-college-4y-after-assistant":
        unmet = [x["message"] for x in r["reasons"] if not x["passed"]]
    else:
        (alt,) = [a for a in r["alternatives"] if a["pathway"] == "bachelor-college-4y-after-assistant"]
        unmet = alt["unmet"]
    assert r["eligible"] is False and len(unmet) == 2
    assert any("外语" in m for m in unmet) and any("计算机" in m for m in unmet)
    p = profile(tmp_path, name="b.yaml", certificates=[{"kind": "foreign_language"}, {"kind": "computer"}], **base)
    r, _ = route(check(cli, p, "2020-01-01", "intermediate"), "engineer-review")
    assert (r["eligible"], r["earliest_date"]) == (True, "2019-09-01")


def test_national_health_technicians_are_not_initialised(cli, tmp_path):
    # 一 注(4) "Health technicians working in medical and health institutions should take the
    # national examination to obtain professional and technical qualifications"
    p = profile(tmp_path, series="health", education=[edu("bachelor", "2020-07-01")], work=[job("2020-07-15")])
    r, why = route(check(cli, p, "2022-01-01", "assistant"), "assistant-initial")
    assert (r["eligible"], r["earliest_date"]) == (False, None)
    assert not why["health-not-initialised"]["passed"]


def test_national_economists_and_accountants_take_the_exam_for_intermediate(cli, tmp_path):
    # 六.2(3) "Economists and accountants must pass examinations to obtain them"; 一 注(2) they
    # may still be initialised at junior levels as full-time graduates of the major
    p = profile(tmp_path, series="accounting", education=[edu("master", "2018-07-01")], work=[job("2018-07-15")])
    v = check(cli, p, "2022-01-01", "intermediate")
    assert v["eligible"] is False
    assert all(not x["passed"] for r in v["results"] for x in r["reasons"] if x["rule"] == "exam-series-intermediate")
    r, _ = route(check(cli, p, "2022-01-01", "assistant"), "assistant-initial")
    assert (r["eligible"], r["title"]) == (True, "助理会计师")


def test_national_civil_servants_may_not_apply(cli, tmp_path):
    # 一.1 "Applicants: in professional and technical positions people at work. (Civil servants are not allowed)"
    p = profile(tmp_path, civil_servant=True, education=[edu("bachelor", "2020-07-01")], work=[job("2020-07-15")])
    v = check(cli, p, "2022-01-01", "assistant")
    assert v["eligible"] is False
    assert all(r["earliest_date"] is None for r in v["results"])


def test_national_region_reads_in_both_languages(cli):
    code, out, _ = cli("regions", "show", "national")
    assert code == 0 and "初定" in out and "《申报初定职称的条件和程序是什么》一.2(3)" in out
    code, out, _ = cli("regions", "show", "national", "--lang", "en")
    assert code == 0 and "initial determination" in out and "Bachelor's, one year of work" in out
