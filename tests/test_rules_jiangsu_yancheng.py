"""Yancheng initial identification (001_01705311372ec613.txt, with 002_fa2fe71a5f797bd3.txt 江苏盐城
for the computer certificate and continuing education), through the real CLI."""

import json

import pytest
import yaml

REGION = "jiangsu-yancheng"


def profile(**over):
    """A Yancheng mechanical engineer: full-time bachelor 2015-06-30, at work from 2015-07-10,
    with a Jiangsu information-literacy certificate (002 江苏盐城 三)."""
    p = {
        "name": "陈思远",
        "id_number": "320902199304120616",
        "employer": {"name": "盐城市某汽车零部件有限公司", "type": "enterprise"},
        "application": {"region": REGION, "series": "engineering", "specialty": "机械设计"},
        "education": [
            {"level": "bachelor", "full_time": True, "major": "机械设计制造及其自动化", "graduated": "2015-06-30", "degree": "bachelor"}
        ],
        "work": [{"employer": "盐城市某汽车零部件有限公司", "post": "机械设计", "start": "2015-07-10"}],
        "certificates": [{"kind": "info_literacy", "obtained": "2015-11-20"}],
    }
    p.update(over)
    return p


def master(graduated="2016-06-30", start="2016-07-04", **over):
    return profile(
        education=[
            {"level": "bachelor", "major": "机械工程", "graduated": "2013-06-30", "degree": "bachelor"},
            {"level": "master", "major": "机械工程", "graduated": graduated, "degree": "master"},
        ],
        work=[{"employer": "盐城市某汽车零部件有限公司", "start": start}],
        **over,
    )


def check(cli, tmp_path, prof, as_of, level, lang="zh"):
    path = tmp_path / f"p{len(list(tmp_path.iterdir()))}.yaml"
    path.write_text(yaml.safe_dump(prof, allow_unicode=True), encoding="utf-8")
    code, out, err = cli("check", path, "--as-of", as_of, "--level", level, "--format", "json", "--lang", lang)
    assert code in (0, 1), err
    v = json.loads(out)
    assert code == (0 if v["eligible"] else 1)
    (r,) = v["results"]  # Yancheng has one initial route per level
    return r


def rule(r, rule_id):
    return next(x for x in r["reasons"] if x["rule"] == rule_id)


# ------------------------------------------------------------ 二 initial conditions


def test_yancheng_bachelor_needs_one_year_after_graduation(cli, tmp_path):
    # 001 二.3 "After graduation, if you have been engaged in this professional technical work in
    # this professional technical post for more than 1 year … assistant"
    before = check(cli, tmp_path, profile(), "2016-07-09", "assistant")
    assert (before["eligible"], before["earliest_date"]) == (False, "2016-07-10")
    assert not rule(before, "years-after-graduation")["passed"]
    on_the_day = check(cli, tmp_path, profile(), "2016-07-10", "assistant")
    assert (on_the_day["eligible"], on_the_day["pathway"]) == (True, "bachelor-1y")
    assert on_the_day["title"] == "助理工程师"
    assert rule(on_the_day, "years-after-graduation")["source"] == "《盐城市普通全日制大中专毕业生专业技术资格初定实施办法》二.3"


def test_yancheng_secondary_school_needs_one_year_for_member_level(cli, tmp_path):
    # 001 二.1 "after graduating from technical secondary school … more than 1 year … division level"
    p = profile(education=[{"level": "secondary_vocational", "major": "机电", "graduated": "2015-06-30"}])
    r = check(cli, tmp_path, p, "2016-07-09", "member")
    assert (r["eligible"], r["earliest_date"], r["title"]) == (False, "2016-07-10", "技术员")
    assert check(cli, tmp_path, p, "2016-07-10", "member")["eligible"]


def test_yancheng_college_needs_three_years(cli, tmp_path):
    # 001 二.2 "after graduating from junior college … for more than 3 years … assistant"
    p = profile(
        education=[{"level": "junior_college", "major": "机电一体化", "graduated": "2013-06-30"}],
        work=[{"employer": "盐城市某汽车零部件有限公司", "start": "2013-07-01"}],
    )
    r = check(cli, tmp_path, p, "2016-06-30", "assistant")
    assert (r["eligible"], r["earliest_date"], r["pathway"]) == (False, "2016-07-01", "college-3y")
    assert check(cli, tmp_path, p, "2016-07-01", "assistant")["eligible"]


def test_yancheng_master_needs_three_months_work(cli, tmp_path):
    # 001 二.4 "After graduating from a master's degree and obtaining a master's degree, those who
    # have been engaged … for more than three months … junior assistant level"
    r = check(cli, tmp_path, master(), "2016-10-03", "assistant")
    assert (r["eligible"], r["earliest_date"], r["pathway"]) == (False, "2016-10-04", "master-3m")
    r = check(cli, tmp_path, master(), "2016-10-04", "assistant")
    assert (r["eligible"], r["pathway"]) == (True, "master-3m")


def test_yancheng_master_without_the_degree_waits_like_a_bachelor(cli, tmp_path):
    # 001 二.4 asks for the master's *degree*; without it only 二.3 (one year) is left
    p = master()
    p["education"][1]["degree"] = "none"
    r = check(cli, tmp_path, p, "2016-10-04", "assistant")
    assert (r["eligible"], r["earliest_date"], r["pathway"]) == (False, "2017-07-04", "bachelor-1y")


def test_yancheng_double_bachelor_needs_three_months(cli, tmp_path):
    # 001 二.5 "double bachelor's degree, graduates engaged … for three months … assistant"
    p = profile(
        education=[{"level": "second_bachelor", "major": "机械工程", "graduated": "2016-06-30", "degree": "bachelor"}],
        work=[{"employer": "盐城市某汽车零部件有限公司", "start": "2016-07-04"}],
    )
    assert check(cli, tmp_path, p, "2016-10-03", "assistant")["earliest_date"] == "2016-10-04"
    assert check(cli, tmp_path, p, "2016-10-04", "assistant")["pathway"] == "second-bachelor-3m"


def test_yancheng_master_needs_three_years_for_intermediate(cli, tmp_path):
    # 001 二.6 "After graduating from a master's degree and obtaining a master's degree … more than
    # three years … intermediate"
    p = master(graduated="2013-06-30", start="2013-07-08")
    r = check(cli, tmp_path, p, "2016-07-07", "intermediate")
    assert (r["eligible"], r["earliest_date"], r["title"]) == (False, "2016-07-08", "工程师")
    assert check(cli, tmp_path, p, "2016-07-08", "intermediate")["pathway"] == "master-3y"


def test_yancheng_doctor_needs_three_months_for_intermediate(cli, tmp_path):
    # 001 二.7 "Ph.D. graduates, engaged … for more than three months, you can apply for intermediate"
    p = profile(
        education=[{"level": "doctor", "major": "机械工程", "graduated": "2016-06-30", "degree": "doctor"}],
        work=[{"employer": "盐城市某汽车零部件有限公司", "start": "2016-07-04"}],
    )
    r = check(cli, tmp_path, p, "2016-10-04", "intermediate")
    assert (r["eligible"], r["earliest_date"], r["pathway"]) == (True, "2016-10-04", "doctor-3m")


def after_work(assistant="2008-09-01", ce=None):
    """Bachelor 2007, assistant title by initial identification, full-time master 2011-09 to
    2014-06-30, back at work from 2014-07-07."""
    return profile(
        education=[
            {"level": "bachelor", "major": "电气工程", "graduated": "2007-06-30", "degree": "bachelor"},
            {"level": "master", "major": "电气工程", "graduated": "2014-06-30", "degree": "master"},
        ],
        work=[
            {"employer": "盐城市某电力设计院", "start": "2007-07-16", "end": "2011-08-31"},
            {"employer": "盐城市某电力设计院", "start": "2014-07-07"},
        ],
        titles=[{"level": "assistant", "series": "engineering", "obtained": assistant, "route": "initial"}],
        continuing_education=ce if ce is not None else {2015: {"total": 40, "public": 13}},
        certificates=[{"kind": "computer", "modules": 3, "obtained": "2009-05-16"}],
    )


def test_yancheng_master_after_work_counts_two_years_before_and_two_after(cli, tmp_path):
    # 001 二.8 "Those who have obtained a master's degree after taking part in the work first, who
    # have been engaged in 'assistant' level work for two years before graduation, and have been
    # engaged in this professional and technical work for two years after graduation, may apply for
    # intermediate"
    r = check(cli, tmp_path, after_work(), "2016-07-06", "intermediate")
    assert (r["eligible"], r["earliest_date"]) == (False, "2016-07-07")
    r = check(cli, tmp_path, after_work(), "2016-07-07", "intermediate")
    assert (r["eligible"], r["pathway"]) == (True, "master-after-work-2y-2y")
    assert rule(r, "assistant-years-before-graduation")["passed"]


def test_yancheng_master_after_work_needs_two_assistant_years_before_graduating(cli, tmp_path):
    # 二.8: the assistant title came 2010-09-01, one year before leaving for the master's — time
    # after graduating cannot make up for it, so only 二.6 (three years after) is left
    r = check(cli, tmp_path, after_work(assistant="2010-09-01"), "2016-08-01", "intermediate")
    assert (r["eligible"], r["earliest_date"], r["pathway"]) == (False, "2017-07-07", "master-3y")
    alt = next(a for a in r["alternatives"] if a["pathway"] == "master-after-work-2y-2y")
    assert alt["earliest_date"] is None


def test_yancheng_junior_title_holders_need_forty_hours_of_continuing_education(cli, tmp_path):
    # 002 江苏盐城 二 "初级专业技术人员平均每年累计接受继续教育不得少于40学时…其中，接受公需科目
    # 继续教育培训不少于总学时的三分之一"; "初级、初升中级每年学习课时不少与13课时"
    for ce, short in (({"total": 36, "public": 13}, "2015 年 36 学时"), ({"total": 40, "public": 12}, "2015 年公需科目 12 学时")):
        r = check(cli, tmp_path, after_work(ce={2015: ce}), "2016-08-01", "intermediate")
        # 二.8 fails on the hours; what is left is 二.6, three years after the master's
        assert (r["eligible"], r["pathway"], r["earliest_date"]) == (False, "master-3y", "2017-07-07")
        alt = next(a for a in r["alternatives"] if a["pathway"] == "master-after-work-2y-2y")
        assert alt["earliest_date"] is None
        assert [m for m in alt["unmet"] if short in m], alt["unmet"]


# ------------------------------------------------------------ 002 江苏盐城 三 computer certificate


@pytest.mark.parametrize(
    "certs,major,ok",
    [
        ([{"kind": "computer", "modules": 3}], "机械工程", True),
        ([{"kind": "computer", "modules": 2}], "机械工程", False),
        ([{"kind": "info_literacy"}], "机械工程", True),
        ([], "计算机科学与技术", True),
        ([], "机械工程", False),
    ],
)
def test_yancheng_needs_three_computer_modules_or_one_jiangsu_subject(cli, tmp_path, certs, major, ok):
    # 002 江苏盐城 三 "均需取得全国计算机应用能力考试3个科目合格证或江苏省专业技术人员信息化素质
    # 培训考核1个科目合格证…具有计算机专业大学专科及以上学历…可以免考"
    p = profile(certificates=certs)
    p["education"][0]["major"] = major
    r = check(cli, tmp_path, p, "2016-08-01", "assistant")
    assert rule(r, "computer-certificate")["passed"] is ok
    assert r["eligible"] is ok


# ------------------------------------------------------------ 一 / 七 who is refused


def test_yancheng_health_series_is_exam_only(cli, tmp_path):
    # 001 一 "The state implements a unified examination for the secondary and primary professional
    # and technical qualifications of health majors, and no longer implements the initial evaluation"
    r = check(
        cli, tmp_path, profile(application={"region": REGION, "series": "health", "specialty": "临床医学"}), "2016-08-01", "assistant"
    )
    assert (r["eligible"], r["earliest_date"]) == (False, None)
    assert not rule(r, "health-exam-only")["passed"]


def test_yancheng_adult_education_graduates_are_refused(cli, tmp_path):
    # 001 七(七)1 "non-ordinary full-time college graduates" are not accepted
    p = profile()
    p["education"][0]["full_time"] = False
    r = check(cli, tmp_path, p, "2016-08-01", "assistant")
    assert (r["eligible"], r["earliest_date"]) == (False, None)
    assert "非全日制" in rule(r, "full-time-related-education")["message"]


def test_yancheng_work_not_close_to_the_major_is_refused(cli, tmp_path):
    # 001 七(七)2 "Engaged in professional and technical work that is not close to the major studied"
    p = profile()
    p["education"][0]["related"] = False
    r = check(cli, tmp_path, p, "2016-08-01", "assistant")
    assert (r["eligible"], r["earliest_date"]) == (False, None)
    p = profile(work=[{"employer": "盐城市某汽车零部件有限公司", "start": "2015-07-10", "related": False}])
    assert not check(cli, tmp_path, p, "2016-08-01", "assistant")["eligible"]


def test_yancheng_a_level_is_initialised_only_once(cli, tmp_path):
    # 001 七(二) "the professional and technical qualifications of different series and the same
    # level shall not be recognized many times"
    p = profile(titles=[{"level": "assistant", "series": "economics", "obtained": "2016-07-20", "route": "initial"}])
    r = check(cli, tmp_path, p, "2016-08-01", "assistant")
    assert not r["eligible"] and not rule(r, "initialised-once")["passed"]


def test_yancheng_civil_service_is_outside_the_measures(cli, tmp_path):
    # 001 一 "Anyone who has worked in enterprises and institutions in our city"
    r = check(cli, tmp_path, profile(employer={"name": "盐城市某局", "type": "government"}), "2016-08-01", "assistant")
    assert not r["eligible"] and not rule(r, "enterprises-and-institutions")["passed"]


def test_yancheng_reads_in_english(cli, tmp_path):
    r = check(cli, tmp_path, profile(), "2016-08-01", "assistant", lang="en")
    assert "one year of related professional work after graduation" in rule(r, "years-after-graduation")["message"]
    code, out, _ = cli("regions", "show", REGION, "--lang", "en")
    assert code == 0 and "Health titles are obtained by the national exam" in out
