"""A roster's rows into applicants.

A roster row is one applicant, its columns the contract's profile keys (Chinese headers or the
English key paths of contract §1).  Several rows may describe one person: a row whose 身份证号
is empty (or repeats the ID of the rows just above it) continues that person, and each row adds
at most one entry to each history list.  The same ID number anywhere else in the roster is a
duplicate and an error naming both rows.  A cell that cannot be read is a problem of its
applicant, named by row and column; the other applicants are read on.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, UserError
from ..i18n import lang, t
from .applicants import Applicant, Header, IdentityCheck, Origin, Roster, where
from .cells import CellError, parse_cell, split_study_form
from .columns import (
    COLUMNS,
    DERIVED_HEADERS,
    EXAMPLE_ID,
    EXAMPLE_MARKS,
    HEADERS,
    IGNORED_HEADERS,
    LIST_SECTIONS,
    YEAR_MAPS,
    Column,
    col_letter,
    column,
    header_column,
    norm_header,
)
from .table import Table, read_table


def read_roster(path: str | Path) -> Roster:
    """Read a roster; UserError (exit 2) when the roster as a whole is unusable."""
    path = Path(path)
    if path.is_dir():
        from .folder import read_folder

        return read_folder(path)
    table = read_table(path)
    table.header = [re.sub(r"\s*[\r\n]+\s*", "", h) if isinstance(h, str) else h for h in table.header]  # quoted on one line in messages
    layout = _map_headers(table)
    reader = _RowReader(table.place, layout)
    for rowno, cells in table.rows:
        reader.read(rowno, cells)
    applicants = reader.finished()
    warnings = table.notes + (
        [t("以下列不是档案内容，已跳过：", "columns skipped (not part of a profile): ") + t("、", ", ").join(layout.skipped)]
        if layout.skipped
        else []
    )
    return Roster(path, path.suffix.lower().lstrip("."), applicants, warnings)


# --------------------------------------------------------------------------- the header


@dataclass
class Layout:
    """The roster's columns by index (0 = A), with their headers as written."""

    columns: dict[int, Column]
    headers: dict[int, Header]
    skipped: list[str]  # headers read past (部门, 工号), with their letters

    def index_of(self, key: str) -> int | None:
        return next((i for i, c in self.columns.items() if c.key == key), None)


def _map_headers(table: Table) -> Layout:
    """Columns by index, and what was skipped.  An unknown header close to a known one is an
    error (a misspelt 毕业时间 must not silently drop everyone's graduation); one unlike any
    (部门, 工号) is skipped and said so."""
    problems = []
    skipped: list[str] = []
    cols: dict[int, Column] = {}
    seen: dict[str, int] = {}
    where_ = t(f"第{table.header_row}行", f"row {table.header_row}")
    for i, h in enumerate(table.header):
        n = norm_header(h)
        if not n or n in IGNORED_HEADERS:
            continue
        if n in DERIVED_HEADERS:
            cols[i] = Column(f"__{DERIVED_HEADERS[n]}", str(h).strip(), "text")
            continue
        c = header_column(h)
        if c is None:
            problem = _unknown_header(table.place, where_, i, h, n)
            if problem is not None:
                problems.append(problem)
            else:
                skipped.append(f"{str(h).strip()}（{col_letter(i)}列）" if lang() == "zh" else f"{str(h).strip()} ({col_letter(i)})")
            continue
        if c.key in seen:
            problems.append(
                Problem(
                    table.place,
                    t(f"{where_} {col_letter(i)}列", f"{where_}, column {col_letter(i)}"),
                    t(f"列 {str(h)!r} 与 {col_letter(seen[c.key])} 列重复", f"column {str(h)!r} repeats column {col_letter(seen[c.key])}"),
                )
            )
            continue
        seen[c.key] = i
        cols[i] = c
    for need in ("name", "id_number"):
        if need not in seen:
            zh = column(need).zh
            problems.append(Problem(table.place, t("表头", "header"), t(f"缺少必需的列 {zh}", f"required column {zh} ({need}) is missing")))
    if problems:
        raise UserError(problems)
    headers = {i: Header(str(table.header[i]).strip(), col_letter(i)) for i in cols}
    return Layout(dict(sorted(cols.items())), headers, skipped)


_KNOWN = sorted({norm_header(x) for c in COLUMNS for x in (c.zh, *c.aliases)} | {c.key for c in COLUMNS})


def _unknown_header(place: str, where_: str, i: int, h: Any, n: str) -> Problem | None:
    """The problem of a header close to a known one (毕业时问), or None for one unlike any."""
    close = difflib.get_close_matches(n, _KNOWN, n=1, cutoff=0.6)
    if not close:
        return None
    name = HEADERS[close[0]].zh
    return Problem(
        place,
        t(f"{where_} {col_letter(i)}列", f"{where_}, column {col_letter(i)}"),
        t(
            f"未知的列名 {str(h)!r}（是否为 {name}？）；可用的列见 titlecli batch --template 生成的填写说明",
            f"unknown column {str(h)!r} (did you mean {name}?); the template's instructions list the columns",
        ),
    )


# --------------------------------------------------------------------------- one row


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


@dataclass
class Cell:
    value: Any
    header: Header


@dataclass
class Row:
    """What one row says: each column's value by key path, and the cells it could not read."""

    number: int
    cells: dict[str, Cell] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # key paths: not "missing" as well

    def value(self, key: str) -> Any:
        cell = self.cells.get(key)
        return cell.value if cell is not None else None


class _RowReader:
    """Rows in order into applicants: a row with a new ID number starts a person, a row with
    none (or the same one) continues the person above."""

    def __init__(self, src: str, layout: Layout) -> None:
        self.src = src
        self.layout = layout
        self.applicants: list[Applicant] = []
        self.by_id: dict[str, Applicant] = {}
        self.duplicates: list[Problem] = []
        self.current: Applicant | None = None

    def read(self, rowno: int, cells: list[Any]) -> None:
        values = {i: cells[i] for i in self.layout.columns if i < len(cells) and not _blank(cells[i])}
        if not values or self._is_example(cells, values):
            return
        row = self._parse(rowno, values)
        person = self._person(row)
        self.current = person
        if person is None:
            return
        person.rows.append(rowno)
        person.problems += row.problems
        for k in row.unreadable:
            sec, _, rest = k.partition(".")
            person.bad_paths.add(f"{sec}[{len(person.data.get(sec, []))}].{rest}" if sec in LIST_SECTIONS else k)
        _add_row(person, row)

    def _is_example(self, cells: list[Any], values: dict[int, Any]) -> bool:
        """The template's example row, marked 示例 in 序号 (a colleague typed over it is read)."""
        first = cells[0] if cells else None
        if first is None or str(first).strip().lower() not in EXAMPLE_MARKS or 0 in self.layout.columns:
            return False
        id_col = self.layout.index_of("id_number")
        try:
            written = parse_cell(self.layout.columns[id_col], values.get(id_col)) if id_col is not None else None
        except CellError:
            written = "?"
        return written in (None, EXAMPLE_ID)

    def _parse(self, rowno: int, values: dict[int, Any]) -> Row:
        row = Row(rowno)
        for i, v in values.items():
            c, hdr = self.layout.columns[i], self.layout.headers[i]
            try:
                pv = parse_cell(c, v)
            except CellError as e:
                row.problems.append(Problem(self.src, where(rowno, *hdr), str(e)))
                row.unreadable.append(c.key)
                continue
            if pv is not None or c.key == "work.end":
                row.cells[c.key] = Cell(pv, hdr)
            if c.key == "education.level" and isinstance(v, str) and pv is not None:
                self._study_form(row, v, hdr, values)
        return row

    def _study_form(self, row: Row, written: str, hdr: Header, values: dict[int, Any]) -> None:
        """学历 全日制本科 fills an empty 全日制, and must agree with a filled one."""
        form = split_study_form(written)[1]
        if form is None:
            return
        given = row.value("education.full_time")
        ft_col = self.layout.index_of("education.full_time")
        if given is None and ft_col is not None and ft_col in values:
            try:
                given = parse_cell(self.layout.columns[ft_col], values[ft_col])
            except CellError:
                given = None
        if given is None:
            row.cells["education.full_time"] = Cell(form, hdr)
        elif given != form:
            row.problems.append(
                Problem(
                    self.src,
                    where(row.number, *hdr),
                    t(
                        f"学历 {written.strip()!r} 说明{'是' if form else '不是'}全日制，与 全日制 列的“{'是' if given else '否'}”不符",
                        f"{written.strip()!r} says {'full-time' if form else 'not full-time'}, but the full-time column says {'yes' if given else 'no'}",
                    ),
                )
            )

    def _person(self, row: Row) -> Applicant | None:
        """The applicant a row belongs to: the one above (a continuation row), or a new one;
        None for a duplicate of someone further up."""
        idn, name, cur = row.value("id_number"), row.value("name"), self.current
        if "id_number" in row.unreadable:
            cur = None  # an unreadable ID number is not a continuation row: a person of its own
        if idn is None and cur is not None and (name is None or name == cur.name):
            return cur  # a continuation row
        if idn is not None and cur is not None and idn == cur.key:
            if name is not None and name != cur.name:
                self.duplicates.append(
                    Problem(
                        self.src,
                        where(row.number, "姓名"),
                        t(
                            f"与第{cur.rows[0]}行身份证号相同，但姓名不同（{name} / {cur.name}）",
                            f"same ID number as row {cur.rows[0]} but a different name ({name} / {cur.name})",
                        ),
                    )
                )
            return cur
        if idn is not None and idn in self.by_id:
            self._duplicate(row.number, idn)
            return None
        return self._new_person(row, idn, name)

    def _duplicate(self, rowno: int, idn: str) -> None:
        from ..model import mask_id

        other = self.by_id[idn]
        self.duplicates.append(
            Problem(
                self.src,
                t(f"第{rowno}行 身份证号", f"row {rowno}, ID number"),
                t(
                    f"身份证号 {mask_id(idn)} 重复：已出现在第{other.rows[0]}行（{other.name}）；同一人的续行须紧接在其下方",
                    f"duplicate ID number {mask_id(idn)}: already on row {other.rows[0]} ({other.name}); a person's continuation rows must follow directly",
                ),
            )
        )

    def _new_person(self, row: Row, idn: str | None, name: str | None) -> Applicant:
        key = idn if idn is not None else t(f"第{row.number}行", f"row {row.number}")
        person = Applicant(self.src, "", [], key, name or "")
        self.applicants.append(person)
        if idn is not None:
            self.by_id[idn] = person
        elif "id_number" not in row.unreadable:
            row.problems.append(
                Problem(
                    self.src,
                    where(row.number, "身份证号"),
                    t(
                        "身份证号为空（续行须紧接在同一人的行下方）",
                        "the ID number is empty (continuation rows must follow the person's rows)",
                    ),
                )
            )
        return person

    def finished(self) -> list[Applicant]:
        if self.duplicates:
            raise UserError(self.duplicates)
        for a in self.applicants:
            a.label = (
                t(f"第{a.rows[0]}行", f"row {a.rows[0]}")
                if len(a.rows) == 1
                else t(f"第{a.rows[0]}–{a.rows[-1]}行", f"rows {a.rows[0]}–{a.rows[-1]}")
            )
        if not self.applicants:
            raise UserError(
                Problem(
                    self.src, "", t("花名册中没有申报人（表头下方没有数据行）", "the roster has no applicants (no rows under the header)")
                )
            )
        return self.applicants


# --------------------------------------------------------------------------- into the profile data


def _add_row(person: Applicant, row: Row) -> None:
    """A row's values into the person's profile data: personal columns once (a continuation row
    that says otherwise is a problem), one entry per history list, years added to the maps."""
    items: dict[str, dict[str, Any]] = {}
    for k, cell in row.cells.items():
        section, _, rest = k.partition(".")
        if k.startswith("__"):
            person.checks.append(IdentityCheck(k[2:], cell.value, row.number, cell.header))  # type: ignore[arg-type]
        elif section in LIST_SECTIONS:
            items.setdefault(section, {})[rest] = cell
        elif k in YEAR_MAPS:
            _add_years(person, section, cell, row.number)
        else:
            _add_personal(person, k.split("."), cell, row.number)
    if "name" in person.data and not person.name:
        person.name = person.data["name"]
    for section, cells in items.items():
        _add_entry(person, section, cells, row.number)


def _add_years(person: Applicant, section: str, cell: Cell, rowno: int) -> None:
    block = person.data.setdefault(section, {})
    for y, g in cell.value.items():
        block[y] = g
        person.origin[(section, y)] = Origin(rowno, cell.header)
    person.origin.setdefault((section,), Origin(rowno, cell.header))


def _add_personal(person: Applicant, parts: list[str], cell: Cell, rowno: int) -> None:
    old = _get(person.data, parts)
    if old is not None and old != cell.value:
        first = person.origin[tuple(parts)].row
        person.problems.append(
            Problem(
                person.source,
                where(rowno, *cell.header),
                t(
                    f"与第{first}行的值不一致（{old} / {cell.value}）；同一人的续行只填历史列或留空",
                    f"differs from row {first} ({old} / {cell.value}); a continuation row fills only the history columns",
                ),
            )
        )
        return
    _set(person.data, parts, cell.value)
    person.origin.setdefault(tuple(parts), Origin(rowno, cell.header))


def _add_entry(person: Applicant, section: str, cells: dict[str, Cell], rowno: int) -> None:
    """One entry of a history list (学历, 工作经历 …) from the row's columns of that list."""
    item: dict[str, Any] = {}
    for rest, cell in cells.items():
        if cell.value is not None:
            _set(item, rest.split("."), cell.value)
    if not item:
        return  # only 工作结束时间 = 至今
    entries = person.data.setdefault(section, [])
    idx = len(entries)
    entries.append(item)
    person.origin[(section, idx)] = Origin(rowno, None)
    for rest, cell in cells.items():
        person.origin[(section, idx) + tuple(rest.split("."))] = Origin(rowno, cell.header)


def _set(d: dict, parts: list[str], value: Any) -> None:
    for p in parts[:-1]:
        d = d.setdefault(p, {})
    d[parts[-1]] = value


def _get(d: dict, parts: list[str]) -> Any:
    for p in parts:
        if not isinstance(d, dict) or p not in d:
            return None
        d = d[p]
    return d
