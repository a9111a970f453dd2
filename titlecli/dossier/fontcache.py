"""The dossier font's parsed tables, kept once ever instead of parsed by every run (issue 18).

reportlab reads a TrueType font's character map, widths, metrics and glyph offsets in pure
Python, one number at a time: for the bundled WenQuanYi Micro Hei (34,600 characters, 49,531
glyphs) that was 0.15–0.3 s of every `titlecli dossier` — a sixth of an 80-page dossier, and
the same work each time for the same file.  The first run keeps what it read in titlecli's
cache (titlecli.cache: a private folder, entries keyed and tagged with its secret, off with
TITLECLI_NO_CACHE) as arrays of numbers; later runs read those back in a few milliseconds and
the font file itself (the subset embedded in the PDF is cut from its bytes, as before).

What a later run rebuilds is the very face the parser made, attribute for attribute: the entry
is written only after the rebuilt copy compared equal to the parsed one, type for type, and a
CRC of the font's bytes is checked on every use.  The PDF is byte for byte the same either way
(tests/test_dossier_fontcache.py).
"""

from __future__ import annotations

import marshal
import zlib
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import gcpause

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

_FORMAT = "1"
# The big tables, stored as arrays: everything else the face holds is a few small values.
_TABLES = ("charToGlyph", "charWidths", "glyphToChar", "hmetrics", "glyphPos")
_NOT_KEPT = ("_ttf_data", "_pdfScale")  # the font's bytes (read again), a function (made again)


def load(name: str, path: Path) -> TTFont:
    """A reportlab TTFont of the first face of `path`, from the cache when it has it, else parsed
    (and then kept).  Errors are reportlab's, as from TTFont itself."""
    from reportlab.pdfbase.ttfonts import TTFont

    data = path.read_bytes()
    k = _key(path)
    with gcpause.paused():  # ~200,000 new numbers, lists and tuples, none in a cycle
        face = _face(k, data) if k is not None else None
        if face is not None:
            return _ttfont(name, face)
        ttf = TTFont(name, str(path), subfontIndex=0)
    if k is not None:
        _keep(k, ttf.face, data)
    return ttf


def _key(path: Path):
    from reportlab import Version

    from .. import cache

    if not cache.enabled():
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return cache.key("font", _FORMAT, Version, str(path.resolve()), f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}")


def _ttfont(name: str, face: TTFontFace) -> TTFont:
    """What `TTFont(name, path)` makes, around a face already read (TTFont.__init__ without the
    parsing; tests/test_dossier_fontcache.py compares the two attribute by attribute)."""
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase import ttfonts

    ttf = ttfonts.TTFont.__new__(ttfonts.TTFont)
    vars(ttf).update(
        fontName=name,
        face=face,
        encoding=ttfonts.TTEncoding(),
        state=WeakKeyDictionary(),
        _asciiReadable=rl_config.ttfAsciiReadable,
    )
    ttf.shapable = not any(fnmatch(name, g) for g in getattr(ttfonts, "unShapedFontGlob", ()))
    return ttf


# -- the entry: small values as they are, the tables as arrays ----------------------------------
def _pack(face: TTFontFace, data: bytes) -> bytes:
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    attrs = {k: v for k, v in vars(face).items() if k not in _TABLES and k not in _NOT_KEPT}
    names = sorted(k for k, v in attrs.items() if isinstance(v, TTFNameBytes))
    for k in names:
        attrs[k] = attrs[k].ustr
    c2g, widths, g2c, hm = (vars(face)[k] for k in ("charToGlyph", "charWidths", "glyphToChar", "hmetrics"))
    ints = sum(1 for _ in _leading(hm, int))
    single = {g: v[0] for g, v in g2c.items() if len(v) == 1}
    tables = {
        "charToGlyph": (_i(c2g.keys()), _i(c2g.values())),
        "charWidths": (_i(widths.keys()), array("d", widths.values()).tobytes()),
        # almost every glyph stands for one character; the few others as they are
        "glyphToChar": (_i(single.keys()), _i(single.values()), {g: v for g, v in g2c.items() if len(v) != 1}),
        "hmetrics": (_i(a for a, _ in hm[:ints]), array("d", (a for a, _ in hm[ints:])).tobytes(), _i(lsb for _, lsb in hm)),
        "glyphPos": _i(vars(face)["glyphPos"]),
    }
    return marshal.dumps((zlib.crc32(data), attrs, names, tables))


def _unpack(blob: bytes, data: bytes) -> dict[str, Any] | None:
    crc, attrs, names, tables = marshal.loads(blob)
    if crc != zlib.crc32(data):
        return None
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    for k in names:
        attrs[k] = TTFNameBytes(attrs[k].encode("utf-8"), "utf-8")
    keys, values = tables["charToGlyph"]
    attrs["charToGlyph"] = dict(zip(_ints(keys), _ints(values), strict=True))
    keys, values = tables["charWidths"]
    attrs["charWidths"] = dict(zip(_ints(keys), _floats(values), strict=True))
    keys, chars, several = tables["glyphToChar"]
    attrs["glyphToChar"] = dict(zip(_ints(keys), map(list, zip(_ints(chars))), strict=True)) | several
    whole, scaled, lsbs = tables["hmetrics"]  # the parser keeps font units as ints, then scaled floats
    attrs["hmetrics"] = list(zip(_ints(whole) + _floats(scaled), _ints(lsbs), strict=True))
    attrs["glyphPos"] = _ints(tables["glyphPos"])
    attrs["_ttf_data"] = data
    attrs["_pdfScale"] = _scale(attrs["unitsPerEm"])
    return attrs


def _face(k, data: bytes) -> TTFontFace | None:
    from reportlab.pdfbase.ttfonts import TTFontFace

    from .. import cache

    blob = cache.get(k)
    if not blob:
        return None
    try:
        attrs = _unpack(blob, data)
    except Exception:  # noqa: BLE001 - an entry that cannot be read is parsed again, never trusted
        return None
    if attrs is None:
        return None
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(attrs)
    return face


def _keep(k, face: TTFontFace, data: bytes) -> None:
    """Keep the face's tables, if the copy they give back is the face exactly."""
    from .. import cache

    try:
        blob = _pack(face, data)
        back = _unpack(blob, data)
    except Exception:  # noqa: BLE001 - a font the packing does not foresee is simply not kept
        return
    if back is not None and same(back, vars(face), skip=_NOT_KEPT):
        cache.put(k, blob)


def same(a: Any, b: Any, skip: tuple[str, ...] = ()) -> bool:
    """Equal, and of the same types all the way down (1 and 1.0 differ here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(k in skip or same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, bytes) and hasattr(a, "ustr"):
        return a == b and a.ustr == b.ustr
    return bool(a == b)


def _leading(items, kind: type):
    for a, _ in items:
        if type(a) is not kind:
            return
        yield a


def _scale(units_per_em: int):
    # as reportlab's extractInfo makes it (only shaping uses it)
    if units_per_em == 1000:
        return lambda x: x
    mult = 1000 / units_per_em
    return lambda x: x * mult


def _i(values) -> bytes:
    return array("i", values).tobytes()  # OverflowError past 32 bits: such a font is not kept


def _ints(raw: bytes) -> list[int]:
    a = array("i")
    a.frombytes(raw)
    return a.tolist()


def _floats(raw: bytes) -> list[float]:
    a = array("d")
    a.frombytes(raw)
    return a.tolist()
