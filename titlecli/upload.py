"""Upload-ready files for a region's online declaration system (region `online.items`).

One file per upload item, in the system's order and with its names, each within the limits:
files already within them are copied byte for byte; images are re-encoded only when they must
shrink (JPEG quality stepped down, then resolution, never below a legible size); PDFs are
compressed, then their images re-encoded; several documents for one item are merged.  The
folder is written to a temp folder and renamed at the end; originals are never touched.
"""

from __future__ import annotations

import glob
import hashlib
import io
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import alive
from .datafile import os_reason
from .errors import Problem, UserError
from .i18n import t
from .model import Profile
from .pdfstreams import plain_streams
from .rules import FileLimit, Region, UploadItem

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

IMAGE_EXT = {"jpg", "jpeg", "png", "tif", "tiff", "bmp"}
QUALITIES = (85, 75, 65, 55, 45, 35)


@dataclass
class UploadFile:
    item: str
    name: str
    file: str | None
    bytes: int
    limit_kb: int | None
    formats: list[str]
    action: str
    ok: bool
    sources: list[str] = field(default_factory=list)
    note: str = ""
    sha256: str | None = None  # of the file written: what makes the folder titlecli's to replace

    def to_json(self) -> dict:
        return {
            "item": self.item,
            "name": self.name,
            "file": self.file,
            "bytes": self.bytes,
            "sha256": self.sha256,
            "limit_kb": self.limit_kb,
            "formats": self.formats,
            "action": self.action,
            "ok": self.ok,
            "sources": self.sources,
            "note": self.note,
        }


@dataclass
class UploadResult:
    folder: Path
    system: str
    files: list[UploadFile]

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.files)


def _ext(p: Path) -> str:
    e = p.suffix.lower().lstrip(".")
    return {"jpeg": "jpg", "jfif": "jpg", "jpe": "jpg", "tif": "tiff"}.get(e, e)


def _signatures() -> tuple[tuple[bytes, str], ...]:
    """The dossier's own image signatures (titlecli.dossier.sources.MAGIC), by upload file ending,
    plus the two more an online system may take as they are."""
    from .dossier.sources import MAGIC

    return tuple((m, _ext(Path("x." + kind))) for kind, ms in MAGIC.items() for m in ms) + ((b"%PDF-", "pdf"), (b"BM", "bmp"))


def _real_ext(p: Path) -> str:
    """The format by the file's first bytes (a PNG named .jpg is a png), else by its name."""
    try:
        with open(p, "rb") as f:
            head = f.read(8)
    except OSError:
        return _ext(p)
    return next((e for m, e in _signatures() if head.startswith(m)), _ext(p))


def _norm_formats(limit: FileLimit | None) -> list[str]:
    if limit is None or not limit.formats:
        return []
    return [{"jpeg": "jpg", "tif": "tiff"}.get(f.lower(), f.lower()) for f in limit.formats]


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("_") or "item"


def _min_long_side(limit: FileLimit | None, kind: str) -> int:
    if limit and limit.min_long_side_px:
        return limit.min_long_side_px
    return 390 if kind == "photo" else 1240  # a 1-inch photo at 300 dpi; A4 at 150 dpi


def _open_image(path: Path) -> PILImage:
    from PIL import Image, ImageOps

    try:
        im: PILImage = Image.open(path)
        im.load()
    except Image.DecompressionBombError:
        raise UserError(
            Problem(str(path), "", t("图片像素过多（疑似解压炸弹），已拒绝", "image has too many pixels (a decompression bomb?); refused"))
        ) from None
    except Exception:
        raise UserError(
            Problem(
                str(path),
                "",
                t("无法作为图片打开（文件损坏或与扩展名不符）", "cannot be opened as an image (corrupt, or not what its name says)"),
            )
        ) from None
    im = ImageOps.exif_transpose(im)
    if im.mode in ("I;16", "I;16L", "I;16B", "I;16N"):  # 16-bit grey: scale, do not clip to white
        im = im.convert("I").point(lambda v: v / 256).convert("L")
    elif im.mode in ("I", "F"):
        top = im.getextrema()[1]  # one band: (lowest, highest)
        hi = top if isinstance(top, (int, float)) and top else 1
        im = (im.point(lambda v: v * (255 / hi)) if hi > 255 else im).convert("L")
    if im.mode not in ("RGB", "L"):
        bg = Image.new("RGB", im.size, "white")
        bg.paste(im.convert("RGBA"), mask=im.convert("RGBA").split()[-1])
        im = bg
    return im


def _exif_turned(path: Path) -> bool:
    from PIL import Image

    try:
        with Image.open(path) as im:
            return im.getexif().get(0x0112, 1) not in (1, None)
    except Exception:
        return False  # _open_image names the problem


def _stack(images):
    """Several pages of one item as one tall image (systems that take one JPG per item)."""
    from PIL import Image

    if len(images) == 1:
        return images[0]
    width = min(im.width for im in images)
    scaled = [im if im.width == width else im.resize((width, round(im.height * width / im.width))) for im in images]
    out = Image.new("RGB", (width, sum(im.height for im in scaled)), "white")
    y = 0
    for im in scaled:
        out.paste(im.convert("RGB"), (0, y))
        y += im.height
    return out


def shrink_jpeg(im, max_bytes: int | None, min_long_side: int, page_long_side: int | None = None) -> tuple[bytes, str, bool]:
    """Encode within max_bytes: quality first, then resolution; never below min_long_side.

    For pages stacked into one image, page_long_side is the long side of the smallest page in
    it: the floor then holds for every page, not for the whole stack."""
    im = im.convert("RGB") if im.mode not in ("RGB", "L") else im
    floor = min_long_side
    if page_long_side:
        floor = -(-min_long_side * max(im.width, im.height) // page_long_side)

    def enc(img, q: int) -> bytes:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=q, optimize=True)
        return buf.getvalue()

    if max_bytes is None:
        return enc(im, QUALITIES[0]), t(f"转为 JPG（质量 {QUALITIES[0]}）", f"converted to JPG (quality {QUALITIES[0]})"), True
    scale = 1.0
    cur = im
    best = None
    while True:
        lo_data = enc(cur, QUALITIES[-1])
        if len(lo_data) <= max_bytes:
            # the highest quality that fits, by bisection over the steps
            lo, hi = 0, len(QUALITIES) - 1  # QUALITIES[hi] fits
            data = lo_data
            while lo < hi:
                mid = (lo + hi) // 2
                d = enc(cur, QUALITIES[mid])
                if len(d) <= max_bytes:
                    hi, data = mid, d
                else:
                    lo = mid + 1
            what = t(f"重新压缩：质量 {QUALITIES[hi]}", f"re-encoded: quality {QUALITIES[hi]}")
            if scale < 1.0:
                what += t(f"，缩放至 {cur.width}×{cur.height}", f", resized to {cur.width}×{cur.height}")
            return data, what, True
        best = lo_data
        # too big even at the lowest quality: estimate the scale that would fit
        ratio = (max_bytes / len(lo_data)) ** 0.5 * 0.95
        nxt = scale * max(0.5, min(0.9, ratio))
        if max(im.width, im.height) * nxt < floor:
            if max(cur.width, cur.height) > floor:
                nxt = floor / max(im.width, im.height)
            elif page_long_side:
                return (
                    best,
                    t(
                        f"无法在保持清晰（每页长边不小于 {min_long_side} 像素）的前提下压到限制以内；请减少页数或分项上传",
                        f"cannot be made small enough while staying legible (each page's long side at least {min_long_side} px); "
                        "upload fewer pages",
                    ),
                    False,
                )
            else:
                return (
                    best,
                    t(
                        f"无法在保持清晰（长边不小于 {min_long_side} 像素）的前提下压到限制以内",
                        f"cannot be made small enough while staying legible (long side at least {min_long_side} px)",
                    ),
                    False,
                )
        scale = nxt
        cur = im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))))


def _pdf_pages_as_images(path: Path):
    """The scanned images inside a PDF, one per page (systems that take JPG only)."""
    from .dossier.sources import Broken, open_source

    try:
        reader = open_source(path).reader  # says why: encrypted, damaged, not a PDF
    except Broken as e:
        raise UserError(Problem(str(path), "", str(e))) from None
    assert reader is not None  # a file open_source took for a PDF has its reader
    out = []
    for i, page in enumerate(reader.pages):
        where = t(f"第 {i + 1} 页", f"page {i + 1}")
        try:
            imgs = list(page.images)
            decoded = [im.image for im in imgs if im.image is not None]
            if len(decoded) < len(imgs):
                raise ValueError("an image Pillow cannot open")  # said below like any undecodable one
            best = max(decoded, key=lambda x: x.width * x.height) if decoded else None
        except Exception as e:  # noqa: BLE001 - an image format pypdf or Pillow cannot decode (JBIG2, JPX …)
            why = str(e).splitlines()[0][:80] if str(e) else type(e).__name__
            raise UserError(
                Problem(
                    str(path),
                    where,
                    t(
                        "此页的扫描图像无法解码，不能转换为 JPG；请用扫描软件另存为 JPG 或普通 PDF",
                        f"the scanned image on this page cannot be decoded ({why}) to make a JPG; save it as JPG or a plain PDF",
                    ),
                )
            ) from None
        if best is None:
            raise UserError(
                Problem(
                    str(path),
                    where,
                    t("此页没有扫描图像，无法转换为 JPG；请上传扫描件", "this page has no scanned image to turn into a JPG; use a scan"),
                )
            )
        out.append(best)
    return out


@plain_streams()
def _images_to_pdf(paths_or_images, out: io.BytesIO) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(out, pagesize=A4, invariant=1, pageCompression=1)
    w, h = A4
    for src in paths_or_images:
        img = ImageReader(src)
        iw, ih = img.getSize()
        s = min((w - 40) / iw, (h - 40) / ih)
        c.drawImage(img, (w - iw * s) / 2, (h - ih * s) / 2, iw * s, ih * s)
        c.showPage()
    c.save()


def _merge_pdf(docs: list[Path]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for p in docs:
        if _real_ext(p) == "pdf":
            try:
                reader = PdfReader(p)
                if reader.is_encrypted:
                    raise UserError(Problem(str(p), "", t("PDF 已加密，无法合并", "the PDF is encrypted")))
                for page in reader.pages:
                    writer.add_page(page)
            except UserError:
                raise
            except Exception:
                raise UserError(Problem(str(p), "", t("无法读取 PDF（已损坏）", "cannot read the PDF (corrupt)"))) from None
        elif _real_ext(p) not in IMAGE_EXT:
            raise UserError(
                Problem(
                    str(p),
                    "",
                    t(
                        f"无法并入 PDF：只能合并 PDF 和图片，.{_ext(p)} 文件请先另存为 PDF",
                        f"cannot go into a PDF: only PDFs and images can be merged; save the .{_ext(p)} file as PDF first",
                    ),
                )
            )
        else:
            buf = io.BytesIO()
            from PIL import Image

            try:
                with Image.open(p) as probe:
                    needs_fix = probe.format != "JPEG" or (probe.getexif() or {}).get(0x0112, 1) != 1
            except Exception:
                needs_fix = True  # _open_image names the problem
            _images_to_pdf([_open_image(p) if needs_fix else str(p)], buf)
            for page in PdfReader(io.BytesIO(buf.getvalue())).pages:
                writer.add_page(page)
    writer.remove_javascript() if hasattr(writer, "remove_javascript") else None
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def shrink_pdf(data: bytes, max_bytes: int | None) -> tuple[bytes, str, bool]:
    if max_bytes is None or len(data) <= max_bytes:
        return data, "", True
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        page.compress_content_streams()
    writer.compress_identical_objects()
    buf = io.BytesIO()
    writer.write(buf)
    if len(buf.getvalue()) <= max_bytes:
        return buf.getvalue(), t("压缩 PDF 内容流", "compressed the PDF's streams"), True
    for q in QUALITIES[1:]:
        w2 = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        for page in w2.pages:
            for img in page.images:
                try:
                    if img.image is None:  # a kind of image Pillow cannot read: left as it is
                        continue
                    img.replace(img.image.convert("RGB"), quality=q)
                except Exception:
                    continue
            page.compress_content_streams()
        out = io.BytesIO()
        w2.write(out)
        if len(out.getvalue()) <= max_bytes:
            return out.getvalue(), t(f"PDF 中的图像重新压缩：质量 {q}", f"images in the PDF re-encoded: quality {q}"), True
    return (
        out.getvalue(),
        t("PDF 无法压到限制以内，请拆分或降低扫描分辨率", "the PDF cannot be made small enough; split it or scan at a lower resolution"),
        False,
    )


@plain_streams()
def _placeholder(formats: list[str]) -> tuple[bytes, str]:
    note = "本栏不适用（占位文件）\nThis item does not apply (placeholder).\n"
    if not formats or "txt" in formats:
        return note.encode("utf-8"), "txt"
    if "pdf" in formats:
        from reportlab.pdfgen import canvas

        buf = io.BytesIO()
        c = canvas.Canvas(buf, invariant=1)
        c.setFont("Helvetica", 14)
        c.drawString(72, 760, "N/A - this item does not apply (placeholder)")
        c.showPage()
        c.save()
        return buf.getvalue(), "pdf"
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (600, 200), "white").save(buf, "JPEG", quality=80)
    return buf.getvalue(), "jpg"


def build_item(item: UploadItem, docs: list[Path], limit: FileLimit | None, kind_hint: str) -> tuple[bytes | None, str, str, bool, str]:
    """(data, extension, action, ok, note) for one upload item."""
    formats = _norm_formats(limit)
    max_bytes = limit.max_kb * 1024 if limit and limit.max_kb else None
    if not docs:
        if item.placeholder:
            data, ext = _placeholder(formats)
            return data, ext, t("占位文件（此栏必填但不适用）", "placeholder (mandatory slot that does not apply)"), True, ""
        if item.required:
            return None, "", t("缺少材料", "missing"), False, t("档案 documents 中没有此类材料", "no such document in the profile")
        return None, "", t("未提供（非必需）", "not given (optional)"), True, ""
    exts = [_real_ext(p) for p in docs]
    # a JPG stored sideways (EXIF orientation) is shown sideways by the system: turn it upright
    turned = len(docs) == 1 and exts[0] == "jpg" and "jpg" in formats and _exif_turned(docs[0])
    # one file already acceptable: copy it untouched
    if len(docs) == 1 and not turned and (not formats or exts[0] in formats) and (max_bytes is None or docs[0].stat().st_size <= max_bytes):
        if exts[0] in IMAGE_EXT:
            _open_image(docs[0])  # refuse corrupt images even when only copying
        return docs[0].read_bytes(), exts[0], t("原样复制", "copied unchanged"), True, ""
    want_pdf = ("pdf" in formats or not formats) and not (all(e in IMAGE_EXT for e in exts) and ("jpg" in formats))
    if want_pdf:
        data = _merge_pdf(docs)
        if len(docs) > 1:
            action = t(f"合并 {len(docs)} 个文件为 PDF", f"merged {len(docs)} files into a PDF")
        else:
            action = "" if exts[0] == "pdf" else t("转为 PDF", "converted to PDF")
        data, how, ok = shrink_pdf(data, max_bytes)
        action = t("；", "; ").join(x for x in (action, how) if x) or t("原样写出 PDF", "PDF written as it is")
        return data, "pdf", action, ok, "" if ok else how
    if "jpg" in formats:
        images: list[PILImage] = []
        for p, e in zip(docs, exts, strict=False):
            images += _pdf_pages_as_images(p) if e == "pdf" else [_open_image(p)]
        im = _stack(images)
        page = None
        if len(images) > 1:  # the pages as _stack scales them to one width
            page = min(max(im.width, round(x.height * im.width / x.width)) for x in images)
        data, how, ok = shrink_jpeg(im, max_bytes, _min_long_side(limit, kind_hint), page)
        action = (t(f"合并 {len(images)} 页为一张 JPG；", f"stacked {len(images)} pages into one JPG; ") if len(images) > 1 else "") + how
        if turned:
            action = t("按 EXIF 方向转正；", "turned upright (EXIF orientation); ") + action
        return data, "jpg", action, ok, "" if ok else how
    return (
        None,
        "",
        t("格式不受支持", "format not accepted"),
        False,
        t(f"系统只接受 {'/'.join(formats)}", f"the system accepts only {'/'.join(formats)}"),
    )


def _sanitised(data: bytes, docs: list[Path], action: str, ok: bool, note: str, limit: FileLimit | None) -> tuple[bytes, str, bool, str]:
    """Every PDF goes into the upload folder through titlecli.pdfsafe: no JavaScript, actions,
    embedded files or XFA, however it was made (copied, merged, compressed); the action says what
    was removed.  Removing may not make a file bigger than the system takes: it is shrunk again.
    A PDF that cannot be read through cannot be vouched for: it is refused, not copied."""
    from . import pdfsafe

    where = str(docs[0]) if len(docs) == 1 else None
    try:
        data, removed = pdfsafe.clean(data)
    except pdfsafe.Locked:
        raise UserError(
            Problem(
                where,
                "",
                t(
                    "PDF 已加密（需要密码），无法确认其中没有脚本或嵌入文件，未放入上传文件夹；请提供未加密的文件",
                    "the PDF is encrypted (needs a password), so it cannot be checked for scripts or embedded files "
                    "and was left out; provide an unencrypted copy",
                ),
            )
        ) from None
    except Exception as e:  # noqa: BLE001 - pypdf raises many types for damaged files
        msg = str(e).splitlines()[0][:120] if str(e) else type(e).__name__
        raise UserError(
            Problem(
                where,
                "",
                t("PDF 已损坏，无法读取，未放入上传文件夹", f"the PDF is damaged and cannot be read ({msg}); left out"),
            )
        ) from None
    if not removed:
        return data, action, ok, note
    what = pdfsafe.describe(removed)
    if action == t("原样复制", "copied unchanged"):
        action = t("复制", "copied")
    action += t(f"；已清除其中的{what}", f"; its {what} removed")
    max_bytes = limit.max_kb * 1024 if limit and limit.max_kb else None
    if ok and max_bytes is not None and len(data) > max_bytes:
        data, how, ok = shrink_pdf(data, max_bytes)
        data = pdfsafe.clean(data)[0]
        action += t("；", "; ") + how
        note = "" if ok else how
    return data, action, ok, note


def _our_files(folder: Path) -> tuple[set[str] | None, list[str]]:
    """The files a previous run wrote into folder, by its manifest (None if it has none of
    ours), and those of them changed since: each must have the size and SHA-256 recorded when it
    was written, so a manifest.json copied or planted into a folder does not make it ours."""
    try:
        m = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        listed = [f for f in m["files"] if f.get("file")] if "system" in m else None
        if listed is None or any(Path(f["file"]).name != f["file"] or not f.get("sha256") for f in listed):
            return None, []
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None, []
    changed = []
    for f in listed:
        p = folder / f["file"]
        try:
            ok = not p.is_symlink() and p.stat().st_size == f["bytes"] and hashlib.sha256(p.read_bytes()).hexdigest() == f["sha256"]
        except OSError:
            ok = not os.path.lexists(p)  # gone: nothing of the user's to lose
        if not ok:
            changed.append(f["file"])
    return {f["file"] for f in listed} | {"manifest.json"}, changed


def _running(pid: int) -> bool:
    """Whether another process with this id still runs (its temp folder is not stale)."""
    if pid == os.getpid():
        return False
    if os.name == "nt":  # os.kill would end the process there; keep the folder
        return True
    return alive(pid)


def check_target(out_dir: Path, inputs=()) -> None:
    """Refuse, before anything is built, an upload folder whose replacement would lose something:
    a file of that name, a folder titlecli did not write, files added to ours since, or a folder
    holding the profile, its documents or the dossier (`inputs`)."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(
            Problem(
                str(out_dir),
                "--upload",
                t("已有同名文件（不是文件夹）；请换一个位置", "a file of that name exists (not a folder); choose another"),
            )
        )
    here = out_dir.resolve()
    for p in inputs:
        rp = Path(p).resolve()
        if rp == here or here in rp.parents:
            raise UserError(
                Problem(
                    str(out_dir),
                    "--upload",
                    t(
                        f"上传文件夹会在每次运行时整体替换，不能包含档案、材料或卷宗（{p}）；请换一个位置",
                        f"the upload folder is replaced on every run and must not hold the profile, "
                        f"its documents or the dossier ({p}); choose another",
                    ),
                )
            )
    if not out_dir.is_dir() or not any(out_dir.iterdir()):
        return
    ours, changed = _our_files(out_dir)
    if changed:
        raise UserError(
            Problem(
                str(out_dir),
                "--upload",
                t(
                    f"文件夹中的 {'、'.join(changed)} 在上次生成后被修改过；重新生成会替换整个文件夹，请先移走或改名，或换一个位置",
                    f"{', '.join(changed)} in the folder changed since titlecli wrote it; a rebuild replaces the whole folder, "
                    "so move or rename it first, or choose another",
                ),
            )
        )
    if ours is None:
        raise UserError(
            Problem(
                str(out_dir),
                "--upload",
                t(
                    "文件夹已存在且不是 titlecli 生成的上传文件夹；请换一个位置",
                    "the folder exists and was not made by titlecli; choose another",
                ),
            )
        )
    extra = sorted(x.name for x in out_dir.iterdir() if x.name not in ours)
    if extra:
        raise UserError(
            Problem(
                str(out_dir),
                "--upload",
                t(
                    f"文件夹中有不是 titlecli 写入的文件：{'、'.join(extra)}；重新生成会替换整个文件夹，请先移走它们或换一个位置",
                    f"the folder holds files titlecli did not write: {', '.join(extra)}; a rebuild replaces "
                    "the whole folder, so move them first or choose another",
                ),
            )
        )


def build(
    profile: Profile,
    base_dir: Path,
    region: Region,
    as_of: date,
    out_dir: Path,
    *,
    level: str | None = None,
    skip_broken: bool = False,
    inputs=(),
) -> UploadResult:
    """The upload folder.  skip_broken: a document that cannot be read marks its item ✗ (with
    the reason) instead of stopping; inputs: more files the folder must not hold (the dossier)."""
    from .engine import applies

    if region.online is None or not region.online.items:
        raise UserError(
            Problem(
                region.path,
                "online.items",
                t(f"地区 {region.id} 没有网上申报系统的上传项目", f"region {region.id} describes no online upload items"),
            )
        )
    online = region.online
    out_dir = Path(out_dir)
    check_target(out_dir, [base_dir / d.file for d in profile.documents] + list(inputs))
    tmp = _fresh_tmp(out_dir)
    files: list[UploadFile] = []
    try:
        for item in online.items:
            if applies(item.applies_to, profile, None):
                files.append(_upload_file(item, len(files) + 1, profile, base_dir, online, tmp, skip_broken))
        manifest = {
            "system": online.system,
            "source": str(online.source),
            "region": region.id,
            "as_of": as_of.isoformat(),
            "applicant": profile.masked_id,
            "files": [f.to_json() for f in files],
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        _put_in_place(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return UploadResult(out_dir, online.system, files)


def _fresh_tmp(out_dir: Path) -> Path:
    """A new folder beside OUT to build in, after removing those a killed run left there."""
    for stale in out_dir.parent.glob(f".{glob.escape(out_dir.name)}.tmp-*"):  # left by a killed run
        m = re.fullmatch(r"\.tmp-(\d+)", stale.name[len(out_dir.name) + 1 :])
        if stale.is_dir() and m and not _running(int(m.group(1))):
            shutil.rmtree(stale, ignore_errors=True)
    tmp = out_dir.parent / f".{out_dir.name}.tmp-{os.getpid()}"
    try:
        tmp.mkdir(parents=True)
    except OSError as e:
        raise UserError(
            Problem(
                str(out_dir), "--upload", t(f"无法创建上传文件夹（{os_reason(e)}）", f"cannot create the upload folder ({os_reason(e)})")
            )
        ) from None
    return tmp


def _put_in_place(tmp: Path, out_dir: Path) -> None:
    """The finished folder replaces OUT (the old one removed only once the new one is there)."""
    if out_dir.exists():
        check_target(out_dir)  # nothing was added while it was being built
        old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
        os.replace(out_dir, old)
        os.replace(tmp, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, out_dir)


def _upload_file(item, n: int, profile: Profile, base_dir: Path, online, tmp: Path, skip_broken: bool) -> UploadFile:
    """One upload item: its documents made into the one file the system takes, written as
    NN_NAME.EXT into the folder being built when the system would accept it."""
    keyed = [(f"documents[{i}].file", base_dir / d.file) for i, d in enumerate(profile.documents) if d.kind in item.kinds]
    left_out = ""
    if item.limit == "photo" and len(keyed) > 1:  # one ID photo, never several glued together
        left_out = t(
            f"系统只收一张照片，{'、'.join(p.name for _, p in keyed[1:])} 未使用；",
            f"the system takes one photo; {', '.join(p.name for _, p in keyed[1:])} left out; ",
        )
        keyed = keyed[:1]
    docs = [p for _, p in keyed]
    limit = online.photo if item.limit == "photo" else online.scan
    try:
        for key, p in keyed:
            if not p.is_file():
                raise UserError(Problem(str(p), key, t("文件不存在", "file not found")))
        data, ext, action, ok, note = build_item(item, docs, limit, "photo" if item.limit == "photo" else "scan")
        if data is not None and ext == "pdf":
            data, action, ok, note = _sanitised(data, docs, action, ok, note, limit)
        action = left_out + action
    except UserError as e:
        keys = {str(p): k for k, p in keyed}
        e = UserError([Problem(x.file, x.path or keys.get(x.file or "", ""), x.message, x.line) for x in e.problems])
        if not skip_broken:
            raise e from None
        data, ext, action, ok, note = None, "", t("无法读取，已跳过", "unreadable; skipped"), False, str(e)
    size = len(data) if data is not None else 0
    if data is not None and not ok:  # the system would refuse it: not in the folder
        why = t(
            f"（最小只能压到 {size / 1024:.0f} KB，未写入上传文件夹）",
            f" (at best {size / 1024:.0f} KB; not written to the upload folder)",
        )
        note, action, data = note + why, action + why, None
    name = None
    if data is not None:
        name = f"{n:02d}_{_safe(item.name)}.{ext}"
        (tmp / name).write_bytes(data)
    digest = hashlib.sha256(data).hexdigest() if data is not None else None
    relative = [os.path.relpath(p, base_dir) for p in docs]
    return UploadFile(
        item.id, item.name, name, size, limit.max_kb if limit else None, _norm_formats(limit), action, ok, relative, note, digest
    )


def print_table(res: UploadResult, console) -> None:
    from rich.table import Table

    from .term import esc

    table = Table(title=t(f"上传文件：{esc(res.system)}", f"Upload files: {esc(res.system)}"))
    for col in (t("项目", "Item"), t("文件", "File"), t("大小", "Size"), t("限制", "Limit"), t("处理", "Done"), ""):
        table.add_column(col, overflow="fold")
    for f in res.files:
        size = "—" if not f.file else (f"{f.bytes} B" if f.bytes < 1024 else f"{f.bytes / 1024:.0f} KB")
        table.add_row(  # item names come from the region file, notes quote file names
            esc(f.name),
            esc(f.file or "—"),
            size,
            f"{f.limit_kb} KB" if f.limit_kb else "—",
            esc(f.action + (t(f"（{f.note}）", f" ({f.note})") if f.note and f.note not in f.action else "")),
            "[green]✓[/]" if f.ok else "[red]✗[/]",
        )
    console.print(table)
