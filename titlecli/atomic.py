"""Write outputs atomically: a temp file in the same folder, then rename.

A temp file is named `.OUT.PID.XXXXXXXX.tmp` (OUT the output's name, PID the writer's process):
one whose writer was killed (SIGKILL, a power cut) is recognised and removed the next time the
same output is written, and SIGTERM is handled like Ctrl-C (titlecli.cli), which removes it at
once.  Nothing else beside the output is ever touched.
"""

from __future__ import annotations

import contextlib
import os
import re
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
    clean_stale(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    with contextlib.suppress(AttributeError, OSError):  # Windows has no fchmod
        os.fchmod(fd, 0o666 & ~_umask())
    return fd, tmp


# .NAME.PID.XXXXXXXX.tmp as temp_for makes it (mkstemp's 8 letters, digits and underscores)
_TEMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[a-z0-9_]{8}\.tmp")


def temp_target(name: str) -> tuple[str, int] | None:
    """(the output's name, the writer's pid) of a temp file name temp_for makes, else None."""
    m = _TEMP.fullmatch(name)
    return (m.group("name"), int(m.group("pid"))) if m else None


def alive(pid: int) -> bool:
    """Whether a process with this id runs (its temp file is still being written)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True
    try:  # a killed process nobody has reaped yet (a zombie) writes nothing any more
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[-1].split()[0] not in (b"Z", b"X")
    except (OSError, IndexError):
        return True


def clean_stale(path: Path) -> list[str]:
    """Remove the temp files of `path` whose writer no longer runs (a killed run's leftovers):
    only regular files of exactly temp_for's naming for this output."""
    removed: list[str] = []
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for e in os.scandir(path.parent):
            if not e.name.startswith(prefix):
                continue
            found = temp_target(e.name)
            if found and found[0] == path.name and not alive(found[1]) and e.is_file(follow_symlinks=False):
                with suppress(OSError):
                    os.unlink(e.path)
                    removed.append(e.name)
    return removed


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
