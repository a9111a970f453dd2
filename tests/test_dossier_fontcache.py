"""What every dossier reads the same way is read once ever (issue 18): the font's tables and the
layout template come back from the cache in later runs, and the bytes are the same as with
both read afresh."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from test_dossier import build, standard_docs

from titlecli.dossier import fontcache, layout


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """A cache of this test's own, and no font registered in this process yet."""
    monkeypatch.setenv("TITLECLI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(layout, "_FONTS", {})


def _parses(monkeypatch) -> list[str]:
    """Records each time reportlab reads a font's tables."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    calls: list[str] = []
    real = TTFontFile.extractInfo

    def spy(self, *a, **kw):
        calls.append(self.filename)
        return real(self, *a, **kw)

    monkeypatch.setattr(TTFontFile, "extractInfo", spy)
    return calls


def test_a_second_dossier_reads_the_font_from_the_cache_and_is_byte_for_byte_the_same(fresh, tmp_path, monkeypatch):
    standard_docs(tmp_path)  # the test's own attachments are drawn with the font too: before counting
    parses = _parses(monkeypatch)
    first = build(tmp_path, out="first.pdf").path.read_bytes()
    assert len(parses) == 1
    monkeypatch.setattr(layout, "_FONTS", {})  # a new run
    second = build(tmp_path, out="second.pdf").path.read_bytes()
    assert len(parses) == 1  # not parsed again
    assert second == first
    monkeypatch.setenv("TITLECLI_NO_CACHE", "1")
    monkeypatch.setattr(layout, "_FONTS", {})
    assert build(tmp_path, out="third.pdf").path.read_bytes() == first
    assert len(parses) == 2


def test_the_font_from_the_cache_is_the_font_reportlab_reads(fresh):
    from reportlab.pdfbase.ttfonts import TTFont

    fontcache.load("TCa", layout.BUNDLED_FONT)
    cached = fontcache.load("TCa", layout.BUNDLED_FONT)
    parsed = TTFont("TCa", str(layout.BUNDLED_FONT), subfontIndex=0)
    assert cached.face is not parsed.face
    assert vars(cached).keys() == vars(parsed).keys()
    for k in vars(parsed):
        if k not in ("face", "state", "encoding"):
            assert getattr(cached, k) == getattr(parsed, k), k
    assert type(cached.encoding) is type(parsed.encoding) and vars(cached.encoding) == vars(parsed.encoding)
    assert fontcache.same(vars(cached.face), vars(parsed.face), skip=("_pdfScale",))
    assert cached.face._pdfScale(2048) == parsed.face._pdfScale(2048)
    # and `same` itself tells an int from a float, and a missing key
    assert not fontcache.same({"a": [1]}, {"a": [1.0]})
    assert not fontcache.same({"a": 1}, {"a": 1, "b": 2})


def test_a_font_file_changed_in_place_is_read_again(fresh, tmp_path, monkeypatch):
    font = tmp_path / "font.ttc"
    shutil.copy(layout.BUNDLED_FONT, font)
    fontcache.load("TCb", font)
    parses = _parses(monkeypatch)
    fontcache.load("TCb", font)
    assert parses == []
    # the same size and time stamp, other bytes (a copy tool keeping the mtime): checked by CRC
    st = font.stat()
    data = bytearray(font.read_bytes())
    data[-1] ^= 0xFF
    with open(font, "r+b") as f:  # in place: the same inode too
        f.write(bytes(data))
    os.utime(font, ns=(st.st_atime_ns, st.st_mtime_ns))
    fontcache.load("TCb", font)
    assert parses == [str(font)]


def test_a_damaged_cache_entry_is_parsed_again_not_trusted(fresh, tmp_path, monkeypatch):
    from titlecli import cache

    k = fontcache._key(layout.BUNDLED_FONT)
    cache.put(k, b"\x00not marshal")
    parses = _parses(monkeypatch)
    ttf = fontcache.load("TCc", layout.BUNDLED_FONT)
    assert parses and ttf.face.charToGlyph[ord("张")]


def test_the_font_entry_holds_numbers_not_the_font(fresh):
    from titlecli import cache

    fontcache.load("TCd", layout.BUNDLED_FONT)
    blob = cache.get(fontcache._key(layout.BUNDLED_FONT))
    assert blob and len(blob) < Path(layout.BUNDLED_FONT).stat().st_size / 2


def test_the_collector_is_paused_only_while_the_tables_are_built():
    import gc

    from titlecli import gcpause

    assert gc.isenabled()
    with pytest.raises(ValueError), gcpause.paused():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()  # back on, even after an error
    gc.disable()
    try:
        with gcpause.paused():
            pass
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()
    fontcache.load("TCe", layout.BUNDLED_FONT)
    assert gc.isenabled()


def test_a_second_dossier_reads_no_yaml_at_all(tmp_path):
    # the profile and the region come from the cache already; the template now does too (PyYAML's
    # import and the bundled template's reading were ~30 ms of every dossier)
    from test_startup import _env, _imported

    ex = Path(__file__).resolve().parent.parent / "examples" / "changzhi-dossier"
    args = ["dossier", ex / "zhang-wei.yaml", "--as-of", "2022-08-01", "-o", tmp_path / "out.pdf"]
    env = _env(tmp_path / "cache")
    assert "yaml" in _imported(tmp_path, args, env)  # the first run reads it
    assert not _imported(tmp_path, args, env) & {"yaml", "pydantic"}


def test_a_template_is_read_from_the_cache_only_as_yaml_read_it(fresh, tmp_path):
    from titlecli.dossier import template

    bundled = template.load(None)
    assert template.load(None) == bundled  # the second time from the cache
    assert fontcache.same(template.load(None), template._read(template.bundled_dir() / "dossier.yaml"))
    # what JSON cannot give back as it was (a number as a key) is read from the YAML every time
    odd = tmp_path / "odd.yaml"
    odd.write_text("cover:\n  1: one\n", encoding="utf-8")
    assert template._read(odd) == template._read(odd) == {"cover": {1: "one"}}
