"""Audit of issue 12, items 13 (Guizhou continuing education, 002_fa2fe71a5f797bd3.txt 贵州 (一)3.3))
and 14 (Yancheng 001_01705311372ec613.txt 七(七)4). The same situations are cases in
examples/cases/guizhou.yaml and jiangsu-yancheng.yaml ("audit12-").
"""

import copy
import json

import yaml
from conftest import EXAMPLES


def load(name):
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


def check(cli, tmp_path, prof, as_of, level="assistant", name="p.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(prof, allow_unicode=True), encoding="utf-8")
    code, out, err = cli("check", path, "--as-of", as_of, "--level", level, "--format", "json")
    assert code in (0, 1), err
    v = json.loads(out)
    assert code == (0 if v["eligible"] else 1)
    (r,) = [r for r in v["results"] if r["route"] == "initial" and r["level"] == level]
    return r, {x["rule"]: x for x in r["reasons"]}


# ---------------------------------------------------------------- item 13: Guizhou


GUIZHOU = load("guizhou-bachelor-assistant.yaml")


def guizhou(**over):
    p = copy.deepcopy(GUIZHOU)
    p.update(over)
    return p


def test_item13_160_hours_in_five_years(cli, tmp_path):
    # (一)3.3) "国有企事业单位初级专业技术人员接受继续教育时间每年为32学时，5年内累计不少于160学时": a graduate
    # of 2014 in post since 2014-07-08, initialised in 2020; 2015-2019 are five whole years: 160 hours.
    edu = [dict(GUIZHOU["education"][0], graduated="2014-07-01")]
    work = [dict(GUIZHOU["work"][0], start="2014-07-08")]
    full = {y: {"total": 32, "public": 8} for y in range(2015, 2020)}
    r, why = check(cli, tmp_path, guizhou(education=edu, work=work, continuing_education=full), "2020-08-03", name="full.yaml")
    assert r["eligible"] is True
    short = {**full, 2017: {"total": 20, "public": 8}}  # 148 in all; the last year still has its 32
    r, why = check(cli, tmp_path, guizhou(education=edu, work=work, continuing_education=short), "2020-08-03", name="short.yaml")
    assert r["eligible"] is False
    assert "2015–2019 年累计 148 学时（需 160）" in why["ce-state-owned"]["message"]


def test_item13_a_graduate_of_last_year_owes_the_years_he_worked_only(cli, tmp_path):
    # the same rule read for a graduate of 2019 (one whole year, 2020): 32 hours, not 160
    r, _ = check(cli, tmp_path, guizhou(continuing_education={2020: {"total": 32, "public": 8}}), "2021-03-01")
    assert r["eligible"] is True


def test_item13_the_hours_include_that_years_public_subjects_the_day_of(cli, tmp_path):
    # (一)3.3) "（以上学时均需当年的公需科目）": the 2020 hours hold no public subjects. On 2020-12-31 the year
    # checked is 2019 (with public subjects); from 2021-01-01 it is 2020.
    ce = {2019: {"total": 32, "public": 12}, 2020: {"total": 32, "professional": 32}}
    r, _ = check(cli, tmp_path, guizhou(continuing_education=ce), "2020-12-31", name="a.yaml")
    assert r["eligible"] is True
    r, why = check(cli, tmp_path, guizhou(continuing_education=ce), "2021-01-01", name="b.yaml")
    assert r["eligible"] is False and "2020 年没有公需科目学时" in why["ce-state-owned"]["message"]


# ---------------------------------------------------------------- item 14: Yancheng


YANCHENG = load("jiangsu-yancheng-bachelor.yaml")


def test_item14_a_year_without_a_grade_is_not_a_refusal(cli, tmp_path):
    # 七(七)4 "in violation of professional ethics or annual assessment of incompetence, basically cancel
    # the title" (违反职业道德或年度考核不称职、基本称职的): only 不称职 and 基本称职 refuse.
    def run(grade, name):
        p = dict(copy.deepcopy(YANCHENG), assessments={2015: grade})
        return check(cli, tmp_path, p, "2016-08-01", name=name)

    r, why = run("none", "none.yaml")
    assert r["eligible"] is True and why["assessment-below-qualified"]["passed"] is True
    r, why = run("basically_qualified", "bq.yaml")
    assert (r["eligible"], r["earliest_date"]) == (False, None)
    assert why["assessment-below-qualified"]["passed"] is False
