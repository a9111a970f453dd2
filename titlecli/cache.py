"""A cache of which inputs validated cleanly, so that a file checked before skips pydantic.

Validating a profile or a region file needs pydantic, whose import and validators cost several
times what the rest of `titlecli check` does.  Whether a file validates depends only on its
bytes (and on titlecli's code), so the cache remembers, for each input that validated with no
problem, a keyed digest of those bytes — and nothing from a profile: no name, no ID number, no
phone.  The next time the same profile comes, it is parsed again and built by
titlecli.fastbuild, which refuses anything not exactly of its declared type (the file is then
validated in full).  TITLECLI_NO_CACHE=1 turns the cache off; any failure to use it is ignored.

What makes a hit trustworthy:

- the folder (TITLECLI_CACHE_DIR, else $XDG_CACHE_HOME/titlecli, else ~/.cache/titlecli) is used
  only if it is a real folder (not a link) owned by the current user and not writable by group
  or others; otherwise the cache is off;
- an entry's name is a BLAKE2b digest keyed with a random secret kept in that folder (mode
  0600): a file planted there without the secret, or copied from another machine, never hits;
- the digest covers titlecli's version and a stamp of the modules that validate and build
  (a changed check re-validates every file), the kind of input and every byte it was made from.

An entry is a tag (keyed like its name) and a payload: for a profile, a keyed digest of what
PyYAML read from it (so that titlecli.quickyaml's reading can be checked); for a region file,
the rules it validated into (in marshal) and keyed digests of the files it extends — the region
is then built without reading YAML; for a regular expression, what `re` compiled it into
(titlecli.patterns).  An entry not used for MAX_AGE_DAYS is removed, as are the
oldest beyond MAX_ENTRIES, and the pickled entries of older titlecli versions (which held whole
profiles, ID numbers included).
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path

from . import __version__

_FORMAT = "3"
ENTRIES = "v3"  # the folder of entries inside the cache folder
MAX_AGE_DAYS = 30
# An entry read is marked as used (its mtime) once a day at most: the eviction counts in days.
_TOUCH_AFTER = 86400
MAX_ENTRIES = 2000
# The modules whose code decides what validates, and what a hit builds.
_STAMPED = (
    "model.py",
    "rules.py",
    "citations.py",
    "profile.py",
    "regions.py",
    "regionfile.py",
    "datafile.py",
    "yamlio.py",
    "quickyaml.py",
    "fastbuild.py",
    "snapshot.py",
    "cache.py",
)


class Key:
    """What an entry is made from (the digest is made with the secret, when it is needed)."""

    __slots__ = ("kind", "parts")

    def __init__(self, kind: str, parts: tuple[bytes, ...]):
        self.kind = kind
        self.parts = parts

    def __repr__(self) -> str:
        return f"cache.Key({self.kind!r})"


def folder() -> Path | None:
    """Where the cache would be (None when it is turned off)."""
    if os.environ.get("TITLECLI_NO_CACHE"):
        return None
    base = os.environ.get("TITLECLI_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    root = Path(xdg) if xdg else Path.home() / ".cache"
    return root / "titlecli"


def _private(st: os.stat_result) -> bool:
    """Owned by the current user and writable by no one else (Windows has neither notion here:
    a user's profile folder is private to them)."""
    if not hasattr(os, "geteuid"):
        return True
    return st.st_uid == _uid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _uid() -> int:
    return os.geteuid()


_state: dict = {}


def _open(create: bool) -> tuple[Path, bytes] | None:
    """The folder of entries and the secret, or None when the cache cannot be trusted."""
    d = folder()
    if d is None:
        return None
    if "secret" in _state and _state["dir"] == d:
        return d / ENTRIES, _state["secret"]
    try:
        if create and not os.path.lexists(d):
            d.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(d, 0o700)
        st = os.lstat(d)
        if not stat.S_ISDIR(st.st_mode) or not _private(st):
            return None
        secret = _secret(d / "secret", create)
        if secret is None and create and os.path.lexists(d / "secret"):
            # Damaged, or readable by others: the folder is ours alone, so a new secret replaces
            # it (every entry made with the old one then misses, and is evicted in time).
            os.unlink(d / "secret")
            secret = _secret(d / "secret", create)
        if secret is None:
            return None
        entries = d / ENTRIES
        if create and not os.path.lexists(entries):
            os.mkdir(entries, 0o700)
        st = os.lstat(entries)
        if not stat.S_ISDIR(st.st_mode) or not _private(st):
            return None
    except OSError:
        return None
    _state.update(dir=d, secret=secret)
    return entries, secret


def _secret(path: Path, create: bool) -> bytes | None:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        if not create:
            return None
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:  # another titlecli made it at this moment
            return _secret(path, False)
        with os.fdopen(fd, "wb") as f:
            f.write(os.urandom(32))
        return _secret(path, False)
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        readable = hasattr(os, "geteuid") and st.st_mode & (stat.S_IRGRP | stat.S_IROTH)
        if not stat.S_ISREG(st.st_mode) or not _private(st) or readable:
            return None
        secret = f.read(64)
    return secret if len(secret) == 32 else None


def _code_stamp() -> bytes:
    """Size and mtime of the modules that decide what validates and what a hit builds (and of
    every condition kind): a change to them (in a checkout or an upgrade) makes every old entry
    miss."""
    stamp = _state.get("stamp")
    if stamp is None:
        here = Path(__file__).resolve().parent
        files = [here / name for name in _STAMPED]
        with contextlib.suppress(OSError):
            files += sorted(Path(e.path) for e in os.scandir(here / "kinds") if e.name.endswith(".py"))
        out = []
        for f in files:
            try:
                st = f.stat()
                out.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
            except OSError:
                out.append("?")
        stamp = _state["stamp"] = ",".join(out).encode()
    return stamp


def key(kind: str, *parts: bytes | str) -> Key:
    return Key(kind, tuple(p if isinstance(p, bytes) else p.encode("utf-8", "surrogatepass") for p in parts))


def _blake2b(secret: bytes, *parts: bytes) -> bytes:
    try:
        from _blake2 import blake2b  # hashlib would load OpenSSL: a few ms of start-up for nothing
    except ImportError:  # pragma: no cover - another Python
        from hashlib import blake2b

    h = blake2b(key=secret, digest_size=24)
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))  # lengths first: no two splits of the bytes collide
        h.update(part)
    return h.digest()


def _name(k: Key, secret: bytes) -> str:
    return _blake2b(secret, _FORMAT.encode(), __version__.encode(), _code_stamp(), k.kind.encode(), *k.parts).hex()


def digest(text: bytes | str) -> str | None:
    """A keyed digest of some bytes (None when the cache is off): what an entry's payload may
    record of another file (a region's parent) without holding the file."""
    opened = _open(create=True)
    if opened is None:
        return None
    return _blake2b(opened[1], text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")).hex()


def get(k: Key) -> bytes | None:
    """The payload stored with these exact bytes when they validated cleanly (b"" for none), or
    None.  The payload comes back only if its tag, keyed with the secret, is right."""
    opened = _open(create=False)
    if opened is None:
        return None
    entries, secret = opened
    name = _name(k, secret)
    try:
        fd = os.open(entries / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                return None
            data = f.read()
        if time.time() - st.st_mtime > _TOUCH_AFTER:
            os.utime(entries / name)  # used: kept by the eviction (a read writes nothing more often)
    except OSError:
        return None
    tag, payload = data[:24], data[24:]
    return payload if tag == _blake2b(secret, name.encode(), payload) else None


def hit(k: Key) -> bool:
    """Whether these exact bytes validated cleanly before."""
    return get(k) is not None


def put(k: Key, payload: bytes = b"") -> None:
    """Remember that these bytes validated cleanly (and a payload that holds no personal data:
    the caller's promise)."""
    opened = _open(create=True)
    if opened is None:
        return
    entries, secret = opened
    name = _name(k, secret)
    try:
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=entries, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_blake2b(secret, name.encode(), payload) + payload)
            os.replace(tmp, entries / name)
        except BaseException:
            _unlink(tmp)
            raise
        if not _state.get("evicted"):  # once a run: a batch puts hundreds
            _state["evicted"] = True
            evict(entries.parent)
    except OSError:  # the cache only ever makes things faster
        pass


def evict(d: Path, now: float | None = None) -> None:
    """Remove entries not used for MAX_AGE_DAYS, then the oldest beyond MAX_ENTRIES, and what
    older titlecli versions left (pickled whole profiles, in two-letter folders)."""
    now = time.time() if now is None else now
    entries = d / ENTRIES
    kept = []
    for e in os.scandir(entries):
        try:
            age = now - e.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if age > MAX_AGE_DAYS * 86400:
            _unlink(e.path)
        else:
            kept.append((age, e.path))
    for _, path in sorted(kept)[MAX_ENTRIES:]:
        _unlink(path)
    _forget_old(d)


def _forget_old(d: Path) -> None:
    """titlecli's format-2 entries: two-hex-digit folders of `<16 hex>-profile|region` pickles."""
    import re

    for sub in os.scandir(d):
        if len(sub.name) == 2 and re.fullmatch(r"[0-9a-f]{2}", sub.name) and sub.is_dir(follow_symlinks=False):
            for e in os.scandir(sub.path):
                if re.fullmatch(r"[0-9a-f]{16}-(profile|region)|\.tmp-.*", e.name) and e.is_file(follow_symlinks=False):
                    _unlink(e.path)
            with contextlib.suppress(OSError):  # not empty: something else is in it
                os.rmdir(sub.path)


def _unlink(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def enabled() -> bool:
    return folder() is not None


__all__ = ["Key", "digest", "evict", "folder", "get", "hit", "key", "put"]
