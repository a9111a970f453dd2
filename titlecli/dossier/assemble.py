"""Putting PDF attachments into the laid-out pages, then bookmarks, metadata and the file.

Each attachment page becomes a form XObject (its content stream kept as it is, compressed
bytes and all, with its resources) drawn under the footer, scaled into the document area.
Only the page's content and resources are carried over, after titlecli.pdfsafe has scrubbed
them: annotations, JavaScript, open actions, embedded files and form actions of the attachment
never reach the output, not even hidden in the page's resources; the finished document is
scrubbed once more as a whole.
"""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .plan import Plan

# What the contents of one page may decode to, all streams of its /Contents array together: a
# scanned page draws one image (a few hundred bytes of operators); 64 MB is no real page.
MAX_CONTENT_BYTES = 64 * 1024 * 1024


class ContentTooLarge(Exception):
    pass


def rotation(page) -> int:
    """The page's /Rotate as 0, 90, 180 or 270.  A value that is not a multiple of 90 (45, /Foo)
    is ignored as PDF readers ignore it (PDF 32000 7.7.3.3 allows only multiples of 90)."""
    try:
        r = int(float(page.get("/Rotate", 0) or 0))
    except (TypeError, ValueError):
        return 0
    return r % 360 if r % 90 == 0 else 0


def box_of(page) -> tuple[float, float, float, float]:
    """The visible box (CropBox, else MediaBox) as x0 <= x1, y0 <= y1: a box written with its
    corners the other way round (legal: PDF 32000 7.9.5) is the same rectangle."""
    x0, y0, x1, y1 = (float(v) for v in page.cropbox)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def content_bytes(page, limit: int = MAX_CONTENT_BYTES) -> bytes:
    """The decoded content of a page whose /Contents is an array of streams, joined; raises
    ContentTooLarge past `limit` without decoding further (a "content-stream bomb": many small
    streams each inflating to tens of megabytes)."""
    import zlib

    from pypdf.generic import NameObject

    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    streams = contents if isinstance(contents, list) else ([contents] if contents is not None else [])
    out: list[bytes] = []
    total = 0
    for s in streams:
        s = s.get_object()
        flt = s.get("/Filter")
        if isinstance(flt, list) and len(flt) == 1:
            flt = flt[0]
        if flt == NameObject("/FlateDecode") and "/DecodeParms" not in s:
            d = zlib.decompressobj()
            data = d.decompress(s._data, limit - total + 1)
        else:
            data = s.get_data()
        total += len(data) + 1
        if total > limit:
            raise ContentTooLarge
        out.append(data)
    return b"\n".join(out)


def _matrix(box, rotate: int, area) -> tuple[float, ...]:
    """The transform that puts a page's visible box, turned by /Rotate, centred into area."""
    x0, y0, x1, y1 = (float(v) for v in box)
    x0, x1, y0, y1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    w, h = x1 - x0, y1 - y0
    r = rotate % 360
    dw, dh = (h, w) if r in (90, 270) else (w, h)
    ax, ay, aw, ah = area
    s = min(aw / dw, ah / dh)
    ox, oy = ax + (aw - dw * s) / 2, ay + (ah - dh * s) / 2
    a, b, c, d, e, f = {0: (1, 0, 0, 1, 0, 0), 90: (0, -1, 1, 0, 0, w), 180: (-1, 0, 0, -1, w, h), 270: (0, 1, -1, 0, h, 0)}[r]
    # first move the box's corner to the origin
    e, f = a * -x0 + c * -y0 + e, b * -x0 + d * -y0 + f
    return (a * s, b * s, c * s, d * s, e * s + ox, f * s + oy)


def _form(writer, page):
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        EncodedStreamObject,
        FloatObject,
        NameObject,
        NumberObject,
        StreamObject,
    )

    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    form: StreamObject
    if isinstance(contents, EncodedStreamObject):
        form = EncodedStreamObject()
        form._data = contents._data
        for key in ("/Filter", "/DecodeParms"):
            if key in contents:
                form[NameObject(key)] = contents[key].clone(writer)
    else:
        form = DecodedStreamObject()
        form.set_data(content_bytes(page))  # sources.py checked it stays under the limit
        form = form.flate_encode()
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/FormType")] = NumberObject(1)
    form[NameObject("/BBox")] = ArrayObject([FloatObject(v) for v in box_of(page)])
    res = page.get("/Resources")
    form[NameObject("/Resources")] = res.get_object().clone(writer) if res is not None else DictionaryObject()
    group = page.get("/Group")
    if group is not None:
        form[NameObject("/Group")] = group.get_object().clone(writer)
    return writer._add_object(form)


def _appearances(writer, page) -> list[tuple[object, tuple[float, ...]]]:
    """Visible annotation appearances (filled-in form fields, stamps, comments) as form
    XObjects with the matrix that puts each into its /Rect (PDF 32000 12.5.5).  The
    annotations themselves, and any action they carry, are not copied."""
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    out: list[tuple[object, tuple[float, ...]]] = []
    annots = page.get("/Annots")
    annots = annots.get_object() if annots is not None else None
    for a in annots if isinstance(annots, list) else []:
        try:
            a = a.get_object()
            if a.get("/Subtype") in ("/Link", "/Popup") or int(a.get("/F", 0) or 0) & (2 | 32):
                continue
            ap = a.get("/AP")
            n = ap.get_object().get("/N") if ap is not None else None
            n = n.get_object() if n is not None else None
            if isinstance(n, DictionaryObject) and not isinstance(n, StreamObject):
                state = a.get("/AS")
                chosen = n.get(state) if state is not None else None
                n = chosen.get_object() if chosen is not None else None
            if not isinstance(n, StreamObject) or "/BBox" not in n:
                continue
            bbox = n["/BBox"]
            if not isinstance(bbox, list):
                continue
            rx0, ry0, rx1, ry1 = (float(v) for v in a["/Rect"])
            rx0, rx1, ry0, ry1 = min(rx0, rx1), max(rx0, rx1), min(ry0, ry1), max(ry0, ry1)
            bx0, by0, bx1, by1 = (float(v) for v in bbox)
            ma, mb, mc, md, me, mf = (float(v) for v in n.get("/Matrix", [1, 0, 0, 1, 0, 0]))
            xs, ys = [], []
            for x, y in ((bx0, by0), (bx1, by0), (bx0, by1), (bx1, by1)):
                xs.append(ma * x + mc * y + me)
                ys.append(mb * x + md * y + mf)
            w, h = max(xs) - min(xs), max(ys) - min(ys)
            if w <= 0 or h <= 0:
                continue
            sx, sy = (rx1 - rx0) / w, (ry1 - ry0) / h
            m = (sx, 0.0, 0.0, sy, rx0 - min(xs) * sx, ry0 - min(ys) * sy)
            form = n.clone(writer)
            form[NameObject("/Type")] = NameObject("/XObject")
            form[NameObject("/Subtype")] = NameObject("/Form")
            ref = form.indirect_reference or writer._add_object(form)
            out.append((ref, m))
        except Exception:  # noqa: BLE001 - a damaged annotation is left out, the page still goes in
            continue
    return out


_TEXT_OPS = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+[-+\d.]+\s+Tf\b|(?<![A-Za-z*])(?:Tj|TJ)\b|[)\]>]\s*['\"]")


def _fonts_showing_text(page) -> set[bytes]:
    """Resource names of the fonts that are current when text is shown (Tj, TJ, ', ").
    reportlab, for one, selects Helvetica ("/F1 12 Tf") on every page, text or not: a drawing
    or a scan with no text lacks no font."""
    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    used: set[bytes] = set()
    current = None
    for m in _TEXT_OPS.finditer(data):
        if m.group(1) is not None:
            current = m.group(1)
        elif current is not None:
            used.add(current)
    return used


def unembedded_fonts(page) -> set[str]:
    """Names of the fonts a page uses without carrying them (base-14 Helvetica and the like):
    they print in whatever the reader substitutes, so the user is told."""
    out: set[str] = set()
    try:
        fonts = page.get("/Resources", {}).get_object().get("/Font")
        fonts = fonts.get_object() if fonts is not None else {}
        if not fonts:
            return out
        used = _fonts_showing_text(page)
        for name, f in fonts.items():
            if name.lstrip("/").encode() not in used:
                continue
            f = f.get_object()
            if f.get("/Subtype") == "/Type3":
                continue
            desc = f.get("/FontDescriptor")
            if f.get("/Subtype") == "/Type0":
                d = f["/DescendantFonts"].get_object()[0].get_object()
                desc = d.get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else None
            if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                out.add(str(f.get("/BaseFont", "?")).lstrip("/"))
    except Exception:  # noqa: BLE001 - this is only a warning
        pass
    return out


def _cm(m) -> str:
    return " ".join(f"{v:.6f}".rstrip("0").rstrip(".") for v in m) + " cm"


def _jpeg(writer, source):
    from pypdf.generic import ArrayObject, NameObject, NumberObject

    img = _lazy_stream()(source.path.read_bytes)
    w, h = source.size
    img.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(w),
            NameObject("/Height"): NumberObject(h),
            NameObject("/ColorSpace"): NameObject(
                {"L": "/DeviceGray", "CMYK": "/DeviceCMYK", "CMYK;I": "/DeviceCMYK"}.get(source.mode, "/DeviceRGB")
            ),
            NameObject("/BitsPerComponent"): NumberObject(8),
            NameObject("/Filter"): NameObject("/DCTDecode"),
        }
    )
    if source.mode == "CMYK;I":
        img[NameObject("/Decode")] = ArrayObject([NumberObject(v) for v in (1, 0, 1, 0, 1, 0, 1, 0)])
    return writer._add_object(img)


_LAZY: list[type] = []


def _lazy_stream() -> type:
    """A PDF stream whose bytes `load()` gives only while the writer writes it, let go right
    after (issue 18): a scan's JPEG file, or a large stream of a PDF attachment parked in a
    temporary file.  pypdf keeps every object in memory until the file is written (it has no
    streaming writer, pypdf #474), so holding the bytes made the peak grow with every scan
    bound: 109 MB with 80 A4 JPEG scans, 222 MB with 320; 160 and 380 MB as scanned PDFs.
    The bytes written are the same as holding them (test_dossier_streaming.py)."""
    if _LAZY:
        return _LAZY[0]
    from pypdf.generic import DictionaryObject, EncodedStreamObject, NameObject, NumberObject

    class LazyStream(EncodedStreamObject):
        def __init__(self, load: Callable[[], bytes]):
            super().__init__()
            self.load = load

        @property  # pypdf reads `_data` wherever it needs the bytes
        def _data(self) -> bytes:
            return self.load()

        @_data.setter
        def _data(self, value: bytes) -> None:  # only the base class's empty default lands here
            pass

        def write_to_stream(self, stream, encryption_key=None) -> None:
            data = self.load()  # once (the base class reads `_data` twice)
            self[NameObject("/Length")] = NumberObject(len(data))
            DictionaryObject.write_to_stream(self, stream)
            del self["/Length"]
            stream.write(b"\nstream\n")
            stream.write(data)
            stream.write(b"\nendstream")

    _LAZY.append(LazyStream)
    return LazyStream


class Spill:
    """Large streams copied from PDF attachments (a scanned page's image), parked in a temporary
    file beside the output from when they are copied until the writer writes them."""

    MIN = 64 * 1024  # smaller streams (content, fonts of a text page) stay in memory

    def __init__(self, file):
        self.file = file  # a temporary file, deleted when closed

    def park(self, data: bytes) -> Callable[[], bytes]:
        self.file.seek(0, 2)
        at, size = self.file.tell(), len(data)
        self.file.write(data)

        def load() -> bytes:
            self.file.seek(at)
            return self.file.read(size)

        return load

    def park_streams(self, writer, start: int) -> None:
        """Park the large streams among the objects the writer holds from index `start` on."""
        from pypdf.generic import StreamObject

        lazy = _lazy_stream()
        for i in range(start, len(writer._objects)):
            obj = writer._objects[i]
            if isinstance(obj, StreamObject) and not isinstance(obj, lazy) and len(obj._data) >= self.MIN:
                parked = lazy(self.park(obj._data))
                parked.update(obj)
                parked.indirect_reference = obj.indirect_reference
                writer._objects[i] = parked


def release(source) -> None:
    """Let an attachment's reader go now, not when the cycle collector next runs: it holds the
    whole file and every object read from it."""
    reader, source.reader = source.reader, None
    if reader is not None and hasattr(reader, "close"):
        reader.close()


def _reader(source):
    """The attachment's reader: the one checked while planning when it was kept (plan.Keeper),
    else the file read again, so that beyond the kept ones one attachment at a time is in memory."""
    if source.reader is None:
        from pypdf import PdfReader

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(source.path, strict=False)
            if reader.is_encrypted:
                reader.decrypt("")  # permission-only: checked while planning
        source.reader = reader
    return source.reader


@dataclass
class Attached:
    """What binding the attachments found, for the warnings: per file, the fonts used without
    being embedded, and what was scrubbed."""

    lacking: dict[str, set[str]] = field(default_factory=dict)
    scrubbed: dict[str, set[str]] = field(default_factory=dict)


def assemble(plan: Plan, layout, laid_out: bytes, out, *, digest: str, author: str, title: str) -> int:
    """Write the final PDF to the binary file `out`; returns the page count."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    from .. import gcpause, pdfsafe

    with gcpause.paused():  # every object cloned stays: a collection here only walks them (~30 ms, 80 scans)
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(laid_out)))
    near = Path(out.name).parent if isinstance(getattr(out, "name", None), str) else None
    with tempfile.TemporaryFile(dir=near if near is not None and near.is_dir() else None) as parked:
        spill = Spill(parked)
        found = _attach_all(plan, layout, writer, spill)
        _warn(plan, found)
        _bookmarks(plan, writer)
        stamp = "D:" + plan.as_of.strftime("%Y%m%d") + "000000Z"
        from .. import __version__

        writer.add_metadata(
            {
                "/Title": title,
                "/Author": author,
                "/Subject": plan.region.notice.title,
                "/Creator": f"titlecli {__version__}",
                "/Producer": f"titlecli {__version__}",
                "/CreationDate": stamp,
                "/ModDate": stamp,
            }
        )
        ident = ByteStringObject(hashlib.md5(digest.encode()).digest())
        writer._ID = ArrayObject([ident, ident])
        pdfsafe.scrub_writer(writer)
        writer.write(out)
    return len(writer.pages)


def _attach_all(plan: Plan, layout, writer, spill: Spill) -> Attached:
    """Put each attachment page and scan into its laid-out page, one attachment file in memory
    at a time."""
    from .. import pdfsafe

    found = Attached()
    seen: set[int] = set()  # ids of the objects scrubbed, within one attachment's reader
    for n, page in enumerate(plan.pages):
        e = page.entry
        if page.role != "doc":
            continue
        assert e is not None and e.source is not None  # a document page shows a file
        extra = []
        if e.source.kind == "pdf":
            start = len(writer._objects)
            reader = _reader(e.source)
            src = reader.pages[page.index]
            removed = pdfsafe.scrub(src, seen=seen)
            if removed:
                found.scrubbed.setdefault(e.file, set()).update(removed)
            ref = _form(writer, src)
            m = _matrix(box_of(src), rotation(src), layout.doc_area(n + 1))
            extra = _appearances(writer, src)
            missing = unembedded_fonts(src)
            if missing:
                found.lacking.setdefault(e.file, set()).update(missing)
            if not e.source.kept:
                # a kept reader's file was counted in plan.KEEP_BYTES: its streams, which the
                # writer holds from now on, take the place of the file let go below
                spill.park_streams(writer, start)
            if page.index == e.source.pages - 1:
                # its last page: let the file go (the writer keeps every source reader alive
                # until told), and the ids `seen` holds, which new objects may come to reuse
                writer.reset_translation(reader)
                release(e.source)
                seen.clear()
        elif n in layout.jpegs:
            source, m = layout.jpegs[n]
            ref = _jpeg(writer, source)
        else:
            continue
        _place(writer, n, ref, m, extra)
    return found


def _place(writer, n: int, ref, m, extra) -> None:
    """Draw the form or image `ref` (and annotation appearances) under page n's own content."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    target = writer.pages[n]
    res = target["/Resources"].get_object()
    new_res = DictionaryObject({k: v for k, v in res.items()})
    xo = res.get("/XObject")
    new_xo = DictionaryObject({k: v for k, v in xo.get_object().items()}) if xo is not None else DictionaryObject()
    new_xo[NameObject("/TcAttachment")] = ref
    ops = [f"q {_cm(m)} /TcAttachment Do Q"]
    for i, (aref, am) in enumerate(extra):
        new_xo[NameObject(f"/TcAnnot{i}")] = aref
        ops.append(f"q {_cm(m)} {_cm(am)} /TcAnnot{i} Do Q")
    new_res[NameObject("/XObject")] = new_xo
    target[NameObject("/Resources")] = new_res
    pre = DecodedStreamObject()
    pre.set_data(("\n".join(ops) + "\n").encode())
    # raw_get: the reference, not the stream (target["/Contents"] resolves it, and a stream
    # written inline in the array is invalid PDF: qpdf --check and strict readers reject it)
    old = target.raw_get("/Contents")
    old_list = list(old.get_object()) if isinstance(old.get_object(), list) else [old]
    old_list = [x if hasattr(x, "idnum") else writer._add_object(x) for x in old_list]
    target[NameObject("/Contents")] = ArrayObject([writer._add_object(pre)] + old_list)


def _warn(plan: Plan, found: Attached) -> None:
    from .. import pdfsafe
    from ..i18n import t

    for file, removed in found.scrubbed.items():
        what = pdfsafe.describe(removed)
        plan.warnings.append(
            t(
                f"{file} 中的{what}已清除，未放入卷宗（只保留页面内容）",
                f"{file}: its {what} were removed; only the pages went into the dossier",
            )
        )
    lacking = found.lacking
    if lacking:
        files = list(lacking)
        shown = t("、", ", ").join(files[:3]) + (t(f" 等 {len(files)} 个文件", f" and {len(files) - 3} more") if len(files) > 3 else "")
        names = sorted(set().union(*lacking.values()))
        plan.warnings.append(
            t(
                f"{shown} 使用了未嵌入的字体（{'、'.join(names[:5])}），打印效果取决于阅读器的替代字体",
                f"{shown} use fonts they do not embed ({', '.join(names[:5])}); they print in whatever the reader substitutes",
            )
        )


def _bookmarks(plan: Plan, writer) -> None:
    """The front matter, then each category with its documents."""
    from ..i18n import t
    from .layout import _num
    from .template import text

    tpl = plan.template
    writer.add_outline_item(title=text(tpl["cover"]["title"]), page_number=0)
    first_of: dict[str, int] = {}
    for i, p in enumerate(plan.pages):
        first_of.setdefault(p.role, i)
    writer.add_outline_item(title=text(tpl["checklist"]["title"]), page_number=first_of["checklist"])
    writer.add_outline_item(title=text(tpl["contents"]["title"]).replace(" ", ""), page_number=first_of["contents"])
    for s in plan.sections:
        if not s.entries:
            continue
        parent = writer.add_outline_item(
            title=f"{text(tpl['separator']['heading'], number=_num(s.number))} {s.name}", page_number=s.first - 1
        )
        for e in s.entries:
            mark = (
                t("草稿，待换签章件", "draft: replace with the signed copy")
                if e.draft
                else ""
                if not e.placeholder
                else text(tpl["placeholder"]["missing"] if e.placeholder == "missing" else tpl["placeholder"]["broken"])
            )
            writer.add_outline_item(
                title=e.title + (t(f"（{mark}）", f" ({mark})") if mark else ""), page_number=e.first - 1, parent=parent
            )
    writer.page_mode = "/UseOutlines"


def digest_of(plan: Plan, extra: str) -> str:
    h = hashlib.sha256(extra.encode())
    for p in plan.pages:
        if p.entry is not None and p.entry.source is not None and p.index == 0:
            h.update(p.entry.source.digest.encode())
    return h.hexdigest()


__all__ = ["Path", "assemble", "digest_of"]
