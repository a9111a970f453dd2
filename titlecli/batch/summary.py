"""Writing summaries: report.json and the 汇总表 (summary.xlsx with --lang en), and merging the
summaries of shards (`batch --shard K/N`) into one.

The 汇总表 is for the clerk to act on: per applicant the level applied for, the verdict, the
main reason in one sentence, the earliest date, the missing materials and the problems, with
attachments named as the clerk filed them (relative to --attachments).  Notes for whoever prints
(fonts, removed scripts) are on a sheet of their own; what holds for a whole region (the
notice's effective period) is said once, on the 说明 sheet, not on every row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import Problem, UserError
from ..i18n import lang, t
from ..model import LEVELS
from ..terms import LEVEL_NAMES, ROUTE_NAMES, nm
from .attachments import mask_ids
from .results import LevelOutcome, Row
from .state import REPORT_FILE, SHARD_FILE, SUMMARY_FILES, sha, summary_name

STATUS_NAMES = {
    "built": ("已生成", "built"),
    "unchanged": ("未变（沿用）", "unchanged (kept)"),
    "failed": ("失败", "failed"),
}
REPORT_FORMAT = 2


@dataclass
class BatchResult:
    rows: list[Row]  # one per applicant of this run, roster order
    unmatched: list[str]
    outdir: Path
    warnings: list[str] = field(default_factory=list)  # about the roster as a whole (skipped columns)
    notices: list[str] = field(default_factory=list)  # ended or undated notices, once per region, said before the rows
    worker_peak_kb: dict[int, int] = field(default_factory=dict)  # pid -> peak RSS (KiB), not in report.json
    worker_cpu_s: dict[int, float] = field(default_factory=dict)  # pid -> CPU seconds used (bench only)
    roster: str = ""
    roster_sha: str = ""  # the roster's contents, so shards of different rosters are not merged
    as_of: date | None = None
    region: str | None = None
    shard: tuple[int, int] | None = None
    documents: list[str] = field(default_factory=list)  # unit documents written (一览表 …), names in OUTDIR
    unit_files: list[tuple[str, bytes]] = field(default_factory=list)  # their bytes, written with the summary
    table: Any = None  # a shard's part of the 一览表 (unitdocs.Table), kept for `--merge`

    @property
    def failed(self) -> list[Row]:
        return [r for r in self.rows if r.failed]

    @property
    def summary_file(self) -> Path:
        return self.outdir / summary_name()


def _status(s: str) -> str:
    zh, en = STATUS_NAMES.get(s, (s, s))
    return t(zh, en)


def verdict_cell(lv: LevelOutcome | None, notice_round: str | None = None) -> str:
    """符合（初定）…; under a notice that has ended, 按该通知（2022 年度）符合（初定）."""
    if lv is None:
        return "—"
    if notice_round:
        return t(f"按该通知（{notice_round}）", f"under that notice ({notice_round}): ") + verdict_cell(lv)
    if lv.eligible:
        return t(f"符合（{nm(ROUTE_NAMES, lv.route)}）", f"eligible ({nm(ROUTE_NAMES, lv.route)})")
    if lv.earliest_date:
        return t(f"暂不符合，{lv.earliest_date} 起", f"not yet, from {lv.earliest_date}")
    return t("不符合", "not eligible")


def target_outcome(r: Row) -> LevelOutcome | None:
    """The verdict for the level applied for; with none named, the highest level reached (else
    the one reached soonest)."""
    if r.target_level:
        return r.levels.get(r.target_level)
    ok = [lv for lv in r.levels.values() if lv.eligible]
    if ok:
        return ok[-1]
    dated = sorted((lv for lv in r.levels.values() if lv.earliest_date), key=lambda x: x.earliest_date or "")
    return dated[0] if dated else next(iter(r.levels.values()), None)


def target_verdict(r: Row) -> str:
    if r.status == "failed" and not r.levels:
        return ""
    if r.target_level:
        return verdict_cell(r.levels.get(r.target_level), r.notice_round)
    said = t("符合", "eligible") if r.eligible else t("不符合", "not eligible")
    return (t(f"按该通知（{r.notice_round}）", f"under that notice ({r.notice_round}): ") + said) if r.notice_round else said


def main_reason(r: Row) -> str:
    """One sentence: why the row failed, else why the level applied for is (not) reached."""
    if r.status == "failed":
        return r.problems[0] if r.problems else ""
    lv = target_outcome(r)
    return (lv.reason or "") if lv else ""


def earliest(r: Row) -> str:
    lv = target_outcome(r)
    return (lv.earliest_date or "") if lv else ""


def levels_used(rows: list[Row]) -> list[str]:
    used = {lv for r in rows for lv in r.levels}
    return [lv for lv in LEVELS if lv in used]


def _join(items: list[str]) -> str:
    return ("、" if lang() == "zh" else ", ").join(items)


def summary_table(rows: list[Row]) -> tuple[list[str], list[list[Any]]]:
    """The 汇总表 as a header and rows; the same facts as report.json, for people to act on."""
    lvs = levels_used(rows)
    head = [
        t("序号", "No."),
        t("花名册行", "Roster rows"),
        t("姓名", "Name"),
        t("身份证号", "ID number"),
        t("单位", "Employer"),
        t("申报级别", "Level applied for"),
        t("结论", "Verdict"),
        t("主要原因", "Main reason"),
        t("最早可申报日期", "Earliest date"),
        t("缺少材料", "Missing materials"),
        t("问题", "Problems"),
        t("附件说明", "Attachment notes"),
        t("页数", "Pages"),
        t("卷宗文件", "Dossier file"),
        t("状态", "Status"),
    ]
    for lv in lvs:
        head += [nm(LEVEL_NAMES, lv), t(f"{nm(LEVEL_NAMES, lv)}最早可申报日期", f"{nm(LEVEL_NAMES, lv)} earliest date")]
    out = []
    for n, r in enumerate(rows, start=1):
        line: list[Any] = [
            n,
            r.row,
            r.name,
            r.id_number,
            r.employer or "",
            nm(LEVEL_NAMES, r.target_level) if r.target_level else "",
            target_verdict(r),
            main_reason(r),
            earliest(r),
            _join(r.missing),
            "\n".join(r.problems + r.warnings),
            "\n".join(r.notes),
            r.pages if r.pages is not None else "",
            r.file or "",
            _status(r.status),
        ]
        for lv in lvs:
            x = r.levels.get(lv)
            line += [verdict_cell(x, r.notice_round) if x else "—", (x.earliest_date if x else None) or ""]
        out.append(line)
    return head, out


def _masked(row: dict) -> dict:
    """report.json's row: ID numbers in attachment paths masked (the 汇总表 keeps them as filed)."""
    for k in ("problems", "warnings", "technical", "notes"):
        row[k] = [mask_ids(x) for x in row[k]]
    for lv in row["levels"].values():
        if lv.get("reason"):
            lv["reason"] = mask_ids(lv["reason"])
    return row


def report_json(result: BatchResult, masked: bool = True) -> dict:
    """report.json (ID numbers masked everywhere); unmasked, what a shard keeps for the merge."""
    rows = result.rows
    return {
        "format": REPORT_FORMAT,
        "roster": result.roster,
        "roster_sha256": result.roster_sha,
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "region": result.region,
        "shard": f"{result.shard[0]}/{result.shard[1]}" if result.shard else None,
        "titlecli": __version__,
        "lang": lang(),
        "total": len(rows),
        "counts": {s: sum(1 for r in rows if r.status == s) for s in STATUS_NAMES},
        "warnings": result.notices + result.warnings,
        "notices": result.notices,
        "applicants": [_masked(r.to_json()) if masked else r.to_json() for r in rows],
        "unmatched_attachments": result.unmatched,
        "documents": result.documents,
    }


def outputs_of(result: BatchResult) -> list[tuple[str, bytes]]:
    """(name in OUTDIR, bytes) of report.json and the 汇总表."""
    out = [
        (REPORT_FILE, (json.dumps(report_json(result), ensure_ascii=False, indent=2) + "\n").encode("utf-8")),
        (summary_name(), summary_xlsx(result)),
    ]
    out += result.unit_files
    if result.shard:  # the rows as the 汇总表 shows them (attachments as filed), for `--merge`
        kept = report_json(result, masked=False)
        if result.table is not None:  # and its rows of the 一览表, in the order of its applicants
            kept["publicity_table"] = result.table.to_json()
        out.append((SHARD_FILE, json.dumps(kept, ensure_ascii=False).encode("utf-8")))
    return out


def write_outputs(result: BatchResult, journal=None) -> None:
    """report.json and the 汇总表.  With the resume journal, their hashes are recorded in it first
    (beside the previous ones, in case this write is cut short): that is what makes them
    titlecli's to replace on the next run."""
    from ..atomic import write_bytes
    from ..datafile import os_reason

    _keep_edited(result, journal.state if journal is not None else {})
    outputs = outputs_of(result)
    if journal is not None:
        got = journal.state.get("outputs")
        before: dict[str, Any] = got if isinstance(got, dict) else {}
        recorded: dict[str, list[str]] = {}
        for name, data in outputs:
            kept = before.get(name)
            prev: list[Any] = kept if isinstance(kept, list) else []
            recorded[name] = [sha(data)] + [h for h in prev[:1] if isinstance(h, str) and h != sha(data)]
        journal.outputs(recorded)
    for name, data in outputs:
        if _same(result.outdir / name, data):
            continue  # as it was: left untouched (it may be open in Excel or Word; a rerun rewrites nothing)
        try:
            write_bytes(result.outdir / name, data)
        except OSError as e:
            raise UserError(
                Problem(
                    str(result.outdir / name),
                    "",
                    t(
                        f"无法写入（{os_reason(e)}）；文件是否正在 Excel 中打开？关闭后重跑即可，已生成的卷宗会沿用",
                        f"cannot write ({os_reason(e)}); is it open in Excel? Close it and run again: the dossiers built are kept",
                    ),
                )
            ) from None


def _same(path: Path, data: bytes) -> bool:
    from .state import sha_file

    try:
        return path.is_file() and path.stat().st_size == len(data) and sha_file(path) == sha(data)
    except OSError:
        return False


def _keep_edited(result: BatchResult, state: dict) -> None:
    """A unit document the clerk has edited since titlecli wrote it (a 推荐报告 being filled in)
    is left as it is, and said so: only what titlecli wrote and nobody changed is replaced."""
    import os

    from .state import owned

    kept = [n for n, _ in result.unit_files if os.path.lexists(result.outdir / n) and not owned(result.outdir, n, state)]
    if not kept:
        return
    result.unit_files = [(n, b) for n, b in result.unit_files if n not in kept]
    result.documents = [n for n in result.documents if n not in kept]
    result.warnings += [
        t(
            f"{n} 已存在且不是本工具上次写出的样子（已修改？），未覆盖；要重新生成请先移走它",
            f"{n} exists and was changed since titlecli wrote it: left alone; move it away to have it written anew",
        )
        for n in kept
    ]


# Excel holds at most 32,767 characters in a cell, and no control characters (openpyxl refuses
# them, which once cost the whole summary for one stray byte in a roster cell).
_CELL_MAX = 32_767


def cell(v: Any) -> Any:
    """A summary value as a cell can hold it: control characters shown as �, the text cut short
    with … past Excel's limit; other values as they are."""
    if not isinstance(v, str):
        return v
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    v = ILLEGAL_CHARACTERS_RE.sub("\ufffd", v)
    return v if len(v) <= _CELL_MAX else v[: _CELL_MAX - 1] + "…"


def _main_sheet(ws, rows: list[Row]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    head, data = summary_table(rows)
    ws.append(head)
    for line in data:
        ws.append([cell(v) for v in line])
    bold = Font(bold=True)
    red = PatternFill("solid", fgColor="F8CBAD")
    for c in ws[1]:
        c.font = bold
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = {0: 6, 1: 10, 2: 10, 3: 22, 4: 26, 5: 10, 6: 16, 7: 50, 8: 14, 9: 30, 10: 50, 11: 40, 12: 6, 13: 30, 14: 10}
    for j in range(len(head)):
        letter = ws.cell(row=1, column=j + 1).column_letter
        ws.column_dimensions[letter].width = widths.get(j, 16)
    status_col = head.index(t("状态", "Status")) + 1
    for i, r in enumerate(rows, start=2):
        for c in ws[i]:
            c.alignment = Alignment(vertical="top", wrap_text=True)
        if r.failed:
            ws.cell(row=i, column=status_col).fill = red
    ws.freeze_panes = "D2"
    ws.auto_filter.ref = ws.dimensions


def _about_sheet(wb, result: BatchResult) -> None:
    info = wb.create_sheet(t("说明", "about"))
    rows = result.rows
    counts = {s: sum(1 for r in rows if r.status == s) for s in STATUS_NAMES}
    lines = [
        [t("检查日期", "Checked as of"), result.as_of.isoformat() if result.as_of else ""],
        [t("申报人数", "Applicants"), len(rows)],
        *[[_status(s), n] for s, n in counts.items() if n],
        [
            t("身份证号", "ID numbers"),
            t(
                "身份证号列已隐去中间 10 位；附件按附件文件夹中的原名列出（以身份证号命名的文件夹含完整号码）",
                "masked in the ID column; attachments are named as filed under the attachments folder (a folder named by ID number shows it)",
            ),
        ],
    ]
    lines += [[t("注意", "Note"), cell(w)] for w in result.notices + result.warnings]
    lines += [[t("单位材料", "Unit documents"), d] for d in result.documents]
    lines.append([t("生成工具", "Made by"), f"titlecli {__version__}"])
    for line in lines:
        info.append(line)
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 80


def _technical_sheet(wb, rows: list[Row]) -> None:
    notes = [(r, x) for r in rows for x in r.technical]
    if not notes:
        return
    ws = wb.create_sheet(t("技术说明", "technical notes"))
    ws.append(
        [
            t("姓名", "Name"),
            t("卷宗文件", "Dossier file"),
            t("说明（打印、装订时参考，不影响申报）", "Note (for printing and binding; not a problem of the application)"),
        ]
    )
    for r, x in notes:
        ws.append([cell(r.name), cell(r.file or ""), cell(x)])
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 90


def summary_xlsx(result: BatchResult) -> bytes:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from ..workbook import workbook_bytes

    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook's one sheet
    ws.title = t("汇总表", "summary")
    _main_sheet(ws, result.rows)
    _about_sheet(wb, result)
    _technical_sheet(wb, result.rows)
    if result.unmatched:
        ws2 = wb.create_sheet(t("未匹配的附件", "unmatched attachments"))
        ws2.append([t("附件文件夹中没有对应申报人的文件夹或文件", "folders or files under --attachments that match no applicant")])
        for u in result.unmatched:
            ws2.append([cell(u)])
        ws2.column_dimensions["A"].width = 60
    stamp = result.as_of or date(2020, 1, 1)
    return workbook_bytes(wb, datetime(stamp.year, stamp.month, stamp.day))


# --------------------------------------------------------------------------- shards


def read_shard(folder: Path) -> tuple[dict, list[Row]]:
    """What a shard's output folder keeps for the merge, checked to be of this version."""
    p = Path(folder) / SHARD_FILE
    try:
        data = json.loads(p.read_text("utf-8"))
        if not isinstance(data, dict) or data.get("format") != REPORT_FORMAT:
            raise ValueError
        rows = [Row.from_json(x) for x in data["applicants"]]
        if data.get("publicity_table") is not None:
            from .unitdocs import Table

            Table.from_json(data["publicity_table"])  # its shape checked here, where a damaged record is named
    except FileNotFoundError:
        raise UserError(
            Problem(
                str(p),
                "--merge",
                t(
                    "这不是 titlecli batch --shard 的输出文件夹（其中没有分片记录）",
                    "not an output folder of titlecli batch --shard (no shard record in it)",
                ),
            )
        ) from None
    except (OSError, ValueError, KeyError, TypeError):
        raise UserError(
            Problem(
                str(p),
                "--merge",
                t(
                    "分片记录已损坏，或不是本版本 titlecli 写的：请用本版本重跑该分片",
                    "the shard record is damaged or from another version of titlecli: run that shard again",
                ),
            )
        ) from None
    return data, rows


# what shards of one run share, in the words of the message that names a difference
_SAME_RUN = {
    "roster_sha256": ("花名册内容", "roster's contents"),
    "as_of": ("检查日期（--as-of）", "check date (--as-of)"),
    "region": ("地区（--region）", "region (--region)"),
    "lang": ("语言（--lang）", "language (--lang)"),
    "titlecli": ("titlecli 版本", "titlecli version"),
}


def merge(folders: list[Path], outdir: Path) -> BatchResult:
    """One summary of the shards of one roster (`batch --shard K/N` into each folder): every
    shard present once, the same roster, date, region and language; rows in roster order."""
    shards = [(Path(f), *read_shard(f)) for f in folders]
    first = shards[0][1]
    problems = []
    seen: dict[str, Path] = {}
    for folder, data, _ in shards:
        for key, (zh, en) in _SAME_RUN.items():
            if data.get(key) != first.get(key):
                problems.append(
                    Problem(
                        str(folder),
                        "--merge",
                        t(
                            f"{zh}与 {shards[0][0]} 的不同：不是同一份花名册、同一条命令的分片",
                            f"the {en} differs from that of {shards[0][0]}: not shards of one roster and one command",
                        ),
                    )
                )
        shard = data.get("shard")
        if not isinstance(shard, str):
            problems.append(Problem(str(folder), "--merge", t("不是分片运行（--shard）的输出", "not the output of a --shard run")))
        elif shard in seen:
            problems.append(
                Problem(
                    str(folder), "--merge", t(f"分片 {shard} 已由 {seen[shard]} 给出", f"shard {shard} is already given by {seen[shard]}")
                )
            )
        else:
            seen[shard] = folder
    n = {s.split("/")[1] for s in seen}
    if len(n) == 1:
        total = int(next(iter(n)))
        lacking = [f"{k}/{total}" for k in range(1, total + 1) if f"{k}/{total}" not in seen]
        if lacking:
            problems.append(Problem(None, "--merge", t(f"缺少分片 {'、'.join(lacking)}", f"shard(s) {', '.join(lacking)} missing")))
    elif len(n) > 1:
        problems.append(Problem(None, "--merge", t("各分片的总数 N 不同", "the shards do not agree on N")))
    if problems:
        raise UserError(problems)
    pairs = sorted(
        ((r, table_row) for _, data, rs in shards for r, table_row in zip(rs, _table_rows(data, len(rs)), strict=True)),
        key=lambda x: (x[0].rows[0] if x[0].rows else 0, x[0].source, x[0].row),
    )
    rows = [r for r, _ in pairs]
    warnings: list[str] = []
    notices: list[str] = []
    unmatched: list[str] = []
    for _, data, _ in shards:
        said = list(data.get("notices") or [])
        notices += [w for w in said if w not in notices]
        warnings += [w for w in data.get("warnings", []) if w not in warnings and w not in said]
        unmatched = unmatched or list(data.get("unmatched_attachments", []))
    result = BatchResult(
        rows,
        unmatched,
        outdir,
        warnings,
        notices,
        roster=first.get("roster", ""),
        roster_sha=first.get("roster_sha256", ""),
        as_of=date.fromisoformat(first["as_of"]) if first.get("as_of") else None,
        region=first.get("region"),
    )
    _merged_table(result, shards, [tr for _, tr in pairs])
    return result


def _table_rows(data: dict, n: int) -> list[list[str] | None]:
    """A shard's rows of the 一览表, one per applicant (None for each when it wrote none)."""
    from .unitdocs import Table

    kept = data.get("publicity_table")
    if kept is None:
        return [None] * n
    rows: list[list[str] | None] = list(Table.from_json(kept).rows)
    return rows if len(rows) == n else [None] * n


def _merged_table(result: BatchResult, shards: list, rows: list[list[str] | None]) -> None:
    """The one 《公示情况一览表》 of the roster from the shards' parts: the same bytes as one run.
    The shard's note that it wrote none is dropped (the merge is where it is written)."""
    from .unitdocs import SHARD_NOTE, Table

    parts = [Table.from_json(data["publicity_table"]) for _, data, _ in shards if data.get("publicity_table") is not None]
    note = {t(*SHARD_NOTE)}
    result.warnings = [w for w in result.warnings if w not in note]
    if not parts:
        return
    if len(parts) < len(shards) or any((x.stated, x.start, x.as_of) != (parts[0].stated, parts[0].start, parts[0].as_of) for x in parts):
        raise UserError(
            Problem(
                None,
                "--merge",
                t(
                    "各分片的《公示情况一览表》设置不同（--unit-docs、--publicity-start）：请用同一条命令重跑各分片",
                    "the shards' publicity tables differ (--unit-docs, --publicity-start): run every shard with one command",
                ),
            )
        )
    table = Table([r for r in rows if r is not None], parts[0].stated, parts[0].start, parts[0].as_of)
    result.unit_files, warned = table.files()
    result.warnings += warned
    result.documents = [name for name, _ in result.unit_files]


__all__ = ["BatchResult", "STATUS_NAMES", "SUMMARY_FILES", "merge", "summary_table", "verdict_cell", "write_outputs"]
