"""What reading a roster gives: the applicants, each with the profile data its rows hold, where
each value came from (row and column), and its problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

from ..errors import Problem
from ..i18n import t
from ..model import Profile


class Header(NamedTuple):
    """A column as the roster names it: its header as written and its letter (None: a column
    the roster does not have, named by the template's header)."""

    text: str
    letter: str | None = None


class Origin(NamedTuple):
    """Where a value of the profile data was read: the row, and the column (None for a whole
    entry of a history list, which is the row)."""

    row: int
    header: Header | None


@dataclass(frozen=True)
class IdentityCheck:
    """A 性别 or 出生日期 cell, to compare with what the ID number says once it is read."""

    what: Literal["sex", "birth"]
    value: Any
    row: int
    header: Header


@dataclass
class Applicant:
    """One person of a roster: its profile data, where each value came from, and problems."""

    source: str  # the roster file or the profile file
    label: str  # 第3行 / 第3–5行 / file name
    rows: list[int]
    key: str  # ID number as written (or the label when there is none): identity for resume
    name: str
    data: dict[str, Any] = field(default_factory=dict)  # the profile as a profile file would hold it
    origin: dict[tuple[Any, ...], Origin] = field(default_factory=dict)  # key path -> where it was read
    problems: list[Problem] = field(default_factory=list)
    profile: Profile | None = None
    base_dir: str | None = None  # relative document paths resolve here (profile folders)
    checks: list[IdentityCheck] = field(default_factory=list)
    bad_paths: set[str] = field(default_factory=set)  # key paths of cells already reported as unreadable

    @property
    def ok(self) -> bool:
        return self.profile is not None and not self.problems


@dataclass
class Roster:
    path: Path
    kind: str  # the file's suffix (xlsx, csv …) or "folder"
    applicants: list[Applicant]
    warnings: list[str] = field(default_factory=list)


def where(row: int, header: str, letter: str | None = None) -> str:
    """第3行 毕业时间（T列）: a cell as a clerk finds it."""
    col = f"（{letter}列）" if letter else ""
    return t(f"第{row}行 {header}{col}", f"row {row}, column {header}" + (f" ({letter})" if letter else ""))


def inputs_of(a: Applicant) -> Any:
    """What identifies an applicant's roster data for resume (JSON-able, ordered)."""
    import json

    return json.loads(json.dumps(a.data, default=str, sort_keys=True, ensure_ascii=False))
