"""The command line: one module per command under titlecli/commands/."""

from __future__ import annotations

import typer

from . import __version__

app = typer.Typer(
    name="titlecli",
    help="职称申报助手：资格检查、材料卷宗、批量申报。Checks eligibility for Chinese professional titles and binds the dossier.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"titlecli {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """职称申报助手 titlecli."""


def _register() -> None:
    from .commands import check, regions_cmd

    check.register(app)
    regions_cmd.register(app)
    import importlib

    for name in ("interview", "dossier", "batch", "casetest"):
        try:
            mod = importlib.import_module(f"titlecli.commands.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"titlecli.commands.{name}":
                raise
            continue
        mod.register(app)


_register()


def main() -> None:
    app()
