"""Reading one region file with the regions it extends: `extends:`, `remove:`, validation.

Every problem is collected, not just the first: a file that cannot be parsed, an `id` that is
not the file's name, a parent that does not exist, a removal that matches nothing, each type
error, each rule without a source.  Each is reported where it is — the file holding the entry,
the entry's position in that file and its line — so a child region's first exclusion is its
`exclusions[0]`, however many exclusions it inherits.

Merging: the child's keys over the parent's; mappings merge key by key; a list of items with
`id` merges by id (a child item replaces the parent's item with that id, a new id is added).
`remove:` takes entries out of what is inherited, each named by a scoped path — keys, with an
id after each list: `routes/engineer-review`, `routes/engineer-review/pathways/bachelor-5y`,
`routes/engineer-review/pathways/bachelor-5y/conditions/years-after-graduation`,
`exclusions/civil-servant`, `materials/papers`, `online`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .citations import Citation
from .errors import Problem, UserError, key_path
from .i18n import lang, t
from .kinds import KINDS, ConditionBase
from .kinds.base import RENAMES, YAML_KEYS, yaml_key
from .lazyimport import lazy
from .rules import Adjustment, Region, Route

if TYPE_CHECKING:
    import pydantic
    from pydantic_core import ErrorDetails
else:
    pydantic = lazy("pydantic")  # validation of a region file the cache has not seen

Stamp = tuple[str, int, int]  # (file, size, mtime_ns)


@dataclass
class Removal:
    """What one `remove:` entry took out of the inherited rules."""

    spec: str
    what: str  # e.g. 路线「中级 · 评审」
    file: str  # where the removed entry was written
    line: int | None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if not where:
            return t(f"{self.spec}：{self.what}", f"{self.spec}: {self.what}")
        return t(f"{self.spec}：{self.what}（{where}）", f"{self.spec}: {self.what} ({where})")


@dataclass
class Loaded:
    """A region file read with its parents: the region (None when there are problems), the
    files it was built from with their size and mtime and their texts, what `remove:` took
    out, the problems."""

    region: Region | None
    stamps: list[Stamp] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # file -> its text
    removals: list[Removal] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return [Path(f) for f, _, _ in self.stamps]


class _State:
    """What reading a region and its parents collects."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        # id() of every mapping and list as read -> (file, its position in that file)
        self.origins: dict[int, tuple[str, tuple]] = {}
        self.stamps: list[Stamp] = []
        self.removals: list[Removal] = []
        self.problems: list[Problem] = []

    def problem(self, file: str, loc: tuple, message: str) -> None:
        self.problems.append(Problem(file, key_path(loc), message, self.line(file, loc)))

    def line(self, file: str, loc: tuple) -> int | None:
        from . import yamlio

        text = self.texts.get(file)
        return yamlio.line_of(text, loc) if text is not None else None

    def index(self, node: Any, file: str, loc: tuple) -> None:
        if isinstance(node, (dict, list)):
            self.origins[id(node)] = (file, loc)
            items = node.items() if isinstance(node, dict) else enumerate(node)
            for k, v in items:
                self.index(v, file, loc + (k,))

    def locate(self, data: Any, loc: tuple, default: str) -> tuple[str, tuple, dict | None]:
        """Where the value at `loc` of the merged data was written: (file, position in that
        file, the mapping holding the last key).  Union tags pydantic adds to a location
        (`conditions[1].education.years`) are not keys of the file and are dropped."""
        file = default
        own: tuple = ()
        node, parent = data, None
        for part in loc:
            if isinstance(node, dict) and part not in node and node.get("kind") == part:
                continue
            parent, node = node, _child(node, part)
            origin = self.origins.get(id(node)) if isinstance(node, (dict, list)) else None
            if origin is not None:
                file, own = origin
            else:
                own = own + (part,)
        return file, own, parent if isinstance(parent, dict) else None


def _child(node: Any, part: Any) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


# ------------------------------------------------------------------ reading and merging


def _read(path: Path, st: _State) -> dict | None:
    from . import datafile

    try:
        s = os.stat(path)  # before reading: a change after it makes the stamp stale, never the data
    except OSError:
        s = None
    dups: list[datafile.Duplicate] = []
    try:
        data, text, _ = datafile.read(path, t("地区规则", "region"), dups)
    except UserError as e:
        st.problems += e.problems
        return None
    file = str(path)
    st.texts[file] = text
    st.stamps.append((file, s.st_size, s.st_mtime_ns) if s else (file, -1, -1))
    st.problems += [datafile.duplicate_problem(file, d) for d in dups]
    if not isinstance(data, dict):
        st.problem(file, (), t("地区规则文件应为键值映射", "a region file must be a mapping"))
        return None
    st.index(data, file, ())
    # A file's citations are resolved against its own documents before any merge: a rule
    # inherited from national keeps citing national's document (titlecli.citations).
    from .citations import resolve_file

    for loc, msg, line in resolve_file(data, lambda loc: st.line(file, loc)):
        st.problems.append(Problem(file, key_path(loc), msg, line))
    return data


def _merge(parent: Any, child: Any) -> Any:
    """Child over parent (see the module's docstring)."""
    if isinstance(parent, dict) and isinstance(child, dict):
        out = dict(parent)
        for k, v in child.items():
            out[k] = _merge(parent[k], v) if k in parent else v
        return out
    # items merge by id only when every one has a text id: a mangled one (`id: []`) leaves the
    # child's list as written, for the schema check to name
    if (
        isinstance(parent, list)
        and isinstance(child, list)
        and all(isinstance(x, dict) and isinstance(x.get("id"), str) for x in parent + child)
    ):
        items = list(parent)
        index = {x["id"]: i for i, x in enumerate(items)}
        for x in child:
            if x["id"] in index:
                items[index[x["id"]]] = x
            else:
                items.append(x)
        return items
    return child


def _resolve(path: Path, chain: list[Path], st: _State) -> dict | None:
    """The raw data of `path` merged over the regions it extends (None: unreadable)."""
    from .regions import find

    data = _read(path, st)
    if data is None:
        return None
    file = str(path)
    own_id = data.get("id")
    if own_id is not None and str(own_id) != path.stem:
        st.problem(
            file,
            ("id",),
            t(
                f"id {own_id} 与文件名不符：地区按文件名查找，id 应为 {path.stem}（或把文件改名为 {own_id}{path.suffix}）",
                f"id {own_id} differs from the file name: regions are found by file name, so the id must be {path.stem} "
                f"(or rename the file to {own_id}{path.suffix})",
            ),
        )
    child = {k: v for k, v in data.items() if k != "remove"}
    parent_ref = data.get("extends")
    if not parent_ref:
        if data.get("remove") is not None:
            st.problem(
                file,
                ("remove",),
                t("remove 只用于去掉继承来的条目，须与 extends 一起使用", "remove takes out inherited entries: it needs extends"),
            )
        return child
    try:
        parent_path = find(str(parent_ref), path.parent)
    except UserError:
        st.problem(file, ("extends",), t(f"所继承的地区 {parent_ref} 不存在", f"extends a region that does not exist: {parent_ref}"))
        return child
    if any(parent_path.resolve() == c.resolve() for c in chain + [path]):
        st.problem(file, ("extends",), t("extends 形成循环", "extends forms a cycle"))
        return child
    parent = _resolve(parent_path, chain + [path], st)
    if parent is None:
        return child
    # A child states its own notice and documents: they are never inherited; nor are the other
    # names of the place (a city is not called by its province's names).
    inherited = {k: v for k, v in parent.items() if k not in ("id", "extends", "notice", "documents", "aliases")}
    _remove_all(inherited, data.get("remove"), file, st)
    return _merge(inherited, child)


# ------------------------------------------------------------------ remove:

# list key -> what its entries are called
_NOUNS = {
    "routes": ("路线", "route"),
    "pathways": ("途径", "pathway"),
    "requires": ("共同条件", "common condition"),
    "conditions": ("条件", "condition"),
    "exclusions": ("不得申报情形", "exclusion"),
    "adjustments": ("放宽条件", "adjustment"),
    "materials": ("材料", "material"),
    "items": ("上传项目", "upload item"),
    "checks": ("网上申报检查", "online check"),
}
_EXAMPLE = "routes/engineer-review、routes/engineer-review/pathways/bachelor-5y"


class _NoMatch(Exception):
    pass


def _remove_all(inherited: dict, removes: Any, file: str, st: _State) -> None:
    if removes is None:
        return
    if not isinstance(removes, list):
        st.problem(
            file, ("remove",), t(f"remove 应为列表，每项是一个位置，如 {_EXAMPLE}", f"remove must be a list of paths such as {_EXAMPLE}")
        )
        return
    for i, spec in enumerate(removes):
        if not isinstance(spec, str) or not spec.strip():
            st.problem(file, ("remove", i), t(f"应为位置文字，如 {_EXAMPLE}", f"expected a path such as {_EXAMPLE}"))
            continue
        try:
            st.removals.append(_remove_one(inherited, spec.strip(), st))
        except _NoMatch as e:
            st.problem(file, ("remove", i), str(e))


def _remove_one(data: dict, spec: str, st: _State) -> Removal:
    """Take the entry `spec` names out of `data` (see the module's docstring)."""
    parts = spec.split("/")
    if len(parts) == 1 and spec not in data:
        raise _NoMatch(_bare_id(data, spec))
    node: Any = data
    i = 0
    while i < len(parts):
        key, here = parts[i], "/".join(parts[:i]) or t("继承的规则", "the inherited rules")
        if not isinstance(node, dict) or key not in node:
            raise _NoMatch(
                t(f"{here} 中没有 {key}（继承来的规则里找不到 {spec}）", f"{here} has no {key} (nothing inherited matches {spec})")
            )
        value = node[key]
        if i + 1 == len(parts) and not isinstance(value, list):
            if id(value) in st.origins:
                file, loc = st.origins[id(value)]
            else:
                file, loc = st.origins.get(id(node), ("", ()))
                loc += (key,)
            del node[key]
            return Removal(spec, t(f"整个 {key}", f"all of {key}"), file, st.line(file, loc) if file else None)
        if not isinstance(value, list):
            node, i = value, i + 1
            continue
        if i + 1 == len(parts):
            raise _NoMatch(
                t(f"{spec} 是一个列表：请写出要移除的条目编号，如 {spec}/编号", f"{spec} is a list: name the entry, e.g. {spec}/ID")
            )
        ident = parts[i + 1]
        hits = [x for x in value if isinstance(x, dict) and str(x.get("id")) == ident]
        if not hits:
            ids = t("、", ", ").join(str(x["id"]) for x in value if isinstance(x, dict) and "id" in x) or t("无", "none")
            where = "/".join(parts[: i + 1])
            raise _NoMatch(
                t(
                    f"继承的 {where} 中没有编号为 {ident} 的条目；现有：{ids}",
                    f"no entry {ident} in the inherited {where}; there are: {ids}",
                )
            )
        if i + 2 == len(parts):
            node[key] = [x for x in value if not any(x is h for h in hits)]
            return _removal(spec, _label(key, hits[0]), hits[0], st)
        node, i = hits[0], i + 2
    raise _NoMatch(t(f"{spec} 不是可移除的位置", f"{spec} is not a path that can be removed"))


def _bare_id(data: dict, ident: str) -> str:
    found = _scoped_paths(data, ident, ())
    if found:
        shown = t("、", ", ").join(found[:5])
        if len(found) > 5:
            shown += t(f" 等 {len(found)} 处", f" … ({len(found)} in all)")
        return t(
            f"remove 须写明位置（键/编号），不能只写编号：{ident} 是 {shown}",
            f"remove needs a path (key/id), not a bare id: {ident} is {shown}",
        )
    return t(
        f"继承的规则中没有编号为 {ident} 的条目；remove 的写法是位置，如 {_EXAMPLE}",
        f"nothing inherited has the id {ident}; remove takes paths such as {_EXAMPLE}",
    )


def _scoped_paths(node: Any, ident: str, prefix: tuple) -> list[str]:
    """The scoped path of every inherited entry with this id."""
    out: list[str] = []
    if not isinstance(node, dict):
        return out
    for k, v in node.items():
        if isinstance(v, dict):
            out += _scoped_paths(v, ident, prefix + (str(k),))
        elif isinstance(v, list):
            for x in v:
                if isinstance(x, dict) and "id" in x:
                    here = prefix + (str(k), str(x["id"]))
                    if str(x["id"]) == ident:
                        out.append("/".join(here))
                    out += _scoped_paths(x, ident, here)
    return out


def _label(key: str, item: dict) -> str:
    from .terms import LEVEL_NAMES, ROUTE_NAMES, nm

    noun = t(*_NOUNS.get(key, ("条目", "entry")))
    if key == "routes" and item.get("level") in LEVEL_NAMES:
        name = f"{nm(LEVEL_NAMES, item['level'])} · {nm(ROUTE_NAMES, str(item.get('route')))}"
    else:
        en = lang() == "en"
        name = next((str(item[k]) for k in (("text_en", "name_en") if en else ()) + ("text", "name") if item.get(k)), "")
    return t(f"{noun}「{name}」", f"{noun} “{name}”") if name else noun


def _removal(spec: str, what: str, value: Any, st: _State) -> Removal:
    file, loc = st.origins.get(id(value), ("", ()))
    return Removal(spec, what, file, st.line(file, loc) if file else None)


# ------------------------------------------------------------------ validation


def _rename(v: Any) -> Any:
    if isinstance(v, dict):
        return {RENAMES.get(k, k) if isinstance(k, str) else k: _rename(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_rename(x) for x in v]
    return v


_adapters: dict[Any, Any] = {}


def _adapter(tp: Any):
    if tp not in _adapters:
        _adapters[tp] = pydantic.TypeAdapter(tp)
    return _adapters[tp]


def read_region(path: Path) -> Loaded:
    """Read, merge and validate the region file at `path`; every problem is in `problems`."""
    st = _State()
    data = _resolve(path, [], st)
    region = None
    file = str(path)
    if data is not None:
        # One problem per place: what reading found (an unknown document, a missing notice) is
        # not said again as a missing value by the schema or the checks after it.
        said = {(p.file, p.path) for p in st.problems}
        renamed = _rename(data)
        later: list[Problem] = []
        try:
            region = _adapter(Region).validate_python(renamed)
        except pydantic.ValidationError as e:
            for err in e.errors():
                later.append(_problem(st, data, tuple(YAML_KEYS.get(p, p) if isinstance(p, str) else p for p in err["loc"]), err, file))
            found = _parts_problems(renamed)
        else:
            found = semantic_problems(region)
        for loc, msg in found:
            where, own, _ = st.locate(data, loc, file)
            later.append(Problem(where, key_path(own), msg, st.line(where, own)))
        st.problems += [p for p in later if (p.file, p.path) not in said]
    order = [f for f, _, _ in st.stamps]
    st.problems.sort(key=lambda p: (order.index(p.file) if p.file in order else len(order), p.line or 0))
    if region is not None and not st.problems:
        region.path = file
    return Loaded(region if not st.problems else None, st.stamps, st.texts, st.removals, st.problems)


def _problem(st: _State, data: dict, loc: tuple, err: ErrorDetails, default: str) -> Problem:
    from .profile import describe_error

    where, own, parent = st.locate(data, loc, default)
    return Problem(where, key_path(own), _describe(err, own, parent) or describe_error(err), st.line(where, own))


def _params(kind: str) -> str:
    common = {f.name for f in fields(ConditionBase)}
    return ", ".join(yaml_key(f.name) for f in fields(KINDS[kind]) if f.name not in common and f.name != "kind")


def _describe(err: ErrorDetails, loc: tuple, parent: dict | None) -> str | None:
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


# ------------------------------------------------------------------ beyond the types


def _no_source(loc: tuple) -> tuple[tuple, str]:
    return (loc + ("source",), t("规则没有注明来源（source）", "rule has no source"))


def _condition_problems(c: ConditionBase, loc: tuple, inherited: Citation | None, exclusion: bool = False) -> list[tuple[tuple, str]]:
    out: list[tuple[tuple, str]] = []
    src = c.source or inherited
    if not src and c.kind != "any_of":
        out.append(_no_source(loc))
    if c.applies_to is not None and not exclusion:
        out.append(
            (
                loc + ("applies_to",),
                t(
                    "applies_to 只用于不得申报（exclusions）的条目；条件只在某些情形下检查时请用 when",
                    "applies_to is for exclusions only; a condition checked only in some cases uses when",
                ),
            )
        )
    out += [(loc + sub, msg) for sub, msg in c.problems()]
    for i, sub in enumerate(c.children()):
        out += _condition_problems(sub, loc + ("conditions", i), src)
    return out


def route_problems(route: Route, loc: tuple) -> list[tuple[tuple, str]]:
    out: list[tuple[tuple, str]] = []
    if not route.pathways:
        out.append((loc + ("pathways",), t("至少需要一条途径", "needs at least one pathway")))
    for ci, c in enumerate(route.requires):
        out += _condition_problems(c, loc + ("requires", ci), route.source)
    seen: set[str] = set()
    for pi, p in enumerate(route.pathways):
        if p.id in seen:
            out.append((loc + ("pathways", pi, "id"), t(f"途径 id 重复：{p.id}", f"duplicate pathway id: {p.id}")))
        seen.add(p.id)
        for ci, c in enumerate(p.conditions):
            out += _condition_problems(c, loc + ("pathways", pi, "conditions", ci), p.source or route.source)
    return out


def exclusion_problems(ex: ConditionBase, loc: tuple) -> list[tuple[tuple, str]]:
    return _condition_problems(ex, loc, None, exclusion=True)


def adjustment_problems(adj: Adjustment, loc: tuple) -> list[tuple[tuple, str]]:
    out = [] if adj.source else [_no_source(loc)]
    return out + _condition_problems(adj.when, loc + ("when",), adj.source)


def _duplicate_route_ids(ids: list[Any]) -> list[tuple[tuple, str]]:
    out, seen = [], set()
    for i, rid in enumerate(ids):
        if rid is not None and rid in seen:
            out.append((("routes", i, "id"), t(f"路线 id 重复：{rid}", f"duplicate route id: {rid}")))
        seen.add(rid)
    return out


def semantic_problems(region: Region) -> list[tuple[tuple, str]]:
    """What is wrong beyond the types in a region that validated."""
    out = _duplicate_route_ids([r.id for r in region.routes])
    for i, route in enumerate(region.routes):
        out += route_problems(route, ("routes", i))
    for i, ex in enumerate(region.exclusions):
        out += exclusion_problems(ex, ("exclusions", i))
    for i, adj in enumerate(region.adjustments):
        out += adjustment_problems(adj, ("adjustments", i))
    return out + _title_names_problems(region)


def _title_names_problems(region: Region) -> list[tuple[tuple, str]]:
    """An English title name translates a Chinese one: `titles_en` names no title `titles` lacks."""
    out: list[tuple[tuple, str]] = []
    for series, names in region.titles_en.items():
        for level in names:
            if level not in region.titles.get(series, {}):
                out.append(
                    (
                        ("titles_en", series, level),
                        t(
                            f"titles 中没有 {series} 的 {level} 职称名称，英文名称无从对应",
                            f"titles names no {level} title of {series} for this English name to translate",
                        ),
                    )
                )
    return out


def _parts_problems(renamed: dict) -> list[tuple[tuple, str]]:
    """When the region as a whole does not validate: the same checks for each route,
    exclusion and adjustment that does, so one broken entry does not hide the others' problems."""
    from .kinds import Condition

    out: list[tuple[tuple, str]] = []
    routes = renamed.get("routes")
    if isinstance(routes, list):
        out += _duplicate_route_ids([r.get("id") if isinstance(r, dict) else None for r in routes])
    for key, tp, check in (
        ("routes", Route, route_problems),
        ("exclusions", Condition, exclusion_problems),
        ("adjustments", Adjustment, adjustment_problems),
    ):
        items = renamed.get(key)
        for i, item in enumerate(items if isinstance(items, list) else []):
            try:
                obj = _adapter(tp).validate_python(item)
            except pydantic.ValidationError:
                continue
            out += check(obj, (key, i))
    return out
