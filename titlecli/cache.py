"""A small on-disk cache of validated inputs, keyed by the bytes they came from.

Validating a profile or a region file needs pydantic, PyYAML and python-stdnum, which cost
more to import than the whole check.  The result of a validation depends only on the file's
bytes (and titlecli's version), so it is kept, pickled, under the user's cache folder and
re-used while the bytes are unchanged.  Any failure to read or write the cache is ignored:
the cache only ever makes things faster.  TITLECLI_NO_CACHE=1 turns it off.

An entry holds the exact bytes it was made from (the kind, titlecli's version, the code stamp
and the input's bytes) followed by the value; `get` returns the value only when those bytes are
equal, so a hit never rests on a hash.  The file name is a checksum of the same bytes: it only
spreads entries out, a collision is a miss.  (Computing a checksum with zlib, which the CLI
framework has already loaded, instead of a SHA-256 keeps OpenSSL out of `titlecli check`'s
start-up.)
"""

from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path

from . import __version__

_FORMAT = "2"


class Key:
    """What an entry is made from; `name` is its file name."""

    __slots__ = ("ident", "name")

    def __init__(self, name: str, ident: bytes):
        self.name = name
        self.ident = ident

    def __repr__(self) -> str:
        return f"cache.Key({self.name!r})"


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
    """Size and mtime of the modules whose classes are pickled and of those that validate
    what is cached: a change to them (in a checkout or an upgrade) makes every old entry miss,
    so a new check in profile.py is not skipped for a profile validated before it."""
    here = Path(__file__).resolve().parent
    out = []
    for name in ("model.py", "rules.py", "citations.py", "profile.py", "regions.py", "datafile.py"):
        try:
            st = (here / name).stat()
            out.append(f"{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            out.append("?")
    return ",".join(out)


def key(kind: str, *parts: bytes | str) -> Key:
    chunks = [f"{kind}\0{__version__}\0{_FORMAT}\0{_code_stamp()}\0".encode()]
    for p in parts:
        chunks.append(p if isinstance(p, bytes) else p.encode())
        chunks.append(b"\0")
    ident = b"".join(chunks)
    name = f"{zlib.crc32(ident):08x}{zlib.adler32(ident):08x}-{kind}"
    return Key(name, ident)


def _path(d: Path, k: Key) -> Path:
    return d / k.name[:2] / k.name


def get(k: Key):
    d = _dir()
    if d is None:
        return None
    try:
        with open(_path(d, k), "rb") as f:
            if pickle.load(f) != k.ident:
                return None
            return pickle.load(f)
    except Exception:  # noqa: BLE001 - a damaged or foreign entry is a miss
        return None


def put(k: Key, value) -> None:
    d = _dir()
    if d is None:
        return
    try:
        import tempfile

        target = _path(d, k)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(k.ident, f, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # noqa: BLE001, S110 - the cache only ever makes things faster
        pass
