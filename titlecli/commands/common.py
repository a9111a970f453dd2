"""What every command shares: language, dates, error reporting at the edge."""

from __future__ import annotations

import sys
from datetime import date

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
            return date(*parts)
        except ValueError:
            pass
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


LANG_OPTION = typer.Option("zh", "--lang", help="zh | en: language of the output.")


def setup_lang(lang: str) -> None:
    if lang not in ("zh", "en"):
        raise UserError(Problem(None, "--lang", f"--lang must be zh or en, got {lang!r}"))
    set_lang(lang)


__all__ = ["parse_date", "report", "run", "LANG_OPTION", "setup_lang", "BAD_INPUT"]
