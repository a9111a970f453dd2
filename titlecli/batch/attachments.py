"""Matching attachments: each applicant's folder under --attachments, and the document kind
each file's name points to (身份证.jpg -> id_card).  Symbolic links are never followed."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, UserError
from ..i18n import t
from ..model import DocumentKind, mask_id

# Order matters: the first kind whose word occurs in the file name wins, so the more specific
# words come first (学位证 before 证, 专业技术工作报告 before 技术报告, 评审表 before 职称).
KIND_WORDS: tuple[tuple[DocumentKind, tuple[str, ...]], ...] = (
    ("graduate_registration_form", ("研究生登记表", "毕业生登记表")),
    ("chsi_record", ("学信网", "备案表", "学历认证", "电子注册", "chsi")),
    ("degree_certificate", ("学位证", "degree")),
    ("diploma", ("毕业证", "学历证", "diploma")),
    ("id_card", ("身份证", "idcard", "id_card")),
    ("photo", ("照片", "相片", "证件照", "寸照", "免冠", "photo")),
    ("social_security", ("社保", "社会保险", "养老保险", "参保", "social_security")),
    ("recommendation_report", ("推荐",)),
    ("publicity_table", ("公示",)),
    ("plagiarism_report", ("查重", "检测报告", "相似度")),
    ("review_paper", ("评审论文", "送审论文")),
    ("work_summary", ("工作总结", "个人总结", "述职")),
    ("work_report", ("专业技术工作报告", "工作报告", "工作能力")),
    ("review_form", ("评审表", "申报表", "呈报表")),
    ("appointment_letter", ("聘任", "聘书", "聘用", "任命", "聘")),
    ("labor_contract", ("劳动合同", "合同")),
    ("assessment_form", ("考核",)),
    ("continuing_education", ("继续教育", "学时")),
    ("training_certificate", ("培训",)),
    ("post_salary_form", ("岗位工资", "工资")),
    ("monograph", ("专著", "著作")),
    ("technical_material", ("技术资料", "技术报告")),
    ("paper", ("论文", "期刊", "paper")),
    ("achievement", ("业绩", "成果", "项目", "验收", "鉴定")),
    ("award", ("获奖", "奖励", "荣誉", "表彰", "奖")),
    ("title_certificate", ("职称证", "资格证", "任职资格", "职称")),
    ("archive_proof", ("档案",)),
)
DOSSIER_EXT = {".pdf", ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".tif", ".tiff"}
SYSTEM_FILES = {"thumbs.db", "desktop.ini", ".ds_store"}
ID_RE = re.compile(r"\d{17}[\dXx]")


@dataclass
class Attachment:
    file: str  # absolute path
    rel: str  # relative to --attachments, shown to people
    kind: DocumentKind
    sorted: bool  # False: the name said nothing; kind is `other`
    usable: bool = True  # False: a format the dossier cannot bind (.docx, .zip…)

    @property
    def shown(self) -> str:
        """The path as shown to people: ID numbers in folder names masked."""
        return mask_ids(self.rel)

    def to_json(self) -> dict:
        return {"file": self.shown, "kind": self.kind, "sorted": self.sorted, "included": self.usable}


def mask_ids(text: str) -> str:
    return ID_RE.sub(lambda m: mask_id(m.group(0)), text)


def kind_of(rel: str) -> DocumentKind | None:
    """The document kind a file's name (then its sub-folders' names) points to, or None."""
    parts = [unicodedata.normalize("NFKC", p).lower() for p in Path(rel).parts]
    parts[-1] = Path(parts[-1]).stem
    for part in reversed(parts):
        for kind, words in KIND_WORDS:
            if any(w in part for w in words):
                return kind
    return None


def _natural(s: str) -> list:
    return [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", s)]


def _walk(folder: Path, links: list[Path]) -> list[Path]:
    """The regular files under folder, never following a symbolic link (to a file or a folder):
    a link may lead to another applicant's scans or out of the attachments folder (to /usr, to a
    home folder); the links met go into `links`."""
    out: list[Path] = []
    for top, dirs, files in os.walk(folder, followlinks=False):
        here = Path(top)
        for d in list(dirs):
            if (here / d).is_symlink():
                links.append(here / d)
                dirs.remove(d)
        for f in files:
            p = here / f
            if p.is_symlink():
                links.append(p)
            elif p.is_file():
                out.append(p)
    return out


def list_attachments(folder: Path, root: Path, links: list[str] | None = None) -> list[Attachment]:
    """The files of one applicant's folder; the links it holds (not followed) go into `links`,
    as shown to people."""
    out = []
    found: list[Path] = []
    files = _walk(folder, found)
    if links is not None:
        links += [mask_ids(p.relative_to(root).as_posix()) for p in sorted(found)]
    for p in sorted(files, key=lambda p: _natural(p.relative_to(folder).as_posix())):
        name = p.name
        if name.lower() in SYSTEM_FILES or name.startswith(("~$", ".")):
            continue
        rel = p.relative_to(root).as_posix()
        k = kind_of(p.relative_to(folder).as_posix())
        out.append(Attachment(str(p.resolve()), rel, k or "other", k is not None, p.suffix.lower() in DOSSIER_EXT))
    return out


@dataclass
class FolderMatch:
    folders: dict[int, list[Path]]  # applicant index -> its folders
    unmatched: list[str]  # folders and loose files that belong to nobody
    problems: dict[int, list[str]]
    links: list[str] = field(default_factory=list)  # symbolic links at the top, not followed


def _folder_owners(name: str, by_id: dict[str, int], by_name: dict[str, list[int]]) -> list[int]:
    """The applicants a folder name may belong to: the one whose ID number it holds, else those
    whose name it is (张伟, 张 伟, 01张伟, 01_张伟, 张伟（技术部）)."""
    for m in ID_RE.findall(name):
        if m.upper() in by_id:
            return [by_id[m.upper()]]
    tokens = [re.sub(r"^\d+", "", x) for x in re.split(r"[_\-\s—·.,，（()）、]+", name) if x]
    return by_name.get(name) or by_name.get(re.sub(r"\s+", "", name)) or next((by_name[x] for x in tokens if x in by_name), [])


def match_folders(root: Path, people: list[tuple[str, str]]) -> FolderMatch:
    """Pair each applicant (ID number, name) with its folder under root: named by the ID
    number, by the name, or by both (张伟_140402199205153219)."""
    if root.exists() and not root.is_dir():
        raise UserError(
            Problem(
                str(root),
                "--attachments",
                t(
                    "这是一个文件，不是文件夹：请给出存放每人附件子文件夹的文件夹",
                    "this is a file, not a folder: give the folder that holds one folder per applicant",
                ),
            )
        )
    if not root.is_dir():
        raise UserError(Problem(str(root), "--attachments", t("附件文件夹不存在", "attachments folder not found")))
    by_id = {idn.upper(): i for i, (idn, _) in enumerate(people) if idn}
    by_name: dict[str, list[int]] = {}
    for i, (_, nm) in enumerate(people):
        if nm:
            by_name.setdefault(unicodedata.normalize("NFKC", nm).strip(), []).append(i)
    res = FolderMatch({}, [], {})
    for d in sorted(root.iterdir(), key=lambda p: _natural(p.name)):
        if d.name.startswith(".") or d.name.lower() in SYSTEM_FILES:
            continue
        if d.is_symlink():
            res.links.append(mask_ids(d.name))
            continue
        if not d.is_dir():
            res.unmatched.append(d.name)
            continue
        cands = _folder_owners(unicodedata.normalize("NFKC", d.name).strip(), by_id, by_name)
        if len(cands) == 1:
            res.folders.setdefault(cands[0], []).append(d)
            continue
        for i in cands:
            res.problems.setdefault(i, []).append(
                t(
                    f"附件文件夹 {mask_ids(d.name)!r} 只写了姓名，而花名册中有 {len(cands)} 人同名：请以身份证号命名文件夹",
                    f"attachment folder {mask_ids(d.name)!r} names only a name shared by {len(cands)} applicants: name it by the ID number",
                )
            )
        res.unmatched.append(d.name)
    return res
