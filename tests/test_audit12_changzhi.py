"""Audit of issue 12, items 2, 3, 6, 7 and 12: the Changzhi 2022 notice (003_abb6e7983df217bd.txt,
长工信〔2022〕139号). Each test quotes the passage that decides it.

Years in Changzhi are counted to 2022-12-31 (三(一)3 "即2018年12月31日前聘任助理级"), so the day
before / the day of is a date inside the profile (an appointment, a title), not --as-of.
The same situations are cases in examples/cases/shanxi-changzhi-2022.yaml ("audit12-").
"""

import copy

import yaml
from conftest import EXAMPLES, check_json, reasons, result

BASE = yaml.safe_load((EXAMPLES / "changzhi-engineer.yaml").read_text(encoding="utf-8"))
BASE.pop("skills")  # the 技师 pathway is item 6's own test
BASE.pop("documents", None)


def profile(**over):
    p = copy.deepcopy(BASE)
    p.update(over)
    return p


def check(cli, tmp_path, prof, level="intermediate", name="p.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(prof, allow_unicode=True), encoding="utf-8")
    return check_json(cli, path, "2022-08-01", level)


def achievement(**over):
    a = {"title": "某生产线技术改造", "level": "municipal", "role": "key_member", "rank": 2, "accepted": True, "year": 2020}
    a.update(over)
    return a


# ---------------------------------------------------------------- item 2: 三(一)5


def test_item2_the_role_is_the_rank_and_the_band_includes_its_number(cli, tmp_path):
    # 三(一)5 "“主要技术骨干”指，国家级项目课题 2-15 名，省（部）级项目课题 2-10 名，市（厅）级或大型企业项目课题
    # 2-8 名（包括子项目或子课题）。“以上”均含本级或本数。"
    for level, last in (("municipal", 8), ("provincial", 10), ("national", 15)):
        ok = check(cli, tmp_path, profile(achievements=[achievement(level=level, rank=last)]), name=f"{level}-in.yaml")
        assert result(ok, "engineer-review")["eligible"] is True, level
        out = check(cli, tmp_path, profile(achievements=[achievement(level=level, rank=last + 1)]), name=f"{level}-out.yaml")
        why = reasons(result(out, "engineer-review"))["achievement"]
        assert why["passed"] is False and f"第 {last + 1}" in why["message"], why


def test_item2_the_project_is_municipal_or_of_an_enterprise_above_designated_size(cli, tmp_path):
    # 三(一)5(1) "主持或作为主要技术骨干参与完成市厅级以上或规上企业科研、工程技术项目 1 项"; the bands name
    # 大型企业 (2-8) but no band for a 规上 enterprise that is not large: there only the 主持 counts.
    def eligible(name, **a):
        v = check(cli, tmp_path, profile(achievements=[achievement(level="enterprise", **a)]), name=name)
        return result(v, "engineer-review")["eligible"]

    assert eligible("large8.yaml", enterprise_scale="large", rank=8) is True
    assert eligible("large9.yaml", enterprise_scale="large", rank=9) is False
    assert eligible("above1.yaml", enterprise_scale="above_designated", rank=1, role="lead") is True
    assert eligible("above2.yaml", enterprise_scale="above_designated", rank=2) is False
    assert eligible("below1.yaml", enterprise_scale="below_designated", rank=1, role="lead") is False
    assert eligible("unstated1.yaml", rank=1, role="lead") is False


# ---------------------------------------------------------------- item 3: 二, 三(一)3


PUBLIC = {"name": "长治市某研究院", "type": "public_institution"}


def test_item3_a_public_institution_applicant_holds_a_professional_post_paid_as_one(cli, tmp_path):
    # 二 "事业单位申报人员须是在本单位专业技术岗位聘用并兑现相应专业技术岗位工资"
    titles = [dict(BASE["titles"][0], appointed="2016-12-01")]
    work = [dict(BASE["work"][0], professional=True, professional_pay=True)]
    v = check(cli, tmp_path, profile(employer=PUBLIC, titles=titles, work=work), name="paid.yaml")
    assert result(v, "engineer-review")["eligible"] is True
    for name, post in (
        ("admin.yaml", {"professional": False}),
        ("unpaid.yaml", {"professional": True, "professional_pay": False}),
    ):
        v = check(cli, tmp_path, profile(employer=PUBLIC, titles=titles, work=[dict(BASE["work"][0], **post)]), name=name)
        r = result(v, "engineer-review")
        assert (r["eligible"], r["earliest_date"]) == (False, None)
        assert reasons(r)["public-institution-professional-post"]["passed"] is False


def test_item3_a_public_institution_counts_the_years_from_the_appointment(cli, tmp_path):
    # 三(一)3 "取得助理工程师职称后从事技术工作满4年（即2018年12月31日前聘任助理级）"; 三(一)2 "企业及非公有制组织中的
    # 专业技术人员，取得任职资格后，从事相应专业技术时间，可按相应任职时间计算". Title obtained 2016-09-01; appointed on
    # 2018-12-31 (the day of) the four years are full on the cut-off 2022-12-31; appointed 2019-01-01 (the day
    # after) they are not.
    work = [dict(BASE["work"][0], professional_pay=True)]

    def run(appointed, employer, name):
        titles = [dict(BASE["titles"][0], appointed=appointed)]
        return result(check(cli, tmp_path, profile(employer=employer, titles=titles, work=work), name=name), "engineer-review")

    r = run("2018-12-31", PUBLIC, "of.yaml")
    assert (r["eligible"], r["earliest_date"]) == (True, "2022-12-31")
    assert "2018-12-31 聘任" in reasons(r)["years-after-assistant"]["message"]
    r = run("2019-01-01", PUBLIC, "after.yaml")
    assert (r["eligible"], r["earliest_date"]) == (False, "2023-01-01")
    # an enterprise counts from the day the title was obtained (2016-09-01: four years on 2020-09-01)
    r = run("2019-01-01", {"name": "长治市某公司", "type": "enterprise"}, "enterprise.yaml")
    assert (r["eligible"], r["earliest_date"]) == (True, "2020-09-01")


# ---------------------------------------------------------------- item 6: 三(一)2-3


def test_item6_the_technician_clause_replaces_the_years_not_the_diploma(cli, tmp_path):
    # 三(一)2 "申报工程师须取得与本人所从事专业相同或相近专业大学专科及以上学历"; 三(一)3 "…或取得工人技术等级技师职务
    # 从事3年以上专业技术工作". Technician since 2019-06-01, no assistant title.
    skills = [{"grade": "technician", "obtained": "2019-06-01"}]
    secondary = [{"level": "secondary_vocational", "major": "机械制造", "graduated": "2008-07-01"}]
    v = check(cli, tmp_path, profile(titles=[], skills=skills, education=secondary), name="secondary.yaml")
    r = result(v, "engineer-review")
    assert r["eligible"] is False
    assert not any(a["pathway"] == "technician-3y" and a["eligible"] for a in r["alternatives"])
    college = [{"level": "junior_college", "major": "机械制造与自动化", "graduated": "2008-07-01"}]
    v = check(cli, tmp_path, profile(titles=[], skills=skills, education=college), name="college.yaml")
    r = result(v, "engineer-review")
    assert (r["eligible"], r["pathway"], r["earliest_date"]) == (True, "technician-3y", "2022-06-01")


# ---------------------------------------------------------------- item 7: 三(一)7, 三(二)6


def test_item7_a_year_below_qualified_lengthens_the_time_instead_of_barring(cli, tmp_path):
    # 三(二)6 "申报人必须参加年度考核，且规定的任职年限内考核结果均应在合格以上，合格以下及未定等次的不得计入任职年限".
    # Technician (技术员) since 2016-09-01, junior college: two years on 2018-09-01; with 2017 基本合格 the
    # year is left out and the two years are full a year later, on 2019-09-01.
    college = [{"level": "junior_college", "major": "机械制造与自动化", "graduated": "2015-07-01"}]
    member = [{"level": "member", "series": "engineering", "name": "技术员", "obtained": "2016-09-01", "route": "initial"}]
    reports = [{"title": f"技术报告{i}", "published": "2018-03-01", "kind": "technical_material"} for i in (1, 2)]
    base = dict(education=college, titles=member, papers=reports, achievements=[])

    def run(grade, name):
        assessments = {2016: "qualified", 2017: grade, 2018: "qualified", 2019: "qualified", 2020: "qualified", 2021: "qualified"}
        v = check(cli, tmp_path, profile(assessments=assessments, **base), level="assistant", name=name)
        return result(v, "assistant-engineer-review")

    r = run("qualified", "q.yaml")
    assert (r["eligible"], r["earliest_date"]) == (True, "2018-09-01")
    r = run("basically_qualified", "bq.yaml")
    assert (r["eligible"], r["earliest_date"]) == (True, "2019-09-01")
    assert "2017 年度考核未达合格，不计入" in reasons(r)["years-after-member"]["message"]
    # 未定等次 is left out the same way (三(一)7 "合格以下及未定等次的不得计入任职年限")
    assert run("none", "none.yaml")["earliest_date"] == "2019-09-01"


def test_item7_engineer_years_move_by_the_year_left_out(cli, tmp_path):
    # 三(一)7 "合格以下及未定等次的不得计入任职年限": assistant since 2016-09-01, 2017 不合格: the four years
    # are full on 2021-09-01 instead of 2020-09-01 (four qualified years 2018-2021 remain).
    assessments = {**BASE["assessments"], 2017: "unqualified"}
    r = result(check(cli, tmp_path, profile(assessments=assessments)), "engineer-review")
    assert (r["eligible"], r["earliest_date"]) == (True, "2021-09-01")


# ---------------------------------------------------------------- item 12: 三(四)


def test_item12_a_transfer_needs_the_latest_assessment(cli, tmp_path):
    # 三(四) "对取得其他系列中、初级专业技术职务任职资格的，需在工程技术工作岗位工作满一年以上，并经考核证明能胜任现岗位
    # 工作，可以转评同级工程专业技术职务任职资格"
    titles = [{"level": "intermediate", "series": "economics", "name": "经济师", "obtained": "2019-09-01", "route": "exam"}]

    def run(grade, name):
        v = check(cli, tmp_path, profile(titles=titles, assessments={2020: "qualified", 2021: grade}), name=name)
        return result(v, "engineer-transfer")

    assert run("qualified", "ok.yaml")["eligible"] is True
    r = run("basically_qualified", "bq.yaml")
    assert r["eligible"] is False and reasons(r)["competent-in-post"]["passed"] is False
