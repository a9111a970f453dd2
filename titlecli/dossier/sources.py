"""The input files of a dossier: each is opened and checked before anything is laid out.

A file that is missing, encrypted, corrupt, empty, not what its name says, or a decompression
bomb becomes a `Broken` with a message naming the problem; the caller decides whether that is
an error (the default) or a placeholder page (`--skip-broken`).
"""

from __future__ import annotations

import hashlib
import logging
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import t

if TYPE_CHECKING:
    from pypdf import PdfReader

# .jfif is how Windows often saves a JPEG (browsers, WeChat): the same format under another name
IMAGE_KINDS = {"jpg": "jpeg", "jpeg": "jpeg", "jpe": "jpeg", "jfif": "jpeg", "png": "png", "tif": "tiff", "tiff": "tiff"}
MAGIC = {
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "tiff": (b"II*\x00", b"MM\x00*"),
}
# The same limit Pillow warns at (about 89 megapixels; an A4 page at 600 dpi is 35).
MAX_PIXELS = 89_478_485


class Broken(Exception):
    """An input that cannot go into the dossier; `str()` says why, in the user's language."""


class Unbindable(Broken):
    """A sound office document (.xls, .doc …) that some online systems take as it is (Sichuan:
    "pdf、doc、图片、xls") but that cannot be drawn onto a page: a marked page stands in for it and
    the user is told to print it; it does not stop the build."""


OFFICE_EXT = {"doc", "docx", "xls", "xlsx", "wps", "et", "odt", "ods"}


@dataclass
class Source:
    path: Path
    kind: str  # pdf | jpeg | png | tiff
    pages: int
    digest: str
    # images: pixel size as stored, EXIF orientation (1-8), resolution in dpi (0: unknown)
    size: tuple[int, int] = (0, 0)
    orientation: int = 1
    dpi: float = 0.0
    reader: PdfReader | None = None  # PDFs only
    frames: list[int] = field(default_factory=list)
    mode: str = ""
    # PDFs: what the reader holds, in bytes: the file, and any page contents decoded to check them
    held: int = 0
    kept: bool = False  # the reader checked while planning is kept for binding (plan.Keeper)


def _digest(data_head: bytes, data_tail: bytes, size: int) -> str:
    # Enough to tell inputs apart for the file identifier, without hashing every byte.
    return hashlib.sha256(str(size).encode() + data_head + data_tail).hexdigest()[:32]


def open_source(path: Path) -> Source:
    """Open and check one input file; raise Broken with the reason."""
    if path.is_dir():
        raise Broken(t("这是文件夹，不是文件；请写出其中的文件名", "this is a folder, not a file; name the file in it"))
    if not path.is_file():
        raise Broken(t("文件不存在", "file not found"))
    size = path.stat().st_size
    if size == 0:
        raise Broken(t("文件是空的（0 字节）", "the file is empty (0 bytes)"))
    with open(path, "rb") as f:
        head = f.read(65536)
        if size > 131072:
            f.seek(-65536, 2)
        tail = f.read(65536) if size > 65536 else b""
    digest = _digest(head, tail, size)
    ext = path.suffix.lower().lstrip(".")
    if ext == "pdf":
        if b"%PDF-" not in head[:1024]:
            raise Broken(t("扩展名是 .pdf，但内容不是 PDF", "named .pdf but is not a PDF") + _really(head))
        return _open_pdf(path, digest, size)
    kind = IMAGE_KINDS.get(ext)
    if kind is None and ext in OFFICE_EXT:
        raise Unbindable(
            t(
                f".{ext} 文件不能直接装订：请打印后放在此页处（网上申报时可原样上传）",
                f"a .{ext} file cannot be bound as it is: print it and put it in place of this page "
                "(online systems that accept it get it unchanged)",
            )
        )
    if kind is None:
        raise Broken(
            t(
                f"不支持的文件类型 .{ext}（支持 PDF、JPEG、PNG、TIFF）",
                f"unsupported file type .{ext} (PDF, JPEG, PNG and TIFF are supported)",
            )
        )
    if not head.startswith(MAGIC[kind]):
        raise Broken(
            t(f"扩展名是 .{ext}，但内容不是 {kind.upper()} 图片", f"named .{ext} but is not a {kind.upper()} image") + _really(head)
        )
    end = (tail or head).rstrip(b"\x00\r\n ")
    return _open_image(path, kind, digest, tail_ok=end.endswith(b"\xff\xd9"))


def _really(head: bytes) -> str:
    """What a misnamed file is, when it can be told, and what to do: "（实为 PNG 图片，请改名为 .png）"."""
    for kind, magics in MAGIC.items():
        if head.startswith(magics):
            ext = {"jpeg": "jpg", "tiff": "tif"}.get(kind, kind)
            return t(f"（实为 {kind.upper()} 图片，请把扩展名改为 .{ext}）", f" (it is a {kind.upper()} image: rename it to .{ext})")
    if b"%PDF-" in head[:1024]:
        return t("（实为 PDF，请把扩展名改为 .pdf）", " (it is a PDF: rename it to .pdf)")
    others = {b"GIF8": "GIF", b"BM": "BMP", b"RIFF": "WebP", b"PK\x03\x04": "Word/Excel/ZIP"}
    for magic, name in others.items():
        if head.startswith(magic):
            return t(f"（实为 {name} 文件，请另存为 PDF 或 JPEG）", f" (it is a {name} file: save it as PDF or JPEG)")
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        return t("（实为 HEIC 照片，请另存为 JPEG）", " (it is a HEIC photo: save it as JPEG)")
    try:
        head[:512].decode("utf-8")
        return t("（内容是文本，不是图片）", " (it holds text, not an image)")
    except UnicodeDecodeError:
        return ""


def _open_pdf(path: Path, digest: str, size: int) -> Source:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(path, strict=False)
            if reader.is_encrypted:
                try:
                    ok = bool(reader.decrypt(""))
                except DependencyError:
                    raise
                except Exception:
                    ok = False
                if not ok:
                    raise Broken(
                        t(
                            "PDF 已加密（需要密码）；请提供未加密的文件",
                            "the PDF is encrypted (needs a password); provide an unencrypted copy",
                        )
                    )
            n = len(reader.pages)
            if n == 0:
                raise Broken(t("PDF 没有任何页面", "the PDF has no pages"))
            from .assemble import ContentTooLarge, box_of, content_bytes

            held = size
            for page in reader.pages:
                # Touch what the layout will use, so a truncated file fails here, not halfway.
                x0, y0, x1, y1 = box_of(page)
                if x1 - x0 <= 0 or y1 - y0 <= 0:
                    raise Broken(t("PDF 页面尺寸无效（宽或高为 0）", "a PDF page has an invalid size (no width or height)"))
                contents = page.get("/Contents")
                if contents is not None:
                    contents = contents.get_object()
                    if isinstance(contents, list):  # decoded and joined when bound: check what it decodes to
                        try:
                            held += len(content_bytes(page))  # pypdf keeps what it decoded
                        except ContentTooLarge:
                            raise Broken(
                                t(
                                    "PDF 页面内容解压后过大（疑似解压炸弹），已拒绝",
                                    "a PDF page's content inflates to an absurd size (a decompression bomb?); refused",
                                )
                            ) from None
                    else:
                        contents._data  # noqa: B018 - reads the raw stream
                res = page.get("/Resources")
                if res is not None:
                    res.get_object()
    except Broken:
        raise
    except DependencyError:
        # AES encryption without the `cryptography` package (pypdf[crypto]): encrypted, not damaged
        raise Broken(
            t(
                "PDF 已加密（AES），无法打开：请提供未加密的文件，或安装 pypdf[crypto]",
                "the PDF is encrypted (AES) and cannot be opened: provide an unencrypted copy, or install pypdf[crypto]",
            )
        ) from None
    except Exception as e:  # noqa: BLE001 - pypdf raises many types for damaged files; one clear message for all
        msg = str(e).splitlines()[0][:120] if str(e) else type(e).__name__
        raise Broken(t("PDF 已损坏，无法读取", f"the PDF is damaged and cannot be read ({msg})")) from None
    return Source(path, "pdf", n, digest, reader=reader, held=held)


def _open_image(path: Path, kind: str, digest: str, tail_ok: bool = False) -> Source:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(path)
            w, h = im.size
            if w * h > MAX_PIXELS:
                raise Broken(
                    t(
                        f"图片像素过多（{w}×{h}，疑似解压炸弹），已拒绝",
                        f"the image has too many pixels ({w}×{h}; a decompression bomb?); refused",
                    )
                )
            if w < 1 or h < 1:
                raise Broken(t("图片尺寸无效", "the image has an invalid size"))
            orientation, dpi_x = _orientation_and_dpi(im)
            frames, mode = _decode(im, kind, tail_ok)
            im.close()
    except Broken:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Broken(t("图片像素过多（疑似解压炸弹），已拒绝", "the image has too many pixels (a decompression bomb?); refused")) from None
    except Exception as e:
        msg = str(e).splitlines()[0][:120] if str(e) else type(e).__name__
        raise Broken(t("图片已损坏，无法读取", f"the image is damaged and cannot be read ({msg})")) from None
    return Source(path, kind, len(frames), digest, size=(w, h), orientation=orientation, dpi=dpi_x, frames=frames, mode=mode)


def _orientation_and_dpi(im) -> tuple[int, float]:
    """How the scan is to be turned (EXIF 1-8) and its horizontal resolution (0 when unsaid);
    a damaged EXIF block or a nonsense value counts as unsaid."""
    try:
        orientation = int(im.getexif().get(0x0112, 1) or 1)
    except Exception:
        orientation = 1
    if orientation not in range(1, 9):
        orientation = 1
    dpi = im.info.get("dpi", (0, 0))
    try:
        dpi_x = float(dpi[0]) if dpi and dpi[0] else 0.0
    except (TypeError, ValueError):
        dpi_x = 0.0
    return orientation, dpi_x


def _decode(im, kind: str, tail_ok: bool) -> tuple[list[int], str]:
    """Decode as much as it takes to know the image is whole: its frames and its colour mode."""
    mode = im.mode
    if kind == "jpeg":
        # A complete JPEG ends with its EOI marker; only one that does not is decoded (at
        # 1/8 scale, cheap) to find out whether it is truncated or damaged.
        if not tail_ok:
            w, h = im.size
            im.draft("L", (max(1, w // 8), max(1, h // 8)))
            im.load()
        if im.mode not in ("RGB", "L", "CMYK"):
            raise Broken(
                t(
                    f"不支持此颜色模式的 JPEG（{im.mode}）；请另存为 RGB",
                    f"a JPEG in {im.mode} colour cannot be embedded; save it as RGB",
                )
            )
        if im.mode == "CMYK" and "adobe" in im.info:
            mode = "CMYK;I"  # Adobe-marked CMYK JPEGs store inverted values
        return [0], mode
    if kind == "tiff":
        frames = list(range(getattr(im, "n_frames", 1)))
        for i in frames:
            im.seek(i)
            if im.size[0] * im.size[1] > MAX_PIXELS:
                raise Broken(t("图片像素过多（疑似解压炸弹），已拒绝", "the image has too many pixels (a decompression bomb?); refused"))
            im.load()
        return frames, mode
    im.load()
    return [0], mode
