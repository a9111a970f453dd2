"""`check`'s output drawn without rich and written a verdict at a time (issue 18 item 4 and the
400-profile case): what a person sees in the terminal, and what a script reads."""

from __future__ import annotations

import json
import re

import pytest
from conftest import EXAMPLES

from titlecli.textout import Column, Line, panel, render, table, text, width_of, wrap

AS_OF = ("--as-of", "2022-08-01")
PROFILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("columns", ["40", "80", "132"])
def test_every_line_of_a_verdict_fits_the_terminal(cli, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    code, out, err = cli("check", *PROFILES[:8], *AS_OF, "--lang", "en", "--verbose")
    assert code in (0, 1) and not err, err
    lines = out.splitlines()
    assert any("┏" in x for x in lines) and any("╭" in x for x in lines)
    for line in lines:
        assert width_of(line) <= int(columns), line
        if line[:1] in ("┏", "┡", "└"):  # a table spans the terminal
            assert width_of(line) == int(columns), line


def test_a_verdict_reads_as_before(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = cli("check", EXAMPLES / "changzhi-engineer.yaml", *AS_OF)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("╭") and "titlecli check" in lines[0] and width_of(lines[0]) == 80
    assert "│ 张伟  1404**********3219" in lines[1]  # the ID masked
    assert "工程师 · 中级 · 评审  ✓ 符合  （自 2020-09-01 起符合）" in out
    assert re.search(r"┃\s+┃ 条件\s+┃ 依据\s+┃", out)
    # the 文号 whole on one line of the source column, its section below it
    assert re.search(r"│ ✓  │ .+│ 长工信〔2022〕139号 │\n│    │ .+│ 二①\s+│", out)
    assert "途径：具备大学本科及专科学历" in out
    assert "\x1b[" not in out  # no styles when the output is not a terminal


def test_a_terminal_gets_colours_and_no_colour_drops_them(cli, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out, _ = cli("check", EXAMPLES / "changzhi-engineer.yaml", *AS_OF)
    assert re.search("\x1b\\[[0-9;]*32m✓ 符合\x1b\\[0m", out) and "\x1b[1m张伟" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = cli("check", EXAMPLES / "changzhi-engineer.yaml", *AS_OF)
    assert not re.search("\x1b\\[[0-9;]*3[123]m", out) and "\x1b[1m张伟" in out  # bold stays: NO_COLOR is about colour


def test_chinese_is_cut_between_characters_and_english_between_words():
    assert [x.spans[0][0] for x in wrap(text("任助理工程师期间发表论文"), 10)] == ["任助理工程", "师期间发表", "论文"]
    assert [x.spans[0][0] for x in wrap(text("time alone will not fix this"), 12)] == ["time alone", "will not fix", "this"]
    # a word longer than the room left moves whole to the next line; an opening mark never ends a line
    assert [x.spans[0][0] for x in wrap(text("学历（engineering系列）"), 12)] == ["学历", "（", "engineering", "系列）"]


def test_dates_counts_and_marks_are_set_as_chinese_typesetting_asks():
    # a date is never split, a closing mark never starts a line, a count keeps its unit
    lines = [x.spans[0][0] for x in wrap(text("（太原理工大学本科，全日制，学士学位，2014-07-01 毕业）"), 20)]
    assert lines == ["（太原理工大学本科，", "全日制，学士学位，", "2014-07-01 毕业）"]
    lines = [x.spans[0][0] for x in wrap(text("符合要求的业绩成果 1 项，需 1 项：某生产线"), 21)]
    assert lines[1].startswith("1 项，需 1 项")


@pytest.mark.parametrize("columns", ["60", "80", "100"])
def test_no_date_is_split_and_no_line_starts_with_a_closing_mark_in_check(cli, monkeypatch, columns):
    from titlecli.linebreak import NO_START

    monkeypatch.setenv("COLUMNS", columns)
    _, out, _ = cli("check", EXAMPLES / "changzhi-engineer.yaml", *AS_OF)
    cells = [c.strip() for line in out.splitlines() if line.startswith("│") for c in line.strip("│").split("│")]
    if columns != "60":  # at 60 the source column is narrower than a 文号, which is then cut
        assert not [c for c in cells if c[:1] in NO_START], columns
    # every date the reasons give stands whole on one line of its cell (it was 2014-07 / -01)
    for day in ("2014-07-01", "2016-09-01", "2022-12-31"):
        assert any(day in c for c in cells), (day, columns)
    assert not [c for c in cells if re.search(r"\d{4}-(\d\d?(-\d?)?)?$|^-\d", c)], columns


def test_a_panel_and_a_table_are_as_wide_as_asked():
    box = panel([Line().add("张伟"), Line().add("长" * 50)], "titlecli check", 60)
    assert {width_of(render([x], False).rstrip("\n")) for x in box} == {60}
    rows = [[[Line().add("✓", "green")], text("条件" * 30), text("长工信〔2022〕139号 二①")]]
    drawn = table([Column("", width=2), Column("条件", ratio=7), Column("依据", ratio=3)], rows, 50)
    assert {width_of(render([x], False).rstrip("\n")) for x in drawn} == {50}
    assert "\x1b[32m✓\x1b[0m" in render(drawn, True)


def test_a_text_is_as_wide_as_its_characters_however_often_it_is_measured():
    # widths are remembered (a verdict measures its cells several times), a bounded number of them
    from titlecli import textout

    texts = [f"长工信〔{n}〕号 ①ā" for n in range(5000)]
    for _ in range(2):
        assert [width_of(x) for x in texts] == [sum(map(textout.char_width, x)) for x in texts]
    assert len(textout._MEASURED) <= 4096


def test_a_text_set_again_at_the_same_width_breaks_as_before():
    # what every level's table shares is broken once (remembered, a bounded number of texts)
    from titlecli import linebreak, textout

    texts = [f"国家公务员（含参照国家公务员法管理单位工作人员）不得申报{n}" for n in range(1500)]
    for width, some in ((12, 50), (20, 50), (12, 50), (16, 1500)):
        got = [[line.spans for line in wrap([Line().add(x, "dim")], width)] for x in texts[:some]]
        fresh = [[[(piece, "dim")] for piece in linebreak.wrap(x, width, textout.char_width)] for x in texts[:some]]
        assert got == fresh
    assert len(textout._BROKEN) <= 1024


def test_json_of_many_profiles_is_the_list_of_each_ones_json(cli):
    from titlecli.render import dumps

    singles = []
    for p in PROFILES[:5]:
        code, out, _ = cli("check", p, *AS_OF, "-f", "json")
        singles.append(json.loads(out))
    code, out, _ = cli("check", *PROFILES[:5], *AS_OF, "-f", "json")
    assert out == dumps(singles) + "\n"  # byte for byte what one json.dumps of the list gave


def test_nothing_is_printed_when_any_profile_of_many_is_broken(cli, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [\n", encoding="utf-8")
    for fmt in ("text", "json"):
        code, out, err = cli("check", *PROFILES[:3], broken, *AS_OF, "-f", fmt)
        assert code == 2 and out == "" and "broken.yaml" in err
    target = tmp_path / "report.json"
    code, _, _ = cli("check", *PROFILES[:3], broken, *AS_OF, "-f", "json", "-o", target)
    assert code == 2 and not target.exists() and [p.name for p in tmp_path.iterdir()] == ["broken.yaml"]
