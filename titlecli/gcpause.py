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
