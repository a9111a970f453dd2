"""`titlecli check`: eligibility verdicts with reasons.

No `from __future__ import annotations` here: typer reads the command's annotations at every
start, and real types cost it nothing, where text ones are compiled by typing.get_type_hints
(twice over: ~2.5 M instructions of a `titlecli check`, with titlecli.cli's)."""

import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import NOT_ELIGIBLE, OK, Problem, UserError
from ..gcpause import end_start_up
from ..i18n import t
from .common import LANG_OPTION, check_report_output, parse_date, parse_term, run, setup_lang, write_output

if TYPE_CHECKING:
    from ..results import Verdict


def load_verdicts(profiles: list[str], region: str | None, level: str | None, as_of: date) -> list["Verdict"]:
    """Load every profile and its region and check it; all input problems at once."""
    return list(verdicts_of(profiles, region, level, as_of))


def verdicts_of(profiles: list[str], region: str | None, level: str | None, as_of: date) -> Iterator["Verdict"]:
    """Every profile's verdict, one at a time: all profiles are loaded first (every input
    problem reported at once, before anything is printed), then each is checked when it is
    shown and its verdict dropped, so checking 400 profiles takes the memory of one (issue 18)."""
    from ..engine import check
    from ..terms import LEVELS

    level = parse_term(LEVELS, level, "--level")
    loaded = _load_all(profiles, region)
    loaded.reverse()
    while loaded:
        p, prof, reg = loaded.pop()
        yield check(prof, reg, as_of, level, p, Path(p).parent)


def _load_all(profiles: list[str], region: str | None) -> list:
    from .. import regions
    from ..profile import load_profile

    problems: list[Problem] = []
    loaded = []
    for i, p in enumerate(profiles):
        if i:
            end_start_up()  # more than one profile: collect as usual (titlecli.gcpause)
        try:
            prof = load_profile(p)
        except UserError as e:
            problems += e.problems
            continue
        ref = region or prof.application.region
        if not ref:
            problems.append(
                Problem(
                    p,
                    "application.region",
                    t(
                        "未指定地区：请在档案中填写 application.region 或使用 --region",
                        "no region: set application.region or pass --region",
                    ),
                )
            )
            continue
        try:
            reg = regions.load(ref, Path(p).parent if not region else None)
        except UserError as e:
            where = "--region" if region else "application.region"
            # an unknown --region is the option's mistake; a broken region file is its own file's
            problems += [
                Problem(x.file or (None if region else p), where if x.path == "region" else x.path, x.message, x.line) for x in e.problems
            ]
            continue
        loaded.append((p, prof, reg))
    if problems:
        raise UserError(problems)
    return loaded


def _check(profiles, region, region_path, level, as_of, fmt, lang, verbose, output) -> int:
    setup_lang(lang)
    from .. import regions

    for d in region_path or []:
        regions.add_search_path(d)
    if fmt not in ("text", "json", "junit"):
        raise UserError(
            Problem(
                None, "--format", t(f"未知格式 {fmt!r}，应为 text、json 或 junit", f"unknown format {fmt!r}; expected text, json or junit")
            )
        )
    day = parse_date(as_of)
    if output:
        check_report_output(output, profiles)
    verdicts = verdicts_of(profiles, region, level, day)
    eligible: list[bool] = []

    def seen(vs: Iterable["Verdict"]) -> Iterator["Verdict"]:
        for v in vs:
            eligible.append(v.eligible)
            yield v

    if fmt == "text":
        from ..render import verdict_lines
        from ..textout import terminal_width, write

        width = terminal_width()
        for v in seen(verdicts):
            write(verdict_lines(v, width, verbose))
    elif fmt == "junit":
        from ..junit import verdicts_junit

        text = verdicts_junit(list(seen(verdicts)))
        if output:
            write_output(Path(output), text)
        else:
            sys.stdout.write(text)
    elif output:
        write_output(Path(output), _json_chunks(seen(verdicts), len(profiles)))
    else:
        for chunk in _json_chunks(seen(verdicts), len(profiles)):
            sys.stdout.write(chunk)
    return OK if all(eligible) else NOT_ELIGIBLE


def _json_chunks(verdicts: Iterable["Verdict"], count: int) -> Iterator[str]:
    """The JSON report a verdict at a time: one verdict's object, or the list of them written
    as json.dumps(list, indent=2) writes it, but never the whole list in memory."""
    from ..render import dumps, verdict_json

    if count == 1:
        for v in verdicts:
            yield dumps(verdict_json(v)) + "\n"
        return
    sep = "[\n"
    for v in verdicts:
        yield sep + "  " + dumps(verdict_json(v)).replace("\n", "\n  ")
        sep = ",\n"
    yield "\n]\n" if sep != "[\n" else "[]\n"


def register(app: typer.Typer) -> None:
    @app.command("check")
    def check_cmd(
        profiles: list[str] = typer.Argument(..., metavar="PROFILE...", help="申请人档案 YAML/JSON 文件 / profile files"),
        region: str | None = typer.Option(
            None,
            "--region",
            "-r",
            help="地区（如 盐城、江苏盐城）或规则文件路径，优先于档案中填写的地区 / region (e.g. jiangsu-yancheng) or rule file",
        ),
        region_path: list[str] | None = typer.Option(None, "--region-path", help="额外的地区规则文件夹 / extra folder of region files"),
        level: str | None = typer.Option(None, "--level", "-l", help="member | assistant | intermediate | deputy_senior | senior"),
        as_of: str | None = typer.Option(None, "--as-of", help="检查日期 YYYY-MM-DD（默认今天） / date to check at (default today)"),
        fmt: str = typer.Option("text", "--format", "-f", help="text | json | junit"),
        lang: str = LANG_OPTION,
        verbose: bool = typer.Option(False, "--verbose", "-v", help="列出所有途径 / show every pathway"),
        output: str | None = typer.Option(None, "--output", "-o", help="写入文件而非标准输出（json/junit） / write json/junit to a file"),
    ) -> None:
        """检查是否符合申报条件，并说明理由和最早可申报日期。Check eligibility, with reasons and the earliest date."""
        run(_check, profiles, region, region_path, level, as_of, fmt, lang, verbose, output)


__all__ = ["register", "load_verdicts"]
