"""Each applicant's roster data into a profile, validated exactly as a profile file is
(`titlecli.profile.validate_profile`); a problem is named by the row and column it came from."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..errors import Problem, UserError
from ..i18n import t
from ..model import Profile
from ..terms import level_of_title
from .applicants import Applicant, Header, Roster, where
from .cells import CellError, parse_cell_date
from .columns import BY_KEY


def finish(roster: Roster, region: str | None) -> None:
    """Validate every applicant of a table roster into a profile (problems stay per applicant)."""
    for a in roster.applicants:
        if roster.kind == "folder":
            if a.profile is not None and region:
                a.profile = replace(a.profile, application=replace(a.profile.application, region=region))
            continue
        _complete(a, region)


def _complete(person: Applicant, region: str | None) -> None:
    """Defaults a roster implies, then validation exactly as for a profile file."""
    from ..profile import validate_profile

    d = person.data
    if region:
        d.setdefault("application", {})["region"] = region
    _implied(person)
    if not (d.get("application") or {}).get("region"):
        person.problems.append(
            Problem(
                person.source,
                where(person.rows[0], "地区"),
                t("未指定地区：请填写 地区 列或使用 --region", "no region: fill in 地区 or pass --region"),
            )
        )
    try:
        person.profile = validate_profile(d, person.source)
    except UserError as e:
        for p in e.problems:
            if p.path in person.bad_paths:
                continue  # the cell was reported as unreadable already
            person.problems.append(_relocate(person, p))
    if person.profile is not None:
        _check_identity(person, person.profile)


def _implied(person: Applicant) -> None:
    """What a roster leaves to be understood: a job's employer is the person's 单位, a title's
    level is what its name says (助理工程师 = 助理级)."""
    d = person.data
    emp = (d.get("employer") or {}).get("name")
    for w in d.get("work", []):
        if "employer" not in w and emp:
            w["employer"] = emp
    for i, ti in enumerate(d.get("titles", [])):
        if "level" in ti or not isinstance(ti.get("name"), str):
            continue
        lv = level_of_title(ti["name"])
        if lv:
            ti["level"] = lv
            continue
        hit = person.origin.get(("titles", i, "name"))
        person.problems.append(
            Problem(
                person.source,
                where(hit.row if hit else person.rows[0], "职称级别"),
                t(
                    f"无法从职称名称 {ti['name']!r} 推断级别，请填写 职称级别",
                    f"cannot infer the level of {ti['name']!r}; fill in 职称级别",
                ),
            )
        )


_SEXES = {"男": "male", "m": "male", "male": "male", "女": "female", "f": "female", "female": "female"}


def _check_identity(person: Applicant, profile: Profile) -> None:
    """性别 and 出生日期 columns must agree with the ID number (a row pasted next to the wrong
    ID number shows here)."""
    for check in person.checks:
        place = where(check.row, *check.header)
        message = _sex_problem(check.value, profile) if check.what == "sex" else _birth_problem(check.value, profile)
        if message:
            person.problems.append(Problem(person.source, place, message))


def _sex_problem(v: Any, profile: Profile) -> str | None:
    sex = _SEXES.get(str(v).strip().lower())
    if sex is None:
        return t(f"性别应为 男 或 女：{v!r}", f"sex must be 男 or 女: {v!r}")
    if sex != profile.sex:
        return t(
            f"性别 {v} 与身份证号不符（第 17 位表示{'男' if profile.sex == 'male' else '女'}）",
            f"sex {v} does not match the ID number (its 17th digit says {profile.sex})",
        )
    return None


def _birth_problem(v: Any, profile: Profile) -> str | None:
    try:
        d = parse_cell_date(v)
    except CellError as e:
        return str(e)
    b = profile.birth_date
    if d is not None and (d.year, d.month) != (b.year, b.month):
        return t(f"出生日期 {d:%Y-%m} 与身份证号中的 {b} 不符", f"birth date {d:%Y-%m} does not match {b} in the ID number")
    return None


def _relocate(person: Applicant, p: Problem) -> Problem:
    """Name the row and column of a profile problem (education[1].graduated -> 第4行 毕业时间（T列）)."""
    loc = _parse_key_path(p.path)
    if loc == ("application",):  # the whole block is missing: its one required column is 系列
        loc = ("application", "series")
    hit, n = None, 0
    for n in range(len(loc), 0, -1):
        hit = person.origin.get(tuple(loc[:n]))
        if hit:
            break
    row, hdr = (hit.row, hit.header) if hit else (None, None)
    col = BY_KEY.get(".".join(str(x) for x in loc if not isinstance(x, int)))
    if col is not None and (hdr is None or n < len(loc)):
        hdr = Header(col.zh)  # the cell is empty or the column absent: name the column by its header
    place = where(row or person.rows[0], *(hdr or (p.path, None)))
    return Problem(person.source, f"{place} [{p.path}]" if p.path else place, p.message)


def _parse_key_path(path: str) -> tuple:
    out: list[Any] = []
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            out.append(int(part[1:-1]))
        else:
            out.append(int(part) if part.isdigit() else part)
    return tuple(out)
