"""Running workers: one task per applicant, in worker processes (or in this one with -j 1).

A task never raises for bad input: a failure is an Outcome with status `failed` and its reasons,
so the other applicants go on.  Nothing here is Unix-only: workers start with `forkserver`
where it exists and `spawn` elsewhere (Windows, macOS), and the bench's resource figures are
taken only where the platform gives them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import Problem, UserError
from ..i18n import set_lang, t
from .attachments import Attachment
from .results import LevelOutcome, Outcome

TMP_PREFIX = ".titlecli-tmp-"


@dataclass
class Task:
    index: int
    label: str
    name: str
    key: str
    profile: Any  # Profile, or None when the roster row is unusable
    region: Any  # Region
    as_of: date
    lang: str
    outdir: str
    filename: str
    level: str | None
    skip_broken: bool
    base_dir: str
    problems: list[str]
    attachments: list[Attachment]
    notes: list[str]
    inputs: str | None  # the resume hash, or None for the worker to compute (nothing recorded to compare with)
    inputs_base: dict | None = None  # what the hash covers besides the attachments' contents
    hashed: list[Attachment] = field(default_factory=list)  # the files whose contents the hash covers
    # the unit's 推荐报告 draft (unitdocs.py), built here with the dossier, not in the main process
    # (issue 18: serially there it was a third of all CPU at 240 applicants)
    draft: str | None = None  # its name in OUTDIR, when this run writes the unit's documents
    draft_writable: bool = True  # False: a draft the clerk edited is there, left alone
    employer: str | None = None  # as the summary shows it
    table: str | None = None  # the 一览表 as the dossier binds it (a draft), written before the workers start
    table_sha: str | None = None  # and its SHA-256, recorded: a changed 一览表 rebuilds the dossiers binding it


def _reason(r) -> str | None:
    """The main reason for a level's verdict, in one sentence: the pathway that holds, or the
    first condition not met that time cannot fix (else the first one not met), with its source."""
    if r.eligible:
        return r.pathway_text or None
    unmet = r.unmet
    if not unmet:
        return r.warnings[0] if r.warnings else None
    first = next((x for x in unmet if not x.fixable), unmet[0])
    return f"{first.message}（{first.source}）" if first.source else first.message


def level_outcomes(verdict) -> dict[str, LevelOutcome]:
    """Per level, the best of its routes: an eligible one, else the one eligible soonest."""
    from ..model import LEVELS

    out: dict[str, LevelOutcome] = {}
    for r in verdict.results:
        cur = out.get(r.level)
        entry = LevelOutcome(
            r.title,
            r.eligible,
            r.route if r.eligible else None,
            r.earliest_date.isoformat() if r.earliest_date else None,
            [x.rule for x in r.unmet],
            _reason(r),
        )
        if cur is None:
            out[r.level] = entry
            continue
        sooner = entry.earliest_date and (cur.earliest_date is None or entry.earliest_date < cur.earliest_date)
        if (entry.eligible and not cur.eligible) or (entry.eligible == cur.eligible and sooner):
            out[r.level] = entry
    return {lv: out[lv] for lv in LEVELS if lv in out}


def run_task(task: Task) -> Outcome:
    set_lang(task.lang)
    res = Outcome(task.index, problems=list(task.problems))
    try:
        if task.profile is None:
            return res
        _run(task, res)
    except UserError as e:
        res.problems += [str(p) for p in e.problems]
    except Exception as e:  # a scan no decoder expected: this applicant fails, the batch goes on
        res.status = "failed"
        res.problems.append(
            t(
                f"处理时出错（{type(e).__name__}: {e}）；其他申报人不受影响",
                f"failed while processing ({type(e).__name__}: {e}); the others are not affected",
            )
        )
    finally:
        for f in Path(task.outdir).glob(f"{TMP_PREFIX}*-{os.getpid()}.pdf"):
            with contextlib.suppress(OSError):
                f.unlink()
    return res


def _run(task: Task, res: Outcome) -> None:
    from ..dossier import build
    from .state import attachment_stamps, inputs_hash

    if task.inputs is None and task.inputs_base is not None:
        # nothing recorded to compare with: the worker hashes the scans it is about to bind
        res.stamps = attachment_stamps(task.hashed, {})
        res.inputs = inputs_hash(task.inputs_base, res.stamps)
    profile = task.profile
    _verdict(task, res)
    out = Path(task.outdir)
    stem = f"{TMP_PREFIX}{hashlib.sha256(task.key.encode()).hexdigest()[:12]}"
    tmp = out / f"{stem}-{os.getpid()}.pdf"
    drafts = {"publicity_table": task.table} if task.table else {}
    if task.draft:
        blocks = _draft(task, res)
        if any(m.kind == "recommendation_report" for m in task.region.materials):
            # bound until the signed one is filed; a temp file, removed when the task ends
            from . import unitdocs

            drafts["recommendation_report"] = str(out / f"{stem}-draft-{os.getpid()}.pdf")
            Path(drafts["recommendation_report"]).write_bytes(unitdocs.report_pdf(blocks))
    try:
        dres = build(
            profile,
            task.region,
            task.as_of,
            tmp,
            base_dir=Path(task.base_dir),
            level=task.level,
            skip_broken=task.skip_broken,
            drafts=drafts,
        )
    except UserError as e:
        res.problems += [_scan_problem(task, p) for p in e.problems]
        return
    from .state import sha_file

    res.size, res.sha256 = tmp.stat().st_size, sha_file(tmp)  # here, not in the main process (issue 18)
    os.replace(tmp, out / task.filename)
    res.file = task.filename
    res.pages = dres.pages
    res.missing = [str(m) for m in dres.missing]
    res.warnings += [_scan_problem(task, p) for p in dres.problems]
    res.technical += [_scan_problem(task, p) for p in dres.warnings]
    res.status = "built"


def _verdict(task: Task, res: Outcome) -> None:
    from ..engine import check

    verdict = check(task.profile, task.region, task.as_of, None, task.label, task.base_dir)
    res.levels = level_outcomes(verdict)
    res.target_level = task.level or verdict.requested_level
    res.eligible = any(r.eligible for r in verdict.results if r.level == task.level) if task.level else verdict.eligible
    res.warnings = list(verdict.warnings) + [x.message for x in verdict.online if not x.passed]
    # under a notice that has ended the verdict is one on that round (2022 年度), not on today
    res.notice_round = verdict.notice_round if verdict.notice_status == "expired" else None


def verdict_only(task: Task) -> Outcome:
    """The applicant's verdict without the dossier: the 一览表's row, needed before any dossier
    that binds the 一览表 is written (a check, ~2 ms; the dossier is ~100 times that)."""
    res = Outcome(task.index, problems=list(task.problems))
    if task.profile is None:
        return res
    try:
        _verdict(task, res)
        res.status = "built"  # as far as the verdict goes; the worker builds the dossier
    except UserError as e:
        res.problems += [str(p) for p in e.problems]
    except Exception as e:  # the worker will say what went wrong; the table shows no verdict
        res.problems.append(f"{type(e).__name__}: {e}")
    return res


def draft_row(task: Task, res: Outcome):
    """The applicant as the 推荐报告 states it: the verdict, before the dossier is bound."""
    from .results import Row

    prof = task.profile
    return Row(
        row=task.label,
        rows=[],
        source="",
        name=task.name or prof.name,
        id_number="",
        employer=task.employer,
        region=None,
        target_level=res.target_level,
        eligible=res.eligible,
        levels=res.levels,
        missing=[],
        attachments=[],
        pages=None,
        file=task.filename,
        status="built",  # the report states the verdict, whatever becomes of the scans
        problems=[],
        warnings=[],
        technical=[],
        notes=[],
        notice_round=res.notice_round,
    )


def _draft(task: Task, res: Outcome):
    """The applicant's 推荐报告 (its blocks), written as a .docx unless the clerk has edited the
    one there; the same bytes as there already are not written again (it may be open in Word)."""
    from ..atomic import write_bytes
    from . import unitdocs
    from .state import sha, sha_file

    assert task.draft is not None
    res.draft = task.draft
    blocks = unitdocs.report_blocks(draft_row(task, res), task.profile, task.region, task.as_of)
    if not task.draft_writable:
        return blocks
    data = unitdocs.report_docx(blocks, task.as_of)
    path = Path(task.outdir) / task.draft
    digest = sha(data)
    try:
        same = path.is_file() and path.stat().st_size == len(data) and sha_file(path) == digest
    except OSError:
        same = False
    if not same:
        write_bytes(path, data)
    res.draft_sha256 = digest
    return blocks


def _scan_problem(task: Task, p: Problem | str) -> str:
    """A problem with one of the applicant's scans, named as the clerk filed it (张伟/学历/毕业证.JPG),
    with what to do; any other problem as it is."""
    if not isinstance(p, Problem):  # the dossier's "FILE: message" (--skip-broken, warnings)
        a = next((a for a in task.attachments if str(p).startswith(a.file + ": ")), None)
        if a is None:
            return _relative(task, str(p))
        p = Problem(a.file, "", str(p)[len(a.file) + 2 :])
    shown = {a.file: a.shown for a in task.attachments}.get(str(p.file))
    if shown is None and p.file:
        shown = {str(Path(a.file).resolve()): a.shown for a in task.attachments}.get(str(Path(p.file).resolve()))
    if shown is None:
        return _relative(task, str(p))
    hint = (
        t("（卷宗中以占位页代替）", " (a placeholder page stands in for it in the dossier)")
        if task.skip_broken
        else t("（请重新扫描，或加 --skip-broken 以占位页代替）", " (scan it again, or pass --skip-broken for a placeholder page)")
    )
    return t(f"{shown}：{p.message}{hint}", f"{shown}: {p.message}{hint}")


def _relative(task: Task, text: str) -> str:
    """A message naming attachments by their absolute paths, naming them as the clerk filed them."""
    for a in sorted(task.attachments, key=lambda a: -len(a.file)):
        text = text.replace(a.file, a.shown)
    return text


# --------------------------------------------------------------------------- processes


START_METHOD: str | None = None  # None: forkserver where there is one, else spawn


def pool_context():
    """forkserver: workers start from a clean process, so their memory does not grow with the
    roster the main process holds, and the server imports the dossier stack once for all of
    them (started here, before the roster is read, so the two overlap).  spawn elsewhere."""
    import multiprocessing as mp

    method = START_METHOD or ("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    ctx = mp.get_context(method)
    if method != "forkserver":
        return ctx
    ctx.set_forkserver_preload(["titlecli.batch", "titlecli.engine", "titlecli.dossier", "reportlab.pdfgen.canvas", "pypdf", "PIL.Image"])
    try:
        from multiprocessing import forkserver

        forkserver.ensure_running()
    except Exception:  # it starts with the first worker instead
        pass
    return ctx


def _main_alive(main_pid: int):
    """A test of whether the batch's main process still runs, for this platform."""
    if os.name == "nt":  # os.kill(pid, 0) would end the process there; spawn hands over its handle
        import multiprocessing

        parent = multiprocessing.parent_process()
        return parent.is_alive if parent is not None else (lambda: True)

    def alive() -> bool:
        try:
            os.kill(main_pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            pass
        return True

    return alive


def worker_init(main_pid: int | None = None) -> None:
    # Ctrl-C is the main process's to handle: it cancels what is queued and reports.
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if main_pid is None:
        return
    alive = _main_alive(main_pid)

    def watch() -> None:  # after kill -9 of the batch, its workers would wait for work forever
        while True:
            time.sleep(0.5)
            if not alive():
                os._exit(1)  # a dossier half written stays a temp file, removed by the rerun

    threading.Thread(target=watch, name="titlecli-batch-watch", daemon=True).start()


def _usage() -> tuple[int | None, float]:
    """(peak resident memory in KiB, CPU seconds) of this process: the bench's figures.  The
    peak is known where the `resource` module is (not on Windows)."""
    cpu = time.process_time()
    try:
        import resource
    except ImportError:
        return None, cpu
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, cpu


def call(tk: Task) -> Outcome:
    res = run_task(tk)
    res.pid = os.getpid()
    res.peak_kb, res.cpu_s = _usage()
    return res
