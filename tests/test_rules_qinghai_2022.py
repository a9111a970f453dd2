"""Qinghai 2022 province-wide notice (004_ce60e6eaf5134221.txt), through the real CLI.

The region extends `national` (the notice has no years table and says "Matters not covered shall
be implemented according to the relevant policies and regulations of the state"), so these tests
check what Qinghai adds: the year-end cut-off, the private-enterprise social insurance year and
the village first secretaries' year early.
"""

import json
from datetime import date

import yaml

REGION = "qinghai-2022"


def profile(**over):
    """A Xining agronomist: bachelor 2014, assistant agronomist 2019-09-01 (national practice
    asks 4 years at assistant level for the intermediate review, 000 三.1.2⑴)."""
    p = {
        "name": "韩文娟",
        "id_number": "630103198811200021",
        "employer": {"name": "西宁市某农业技术推广站", "type": "public_institution"},
        "application": {"region": REGION, "series": "agriculture", "level": "intermediate"},
        "education": [{"level": "bachelor", "graduated": "2014-07-01", "degree": "bachelor", "major": "农学"}],
        "work": [{"employer": "西宁市某农业技术推广站", "start": "2014-07-15"}],
        "titles": [{"level": "assistant", "series": "agriculture", "obtained": "2019-09-01", "route": "review"}],
        # 000 八.4 "intermediate and above professional titles A paper must be published", counted
        # from the year after the present title (三(四)2): 2020 or later
        "papers": [{"title": "高原春小麦节水栽培试验", "published": "2021-03-01"}],
    }
    for k, v in over.items():
        p[k] = v
    return p


def run_check(cli, tmp_path, prof, as_of="2022-12-20", level="intermediate", lang="zh"):
    path = tmp_path / f"p{len(list(tmp_path.iterdir()))}.yaml"
    path.write_text(yaml.safe_dump(prof, allow_unicode=True), encoding="utf-8")
    code, out, err = cli("check", path, "--as-of", as_of, "--level", level, "--format", "json", "--lang", lang)
    assert code in (0, 1), err
    v = json.loads(out)
    assert code == (0 if v["eligible"] else 1)
    return v


def review(v):
    """The intermediate review result (national's all-series 评审 route)."""
    return next(r for r in v["results"] if r["route_id"] == "intermediate-review")


def rule(result, rule_id):
    hits = [x for x in result["reasons"] if x["rule"] == rule_id]
    return hits[0] if hits else None


def private(since, special=None, **over):
    """The same agronomist working for a private company, insured locally since `since`."""
    return profile(
        employer={"name": "西宁某新能源科技有限公司", "type": "non_public"},
        special={"local_social_insurance_since": since, **(special or {})},
        **over,
    )


# ------------------------------------------------------------ 二(七)1 private enterprises


def test_qinghai_private_enterprise_needs_one_year_of_local_social_insurance_by_the_cut_off(cli, tmp_path):
    # 二(七)1 "who work in private enterprises in our province ... and participated in social
    # insurance at the place where their work units are located 1 year or more, can declare";
    # 三(4)2 "The deadline for qualification is the end of 65438+February 2022" (2022年12月底).
    # The day of: insured since 2021-12-31, a full year on 2022-12-31.
    v = run_check(
        cli,
        tmp_path,
        private("2021-12-31", titles=[{"level": "assistant", "series": "agriculture", "obtained": "2018-09-01", "route": "review"}]),
    )
    r = review(v)
    assert rule(r, "local-social-insurance-1y")["passed"] is True
    assert v["eligible"] is True and r["earliest_date"] == "2022-12-31"
    # The day before: insured since 2022-01-01 is one day short at the cut-off, even when the
    # check runs in March 2023 (within the notice's period): years stop at 2022-12-31.
    v = run_check(
        cli,
        tmp_path,
        private("2022-01-01", titles=[{"level": "assistant", "series": "agriculture", "obtained": "2018-09-01", "route": "review"}]),
        as_of="2023-03-01",
    )
    r = review(v)
    reason = rule(r, "local-social-insurance-1y")
    assert reason["passed"] is False and "2022-12-31" in reason["message"]
    assert reason["source"] == "《关于做好2022年度职称评审工作的通知》二(七)1"
    assert v["eligible"] is False and r["earliest_date"] == "2023-01-01"
    assert v["count_until"] == "2022-12-31"


def test_qinghai_private_enterprise_without_a_local_insurance_date_is_told_what_is_missing(cli, tmp_path):
    # 二(七)1: the date local insurance began is the fact the rule needs.
    prof = profile(employer={"name": "西宁某新能源科技有限公司", "type": "non_public"})
    v = run_check(cli, tmp_path, prof)
    reason = rule(review(v), "local-social-insurance-1y")
    assert reason["passed"] is False and "未填写本地社保起缴时间" in reason["message"]
    assert review(v)["earliest_date"] is None
    v = run_check(cli, tmp_path, prof, lang="en")
    assert "no local social insurance date given" in rule(review(v), "local-social-insurance-1y")["message"]


def test_qinghai_social_insurance_rule_is_only_for_private_enterprises(cli, tmp_path):
    # 二(七)1 speaks of private enterprises; 二(七)2 "Professional and technical personnel of
    # various enterprises and institutions ... do not need to provide on-the-job certificates".
    for kind in ("public_institution", "enterprise"):
        v = run_check(cli, tmp_path, profile(employer={"name": "某单位", "type": kind}))
        assert rule(review(v), "local-social-insurance-1y") is None


# ------------------------------------------------------------ 一(三)3 village first secretaries


def first_secretary(start="2019-04-01", end="2021-06-30", rating="excellent"):
    return {"village_first_secretary": {"start": start, "end": end, "rating": rating}}


def test_qinghai_first_secretary_two_years_excellent_applies_one_year_early(cli, tmp_path):
    # 一(三)3 "sent by the organization to the village as the first secretary ... in the village
    # for more than 2 years (real years) continuously ... excellent annual assessment, and can
    # declare their titles at the next higher level 1 year in advance".
    plain = review(run_check(cli, tmp_path, profile()))
    assert plain["eligible"] is False and plain["earliest_date"] == "2023-09-01"
    v = run_check(cli, tmp_path, profile(special=first_secretary()))
    early = review(v)
    assert early["eligible"] is True and v["eligible"] is True
    assert date.fromisoformat(early["earliest_date"]) == date(2022, 9, 1)
    adj = rule(early, "first-secretary-one-year-early")
    assert adj["passed"] is True and adj["source"] == "《关于做好2022年度职称评审工作的通知》一(三)3"
    # the message says what the shortened need is, not only the rule's own 4 years
    assert any("放宽后需满 3 年" in x["message"] for x in early["reasons"])


def test_qinghai_first_secretary_year_early_is_for_the_next_higher_level_only(cli, tmp_path):
    # 一(三)3 "declare their titles at the next higher level 1 year in advance": an assistant
    # agronomist gains the year for the intermediate title, not for deputy senior.
    v = run_check(cli, tmp_path, profile(special=first_secretary()), level="deputy_senior")
    senior = next(r for r in v["results"] if r["route_id"] == "deputy-senior-review")
    assert rule(senior, "first-secretary-one-year-early") is None
    # graduated 2014-07-01, work from 2014-07-15: ten years after graduation are not shortened
    # (the bachelor pathway may be an alternative to a 破格 pathway with fewer unmet conditions)
    unmet = [x["message"] for x in senior["reasons"] if not x["passed"]]
    unmet += [m for a in senior["alternatives"] if a["pathway"] == "bachelor-10y-intermediate-5y" for m in a["unmet"]]
    assert any("需满 10 年" in m for m in unmet), unmet


def test_qinghai_first_secretary_needs_two_full_years_in_the_village(cli, tmp_path):
    # 一(三)3 "more than 2 years (real years) continuously": 2019-03-01 to 2021-02-28 is two full
    # years (the day of); leaving on 2021-02-27 is one day short (the day before).
    v = run_check(cli, tmp_path, profile(special=first_secretary("2019-03-01", "2021-02-28")))
    assert rule(review(v), "first-secretary-one-year-early") is not None and v["eligible"] is True
    v = run_check(cli, tmp_path, profile(special=first_secretary("2019-03-01", "2021-02-27")))
    assert rule(review(v), "first-secretary-one-year-early") is None and v["eligible"] is False


def test_qinghai_first_secretary_needs_an_excellent_rating(cli, tmp_path):
    # 一(三)3 "have excellent annual assessment": qualified is not enough.
    v = run_check(cli, tmp_path, profile(special=first_secretary(rating="qualified")))
    assert rule(review(v), "first-secretary-one-year-early") is None
    assert v["eligible"] is False and review(v)["earliest_date"] == "2023-09-01"


def test_qinghai_first_secretary_year_does_not_shorten_the_year_of_local_insurance(cli, tmp_path):
    # 一(三)3 shortens the years of the title routes; 二(七)1's year of local insurance is a
    # separate condition and stays one year.
    prof = private("2022-06-01", special=first_secretary())
    v = run_check(cli, tmp_path, prof)
    r = review(v)
    assert rule(r, "first-secretary-one-year-early") is not None
    assert rule(r, "local-social-insurance-1y")["passed"] is False
    assert v["eligible"] is False and r["earliest_date"] == "2023-06-01"


# ------------------------------------------------------------ notice period, inheritance, show


def test_qinghai_notice_runs_to_the_end_of_march_2023(cli, tmp_path):
    # 三(4) "will start from now on and be completed before the end of March 2023".
    v = run_check(cli, tmp_path, profile(), as_of="2023-03-31")
    assert v["warnings"] == []
    v = run_check(cli, tmp_path, profile(), as_of="2023-04-01")
    assert any("2023-03-31" in w for w in v["warnings"])


def test_qinghai_keeps_national_rules_not_covered_by_the_notice(cli, tmp_path):
    # 三 末段 "Matters not covered shall be implemented according to the relevant policies and
    # regulations of the state": national's civil-servant exclusion still applies.
    prof = profile(status={"civil_servant": True})
    v = run_check(cli, tmp_path, prof)
    assert v["eligible"] is False and rule(review(v), "civil-servant")["passed"] is False


def test_qinghai_region_reads_in_both_languages(cli):
    code, out, err = cli("regions", "show", REGION)
    assert code == 0, err
    assert "青海" in out and "2022-12-31" in out and "《关于做好2022年度职称评审工作的通知》一(三)3" in out
    code, out, err = cli("regions", "show", REGION, "--lang", "en")
    assert code == 0, err
    assert "Years counted to: 2022-12-31" in out and "Submission window: from 2022-12-11" in out
    # the region's own English wording, not the Chinese, for its name, relaxations and materials
    assert "Qinghai · 2022" in out and "next level one year early" in out and "aid-to-Qinghai" in out
    assert "Online system: 青海省职称评审系统" in out
