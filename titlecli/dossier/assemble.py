"""Putting PDF attachments into the laid-out pages, then bookmarks, metadata and the file.

Each attachment page becomes a form XObject (its content stream kept as it is, compressed
bytes and all, with its resources) drawn under the footer, scaled into the document area.
Only the page's content and resources are carried over: annotations, JavaScript, open
actions, embedded files and form actions of the attachment never reach the output.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from .plan import Plan


def _matrix(box, rotate: int, area) -> tuple[float, ...]:
    """The transform that puts a page's visible box, turned by /Rotate, centred into area."""
    x0, y0, x1, y1 = (float(v) for v in box)
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
    )

    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if isinstance(contents, EncodedStreamObject):
        form = EncodedStreamObject()
        form._data = contents._data
        for key in ("/Filter", "/DecodeParms"):
            if key in contents:
                form[NameObject(key)] = contents[key].clone(writer)
    else:
        streams = contents if isinstance(contents, list) else ([contents] if contents is not None else [])
        data = b"\n".join(s.get_object().get_data() for s in streams)
        form = DecodedStreamObject()
        form.set_data(data)
        form = form.flate_encode()
    box = page.cropbox
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/FormType")] = NumberObject(1)
    form[NameObject("/BBox")] = ArrayObject([FloatObject(float(v)) for v in box])
    res = page.get("/Resources")
    form[NameObject("/Resources")] = res.get_object().clone(writer) if res is not None else DictionaryObject()
    group = page.get("/Group")
    if group is not None:
        form[NameObject("/Group")] = group.get_object().clone(writer)
    return writer._add_object(form)


def _jpeg(writer, source):
    from pypdf.generic import EncodedStreamObject, NameObject, NumberObject

    img = EncodedStreamObject()
    img._data = source.path.read_bytes()
    w, h = source.size
    img.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
        NameObject("/Width"): NumberObject(w), NameObject("/Height"): NumberObject(h),
        NameObject("/ColorSpace"): NameObject("/DeviceGray" if source.mode == "L" else "/DeviceRGB"),
        NameObject("/BitsPerComponent"): NumberObject(8), NameObject("/Filter"): NameObject("/DCTDecode"),
    })
    return writer._add_object(img)


def assemble(plan: Plan, layout, laid_out: bytes, out, *, digest: str, author: str, title: str) -> int:
    """Write the final PDF to the binary file `out`; returns the page count."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, DecodedStreamObject, DictionaryObject, NameObject

    reader = PdfReader(io.BytesIO(laid_out))
    writer = PdfWriter(clone_from=reader)
    area = layout.doc_area()
    for n, page in enumerate(plan.pages):
        e = page.entry
        if page.role != "doc":
            continue
        if e.source.kind == "pdf":
            src = e.source.reader.pages[page.index]
            ref = _form(writer, src)
            m = _matrix(src.cropbox, int(src.get("/Rotate", 0) or 0), area)
        elif n in layout.jpegs:
            source, m = layout.jpegs[n]
            ref = _jpeg(writer, source)
        else:
            continue
        target = writer.pages[n]
        res = target["/Resources"].get_object()
        new_res = DictionaryObject({k: v for k, v in res.items()})
        xo = res.get("/XObject")
        new_xo = DictionaryObject({k: v for k, v in xo.get_object().items()}) if xo is not None else DictionaryObject()
        new_xo[NameObject("/TcAttachment")] = ref
        new_res[NameObject("/XObject")] = new_xo
        target[NameObject("/Resources")] = new_res
        pre = DecodedStreamObject()
        pre.set_data(("q %s cm /TcAttachment Do Q\n" % " ".join(f"{v:.6f}".rstrip("0").rstrip(".") for v in m)).encode())
        old = target["/Contents"]
        old_list = list(old.get_object()) if isinstance(old.get_object(), list) else [old]
        target[NameObject("/Contents")] = ArrayObject([writer._add_object(pre)] + old_list)

    # Bookmarks: the front matter, then each category with its documents.
    tpl = plan.template
    from .template import text

    writer.add_outline_item(title=text(tpl["cover"]["title"]), page_number=0)
    first_of = {}
    for i, p in enumerate(plan.pages):
        first_of.setdefault(p.role, i)
    writer.add_outline_item(title=text(tpl["checklist"]["title"]), page_number=first_of["checklist"])
    writer.add_outline_item(title=text(tpl["contents"]["title"]).replace(" ", ""), page_number=first_of["contents"])
    from .layout import _num

    for s in plan.sections:
        if not s.entries:
            continue
        parent = writer.add_outline_item(title=f"{text(tpl['separator']['heading'], number=_num(s.number))} {s.name}", page_number=s.first - 1)
        for e in s.entries:
            mark = "" if not e.placeholder else text(tpl["placeholder"]["missing"] if e.placeholder == "missing" else tpl["placeholder"]["broken"])
            writer.add_outline_item(title=e.title + (f"（{mark}）" if mark else ""), page_number=e.first - 1, parent=parent)
    writer.page_mode = "/UseOutlines"

    stamp = "D:" + plan.as_of.strftime("%Y%m%d") + "000000Z"
    from .. import __version__

    writer.add_metadata({"/Title": title, "/Author": author, "/Subject": plan.region.notice.title,
                         "/Creator": f"titlecli {__version__}", "/Producer": f"titlecli {__version__}",
                         "/CreationDate": stamp, "/ModDate": stamp})
    ident = ByteStringObject(hashlib.md5(digest.encode()).digest())
    writer._ID = ArrayObject([ident, ident])
    writer.write(out)
    return len(writer.pages)


def digest_of(plan: Plan, extra: str) -> str:
    h = hashlib.sha256(extra.encode())
    for p in plan.pages:
        if p.entry is not None and p.entry.source is not None and p.index == 0:
            h.update(p.entry.source.digest.encode())
    return h.hexdigest()


__all__ = ["Path", "assemble", "digest_of"]
