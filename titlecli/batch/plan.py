"""Planning a batch: the roster read, each applicant paired with its attachments and region,
and a task for every applicant whose inputs changed since the last run (the others are kept)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import Problem, UserError
from ..i18n import lang, t
from ..model import Document
from .attachments import Attachment, FolderMatch, list_attachments, mask_ids, match_folders
from .results import Outcome
from .state import (
    attachment_stamps,
    draft_intact,
    draft_name,
    inputs_hash,
    kept_stamps,
    load_state,
    output_intact,
    output_name,
    owned,
    replaceable,
    state_key,
)
from .worker import Task


@dataclass
class Options:
    outdir: Path
    attachments: Path | None = None
    jobs: int = 1
    as_of: date = field(default_factory=date.today)
    region: str | None = None
    level: str | None = None
    skip_broken: bool = False
    force: bool = False
    shard: tuple[int, int] | None = None  # (K, N): this run does the K-th of N shards of the roster
    unit_docs: bool = False  # the 公示情况一览表 and 推荐报告 even when no region lists them
    publicity_start: date | None = None  # the 公示's first day (else --as-of)


@dataclass
class Plan:
    roster: Any
    tasks: list[Task]
    skipped: dict[int, Outcome]  # index -> outcome recorded by an earlier run
    state: dict
    unmatched: list[str]
    attachments: dict[int, list[Attachment]]
    regions: dict[int, Any] = field(default_factory=dict)  # index -> the Region it is checked against
    warnings: list[str] = field(default_factory=list)
    indices: list[int] = field(default_factory=list)  # the applicants of this run (this shard's), roster order
    notes: dict[int, list[str]] = field(default_factory=dict)  # index -> what the clerk should know of its attachments
    shard: tuple[int, int] | None = None
    unit_docs: bool = False  # this run writes the unit's documents (--unit-docs, or a region lists them)
    drafts: dict[int, str] = field(default_factory=dict)  # index -> its 推荐报告 draft in OUTDIR (titlecli's)
    kept: dict[int, Task] = field(default_factory=dict)  # index -> the task of an applicant kept as unchanged
    every_region: list[Any] = field(default_factory=list)  # the regions of the whole roster (every shard)
    roster_regions: dict[int, tuple] = field(default_factory=dict)  # index -> (region, fingerprint, problems), whole roster


def region_fingerprint(ref: str, base: Path | None) -> str:
    """The bytes of a region file and of every file it `extends:`."""
    from .. import regions

    h = hashlib.sha256()
    seen = set()
    todo = [(ref, base)]
    while todo:
        r, b = todo.pop()
        p = regions.find(r, b)
        if p in seen:
            continue
        seen.add(p)
        raw = p.read_bytes()
        h.update(raw)
        m = re.search(rb"^extends:\s*['\"]?([^\s'\"#]+)", raw, re.M)
        if m:
            todo.append((m.group(1).decode("utf-8", "replace"), p.parent))
    return h.hexdigest()


def dossier_layout_fingerprint() -> str:
    """The bundled dossier layout (templates/dossier.yaml): a changed layout rebuilds everyone."""
    from .state import sha

    try:
        from ..dossier.template import bundled_dir

        return sha((bundled_dir() / "dossier.yaml").read_bytes())
    except OSError:
        return ""


def in_shard(key: str, shard: tuple[int, int] | None) -> bool:
    """Whether the applicant with this identity belongs to shard K of N: by a hash of the ID
    number, so a person stays in the same shard however the roster is sorted or grows."""
    if shard is None:
        return True
    k, n = shard
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % n == k - 1


def _attachment_notes(atts: list[Attachment], links: list[str]) -> list[str]:
    notes = [
        t(
            f"{x}：是符号链接（快捷方式），未跟随，未放入卷宗；请把文件本身放进此人的文件夹",
            f"{x}: a symbolic link, not followed and left out of the dossier; put the file itself in the applicant's folder",
        )
        for x in links
    ]
    for x in atts:
        if not x.usable:
            notes.append(
                t(
                    f"{x.shown}：格式不能装订（应为 PDF、JPG、PNG 或 TIFF），未放入卷宗",
                    f"{x.shown}: a format that cannot be bound (PDF, JPG, PNG or TIFF), left out of the dossier",
                )
            )
        elif not x.sorted:
            notes.append(
                t(f"{x.shown}：无法从文件名判断材料类别，归入“其它”", f"{x.shown}: the name does not say what it is; filed under 'other'")
            )
    return notes


class _Regions:
    """Each region loaded once per run (with its fingerprint), and where a bad one is reported."""

    def __init__(self) -> None:
        self.cache: dict[str, tuple[Any, str]] = {}

    def get(self, a, opts: Options) -> tuple[Any, str, list[str]]:
        from .. import regions

        profile = a.profile
        app = a.data.get("application") if isinstance(a.data.get("application"), dict) else {}
        ref = opts.region or (profile.application.region if profile is not None else app.get("region"))
        if not (isinstance(ref, str) and ref):
            return None, "", []
        # also for a row with other problems: every problem of a row is reported at once
        base = Path(a.base_dir) if (a.base_dir and not opts.region) else None
        ck = f"{ref}|{base}"
        try:
            if ck not in self.cache:
                self.cache[ck] = (regions.load(ref, base), region_fingerprint(ref, base))
        except UserError as e:
            where = a.origin.get(("application", "region"))
            from ..roster import where as _where

            place = _where(where[0], *where[1]) if where else "application.region"
            return None, "", [str(Problem(a.source, place, p.message)) for p in e.problems]
        region, fp = self.cache[ck]
        return region, fp, []


def _documents(a, profile, atts: list[Attachment]):
    """The profile with the documents it lists (made absolute) and the attachments to bind."""
    docs = list(profile.documents)
    if a.base_dir:
        docs = [replace(d, file=str((Path(a.base_dir) / d.file).resolve())) for d in docs]
    docs += [
        Document(
            kind=x.kind, file=x.file, name=Path(x.rel).stem, note=None if x.sorted else t("未能按文件名归类", "not sorted by its name")
        )
        for x in atts
        if x.usable
    ]
    return replace(profile, documents=docs)


def _listed_documents(a) -> list[Attachment]:
    """The scans a profile lists itself (a folder of profiles), as attachments for the resume
    hash: a scan replaced under the same name rebuilds the dossier instead of keeping the stale one."""
    if a.profile is None or not a.base_dir:
        return []
    base = Path(a.base_dir)
    return [Attachment(str(base / d.file), f"documents/{d.file}", d.kind, True) for d in a.profile.documents]


def plan(roster_path: str | Path, opts: Options) -> Plan:
    from ..roster import finish, read_roster

    roster = read_roster(roster_path)
    finish(roster, opts.region)
    indices = [i for i, a in enumerate(roster.applicants) if in_shard(a.profile.id_number if a.profile else a.key, opts.shard)]
    people = [(a.profile.id_number if a.profile else a.key, a.profile.name if a.profile else a.name) for a in roster.applicants]
    fm = FolderMatch({}, [], {})
    if opts.attachments is not None:
        fm = match_folders(Path(opts.attachments), people)
    p = Plan(roster, [], {}, load_state(opts.outdir), [mask_ids(u) for u in fm.unmatched], {}, indices=indices, shard=opts.shard)
    p.warnings = [
        t(
            f"附件文件夹中的 {x} 是符号链接（快捷方式），未跟随：请把文件夹本身放进附件文件夹",
            f"{x} in the attachments folder is a symbolic link, not followed: put the folder itself there",
        )
        for x in fm.links
    ]
    names: dict[str, int] = {}
    for a in roster.applicants:
        n = output_name(a.name or (a.profile.name if a.profile else "applicant"), a.profile.id_number if a.profile else a.key)
        names[n] = names.get(n, 0) + 1
    regions = _Regions()
    loaded = {i: regions.get(roster.applicants[i], opts) for i in indices}
    from .unitdocs import wanted

    # the whole roster's regions (not the shard's): every shard of a roster writes the same unit documents
    p.roster_regions = {i: regions.get(a, opts) for i, a in enumerate(roster.applicants)}
    every = {id(r): r for r, _, _ in p.roster_regions.values() if r is not None}
    p.every_region = list(every.values())
    p.unit_docs = opts.unit_docs or wanted(p.every_region)
    common = {
        "as_of": opts.as_of.isoformat(),
        "version": __version__,
        "lang": lang(),
        "level": opts.level,
        "skip_broken": opts.skip_broken,
        "layout": dossier_layout_fingerprint(),
        "unit_docs": p.unit_docs,
    }
    for i in indices:
        _plan_one(p, i, roster.applicants[i], fm, loaded[i], common, names, roster_path, opts)
    return p


def _draft(p: Plan, i: int, name: str, prev: dict | None, opts: Options, task: bool) -> tuple[bool, bool]:
    """(may be written, must be written) for an applicant's 推荐报告 draft: a draft the clerk has
    edited since titlecli wrote it is left alone (and said so); a missing one is written again."""
    import os

    outdir = Path(opts.outdir)
    path = outdir / name
    if not os.path.lexists(path):
        p.drafts[i] = name
        return True, True
    if draft_intact(outdir, prev, name) or (task and owned(outdir, name, p.state)):
        p.drafts[i] = name
        return True, False
    p.warnings.append(
        t(
            f"{name} 已存在且不是本工具上次写出的样子（已修改？），未覆盖；要重新生成请先移走它",
            f"{name} exists and was changed since titlecli wrote it: left alone; move it away to have it written anew",
        )
    )
    return False, False


def _gather(p: Plan, i: int, a, fm: FolderMatch, loaded: tuple, opts: Options) -> tuple[Any, list[str], str]:
    """The applicant's attachments and notes (kept in the plan), and (profile with its documents,
    or None when the row cannot be used; its problems; the region's fingerprint)."""
    problems = [str(x) for x in a.problems]
    atts: list[Attachment] = []
    links: list[str] = []
    for folder in fm.folders.get(i, []):
        atts += list_attachments(folder, Path(opts.attachments), links)  # type: ignore[arg-type]
    notes = list(fm.problems.get(i, [])) + _attachment_notes(atts, links)
    if opts.attachments is not None and i not in fm.folders and not fm.problems.get(i):
        notes.append(
            t(
                "附件文件夹中没有此人的文件夹（应以身份证号或姓名命名）",
                "no folder of this applicant under the attachments folder (name it by ID number or name)",
            )
        )
    p.attachments[i] = atts
    p.notes[i] = notes
    region, region_fp, region_problems = loaded
    problems += region_problems
    p.regions[i] = region
    profile = a.profile
    if profile is not None and not a.problems:
        profile = _documents(a, profile, atts)
    return (None if problems else profile), problems, region_fp


def _not_ours(outdir: Path, filename: str) -> str:
    return str(
        Problem(
            str(outdir / filename),
            "",
            t(
                "已有同名文件，但不是 titlecli 为此人生成的（或已被修改）；为免覆盖，请先移走或改名",
                "a file of this name exists that titlecli did not make for this applicant (or it was edited); "
                "so as not to overwrite it, move or rename it first",
            ),
        )
    )


def _plan_one(p: Plan, i: int, a, fm: FolderMatch, loaded: tuple, common: dict, names: dict, roster_path, opts: Options) -> None:
    from ..roster import inputs_of

    profile, problems, region_fp = _gather(p, i, a, fm, loaded, opts)
    idn = a.profile.id_number if a.profile else a.key
    filename = output_name(a.name or (a.profile.name if a.profile else "applicant"), idn)
    if names.get(filename, 0) > 1:  # same name, same first four and last four digits
        filename = filename[:-4] + f"_{a.rows[0] if a.rows else i + 1}.pdf"
    prev = p.state["applicants"].get(state_key(idn))
    base = dict(common, data=inputs_of(a), region=region_fp)
    hashed = p.attachments[i] + _listed_documents(a)
    inputs = None
    kept: Outcome | None = None
    if prev and not opts.force:  # something to compare with: stamps trusted where size, mtime and inode agree
        inputs = inputs_hash(base, attachment_stamps(hashed, kept_stamps(prev)))
        if profile is not None and prev.get("inputs") == inputs and output_intact(opts.outdir, prev):
            kept = Outcome.from_json(i, prev["result"])
    if kept is None and profile is not None and not replaceable(Path(opts.outdir), filename, p.state):
        problems.append(_not_ours(Path(opts.outdir), filename))
        profile = None
    draft, writable = None, True
    if p.unit_docs and profile is not None:
        draft = draft_name(filename)
        writable, gone = _draft(p, i, draft, prev, opts, kept is None)
        if gone:
            kept = None  # its draft is gone: built again
    task = Task(
        i,
        a.label,
        a.name,
        idn,
        profile,
        p.regions[i],
        opts.as_of,
        lang(),
        str(opts.outdir),
        filename,
        opts.level,
        opts.skip_broken,
        a.base_dir or str(Path(roster_path).resolve().parent),
        problems,
        p.attachments[i],
        p.notes[i],
        inputs,
        base,
        hashed,
        draft,
        writable,
        profile.employer.name if profile is not None and profile.employer else None,
    )
    if kept is None:
        p.tasks.append(task)
        return
    kept.status = "unchanged"
    p.skipped[i] = kept
    p.kept[i] = task  # built again after all if what it binds beside its own inputs changed (the 一览表)


def verdict_task(p: Plan, i: int, roster_path, opts: Options) -> Task:
    """A task for the verdict only of an applicant of another shard: the 一览表 a shard's dossiers
    bind lists the whole roster, as one run's does."""
    a = p.roster.applicants[i]
    region, _, problems = p.roster_regions[i]
    profile = a.profile if not (a.problems or problems) else None
    if profile is not None:
        profile = _documents(a, profile, [])
    idn = a.profile.id_number if a.profile else a.key
    base_dir = a.base_dir or str(Path(roster_path).resolve().parent)
    task = Task(
        i,
        a.label,
        a.name,
        idn,
        profile,
        region,
        opts.as_of,
        lang(),
        str(opts.outdir),
        "",
        opts.level,
        opts.skip_broken,
        base_dir,
        [],
        [],
        [],
        None,
    )
    task.problems = [str(x) for x in a.problems] + list(problems)
    return task


def rebuild(p: Plan, i: int) -> None:
    """An applicant kept as unchanged is built again after all (the 一览表 it binds changed)."""
    p.tasks.append(p.kept.pop(i))
    del p.skipped[i]


__all__ = ["Options", "Plan", "plan", "in_shard", "rebuild", "verdict_task"]
