"""Audit of issue 12, items 1, 4, 5, 8, 9, 10 (region `national` and the regions extending it)
and 11 (Qinghai): each test quotes the passage of 000_c538dbbcd327a8c4.txt (the Q&A
compilation) or 004_ce60e6eaf5134221.txt (Qinghai 2022) that decides it.

The same situations are cases in examples/cases/national.yaml and qinghai-2022.yaml (names
starting "audit12-").
"""

from pathlib import Path

import pytest
import yaml
from conftest import check_json, reasons, result

ID = "110106199709095677"  # an invented Beijing Haidian resident ID with a valid check digit
PAPER = {"title": "某型减速器齿轮的疲劳寿命分析", "published": "2016-05-01"}


def write(tmp_path, name="p.yaml", **over):
    data = {
        "name": "测试",
        "id_number": ID,
        "employer": {"name": "北京某单位", "type": "enterprise"},
        "application": {"region": "national", "series": "engineering", "specialty": "机械设计"},
        "education": [{"level": "bachelor", "graduated": "2012-07-01", "degree": "bachelor", "major": "机械工程"}],
        "work": [{"employer": "北京某单位", "start": "2012-07-15"}],
    }
    data.update(over)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


check = check_json


def pathways(r):
    """Every pathway of a result: the reported one and the alternatives, by id -> eligible."""
    out = {a["pathway"]: a["eligible"] for a in r["alternatives"]}
    out[r["pathway"]] = r["eligible"]
    return out


# ---------------------------------------------------------------- item 1: 破格 (三.2)

ASSISTANT = [{"level": "assistant", "series": "engineering", "obtained": "2019-09-01", "route": "initial"}]


def test_item1_a_municipal_prize_is_one_condition_not_two(cli, tmp_path):
    # 三.2 "Applicants who apply for mid-level positions as an exception must meet two of the
    # following conditions: 1. … the main finishers of projects that have won second prize or
    # above for local (municipal) scientific and technological progress … 3. While serving as an
    # assistant, those who … won the title of outstanding entrepreneur or advanced professional
    # and technical worker at the prefectural (municipal) level": a prize won while an assistant
    # is condition 1 only; condition 3 is an honorary title.
    p = write(tmp_path, titles=ASSISTANT, papers=[PAPER], awards=[{"name": "市科技进步奖", "level": "municipal", "grade": 2, "year": 2020}])
    r = result(check(cli, p, "2021-01-01", "intermediate"), "intermediate-review")
    assert r["eligible"] is False
    assert not any(pathways(r).values())
    # with the honorary title as well, two conditions hold
    honour = {"name": "市先进专业技术工作者", "kind": "advanced_worker", "level": "municipal", "obtained": "2020-05-01"}
    p = write(
        tmp_path,
        "b.yaml",
        titles=ASSISTANT,
        papers=[PAPER],
        honours=[honour],
        awards=[{"name": "市科技进步奖", "level": "municipal", "grade": 2, "year": 2020}],
    )
    r = result(check(cli, p, "2021-01-01", "intermediate"), "intermediate-review")
    assert (r["eligible"], r["pathway"]) == (True, "exception-award-and-honour")
    assert reasons(r)["exception-honour"]["source"] == "《申报初定职称的条件和程序是什么》三.2 中级破格 3"


def test_item1_a_municipal_third_prize_does_not_count(cli, tmp_path):
    # 三.2 中级破格 1 "… second prize or above for local (municipal) scientific and technological progress"
    honour = {"name": "市优秀企业家", "kind": "outstanding_entrepreneur", "level": "municipal", "obtained": "2020-05-01"}
    p = write(
        tmp_path,
        titles=ASSISTANT,
        papers=[PAPER],
        honours=[honour],
        awards=[{"name": "市科技进步奖", "level": "municipal", "grade": 3, "year": 2020}],
    )
    r = result(check(cli, p, "2021-01-01", "intermediate"), "intermediate-review")
    assert pathways(r)["exception-award-and-honour"] is False


def test_item1_the_honour_counts_from_the_day_the_assistant_title_was_obtained(cli, tmp_path):
    # 三.2 中级破格 3 "While serving as an assistant": the assistant title since 2019-09-01; an
    # honour of that day counts (the day of), one of the day before does not.
    prize = {"name": "省科技进步奖", "level": "provincial", "grade": 3, "year": 2020}

    def run(obtained, name):
        honour = {"name": "市先进专业技术工作者", "kind": "advanced_worker", "level": "municipal", "obtained": obtained}
        p = write(tmp_path, name, titles=ASSISTANT, papers=[PAPER], honours=[honour], awards=[prize])
        return result(check(cli, p, "2021-01-01", "intermediate"), "intermediate-review")

    assert pathways(run("2019-08-31", "before.yaml"))["exception-award-and-honour"] is False
    assert pathways(run("2019-09-01", "of.yaml"))["exception-award-and-honour"] is True


def test_item1_senior_exception_two_of_five(cli, tmp_path):
    # 三.2 "Applicants who apply for senior positions as an exception must meet two of the
    # following conditions: 1. … young experts … at or above the prefectural and municipal levels
    # … 2. … the second prize or above of the province or ministry"
    inter = [{"level": "intermediate", "series": "engineering", "obtained": "2019-09-01", "route": "review"}]
    expert = {"name": "市有突出贡献的中青年专家", "kind": "expert", "level": "municipal", "obtained": "2020-05-01"}
    prize = {"name": "省科技进步奖", "level": "provincial", "grade": 2, "year": 2020}
    p = write(tmp_path, titles=inter, papers=[PAPER], honours=[expert], awards=[prize])
    r = result(check(cli, p, "2021-01-01", "deputy_senior"), "deputy-senior-review")
    assert (r["eligible"], r["pathway"]) == (True, "exception-honour-and-award")
    # a provincial 3rd prize is not condition 2 for the senior exception
    p = write(tmp_path, "b.yaml", titles=inter, papers=[PAPER], honours=[expert], awards=[dict(prize, grade=3)])
    assert result(check(cli, p, "2021-01-01", "deputy_senior"), "deputy-senior-review")["eligible"] is False


# ---------------------------------------------------------------- item 4: health (一 注意事项(4))


def test_item4_health_is_neither_initialised_nor_reviewed_below_senior(cli, tmp_path):
    # 一 注意事项(4) "Health technicians working in medical and health institutions should take the
    # national examination to obtain professional and technical qualifications"
    p = write(tmp_path, application={"region": "national", "series": "health", "specialty": "护理"}, assessments={2020: "qualified"})
    v = check(cli, p, "2021-01-01", "assistant")
    assert v["eligible"] is False
    review = result(v, "assistant-review")
    assert reasons(review)["health-not-initialised"]["passed"] is False
    assert (review["eligible"], review["earliest_date"]) == (False, None)


# ---------------------------------------------------------------- item 5: exam-only series (一 注意事项(2)(3))


def test_item5_the_review_table_does_not_reopen_an_exam_series_to_other_majors(cli, tmp_path):
    # 一 注意事项(2) "Majors that implement national qualification examinations (such as economics,
    # accounting, statistics, auditing, etc.) must be national Only graduates of this major from
    # regular full-time colleges … can have preliminary professional titles"; (3) the others
    # "participate in … training, and after passing the examination … apply"
    acc = {"region": "national", "series": "accounting", "specialty": "会计"}
    other = [{"level": "bachelor", "graduated": "2018-07-01", "degree": "bachelor", "major": "汉语言文学", "related": False}]
    p = write(tmp_path, application=acc, education=other, work=[{"start": "2018-07-15", "related": False}], assessments={2019: "qualified"})
    v = check(cli, p, "2020-01-01", "assistant")
    assert v["eligible"] is False
    assert reasons(result(v, "assistant-review"))["exam-series-junior-review"]["passed"] is False
    # a full-time graduate of the major is initialised after the year (一.2(3))
    own = [{"level": "bachelor", "graduated": "2018-07-01", "degree": "bachelor", "major": "会计学"}]
    p = write(tmp_path, "b.yaml", application=acc, education=own, work=[{"start": "2018-07-15"}])
    r = result(check(cli, p, "2020-01-01", "assistant"), "assistant-initial")
    assert (r["eligible"], r["earliest_date"]) == (True, "2019-07-15")


# ---------------------------------------------------------------- item 8: engineers (十)


def test_item8_a_chinese_literature_bachelor_is_not_an_engineer_by_review(cli, tmp_path):
    # 十 "Also, you must be an engineering graduate to apply for an engineer professional title."
    lit = [{"level": "bachelor", "graduated": "2012-07-01", "degree": "bachelor", "major": "汉语言文学", "discipline": "literature"}]
    titles = [{"level": "assistant", "series": "engineering", "name": "助理工程师", "obtained": "2014-09-01", "route": "review"}]
    certs = [{"kind": "foreign_language"}, {"kind": "computer"}]
    p = write(tmp_path, education=lit, titles=titles, papers=[PAPER], certificates=certs)
    v = check(cli, p, "2020-01-01", "intermediate")
    assert v["eligible"] is False
    why = reasons(result(v, "engineer-review"))["engineering-graduate"]
    assert why["passed"] is False and "文学" in why["message"]
    # the same applicant with a 工学 major is an engineer since 2018-09-01 (4 years as assistant)
    eng = [dict(lit[0], major="机械工程", discipline="engineering")]
    p = write(tmp_path, "b.yaml", education=eng, titles=titles, papers=[PAPER], certificates=certs)
    r = result(check(cli, p, "2020-01-01", "intermediate"), "engineer-review")
    assert (r["eligible"], r["earliest_date"]) == (True, "2018-09-01")


# ---------------------------------------------------------------- item 9: papers (八.4)


def test_item9_intermediate_review_needs_a_published_paper_the_day_of(cli, tmp_path):
    # 八.4 "Junior professional titles do not need to publish a paper, and intermediate and above
    # professional titles A paper must be published." The years are complete on 2018-09-01
    # (4 years as assistant agronomist); the paper is published on 2021-03-01.
    agri = {"region": "national", "series": "agriculture", "specialty": "农学"}
    titles = [{"level": "assistant", "series": "agriculture", "obtained": "2014-09-01", "route": "initial"}]
    paper = {"title": "玉米密植栽培技术试验", "published": "2021-03-01"}
    p = write(tmp_path, application=agri, titles=titles, papers=[paper])
    r = result(check(cli, p, "2021-02-28", "intermediate"), "intermediate-review")
    assert r["eligible"] is False and reasons(r)["published-paper"]["passed"] is False
    r = result(check(cli, p, "2021-03-01", "intermediate"), "intermediate-review")
    assert r["eligible"] is True and reasons(r)["published-paper"]["source"] == "《申报初定职称的条件和程序是什么》八.4"
    # 初定 needs none: 一.2(4) a master is initialised as intermediate three years on
    master = [{"level": "master", "graduated": "2017-07-01", "degree": "master", "major": "机械工程"}]
    p = write(tmp_path, "m.yaml", education=master, work=[{"start": "2017-07-15"}])
    r = result(check(cli, p, "2020-07-15", "intermediate"), "intermediate-initial")
    assert r["eligible"] is True


# ---------------------------------------------------------------- item 10: a first application (五.2)


def test_item10_a_title_held_at_the_level_is_not_initialised_again(cli, tmp_path):
    # 五.2 "When graduates of formal full-time colleges recognized by the state apply for
    # professional and technical position qualifications for the first time, they do not need to
    # participate in the review": an assistant economist (by exam, 2020-10-01) is not initialised
    # as assistant engineer; before the exam title (the day before) she still could be.
    held = [{"level": "assistant", "series": "economics", "obtained": "2020-10-01", "route": "exam"}]
    p = write(
        tmp_path,
        titles=held,
        education=[{"level": "bachelor", "graduated": "2019-07-01", "degree": "bachelor"}],
        work=[{"start": "2019-07-15"}],
    )
    r = result(check(cli, p, "2020-09-30", "assistant"), "assistant-initial")
    assert r["eligible"] is True
    r = result(check(cli, p, "2020-10-01", "assistant"), "assistant-initial")
    assert r["eligible"] is False and reasons(r)["first-application-only"]["passed"] is False
    # the rule is national's, so a region extending national has it too
    p = write(
        tmp_path,
        "s.yaml",
        application={"region": "shanghai", "series": "engineering", "specialty": "机械设计"},
        titles=held,
        education=[{"level": "bachelor", "graduated": "2019-07-01", "degree": "bachelor"}],
        work=[{"start": "2019-07-15"}],
    )
    r = result(check(cli, p, "2020-10-01", "assistant"), "assistant-initial")
    assert reasons(r)["first-application-only"]["passed"] is False


# ---------------------------------------------------------------- item 11: Qinghai 三(四)2


def test_item11_qinghai_counts_papers_from_the_year_after_the_present_title(cli, tmp_path):
    # 004 三(四)2 "The performance of the applicant shall be calculated from the year after
    # obtaining the current professional and technical qualification": assistant agronomist
    # 2014-09-01; a paper of 2014-12-31 does not count, one of 2015-01-01 does.
    def run(published, name):
        p = write(
            tmp_path,
            name,
            employer={"name": "西宁市某农业技术推广站", "type": "public_institution"},
            application={"region": "qinghai-2022", "series": "agriculture", "specialty": "农学"},
            titles=[{"level": "assistant", "series": "agriculture", "obtained": "2014-09-01", "route": "review"}],
            papers=[{"title": "高原春小麦节水栽培试验", "published": published}],
        )
        return result(check(cli, p, "2022-12-20", "intermediate"), "intermediate-review")

    r = run("2014-12-31", "before.yaml")
    assert r["eligible"] is False and reasons(r)["published-paper"]["passed"] is False
    assert "2015-01-01" in reasons(r)["published-paper"]["message"]
    assert run("2015-01-01", "of.yaml")["eligible"] is True
    # national itself counts the paper whenever it was published
    p = write(
        tmp_path,
        "n.yaml",
        application={"region": "national", "series": "agriculture", "specialty": "农学"},
        titles=[{"level": "assistant", "series": "agriculture", "obtained": "2014-09-01", "route": "review"}],
        papers=[{"title": "高原春小麦节水栽培试验", "published": "2014-12-31"}],
    )
    assert result(check(cli, p, "2022-12-20", "intermediate"), "intermediate-review")["eligible"] is True


# ---------------------------------------------------------------- items 4 and 10 in every region on national's tables

EXTENDING_NATIONAL = sorted(
    p.stem
    for p in (Path(__file__).resolve().parent.parent / "regions").glob("*.yaml")
    if yaml.safe_load(p.read_text(encoding="utf-8")).get("extends") == "national"
)


def test_the_regions_on_nationals_tables_are_the_five_the_issue_means():
    assert EXTENDING_NATIONAL == ["guangdong-guangzhou", "guangdong-shenzhen", "qinghai-2022", "shanghai", "sichuan-panzhihua"]


@pytest.mark.parametrize("region", EXTENDING_NATIONAL)
def test_items_4_and_10_hold_in_every_region_on_nationals_tables(cli, tmp_path, region):
    # 一 注意事项(4) health titles come from the national exam; 五.2 initial determination is a first
    # application: in every region whose initial and review routes are national's, not only national
    where = {"region": region, "series": "health", "specialty": "护理"}
    v = check(cli, write(tmp_path, "h.yaml", application=where, assessments={2013: "qualified"}), "2014-01-01", "assistant")
    assert v["eligible"] is False and all(not r["eligible"] and r["earliest_date"] is None for r in v["results"])
    held = [{"level": "assistant", "series": "economics", "obtained": "2013-10-01", "route": "exam"}]
    where = {"region": region, "series": "engineering", "specialty": "机械设计"}
    v = check(cli, write(tmp_path, "t.yaml", application=where, titles=held), "2014-01-01", "assistant")
    initial = [r for r in v["results"] if r["route"] == "initial"]
    assert initial and all(reasons(r)["first-application-only"]["passed"] is False for r in initial)
