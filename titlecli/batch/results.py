"""What batch passes between its parts: typed results, not dicts.

`Outcome` is what a worker returns for one applicant (and what the resume record keeps of it);
`Row` is one applicant as the summary shows it (report.json, 汇总表.xlsx, the terminal).  Both
turn into the JSON of report.json and the resume record with `to_json`, and back with
`from_json` (which trusts nothing: a record that is not of this shape gives None).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from ..model import LEVELS

STATUSES = ("built", "unchanged", "failed")


@dataclass
class LevelOutcome:
    """The verdict for one level: the best route for it."""

    title: str | None
    eligible: bool
    route: str | None  # the route it is reached by (initial, review …), when eligible
    earliest_date: str | None  # ISO date; None when never (or already)
    unmet: list[str] = field(default_factory=list)  # rule ids not met
    reason: str | None = None  # the first unmet condition, in one sentence (the language of the run)

    @classmethod
    def from_json(cls, d: Any) -> LevelOutcome | None:
        if not isinstance(d, dict):
            return None
        shape = {"title": (str, None), "eligible": (bool,), "route": (str, None), "earliest_date": (str, None), "unmet": (list,)}
        for k, types in shape.items():
            v = d.get(k)
            if not (v is None and None in types) and not isinstance(v, tuple(x for x in types if x is not None)):
                return None
        if not all(isinstance(x, str) for x in d["unmet"]) or not isinstance(d.get("reason"), (str, type(None))):
            return None
        return cls(d["title"], d["eligible"], d["route"], d["earliest_date"], list(d["unmet"]), d.get("reason"))


@dataclass
class Outcome:
    """One applicant's result: verdicts per level and the dossier built (or why not)."""

    index: int
    status: str = "failed"  # built | unchanged | failed
    levels: dict[str, LevelOutcome] = field(default_factory=dict)
    eligible: bool | None = None  # for the level applied for (or any level when none is named)
    target_level: str | None = None
    missing: list[str] = field(default_factory=list)  # required materials with no document
    pages: int | None = None
    file: str | None = None  # the dossier's name in OUTDIR
    problems: list[str] = field(default_factory=list)  # why it failed
    warnings: list[str] = field(default_factory=list)  # what the clerk should look at
    technical: list[str] = field(default_factory=list)  # notes for whoever prints (fonts, removed scripts …)
    notice_round: str | None = None  # the round (2022 年度) of a notice that has ended: the verdict is on it
    # not in the summary: for the resume record and the bench
    size: int | None = None  # the dossier's size and SHA-256, taken by the worker that wrote it
    sha256: str | None = None
    inputs: str | None = None  # the resume hash, when the worker computed it (first run)
    stamps: list | None = None  # per attachment [rel, kind, size, mtime_ns, inode, sha256] as the worker hashed them
    draft: str | None = None  # the 推荐报告 draft's name in OUTDIR (written, or left as the clerk edited it)
    draft_sha256: str | None = None  # what was written (None: the clerk's edited one was left alone)
    pid: int | None = None
    peak_kb: int | None = None
    cpu_s: float | None = None

    # what the resume record keeps (and report.json shows) of an outcome
    KEPT = ("status", "levels", "eligible", "target_level", "missing", "pages", "file", "problems", "warnings", "technical", "notice_round")

    def to_json(self) -> dict:
        out = {k: getattr(self, k) for k in self.KEPT}
        out["levels"] = {lv: asdict(x) for lv, x in self.levels.items()}
        return out

    @classmethod
    def from_json(cls, index: int, d: Any) -> Outcome | None:
        """An outcome the resume record kept, or None when it is not of the shape written."""
        if not isinstance(d, dict):
            return None
        checks = {
            "status": lambda v: v in STATUSES,
            "eligible": lambda v: v is None or isinstance(v, bool),
            "target_level": lambda v: v is None or isinstance(v, str),
            "pages": lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool)),
            "file": lambda v: v is None or isinstance(v, str),
            "notice_round": lambda v: v is None or isinstance(v, str),
            "levels": lambda v: isinstance(v, dict),
        }
        if not all(ok(d.get(k)) for k, ok in checks.items()):
            return None
        lists = {}
        for k in ("missing", "problems", "warnings", "technical"):
            v = d.get(k, [])
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                return None
            lists[k] = list(v)
        levels = {}
        for lv, e in d["levels"].items():
            got = LevelOutcome.from_json(e)
            if lv not in LEVELS or got is None:
                return None
            levels[lv] = got
        return cls(
            index,
            d["status"],
            levels,
            d["eligible"],
            d["target_level"],
            lists["missing"],
            d["pages"],
            d["file"],
            lists["problems"],
            lists["warnings"],
            lists["technical"],
            d.get("notice_round"),
        )


@dataclass
class Row:
    """One applicant in the summary (report.json, 汇总表.xlsx, the terminal), roster order.

    Texts hold attachment paths as the clerk named them (relative to --attachments); report.json
    and the terminal mask the ID numbers in them, the 汇总表 keeps them so the clerk can open the
    file."""

    row: str  # 第2–3行, or the profile file's name
    rows: list[int]
    source: str
    name: str
    id_number: str  # masked
    employer: str | None
    region: str | None  # the region id the applicant was checked against
    target_level: str | None
    eligible: bool | None
    levels: dict[str, LevelOutcome]
    missing: list[str]
    attachments: list[dict]
    pages: int | None
    file: str | None
    status: str
    problems: list[str]
    warnings: list[str]
    technical: list[str]
    notes: list[str]
    shard: str | None = None  # K/N of the run that made it, when sharded
    notice_round: str | None = None  # the round of a notice that has ended (按该通知（2022 年度）符合)

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def to_json(self) -> dict:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["levels"] = {lv: asdict(x) for lv, x in self.levels.items()}
        return out

    @classmethod
    def from_json(cls, d: dict) -> Row:
        """A row of a report.json written by this version (shard outputs being merged)."""
        kw: dict[str, Any] = {f.name: d.get(f.name) for f in fields(cls)}
        kw["levels"] = {lv: LevelOutcome(**x) for lv, x in (d.get("levels") or {}).items()}
        for k in ("rows", "missing", "attachments", "problems", "warnings", "technical", "notes"):
            kw[k] = list(kw[k] or [])
        return cls(**kw)
