"""A roster filled in from an older template keeps reading: every header titlecli has taken
stays taken, into the same field.  The headers now come partly from the vocabulary and the
interview's labels (titlecli.roster.columns), so renaming a word there would otherwise rename a
roster column silently, and an HR office's filled-in roster of last year would be refused."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from titlecli.roster import read_roster
from titlecli.roster.columns import header_column

FROZEN = Path(__file__).parent / "data" / "roster-headers.tsv"


def _frozen() -> list[tuple[str, str]]:
    rows = []
    for line in FROZEN.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            header, key = line.split("\t")
            rows.append((header, key))
    return rows


def test_every_header_a_roster_could_use_is_still_read_into_the_same_field():
    moved = []
    for header, key in _frozen():
        col = header_column(header)
        if col is None or col.key != key:
            now = "nothing" if col is None else col.key
            moved.append(f"{header}: was {key}, now {now}")
    assert not moved, (
        "roster headers no longer read as before (keep the old header as an alias in TABLE of "
        "titlecli/roster/columns.py):\n" + "\n".join(moved)
    )


@pytest.mark.parametrize("header,key", [("手机号码", "phone"), ("所在单位", "employer.name")])
def test_a_roster_with_an_alias_header_reads_the_value(tmp_path, header, key):
    """Two aliases, end to end: the roster's cell reaches the profile (the header table alone
    could agree while the reader ignored it)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "地区", header])
    value = "13912345678" if key == "phone" else "盐城市某机械有限公司"
    ws.append(["张伟", "14040219800101321X", "江苏盐城", value])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    data = read_roster(path).applicants[0].data
    part, _, field = key.partition(".")
    assert (data[part][field] if field else data[part]) == value


def test_series_applied_for_written_with_its_bracket_is_not_read_as_a_title_held(tmp_path):
    """职称系列（申报） is the series applied for; the bracket is not a hint to drop (it used to be
    dropped, and the cell was read as the series of a title the person holds)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "地区", "职称系列（申报）"])
    ws.append(["张伟", "14040219800101321X", "江苏盐城", "工程"])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    data = read_roster(path).applicants[0].data
    assert data["application"]["series"] == "engineering"
    assert not data.get("titles")
