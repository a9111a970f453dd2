"""The cycle collector paused while a large structure is built that holds no garbage yet.

Python's collector runs after every 700 new container objects and, now and then, walks every
object the process holds.  Building tens of thousands of objects that all stay alive (a font's
tables, a PDF cloned into pypdf's writer) sets it off again and again for nothing: in a dossier
of 80 scans that was ~30 ms of cloning the laid-out pages and half of reading the font back.
Garbage made meanwhile is collected as usual once the block ends; keep blocks to code that
makes no large garbage (never around decoding images).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# Start-up: the console script pauses the collector before anything is imported (titlecli.launch).
_starting = False


def pause_start_up() -> None:
    """Pause the collector while the program starts.

    Starting `titlecli` makes a few hundred thousand objects (typer's and click's modules,
    titlecli's own, a cached region) that all live until the process ends; the collector walked
    them again and again while they were made, finding nothing to free: ~17 M instructions, a
    twentieth of a whole `titlecli check` (bench/check_latency.py)."""
    global _starting
    if gc.isenabled():
        gc.disable()
        _starting = True


def end_start_up() -> None:
    """Collect as usual again, from the point where a command may make garbage worth collecting
    (every command as it begins, `check` when it is given more than one profile).  What the start-up made is
    frozen first (gc.freeze): it lives until the process ends, so the collector need not walk it
    again, and the objects made while it was paused are not all walked by its next round."""
    global _starting
    if _starting:
        _starting = False
        gc.freeze()
        gc.enable()
