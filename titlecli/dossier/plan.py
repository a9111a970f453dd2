"""The dossier as data: categories -> documents -> pages, built before anything is drawn.

Page numbers, the contents and the checklist's page column are all computed from this plan;
the layout (layout.py) only draws what the plan says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..i18n import lang, t
from ..model import Profile
from ..rules import Region
from .sources import Broken, Source, Unbindable, open_source
from .template import text


@dataclass
class Entry:
    """One document in the dossier (or the placeholder standing in for it)."""

    title: str
    kind: str
    file: str = ""  # as written in the profile
    source: Source | None = None
    placeholder: str | None = None  # None | "missing" | "broken"
    message: str = ""
    material: str | None = None
    first: int = 0

    @property
    def pages(self) -> int:
        return self.source.pages if self.source is not None else 1

    @property
    def last(self) -> int:
        return self.first + self.pages - 1


# A scan whose longer side has fewer pixels than this is a thumbnail, not a scan (an A4 page at
# 150 dpi is 1754 pixels high; a 1-inch photo at 300 dpi 413).
SMALL_IMAGE = 200


@dataclass
class Section:
    number: int
    name: str
    kinds: list[str]
    entries: list[Entry] = field(default_factory=list)
    first: int = 0  # its separator page; 0 when the category is empty

    @property
    def last(self) -> int:
        return self.entries[-1].last if self.entries else self.first


@dataclass
class Row:
    """One line of the checklist (材料清单)."""

    id: str
    name: str
    kind: str
    category: str
    copies: int
    original: bool
    required: bool
    entries: list[Entry] = field(default_factory=list)
    note: str = ""

    @property
    def present(self) -> bool:
        return any(e.placeholder is None for e in self.entries)

    @property
    def pages(self) -> str:
        return page_ranges([(e.first, e.last) for e in self.entries if e.placeholder is None and e.first > 0])

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "category": self.category,
            "copies": self.copies,
            "original": self.original,
            "required": self.required,
            "present": self.present,
            "pages": self.pages,
            "note": self.note,
        }


@dataclass
class Page:
    role: str  # cover | checklist | contents | blank | separator | doc | placeholder
    category: str = ""
    section: Section | None = None
    entry: Entry | None = None
    index: int = 0  # the page within its document / checklist / contents


@dataclass
class Plan:
    profile: Profile
    region: Region
    as_of: date
    level: str | None
    level_title: str
    route: object | None
    template: dict
    duplex: bool
    sections: list[Section]
    rows: list[Row]
    problems: list[str]
    broken: list[str]
    warnings: list[str] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    checklist_pages: int = 1
    contents_pages: int = 1

    @property
    def missing(self) -> list[str]:
        return [r.name for r in self.rows if r.required and not r.present]


def page_ranges(spans: list[tuple[int, int]]) -> str:
    """'3-5, 9': adjacent spans are joined."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in merged)


def _name(zh: str | None, en: str | None) -> str:
    return (en or zh or "") if lang() == "en" else (zh or en or "")


def categories(region: Region, template: dict) -> list[tuple[str, list[str]]]:
    cats = region.dossier.categories if region.dossier and region.dossier.categories else None
    if cats:
        return [(_name(c.name, c.name_en), list(c.kinds)) for c in cats]
    return [(_name(c["name"], c.get("name_en")), list(c["kinds"])) for c in template["categories"]]


def target_level(profile: Profile, verdict, level: str | None) -> str | None:
    if level:
        return level
    if profile.application.level:
        return profile.application.level
    from ..model import LEVELS

    cur = verdict.current_level
    above = [r for r in verdict.results if cur is None or LEVELS.index(r.level) > LEVELS.index(cur)]
    ok = [r for r in above if r.eligible]
    pick = ok[0] if ok else (above[0] if above else None)
    return pick.level if pick else None


def choose_result(verdict, level: str | None):
    results = [r for r in verdict.results if r.level == level]
    ok = [r for r in results if r.eligible]
    return ok[0] if ok else (results[0] if results else None)


def make_plan(  # noqa: C901 - to split (issue 19)
    profile: Profile,
    region: Region,
    as_of: date,
    *,
    base_dir: Path,
    template: dict,
    level: str | None = None,
    duplex: bool | None = None,
    skip_broken: bool = False,
    open_files: bool = True,
) -> Plan:
    from ..engine import LEVEL_NAMES, applies, check, nm
    from ..errors import Problem, UserError

    verdict = check(profile, region, as_of, level, "", base_dir)
    lvl = target_level(profile, verdict, level)
    result = choose_result(verdict, lvl)
    route = next((r for r in region.routes if result is not None and r.id == result.route_id), None)
    series = profile.application.series
    title_name = (
        (region.titles.get(series, {}).get(lvl) if lvl else None)
        or (result.title if result else "")
        or (nm(LEVEL_NAMES, lvl) if lvl else "")
    )

    # What check found: the unmet conditions of the chosen route, warnings, online problems.
    problems: list[str] = []
    if result is not None:
        problems += [r.message for r in result.unmet]
        problems += result.warnings
    elif lvl:
        problems.append(t(f"本地区规则中没有{nm(LEVEL_NAMES, lvl)}的申报途径", f"the region defines no route for {nm(LEVEL_NAMES, lvl)}"))
    problems += verdict.warnings
    problems += [r.message for r in verdict.online if not r.passed]

    cats = categories(region, template)
    sections = [Section(i + 1, name, kinds) for i, (name, kinds) in enumerate(cats)]
    cat_of = {}
    for s in sections:
        for k in s.kinds:
            cat_of.setdefault(k, s)

    def section_for(kind: str) -> Section:
        # A kind the region's categories do not name goes with `other`, or into a category of
        # its own at the end, never into whatever category happens to be last (a photo under 奖励).
        s = cat_of.get(kind) or cat_of.get("other")
        if s is None:
            s = Section(len(sections) + 1, _name("其它", "Other"), ["other"])
            sections.append(s)
            cat_of["other"] = s
        return s

    kind_names = template.get("kind_names", {})

    def kind_name(kind: str) -> str:
        zh, en = kind_names.get(kind, [kind, kind])
        return _name(zh, en)

    # The checklist rows: the region's materials that apply, then the ones contract §5 always wants.
    rows: list[Row] = []
    has_degree = any(e.degree != "none" for e in profile.education)
    for m in region.materials:
        if not applies(m.applies_to, profile, route):
            continue
        required = m.required or (m.kind == "degree_certificate" and has_degree)
        note = _name(m.note, m.note_en) if (m.note or m.note_en) else ""
        rows.append(Row(m.id, _name(m.name, m.name_en), m.kind, section_for(m.kind).name, m.copies, m.original, required, note=note))
    listed = {r.kind for r in rows}
    for a in template.get("always", []):
        if a["kind"] in listed:
            continue
        if a.get("when") == "has_degree" and not has_degree:
            continue
        rows.append(
            Row(
                a["kind"],
                _name(a["name"], a.get("name_en")),
                a["kind"],
                section_for(a["kind"]).name,
                int(a.get("copies", 1)),
                bool(a.get("original", False)),
                bool(a.get("required", True)),
            )
        )
    # Notes a clerk checks at the counter.
    chsi_until = [e.chsi_record.valid_until for e in profile.education if e.chsi_record and e.chsi_record.valid_until]
    for r in rows:
        extra = ""
        if r.kind == "chsi_record" and chsi_until:
            extra = t(f"有效期至 {max(chsi_until)}", f"valid until {max(chsi_until)}")
        if r.kind == "photo" and region.photo is not None:
            ph = region.photo
            extra = t(
                f"{ph.background or ''}{ph.spec} {ph.count} 张", f"{ph.count} × {ph.spec}{' on ' + ph.background if ph.background else ''}"
            )
            if ph.note and ph.note not in r.note:
                extra += "；" + ph.note
        if extra:
            r.note = f"{r.note}；{extra}" if r.note else extra

    # The documents, in the profile's order within their category's kind order.
    broken: list[str] = []
    bad: list[Problem] = []
    small: list[str] = []
    by_kind_row: dict[str, list[Row]] = {}
    for r in rows:
        by_kind_row.setdefault(r.kind, []).append(r)
    docs = list(enumerate(profile.documents))
    order = {k: i for s in sections for i, k in enumerate(s.kinds)}
    docs.sort(key=lambda x: (sections.index(section_for(x[1].kind)), order.get(x[1].kind, 999), x[0]))
    count_kind: dict[str, int] = {}
    for _, d in docs:
        count_kind[d.kind] = count_kind.get(d.kind, 0) + 1
    seen_kind: dict[str, int] = {}
    for i, d in docs:
        path = (base_dir / d.file) if not Path(d.file).is_absolute() else Path(d.file)
        matching = by_kind_row.get(d.kind, [])
        title = d.name or (matching[0].name if len(matching) == 1 else kind_name(d.kind))
        seen_kind[d.kind] = seen_kind.get(d.kind, 0) + 1
        if count_kind[d.kind] > 1 and not d.name:
            title = f"{title}（{seen_kind[d.kind]}）"
        entry = Entry(title, d.kind, d.file, material=matching[0].id if matching else None)
        if open_files:
            try:
                entry.source = open_source(path)
                w, h = entry.source.size
                if entry.source.kind != "pdf" and max(w, h) < SMALL_IMAGE:
                    small.append(
                        t(
                            f"{d.file} 只有 {w}×{h} 像素，放大到页面上会很模糊；请换一份清晰的扫描件",
                            f"{d.file} is only {w}×{h} pixels and will print blurred when enlarged; use a sharper scan",
                        )
                    )
            except Unbindable as e:
                entry.placeholder = "broken"
                entry.message = str(e)
                small.append(f"{d.file}: {e}")
            except Broken as e:
                entry.placeholder = "broken"
                entry.message = str(e)
                broken.append(f"{d.file}: {e}")
                bad.append(Problem(d.file, f"documents[{i}].file", str(e)))  # as the user wrote it
        section_for(d.kind).entries.append(entry)
        for r in matching:
            r.entries.append(entry)
        if not matching:
            r = Row(f"documents[{i}]", title, d.kind, section_for(d.kind).name, 1, False, False, [entry])
            rows.append(r)
    if bad and not skip_broken:
        raise UserError(bad)

    # A required material with no document gets a marked placeholder in its category.
    for r in rows:
        if r.required and not r.entries:
            e = Entry(
                r.name, r.kind, placeholder="missing", material=r.id, message=text(template["placeholder"]["missing_hint"], name=r.name)
            )
            s = section_for(r.kind)
            pos = len([x for x in s.entries if order.get(x.kind, 999) <= order.get(r.kind, 999)])
            s.entries.insert(pos, e)
            r.entries.append(e)

    region_duplex = bool(region.dossier.duplex) if region.dossier else False
    plan = Plan(
        profile,
        region,
        as_of,
        lvl,
        title_name,
        route,
        template,
        region_duplex if duplex is None else bool(duplex) or region_duplex,
        sections,
        rows,
        problems,
        broken,
    )
    plan.warnings += small
    return plan


def paginate(plan: Plan, measure) -> None:
    """Number every page.  `measure(plan)` gives (checklist pages, contents pages) for the
    current numbering; the checklist's page column can change its height, so repeat until stable."""
    for _ in range(5):
        before = (plan.checklist_pages, plan.contents_pages)
        _assign(plan)
        plan.checklist_pages, plan.contents_pages = measure(plan)
        if (plan.checklist_pages, plan.contents_pages) == before:
            break
    _assign(plan)


def _assign(plan: Plan) -> None:
    tpl = plan.template
    pages: list[Page] = []

    def pad(category: str) -> None:
        # Duplex: every part starts on a right-hand (odd) page.
        if plan.duplex and len(pages) % 2 == 1:
            pages.append(Page("blank", category))

    cover = text(tpl["cover"]["title"])
    pages.append(Page("cover", cover))
    checklist = text(tpl["checklist"]["title"])
    pad(checklist)
    pages += [Page("checklist", checklist, index=i) for i in range(plan.checklist_pages)]
    contents = text(tpl["contents"]["title"])
    pad(contents)
    pages += [Page("contents", contents, index=i) for i in range(plan.contents_pages)]
    for s in plan.sections:
        if not s.entries:
            s.first = 0
            continue
        pad(s.name)
        pages.append(Page("separator", s.name, section=s))
        s.first = len(pages)
        for e in s.entries:
            e.first = len(pages) + 1
            if e.placeholder:
                pages.append(Page("placeholder", s.name, section=s, entry=e))
            else:
                pages += [Page("doc", s.name, section=s, entry=e, index=i) for i in range(e.pages)]
    plan.pages = pages
