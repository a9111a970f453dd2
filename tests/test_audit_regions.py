"""Audit of issue 2: behaviour found by checking hand-derived situations against the seeds.

The situations themselves are cases in examples/cases/<region>.yaml (names starting "audit-");
this file holds what a case file cannot say: the wording a user reads.
"""

import json

import yaml

PROFILE = {
    "name": "测试",
    "id_number": "51040219980402001X",
    "employer": {"name": "攀枝花某公司", "type": "enterprise"},
    "application": {"region": "sichuan-panzhihua", "series": "engineering", "specialty": "机械设计"},
    "education": [{"level": "bachelor", "full_time": True, "related": True, "graduated": "2020-07-01", "degree": "bachelor"}],
    # 000 五.3 "working in a professional and technical position that he studied (or a similar one)"
    "work": [{"employer": "攀枝花某公司", "start": "2020-07-15", "professional": True, "related": False}],
}


def _reason(cli, tmp_path, lang):
    from stdnum.cn import ric

    data = json.loads(json.dumps(PROFILE))
    data["id_number"] = data["id_number"][:17] + ric.calc_check_digit(data["id_number"])  # takes all 18
    p = tmp_path / "p.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, out, err = cli("check", p, "--level", "assistant", "--as-of", "2022-01-01", "--format", "json", "--lang", lang)
    assert code in (0, 1), err
    initial = next(r for r in json.loads(out)["results"] if r["route"] == "initial" and r["level"] == "assistant")
    assert initial["eligible"] is False and initial["earliest_date"] is None
    return next(x["message"] for x in initial["reasons"] if x["rule"] == "years-after-graduation")


def test_no_related_work_is_named_as_such_not_as_a_history_that_ended(cli, tmp_path):
    # The applicant is still in post (end: null); what is missing is work in the major.
    zh = _reason(cli, tmp_path, "zh")
    assert "没有可计入的工作经历" in zh and "相同或相近" in zh and "工作经历已结束" not in zh
    en = _reason(cli, tmp_path, "en")
    assert "no work that counts" in en and "related to the major" in en and "ends before" not in en
