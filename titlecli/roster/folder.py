"""A folder of profile files as a roster: one applicant per .yaml/.json file."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem, UserError
from ..i18n import t
from .applicants import Applicant, Roster


def read_folder(path: Path) -> Roster:
    from ..profile import load_profile

    files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json") and not p.name.startswith("."))
    if not files:
        raise UserError(
            Problem(str(path), "", t("文件夹中没有档案文件（.yaml/.yml/.json）", "no profile files (.yaml/.yml/.json) in the folder"))
        )
    applicants = []
    by_id: dict[str, Applicant] = {}
    dups = []
    for f in files:
        a = Applicant(str(f), f.name, [], f.name, f.stem, base_dir=str(f.parent))
        try:
            a.data = {"__file__": f.read_bytes().hex()}  # the file's bytes are its inputs
            a.profile = load_profile(f)
            a.key = a.profile.id_number
            a.name = a.profile.name
        except UserError as e:
            a.problems += e.problems
        if a.profile is not None:
            if a.key in by_id:
                dups.append(
                    Problem(
                        str(f),
                        "id_number",
                        t(
                            f"身份证号 {a.profile.masked_id} 与 {by_id[a.key].label} 重复",
                            f"ID number {a.profile.masked_id} repeats {by_id[a.key].label}",
                        ),
                    )
                )
            by_id[a.key] = a
        applicants.append(a)
    if dups:
        raise UserError(dups)
    return Roster(path, "folder", applicants)
