"""Write outputs atomically: a temp file in the same folder, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def temp_for(path: Path) -> tuple[int, str]:
    """A temp file beside `path` (same file system, so the rename is atomic), with the
    permissions a plainly created file would get (mkstemp's 0600 would hide the output from
    the rest of the office)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with contextlib.suppress(AttributeError, OSError):  # Windows has no fchmod
        os.fchmod(fd, 0o666 & ~_umask())
    return fd, tmp


@contextmanager
def replacing(path: Path):
    """A binary file to write `path` through: a temp file beside it, flushed to disk and
    renamed over `path` when the block ends; removed, leaving `path` as it was, on any error."""
    path = Path(path)
    fd, tmp = temp_for(path)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def write_bytes(path: Path, data: bytes) -> None:
    with replacing(path) as f:
        f.write(data)


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
