"""Rosters (花名册) for `titlecli batch`: an .xlsx workbook, a .csv file or a folder of profiles.

A roster row is one applicant, its columns the contract's profile keys (Chinese headers or the
English key paths of contract §1).  Several rows may describe one person: a row whose 身份证号
is empty (or repeats the ID of the rows just above it) continues that person, and each row adds
at most one entry to each history list (学历, 工作经历, 职称, 技能, 论文, 业绩, 奖项, 证书).  The
same ID number anywhere else in the roster is a duplicate and an error naming both rows.

Every applicant becomes a profile validated exactly like a profile file
(`titlecli.profile.validate_profile`); its problems are reported with the roster file, the row
and the column.

The parts: `columns` (what each column holds and its header), `cells` (one cell by the kind of
its column), `table` (the sheet of a workbook or the records of a CSV, under its header row),
`read` (rows into applicants, continuation rows, duplicates), `folder` (a folder of profile
files), `complete` (the profile of each applicant, problems placed at row and column),
`template` (the empty roster `batch --template` writes).
"""

from __future__ import annotations

from .applicants import Applicant, Roster, inputs_of, where
from .cells import CellError, parse_cell, parse_cell_date
from .columns import COLUMNS, Column
from .complete import finish
from .read import read_roster
from .table import read_table

__all__ = [
    "COLUMNS",
    "Applicant",
    "CellError",
    "Column",
    "Roster",
    "finish",
    "inputs_of",
    "parse_cell",
    "parse_cell_date",
    "read_roster",
    "read_table",
    "where",
]
