"""Engine behaviour found wrong by the audit of the bundled regions against the seeds (issue 2).

Each test states what a careful HR clerk computes by hand from the seed passage.
"""

import json
from datetime import date

from titlecli import dates


def test_a_gap_of_whole_months_pushes_the_date_by_those_months():
    # A year worked (2015), half a year off (January to June 2016), back on 2016-07-01: the
    # second year is complete on 2017-07-01, not a day later because February 2016 had 29 days.
    periods = [(date(2015, 1, 1), date(2016, 1, 1)), (date(2016, 7, 1), date(2030, 1, 1))]
    assert dates.reached(periods, 24) == date(2017, 7, 1)
    _eff, have = dates.worked(periods, date(2017, 7, 1))
    assert have == (2, 0, 0)


def test_nanjing_four_years_after_assistant_with_half_a_year_off():
    # 002 南京 职称申报指南 二 中级3 "取得助理级职称后，从事专业技术工作四年以上（评审）":
    # assistant 2011-08-01, worked to 2012-12-31, off January-June 2013, back 2013-07-01.
    # 17 months before the gap, 31 after it: four years on 2016-02-01.
    periods = [(date(2011, 8, 1), date(2013, 1, 1)), (date(2013, 7, 1), date(2030, 1, 1))]
    assert dates.reached(periods, 48) == date(2016, 2, 1)
    assert dates.reached(periods, 48) > date(2016, 1, 31)


def test_three_months_of_non_professional_work_delay_a_bachelor_by_three_months(tmp_path, cli):
    # 000 一.2(3) "graduated from a university and have worked for a full year": 6 months,
    # 3 months in a non-professional post, then 6 more months: the year is full on 2021-10-01.
    p = tmp_path / "p.yaml"
    p.write_text(
        "name: 深非专\nid_number: '440304199803011032'\n"
        "employer: {name: 某公司, type: enterprise}\n"
        "application: {region: guangdong-shenzhen, series: engineering, specialty: 机械设计}\n"
        "education: [{level: bachelor, full_time: true, related: true, graduated: 2020-06-30, degree: bachelor}]\n"
        "work:\n"
        "  - {start: 2020-07-01, end: 2020-12-31}\n"
        "  - {start: 2021-01-01, end: 2021-03-31, professional: false}\n"
        "  - {start: 2021-04-01}\n",
        encoding="utf-8",
    )
    code, out, err = cli(*["check", str(p), "--level", "assistant", "--as-of", "2021-09-30", "--format", "json"])
    assert code == 1, out + err
    res = json.loads(out)["results"][0]
    assert res["earliest_date"] == "2021-10-01"
    code, out, err = cli(*["check", str(p), "--level", "assistant", "--as-of", "2021-10-01", "--format", "json"])
    assert code == 0, out + err


def test_college_graduate_with_a_later_adult_bachelor_was_eligible_since_the_college_years(tmp_path, cli):
    # 000 三.1.1⑴ bachelor one year, ⑵ "Graduate from a college and have been engaged in
    # professional and technical work for more than two years": 大专 2015-06-30, work from
    # 2015-07-01, so the assistant review was open from 2017-07-01; the adult bachelor of
    # 2021 (one year, 2022-01-10) is listed as an alternative, not reported as the date.
    p = tmp_path / "p.yaml"
    p.write_text(
        "name: 钟专升本\nid_number: '310101199403011034'\n"
        "employer: {name: 某公司, type: enterprise}\n"
        "application: {region: shanghai, series: engineering, specialty: 机械设计}\n"
        "education:\n"
        "  - {level: high_school, graduated: 2012-06-30}\n"
        "  - {level: junior_college, full_time: true, graduated: 2015-06-30}\n"
        "  - {level: bachelor, full_time: false, graduated: 2021-01-10, degree: bachelor}\n"
        "work: [{start: 2015-07-01}]\n"
        "assessments: {2023: qualified}\n",
        encoding="utf-8",
    )
    code, out, err = cli(*["check", str(p), "--level", "assistant", "--as-of", "2024-03-01", "--format", "json"])
    assert code == 0, out + err
    review = next(x for x in json.loads(out)["results"] if x["route_id"] == "assistant-review")
    assert (review["pathway"], review["eligible"], review["earliest_date"]) == ("college-2y", True, "2017-07-01")
    bachelor = next(a for a in review["alternatives"] if a["pathway"] == "bachelor-1y")
    assert (bachelor["eligible"], bachelor["earliest_date"]) == (True, "2022-01-10")


def _nanjing_bachelor(tmp_path):
    # 002 南京 职称申报指南 二 中级3 "获得学士学位或大学本科毕业，取得助理级职称后，从事专业技术工作
    # 四年以上（评审）；或大学本科毕业后，从事本专业技术工作五年以上（评审）": graduated 2015-06-30,
    # related work from 2015-07-06 (five years: 2020-07-06), assistant certificate 2016-09-01
    # (four years after it: 2020-09-01).
    p = tmp_path / "nj.yaml"
    p.write_text(
        "name: 南京本科\nid_number: '320102199306162429'\n"
        "employer: {name: 某公司, type: enterprise}\n"
        "application: {region: jiangsu-nanjing, series: engineering, specialty: 机械设计}\n"
        "education: [{level: bachelor, graduated: 2015-06-30, degree: bachelor}]\n"
        "work: [{start: 2015-07-06}]\n"
        "titles: [{level: assistant, series: engineering, obtained: 2016-09-01, route: initial}]\n",
        encoding="utf-8",
    )
    return p


def test_the_earliest_date_does_not_move_with_the_check_date(tmp_path, cli):
    p = _nanjing_bachelor(tmp_path)
    seen = set()
    for as_of in ("2020-07-05", "2020-08-01", "2021-03-01"):
        _code, out, _err = cli(*["check", str(p), "--level", "intermediate", "--as-of", as_of, "--format", "json"])
        review = next(x for x in json.loads(out)["results"] if x["route"] == "review")
        seen.add(review["earliest_date"])
    assert seen == {"2020-07-06"}


def test_a_special_pathway_does_not_displace_the_main_line_by_education(cli):
    # contract §3: the Changzhi engineer is reported on the assistant-engineer line
    # (years-after-assistant, 2020-09-01) although the skill-grade pathway held earlier.
    from conftest import EXAMPLES

    code, out, _err = cli(
        *["check", EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2022-08-01", "--level", "intermediate", "--format", "json"]
    )
    res = json.loads(out)["results"][0]
    assert code == 0 and res["earliest_date"] == "2020-09-01"
    assert any(r["rule"] == "years-after-assistant" for r in res["reasons"])


def test_a_nanjing_master_is_an_assistant_from_the_degree_not_a_year_later(tmp_path, cli):
    # 002 南京 职称申报指南 二 助理级1 "获得硕士学位或第二学士学位，经考察合格（初定）" holds on the
    # day of the degree; 助理级2 (a bachelor's and a year) must not be reported instead.
    p = tmp_path / "m.yaml"
    p.write_text(
        "name: 南京硕士\nid_number: '320102199306162429'\n"
        "employer: {name: 某设计院, type: enterprise}\n"
        "application: {region: jiangsu-nanjing, series: engineering, specialty: 城市规划}\n"
        "education:\n"
        "  - {level: bachelor, graduated: 2013-06-30, degree: bachelor}\n"
        "  - {level: master, graduated: 2016-06-30, degree: master}\n"
        "work: [{start: 2016-07-11}]\n",
        encoding="utf-8",
    )
    code, out, _err = cli(*["check", str(p), "--level", "assistant", "--as-of", "2017-08-01", "--format", "json"])
    res = next(x for x in json.loads(out)["results"] if x["route"] == "initial")
    assert code == 0 and (res["pathway"], res["earliest_date"]) == ("master-or-second-bachelor", "2016-06-30")


def test_every_rule_is_checked_in_its_own_pathways_binding_of_diploma_and_title():
    """The exclusions and a route's own requirements are checked once per binding of the
    applicant's diploma and title and shared by the pathways (a third of a check's work): each
    check a pathway shows was still made with that pathway's diploma and title, and finds what
    checking it afresh there finds.  Every bundled profile, on two dates."""
    from pathlib import Path

    from titlecli import regions
    from titlecli.engine import candidates
    from titlecli.profile import load_profile

    examples = Path(__file__).resolve().parent.parent / "examples"
    bound = 0
    for path in sorted(examples.glob("*.yaml")):
        profile = load_profile(path)
        region = regions.load(profile.application.region, path.parent)
        for day in (date(2022, 8, 1), date(2026, 1, 1)):
            for route in region.routes:
                for cand in candidates(region, profile, route, day, day):
                    for c in cand.checks:
                        if c.condition is None:
                            continue
                        assert c.ctx.edu is cand.edu and c.ctx.title is cand.title, (path.name, route.id, c.reason.rule)
                        fresh = c.condition.outcome(c.ctx)
                        assert (fresh.passed, fresh.earliest, fresh.detail) == (c.outcome.passed, c.outcome.earliest, c.outcome.detail)
                        bound += cand.title is not None
    assert bound > 100  # pathways that bind a title are among them
