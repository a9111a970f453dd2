"""Finding, merging (`extends:`) and validating region files.

A region is looked up by id in, in order: the folders named by TITLECLI_REGION_PATH and
--region-path, then the bundled `regions/` folder.  A path to a .yaml file (or a folder of
them) works wherever an id does.  Validated regions are cached by the bytes of every file
they were built from.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from . import cache
from .errors import Problem, UserError, key_path
from .i18n import t
from .kinds import ConditionBase
from .kinds.base import KINDS, RENAMES, yaml_key
from .rules import Region

_RENAMES = RENAMES
_BACK = {v: k for k, v in _RENAMES.items()}
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


def search_dirs() -> list[Path]:
    dirs = list(_extra_dirs)
    env = os.environ.get("TITLECLI_REGION_PATH")
    if env:
        dirs += [Path(p) for p in env.split(os.pathsep) if p]
    dirs.append(bundled_dir())
    return dirs


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
    known = ", ".join(sorted(all_ids()))
    raise UserError(Problem(None, "region", t(f"未知的地区 {ref!r}；可用：{known}", f"unknown region {ref!r}; known: {known}")))


def all_ids() -> list[str]:
    return sorted(all_files())


def all_files() -> dict[str, Path]:
    seen: dict[str, Path] = {}
    for d in search_dirs():
        if d.is_dir():
            for p in sorted(d.glob("*.y*ml")):
                if not p.is_dir():  # a folder named x.yaml is not a region
                    seen.setdefault(p.stem, p)
    return seen


def load(ref: str, base: Path | None = None) -> Region:
    path = find(ref, base)
    region = _cached(path)
    if region is None:
        region, texts = _load_uncached(path)
        _remember(path, texts, region)
    return region


def _chain(path: Path, texts: dict[str, tuple[Path, str]]) -> list[tuple[str, Path]]:
    """(the `extends:` written, the file it found) from `path` up, as _resolve followed them."""
    from . import yamlio

    out = []
    cur = path
    while True:
        ref = (yamlio.load(texts[str(cur)][1]) or {}).get("extends")
        if not ref:
            return out
        cur = find(str(ref), cur.parent)
        out.append((str(ref), cur))


def _remember(path: Path, texts: dict[str, tuple[Path, str]], region: Region) -> None:
    """Cache a region that validated: its rules (no personal data) and keyed digests of the
    files it extends, under its own file's text (titlecli.cache)."""
    if not cache.enabled():
        return
    try:
        import json

        from .fastbuild import dump

        deps = [[ref, str(p.resolve()), cache.digest(texts[str(p)][1])] for ref, p in _chain(path, texts)]
        data = dump(region)
        payload = json.dumps({"deps": deps, "region": data}, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        if json.loads(payload)["region"] != data:  # it would not come back as it was
            return
    except (TypeError, ValueError, KeyError, UserError):
        return
    cache.put(cache.key("region", str(path.resolve()), texts[str(path)][1]), payload.encode("utf-8"))


def _cached(path: Path) -> Region | None:
    """The region, built without pydantic or YAML, when its file and every file it extends are
    exactly as they were when they validated (titlecli.cache); else None."""
    if not cache.enabled():
        return None
    try:
        import json

        from .datafile import decode, read_limited

        what = t("地区规则", "region")
        payload = cache.get(cache.key("region", str(path.resolve()), decode(path, read_limited(path, what))))
        if payload is None:
            return None
        entry = json.loads(payload)
        cur = path
        for ref, dep, digest in entry["deps"]:
            cur = find(ref, cur.parent)
            if str(cur.resolve()) != dep or cache.digest(decode(cur, read_limited(cur, what))) != digest:
                return None
        from .fastbuild import build

        region = build(Region, entry["region"], shared=True)
    except Exception:  # noqa: BLE001 - anything unexpected: validate in full, which says what is wrong
        return None
    region.path = str(path)
    return region


def _read(path: Path) -> tuple[dict, str]:
    from .profile import read_structured

    data, text = read_structured(path, t("地区规则", "region"))
    if not isinstance(data, dict):
        raise UserError(Problem(str(path), "", t("地区规则文件应为键值映射", "a region file must be a mapping")))
    return data, text


def _merge(parent: Any, child: Any) -> Any:
    """Child over parent: mappings merge key by key; lists of items with `id` merge by id
    (a child item replaces the parent's item with the same id); other values are replaced."""
    if isinstance(parent, dict) and isinstance(child, dict):
        out = dict(parent)
        for k, v in child.items():
            out[k] = _merge(parent[k], v) if k in parent else v
        return out
    if isinstance(parent, list) and isinstance(child, list) and all(isinstance(x, dict) and "id" in x for x in parent + child):
        out = list(parent)
        index = {x["id"]: i for i, x in enumerate(out)}
        for x in child:
            if x["id"] in index:
                out[index[x["id"]]] = x
            else:
                out.append(x)
        return out
    return child


def _remove(data: dict, ids: list) -> None:
    drop = set(map(str, ids))

    def walk(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x) for x in v if not (isinstance(x, dict) and str(x.get("id")) in drop)]
        return v

    for k in list(data):
        data[k] = walk(data[k])


def _rename(v: Any) -> Any:
    if isinstance(v, dict):
        return {_RENAMES.get(k, k) if isinstance(k, str) else k: _rename(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_rename(x) for x in v]
    return v


def _resolve(path: Path, chain: list[Path]) -> tuple[dict, list[Path], dict[str, tuple[Path, str]]]:
    """The merged raw data for `path`, the files it came from, and the text of each file."""
    if path.resolve() in [c.resolve() for c in chain]:
        raise UserError(Problem(str(path), "extends", t("extends 形成循环", "extends forms a cycle")))
    data, text = _read(path)
    _cite(path, data, text)
    texts = {str(path): (path, text)}
    parent_ref = data.get("extends")
    files = [path]
    if parent_ref:
        try:
            parent_path = find(str(parent_ref), path.parent)
        except UserError:
            raise UserError(
                Problem(
                    str(path),
                    "extends",
                    t(f"所继承的地区 {parent_ref!r} 不存在", f"extends a region that does not exist: {parent_ref!r}"),
                    _line(text, ("extends",)),
                )
            ) from None
        pdata, pfiles, ptexts = _resolve(parent_path, chain + [path])
        removed = data.pop("remove", None) or []
        # A child states its own notice and documents: they are never inherited (the parent's
        # rules keep citing the parent's documents, resolved in the parent's file).
        merged = _merge({k: v for k, v in pdata.items() if k not in ("id", "extends", "notice", "documents")}, data)
        if removed:
            _remove(merged, removed)
        data = merged
        files += pfiles
        texts.update(ptexts)
    else:
        data.pop("remove", None)
    return data, files, texts


def _cite(path: Path, data: dict, text: str) -> None:
    """Resolve the file's own citations against its own documents (titlecli.citations)."""
    from .citations import resolve_file

    found = resolve_file(data, lambda loc: _line(text, loc))
    if found:
        raise UserError([Problem(str(path), key_path(loc), msg, line) for loc, msg, line in found])


def _line(text: str, loc: tuple) -> int | None:
    from . import yamlio

    return yamlio.line_of(text, tuple(_BACK.get(p, p) if isinstance(p, str) else p for p in loc))


_adapter = None


def _validator():
    global _adapter
    if _adapter is None:
        from pydantic import TypeAdapter

        _adapter = TypeAdapter(Region)
    return _adapter


def _load_uncached(path: Path) -> tuple[Region, dict[str, tuple[Path, str]]]:
    """The region validated, and the text of each file it came from."""
    from pydantic import ValidationError

    from .profile import describe_error

    data, _, texts = _resolve(path, [])
    own_text = texts[str(path)][1]
    problems: list[Problem] = []
    region = None
    try:
        region = _validator().validate_python(_rename(data))
    except ValidationError as e:
        for err in e.errors():
            loc, node = _untagged(data, tuple(_BACK.get(p, p) if isinstance(p, str) else p for p in err["loc"]))
            problems.append(Problem(str(path), key_path(loc), _describe(err, loc, node) or describe_error(err), _line(own_text, loc)))
    if region is not None:
        for loc, msg in semantic_problems(region):
            problems.append(Problem(str(path), key_path(loc), msg, _line(own_text, loc)))
    if problems:
        raise UserError(problems)
    assert region is not None
    region.path = str(path)
    return region, texts


def _untagged(data: Any, loc: tuple) -> tuple[tuple, Any]:
    """`loc` without the union tags pydantic puts in it (`conditions[1].education.years` is
    `conditions[1].years` in the file), and the mapping holding its last key."""
    out: list = []
    node, parent = data, None
    for part in loc:
        if isinstance(node, dict) and part not in node and node.get("kind") == part:
            continue  # the tag of a condition: not a key of the file
        out.append(part)
        parent = node
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(out), parent if isinstance(parent, dict) else None


def _params(kind: str) -> str:
    from dataclasses import fields

    from .kinds.base import ConditionBase

    common = {f.name for f in fields(ConditionBase)}
    return ", ".join(yaml_key(f.name) for f in fields(KINDS[kind]) if f.name not in common and f.name != "kind")


def _describe(err: dict, loc: tuple, parent: dict | None) -> str | None:
    """Region-specific wording of a validation error: condition kinds and their parameters."""
    typ = err.get("type")
    known = ", ".join(KINDS)
    if typ == "union_tag_invalid":
        tag = err.get("ctx", {}).get("tag")
        return t(f"未知的条件类型 kind: {tag}；可用的类型：{known}", f"unknown condition kind {tag!r}; the kinds are: {known}")
    if typ == "union_tag_not_found":
        return t(f"缺少条件类型 kind；可用的类型：{known}", f"the condition has no kind; the kinds are: {known}")
    kind = parent.get("kind") if parent else None
    if typ in ("unexpected_keyword_argument", "extra_forbidden") and kind in KINDS and loc:
        params = _params(kind) or t("无", "none")
        return t(
            f"{kind} 条件没有参数 {loc[-1]}（是否写错了位置或拼写？）；{kind} 的参数：{params}",
            f"a condition of kind {kind} takes no {loc[-1]} (misplaced or misspelt?); its parameters: {params}",
        )
    return None


def _condition_problems(c: ConditionBase, loc: tuple, inherited: str | None) -> list[tuple[tuple, str]]:
    out: list[tuple[tuple, str]] = []
    src = c.source or inherited
    if not src and c.kind != "any_of":
        out.append((loc + ("source",), t("规则没有注明来源（source）", "rule has no source")))
    out += [(loc + sub, msg) for sub, msg in c.problems()]
    for i, sub in enumerate(c.children()):
        out += _condition_problems(sub, loc + ("conditions", i), src)
    return out


def semantic_problems(region: Region) -> list[tuple[tuple, str]]:
    out: list[tuple[tuple, str]] = []
    seen_routes: set[str] = set()
    for ri, route in enumerate(region.routes):
        rloc = ("routes", ri)
        if route.id in seen_routes:
            out.append((rloc + ("id",), t(f"路线 id 重复：{route.id}", f"duplicate route id: {route.id}")))
        seen_routes.add(route.id)
        if not route.pathways:
            out.append((rloc + ("pathways",), t("至少需要一条途径", "needs at least one pathway")))
        for ci, c in enumerate(route.requires):
            out += _condition_problems(c, rloc + ("requires", ci), route.source)
        seen_paths: set[str] = set()
        for pi, p in enumerate(route.pathways):
            if p.id in seen_paths:
                out.append((rloc + ("pathways", pi, "id"), t(f"途径 id 重复：{p.id}", f"duplicate pathway id: {p.id}")))
            seen_paths.add(p.id)
            for ci, c in enumerate(p.conditions):
                out += _condition_problems(c, rloc + ("pathways", pi, "conditions", ci), p.source or route.source)
    for i, ex in enumerate(region.exclusions):
        out += _condition_problems(ex, ("exclusions", i), None)
    for i, adj in enumerate(region.adjustments):
        if not adj.source:
            out.append((("adjustments", i, "source"), t("规则没有注明来源（source）", "rule has no source")))
        out += _condition_problems(adj.when, ("adjustments", i, "when"), adj.source)
    return out


def validate_file(path: str | Path) -> Region:
    """Validate one region file without the cache (for `regions validate`)."""
    region, _ = _load_uncached(Path(path))
    return region


LEVEL_NAMES = {
    "member": ("员级", "member level"),
    "assistant": ("助理级", "assistant level"),
    "intermediate": ("中级", "intermediate"),
    "deputy_senior": ("副高级", "deputy senior"),
    "senior": ("正高级", "senior"),
}


def title_name(region: Region, series: str, level: str) -> str:
    for key in (series, "*"):
        names = region.titles.get(key) or {}
        if level in names:
            return names[level]
    return LEVEL_NAMES[level][0]
