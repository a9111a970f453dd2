"""Workbooks titlecli writes (the roster template, the 汇总表, the 公示情况一览表): every string a
text cell, and bytes that depend only on the content."""

from __future__ import annotations

import io
from datetime import datetime

# What a spreadsheet reads as the start of a formula (or of a DDE call) when a cell is typed in.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def as_text(wb) -> None:
    """Every cell of every sheet holds its text as text: a name or unit written `=HYPERLINK(…)`
    or `+cmd|' /C calc'!A0` is shown as typed, never evaluated (openpyxl stores any string that
    starts with "=" as a formula).  Such cells also get Excel's quote prefix, so editing the cell
    and pressing Enter does not turn it into a formula either.  titlecli writes no formulas."""
    for ws in wb.worksheets:
        for cell in ws._cells.values():  # the cells that exist; iter_rows would create the rest
            v = cell.value
            if isinstance(v, str):
                cell.data_type = "s"
                if v.startswith(FORMULA_START):
                    cell.quotePrefix = True


def workbook_bytes(wb, stamp: datetime | None = None) -> bytes:
    """The workbook as .xlsx bytes that depend only on its content: the document properties
    and every zip entry carry `stamp`, not the time of saving."""
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    as_text(wb)
    stamp = stamp or datetime(2020, 1, 1)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "titlecli"
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    return fixed_zip(raw.getvalue(), stamp)


def fixed_zip(data: bytes, stamp: datetime) -> bytes:
    """The same entries of an Office file (.xlsx, .docx) with `stamp` as their time and fixed
    permissions: the same content gives the same bytes."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()
