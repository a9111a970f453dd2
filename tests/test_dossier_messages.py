"""What `titlecli dossier` prints after a build: the same text and colours as when rich printed
it (issue 18: the lines go through titlecli.textout, without rich's ~20 ms import)."""

from __future__ import annotations

import io

import pytest
from conftest import EXAMPLES

from titlecli.commands import dossier as cmd

HEAD = "缺少 2 项必需材料（已插入占位页）："
NAMES = ["身份证[/x]复印件", "照片 \x1b[2J（红底）"]  # markup and an escape sequence as a user could type them


def _rich(markup_lines: list[tuple[str, bool]]) -> tuple[str, str]:
    """What the rich consoles printed before: (stdout, stderr)."""
    from rich.console import Console

    out, err = io.StringIO(), io.StringIO()
    for text, to_err in markup_lines:
        Console(file=err if to_err else out, highlight=False, soft_wrap=True).print(text)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "env",
    [{}, {"FORCE_COLOR": "1"}, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, {"FORCE_COLOR": "1", "TERM": "dumb"}],
    ids=["pipe", "colour", "no-colour", "dumb-terminal"],
)
def test_the_result_lines_are_what_rich_printed(monkeypatch, capsys, env):
    from titlecli.term import esc

    for k in ("FORCE_COLOR", "NO_COLOR", "TERM"):
        monkeypatch.delenv(k, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    cmd._warn("字体缺字 [bold]")
    cmd._print_missing(HEAD, NAMES)
    cmd._print_problem("scan.pdf: 已损坏 [/]")
    got = capsys.readouterr()
    want_out, want_err = _rich(
        [
            ("[yellow]警告:[/] " + esc("字体缺字 [bold]"), True),
            ("[bold red]" + HEAD + "[/]" + esc("、".join(NAMES)), False),
            ("[yellow]•[/] " + esc("scan.pdf: 已损坏 [/]"), False),
        ]
    )
    assert (got.out, got.err) == (want_out, want_err)
    assert "\x1b[2J" not in got.out  # the user's escape sequence is shown, not obeyed


def test_a_dossier_prints_without_importing_rich(tmp_path):
    from test_startup import _env, _imported

    args = ["dossier", EXAMPLES / "changzhi-dossier" / "zhang-wei.yaml", "-o", tmp_path / "d.pdf", "--as-of", "2022-08-01"]
    env = _env(tmp_path / "cache")
    for run in ("first", "cached"):  # the profile validated, then read from the cache
        assert "rich" not in _imported(tmp_path, args, env), run
