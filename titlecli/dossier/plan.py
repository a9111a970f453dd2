"""The dossier as data: categories -> documents -> pages, built before anything is drawn.

Page numbers, the contents and the checklist's page column are all computed from this plan;
the layout (layout.py) only draws what the plan says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..i18n import lang, plural, t
from ..model import Profile
from ..rules import Region, Route
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
    first: int = 0
    draft: bool = False  # titlecli's generated draft of a unit document, to be replaced by the signed copy

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
    drop_empty: bool = False  # not the region's own category: left out of the contents when empty

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
    bound: bool = True  # False: handed in beside the volume (Material.bound), never a page
    fill: list[str] = field(default_factory=list)  # what the applicant writes into a separate form
    item: str = ""  # a declared item this row asks proof of: the name a scan is matched by
    label: str = ""  # and how the contents call that item

    @property
    def present(self) -> bool:
        return any(e.placeholder is None for e in self.entries)

    @property
    def pages(self) -> str:
        return page_ranges([(e.first, e.last) for e in self.entries if e.placeholder is None and e.first > 0])

    @property
    def draft(self) -> bool:
        """Present only as titlecli's unsigned draft: the signed copy is still to be filed."""
        bound = [e for e in self.entries if e.placeholder is None]
        return bool(bound) and all(e.draft for e in bound)

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
            "draft": self.draft,
            "pages": self.pages,
            "note": self.note,
            "bound": self.bound,
            "fill": self.fill,
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
        return [r.name for r in self.rows if r.bound and r.required and not r.present]

    @property
    def drafts(self) -> list[str]:
        """Materials bound as titlecli's unsigned drafts (to be replaced by the signed copies)."""
        return [r.name for r in self.rows if r.bound and r.draft]


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


def categories(region: Region, template: dict) -> list[tuple[str, list[str], bool]]:
    """The region's binding order as (name, kinds, left out when empty): its own categories;
    else its online system's upload columns (Shanghai's), then the template's categories for
    the kinds they leave out — those only when something is in them, being no order of the
    region's; else the template's ten categories, an empty one a line in the contents."""
    cats = region.dossier.categories if region.dossier and region.dossier.categories else None
    if cats:
        return [(_name(c.name, c.name_en), list(c.kinds), False) for c in cats]
    items = [i for i in (region.online.items if region.online else []) if i.kinds]
    if items:
        names = template.get("kind_names", {})
        out: list[tuple[str, list[str], bool]] = [
            (_name(i.name, ", ".join(names.get(k, [k, k])[1] for k in i.kinds)), list(i.kinds), False) for i in items
        ]
        taken = {k for _, kinds, _ in out for k in kinds}
        for c in template["categories"]:
            rest = [k for k in c["kinds"] if k not in taken]
            if rest:
                out.append((_name(c["name"], c.get("name_en")), rest, True))
        return out
    return [(_name(c["name"], c.get("name_en")), list(c["kinds"]), False) for c in template["categories"]]


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


@dataclass
class Target:
    """What the dossier is for, and what check found about it."""

    level: str | None
    title: str
    route: Route | None
    problems: list[str]


def _target(profile: Profile, region: Region, as_of: date, level: str | None, base_dir: Path) -> Target:
    from ..engine import LEVEL_NAMES, check, nm
    from ..regions import title_name as _title_name

    verdict = check(profile, region, as_of, level, "", base_dir)
    lvl = target_level(profile, verdict, level)
    result = choose_result(verdict, lvl)
    route = next((r for r in region.routes if result is not None and r.id == result.route_id), None)
    series = profile.application.series
    # a level's name: --level and the profile's are validated against LEVELS
    title_name = _title_name(region, series, lvl) if lvl else (result.title if result else "")
    # What check found: the unmet conditions of the chosen route, warnings, online problems.
    problems: list[str] = []
    if result is not None:
        problems += [r.message for r in result.unmet]
        problems += result.warnings
    elif lvl:
        problems.append(t(f"本地区规则中没有{nm(LEVEL_NAMES, lvl)}的申报途径", f"the region defines no route for {nm(LEVEL_NAMES, lvl)}"))
    problems += verdict.warnings
    problems += [r.message for r in verdict.online if not r.passed]
    return Target(lvl, title_name, route, problems)


class Shelves:
    """The categories of the volume and which one each document kind goes on."""

    def __init__(self, region: Region, template: dict):
        self.sections = [Section(i + 1, name, kinds, drop_empty=drop) for i, (name, kinds, drop) in enumerate(categories(region, template))]
        self._of: dict[str, Section] = {}
        for s in self.sections:
            for k in s.kinds:
                self._of.setdefault(k, s)
        self.order = {k: i for s in self.sections for i, k in enumerate(s.kinds)}

    def of(self, kind: str) -> Section:
        # A kind the region's categories do not name goes with `other`, or into a category of
        # its own at the end, never into whatever category happens to be last (a photo under 奖励).
        s = self._of.get(kind) or self._of.get("other")
        if s is None:
            s = Section(len(self.sections) + 1, _name("其它", "Other"), ["other"], drop_empty=True)
            self.sections.append(s)
            self._of["other"] = s
        return s

    def sort_key(self, kind: str) -> tuple[int, int]:
        return self.sections.index(self.of(kind)), self.order.get(kind, 999)


def _material_rows(profile: Profile, region: Region, as_of: date, target: Target, template: dict, shelves: Shelves) -> list[Row]:
    """The checklist rows: the region's materials that apply, then the ones contract §5 always wants."""
    from ..engine import applies
    from .facts import form_facts

    rows: list[Row] = []
    has_degree = any(e.degree != "none" for e in profile.education)
    for m in region.materials:
        if not applies(m.applies_to, profile, target.route):
            continue
        required = m.required or (m.kind == "degree_certificate" and has_degree)
        note = _name(m.note, m.note_en) if (m.note or m.note_en) else ""
        name = _name(m.name, m.name_en)
        if not m.bound:  # handed in beside the volume: no category, no page
            fill = form_facts(profile, list(m.fill), region=region, title=target.title, as_of=as_of)
            rows.append(
                Row(m.id, name, m.kind, t("另行报送", "separate"), m.copies, m.original, required, note=note, bound=False, fill=fill)
            )
            continue
        rows.append(Row(m.id, name, m.kind, shelves.of(m.kind).name, m.copies, m.original, required, note=note))
    listed = {r.kind for r in rows if r.bound}
    for a in template.get("always", []):
        if a["kind"] in listed or (a.get("when") == "has_degree" and not has_degree):
            continue
        rows.append(
            Row(
                a["kind"],
                _name(a["name"], a.get("name_en")),
                a["kind"],
                shelves.of(a["kind"]).name,
                int(a.get("copies", 1)),
                bool(a.get("original", False)),
                bool(a.get("required", True)),
            )
        )
    return rows


# Declared means required (issue 15): every title, paper, achievement, award and certificate the
# profile declares (what the verdict relied on) needs its proof in the volume.
CERTIFICATE_NAMES = {
    "computer": ("计算机应用能力考试合格证", "computer skills certificate"),
    "info_literacy": ("信息素养合格证", "information literacy certificate"),
    "foreign_language": ("职称外语考试合格证", "foreign language certificate"),
    "practicing_qualification": ("职业资格证书", "professional qualification certificate"),
    "other": ("证书", "certificate"),
}


@dataclass
class Declared:
    """One list of the profile: the kinds of the region's materials its items replace, and per
    item (document kind, the name a scan is matched by, the label on the checklist)."""

    family: str
    replaces: tuple[str, ...]
    items: list[tuple[str, str, str]]


def _declared(profile: Profile, region: Region) -> list[Declared]:
    from ..regions import held_title_name
    from ..terms import LEVEL_NAMES, nm
    from .facts import with_parts

    def title(x) -> str:
        return x.name or nm(LEVEL_NAMES, x.level)

    def cert(x) -> str:
        return x.name or nm(CERTIFICATE_NAMES, x.kind)

    def dated(name: str, when: object) -> str:
        return with_parts(name, [str(when)])

    return [
        Declared(
            "titles",
            ("title_certificate",),
            [("title_certificate", title(x), dated(held_title_name(region, x.name, x.level), x.obtained)) for x in profile.titles],
        ),
        Declared(
            "papers",
            ("paper", "monograph", "technical_material"),
            [(x.kind, x.title, t(f"《{x.title}》", f'"{x.title}"')) for x in profile.papers],
        ),
        Declared("achievements", ("achievement",), [("achievement", x.title, dated(x.title, x.year)) for x in profile.achievements]),
        Declared("awards", ("award",), [("award", x.name, dated(x.name, x.year)) for x in profile.awards]),
        # a certificate's copy is a document of kind `other`, which stands for no material of the region
        Declared("certificates", (), [("other", cert(x), cert(x)) for x in profile.certificates]),
    ]


def _declared_rows(profile: Profile, region: Region, rows: list[Row], template: dict, shelves: Shelves) -> list[Row]:
    """The rows with one per declared item in place of the region's general row for its kind:
    有关奖励证件复印件（如有） becomes 奖励证书：市科技进步奖（2021）, the region's name and note
    going to the note column."""
    kind_names = template.get("kind_names", {})
    latest = max(profile.titles, key=lambda x: x.obtained) if profile.titles else None
    for d in _declared(profile, region):
        if not d.items:
            continue
        general = [r for r in rows if r.bound and r.kind in d.replaces]
        at = rows.index(general[0]) if general else len(rows)
        rows = [r for r in rows if r not in general]
        new = []
        for i, (kind, key, label) in enumerate(d.items):
            model = next((r for r in general if r.kind == kind), general[0] if general else None)
            if d.family == "titles" and profile.titles[i] is not latest:
                model = None  # 任现职资格证书 is the present title's; an earlier one is only a 职称证书
            base = t("证书复印件", "Certificate (copy)") if d.family == "certificates" else _name(*kind_names.get(kind, [kind, kind]))
            note = t("；", "; ").join(x for x in ((model.name if model and model.name != base else ""), (model.note if model else "")) if x)
            row = Row(
                f"{d.family}[{i}]",
                t(f"{base}：{label}", f"{base}: {label}"),
                kind,
                shelves.of(kind).name,
                model.copies if model else 1,
                model.original if model else False,
                True,
                note=note,
            )
            row.item, row.label = key, label
            new.append(row)
        rows[at:at] = new
    return rows


def _counter_notes(rows: list[Row], profile: Profile, region: Region) -> None:
    """Notes a clerk checks at the counter."""
    chsi_until = [e.chsi_record.valid_until for e in profile.education if e.chsi_record and e.chsi_record.valid_until]
    for r in rows:
        extra = ""
        if r.kind == "chsi_record" and chsi_until:
            extra = t(f"有效期至 {max(chsi_until)}", f"valid until {max(chsi_until)}")
        if r.kind == "photo" and region.photo is not None:
            ph = region.photo
            extra = t(f"{ph.background or ''}{ph.spec} {ph.count} 张", photo_en(ph))
            if ph.note and ph.note not in r.note and lang() != "en":  # the region's words, Chinese only
                extra += "；" + ph.note
        if extra:
            r.note = t("；", "; ").join(x for x in (r.note, extra) if x)


def photo_en(ph) -> str:
    """The region's photo in English: `1 × small 2-inch, red background`; what the region gives
    only in Chinese is left out (the count stays)."""
    spec = photo_spec_en(ph)
    return f"{ph.count} × {spec}" if spec else plural(ph.count, "photo")


def photo_spec_en(ph) -> str:
    """The photo's spec and background in English, as far as the region gives them ("" if not at all)."""
    return ", ".join(x for x in (ph.spec_en, ph.background_en) if x)


def _norm(s: str | None) -> str:
    return re.sub(r"[\s《》〈〉「」“”\"'·（）()]", "", s or "").lower()


def _stands_for(profile: Profile, rows: list[Row]) -> dict[int, list[Row]]:
    """The rows each document (by its index in the profile) stands for.  A scan named like a
    declared item (its `name` or file name holds the award's name, the paper's title …) proves
    that item; the other scans of a kind prove the remaining items in order — except `other`,
    which could be anything; what is left goes with the region's general rows of its kind."""
    by_kind: dict[str, list[Row]] = {}
    for r in rows:
        if r.bound:
            by_kind.setdefault(r.kind, []).append(r)
    out: dict[int, list[Row]] = {}
    taken: set[int] = set()
    for i, d in enumerate(profile.documents):
        label = _norm(d.name or Path(d.file).stem)
        for r in by_kind.get(d.kind, []):
            key = _norm(r.item)
            if key and id(r) not in taken and label and (key in label or label in key):
                out[i] = [r]
                taken.add(id(r))
                break
    for i, d in enumerate(profile.documents):
        if i in out:
            continue
        candidates = by_kind.get(d.kind, [])
        free = [r for r in candidates if r.item and id(r) not in taken] if d.kind != "other" else []
        if free:
            out[i] = [free[0]]
            taken.add(id(free[0]))
        else:
            out[i] = [r for r in candidates if not r.item]
    return out


@dataclass
class Found:
    """What opening the documents found: inputs that cannot go in, and smaller worries."""

    broken: list[str] = field(default_factory=list)
    bad: list = field(default_factory=list)  # errors.Problem, one per broken document
    warnings: list[str] = field(default_factory=list)


# The readers of PDF attachments kept from planning for binding, in bytes of what they hold
# (issue 18): a file checked while planning is then bound without parsing it again (pypdf's
# parsing is ~1 ms a file, a fifth of an 80-scan dossier's time).  Beyond this, a reader is let
# go and its file read again when its pages are bound, one at a time, so that a dossier's
# memory stays flat in the number of scans (80 one-page scans of 450 KB: 36 MB).
KEEP_BYTES = 40 * 1024 * 1024


@dataclass
class Keeper:
    """Which checked PDF readers are kept for binding, within KEEP_BYTES in all."""

    left: int = field(default_factory=lambda: KEEP_BYTES)

    def keep_or_release(self, source: Source) -> None:
        if source.reader is None:
            return
        if source.held <= self.left:
            self.left -= source.held
            source.kept = True
        else:
            from .assemble import release

            release(source)  # read again when its pages are bound, one file at a time


def _open(entry: Entry, path: Path, d, i: int, found: Found, keeper: Keeper) -> None:
    from ..errors import Problem

    try:
        entry.source = open_source(path)
        keeper.keep_or_release(entry.source)
        w, h = entry.source.size
        if entry.source.kind != "pdf" and max(w, h) < SMALL_IMAGE:
            found.warnings.append(
                t(
                    f"{d.file} 只有 {w}×{h} 像素，放大到页面上会很模糊；请换一份清晰的扫描件",
                    f"{d.file} is only {w}×{h} pixels and will print blurred when enlarged; use a sharper scan",
                )
            )
    except Unbindable as e:
        entry.placeholder = "broken"
        entry.message = str(e)
        found.warnings.append(f"{d.file}: {e}")
    except Broken as e:
        entry.placeholder = "broken"
        entry.message = str(e)
        found.broken.append(f"{d.file}: {e}")
        found.bad.append(Problem(d.file, f"documents[{i}].file", str(e)))  # as the user wrote it


def _bind_documents(
    profile: Profile, rows: list[Row], template: dict, shelves: Shelves, base_dir: Path, open_files: bool, keeper: Keeper
) -> Found:
    """The documents, in the profile's order within their category's kind order, each under the
    rows it stands for (or a row of its own: the applicant's extra document)."""
    kind_names = template.get("kind_names", {})
    found = Found()
    stands_for = _stands_for(profile, rows)
    docs = sorted(enumerate(profile.documents), key=lambda x: (*shelves.sort_key(x[1].kind), x[0]))
    count_kind: dict[str, int] = {}
    for _, d in docs:
        count_kind[d.kind] = count_kind.get(d.kind, 0) + 1
    seen_kind: dict[str, int] = {}
    for i, d in docs:
        path = (base_dir / d.file) if not Path(d.file).is_absolute() else Path(d.file)
        matching = stands_for[i]
        seen_kind[d.kind] = seen_kind.get(d.kind, 0) + 1
        if len(matching) == 1 and matching[0].item:
            title = d.name or matching[0].label
        else:
            title = d.name or (matching[0].name if len(matching) == 1 else _name(*kind_names.get(d.kind, [d.kind, d.kind])))
            if count_kind[d.kind] > 1 and not d.name:
                title = f"{title}（{seen_kind[d.kind]}）"
        entry = Entry(title, d.kind, d.file)
        if open_files:
            _open(entry, path, d, i, found, keeper)
        shelves.of(d.kind).entries.append(entry)
        for r in matching:
            r.entries.append(entry)
        if not matching:
            rows.append(Row(f"documents[{i}]", title, d.kind, shelves.of(d.kind).name, 1, False, False, [entry]))
    return found


def _bind_drafts(rows: list[Row], shelves: Shelves, drafts: dict[str, str], open_files: bool, keeper: Keeper) -> None:
    """titlecli's generated draft of a unit document (the 推荐报告, the 一览表: batch --unit-docs)
    where the region asks for that material and no signed copy is filed, marked as a draft."""
    for r in rows:
        path = drafts.get(r.kind)
        if not path or not r.bound or r.entries:
            continue
        e = Entry(r.name, r.kind, path, draft=True)
        if open_files:
            e.source = open_source(Path(path))
            keeper.keep_or_release(e.source)
        _shelve(shelves, e)
        r.entries.append(e)


def _shelve(shelves: Shelves, e: Entry) -> None:
    """Put an entry the profile does not list in its category, in the category's kind order."""
    s = shelves.of(e.kind)
    pos = len([x for x in s.entries if shelves.order.get(x.kind, 999) <= shelves.order.get(e.kind, 999)])
    s.entries.insert(pos, e)


def _placeholders(rows: list[Row], template: dict, shelves: Shelves) -> None:
    """A required material with no document gets a marked placeholder in its category."""
    for r in rows:
        if r.bound and r.required and not r.entries:
            e = Entry(r.name, r.kind, placeholder="missing", message=text(template["placeholder"]["missing_hint"], name=r.name))
            _shelve(shelves, e)
            r.entries.append(e)


def make_plan(
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
    drafts: dict[str, str] | None = None,
) -> Plan:
    from ..errors import UserError

    target = _target(profile, region, as_of, level, base_dir)
    shelves = Shelves(region, template)
    rows = _material_rows(profile, region, as_of, target, template, shelves)
    rows = _declared_rows(profile, region, rows, template, shelves)
    _counter_notes(rows, profile, region)
    keeper = Keeper()
    found = _bind_documents(profile, rows, template, shelves, base_dir, open_files, keeper)
    if found.bad and not skip_broken:
        raise UserError(found.bad)
    _bind_drafts(rows, shelves, drafts or {}, open_files, keeper)
    _placeholders(rows, template, shelves)
    sections = [s for s in shelves.sections if s.entries or not s.drop_empty]
    for number, s in enumerate(sections, start=1):
        s.number = number
    region_duplex = bool(region.dossier.duplex) if region.dossier else False
    plan = Plan(
        profile,
        region,
        as_of,
        target.level,
        target.title,
        target.route,
        template,
        region_duplex if duplex is None else bool(duplex) or region_duplex,
        sections,
        rows,
        target.problems,
        found.broken,
    )
    plan.warnings += found.warnings
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
