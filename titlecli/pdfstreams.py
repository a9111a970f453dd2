"""reportlab's streams written without ASCII85, for as long as one PDF is drawn.

reportlab reads `rl_config.useA85` whenever it makes a page, an image or the file, and the
setting is the whole process's.  titlecli's PDFs are drawn without it (ASCII85 would inflate
every embedded image by a quarter, and a PDF's bytes must not depend on what the process drew
before).  Setting it for good would change every PDF the caller draws afterwards, so it is
put back when the drawing ends.  Usable as a `with` block or as a decorator.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def plain_streams() -> Iterator[None]:
    from reportlab import rl_config

    was, rl_config.useA85 = rl_config.useA85, 0
    try:
        yield
    finally:
        rl_config.useA85 = was
