"""The public formats (docs/check-json.md, docs/cli.md) pinned: JSON keys, exit codes, region ids."""

import json

import pytest
from conftest import EXAMPLES

PROFILE = EXAMPLES / "changzhi-engineer.yaml"
BUNDLED = [
    "national",
    "jiangsu-yancheng",
    "jiangsu-nanjing",
    "zhejiang",
    "zhejiang-dongyang",
    "chongqing",
    "guizhou",
    "sichuan-panzhihua",
    "shanxi-changzhi-2022",
    "qinghai-2022",
    "shanghai",
    "guangdong-guangzhou",
    "guangdong-shenzhen",
]


def test_json_document_has_the_contract_keys(cli):
    code, out, _ = cli("check", PROFILE, "--as-of", "2022-08-01", "--format", "json")
    v = json.loads(out)
    assert {"profile", "applicant", "region", "as_of", "eligible", "results"} <= set(v)
    assert set(v["applicant"]) == {"name", "id_number"}
    for r in v["results"]:
        assert {"level", "title", "route", "eligible", "earliest_date", "reasons"} <= set(r)
        for x in r["reasons"]:
            assert set(x) == {"rule", "passed", "message", "source", "citation"}
            assert x["source"] and set(x["citation"]) == {"document", "number", "title", "section"}


def test_contract_example_reason_message(cli):
    # contract §3: "取得助理工程师后从事技术工作满4年（2016-09-01 起，…）", cited as a person looks it up
    _, out, _ = cli("check", PROFILE, "--as-of", "2022-08-01", "--format", "json", "--level", "intermediate")
    r = json.loads(out)["results"][0]
    years = [x for x in r["reasons"] if x["rule"] == "years-after-assistant"][0]
    assert years["passed"] and "2016-09-01 起" in years["message"] and years["source"] == "长工信〔2022〕139号 三(一)3"
    assert years["citation"] == {
        "document": "changzhi-2022-notice",
        "number": "长工信〔2022〕139号",
        "title": "关于开展2022年度工程系列(非建筑、建材、环保专业)中、初级专业技术职务任职资格评审工作的通知",
        "section": "三(一)3",
    }


def test_several_profiles_give_a_json_array(cli):
    code, out, _ = cli("check", PROFILE, PROFILE, "--as-of", "2022-08-01", "--format", "json", "--level", "intermediate")
    v = json.loads(out)
    assert isinstance(v, list) and len(v) == 2 and code == 0


def test_id_number_is_masked_in_text_and_json(cli):
    for fmt in ("text", "json"):
        _, out, _ = cli("check", PROFILE, "--as-of", "2022-08-01", "--format", fmt)
        assert "140402199205153219" not in out and "1404**********3219" in out


def test_exit_code_1_when_not_eligible_for_the_requested_level(cli):
    # Changzhi defines no senior route: nothing to be eligible for
    code, out, _ = cli("check", PROFILE, "--as-of", "2022-08-01", "--format", "json", "--level", "senior")
    assert code == 1 and json.loads(out)["eligible"] is False


def test_warning_when_as_of_is_outside_the_notice(cli):
    _, out, _ = cli("check", PROFILE, "--as-of", "2026-11-23", "--format", "json")
    v = json.loads(out)
    assert any("2022-12-31" in w for w in v["warnings"])
    _, out, _ = cli("check", PROFILE, "--as-of", "2022-08-01", "--format", "json")
    assert json.loads(out)["warnings"] == []


def test_english_output(cli):
    code, out, _ = cli("check", PROFILE, "--as-of", "2022-08-01", "--lang", "en", "--level", "intermediate")
    assert code == 0 and "eligible" in out and "Source" in out


@pytest.mark.parametrize("rid", BUNDLED)
def test_every_bundled_region_is_there_and_valid(cli, rid):
    code, out, err = cli("regions", "show", rid)
    assert code == 0, err


def test_unknown_region_lists_the_known_ones(cli):
    code, _, err = cli("check", PROFILE, "--region", "atlantis")
    assert code == 2 and "山西长治" in err


def test_every_command_has_help(cli):
    from titlecli.cli import full_app

    app = full_app()
    names = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
    assert {"check", "regions"} <= set(names)
    for n in names:
        code, out, _ = cli(n, "--help")
        assert code == 0 and len(out) > 50


def test_an_earliest_date_after_the_rounds_cut_off_is_flagged(cli):
    # 004 qualification cut-off "the end of December 2022": a date in 2023 misses this round
    code, out, _ = cli(
        "check", EXAMPLES / "qinghai-2022-private-enterprise.yaml", "--as-of", "2022-12-01", "--format", "json", "--lang", "en"
    )
    v = json.loads(out)
    late = [r for r in v["results"] if r["earliest_date"] and r["earliest_date"] > "2022-12-31"]
    assert late and all(any("cut-off 2022-12-31" in w for w in r["warnings"]) for r in late)
    assert not any("cut-off" in w for r in v["results"] if r not in late for w in r["warnings"])


def test_english_header_uses_the_regions_english_name(cli):
    _, out, _ = cli("check", PROFILE, "--as-of", "2022-08-01", "--lang", "en")
    assert "Changzhi (Shanxi)" in out


def test_regions_list_shows_every_id_whole(cli, monkeypatch):
    # the id is what a user types after --region: it must not be cut to "guangdong-guangz…"
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = cli("regions", "list")
    assert code == 0
    for rid in BUNDLED:
        assert rid in out, rid


def test_as_of_is_read_like_every_typed_date(cli):
    # one reader for dates people type (titlecli.dates.typed_parts): the interview's forms work for --as-of too
    outs = [cli("check", PROFILE, "--as-of", d, "--format", "json")[1] for d in ("2022-08-01", "2022.8.1", "2022年8月1日")]
    assert outs[0] == outs[1] == outs[2]
    code, _, err = cli("check", PROFILE, "--as-of", "2022-02-30")
    assert code == 2 and "2022-02-30" in err
