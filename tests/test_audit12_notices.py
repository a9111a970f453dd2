"""Audit of issue 12, "Notices: say what is known, invent nothing".

- Where a seed states no period, the region says `effective: unknown`. Only two notices date
  themselves: Changzhi's 长工信〔2022〕139号 ("关于开展2022年度…评审工作的通知", read as the calendar
  year 2022) and Qinghai's (004 三(四) "The evaluation of professional titles in 2022 will start
  from now on and be completed before the end of March 2023").
- An ended or undated notice is said before any verdict: regions list, the interview's region
  picker, the top of check, batch's summary (once); a verdict under an ended notice reads
  按该通知（2022 年度）符合.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import yaml
from conftest import EXAMPLES
from openpyxl import load_workbook
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from titlecli.i18n import set_lang
from titlecli.interview.flow import Interview

ROOT = Path(__file__).resolve().parent.parent
CHANGZHI = EXAMPLES / "changzhi-engineer.yaml"
UNKNOWN = "该通知未写有效期：是否仍在执行，请向当地职称办核对"
ENDED = "该通知（2022 年度）已于 2022-12-31 结束：以下结论只说明按该通知是否符合，现在申报请以当地最新通知为准"
DATED = {"shanxi-changzhi-2022", "qinghai-2022"}


def regions_list(cli, as_of: str) -> dict[str, dict]:
    code, out, err = cli("regions", "list", "--format", "json", "--as-of", as_of)
    assert code == 0, err
    return {r["id"]: r for r in json.loads(out)}


def test_only_the_notices_that_date_themselves_have_a_period(cli):
    # Yancheng and Nanjing (2016 borrowed from the Yancheng guide beside them), Dongyang (an end from
    # the 会计法, outside the seeds) and the standing guides (a period of our review) state none.
    for p in (ROOT / "regions").glob("*.yaml"):
        notice = yaml.safe_load(p.read_text(encoding="utf-8"))["notice"]
        if p.stem in DATED:
            assert isinstance(notice["effective"], dict), p.name
        else:
            assert notice["effective"] == "unknown", p.name
    rows = regions_list(cli, "2022-08-01")
    assert {r for r, x in rows.items() if x["notice_status"] == "unknown"} == set(rows) - DATED
    assert rows["shanxi-changzhi-2022"]["effective"] == "2022-01-01–2022-12-31"


def test_regions_list_says_a_notice_has_ended_the_day_after_its_last_day(cli):
    # 004 三(四) "completed before the end of March 2023": 2023-03-31 is its last day, 2023-04-01 the first after
    before, day_of = regions_list(cli, "2023-03-31"), regions_list(cli, "2023-04-01")
    assert before["qinghai-2022"]["notice_status"] == "current" and before["qinghai-2022"]["notice_status_text"] == ""
    assert day_of["qinghai-2022"]["notice_status"] == "expired" and day_of["qinghai-2022"]["notice_status_text"] == "通知已结束"
    code, out, _ = cli("regions", "list", "--as-of", "2023-04-01")
    assert code == 0 and "通知已结束" in out and "有效期未写" in out
    code, out, _ = cli("regions", "list", "--as-of", "2023-04-01", "--lang", "en")
    assert "Notice ended" in out and "Period not stated" in out


def squeeze(text: str) -> str:
    return "".join(text.split())


def check(cli, as_of: str, fmt: str = "text", lang: str = "zh", profile: Path = CHANGZHI):
    code, out, err = cli("check", profile, "--as-of", as_of, "--level", "intermediate", "--format", fmt, "--lang", lang)
    assert code in (0, 1), err
    return json.loads(out) if fmt == "json" else out


def test_check_says_the_notice_ended_before_any_verdict_and_reads_the_verdict_as_that_rounds(cli):
    # 长工信〔2022〕139号 "2022年度": on 2022-12-31 the notice holds, on 2023-01-01 it has ended
    out = check(cli, "2022-12-31")
    assert "✓ 符合" in out and "按该通知" not in out and "已于" not in out
    out = check(cli, "2023-01-01")
    flat = "".join(line.strip("│ ") for line in out.splitlines())
    assert squeeze(ENDED) in squeeze(flat)  # the panel wraps it
    assert "✓ 按该通知（2022 年度）符合" in out and "✓ 符合" not in out
    assert out.index("已于") < out.index("工程师 · 中级")  # said before the first verdict
    v = check(cli, "2023-01-01", "json")
    assert v["notice"]["status"] == "expired" and v["notice"]["message"] == ENDED
    assert v["warnings"].count(ENDED) == 1 and v["eligible"] is True  # the verdict itself is that round's
    out = check(cli, "2023-01-01", lang="en")
    assert "eligible under that notice (the 2022 round)" in out


def test_check_says_an_undated_notice_states_no_period_at_the_top(cli):
    out = check(cli, "2023-07-11", profile=EXAMPLES / "national-bachelor-assistant.yaml")
    flat = squeeze("".join(line.strip("│ ") for line in out.splitlines()))
    assert squeeze(UNKNOWN) in flat and flat.index(squeeze(UNKNOWN)) < flat.index("工程师·中级")
    assert "✗ 暂不符合" in out and "按该通知" not in out  # an unknown period is said, not read as an ended one


def test_batch_says_an_ended_notice_once_before_the_rows(cli, tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(CHANGZHI.read_bytes())
    (folder / "b.yaml").write_text(
        CHANGZHI.read_text(encoding="utf-8").replace('"140402199205153219"', '"140402199001013214"'), encoding="utf-8"
    )
    out = tmp_path / "out"
    code, stdout, err = cli("batch", folder, "-o", out, "-j", "1", "--as-of", "2023-01-01")
    flat = "".join(stdout.split())
    assert flat.count("已于2022-12-31结束") == 1, stdout
    assert flat.index("已于2022-12-31结束") < flat.index("批量申报汇总")
    rep = json.loads((out / "report.json").read_text("utf-8"))
    assert sum("已于 2022-12-31 结束" in w for w in rep["warnings"]) == 1
    assert all(not any("已于" in w for w in a["warnings"]) for a in rep["applicants"])
    wb = load_workbook(out / "汇总表.xlsx")
    head = [c.value for c in wb.active[1]]
    rows = [dict(zip(head, r, strict=False)) for r in wb.active.iter_rows(min_row=2, values_only=True)]
    assert [r["中级"] for r in rows] == ["按该通知（2022 年度）符合（评审）"] * 2
    notes = [r[1] for r in wb["说明"].iter_rows(values_only=True) if r[0] == "注意"]
    assert sum("已于 2022-12-31 结束" in n for n in notes) == 1  # once in the workbook's notes too


def test_the_interview_says_it_before_the_first_question(tmp_path, monkeypatch):
    set_lang("zh")
    out = io.StringIO()
    console = Console(file=out, width=200, highlight=False)
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.close()  # no answer: the interview stops at its first question
        Interview(tmp_path / "p.yaml", console, "shanxi-changzhi-2022", date(2023, 1, 1)).run()
    text = out.getvalue()
    assert ENDED in text and text.index("地区：") < text.index(ENDED)
    # the region picker labels each choice before it is picked
    seen = {}

    def select(self, message, choices, default=None, instruction=None, *, key):
        seen.update({c.value: c.title for c in choices})
        raise KeyboardInterrupt

    monkeypatch.setattr(Interview, "select", select)
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.close()
        Interview(tmp_path / "q.yaml", Console(file=io.StringIO()), None, date(2023, 4, 1)).run()
    assert seen["shanxi-changzhi-2022"].endswith("（通知已结束）") and seen["qinghai-2022"].endswith("（通知已结束）")
    assert seen["national"].endswith("（有效期未写）")


def test_junit_carries_the_notice_state_and_says_it_first(cli):
    code, out, _ = cli("check", CHANGZHI, "--as-of", "2023-01-01", "--format", "junit")
    assert '<property name="notice" value="expired"/>' in out
    assert "<system-out>⚠ " + ENDED in out
    code, out, _ = cli("check", CHANGZHI, "--as-of", "2022-12-31", "--format", "junit")
    assert '<property name="notice" value="current"/>' in out and "已于" not in out
