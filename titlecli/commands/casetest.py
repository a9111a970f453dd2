"""`titlecli test`: run YAML case files (profile + expected verdicts) for CI."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import NOT_ELIGIBLE, OK, Problem, UserError
from ..i18n import t
from .common import LANG_OPTION, check_report_output, run, setup_lang, write_output


def _test(cases: list[str], region_path, fmt: str, lang: str, output: str | None) -> int:
    setup_lang(lang)
    from .. import casetest, regions

    for d in region_path or []:
        regions.add_search_path(d)
    if fmt not in ("text", "junit"):
        raise UserError(
            Problem(None, "--format", t(f"未知格式 {fmt!r}，应为 text 或 junit", f"unknown format {fmt!r}; expected text or junit"))
        )
    if output and fmt != "junit":
        raise UserError(Problem(None, "--output", t("--output 只用于 --format junit", "--output goes with --format junit")))
    if output:
        check_report_output(output, cases)
    outcomes = casetest.run(cases)
    passed = sum(1 for o in outcomes if o.passed)
    failed = len(outcomes) - passed
    if fmt == "junit":
        text = casetest.junit(outcomes)
        if output:
            write_output(Path(output), text)
        else:
            sys.stdout.write(text)
        sys.stderr.write(f"{passed} passed, {failed} failed\n")
        return OK if failed == 0 else NOT_ELIGIBLE
    from rich.console import Console
    from rich.text import Text

    from ..term import plain

    console = Console(highlight=False, soft_wrap=True)
    for o in outcomes:
        where = plain(f"{o.case.file}:{o.case.name}")  # file and case names are the user's
        if o.passed:
            console.print(Text.assemble(("PASS ", "green bold"), where))
            continue
        console.print(Text.assemble(("FAIL ", "red bold"), where))
        for d in o.diffs:
            console.print(Text("  - " + plain(d), style="red"))
        for d in o.details:
            console.print(Text("    " + plain(d), style="dim"))
    console.print(Text(f"{passed} passed, {failed} failed", style="bold green" if failed == 0 else "bold red"))
    return OK if failed == 0 else NOT_ELIGIBLE


def register(app: typer.Typer) -> None:
    @app.command("test")
    def test_cmd(
        cases: list[str] = typer.Argument(..., metavar="CASES...", help="用例文件或文件夹 / case files or folders (*.yaml)"),
        region_path: list[str] | None = typer.Option(None, "--region-path", help="额外的地区规则文件夹 / extra folder of region files"),
        fmt: str = typer.Option("text", "--format", "-f", help="text | junit"),
        lang: str = LANG_OPTION,
        output: str | None = typer.Option(None, "--output", "-o", help="JUnit 写入文件 / write the JUnit XML to a file"),
    ) -> None:
        """运行用例文件，比较期望与实际的资格结论（用于 CI）。Run case files and compare expected and actual verdicts (for CI).

        Exit 0 when every case passes, 1 when a case fails, 2 when a case file is broken.
        """
        run(_test, cases, region_path, fmt, lang, output)
