"""One roster cell into its profile value, by the kind of its column; `CellError` says in the
user's language what is wrong with the cell (the caller adds the file, row and column)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from .. import terms
from ..dates import typed_date
from ..i18n import t
from .columns import EMPTY_MARKS, FULL_TIME, Column


class CellError(ValueError):
    pass


def parse_cell(col: Column, v: Any) -> Any:
    """The profile value of one cell, or None for an empty cell; CellError says what is wrong."""
    v = _cleaned(col, v)
    if v is None:
        return None
    if isinstance(v, (datetime, date)) and col.kind not in ("date", "id", "text"):
        raise CellError(t(f"这里不应是日期：{v}", f"a date is not expected here: {v}"))
    return _BY_KIND[col.kind](col, v)


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _cleaned(col: Column, v: Any) -> Any:
    """The cell as typed, with the width and spacing of a Chinese keyboard undone; None for a
    cell that says nothing (empty, "/", "无")."""
    if _blank(v):
        return None
    if isinstance(v, str) and col.kind not in ("text", "id"):
        v = unicodedata.normalize("NFKC", v).strip()  # ２０１５－０７－０１, full-width digits and signs
        if col.kind in ("enum", "bool") and re.search(r"[\u4e00-\u9fff]", v):
            v = re.sub(r"\s+", "", v)  # 本 科, spaced for alignment
    if isinstance(v, str) and v.strip().lower() in EMPTY_MARKS and _lookup(col.choices, v) is None:
        return None  # "/" or "无" written in a cell that has nothing to say
    if isinstance(v, float) and not math.isfinite(v):  # a number cell read as inf or nan
        raise CellError(t(f"不是有限的数：{v!r}", f"not a finite number: {v!r}"))
    return v


def _lookup(choices: terms.Vocabulary | None, raw: str) -> str | None:
    return choices.lookup(raw) if choices is not None else None


def _written(v: Any) -> str:
    """A cell as the text it shows (a whole number stored as 2.0 shows 2)."""
    if isinstance(v, float) and v == int(v):
        v = int(v)
    return str(v).strip()


# --------------------------------------------------------------------------- dates

# A date cell formatted as 常规 (General) shows Excel's day number: 42186 is 2015-07-01.  Numbers
# of five digits from 1954 to 2100 are read so; nothing else in a date column looks like one.
_EXCEL_SERIALS = (20000, 73415)  # 1954-10-03 .. 2100-12-31
# HR systems export "still employed / no end" as 9999-12-31; any other date outside these years
# is a slip (a serial number of the wrong cell, a typo in the year).
ONGOING = date(9999, 12, 31)
_PLAUSIBLE_YEARS = (1900, 2100)


def _excel_serial(n: int) -> date:
    return date(1899, 12, 30) + timedelta(days=n)


def parse_cell_date(v: Any) -> date | None:
    d = _cell_date(v)
    if d is not None and d != ONGOING and not _PLAUSIBLE_YEARS[0] <= d.year <= _PLAUSIBLE_YEARS[1]:
        raise CellError(
            t(
                f"日期 {d} 不合理（应在 {_PLAUSIBLE_YEARS[0]} 至 {_PLAUSIBLE_YEARS[1]} 年之间；“至今”可写 至今 或留空）",
                f"date {d} is not plausible (expected {_PLAUSIBLE_YEARS[0]} to {_PLAUSIBLE_YEARS[1]}; leave it empty or write 至今 for ongoing)",
            )
        )
    return d


def _cell_date(v: Any) -> date | None:
    if v is None or v == "":
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if len(str(int(v))) != 8:
            return _number_date(v)
        v = str(int(v))  # 20140701
    s = str(v).strip()
    if s in ("至今", "今", "现在", "now", "present"):
        return None
    if re.fullmatch(r"\d{5}(\.0+)?", s) and _EXCEL_SERIALS[0] <= int(float(s)) <= _EXCEL_SERIALS[1]:
        return _excel_serial(int(float(s)))
    # HR rosters often keep a year and a month (参加工作时间 2014.07): the 1st of that month
    d = typed_date(s, month=True)
    if d is not None:
        return d
    raise CellError(
        t(f"不是有效的日期：{s!r}（应为 YYYY-MM-DD，如 2014-07-01）", f"not a valid date: {s!r} (expected YYYY-MM-DD, e.g. 2014-07-01)")
    )


def _number_date(v: float) -> date:
    """A number cell in a date column: Excel's day number, or a mistake."""
    iv = int(v)
    if v == iv and _EXCEL_SERIALS[0] <= iv <= _EXCEL_SERIALS[1]:
        return _excel_serial(iv)
    if v == iv and 10000 <= iv <= 99999:
        raise CellError(
            t(
                f"不是日期：{iv}（若是 Excel 的日期序号，它是 {_excel_serial(iv)}，不合理；请把单元格设为日期格式并核对）",
                f"not a date: {iv} (as an Excel day number it would be {_excel_serial(iv)}, which is not plausible; format the cell as a date and check it)",
            )
        )
    raise CellError(t(f"不是日期：{v!r}（应为 YYYY-MM-DD）", f"not a date: {v!r} (expected YYYY-MM-DD)"))


def _date(col: Column, v: Any) -> date | None:
    d = parse_cell_date(v)
    return None if d == ONGOING and col.key == "work.end" else d  # 9999-12-31: still there, as 至今


# --------------------------------------------------------------------------- identity and text


def _id(col: Column, v: Any) -> str:
    if isinstance(v, float) or (isinstance(v, str) and re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", v.strip())):
        raise CellError(
            t(
                "身份证号被存成了数字（科学计数法），末尾几位已丢失：请把该列设为文本格式后重新填写",
                "the ID number was stored as a number (scientific notation) and lost its last digits: format the column as text and type it again",
            )
        )
    s = unicodedata.normalize("NFKC", str(v)).strip()
    s = re.sub(r'^="?|"$', "", s).lstrip("'").replace(" ", "")  # ="1404…" and '1404… keep Excel from rounding
    return s.upper()


def _text(col: Column, v: Any) -> str:
    s = _written(v)
    if col.key == "name" and re.fullmatch(r"[\u3400-\u9fff·\s]+", s):
        s = re.sub(r"\s+", "", s)  # 张  伟, padded for alignment, is 张伟
    return s


# --------------------------------------------------------------------------- numbers


def _int(col: Column, v: Any) -> int:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if float(v) != int(v):
            raise CellError(t(f"应为整数：{v!r}", f"expected a whole number: {v!r}"))
        return int(v)
    s = str(v).strip().rstrip("字").replace(",", "")
    try:
        return int(s)
    except ValueError:
        raise CellError(t(f"应为整数：{v!r}", f"expected a whole number: {v!r}")) from None


def _percent(col: Column, v: Any) -> float:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        f = float(v)
    else:
        s = str(v).strip()
        try:
            f = float(s.rstrip("%％"))
        except ValueError:
            raise CellError(t(f"应为百分数：{v!r}（如 12%）", f"expected a percentage: {v!r} (e.g. 12%)")) from None
        if s.endswith(("%", "％")):
            f /= 100
    return f / 100 if f > 1 else f


# --------------------------------------------------------------------------- words of a vocabulary


def _bool(col: Column, v: Any) -> bool:
    s = _written(v)
    r = _lookup(col.choices, s)
    if r is None:
        raise CellError(t(f"应为 是 或 否：{s!r}", f"expected yes or no: {s!r}"))
    return r == "true"


def _enum(col: Column, v: Any) -> str:
    assert col.choices is not None
    s = _written(v)
    r = _lookup(col.choices, s) or _lookup_loose(col, s)
    if r is None:
        raise CellError(col.choices.unknown_message(s))
    return r


def _lookup_loose(col: Column, s: str) -> str | None:
    """学历 written with its study form: 全日制本科, 本科（函授）."""
    if col.choices is terms.EDUCATION_LEVELS:
        return _lookup(col.choices, split_study_form(s.removesuffix("学历"))[0])
    return None


# 学历 written with its study form (全日制本科, 自考大专, 本科（函授）): the form is read off and the
# rest is the level; the form fills 全日制 when that cell is empty.
STUDY_FORMS = tuple(
    sorted(
        (
            (w, x.key == "true")
            for x in FULL_TIME.terms.values()
            for w in x.aliases
            if re.search(r"[\u4e00-\u9fff]", w) and w not in terms.YES_NO.terms[x.key].aliases
        ),
        key=lambda x: -len(x[0]),
    )
)


def split_study_form(raw: str) -> tuple[str, bool | None]:
    """'全日制本科' -> ('本科', True); '本科' -> ('本科', None)."""
    s = re.sub(r"[\s（）()]", "", unicodedata.normalize("NFKC", raw))
    for word, full_time in STUDY_FORMS:
        if s.startswith(word) and len(s) > len(word):
            return s[len(word) :], full_time
        if s.endswith(word) and len(s) > len(word):
            return s[: -len(word)], full_time
    return s, None


def _series(col: Column, v: Any) -> str:
    """A series typed in Chinese (工程, 工程系列, 会计) or as its id; an id the vocabulary does not
    know stays as written (a user's region may define its own series), an unknown Chinese word
    is an error naming the closest series."""
    s = _written(v)
    key = terms.SERIES.lookup(s)
    if key is not None:
        return key
    if re.fullmatch(r"[a-z][a-z0-9_]*", s):
        return s
    raise CellError(terms.SERIES.unknown_message(s))


def _region(col: Column, v: Any) -> str:
    """A region typed as people name it (江苏盐城, 盐城, 盐城市) or by id or file: the region's id
    (a path stays a path)."""
    from .. import regions

    s = _written(v)
    if regions.looks_like_path(s):
        return s
    try:
        return regions.vocabulary().parse(s)
    except terms.UnknownTerm as e:
        raise CellError(str(e)) from None


# --------------------------------------------------------------------------- by year


def _year(s: str) -> int:
    try:
        y = int(float(s))
    except ValueError:
        raise CellError(t(f"年份无效：{s!r}", f"not a year: {s!r}")) from None
    return y


def _pairs(raw: str) -> list[tuple[str, str]]:
    out = []
    for part in re.split(r"[,，;；、\n]+", raw):
        part = part.strip()
        if not part:
            continue
        m = re.match(r"^(\d{4})\s*年?\s*[:：=\s]\s*(.+)$", part)
        if not m:
            raise CellError(
                t(f"无法识别 {part!r}，应为 年份:值（如 2021:合格）", f"cannot read {part!r}; expected year:value (e.g. 2021:qualified)")
            )
        out.append((m.group(1), m.group(2).strip()))
    return out


def _grades(col: Column, v: Any) -> dict[int, str]:
    """年度考核 2020:合格,2021:优秀."""
    grades = col.choices
    assert grades is not None  # a map of a model Literal by year: its vocabulary (columns._kind_of)
    out: dict[int, str] = {}
    for y, g in _pairs(_written(v)):
        r = grades.lookup(g)
        if r is None:
            raise CellError(t(f"{y} 年：", f"{y}: ") + grades.unknown_message(g))
        out[_year(y)] = r
    return out


def _hours(col: Column, v: Any) -> dict[int, dict[str, float]]:
    """继续教育学时 2021:72/24 (total/public[/professional])."""
    out: dict[int, dict[str, float]] = {}
    for y, h in _pairs(_written(v)):
        nums = re.split(r"\s*[/／]\s*", h.rstrip("学时 "))
        try:
            vals = [float(x) for x in nums if x != ""]
        except ValueError:
            raise CellError(
                t(
                    f"{y} 年学时无效：{h!r}（应为 总学时/公需学时，如 72/24）",
                    f"{y}: invalid hours {h!r} (expected total/public, e.g. 72/24)",
                )
            ) from None
        if not vals or len(vals) > 3:
            raise CellError(t(f"{y} 年学时无效：{h!r}", f"{y}: invalid hours {h!r}"))
        out[_year(y)] = dict(zip(("total", "public", "professional"), vals, strict=False))
    return out


_BY_KIND: dict[str, Callable[[Column, Any], Any]] = {
    "text": _text,
    "id": _id,
    "date": _date,
    "bool": _bool,
    "enum": _enum,
    "series": _series,
    "region": _region,
    "int": _int,
    "percent": _percent,
    "grades": _grades,
    "hours": _hours,
}
