"""`titlecli batch`: verdicts and dossiers for a whole roster, resumable and in parallel.

The library half: attachments sorted into document kinds, one task per applicant run in worker
processes, the resume record, the summary workbook (汇总表.xlsx) and report.json.  The command
in `titlecli/commands/batch.py` only parses options and shows progress.

Resume: OUTDIR/.titlecli-batch.json records, per applicant, a hash of everything its outputs
depend on (the roster data, every attachment's bytes, the region files, as_of, the language,
the options and titlecli's version) and the dossier it produced.  An applicant whose hash and
dossier are unchanged is not rebuilt.  Every output is written to a temp file in OUTDIR and
renamed; temp files (`.titlecli-tmp-*`, `.*.tmp`) left by a killed run are removed at start.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from . import __version__
from .atomic import write_bytes, write_text
from .datafile import os_reason
from .errors import Problem, UserError
from .i18n import lang, set_lang, t
from .model import LEVELS, Document, DocumentKind, mask_id

STATE_FILE = ".titlecli-batch.json"
SUMMARY_FILE = "汇总表.xlsx"
REPORT_FILE = "report.json"
TMP_PREFIX = ".titlecli-tmp-"
STATE_FORMAT = 1

# --------------------------------------------------------------------------- attachments

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
# What the checklist always asks for (contract §5); used when no dossier is built.
REQUIRED_KINDS = ("id_card", "diploma", "chsi_record", "photo", "social_security")
KIND_NAMES = {
    "id_card": ("身份证", "ID card"),
    "diploma": ("毕业证", "diploma"),
    "degree_certificate": ("学位证", "degree certificate"),
    "chsi_record": ("学信网备案表", "CHSI record"),
    "photo": ("照片", "photo"),
    "social_security": ("社保证明", "social security proof"),
}
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


# --------------------------------------------------------------------------- tasks


@dataclass
class Task:
    index: int
    label: str
    name: str
    key: str
    profile: Any  # Profile, or None when the roster row is unusable
    region: Any  # Region
    as_of: date
    lang: str
    outdir: str
    filename: str
    level: str | None
    skip_broken: bool
    base_dir: str
    problems: list[str]
    attachments: list[Attachment]
    notes: list[str]
    inputs: str  # the resume hash


def output_name(name: str, id_number: str) -> str:
    """张伟_1404xxxxxxxxxx3219.pdf: name and masked ID (x, not *, which Windows forbids)."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name).strip(" .") or "applicant"
    return f"{safe}_{mask_id(id_number).replace('*', 'x')}.pdf"


def _dossier_builder() -> Callable | None:
    """The dossier builder (titlecli.dossier.build), or None while it is not available."""
    try:
        from .dossier import build
    except ImportError:
        return None
    return build


def dossier_available() -> bool:
    return _dossier_builder() is not None


def _probe(path: str) -> str | None:
    """Why a scan cannot be bound (used when no dossier is built), or None."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError:
        return t("文件不存在", "file not found")
    if size == 0:
        return t("文件是空的（0 字节）", "the file is empty (0 bytes)")
    ext = p.suffix.lower()
    try:
        if ext == ".pdf":
            import logging

            from pypdf import PdfReader

            logging.getLogger("pypdf").setLevel(logging.ERROR)
            r = PdfReader(path, strict=False)
            if r.is_encrypted:
                return t("PDF 已加密", "the PDF is encrypted")
            if len(r.pages) == 0:
                return t("PDF 没有页面", "the PDF has no pages")
        else:
            from PIL import Image

            with Image.open(path) as im:
                im.verify()
    except Exception as e:  # any decoder error means the scan is broken
        return t(f"无法读取（{type(e).__name__}）", f"cannot be read ({type(e).__name__})")
    return None


def _notice_warnings(tasks: list, as_of: date) -> list[str]:
    """An ended notice, or one that states no period, said once for the batch (not on every
    applicant's row), before the rows: audit of issue 12."""
    out, seen = [], set()
    for task in tasks:
        region = task.region
        if region is None or region.id in seen:
            continue
        seen.add(region.id)
        said = region.notice.status_message(as_of)
        if said:
            name = region.name_en if lang() == "en" and region.name_en else region.name
            out.append(t(f"{name}：{said}", f"{name}: {said}"))
    return out


def _level_summary(verdict) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for r in verdict.results:
        cur = out.get(r.level)
        entry = {
            "title": r.title,
            "eligible": r.eligible,
            "route": r.route if r.eligible else None,
            "earliest_date": r.earliest_date.isoformat() if r.earliest_date else None,
            "unmet": [x.rule for x in r.unmet],
        }
        if cur is None:
            out[r.level] = entry
            continue
        if (
            entry["eligible"]
            and not cur["eligible"]
            or (
                entry["eligible"] == cur["eligible"]
                and entry["earliest_date"]
                and (cur["earliest_date"] is None or entry["earliest_date"] < cur["earliest_date"])
            )
        ):
            out[r.level] = entry
    return {lv: out[lv] for lv in LEVELS if lv in out}


def run_task(task: Task) -> dict:
    """One applicant: verdicts, then the dossier.  Never raises for bad input: a failure is a
    result with status `failed` and its reasons, so the other applicants go on."""
    import resource

    set_lang(task.lang)
    res: dict[str, Any] = {
        "index": task.index,
        "status": "failed",
        "levels": {},
        "eligible": None,
        "target_level": None,
        "missing": [],
        "pages": None,
        "file": None,
        "problems": list(task.problems),
        "warnings": [],
    }
    try:
        if task.profile is None:
            return res
        from .engine import check

        profile = task.profile
        verdict = check(profile, task.region, task.as_of, None, task.label, task.base_dir)
        res["levels"] = _level_summary(verdict)
        res["target_level"] = task.level or verdict.requested_level
        res["eligible"] = any(r.eligible for r in verdict.results if r.level == task.level) if task.level else verdict.eligible
        res["warnings"] = list(verdict.warnings) + [x.message for x in verdict.online if not x.passed]
        # under a notice that has ended the verdict is one on that round (2022 年度), not on today
        res["notice_round"] = verdict.notice_round if verdict.notice_status == "expired" else None
        build = _dossier_builder()
        if build is None:
            have = {d.kind for d in profile.documents}
            need = list(REQUIRED_KINDS) + (["degree_certificate"] if any(e.degree != "none" for e in profile.education) else [])
            res["missing"] = [_kind_name(k) for k in need if k not in have]
            broken = []
            for d in profile.documents:
                why = _probe(str(Path(task.base_dir) / d.file))
                if why:
                    broken.append(_scan_problem(task, Problem(str(Path(task.base_dir) / d.file), "", why)))
            if broken and not task.skip_broken:
                res["problems"] += broken
                return res
            res["warnings"] += broken
            res["status"] = "checked"
            return res
        out = Path(task.outdir)
        tmp = out / f"{TMP_PREFIX}{hashlib.sha256(task.key.encode()).hexdigest()[:12]}-{os.getpid()}.pdf"
        try:
            dres = build(
                profile, task.region, task.as_of, tmp, base_dir=Path(task.base_dir), level=task.level, skip_broken=task.skip_broken
            )
        except UserError as e:
            res["problems"] += [_scan_problem(task, p) for p in e.problems]
            return res
        built = Path(getattr(dres, "path", None) or tmp)
        os.replace(built, out / task.filename)
        res["file"] = task.filename
        res["pages"] = getattr(dres, "pages", None)
        res["missing"] = [str(m) for m in (getattr(dres, "missing", None) or [])]
        res["warnings"] += [_scan_problem(task, p) for p in (getattr(dres, "problems", None) or [])]
        res["warnings"] += [str(p) for p in (getattr(dres, "warnings", None) or [])]
        res["status"] = "built"
        return res
    except UserError as e:
        res["problems"] += [str(p) for p in e.problems]
        return res
    except Exception as e:  # a scan no decoder expected: this applicant fails, the batch goes on
        res["status"] = "failed"
        res["problems"].append(
            t(
                f"处理时出错（{type(e).__name__}: {e}）；其他申报人不受影响",
                f"failed while processing ({type(e).__name__}: {e}); the others are not affected",
            )
        )
        return res
    finally:
        for f in Path(task.outdir).glob(f"{TMP_PREFIX}*-{os.getpid()}.pdf"):
            with contextlib.suppress(OSError):
                f.unlink()
        ru = resource.getrusage(resource.RUSAGE_SELF)
        res["peak_kb"] = ru.ru_maxrss
        res["cpu_s"] = ru.ru_utime + ru.ru_stime


def _scan_problem(task: Task, p: Problem) -> str:
    """A problem with one of the applicant's scans, named as the clerk filed it (张伟/学历/毕业证.JPG),
    with what to do; any other problem as it is."""
    if not isinstance(p, Problem):  # the dossier's "FILE: message" (--skip-broken)
        a = next((a for a in task.attachments if str(p).startswith(a.file + ": ")), None)
        if a is None:
            return str(p)
        p = Problem(a.file, "", str(p)[len(a.file) + 2 :])
    shown = {a.file: a.shown for a in task.attachments}.get(str(p.file))
    if shown is None and p.file:
        shown = {str(Path(a.file).resolve()): a.shown for a in task.attachments}.get(str(Path(p.file).resolve()))
    if shown is None:
        return str(p)
    hint = (
        t("（卷宗中以占位页代替）", " (a placeholder page stands in for it in the dossier)")
        if task.skip_broken
        else t("（请重新扫描，或加 --skip-broken 以占位页代替）", " (scan it again, or pass --skip-broken for a placeholder page)")
    )
    return t(f"{shown}：{p.message}{hint}", f"{shown}: {p.message}{hint}")


def _kind_name(kind: str) -> str:
    zh, en = KIND_NAMES.get(kind, (kind, kind))
    return t(zh, en)


# --------------------------------------------------------------------------- planning


def _sha(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def _sha_file(path: str | Path) -> str:
    """The SHA-256 of a file read 1 MB at a time: a 5 GB video left in an applicant's folder
    must not be read into memory at once."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _attachment_stamp(x: Attachment) -> list:
    """What a rerun compares for one attachment: the contents of what is bound, only the size
    of what is not (a video is never hashed; it is only named in the notes)."""
    try:
        if x.usable:
            return [x.rel, x.kind, _sha_file(x.file)]
        return [x.rel, x.kind, os.stat(x.file).st_size]
    except OSError:
        return [x.rel, x.kind, None]


def _documents_stamp(a) -> list:
    """The scans a profile lists itself (a folder of profiles): their contents, so a scan
    replaced under the same name rebuilds the dossier instead of keeping the stale one."""
    if a.profile is None:
        return []
    base = Path(a.base_dir) if a.base_dir else Path()
    out = []
    for d in a.profile.documents:
        try:
            out.append([d.file, _sha_file(base / d.file)])
        except OSError:
            out.append([d.file, None])
    return out


def region_fingerprint(ref: str, base: Path | None) -> str:
    """The bytes of a region file and of every file it `extends:`."""
    from . import regions

    h = hashlib.sha256()
    seen = set()
    todo = [(ref, base)]
    while todo:
        r, b = todo.pop()
        p = regions.find(r, b)
        if p in seen:
            continue
        seen.add(p)
        raw = p.read_bytes()
        h.update(raw)
        m = re.search(rb"^extends:\s*['\"]?([^\s'\"#]+)", raw, re.M)
        if m:
            todo.append((m.group(1).decode("utf-8", "replace"), p.parent))
    return h.hexdigest()


def dossier_layout_fingerprint() -> str:
    """The bundled dossier layout (templates/dossier.yaml): a changed layout rebuilds everyone."""
    try:
        from .dossier.template import bundled_dir

        return _sha((bundled_dir() / "dossier.yaml").read_bytes())
    except (ImportError, OSError, AttributeError):
        return ""


@dataclass
class Options:
    outdir: Path
    attachments: Path | None = None
    jobs: int = 1
    as_of: date = field(default_factory=date.today)
    region: str | None = None
    level: str | None = None
    skip_broken: bool = False
    force: bool = False


@dataclass
class Plan:
    roster: Any
    tasks: list[Task]
    skipped: dict[int, dict]  # index -> result recorded by an earlier run
    state: dict
    unmatched: list[str]
    attachments: dict[int, list[Attachment]]
    warnings: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # ended or undated notices, once per region


def plan(roster_path: str | Path, opts: Options) -> Plan:  # noqa: C901 - to split (issue 19)
    from . import regions
    from .roster import finish, inputs_of, read_roster

    roster = read_roster(roster_path)
    finish(roster, opts.region)
    people = [(a.profile.id_number if a.profile else a.key, a.profile.name if a.profile else a.name) for a in roster.applicants]
    fm = FolderMatch({}, [], {})
    if opts.attachments is not None:
        fm = match_folders(Path(opts.attachments), people)
    state = load_state(opts.outdir)
    done = state.get("applicants", {})
    tasks: list[Task] = []
    skipped: dict[int, dict] = {}
    all_att: dict[int, list[Attachment]] = {}
    region_cache: dict[str, tuple[Any, str]] = {}
    layout_fp = dossier_layout_fingerprint()
    names: dict[str, int] = {}
    for a in roster.applicants:
        n = output_name(a.name or (a.profile.name if a.profile else "applicant"), a.profile.id_number if a.profile else a.key)
        names[n] = names.get(n, 0) + 1
    for i, a in enumerate(roster.applicants):
        problems = [str(p) for p in a.problems]
        notes = list(fm.problems.get(i, []))
        atts: list[Attachment] = []
        links: list[str] = []
        for folder in fm.folders.get(i, []):
            atts += list_attachments(folder, Path(opts.attachments), links)  # type: ignore[arg-type]
        notes += [
            t(
                f"{x}：是符号链接（快捷方式），未跟随，未放入卷宗；请把文件本身放进此人的文件夹",
                f"{x}: a symbolic link, not followed and left out of the dossier; put the file itself in the applicant's folder",
            )
            for x in links
        ]
        if opts.attachments is not None and i not in fm.folders and not fm.problems.get(i):
            notes.append(
                t(
                    "附件文件夹中没有此人的文件夹（应以身份证号或姓名命名）",
                    "no folder of this applicant under the attachments folder (name it by ID number or name)",
                )
            )
        all_att[i] = atts
        for x in atts:
            if not x.usable:
                notes.append(
                    t(
                        f"{x.shown}：格式不能装订（应为 PDF、JPG、PNG 或 TIFF），未放入卷宗",
                        f"{x.shown}: a format that cannot be bound (PDF, JPG, PNG or TIFF), left out of the dossier",
                    )
                )
            elif not x.sorted:
                notes.append(
                    t(
                        f"{x.shown}：无法从文件名判断材料类别，归入“其它”",
                        f"{x.shown}: the name does not say what it is; filed under 'other'",
                    )
                )
        profile = a.profile
        region = None
        region_fp = ""
        app = a.data.get("application")
        app = app if isinstance(app, dict) else {}
        ref = opts.region or (profile.application.region if profile is not None else app.get("region"))
        if isinstance(ref, str) and ref:
            # also for a row with other problems: every problem of a row is reported at once
            base = Path(a.base_dir) if (a.base_dir and not opts.region) else None
            ck = f"{ref}|{base}"
            try:
                if ck not in region_cache:
                    region_cache[ck] = (regions.load(ref, base), region_fingerprint(ref, base))
                region, region_fp = region_cache[ck]
            except UserError as e:
                where = a.origin.get(("application", "region"))
                from .roster import _where

                place = _where(where[0], *where[1]) if where else "application.region"
                problems += [str(Problem(a.source, place, p.message)) for p in e.problems]
        if profile is not None and not a.problems:
            docs = list(profile.documents)
            if a.base_dir:
                docs = [replace(d, file=str((Path(a.base_dir) / d.file).resolve())) for d in docs]
            docs += [
                Document(
                    kind=x.kind,
                    file=x.file,
                    name=Path(x.rel).stem,
                    note=None if x.sorted else t("未能按文件名归类", "not sorted by its name"),
                )
                for x in atts
                if x.usable
            ]
            profile = replace(profile, documents=docs)
        if problems:
            profile = None
        idn = a.profile.id_number if a.profile else a.key
        inputs = _sha(
            json.dumps(
                {
                    "data": inputs_of(a),
                    "attachments": [_attachment_stamp(x) for x in atts],
                    "documents": _documents_stamp(a),
                    "region": region_fp,
                    "as_of": opts.as_of.isoformat(),
                    "version": __version__,
                    "lang": lang(),
                    "level": opts.level,
                    "skip_broken": opts.skip_broken,
                    "dossier": dossier_available(),
                    "layout": layout_fp,
                },
                sort_keys=True,
                ensure_ascii=False,
                default=str,
            ).encode()
        )
        filename = output_name(a.name or (a.profile.name if a.profile else "applicant"), idn)
        if names.get(filename, 0) > 1:  # same name, same first four and last four digits
            filename = filename[:-4] + f"_{a.rows[0] if a.rows else i + 1}.pdf"
        if profile is not None and not _replaceable(Path(opts.outdir), filename, state):
            problems.append(
                str(
                    Problem(
                        str(Path(opts.outdir) / filename),
                        "",
                        t(
                            "已有同名文件，但不是 titlecli 为此人生成的（或已被修改）；为免覆盖，请先移走或改名",
                            "a file of this name exists that titlecli did not make for this applicant (or it was edited); "
                            "so as not to overwrite it, move or rename it first",
                        ),
                    )
                )
            )
            profile = None
        skey = _state_key(idn)
        prev = done.get(skey)
        if prev and not opts.force and profile is not None and prev.get("inputs") == inputs and _output_intact(opts.outdir, prev):
            r = dict(prev["result"], index=i, status="unchanged")
            skipped[i] = r
            continue
        tasks.append(
            Task(
                i,
                a.label,
                a.name,
                idn,
                profile,
                region,
                opts.as_of,
                lang(),
                str(opts.outdir),
                filename,
                opts.level,
                opts.skip_broken,
                a.base_dir or str(Path(roster_path).resolve().parent),
                problems,
                atts,
                notes,
                inputs,
            )
        )
    warnings = [
        t(
            f"附件文件夹中的 {x} 是符号链接（快捷方式），未跟随：请把文件夹本身放进附件文件夹",
            f"{x} in the attachments folder is a symbolic link, not followed: put the folder itself there",
        )
        for x in fm.links
    ]
    return Plan(roster, tasks, skipped, state, [mask_ids(u) for u in fm.unmatched], all_att, warnings, _notice_warnings(tasks, opts.as_of))


def _replaceable(outdir: Path, name: str, state: dict) -> bool:
    """Whether a dossier may be written as OUTDIR/name: nothing is there, or what is there is
    ours (recorded), or a dossier titlecli wrote whose run was killed before recording it."""
    p = outdir / name
    if not os.path.lexists(p) or owned(outdir, name, state):
        return True
    try:
        if not stat.S_ISREG(p.lstat().st_mode):
            return False
        from pypdf import PdfReader

        meta = PdfReader(p).metadata
        producer = meta.get("/Producer") if meta is not None else None
        return isinstance(producer, str) and producer.startswith("titlecli ")
    except Exception:  # unreadable: not known to be ours
        return False


def _state_key(id_number: str) -> str:
    # the resume record names no ID number: only a hash of it
    return hashlib.sha256(id_number.encode()).hexdigest()[:24]


def _output_intact(outdir: Path, prev: dict) -> bool:
    f = prev.get("result", {}).get("file")
    if not f:
        return prev.get("result", {}).get("status") == "checked"
    p = outdir / f
    try:
        return p.stat().st_size == prev.get("size") and _sha_file(p) == prev.get("sha256")
    except OSError:
        return False


def load_state(outdir: Path) -> dict:
    """The resume record of an earlier run, with whatever is malformed in it left out (an edited,
    truncated or planted file): a record that cannot be trusted only means more to rebuild."""
    p = Path(outdir) / STATE_FILE
    try:
        if p.stat().st_size > 64 * 1024 * 1024:
            raise ValueError("too large")
        data = json.loads(p.read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        data = None
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
        return {"format": STATE_FORMAT, "applicants": {}}
    apps = data.get("applicants")
    apps = apps if isinstance(apps, dict) else {}
    data["applicants"] = {k: v for k, v in apps.items() if _state_entry_ok(v)}
    outputs = data.get("outputs")
    if outputs is not None:
        ok = isinstance(outputs, dict)
        data["outputs"] = {k: v for k, v in outputs.items() if isinstance(v, list)} if ok else {}
    return data


_NONE = type(None)
# What a reused result must hold to be shown again as it was (run_task and _level_summary).
_RESULT_SHAPE = {
    "status": (str,),
    "eligible": (bool, _NONE),
    "target_level": (str, _NONE),
    "pages": (int, _NONE),
    "file": (str, _NONE),
    "levels": (dict,),
    "missing": (list,),
    "problems": (list,),
    "warnings": (list,),
}
_LEVEL_SHAPE = {"title": (str, _NONE), "eligible": (bool,), "route": (str, _NONE), "earliest_date": (str, _NONE), "unmet": (list,)}


def _state_entry_ok(v: Any) -> bool:
    """A resume entry of the shape this version writes (anything else is rebuilt, not shown)."""
    if not isinstance(v, dict) or not isinstance(v.get("inputs"), str) or not isinstance(v.get("result"), dict):
        return False
    if not isinstance(v.get("size", 0), int) or not isinstance(v.get("sha256", ""), str):
        return False
    res = v["result"]
    if not all(isinstance(res.get(k), types) for k, types in _RESULT_SHAPE.items()):
        return False
    if not all(isinstance(x, str) for k in ("missing", "problems", "warnings") for x in res[k]):
        return False
    return all(
        lv in LEVELS and isinstance(e, dict) and all(isinstance(e.get(k), types) for k, types in _LEVEL_SHAPE.items())
        for lv, e in res["levels"].items()
    )


# What titlecli writes into OUTDIR, and so may replace or remove there: the dossiers (named by
# output_name), the summary, the report, the resume record, and temp files of those names.
DOSSIER_NAME = re.compile(r"[^/\\\x00]+_[0-9Xx]{4}x{10}[0-9Xx]{4}(?:_\d+)?\.pdf")
_TEMP_NAME = re.compile(r"\.(?P<name>.+)\.[A-Za-z0-9_]+\.tmp")


def _our_name(name: str) -> bool:
    """A file name titlecli gives an output in OUTDIR (not a path: no folder in it)."""
    return name in (SUMMARY_FILE, REPORT_FILE, STATE_FILE) or bool(DOSSIER_NAME.fullmatch(name)) or name.startswith(TMP_PREFIX)


def _our_temp(name: str) -> bool:
    """A temp file a killed run of titlecli left: a dossier being built (.titlecli-tmp-…) or
    the temp of an atomic write of one of our outputs (.汇总表.xlsx.k3j2h1g0.tmp)."""
    if name.startswith(TMP_PREFIX):
        return True
    from .atomic import temp_target

    found = temp_target(name)  # .report.json.PID.k3j2h1g0.tmp (a rerun owns OUTDIR: any writer is gone)
    if found is not None:
        return _our_name(found[0])
    m = _TEMP_NAME.fullmatch(name)  # as titlecli named them before the writer's pid was in the name
    return m is not None and _our_name(m.group("name"))


def owned(outdir: Path, name: str, state: dict) -> bool:
    """Whether OUTDIR/name is a regular file titlecli wrote and nobody changed since: a name of
    ours, recorded in the resume record with the SHA-256 of what was written.  Only such a file
    is ever replaced or removed; anything else in OUTDIR is the user's."""
    if not isinstance(name, str) or not _our_name(name) or Path(name).name != name:
        return False
    p = Path(outdir) / name
    try:
        if not stat.S_ISREG(p.lstat().st_mode):  # a link or a folder is never ours
            return False
        digest = _sha_file(p)
    except OSError:
        return False
    recorded: set[object] = set()  # digests as the state file holds them
    outputs = state.get("outputs")
    if isinstance(outputs, dict) and isinstance(outputs.get(name), list):
        recorded.update(h for h in outputs[name] if isinstance(h, str))
    for entry in (state.get("applicants") or {}).values():
        if isinstance(entry, dict) and isinstance(entry.get("result"), dict) and entry["result"].get("file") == name:
            recorded.add(entry.get("sha256"))
    return digest in recorded


def clean_temp(outdir: Path) -> list[str]:
    """Remove the temp files a killed run left in OUTDIR: only names of titlecli's own making
    (a user's `.notes.tmp` stays), only regular files (never a link's target)."""
    removed: list[str] = []
    if not outdir.is_dir():
        return removed
    for p in outdir.iterdir():
        n = p.name
        try:
            regular = stat.S_ISREG(p.lstat().st_mode)
        except OSError:
            continue
        if regular and _our_temp(n):
            try:
                p.unlink()
                removed.append(n)
            except OSError:
                pass
    return removed


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def check_outdir(roster_path: str | Path, opts: Options, state: dict) -> None:
    """Refuse, before anything is written, an OUTDIR whose use would lose or leak something:
    one inside the attachments folder or the folder of profiles (the next run would bind the
    dossiers, with other people's full ID numbers, as attachments), and a summary or report in
    it that titlecli did not write (or that was edited since)."""
    outdir = Path(opts.outdir)
    roster = Path(roster_path)
    for folder, what in (
        (opts.attachments, ("附件文件夹", "the attachments folder")),
        (roster if roster.is_dir() else None, ("档案文件夹", "the folder of profiles")),
    ):
        if folder is not None and Path(folder).is_dir() and _inside(outdir, Path(folder)):
            raise UserError(
                Problem(
                    str(outdir),
                    "-o",
                    t(
                        f"输出文件夹在{what[0]}（{folder}）之内：下次运行会把生成的卷宗当作材料装订；请换一个位置",
                        f"the output folder is inside {what[1]} ({folder}): the next run would bind the dossiers "
                        "as materials; choose another place",
                    ),
                )
            )
    if not outdir.is_dir():
        return
    foreign = [n for n in (SUMMARY_FILE, REPORT_FILE) if os.path.lexists(outdir / n) and not owned(outdir, n, state)]
    if foreign:
        raise UserError(
            Problem(
                str(outdir),
                "-o",
                t(
                    f"文件夹中已有 {'、'.join(foreign)}，但不是 titlecli 上次写入的（或已被修改）；"
                    "为免覆盖，请先移走或改名，或换一个输出文件夹",
                    f"the folder already holds {', '.join(foreign)}, not as titlecli last wrote it (or edited since); "
                    "so as not to overwrite it, move or rename it first, or choose another output folder",
                ),
            )
        )


# --------------------------------------------------------------------------- running


@dataclass
class BatchResult:
    rows: list[dict]  # one per applicant, roster order
    unmatched: list[str]
    outdir: Path
    warnings: list[str] = field(default_factory=list)  # about the roster as a whole (skipped columns)
    worker_peak_kb: dict[int, int] = field(default_factory=dict)  # pid -> peak RSS (KiB), not in report.json
    worker_cpu_s: dict[int, float] = field(default_factory=dict)  # pid -> CPU seconds used (bench only)
    notices: list[str] = field(default_factory=list)  # ended or undated notices, said before the rows

    @property
    def failed(self) -> list[dict]:
        return [r for r in self.rows if r["status"] == "failed"]


def run(  # noqa: C901 - to split (issue 19)
    roster_path: str | Path,
    opts: Options,
    progress: Callable[[int, int, dict], None] | None = None,
    on_start: Callable[[int, int], None] | None = None,
) -> BatchResult:
    outdir = Path(opts.outdir)
    check_outdir(roster_path, opts, load_state(outdir))
    clean_temp(outdir)
    ctx = _pool_context() if opts.jobs > 1 else None  # starts loading the workers' code while the roster is read
    p = plan(roster_path, opts)
    outdir.mkdir(parents=True, exist_ok=True)
    if p.tasks:  # the summary of an earlier run would describe a batch that is changing: written anew at the end
        for f in (SUMMARY_FILE, REPORT_FILE):
            if owned(outdir, f, p.state):
                (outdir / f).unlink(missing_ok=True)
    results: dict[int, dict] = dict(p.skipped)
    state = p.state
    total = len(p.roster.applicants)
    if on_start:
        on_start(total, len(p.skipped))
    by_index = {tk.index: tk for tk in p.tasks}
    peaks: dict[int, int] = {}
    cpus: dict[int, float] = {}

    def record(res: dict) -> None:
        tk = by_index[res["index"]]
        pid = res.pop("pid", os.getpid())
        peaks[pid] = max(peaks.get(pid, 0), res.pop("peak_kb", 0) or 0)
        cpus[pid] = max(cpus.get(pid, 0.0), res.pop("cpu_s", 0.0) or 0.0)
        res["notes"] = tk.notes
        results[tk.index] = res
        skey = _state_key(tk.key)
        old = state["applicants"].get(skey)
        if res["status"] in ("built", "checked"):
            entry = {"inputs": tk.inputs, "result": {k: v for k, v in res.items() if k != "index"}}
            if res.get("file"):
                entry["size"] = (outdir / res["file"]).stat().st_size
                entry["sha256"] = _sha_file(outdir / res["file"])
            stale = (old or {}).get("result", {}).get("file")
            if stale and stale != res.get("file") and owned(outdir, stale, state):
                (outdir / stale).unlink()  # this applicant's own earlier dossier under an old name
            state["applicants"][skey] = entry
        else:
            state["applicants"].pop(skey, None)
        write_text(outdir / STATE_FILE, json.dumps(state, ensure_ascii=False, sort_keys=True, indent=1))
        if progress:
            progress(len(results), total, res)

    if opts.jobs <= 1 or len(p.tasks) <= 1:
        for tk in p.tasks:
            record(_call(tk))
    else:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        ex = ProcessPoolExecutor(
            max_workers=min(opts.jobs, len(p.tasks)), mp_context=ctx, initializer=_worker_init, initargs=(os.getpid(),)
        )
        try:
            futs = {ex.submit(_call, tk): tk for tk in p.tasks}
            for fut in as_completed(futs):
                tk = futs[fut]
                try:
                    res = fut.result()
                except Exception as e:  # a worker that died (out of memory, a crash in a decoder)
                    res = {
                        "index": tk.index,
                        "status": "failed",
                        "levels": {},
                        "eligible": None,
                        "target_level": None,
                        "missing": [],
                        "pages": None,
                        "file": None,
                        "warnings": [],
                        "problems": tk.problems
                        + [t(f"处理时出错：{type(e).__name__}: {e}", f"failed while processing: {type(e).__name__}: {e}")],
                    }
                record(res)
        except BaseException:
            # Ctrl-C (or any error here) stops the batch at once: queued applicants are cancelled,
            # the ones in progress finish their atomic writes; what was recorded is kept for a rerun.
            ex.shutdown(wait=False, cancel_futures=True)
            raise
        ex.shutdown(wait=True)
    rows = []
    for i, a in enumerate(p.roster.applicants):
        res = results[i]
        prof = a.profile
        rows.append(
            {
                "row": a.label,
                "rows": a.rows,
                "source": a.source,
                "name": a.name or (prof.name if prof else ""),
                "id_number": mask_id(prof.id_number if prof else a.key) if (prof or ID_RE.fullmatch(a.key or "")) else "",
                # a failed row keeps what the roster said, so the office can follow it up
                "employer": prof.employer.name if prof and prof.employer else _written(a.data, "employer", "name"),
                "target_level": res.get("target_level") or (prof.application.level if prof else _written(a.data, "application", "level")),
                "eligible": res.get("eligible"),
                "levels": res.get("levels", {}),
                "notice_round": res.get("notice_round"),
                "missing": res.get("missing", []),
                "attachments": [x.to_json() for x in p.attachments.get(i, [])],
                "pages": res.get("pages"),
                "file": res.get("file"),
                "status": res["status"],
                # messages may quote paths whose folder is named by the ID number: masked like the rest
                "problems": [mask_ids(x) for x in res.get("problems", [])],
                "warnings": [mask_ids(x) for x in res.get("warnings", [])],
                "notes": [mask_ids(x) for x in res.get("notes", [])],
            }
        )
    result = BatchResult(rows, p.unmatched, outdir, list(p.roster.warnings) + p.warnings, peaks, cpus, p.notices)
    write_report(result, roster_path, opts, state)
    return result


def _written(data: dict, *keys: str) -> str | None:
    node: object = data
    for k in keys:
        node = node.get(k) if isinstance(node, dict) else None
    return node if isinstance(node, str) and node else None


def _pool_context():
    """forkserver: workers start from a clean process, so their memory does not grow with the
    roster the main process holds, and the server imports the dossier stack once for all of
    them (started here, before the roster is read, so the two overlap).  spawn elsewhere."""
    import multiprocessing as mp

    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["titlecli.batch", "titlecli.engine", "titlecli.dossier", "reportlab.pdfgen.canvas", "pypdf", "PIL.Image"])
    try:
        from multiprocessing import forkserver

        forkserver.ensure_running()
    except Exception:  # it starts with the first worker instead
        pass
    return ctx


def _worker_init(main_pid: int | None = None) -> None:
    # Ctrl-C is the main process's to handle: it cancels what is queued and reports.
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if main_pid is None:
        return

    def watch() -> None:  # after kill -9 of the batch, its workers would wait for work forever
        while True:
            time.sleep(0.5)
            try:
                os.kill(main_pid, 0)
            except ProcessLookupError:
                os._exit(1)  # a dossier half written stays a temp file, removed by the rerun
            except OSError:
                pass

    threading.Thread(target=watch, name="titlecli-batch-watch", daemon=True).start()


def _call(tk: Task) -> dict:
    res = run_task(tk)
    res["pid"] = os.getpid()
    return res


# --------------------------------------------------------------------------- outputs

STATUS_NAMES = {
    "built": ("已生成", "built"),
    "checked": ("已检查（未生成卷宗）", "checked (no dossier)"),
    "unchanged": ("未变（沿用）", "unchanged (kept)"),
    "failed": ("失败", "failed"),
}
LEVEL_NAMES = {
    "member": ("员级", "member"),
    "assistant": ("助理级", "assistant"),
    "intermediate": ("中级", "intermediate"),
    "deputy_senior": ("副高级", "deputy senior"),
    "senior": ("正高级", "senior"),
}
ROUTE_NAMES = {"initial": ("初定", "initial"), "review": ("评审", "review"), "exam": ("考试", "exam"), "transfer": ("转评", "transfer")}


def _nm(table: dict, key: str | None) -> str:
    if not key:
        return ""
    zh, en = table.get(key, (key, key))
    return t(zh, en)


def verdict_cell(lv: dict | None, notice_round: str | None = None) -> str:
    """符合（初定）…; under a notice that has ended, 按该通知（2022 年度）符合（初定）."""
    if not lv:
        return "—"
    if notice_round:
        return t(f"按该通知（{notice_round}）", f"under that notice ({notice_round}): ") + verdict_cell(lv)
    if lv["eligible"]:
        return t(f"符合（{_nm(ROUTE_NAMES, lv['route'])}）", f"eligible ({_nm(ROUTE_NAMES, lv['route'])})")
    if lv["earliest_date"]:
        return t(f"暂不符合，{lv['earliest_date']} 起", f"not yet, from {lv['earliest_date']}")
    return t("不符合", "not eligible")


def levels_used(rows: list[dict]) -> list[str]:
    used = {lv for r in rows for lv in r["levels"]}
    return [lv for lv in LEVELS if lv in used]


def summary_table(rows: list[dict]) -> tuple[list[str], list[list[Any]]]:
    """The summary as a header and rows; the same facts as report.json, for people."""
    lvs = levels_used(rows)
    head = [
        t("序号", "No."),
        t("花名册行", "Roster rows"),
        t("姓名", "Name"),
        t("身份证号", "ID number"),
        t("单位", "Employer"),
        t("申报级别", "Level applied for"),
        t("申报级别结论", "Verdict for it"),
    ]
    for lv in lvs:
        head += [_nm(LEVEL_NAMES, lv), t(f"{_nm(LEVEL_NAMES, lv)}最早可申报日期", f"{_nm(LEVEL_NAMES, lv)} earliest date")]
    head += [
        t("缺少材料", "Missing materials"),
        t("附件说明", "Attachment notes"),
        t("页数", "Pages"),
        t("卷宗文件", "Dossier file"),
        t("状态", "Status"),
        t("问题", "Problems"),
    ]
    out = []
    for n, r in enumerate(rows, start=1):
        tl = r["target_level"]
        if r["status"] == "failed" and not r["levels"]:
            tv = ""
        elif tl:
            tv = verdict_cell(r["levels"].get(tl), r.get("notice_round"))
        else:
            tv = t("符合", "eligible") if r["eligible"] else t("不符合", "not eligible")
        line = [n, r["row"], r["name"], r["id_number"], r["employer"] or "", _nm(LEVEL_NAMES, tl), tv]
        for lv in lvs:
            x = r["levels"].get(lv)
            line += [verdict_cell(x, r.get("notice_round")) if x else "—", (x or {}).get("earliest_date") or ""]
        line += [
            "、".join(r["missing"]) if lang() == "zh" else ", ".join(r["missing"]),
            "\n".join(r["notes"]),
            r["pages"] if r["pages"] is not None else "",
            r["file"] or "",
            _nm(STATUS_NAMES, r["status"]),
            "\n".join(r["problems"] + r["warnings"]),
        ]
        out.append(line)
    return head, out


def write_report(result: BatchResult, roster_path: str | Path, opts: Options, state: dict | None = None) -> None:
    """report.json and 汇总表.xlsx.  With the resume record `state`, their hashes are recorded
    in it first (beside the previous ones, in case this write is cut short): that is what makes
    them titlecli's to replace on the next run."""
    rows = result.rows
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in STATUS_NAMES}
    report = {
        "roster": str(roster_path),
        "as_of": opts.as_of.isoformat(),
        "region": opts.region,
        "titlecli": __version__,
        "dossiers": dossier_available(),
        "total": len(rows),
        "counts": counts,
        "warnings": result.notices + result.warnings,
        "applicants": rows,
        "unmatched_attachments": result.unmatched,
    }
    outputs = (
        (REPORT_FILE, (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")),
        (SUMMARY_FILE, summary_xlsx(rows, opts.as_of, result.unmatched, result.notices + result.warnings)),
    )
    if state is not None:
        before = state.get("outputs")
        before = before if isinstance(before, dict) else {}
        state["outputs"] = {}
        for name, data in outputs:
            prev = before.get(name)
            prev = prev if isinstance(prev, list) else []
            state["outputs"][name] = [_sha(data)] + [h for h in prev[:1] if isinstance(h, str) and h != _sha(data)]
        write_text(result.outdir / STATE_FILE, json.dumps(state, ensure_ascii=False, sort_keys=True, indent=1))
    for name, data in outputs:
        try:
            write_bytes(result.outdir / name, data)
        except OSError as e:
            raise UserError(
                Problem(
                    str(result.outdir / name),
                    "",
                    t(
                        f"无法写入（{os_reason(e)}）；文件是否正在 Excel 中打开？关闭后重跑即可，已生成的卷宗会沿用",
                        f"cannot write ({os_reason(e)}); is it open in Excel? Close it and run again: the dossiers built are kept",
                    ),
                )
            ) from None


# Excel holds at most 32,767 characters in a cell, and no control characters (openpyxl refuses
# them, which once cost the whole summary for one stray byte in a roster cell).
_CELL_MAX = 32_767


def _cell(v: Any) -> Any:
    """A summary value as a cell can hold it: control characters shown as �, the text cut short
    with … past Excel's limit; other values as they are."""
    if not isinstance(v, str):
        return v
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    v = ILLEGAL_CHARACTERS_RE.sub("\ufffd", v)
    return v if len(v) <= _CELL_MAX else v[: _CELL_MAX - 1] + "…"


def summary_xlsx(rows: list[dict], as_of: date, unmatched: list[str], warnings: Sequence[str] = ()) -> bytes:
    from datetime import datetime

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    from .roster_template import workbook_bytes

    head, data = summary_table(rows)
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook's one sheet
    ws.title = t("汇总表", "summary")
    ws.append(head)
    for line in data:
        ws.append([_cell(v) for v in line])
    bold = Font(bold=True)
    red = PatternFill("solid", fgColor="F8CBAD")
    for c in ws[1]:
        c.font = bold
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = {0: 6, 1: 10, 2: 10, 3: 22, 4: 26}
    for j in range(len(head)):
        letter = get_column_letter(j + 1)
        ws.column_dimensions[letter].width = widths.get(j, 40 if j >= len(head) - 6 else 18)
    status_col = len(head) - 2
    for i, r in enumerate(rows, start=2):
        for c in ws[i]:
            c.alignment = Alignment(vertical="top", wrap_text=True)
        if r["status"] == "failed":
            ws.cell(row=i, column=status_col + 1).fill = red
    ws.freeze_panes = "D2"
    ws.auto_filter.ref = ws.dimensions
    info = wb.create_sheet(t("说明", "about"))
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in STATUS_NAMES}
    for about in (
        [t("检查日期", "Checked as of"), as_of.isoformat()],
        [t("申报人数", "Applicants"), len(rows)],
        *[[_nm(STATUS_NAMES, s), n] for s, n in counts.items() if n],
        [
            t("身份证号", "ID numbers"),
            t("已隐去中间 10 位；完整号码只出现在各人的卷宗中", "masked; the full number is only inside each dossier"),
        ],
        *[[t("注意", "Note"), _cell(w)] for w in warnings],
        [t("生成工具", "Made by"), f"titlecli {__version__}"],
    ):
        info.append(about)
    info.column_dimensions["A"].width = 16
    info.column_dimensions["B"].width = 60
    if unmatched:
        ws2 = wb.create_sheet(t("未匹配的附件", "unmatched attachments"))
        ws2.append([t("附件文件夹中没有对应申报人的文件夹或文件", "folders or files under --attachments that match no applicant")])
        for u in unmatched:
            ws2.append([_cell(u)])
        ws2.column_dimensions["A"].width = 60
    return workbook_bytes(wb, datetime(as_of.year, as_of.month, as_of.day))


__all__ = [
    "Options",
    "BatchResult",
    "run",
    "plan",
    "kind_of",
    "match_folders",
    "list_attachments",
    "output_name",
    "clean_temp",
    "summary_table",
    "STATE_FILE",
    "SUMMARY_FILE",
    "REPORT_FILE",
    "lang",
]
