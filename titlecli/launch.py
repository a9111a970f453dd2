"""The console script `titlecli` (and `python -m titlecli`): the command line of titlecli.cli,
started with the cycle collector paused until the command has what it needs (titlecli.gcpause).

Nothing is imported here before the pause: typer and titlecli's modules are imported after it."""

from __future__ import annotations


def main() -> None:
    from . import gcpause

    gcpause.pause_start_up()
    from .cli import main as cli_main

    cli_main()
