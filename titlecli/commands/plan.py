"""`titlecli plan`: the road to the next title."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import Problem, UserError
from ..i18n import t
from .common import LANG_OPTION, output_error, output_path, parse_date, run, setup_lang, write_output

FORMATS = ("text", "json", "ics")


def _until(text: str | None, as_of_year: int) -> int | None:
    if text is None or text == "":
        return None
    value = int(text.strip()) if text.strip().isascii() and text.strip().isdigit() else None
    if value is None or not 1900 <= value <= 2100 or value < as_of_year:
        raise UserError(
            Problem(
                None,
                "--until",
                t(
                    f"年份 {text!r} 不合理（应为 {as_of_year} 至 2100 之间的年份，如 2030）",
                    f"year {text!r} is not plausible (expected a year from {as_of_year} to 2100, e.g. 2030)",
                ),
            )
        )
    return value


def _regions(prof, profile: str, region: list[str] | None, all_regions: bool):
    """The regions to plan in: every one found, those named, or the profile's own."""
    from .. import regions

    if all_regions and region:
        raise UserError(Problem(None, "--all-regions", t("不能与 --region 同时使用", "cannot be used with --region")))
    if all_regions:
        refs, where, base = sorted(regions.all_files()), "--all-regions", None
    elif region:
        refs, where, base = list(dict.fromkeys(region)), "--region", None
    else:
        ref = prof.application.region
        if not ref:
            raise UserError(
                Problem(
                    profile,
                    "application.region",
                    t(
                        "未指定地区：请在档案中填写 application.region 或使用 --region",
                        "no region: set application.region or pass --region",
                    ),
                )
            )
        refs, where, base = [ref], "application.region", Path(profile).parent
    loaded, problems = [], []
    for ref in refs:
        try:
            loaded.append(regions.load(ref, base))
        except UserError as e:
            problems += [Problem(x.file or profile, where if x.path == "region" else x.path, x.message, x.line) for x in e.problems]
    if problems:
        raise UserError(problems)
    return loaded


def _check_output(output: str, inputs: list[str]) -> Path:
    """-o: never over an input, a folder, or a file that is not a plan titlecli wrote."""
    out = output_path(output, "-o")
    mine = {Path(p).resolve() for p in inputs}
    ours = True
    if out.exists() and not out.is_dir():
        try:
            head = out.read_bytes()[:4096]
        except OSError:
            head = b""
        ours = (
            not head.strip()
            or head.startswith(b"BEGIN:VCALENDAR")
            and b"PRODID:-//titlecli//plan" in head
            or b'"next_by_time_alone"' in head
        )
    if out.resolve() in mine or out.is_dir() or not ours:
        raise UserError(
            Problem(
                str(out),
                "-o",
                t(
                    "输出会覆盖输入的档案、一个文件夹或一个不是 titlecli 计划的文件；请换一个文件名",
                    "the output would overwrite the profile, a folder or a file that is not a titlecli plan; choose another name",
                ),
            )
        )
    return out


def _write_bytes(out: Path, data: bytes) -> None:
    from ..atomic import write_bytes

    try:
        write_bytes(out, data)
    except OSError as e:
        err = output_error(e, out, "-o")
        if err is None:
            raise
        raise err from None


def _plan(profile, region, region_path, all_regions, as_of, until, fmt, lang, output) -> int:
    setup_lang(lang)
    from .. import regions

    for d in region_path or []:
        regions.add_search_path(d)
    if fmt not in FORMATS:
        raise UserError(
            Problem(None, "--format", t(f"未知格式 {fmt!r}，应为 text、json 或 ics", f"unknown format {fmt!r}; expected text, json or ics"))
        )
    day = parse_date(as_of)
    year = _until(until, day.year)
    out = _check_output(output, [profile]) if output else None
    from ..plan import plan
    from ..profile import load_profile

    prof = load_profile(profile)
    p = plan(prof, _regions(prof, profile, region, all_regions), day, year, profile)
    if fmt == "ics":
        from ..plan_ics import plan_ics

        data = plan_ics(p)
        if out:
            _write_bytes(out, data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
    elif fmt == "json":
        from ..plan_render import plan_json
        from ..render import dumps

        text = dumps(plan_json(p)) + "\n"
        if out:
            write_output(out, text)
        else:
            sys.stdout.write(text)
    else:
        from rich.console import Console

        from ..plan_render import plan_text

        if out:
            import io

            buf = io.StringIO()
            plan_text(p, Console(file=buf, width=80, highlight=False, no_color=True), all_regions)
            write_output(out, buf.getvalue())
        else:
            plan_text(p, Console(highlight=False), all_regions)
    return p.exit_code


def register(app: typer.Typer) -> None:
    @app.command("plan")
    def plan_cmd(
        profile: str = typer.Argument(..., metavar="PROFILE", help="申请人档案 YAML/JSON 文件 / profile file"),
        region: list[str] | None = typer.Option(
            None, "--region", "-r", help="地区 id 或规则文件（可多次给出以比较各地） / region id or file (repeat to compare)"
        ),
        region_path: list[str] | None = typer.Option(None, "--region-path", help="额外的地区规则文件夹 / extra folder of region files"),
        all_regions: bool = typer.Option(False, "--all-regions", help="比较所有地区 / rank every region"),
        as_of: str | None = typer.Option(
            None, "--as-of", help="从哪一天算起 YYYY-MM-DD（默认今天） / the date planned from (default today)"
        ),
        until: str | None = typer.Option(None, "--until", metavar="YYYY", help="只规划到这一年年底 / plan up to the end of this year"),
        fmt: str = typer.Option("text", "--format", "-f", help="text | json | ics"),
        lang: str = LANG_OPTION,
        output: str | None = typer.Option(None, "--output", "-o", help="写入文件而非标准输出 / write to a file"),
    ) -> None:
        """还差什么、何时能申报、哪里最快：晋升之路、待办任务、继续教育台账、申报日历。The road to the next title."""
        run(_plan, profile, region, region_path, all_regions, as_of, until, fmt, lang, output)


__all__ = ["register"]
