"""A roster file as a table: the sheet a clerk means (of an .xlsx) or the records of a .csv, and
the row that is its header.  What a clerk should know about the choice of sheet becomes a note."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, UserError
from ..i18n import t
from .columns import header_column

Cells = list[Any]


@dataclass
class Table:
    header: Cells  # the header row's cells
    rows: list[tuple[int, Cells]]  # (row number, cells) of each row under the header with anything in it
    header_row: int
    notes: list[str] = field(default_factory=list)  # which sheets were not read, and why
    place: str = ""  # the file as problems name it, with the sheet read when the workbook has several


def read_table(path: Path) -> Table:
    """The roster sheet of an .xlsx or a .csv, as a table under its header row."""
    suffix = path.suffix.lower()
    notes: list[str] = []
    place = str(path)
    if suffix in (".xlsx", ".xlsm"):
        rows, sheet = _workbook_rows(path, notes)
        if sheet is not None:
            place = t(f"{path} 工作表“{sheet}”", f"{path}, sheet '{sheet}',")
    elif suffix in (".csv", ".txt"):
        rows = _csv_rows(path)
    elif suffix in (".xls", ".et", ".wps", ".ods"):
        raise UserError(
            Problem(
                str(path),
                "",
                t(
                    f"不能直接读取 {suffix} 文件：请在 Excel/WPS 中“另存为” .xlsx（Excel 工作簿）或 .csv 后再试",
                    f"cannot read {suffix} files: save the roster as .xlsx (Excel workbook) or .csv and try again",
                ),
            )
        )
    else:
        raise UserError(
            Problem(
                str(path),
                "",
                t("花名册应为 .xlsx、.csv 或存放档案文件的文件夹", "a roster must be an .xlsx, a .csv or a folder of profile files"),
            )
        )
    head = _header_row(place, rows)
    return Table(list(rows[head]), [(n, list(x)) for n, x in rows.items() if n > head and x], head, notes, place)


def _known(cells: Cells) -> int:
    return sum(1 for c in cells if c is not None and header_column(c) is not None)


def _header_row(place: str, rows: dict[int, Cells]) -> int:
    """The row of the first 10 naming the most known columns (a title line, or the upper row of
    a two-tier header such as 基本信息 / 学历信息, may be above it)."""
    known = [_known(rows.get(n, [])) for n in range(1, 11)]
    if max(known) > 0:
        return known.index(max(known)) + 1
    raise UserError(
        Problem(
            place,
            "",
            t(
                "找不到表头行：前 10 行中没有 姓名、身份证号 等列名（可用 titlecli batch --template 生成模板）",
                "no header row: none of the first 10 rows names a known column such as 姓名 or 身份证号 (see titlecli batch --template)",
            ),
        )
    )


# --------------------------------------------------------------------------- .xlsx


def _workbook_rows(path: Path, notes: list[str]) -> tuple[dict[int, Cells], str | None]:
    """The rows of the roster sheet, and its name when the workbook has other sheets (a problem
    names it then: the clerk may be looking at another one)."""
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, data_only=True)  # not read_only: that mode does not see merged cells
    except FileNotFoundError:
        raise UserError(Problem(str(path), "", t("花名册文件不存在", "roster file not found"))) from None
    except Exception as e:  # zipfile.BadZipFile, KeyError, InvalidFileException
        raise UserError(
            Problem(
                str(path),
                "",
                t(
                    f"无法作为 Excel 工作簿打开（{type(e).__name__}）；请用 Excel 另存为 .xlsx",
                    f"cannot be opened as an Excel workbook ({type(e).__name__}); save it as .xlsx",
                ),
            )
        ) from None
    try:
        sheet = _roster_sheet(wb, notes)
        ws = wb[sheet]
        rows = _sheet_rows(ws)
        _fill_merged(rows, [(m.min_row, m.max_row, m.min_col) for m in ws.merged_cells.ranges if m.min_col == m.max_col])
    finally:
        wb.close()
    return rows, sheet if len(wb.sheetnames) > 1 else None


# The template's own sheets besides the roster (titlecli.roster.template): its instructions and
# the hidden lists of its drop-downs, whose first row names columns too.
TEMPLATE_SHEETS = ("填写说明", "选项", "instructions", "choices")


def _roster_sheet(wb, notes: list[str]) -> str:
    """The sheet holding the roster: 花名册 by name, else the first visible one that looks like a
    roster.  A hidden sheet is not what the clerk sees (often last year's roster, hidden, not
    deleted): it is never read, and said so."""
    visible = [n for n in wb.sheetnames if wb[n].sheet_state == "visible"] or wb.sheetnames
    names = [n for n in visible if n not in TEMPLATE_SHEETS] or visible
    hidden = [n for n in wb.sheetnames if n not in visible and n not in TEMPLATE_SHEETS and _looks_like_roster(wb[n])]
    if hidden:
        notes.append(
            t(
                f"隐藏的工作表“{'”“'.join(hidden)}”未读取（只读取看得见的工作表）",
                f"hidden sheet(s) '{', '.join(hidden)}' were not read (only visible sheets are)",
            )
        )
    likely = [n for n in names if _looks_like_roster(wb[n])]
    pick = next((n for n in names if n in ("花名册", "roster")), None) or (likely or names)[0]
    others = [n for n in likely if n != pick]
    if others:
        notes.append(
            t(
                f"只读取了工作表“{pick}”；工作表“{'”“'.join(others)}”也像花名册，未读取：请把所有申报人放在一个工作表中",
                f"only sheet '{pick}' was read; sheet(s) '{', '.join(others)}' look like rosters too and were not read: put everyone on one sheet",
            )
        )
    return pick


def _looks_like_roster(ws) -> bool:
    """Two known column names in one of the first 10 rows."""
    return any(_known(list(r)) >= 2 for r in ws.iter_rows(max_row=10, values_only=True))


def _sheet_rows(ws) -> dict[int, Cells]:
    """Row number -> cells, for the rows that hold something, each as long as its last value.
    iter_rows would make the full rectangle up to the farthest cell: one stray cell at
    XFD1048576 made it 1,048,576 × 16,384 values (7 GB)."""
    by_row: dict[int, dict[int, Any]] = {}
    for (r, c), cell in ws._cells.items():  # the cells that exist, as titlecli.workbook.as_text reads them
        if cell.value is not None:
            by_row.setdefault(r, {})[c] = cell.value
    return {r: [got.get(c) for c in range(1, max(got) + 1)] for r, got in sorted(by_row.items())}


def _fill_merged(rows: dict[int, Cells], merged: list[tuple[int, int, int]]) -> None:
    """A cell merged down a column (单位 over the colleagues of one employer, 姓名 over a person's
    rows) counts for every row it covers that has anything of its own; a blank separator row
    under the merge stays blank.  Merges across columns (a title line) are left alone.
    `rows`: row number -> cells, for the rows that have any."""
    import bisect

    numbers = sorted(n for n, r in rows.items() if any(not (v is None or (isinstance(v, str) and not v.strip())) for v in r))
    for top, bottom, col in merged:
        cells = rows.get(top, [])
        if col - 1 >= len(cells):
            continue
        value = cells[col - 1]
        for n in numbers[bisect.bisect_right(numbers, top) : bisect.bisect_right(numbers, bottom)]:
            r = rows[n]
            while len(r) < col:
                r.append(None)
            r[col - 1] = value


# --------------------------------------------------------------------------- .csv


def _csv_text(path: Path) -> str:
    from ..datafile import read_limited

    raw = read_limited(path, t("花名册", "roster"), 64 * 1024 * 1024)
    encodings = ("utf-16",) if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else ()  # Excel's "Unicode 文本"
    for enc in encodings + ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK (gb18030 is its superset)
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise UserError(Problem(str(path), "", t("无法识别文件编码（应为 UTF-8 或 GBK）", "unknown text encoding (expected UTF-8 or GBK)")))


def _csv_rows(path: Path) -> dict[int, Cells]:
    text = _csv_text(path)
    first = text.split("\n", 1)[0]
    delim = max(",\t;，", key=first.count) if first else ","
    if delim == "，":
        delim = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    rows: dict[int, Cells] = {}
    last = 0  # the line the last whole record ended on
    try:
        for n, rec in enumerate(reader, start=1):
            rows[n] = list(rec)
            last = reader.line_num
    except csv.Error:  # a cell past csv's 128 KB limit: almost always a quote never closed
        raise UserError(
            Problem(
                str(path),
                t(f"从第{last + 1}行起", f"from line {last + 1}"),
                t(
                    '单元格过长（超过 128 KB）：多半是某个单元格的引号 " 没有闭合，其后的内容都被读成了这一格',
                    'a cell is longer than 128 KB: most likely a quote (") was never closed and everything after it was read as that cell',
                ),
            )
        ) from None
    return rows
