"""The resume record (OUTDIR/.titlecli-batch.json) and what titlecli owns in OUTDIR.

The record is a journal: its first line is the whole record as of the start of a run (one
compact JSON object), and each applicant finished since adds one compact line
(`{"a": KEY, "e": ENTRY}`; `"e": null` forgets one), written at once and flushed to disk at
most every half second.  The end of a run compacts it back to one line.  A last line cut short
by `kill -9` (or a power cut) is ignored on reading: that applicant is built again.  Before, the
whole record was rewritten after every applicant, work that grew with the square of the roster
(issue 18).

An entry records what an applicant's outputs depend on (the resume hash: roster data, every
attachment's bytes, the region files, as_of, language, options, titlecli's version), the outcome,
and the dossier's size and SHA-256.  Each attachment's size, mtime and inode are kept beside its
hash: a rerun trusts a file whose three are unchanged (and whose mtime is not so recent that an
edit within the clock's granularity could hide) and hashes only on doubt, as build tools do.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import time
from pathlib import Path
from typing import Any

from ..errors import Problem, UserError
from ..i18n import t
from ..model import mask_id
from .attachments import Attachment
from .results import Outcome

STATE_FILE = ".titlecli-batch.json"
REPORT_FILE = "report.json"
SHARD_FILE = ".titlecli-shard.json"  # a shard's rows for `batch --merge`
SUMMARY_FILES = ("汇总表.xlsx", "summary.xlsx")
TMP_PREFIX = ".titlecli-tmp-"
BOUND_TABLE = TMP_PREFIX + "publicity-table"  # -uN.pdf: a unit's 一览表 the workers bind, for the run's length
STATE_FORMAT = 1
# a record past this is not read (it is not one titlecli wrote for a roster of any size)
STATE_MAX = 1 << 30
FSYNC_EVERY = 0.5  # seconds between flushes of the journal to disk
# a file modified this close to when it was hashed may have changed within the clock's granularity
# (2 s on FAT, which USB sticks use): it is hashed again rather than trusted
RACY_NS = 2_000_000_000


def summary_name() -> str:
    """汇总表.xlsx, or summary.xlsx with --lang en."""
    return t(*SUMMARY_FILES)


# --------------------------------------------------------------------------- hashes and stamps


def sha(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def sha_file(path: str | Path) -> str:
    """The SHA-256 of a file read 1 MB at a time: a 5 GB video left in an applicant's folder
    must not be read into memory at once."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _stat3(path: str | Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_ino


def _trusted(st: tuple[int, int, int], kept: Any) -> str | None:
    """The hash kept for a file whose size, mtime and inode are unchanged, else None (hash it)."""
    if not (isinstance(kept, list) and len(kept) == 5 and all(isinstance(x, int) for x in kept[:4]) and isinstance(kept[4], str)):
        return None
    size, mtime, ino, at, digest = kept
    if (size, mtime, ino) != st or mtime + RACY_NS >= at:
        return None
    return digest


def file_stamp(path: str | Path, usable: bool, kept: Any = None) -> list:
    """[size, mtime_ns, inode, when taken, sha256] of a file to bind ('' for one never bound,
    which is compared by its size only: a video is never hashed); [] when it cannot be read."""
    try:
        st = _stat3(path)
        at = time.time_ns()
        digest = (_trusted(st, kept) or sha_file(path)) if usable else ""
    except OSError:
        return []
    return [*st, at, digest]


def attachment_stamps(atts: list[Attachment], kept: dict[str, Any]) -> list[list]:
    """[rel, kind, usable, stamp] per attachment, trusting what `kept` (rel -> stamp) recorded."""
    return [[a.rel, a.kind, a.usable, file_stamp(a.file, a.usable, kept.get(a.rel))] for a in atts]


def inputs_hash(base: dict, stamps: list[list]) -> str:
    """The resume hash: `base` (roster data, region, options …) and what each attachment holds
    (its contents; a file never bound, its size) — not its mtime or inode: a file touched but
    unchanged does not rebuild a dossier."""
    files = []
    for rel, kind, usable, st in stamps:
        files.append([rel, kind, (st[4] if usable else st[0]) if st else None])
    return sha(json.dumps({**base, "attachments": files}, sort_keys=True, ensure_ascii=False, default=str).encode())


def kept_stamps(entry: dict | None) -> dict[str, Any]:
    """rel -> stamp of the attachments a record entry hashed."""
    out: dict[str, Any] = {}
    stamps = (entry or {}).get("stamps")
    if isinstance(stamps, list):
        for s in stamps:
            if isinstance(s, list) and len(s) == 4 and isinstance(s[0], str):
                out[s[0]] = s[3]
    return out


def state_key(id_number: str) -> str:
    # the resume record names no ID number: only a hash of it
    return hashlib.sha256(id_number.encode()).hexdigest()[:24]


# --------------------------------------------------------------------------- the journal


def load_state(outdir: Path) -> dict:
    """The resume record of an earlier run, with whatever is malformed in it left out (an edited,
    truncated or planted file, a last line cut short): a record that cannot be trusted only
    means more to rebuild."""
    p = Path(outdir) / STATE_FILE
    data: Any = None
    lines: list[bytes] = []
    try:
        if p.stat().st_size > STATE_MAX:
            raise ValueError("too large")
        lines = p.read_bytes().split(b"\n")
        data = json.loads(lines[0])
    except (OSError, ValueError, RecursionError):
        data = None
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
        return {"format": STATE_FORMAT, "applicants": {}}
    got = data.get("applicants")
    apps: dict[str, Any] = got if isinstance(got, dict) else {}
    outputs = data.get("outputs")
    if outputs is not None and not isinstance(outputs, dict):
        outputs = {}
    for line in lines[1:]:
        try:
            change = json.loads(line) if line.strip() else None
        except (ValueError, RecursionError):  # a line cut short by kill -9: that applicant is built again
            continue
        if isinstance(change, dict) and isinstance(change.get("a"), str):
            apps[change["a"]] = change.get("e")
        elif isinstance(change, dict) and isinstance(change.get("outputs"), dict):
            outputs = change["outputs"]
    data["applicants"] = {k: v for k, v in apps.items() if entry_ok(v)}
    if outputs is not None:
        data["outputs"] = {k: v for k, v in outputs.items() if isinstance(v, list)}
    return data


def entry_ok(v: Any) -> bool:
    """A resume entry of the shape this version writes (anything else is rebuilt, not shown)."""
    if not isinstance(v, dict) or not isinstance(v.get("inputs"), str):
        return False
    if not isinstance(v.get("size", 0), int) or not isinstance(v.get("sha256", ""), str):
        return False
    return Outcome.from_json(0, v.get("result")) is not None


class Journal:
    """Appends one line per finished applicant to the resume record; compacts it at the end."""

    def __init__(self, outdir: Path, state: dict):
        self.path = Path(outdir) / STATE_FILE
        self.state = state
        self.fd: int | None = None
        self.synced = 0.0

    def _open(self) -> None:
        # The record as loaded, as one line (dropping a torn line a killed run left, which the
        # next append would otherwise be glued to); written whole, so it exists only complete.
        self.compact()
        self.fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
        self.synced = time.monotonic()

    def _append(self, change: dict) -> None:
        line = json.dumps(change, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode() + b"\n"
        if self.fd is None:
            self._open()
        assert self.fd is not None
        os.write(self.fd, line)  # one write: a kill leaves the line whole or cut, never interleaved
        if time.monotonic() - self.synced >= FSYNC_EVERY:
            self.sync()

    def sync(self) -> None:
        if self.fd is not None:
            os.fsync(self.fd)
            self.synced = time.monotonic()

    def put(self, key: str, entry: dict | None) -> None:
        if entry is None:
            if self.state["applicants"].pop(key, None) is None:
                return
        else:
            self.state["applicants"][key] = entry
        self._append({"a": key, "e": entry})

    def outputs(self, outputs: dict[str, list[str]]) -> None:
        self.state["outputs"] = outputs
        self._append({"outputs": outputs})
        self.sync()

    def compact(self) -> None:
        """The whole record as one line, written atomically."""
        from ..atomic import write_text

        self.close()
        write_text(self.path, json.dumps(self.state, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")

    def close(self) -> None:
        if self.fd is not None:
            fd, self.fd = self.fd, None
            os.fsync(fd)
            os.close(fd)


# --------------------------------------------------------------------------- what is ours in OUTDIR


def output_name(name: str, id_number: str) -> str:
    """张伟_1404xxxxxxxxxx3219.pdf: name and masked ID (x, not *, which Windows forbids)."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name).strip(" .") or "applicant"
    return f"{safe}_{mask_id(id_number).replace('*', 'x')}.pdf"


# What titlecli writes into OUTDIR, and so may replace or remove there: the dossiers (named by
# output_name), the summary, the report, the resume record, and temp files of those names.
DOSSIER_NAME = re.compile(r"[^/\\\x00]+_[0-9Xx]{4}x{10}[0-9Xx]{4}(?:_\d+)?\.pdf")
# the unit's documents (unitdocs.py): the 一览表 and each applicant's 推荐报告 draft
UNIT_DOC_NAME = re.compile(r"(?:公示情况一览表|publicity-table)\.(?:xlsx|pdf)|[^/\\\x00]+_(?:推荐报告|recommendation)\.docx")
_TEMP_NAME = re.compile(r"\.(?P<name>.+)\.[A-Za-z0-9_]+\.tmp")


def our_name(name: str) -> bool:
    """A file name titlecli gives an output in OUTDIR (not a path: no folder in it)."""
    return (
        name in (*SUMMARY_FILES, REPORT_FILE, STATE_FILE, SHARD_FILE)
        or bool(DOSSIER_NAME.fullmatch(name) or UNIT_DOC_NAME.fullmatch(name))
        or name.startswith(TMP_PREFIX)
    )


def _our_temp(name: str) -> bool:
    """A temp file a killed run of titlecli left: a dossier being built (.titlecli-tmp-…) or
    the temp of an atomic write of one of our outputs (.汇总表.xlsx.k3j2h1g0.tmp)."""
    if name.startswith(TMP_PREFIX):
        return True
    from ..atomic import temp_target

    found = temp_target(name)  # .report.json.PID.k3j2h1g0.tmp (a rerun owns OUTDIR: any writer is gone)
    if found is not None:
        return our_name(found[0])
    m = _TEMP_NAME.fullmatch(name)  # as titlecli named them before the writer's pid was in the name
    return m is not None and our_name(m.group("name"))


def owned(outdir: Path, name: str, state: dict) -> bool:
    """Whether OUTDIR/name is a regular file titlecli wrote and nobody changed since: a name of
    ours, recorded in the resume record with the SHA-256 of what was written.  Only such a file
    is ever replaced or removed; anything else in OUTDIR is the user's (always hashed: the
    size-and-mtime trust of reruns decides what to rebuild, never what to delete)."""
    if not isinstance(name, str) or not our_name(name) or Path(name).name != name:
        return False
    p = Path(outdir) / name
    try:
        if not stat.S_ISREG(p.lstat().st_mode):  # a link or a folder is never ours
            return False
        digest = sha_file(p)
    except OSError:
        return False
    recorded: set[object] = set()  # digests as the record holds them
    outputs = state.get("outputs")
    if isinstance(outputs, dict) and isinstance(outputs.get(name), list):
        recorded.update(h for h in outputs[name] if isinstance(h, str))
    for entry in (state.get("applicants") or {}).values():
        if isinstance(entry, dict) and isinstance(entry.get("result"), dict) and entry["result"].get("file") == name:
            recorded.add(entry.get("sha256"))
        draft = entry.get("draft") if isinstance(entry, dict) else None
        if isinstance(draft, dict) and draft.get("file") == name:
            recorded.add(draft.get("sha256"))
    return digest in recorded


def draft_name(dossier: str) -> str:
    """The 推荐报告 draft beside a dossier: 张伟_1404xxxxxxxxxx3219_推荐报告.docx."""
    return f"{dossier[:-4] if dossier.endswith('.pdf') else dossier}_{t('推荐报告', 'recommendation')}.docx"


def draft_record(outdir: Path, name: str, digest: str) -> dict:
    """What the journal keeps of a draft just written: its name, SHA-256 and stat."""
    return {"file": name, "sha256": digest, "stat": dossier_stat(Path(outdir) / name)}


def draft_intact(outdir: Path, prev: dict | None, name: str) -> bool:
    """The draft a record entry names is there as titlecli wrote it (trusted by size, mtime and
    inode; hashed on doubt)."""
    draft = (prev or {}).get("draft")
    if not isinstance(draft, dict) or draft.get("file") != name or not isinstance(draft.get("sha256"), str):
        return False
    p = Path(outdir) / name
    try:
        st = _stat3(p)
    except OSError:
        return False
    kept = draft.get("stat")
    if isinstance(kept, list) and len(kept) == 4 and _trusted(st, [*kept, draft["sha256"]]) is not None:
        return True
    try:
        return stat.S_ISREG(p.lstat().st_mode) and sha_file(p) == draft["sha256"]
    except OSError:
        return False


def output_intact(outdir: Path, prev: dict) -> bool:
    """The dossier a record entry names is there as written (trusted by size, mtime and inode)."""
    f = prev.get("result", {}).get("file")
    if not f:
        return False
    p = Path(outdir) / f
    try:
        st = _stat3(p)
    except OSError:
        return False
    if st[0] != prev.get("size"):
        return False
    kept = prev.get("stat")
    if isinstance(kept, list) and len(kept) == 4 and _trusted(st, [*kept, prev.get("sha256")]) is not None:
        return True
    try:
        return sha_file(p) == prev.get("sha256")
    except OSError:
        return False


def dossier_stat(path: Path) -> list[int] | None:
    """[size, mtime_ns, inode, when taken] of a dossier just written, for output_intact."""
    try:
        return [*_stat3(path), time.time_ns()]
    except OSError:
        return None


def replaceable(outdir: Path, name: str, state: dict) -> bool:
    """Whether a dossier may be written as OUTDIR/name: nothing is there, or what is there is
    ours (recorded), or a dossier titlecli wrote whose run was killed before recording it."""
    p = outdir / name
    if not os.path.lexists(p) or owned(outdir, name, state):
        return True
    try:
        if not stat.S_ISREG(p.lstat().st_mode):
            return False
        from pypdf import PdfReader

        meta = PdfReader(p).metadata
        producer = meta.get("/Producer") if meta is not None else None
        return isinstance(producer, str) and producer.startswith("titlecli ")
    except Exception:  # unreadable: not known to be ours
        return False


def clean_temp(outdir: Path) -> list[str]:
    """Remove the temp files a killed run left in OUTDIR: only names of titlecli's own making
    (a user's `.notes.tmp` stays), only regular files (never a link's target)."""
    removed: list[str] = []
    if not outdir.is_dir():
        return removed
    for p in outdir.iterdir():
        n = p.name
        try:
            regular = stat.S_ISREG(p.lstat().st_mode)
        except OSError:
            continue
        if regular and _our_temp(n):
            try:
                p.unlink()
                removed.append(n)
            except OSError:
                pass
    return removed


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def check_outdir(roster_path: str | Path, outdir: Path, attachments: Path | None, state: dict) -> None:
    """Refuse, before anything is written, an OUTDIR whose use would lose or leak something:
    one inside the attachments folder or the folder of profiles (the next run would bind the
    dossiers, with other people's full ID numbers, as attachments), and a summary or report in
    it that titlecli did not write (or that was edited since)."""
    outdir = Path(outdir)
    roster = Path(roster_path)
    for folder, what in (
        (attachments, ("附件文件夹", "the attachments folder")),
        (roster if roster.is_dir() else None, ("档案文件夹", "the folder of profiles")),
    ):
        if folder is not None and Path(folder).is_dir() and _inside(outdir, Path(folder)):
            raise UserError(
                Problem(
                    str(outdir),
                    "-o",
                    t(
                        f"输出文件夹在{what[0]}（{folder}）之内：下次运行会把生成的卷宗当作材料装订；请换一个位置",
                        f"the output folder is inside {what[1]} ({folder}): the next run would bind the dossiers "
                        "as materials; choose another place",
                    ),
                )
            )
    if not outdir.is_dir():
        return
    foreign = [n for n in (*SUMMARY_FILES, REPORT_FILE) if os.path.lexists(outdir / n) and not owned(outdir, n, state)]
    if foreign:
        raise UserError(
            Problem(
                str(outdir),
                "-o",
                t(
                    f"文件夹中已有 {'、'.join(foreign)}，但不是 titlecli 上次写入的（或已被修改）；"
                    "为免覆盖，请先移走或改名，或换一个输出文件夹",
                    f"the folder already holds {', '.join(foreign)}, not as titlecli last wrote it (or edited since); "
                    "so as not to overwrite it, move or rename it first, or choose another output folder",
                ),
            )
        )
