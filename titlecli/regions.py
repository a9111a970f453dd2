"""Finding and loading region files (reading, `extends:` and validation: titlecli.regionfile).

A region is looked up by id in, in order: the folders named by --region-path and
TITLECLI_REGION_PATH, the folders of installed region packs (packages that declare an entry
point in the group `titlecli.regions`, the way pytest finds its plugins), then the bundled
`regions/` folder.  The first file named `<id>.yaml` wins; `regions list` says when one shadows
another.  A path to a .yaml file works wherever an id does.

A region is loaded once per process (kept while the size and mtime of every file it was built
from stay the same) and cached on disk by the bytes of those files.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

from . import cache
from .errors import Problem, UserError
from .i18n import t
from .lazyclass import lazy_dataclass
from .rules import Region

PACK_GROUP = "titlecli.regions"

_extra_dirs: list[Path] = []


def add_search_path(path: str | Path) -> None:
    p = Path(path)
    if p not in _extra_dirs:
        _extra_dirs.insert(0, p)


def bundled_dir() -> Path:
    """regions/ inside an installed wheel, or beside the package in a checkout/editable install."""
    here = Path(__file__).resolve().parent
    inside = here / "regions"
    if inside.is_dir():
        return inside
    return here.parent / "regions"


@lazy_dataclass()  # made on first use (titlecli.lazyclass): most installations have no pack
class Pack:
    """An installed package that provides regions: its entry point, distribution and folder."""

    name: str
    dist: str  # "name version" of the distribution, as pip shows it
    folder: str | None
    error: str | None = None


class Place:
    """A folder regions are looked up in, and why it is searched.  A plain class with a written
    __init__, `==` and repr, as `dataclass` would make them (titlecli.results says why;
    tests/test_records.py keeps them to the fields)."""

    folder: Path
    origin: str  # "path" (--region-path, TITLECLI_REGION_PATH), "pack" or "bundled"
    pack: Pack | None = None

    def __init__(self, folder: Path, origin: str, pack: Pack | None = None) -> None:
        self.folder = folder
        self.origin = origin
        self.pack = pack

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.folder, self.origin, self.pack) == (other.folder, other.origin, other.pack)

    __hash__ = None  # type: ignore[assignment]  # equal by value, as a dataclass: unhashable

    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}(folder={self.folder!r}, origin={self.origin!r}, pack={self.pack!r})"


def _pack_folder(obj) -> Path:
    """The folder an entry point names: a package's (or module's) own folder, or the folder a
    function returns, or a path."""
    if callable(obj) and not hasattr(obj, "__path__") and not hasattr(obj, "__file__"):
        obj = obj()
    if hasattr(obj, "__path__"):
        return Path(next(iter(obj.__path__)))
    if getattr(obj, "__file__", None):
        return Path(obj.__file__).parent
    return Path(os.fspath(obj))


def _scan_packs() -> list[Pack]:
    from importlib.metadata import entry_points

    out = []
    for ep in entry_points(group=PACK_GROUP):
        dist = f"{ep.dist.name} {ep.dist.version}" if ep.dist is not None else ep.value
        try:
            folder = _pack_folder(ep.load())
        except Exception as e:  # noqa: BLE001 - a broken pack is reported, the others still work
            out.append(Pack(ep.name, dist, None, f"{type(e).__name__}: {e}"))
            continue
        if not folder.is_dir():
            out.append(Pack(ep.name, dist, None, t(f"{folder} 不是文件夹", f"{folder} is not a folder")))
            continue
        out.append(Pack(ep.name, dist, str(folder)))
    return out


_packs: list[Pack] | None = None

# A folder on sys.path as the list of packs was made with it: its path, its mtime (-1: none
# there) and the distributions in it — each .dist-info or .egg-info folder's name and mtime.
Installed = tuple[str, int, tuple[tuple[str, int], ...]]


def packs() -> list[Pack]:
    """The installed region packs.  Looking for entry points reads the metadata of every
    installed distribution (importlib.metadata, email, zipfile, csv: 20-50 ms, more than a whole
    check), so the list is kept on disk with what it was found in (_installed) and holds while
    the folders on sys.path that hold distributions hold the same ones, in the same order.
    Installing or removing a package changes its folder's distributions; a folder that only
    gains other files — the current folder, first on sys.path for `python -m titlecli` — is
    listed again (when its mtime moved) and changes nothing."""
    global _packs
    if _packs is None:
        k = cache.key("region-packs", sys.prefix, sys.executable)
        _packs = _packs_from(cache.get(k))
        if _packs is None:
            import marshal

            where = _installed()  # before the scan: a package installed meanwhile is looked for next time
            _packs = _scan_packs()
            cache.put(k, marshal.dumps((where, [(p.name, p.dist, p.folder, p.error) for p in _packs])))
    return _packs


def _packs_from(payload: bytes | None) -> list[Pack] | None:
    """The packs a cache entry lists, if the distributions are where they were and each pack's
    folder is still there (else None: look again).  (marshal: the entry is the cache's own —
    its tag is keyed with the cache's secret — and is read without importing json.)"""
    if not payload:
        return None
    import marshal

    try:
        where, found = marshal.loads(payload)
        found = [Pack(*x) for x in found]
    except (ValueError, TypeError, EOFError):
        return None
    if not _still_installed(where):
        return None
    return found if all(p.folder is None or Path(p.folder).is_dir() for p in found) else None


def _installed(known: dict[str, tuple[int, tuple]] | None = None) -> list[Installed]:
    """Each folder on sys.path with its mtime and distributions; a folder `known` with the same
    mtime is not listed again (its entries are the same)."""
    out: list[Installed] = []
    for entry in sys.path:
        path = os.path.abspath(entry or ".")  # "" is the current folder, whichever it is
        try:
            st = os.stat(path)
        except OSError:
            out.append((path, -1, ()))
            continue
        seen = known.get(path) if known else None
        if seen is not None and seen[0] == st.st_mtime_ns:
            out.append((path, st.st_mtime_ns, seen[1]))
        else:
            out.append((path, st.st_mtime_ns, _distributions(path, st)))
    return out


def _distributions(path: str, st: os.stat_result) -> tuple[tuple[str, int], ...]:
    """The .dist-info and .egg-info folders in a folder on sys.path (as importlib.metadata finds
    them), with their mtimes; a file (a zip or an egg) counts as one whole."""
    import stat

    if not stat.S_ISDIR(st.st_mode):
        return (("", st.st_mtime_ns),)
    found = []
    try:
        with os.scandir(path) as it:
            for e in it:
                if e.name.lower().endswith((".dist-info", ".egg-info")):
                    try:
                        found.append((e.name, e.stat().st_mtime_ns))
                    except OSError:
                        found.append((e.name, -1))
    except OSError:
        return (("?", st.st_mtime_ns),)
    return tuple(sorted(found))


def _still_installed(where) -> bool:
    """Whether the folders on sys.path that hold distributions are, in order, those of `where`
    (the list of packs' _installed) with the same distributions."""
    known = {path: (mtime, tuple(map(tuple, dists))) for path, mtime, dists in where}
    now = [(path, dists) for path, _, dists in _installed(known) if dists]
    return now == [(path, tuple(map(tuple, dists))) for path, _, dists in where if dists]


def places() -> list[Place]:
    """Where regions are looked up, in order."""
    out = [Place(d, "path") for d in _extra_dirs]
    env = os.environ.get("TITLECLI_REGION_PATH")
    if env:
        out += [Place(Path(p), "path") for p in env.split(os.pathsep) if p]
    out += [Place(Path(p.folder), "pack", p) for p in packs() if p.folder]
    out.append(Place(bundled_dir(), "bundled"))
    return out


def search_dirs() -> list[Path]:
    return [p.folder for p in places()]


def looks_like_path(ref: str) -> bool:
    return ref.endswith((".yaml", ".yml", ".json")) or "/" in ref or os.sep in ref


def find(ref: str, base: Path | None = None) -> Path:
    """The file for a region id or path; UserError if there is none."""
    if looks_like_path(ref):
        p = Path(ref)
        if not p.is_absolute() and base is not None and not p.exists():
            p = base / p
        if p.is_file():
            return p
        raise UserError(Problem(ref, "", t("找不到地区规则文件", "region file not found")))
    # The profile's own folder is looked in last: a profile saved as `shanghai.yaml` must not
    # stand in for the bundled `shanghai` region.
    dirs = search_dirs() + ([base] if base is not None else [])
    for d in dirs:
        for ext in (".yaml", ".yml"):
            p = d / f"{ref}{ext}"
            if p.is_file():
                return p
    # a region named the way people say it: 盐城, 江苏盐城, 盐城市 (the region files' own names)
    from .terms import UnknownTerm

    try:
        rid = vocabulary().parse(ref)
    except UnknownTerm as e:
        raise UserError(Problem(None, "region", str(e))) from None
    return find(rid, base)


def place(name: str) -> str:
    """The place a region's name starts with: 江苏盐城 of 江苏盐城 · 普通全日制大中专毕业生…"""
    return name.split(" · ", 1)[0].strip()


def vocabulary():
    global _vocabulary
    """The regions as a vocabulary (titlecli.terms), from the region files found: each id, the
    place its name starts with (江苏盐城, Yancheng (Jiangsu)), its whole name and the other
    names it lists (`aliases:`) — so that a new region file needs no code to be typed in
    Chinese.  A file that cannot be read is left out (loading it says why)."""
    from . import yamlio
    from .datafile import decode, read_limited
    from .terms import Term, Vocabulary

    files = all_files()
    stamp = []
    for rid, path in files.items():
        try:
            stamp.append((rid, str(path), os.stat(path).st_mtime_ns))
        except OSError:
            stamp.append((rid, str(path), 0))
    if _vocabulary is not None and _vocabulary[0] == stamp:
        return _vocabulary[1]
    terms = []
    for rid, path in files.items():
        try:
            data = yamlio.load(decode(path, read_limited(path, t("地区规则", "region"))))
        except Exception:  # noqa: BLE001 - a broken file is named when it is loaded, not here
            data = None
        data = data if isinstance(data, dict) else {}
        name, name_en = str(data.get("name") or rid), str(data.get("name_en") or data.get("name") or rid)
        aliases = data.get("aliases")
        aliases = aliases if isinstance(aliases, list) else []
        bare_en = re.sub(r"\s*\(.*?\)", "", place(name_en))  # Yancheng of "Yancheng (Jiangsu)"
        terms.append(Term(rid, place(name), place(name_en), (name, name_en, bare_en, *(str(a) for a in aliases))))
    vocab = Vocabulary(("地区", "region"), terms, strip=("地区",))
    _vocabulary = (stamp, vocab)
    return vocab


_vocabulary: tuple[list, Any] | None = None


def catalogue() -> dict[str, list[tuple[Path, Place]]]:
    """Every region file found, by id, in search order: the first is the one used, the others
    are shadowed by it."""
    seen: dict[str, list[tuple[Path, Place]]] = {}
    done: set[Path] = set()
    for place in places():
        if place.folder in done or not place.folder.is_dir():
            continue
        done.add(place.folder)
        for p in sorted(place.folder.glob("*.y*ml")):
            if not p.is_dir():  # a folder named x.yaml is not a region
                seen.setdefault(p.stem, []).append((p, place))
    return seen


def all_files() -> dict[str, Path]:
    return {rid: found[0][0] for rid, found in catalogue().items()}


# ------------------------------------------------------------------ loading

Stamp = tuple[str, int, int]  # (file, size, mtime_ns)

# resolved path -> (region, the stamp of every file it was built from)
_loaded: dict[str, tuple[Region, list[Stamp]]] = {}


def _stamp(file: str) -> Stamp:
    s = os.stat(file)
    return (file, s.st_size, s.st_mtime_ns)


def _unchanged(stamps: list[Stamp]) -> bool:
    try:
        return all(_stamp(f) == (f, size, mtime) for f, size, mtime in stamps)
    except OSError:
        return False


def load(ref: str, base: Path | None = None) -> Region:
    """The validated region for an id or path (UserError naming every problem otherwise).

    Loaded once per process: `check` of many profiles, `test`, batch workers read and validate
    a region once, and again only when one of its files changes."""
    path = find(ref, base)
    key = str(path.resolve())
    hit = _loaded.get(key)
    if hit is not None and _unchanged(hit[1]):
        return hit[0]
    region, stamps = _load(path)
    _loaded[key] = (region, stamps)
    return region


def _load(path: Path) -> tuple[Region, list[Stamp]]:
    hit = _cached(path)
    if hit is not None:
        return hit
    from .regionfile import read_region

    loaded = read_region(path)
    if loaded.region is None:
        raise UserError(loaded.problems)
    _remember(path, loaded.texts, loaded.region)
    return loaded.region, loaded.stamps


def _chain(path: Path, texts: dict[str, str]) -> list[tuple[str, Path]]:
    """(the `extends:` written, the file it found) from `path` up, as the region was read."""
    from . import yamlio

    out: list[tuple[str, Path]] = []
    cur = path
    while True:
        ref = (yamlio.load(texts[str(cur)]) or {}).get("extends")
        if not ref:
            return out
        cur = find(str(ref), cur.parent)
        out.append((str(ref), cur))


# A cached region's entry: its rules as a titlecli.snapshot, in marshal (read without importing
# json: its import and json.loads were ~6 M instructions of a check; the entry is the cache's own,
# its tag keyed with the secret, so it is made into objects without checking each value again).
# Named apart from the entries of older versions (fastbuild.dump's data, json before that).
_REGION_ENTRY = "region.snapshot"


def _remember(path: Path, texts: dict[str, str], region: Region) -> None:
    """Cache a region that validated: its rules (no personal data) and keyed digests of the
    files it extends, under its own file's text (titlecli.cache)."""
    if not cache.enabled():
        return
    try:
        import marshal

        from .snapshot import Unfrozen, freeze

        deps = [[ref, str(p.resolve()), cache.digest(texts[str(p)])] for ref, p in _chain(path, texts)]
        frozen = freeze(region)
        payload = marshal.dumps({"deps": deps, "region": frozen})
        if marshal.loads(payload)["region"] != frozen:  # it would not come back as it was
            return
    except (TypeError, ValueError, KeyError, UserError, Unfrozen):
        return
    cache.put(cache.key(_REGION_ENTRY, str(path.resolve()), texts[str(path)]), payload)


def _cached(path: Path) -> tuple[Region, list[Stamp]] | None:
    """The region, made without pydantic or YAML, when its file and every file it extends are
    exactly as they were when they validated (titlecli.cache), with the stamp of each file
    (taken before it is read); else None."""
    if not cache.enabled():
        return None
    try:
        import marshal

        from .datafile import decode, read_limited

        what = t("地区规则", "region")
        stamps = [_stamp(str(path))]
        payload = cache.get(cache.key(_REGION_ENTRY, str(path.resolve()), decode(path, read_limited(path, what))))
        if payload is None:
            return None
        entry = marshal.loads(payload)
        cur = path
        for ref, dep, digest in entry["deps"]:
            cur = find(ref, cur.parent)
            stamps.append(_stamp(str(cur)))
            if str(cur.resolve()) != dep or cache.digest(decode(cur, read_limited(cur, what))) != digest:
                return None
        from .snapshot import thaw

        region = thaw(entry["region"])
        if type(region) is not Region:
            return None
    except Exception:  # noqa: BLE001 - anything unexpected: validate in full, which says what is wrong
        return None
    region.path = str(path)
    return region, stamps


def validate(path: str | Path):
    """Read and validate one region file without any cache (for `regions validate`): the
    region and what its `remove:` took out, or UserError with every problem."""
    from .regionfile import read_region

    loaded = read_region(Path(path))
    if loaded.region is None:
        raise UserError(loaded.problems)
    return loaded.region, loaded.removals


def region_name(region: Region) -> str:
    """The region as a reader names it: its English name under --lang en where it has one."""
    from .i18n import lang

    return region.name_en if lang() == "en" and region.name_en else region.name


def title_name(region: Region, series: str, level: str, language: str | None = None) -> str:
    """The title a level gives in a series, as the region names it (工程师; in English its
    `titles_en` name, engineer), else the level's name — never a Chinese title in English."""
    from .i18n import lang
    from .terms import LEVELS

    en = (language or lang()) == "en"
    for key in (series, "*"):
        names = region.titles.get(key) or {}
        if level in names:
            if en:
                return (region.titles_en.get(key) or {}).get(level) or LEVELS.en(level)
            return names[level]
    return LEVELS.name(level, language)


def held_title_name(region: Region, name: str | None, level: str) -> str:
    """A title the applicant holds, as a message names it: the profile's own name (助理工程师);
    in English, where that name is one the region gives a title, the title's English name
    (assistant engineer), and a title without a name is the level's title."""
    from .i18n import lang, t
    from .terms import LEVELS

    if name and lang() == "en":
        for series, names in region.titles.items():
            for lvl, zh in names.items():
                if zh == name.strip():
                    en = (region.titles_en.get(series) or {}).get(lvl)
                    return en or f"{LEVELS.en(lvl)} title"
    return name or t(LEVELS.zh(level), f"{LEVELS.en(level)} title")
