"""Changzhi 2022 engineering review (003_abb6e7983df217bd.txt), through the real CLI."""

import json

from conftest import EXAMPLES


def verdict(cli, *args):
    code, out, err = cli("check", *args, "--format", "json")
    assert code in (0, 1), err
    return code, json.loads(out)


def test_contract_example_engineer_is_eligible_with_contract_dates(cli):
    # 003 三(一)3: "具备大学本科及专科学历，取得助理工程师职称后从事技术工作满4年"
    code, v = verdict(cli, EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2022-08-01", "--level", "intermediate")
    assert code == 0
    r = v["results"][0]
    assert (r["title"], r["route"], r["eligible"], r["earliest_date"]) == ("工程师", "review", True, "2020-09-01")
    assert v["applicant"]["id_number"] == "1404**********3219"
    assert all(x["source"] for x in r["reasons"])


def test_the_scope_rule_names_the_declared_specialty(cli):
    # 003 标题/一: the notice covers engineering "非建筑、建材、环保专业"; a 机械设计 engineer is in scope
    code, v = verdict(cli, EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2022-08-01", "--level", "intermediate")
    msgs = [x["message"] for x in v["results"][0]["reasons"] if x["rule"] == "not-construction-specialty"]
    assert msgs and "申报专业“机械设计”不在此列" in msgs[0]
