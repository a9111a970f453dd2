"""What every command shares: language, dates, error reporting at the edge."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import typer

from ..errors import BAD_INPUT, Problem, UserError
from ..i18n import set_lang, t


def parse_date(value: str | None, what: str = "--as-of") -> date:
    if value is None or value == "":
        return date.today()
    from ..dates import typed_parts

    parts = typed_parts(value)
    if parts is not None:
        try:
            day = date(*parts)
        except ValueError:
            day = None
        # Every notice and every career lies in these years; 0001-01-01 or 9999-12-31 is a slip
        # (and would run the calendar arithmetic off its ends).
        if day is not None and not 1900 <= day.year <= 2100:
            raise UserError(
                Problem(
                    None,
                    what,
                    t(f"日期 {value!r} 不合理（应在 1900 至 2100 年之间）", f"date {value!r} is not plausible (expected 1900 to 2100)"),
                )
            )
        if day is not None:
            return day
    raise UserError(
        Problem(None, what, t(f"不是有效的日期：{value!r}（应为 YYYY-MM-DD）", f"not a valid date: {value!r} (expected YYYY-MM-DD)"))
    )


def report(err: UserError) -> None:
    """Print a UserError to stderr, one line per problem."""
    from rich.console import Console

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    head = t("错误", "error")
    for p in err.problems:
        console.print(f"[bold red]{head}:[/] {p}", markup=True)


def run(fn, *args, **kwargs) -> None:
    """Call fn; turn UserError into a message and exit 2, and its return value into the exit code."""
    try:
        code = fn(*args, **kwargs)
    except UserError as e:
        report(e)
        raise typer.Exit(e.exit_code) from None
    except KeyboardInterrupt:
        sys.stderr.write("\n" + t("已取消", "cancelled") + "\n")
        raise typer.Exit(130) from None
    raise typer.Exit(code or 0)


def _is_our_report(path: Path) -> bool:
    """Whether an existing file is a report titlecli writes with -o (check's JSON or JUnit,
    test's JUnit), i.e. one that may be replaced: an empty file, our JUnit XML, or JSON holding
    verdicts."""
    import json

    try:
        with open(path, "rb") as f:
            head = f.read(1 << 20)
    except OSError:
        return False
    text = head.lstrip()
    if not text:
        return True
    if text.startswith(b"<?xml") and b'<testsuites name="titlecli ' in text[:4096]:
        return True
    try:
        data = json.loads(head.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    items = data if isinstance(data, list) else [data]
    return bool(items) and all(isinstance(x, dict) and "eligible" in x and "applicant" in x for x in items)


def check_report_output(output: str, inputs: list[str]) -> Path:
    """-o of check and test: refuse, before any work, to write over an input (the profile, a
    case file) or over a file that is not a report titlecli wrote; replacing our own is fine."""
    out = Path(output)
    mine = {Path(p).resolve() for p in inputs}
    if out.resolve() in mine or out.is_dir() or (out.exists() and not _is_our_report(out)):
        why = (
            t("这是一个文件夹；请给出文件名", "this is a folder; give a file name")
            if out.is_dir()
            else t(
                "输出会覆盖输入文件（档案或用例）或一个不是 titlecli 报告的文件；请换一个文件名",
                "the output would overwrite an input (a profile or a case file) or a file that is not a titlecli report; "
                "choose another name",
            )
        )
        raise UserError(Problem(str(out), "-o", why))
    return out


LANG_OPTION = typer.Option("zh", "--lang", help="zh | en: language of the output.")


def setup_lang(lang: str) -> None:
    if lang not in ("zh", "en"):
        raise UserError(Problem(None, "--lang", f"--lang must be zh or en, got {lang!r}"))
    set_lang(lang)


__all__ = ["parse_date", "report", "run", "LANG_OPTION", "setup_lang", "BAD_INPUT", "check_report_output"]
