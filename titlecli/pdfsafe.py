"""The one sanitiser for every PDF that leaves titlecli (the dossier and the upload folder).

A scanned certificate is pages to look at.  Whatever in a PDF can act when it is opened or
clicked, or carries another file, is removed wherever it sits in the object graph (in the
catalog, on a page, in an annotation, or hidden in a page's /Resources where no viewer looks
but the bytes still travel):

- JavaScript: /OpenAction, document and page /AA (additional actions), the /JavaScript name
  tree, any action dictionary other than a jump inside the document (/GoTo): /JavaScript,
  /Launch, /SubmitForm, /ImportData, /URI, /GoToR, /GoToE, /Rendition, /Movie, /Sound,
  /RichMediaExecute, /Named …;
- files: the /EmbeddedFiles name tree, /EF of file specifications, embedded-file streams,
  portfolios (/Collection), file-attachment, sound, movie, screen, rich-media and 3D
  annotations;
- XFA forms (/XFA in /AcroForm): the form fields stay, with their appearances.

What is drawn (content streams, fonts, images, form XObjects, annotation appearances, the
dossier's own bookmarks) stays as it is.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .i18n import t

if TYPE_CHECKING:
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# Action types (PDF 32000-1 12.6.4, ISO 32000-2 12.6.4.1): a dictionary whose /S is one of
# these is an action.  (/S names other things too: a transparency group, a soft mask, a page
# label style, a structure element; those stay.)
ACTIONS = {
    "/GoTo",
    "/GoToR",
    "/GoToE",
    "/GoToDp",
    "/Launch",
    "/Thread",
    "/URI",
    "/Sound",
    "/Movie",
    "/Hide",
    "/Named",
    "/SubmitForm",
    "/ResetForm",
    "/ImportData",
    "/SetOCGState",
    "/Rendition",
    "/Trans",
    "/GoTo3DView",
    "/JavaScript",
    "/RichMediaExecute",
}
# Jumps inside the document are all an outline or a link may do.
SAFE_ACTIONS = {"/GoTo"}
# Keys whose value only ever acts or carries a file.
DROP_KEYS = {
    "/OpenAction": "actions",
    "/AA": "actions",
    "/JavaScript": "javascript",
    "/JS": "javascript",
    "/EmbeddedFiles": "files",
    "/EF": "files",
    "/Collection": "files",
    "/XFA": "xfa",
    "/RichMediaContent": "files",
}
UNSAFE_ANNOTATIONS = {"/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D"}
# Followed from elsewhere (the page tree, the annotation array): walking up from one page to
# the whole document again for every page would make scrubbing a dossier quadratic.
NOT_FOLLOWED = {"/Parent", "/P"}

WHAT = {
    "javascript": ("JavaScript 脚本", "JavaScript"),
    "actions": ("打开或点击时自动执行的操作", "actions run on opening or clicking"),
    "files": ("嵌入的文件", "embedded files"),
    "xfa": ("XFA 表单", "XFA forms"),
}


class Locked(Exception):
    """A PDF that needs a password: what it holds cannot be read, so it cannot be vouched for."""


def _resolve(v):
    try:
        return v.get_object() if hasattr(v, "get_object") else v
    except Exception:  # noqa: BLE001 - a dangling reference acts as nothing
        return None


_TYPES: list[tuple[type[DictionaryObject], type[ArrayObject], type[IndirectObject]]] = []


def _types() -> tuple[type[DictionaryObject], type[ArrayObject], type[IndirectObject]]:
    """pypdf's (DictionaryObject, ArrayObject, IndirectObject), imported on first use (check and
    test never need pypdf) and then looked up once, not on every value a scrub looks at."""
    if not _TYPES:
        from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

        _TYPES.append((DictionaryObject, ArrayObject, IndirectObject))
    return _TYPES[0]


def _verdict(v) -> str | None:
    """Why a value must go (a key of WHAT), or None."""
    dictionary, _, indirect = _types()
    if not isinstance(v, (dictionary, indirect)):
        return None  # a name, number, string or array: only a reference resolves to something else
    v = _resolve(v)
    return _why(v) if isinstance(v, dictionary) else None


def _why(d) -> str | None:
    """Why a dictionary must go, or None.  Its /S, /Type and /Subtype are names, or references
    to them (resolved, as viewers do); anything else there (a dictionary, an array: no viewer
    acts on it) is no action, and no longer stops the build with a TypeError."""
    s = _name(d.get("/S"))
    if "/JS" in d or s == "/JavaScript":
        return "javascript"
    if s in ACTIONS and s not in SAFE_ACTIONS:
        return "actions"
    if _name(d.get("/Type")) == "/EmbeddedFile" or _name(d.get("/Subtype")) in UNSAFE_ANNOTATIONS:
        return "files"
    return None


def _name(v) -> str | None:
    if v is None or isinstance(v, str):  # absent, or a name as written (most are)
        return v
    v = _resolve(v)
    return v if isinstance(v, str) else None


def scrub(*roots, found: set[str] | None = None, seen: set[int] | None = None) -> set[str]:
    """Remove, in place, what can act or carry a file from every dictionary and array reachable
    from `roots` (pypdf objects: a catalog, a page, its resources).  Returns what was removed
    (keys of WHAT); `seen` carries the objects already scrubbed from one call to the next."""
    dictionary, array, indirect = _types()
    walked = (dictionary, array, indirect)  # what can lead further; names, numbers, strings cannot
    found = set() if found is None else found
    seen = set() if seen is None else seen
    todo = list(roots)
    while todo:
        obj = todo.pop()
        if isinstance(obj, indirect):
            obj = _resolve(obj)
        if id(obj) in seen or not isinstance(obj, (dictionary, array)):
            continue
        seen.add(id(obj))
        if isinstance(obj, dictionary):
            for key in list(obj.keys()):
                why = DROP_KEYS.get(key)
                if why is None:
                    value = obj[key]  # resolved: the same object every time it is looked up
                    why = _verdict(value)
                    if not why:
                        if key not in NOT_FOLLOWED and isinstance(value, walked):
                            todo.append(value)
                        continue
                del obj[key]
                found.add(why)
        else:
            keep = []
            for item in obj:
                why = _verdict(item)
                if why:
                    found.add(why)
                else:
                    keep.append(item)
            if len(keep) != len(obj):
                obj[:] = keep
            todo.extend(x for x in keep if isinstance(x, walked))
    return found


def scrub_writer(writer, found: set[str] | None = None) -> set[str]:
    """Scrub every object a pypdf writer holds, reachable or not: a clone may have copied an
    object that is no longer referenced, and the writer would still write it."""
    from pypdf.generic import NullObject

    found = set() if found is None else found
    objects = writer._objects  # pypdf has no public list of what it will write
    for i, obj in enumerate(objects):
        why = _verdict(obj)
        if why:
            objects[i] = NullObject()
            found.add(why)
    scrub(*(o for o in objects if o is not None), found=found)
    return found


def _every_object(reader):
    """Every object the file holds, referenced or not (an orphan embedded file still travels
    with the bytes)."""
    from pypdf.generic import IndirectObject

    nums = {(num, gen) for gen, table in reader.xref.items() for num in table}
    nums |= {(num, 0) for num in reader.xref_objStm}
    for num, gen in sorted(nums):
        try:
            yield reader.get_object(IndirectObject(num, gen, reader))
        except Exception:  # noqa: BLE001 - an unreadable object carries nothing we could remove
            continue


def clean(data: bytes) -> tuple[bytes, set[str]]:
    """A PDF's bytes without anything that can act or carry a file, and what was removed.
    A PDF with nothing to remove comes back byte for byte."""
    import logging

    from pypdf import PdfReader, PdfWriter

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        from pypdf.errors import DependencyError

        try:
            opened = bool(reader.decrypt(""))
        except DependencyError:  # AES without pypdf[crypto]
            opened = False
        if not opened:
            raise Locked("encrypted with a password: its objects cannot be read, so not vouched for")
    objects = list(_every_object(reader))
    found = {why for o in objects if (why := _verdict(o))}
    scrub(reader.trailer["/Root"], *objects, found=found)
    if not found:
        return data, found
    writer = PdfWriter(clone_from=reader)
    scrub_writer(writer, found)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), found


def describe(found: Iterable[str]) -> str:
    """'JavaScript 脚本、嵌入的文件' for what was removed."""
    names = [t(*WHAT[k]) for k in WHAT if k in set(found)]
    return t("、", ", ").join(names)


__all__ = ["Locked", "clean", "describe", "scrub", "scrub_writer"]
