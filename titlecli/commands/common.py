"""What every command shares: language, dates, error reporting at the edge."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import Problem, UserError
from ..i18n import set_lang, t
from ..lazyimport import lazy

if TYPE_CHECKING:
    from rich import console as rich_console
else:
    rich_console = lazy("rich.console")  # error messages only

DATE_FORMS = ("如 2022-08-01、2022.8.1、2022年8月1日 或 20220801", "e.g. 2022-08-01, 2022.8.1, 2022年8月1日 or 20220801")


def parse_date(value: str | None, what: str = "--as-of") -> date:
    """A day typed on the command line, in any of the forms titlecli.dates reads; today when
    none is given."""
    if value is None or value == "":
        return date.today()
    from ..dates import typed_date

    day = typed_date(value)
    if day is None:
        raise UserError(
            Problem(None, what, t(f"不是有效的日期：{value!r}（{DATE_FORMS[0]}）", f"not a valid date: {value!r} ({DATE_FORMS[1]})"))
        )
    # Every notice and every career lies in these years; 0001-01-01 or 9999-12-31 is a slip
    # (and would run the calendar arithmetic off its ends).
    if not 1900 <= day.year <= 2100:
        raise UserError(
            Problem(
                None,
                what,
                t(f"日期 {value!r} 不合理（应在 1900 至 2100 年之间）", f"date {value!r} is not plausible (expected 1900 to 2100)"),
            )
        )
    return day


def parse_term(vocab, value: str | None, option: str) -> str | None:
    """The key of a term typed for an option (`--level 中级`), read through the vocabulary
    (titlecli.terms); a message naming the option and the closest names otherwise."""
    if value is None or value == "":
        return None
    from ..terms import UnknownTerm

    try:
        return vocab.parse(value)
    except UnknownTerm as e:
        raise UserError(Problem(None, option, str(e))) from None


def report(err: UserError) -> None:
    """Print a UserError to stderr, one line per problem."""
    from ..term import esc

    console = rich_console.Console(stderr=True, highlight=False, soft_wrap=True)
    head = t("错误", "error")
    for p in err.problems:  # file names and values are the user's: never markup, never escapes
        console.print(f"[bold red]{head}:[/] {esc(p)}", markup=True)


def run(fn, *args, **kwargs) -> None:
    """Call fn; turn UserError into a message and exit 2, and its return value into the exit code."""
    try:
        try:
            code = fn(*args, **kwargs)
        except ValueError as e:
            # os and pathlib refuse a path with a NUL byte this way, wherever it was typed (an
            # option, a document path in a profile); the places users name are checked before
            if "null byte" not in str(e):
                raise
            raise UserError(
                Problem(None, "", t("某个路径中含有空字符（\\0），无法使用", "a path contains a NUL character and cannot be used"))
            ) from None
        except OSError as e:
            # The file system refused a path the user gave (too long, a loop of links, no
            # permission) where no step expected it — pathlib's exists() itself raises for a
            # name over 255 bytes: the path and the reason, not a traceback.
            from ..datafile import os_reason

            where = os.fsdecode(e.filename) if e.filename is not None else None
            raise UserError(Problem(where, "", t(f"无法访问：{os_reason(e)}", f"cannot access: {os_reason(e)}"))) from None
    except UserError as e:
        report(e)
        raise typer.Exit(e.exit_code) from None
    except KeyboardInterrupt as e:
        from ..cli import Terminated

        sys.stderr.write("\n" + t("已取消", "cancelled") + "\n")
        raise typer.Exit(143 if isinstance(e, Terminated) else 130) from None
    raise typer.Exit(code or 0)


def output_path(value: str, option: str) -> Path:
    """The path an output option names, or UserError when no file could ever be written there."""
    from ..datafile import path_problem

    bad = path_problem(value)
    if bad:
        raise UserError(Problem(repr(value), option, bad))
    return Path(value)


def output_error(e: OSError, path: Path, option: str) -> UserError | None:
    """The message for an OSError met while writing `path` (or the folder it goes in, or the
    temp file beside it); None when the error is about something else, which is not ours to
    word (a scan deleted while the dossier was built is named by its own message)."""
    from ..datafile import os_reason

    if e.filename is not None:
        try:
            ours = _is_output(Path(os.fsdecode(e.filename)).resolve(), Path(path).resolve())
        except (OSError, ValueError):
            ours = False
        if not ours:
            return None
    return UserError(Problem(str(path), option, t(f"无法写入：{os_reason(e)}", f"cannot write: {os_reason(e)}")))


def _is_output(where: Path, target: Path) -> bool:
    """`where` is the output, a folder on its way, something inside it (an output folder), or
    the temp file or folder titlecli writes beside it first (.NAME.xxxx.tmp, .NAME.tmp-PID/)."""
    if where in target.parents:
        return True
    return any(p == target or (p.parent == target.parent and p.name.startswith(f".{target.name}.")) for p in (where, *where.parents))


def write_output(path: Path, text: str | Iterable[str], option: str = "-o") -> None:
    """Write a report atomically, whole or in the pieces it is made in; a full disk, a
    read-only folder or a file too large for the file system is a message naming the file, and
    the old file stays as it was."""
    from ..atomic import replacing

    try:
        with replacing(path) as f:
            for piece in [text] if isinstance(text, str) else text:
                f.write(piece.encode("utf-8"))
    except OSError as e:
        err = output_error(e, path, option)
        if err is None:
            raise
        raise err from None


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
    out = output_path(output, "-o")
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


# No default: without --lang the language is TITLECLI_LANG's, else the locale's, else Chinese
LANG_OPTION = typer.Option(None, "--lang", help="zh | en: language of the output.", show_default=False)


def setup_lang(lang: str | None) -> str:
    """Set the language of the output; returns it ("zh" or "en")."""
    from ..i18n import env_lang, root_lang

    if lang is None:
        lang = root_lang() or env_lang()
    if lang not in ("zh", "en"):
        set_lang(env_lang())
        raise UserError(Problem(None, "--lang", t(f"--lang 只能是 zh 或 en，而不是 {lang!r}", f"--lang must be zh or en, got {lang!r}")))
    set_lang(lang)
    return lang


__all__ = [
    "parse_date",
    "parse_term",
    "report",
    "run",
    "LANG_OPTION",
    "setup_lang",
    "check_report_output",
    "output_path",
    "output_error",
    "write_output",
]
