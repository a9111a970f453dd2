"""Running a batch: plan, then the tasks in worker processes, each finished applicant recorded
in the resume journal as it comes, then the summaries."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..i18n import t
from ..model import mask_id
from .attachments import ID_RE
from .plan import Options, Plan, plan, rebuild
from .results import Outcome, Row
from .state import (
    BOUND_TABLE,
    REPORT_FILE,
    SUMMARY_FILES,
    Journal,
    check_outdir,
    clean_temp,
    dossier_stat,
    draft_record,
    load_state,
    owned,
    sha,
    state_key,
)
from .summary import BatchResult, write_outputs
from .worker import Task, call, pool_context, worker_init


class _Recorder:
    """What the main process does per finished applicant: keep its outcome, journal one line,
    report progress.  Kept small on purpose: the main process must stay a small share of the
    CPU (issue 18: rewriting the whole record here after each applicant grew with the square)."""

    def __init__(self, p: Plan, opts: Options, journal: Journal, progress):
        self.p, self.opts, self.journal, self.progress = p, opts, journal, progress
        self.outcomes: dict[int, Outcome] = dict(p.skipped)
        self.by_index = {tk.index: tk for tk in p.tasks}
        self.peaks: dict[int, int] = {}
        self.cpus: dict[int, float] = {}

    def __call__(self, res: Outcome) -> None:
        tk = self.by_index[res.index]
        pid = res.pid or os.getpid()
        self.peaks[pid] = max(self.peaks.get(pid, 0), res.peak_kb or 0)
        self.cpus[pid] = max(self.cpus.get(pid, 0.0), res.cpu_s or 0.0)
        self.outcomes[tk.index] = res
        skey = state_key(tk.key)
        old = self.journal.state["applicants"].get(skey)
        draft = draft_record(self.opts.outdir, res.draft, res.draft_sha256) if res.draft and res.draft_sha256 else None
        if res.status == "built":
            entry = {
                "inputs": tk.inputs or res.inputs,
                "result": res.to_json(),
                "size": res.size,
                "sha256": res.sha256,
                "stat": dossier_stat(Path(self.opts.outdir) / res.file) if res.file else None,
                "stamps": res.stamps,
            }
            if draft:
                entry["draft"] = draft
            if tk.table_sha:
                entry["table"] = tk.table_sha  # the 一览表 it binds: a changed one rebuilds it
            self._remove_stale(old, res)
            if entry["inputs"]:
                self.journal.put(skey, entry)
        elif draft:  # the draft is titlecli's (to replace next time); the applicant is tried again
            self.journal.put(skey, {"inputs": "", "result": res.to_json(), "draft": draft})
        else:
            self.journal.put(skey, None)
        if self.progress:
            self.progress(len(self.outcomes), len(self.p.indices), res)

    def _remove_stale(self, old: dict | None, res: Outcome) -> None:
        """This applicant's own earlier dossier and 推荐报告 draft under an old name (renamed in
        the roster), when titlecli wrote them and nobody changed them."""
        outdir = Path(self.opts.outdir)
        stale = (old or {}).get("result", {}).get("file")
        if stale and stale != res.file and owned(outdir, stale, self.journal.state):
            (outdir / stale).unlink()
        drafts = {stale[:-4] + "_推荐报告.docx", stale[:-4] + "_recommendation.docx"} if stale else set()
        kept = (old or {}).get("draft")
        if isinstance(kept, dict) and isinstance(kept.get("file"), str):
            drafts.add(kept["file"])
        for name in drafts - {res.draft, None}:
            if owned(outdir, name, self.journal.state):
                (outdir / name).unlink()


def _died(tk: Task, e: BaseException) -> Outcome:
    """A worker that died (out of memory, a crash in a decoder): the applicant fails, with why."""
    return Outcome(
        tk.index,
        problems=tk.problems + [t(f"处理时出错：{type(e).__name__}: {e}", f"failed while processing: {type(e).__name__}: {e}")],
    )


def _run_tasks(tasks: list[Task], jobs: int, ctx, record: Callable[[Outcome], None]) -> None:
    if jobs <= 1 or len(tasks) <= 1:
        for tk in tasks:
            record(call(tk))
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    ex = ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=ctx, initializer=worker_init, initargs=(os.getpid(),))
    try:
        futs = {ex.submit(call, tk): tk for tk in tasks}
        for fut in as_completed(futs):
            try:
                res = fut.result()
            except Exception as e:
                res = _died(futs[fut], e)
            record(res)
    except BaseException:
        # Ctrl-C (or any error here) stops the batch at once: queued applicants are cancelled,
        # the ones in progress finish their atomic writes; what was recorded is kept for a rerun.
        ex.shutdown(wait=False, cancel_futures=True)
        raise
    ex.shutdown(wait=True)


def _written(data: dict, *keys: str) -> str | None:
    node: object = data
    for k in keys:
        node = node.get(k) if isinstance(node, dict) else None
    return node if isinstance(node, str) and node else None


def _row(p: Plan, i: int, res: Outcome, notes: list[str], region=None) -> Row:
    a = p.roster.applicants[i]
    prof = a.profile
    atts = p.attachments.get(i, [])
    region = region or p.regions.get(i)

    def as_filed(text: str) -> str:  # attachments named as the clerk named them (the 汇总表 opens them)
        for x in sorted(atts, key=lambda x: -len(x.shown)):
            if x.shown != x.rel:
                text = text.replace(x.shown, x.rel)
        return text

    return Row(
        row=a.label,
        rows=a.rows,
        source=a.source,
        name=a.name or (prof.name if prof else ""),
        id_number=mask_id(prof.id_number if prof else a.key) if (prof or ID_RE.fullmatch(a.key or "")) else "",
        # a failed row keeps what the roster said, so the office can follow it up
        employer=prof.employer.name if prof and prof.employer else _written(a.data, "employer", "name"),
        region=region.id if region is not None else None,
        target_level=res.target_level or (prof.application.level if prof else _written(a.data, "application", "level")),
        eligible=res.eligible,
        levels=res.levels,
        missing=res.missing,
        attachments=[x.to_json() for x in atts],
        pages=res.pages,
        file=res.file,
        status=res.status,
        problems=[as_filed(x) for x in res.problems],
        warnings=[as_filed(x) for x in dict.fromkeys(res.warnings)],
        technical=[as_filed(x) for x in res.technical],
        notes=[as_filed(x) for x in notes],
        shard=f"{p.shard[0]}/{p.shard[1]}" if p.shard else None,
        notice_round=res.notice_round,
    )


def notices(p: Plan, as_of) -> list[str]:
    """An ended notice, or one that states no period, said once for the batch (not on every
    applicant's row), before the rows: audit of issue 12."""
    from ..regions import region_name

    out: list[str] = []
    seen: set[str] = set()
    for i in p.indices:
        region = p.regions.get(i)
        if region is None or region.id in seen:
            continue
        seen.add(region.id)
        said = region.notice.status_message(as_of)
        if said:
            name = region_name(region)
            out.append(t(f"{name}：{said}", f"{name}: {said}"))
    return out


def _table(p: Plan, opts: Options, roster_path):
    """The 一览表 of the whole roster, before any dossier is built (a dossier binds it): the
    verdicts of the applicants kept from the last run as recorded, of the others by a check here
    (a few ms each, a small share of a dossier's cost: the bench prints the main process's
    share).  A shard checks the applicants of the other shards too, so that its dossiers bind
    the same 一览表 as one run's; it keeps its own rows for the merge.
    (table, the shard's part, the applicants of the table's rows)"""
    from . import unitdocs
    from .plan import verdict_task
    from .worker import verdict_only

    if not p.unit_docs:
        return None, None, []
    outcomes = dict(p.skipped)
    for tk in p.tasks:
        outcomes[tk.index] = verdict_only(tk)
    every = list(range(len(p.roster.applicants))) if opts.shard else p.indices
    for i in every:
        if i not in outcomes:
            outcomes[i] = verdict_only(verdict_task(p, i, roster_path, opts))
    regions = [p.roster_regions[i][0] for i in every]
    rows = [_row(p, i, outcomes[i], [], regions[k]) for k, i in enumerate(every)]
    profiles = [p.roster.applicants[i].profile for i in every]
    table = unitdocs.table_of(rows, profiles, regions, p.every_region, opts.as_of, opts.publicity_start)
    if not opts.shard:
        return table, None, every
    mine = set(p.indices)
    part = unitdocs.Table([r for i, r in zip(every, table.rows, strict=True) if i in mine], table.stated, table.start, table.as_of)
    return table, part, every


def _bind_table(p: Plan, opts: Options, table, every: list[int]) -> list[Path]:
    """Each unit's 一览表 as its applicants' dossiers bind it (every page marked as the unsigned
    draft), in temp files for the workers: 长工信〔2022〕139号 五.4 "申报者所在单位《推荐报告》、
    《公示情况一览表》" — the table the applicant's own unit publicises, its applicants only (one
    of the whole roster would grow every dossier with the roster).  A dossier kept from the last
    run that bound another table is built again.  `every`: the applicants of the table's rows."""
    from .unitdocs import asks_for

    binding = [i for i in p.indices if asks_for(p.regions.get(i), "publicity_table")]
    if table is None or not binding:
        return []
    units = table.units(every)
    needed = {units[i] for i in binding}
    bound: dict[str, tuple[str, str]] = {}
    for n, (unit, part) in enumerate(table.by_unit().items()):
        if unit in needed:  # only the units of this run's (this shard's) applicants
            data = part.bound_pdf()
            path = Path(opts.outdir) / f"{BOUND_TABLE}-u{n}.pdf"
            path.write_bytes(data)
            bound[unit] = (str(path), sha(data))
    for i, tk in list(p.kept.items()):
        entry = p.state["applicants"].get(state_key(tk.key)) or {}
        if i in units and asks_for(tk.region, "publicity_table") and entry.get("table") != bound[units[i]][1]:
            rebuild(p, i)
    for tk in p.tasks:
        if tk.profile is not None and asks_for(tk.region, "publicity_table"):
            tk.table, tk.table_sha = bound[units[tk.index]]
    return [Path(path) for path, _ in bound.values()]


def _unit_documents(result: BatchResult, p: Plan, opts: Options, table, part) -> None:
    """The unit's 一览表 (xlsx, PDF) with the summary, or for a shard its part of it (for the
    merge); the 推荐报告 drafts were written by the workers, with the dossiers."""
    from . import unitdocs

    if table is None:
        return
    if opts.shard is None:
        result.unit_files, warned = table.files()
        result.warnings += warned
    else:
        result.table = part
        result.warnings.append(t(*unitdocs.SHARD_NOTE))
    result.documents = [name for name, _ in result.unit_files] + [p.drafts[i] for i in p.indices if i in p.drafts]


def _roster_sha(path: Path) -> str:
    from .state import sha_file

    if path.is_dir():
        return sha("\n".join(sorted(f"{f.name}:{sha_file(f)}" for f in path.iterdir() if f.is_file())).encode())
    return sha_file(path)


def run(
    roster_path: str | Path,
    opts: Options,
    progress: Callable[[int, int, Outcome], None] | None = None,
    on_start: Callable[[int, int], None] | None = None,
) -> BatchResult:
    outdir = Path(opts.outdir)
    check_outdir(roster_path, outdir, opts.attachments, load_state(outdir))
    clean_temp(outdir)
    ctx = pool_context() if opts.jobs > 1 else None  # starts loading the workers' code while the roster is read
    p = plan(roster_path, opts)
    outdir.mkdir(parents=True, exist_ok=True)
    table, part, every = _table(p, opts, roster_path)
    bound = _bind_table(p, opts, table, every)
    if p.tasks:  # the summary of an earlier run would describe a batch that is changing: written anew at the end
        for f in (*SUMMARY_FILES, REPORT_FILE):
            if owned(outdir, f, p.state):
                (outdir / f).unlink(missing_ok=True)
    journal = Journal(outdir, p.state)
    record = _Recorder(p, opts, journal, progress)
    if on_start:
        on_start(len(p.indices), len(p.skipped))
    try:
        _run_tasks(p.tasks, opts.jobs, ctx, record)
    finally:
        journal.close()
        for path in bound:
            path.unlink(missing_ok=True)
    rows = [_row(p, i, record.outcomes[i], p.notes.get(i, [])) for i in p.indices]
    result = BatchResult(
        rows,
        p.unmatched,
        outdir,
        list(p.roster.warnings) + p.warnings,
        notices(p, opts.as_of),
        record.peaks,
        record.cpus,
        roster=str(roster_path),
        roster_sha=_roster_sha(Path(roster_path)),
        as_of=opts.as_of,
        region=opts.region,
        shard=opts.shard,
    )
    _unit_documents(result, p, opts, table, part)
    write_outputs(result, journal)
    journal.compact()
    return result
