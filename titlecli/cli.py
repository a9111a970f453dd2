"""The command line: one module per command under titlecli/commands/.

No `from __future__ import annotations` here (nor in titlecli.commands.check): typer reads the
root callback's annotations at every start (see there)."""

import typer
from typer.core import TyperGroup

from . import __version__


class TitleGroup(TyperGroup):
    """The root command: before anything is parsed, the language is taken from the command
    line (titlecli.helptext), so that help and usage errors are in it."""

    def main(self, args=None, *rest, **kwargs):
        import sys

        from .helptext import localize

        localize(self, sys.argv[1:] if args is None else args)
        return super().main(args, *rest, **kwargs)


app = typer.Typer(
    name="titlecli",
    help="职称申报助手：资格检查、材料卷宗、批量申报。Checks eligibility for Chinese professional titles and binds the dossier.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=TitleGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"titlecli {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="显示版本号并退出 / Show the version and exit."
    ),
    lang: str | None = typer.Option(
        None, "--lang", help="zh | en：帮助和输出的语言（各命令也可单独给出） / zh | en: language of help and output.", show_default=False
    ),
) -> None:
    """职称申报助手 titlecli."""
    from .i18n import set_root_lang

    # Help is already in this language (titlecli.helptext reads the command line first); a
    # command given no --lang of its own speaks it too.
    if lang is not None:
        from .commands.common import report, setup_lang
        from .errors import UserError

        try:
            setup_lang(lang)
        except UserError as e:
            report(e)
            raise typer.Exit(e.exit_code) from None
    set_root_lang(lang)


# command name -> module under titlecli/commands defining register(app)
COMMANDS = {
    "interview": "interview",
    "check": "check",
    "plan": "plan",
    "dossier": "dossier",
    "batch": "batch",
    "regions": "regions_cmd",
    "test": "casetest",
}


def _register(only: str | None = None) -> None:
    import importlib

    for name, module in COMMANDS.items():
        if only is not None and name != only:
            continue
        try:
            mod = importlib.import_module(f"titlecli.commands.{module}")
        except ModuleNotFoundError as e:
            if e.name != f"titlecli.commands.{module}":
                raise
            continue
        mod.register(app)


def main() -> None:
    """The console script: runs one command, then the process ends."""
    import gc
    import sys

    # Start-up matters for `check` in scripts: when the command is named, only its module is
    # imported and turned into a click command; help and unknown words get every command.
    first = sys.argv[1] if len(sys.argv) > 1 else None
    _register(first if first in COMMANDS else None)
    if first != "check":
        # The collector paused by the console script (titlecli.launch) runs again as the
        # command begins; `check` lets it run when it has more than one profile to read.
        from .gcpause import end_start_up

        end_start_up()
    _stop_on_sigterm()
    try:
        app()
    finally:
        # The process ends here.  Its shutdown would walk every live object looking for
        # reference cycles, several times (a cached region alone is ~15,000 objects: ~10 ms, a
        # sixth of a whole `titlecli check`); the memory goes back to the system anyway.
        # Files, atexit handlers and weakref finalizers are unaffected; every output is
        # already closed by the commands (titlecli.atomic).
        gc.freeze()


class Terminated(KeyboardInterrupt):
    """SIGTERM (`kill`, a CI job's timeout, a closed session): handled like Ctrl-C, so a file
    being written is removed, a batch keeps what it finished, and the exit code is 143."""


def _stop_on_sigterm() -> None:
    import signal

    def stop(_signum, _frame):
        raise Terminated

    import contextlib

    with contextlib.suppress(ValueError, OSError):  # not the main thread, or no SIGTERM here
        signal.signal(signal.SIGTERM, stop)


def full_app() -> typer.Typer:
    """The app with every command registered (tests, docs)."""
    if not app.registered_commands and not app.registered_groups:
        _register()
    return app
