"""A small on-disk cache of validated inputs, keyed by the bytes they came from.

Validating a profile or a region file needs pydantic, PyYAML and python-stdnum, which cost
more to import than the whole check.  The result of a validation depends only on the file's
bytes (and titlecli's version), so it is kept, pickled, under the user's cache folder and
re-used while the bytes are unchanged.  Any failure to read or write the cache is ignored:
the cache only ever makes things faster.  TITLECLI_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from . import __version__

_FORMAT = "1"


def _dir() -> Path | None:
    if os.environ.get("TITLECLI_NO_CACHE"):
        return None
    base = os.environ.get("TITLECLI_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    root = Path(xdg) if xdg else Path.home() / ".cache"
    return root / "titlecli"


def _code_stamp() -> str:
    """Size and mtime of the modules whose classes are pickled: a change to them (in a
    checkout or an upgrade) makes every old entry miss."""
    here = Path(__file__).resolve().parent
    out = []
    for name in ("model.py", "rules.py"):
        try:
            st = (here / name).stat()
            out.append(f"{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            out.append("?")
    return ",".join(out)


def key(kind: str, *parts: bytes | str) -> str:
    h = hashlib.sha256(f"{kind}\0{__version__}\0{_FORMAT}\0{_code_stamp()}\0".encode())
    for p in parts:
        h.update(p if isinstance(p, bytes) else p.encode())
        h.update(b"\0")
    return h.hexdigest()


def get(k: str):
    d = _dir()
    if d is None:
        return None
    try:
        with open(d / k[:2] / k, "rb") as f:
            return pickle.load(f)
    except Exception:
        return None


def put(k: str, value) -> None:
    d = _dir()
    if d is None:
        return
    try:
        sub = d / k[:2]
        sub.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=sub, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, sub / k)
    except Exception:
        pass
