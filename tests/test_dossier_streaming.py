"""Scans are read when their page is written (issue 18 item 3): a dossier's peak memory does not
grow with the number of scans it binds, and the file is byte for byte what holding them gave."""

from __future__ import annotations

import functools
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from test_dossier import write_profile


@functools.cache
def _noise_jpeg() -> bytes:
    import io
    import random

    from PIL import Image

    # noise does not compress: a scan of about 1 MB, large against what a dossier holds anyway
    buf = io.BytesIO()
    Image.frombytes("L", (1000, 1400), random.Random(18).randbytes(1000 * 1400)).save(buf, "JPEG", quality=90, dpi=(150, 150))
    return buf.getvalue()


@functools.cache
def _noise_pdf() -> bytes:
    """The same scan as a one-page PDF, as scanners save them (the JPEG kept as it is)."""
    import io

    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from titlecli.pdfstreams import plain_streams

    buf = io.BytesIO()
    with plain_streams():
        c = Canvas(buf, pagesize=(595.28, 841.89), invariant=1)
        c.drawImage(ImageReader(io.BytesIO(_noise_jpeg())), 0, 0, 595.28, 841.89)
        c.showPage()
        c.save()
    return buf.getvalue()


def _scans(tmp_path: Path, n: int, kind: str = "jpg") -> list[dict]:
    s = tmp_path / "scans"
    s.mkdir(exist_ok=True)
    (s / "page.jpg").write_bytes(_noise_jpeg())
    data = _noise_jpeg() if kind == "jpg" else _noise_pdf()
    for i in range(n):
        (s / f"scan{i:02d}.{kind}").write_bytes(data)
    return [{"kind": "other", "file": f"scans/scan{i:02d}.{kind}"} for i in range(n)]


def _build(tmp_path: Path, n: int, out: str, kind: str = "jpg"):
    from titlecli import regions
    from titlecli.dossier import build
    from titlecli.profile import load_profile

    p = write_profile(tmp_path, _scans(tmp_path, n, kind))
    return build(load_profile(p), regions.load("shanxi-changzhi-2022"), date(2022, 8, 1), tmp_path / out, base_dir=tmp_path)


@pytest.fixture
def held(monkeypatch):
    """The writer as it was: every scan's bytes read when its page is laid out, held until the end."""
    from pypdf.generic import EncodedStreamObject

    from titlecli.dossier import assemble

    class Held(EncodedStreamObject):
        def __init__(self, load):
            super().__init__()
            self._data = load()

    def use() -> None:
        monkeypatch.setattr(assemble, "_lazy_stream", lambda: Held)

    return use


@pytest.mark.parametrize("kind", ["jpg", "pdf"])
def test_streamed_scans_give_the_same_bytes_as_held_ones(tmp_path, held, kind, monkeypatch):
    from titlecli.dossier import plan

    # one PDF's reader kept from planning, the others read again when bound and parked
    monkeypatch.setattr(plan, "KEEP_BYTES", len(_noise_pdf()) + 1000)
    streamed = _build(tmp_path, 3, "streamed.pdf", kind).path.read_bytes()
    held()
    assert _build(tmp_path, 3, "held.pdf", kind).path.read_bytes() == streamed
    assert _noise_jpeg() in streamed  # the JPEG's own bytes, unchanged
    assert not list(tmp_path.glob("tmp*"))  # the parked streams' file is gone


def _peak(tmp_path: Path, n: int, kind: str, monkeypatch) -> int:
    """Peak memory while the PDF is assembled and written (laying out reads the font, a
    constant that would hide what the scans cost)."""
    from titlecli.dossier import assemble

    d = tmp_path / str(n)
    d.mkdir(parents=True)
    _scans(d, n, kind)
    real = assemble.assemble

    def measured(*args, **kw):
        tracemalloc.reset_peak()
        return real(*args, **kw)

    monkeypatch.setattr(assemble, "assemble", measured)
    tracemalloc.start()
    try:
        _build(d, n, "out.pdf", kind)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        monkeypatch.setattr(assemble, "assemble", real)


@pytest.mark.parametrize("kind", ["jpg", "pdf"])
def test_peak_memory_does_not_grow_with_the_number_of_scans(tmp_path, monkeypatch, kind):
    # with the scans held (the `held` writer) the same measure grew by the 4 scans' size (5.6 MB)
    from titlecli.dossier import plan

    _build(tmp_path, 0, "warm.pdf")  # the font and the libraries, loaded once per process
    scan = len(_noise_jpeg())
    # PDF readers checked while planning are kept for binding up to a fixed budget (40 MB: 80
    # scans of 450 KB); here it holds two scans, and every scan beyond is read when bound
    monkeypatch.setattr(plan, "KEEP_BYTES", 2 * len(_noise_pdf()) + 1000)
    assert scan > 1_000_000
    grown = _peak(tmp_path / "a", 7, kind, monkeypatch) - _peak(tmp_path / "a", 3, kind, monkeypatch)
    assert grown < scan, (grown, scan)  # holding them grows by 4 scans


def test_a_pdf_checked_while_planning_is_bound_without_being_read_again(tmp_path, monkeypatch):
    """Within the budget, each PDF is parsed once (checked while planning, bound from the same
    reader); past it, read again when bound.  The file is the same byte for byte either way,
    for a plain, a multi-page, a permission-only AES-encrypted and a hostile PDF."""
    import pypdf
    from test_dossier import _aes, build, pdf
    from test_security import hostile_pdf

    from titlecli.dossier import plan

    s = tmp_path / "scans"
    s.mkdir()
    pdf(s / "summary.pdf", 3, text="工作总结正文")
    hostile_pdf(s / "paper.pdf")
    _aes(tmp_path, "social.pdf", "")
    docs = [
        {"kind": "work_summary", "file": "scans/summary.pdf"},
        {"kind": "paper", "file": "scans/paper.pdf"},
        {"kind": "social_security", "file": "scans/social.pdf"},
    ]
    opened: list[str] = []
    real = pypdf.PdfReader

    class Counted(real):  # type: ignore[misc,valid-type]
        def __init__(self, stream, *a, **kw):
            if isinstance(stream, (str, Path)):
                opened.append(Path(stream).name)
            super().__init__(stream, *a, **kw)

    monkeypatch.setattr(pypdf, "PdfReader", Counted)
    kept = build(tmp_path, docs, out="kept.pdf")
    assert sorted(opened) == ["paper.pdf", "social.pdf", "summary.pdf"]
    opened.clear()
    monkeypatch.setattr(plan, "KEEP_BYTES", 0)
    again = build(tmp_path, docs, out="again.pdf")
    assert sorted(opened) == sorted(2 * ["paper.pdf", "social.pdf", "summary.pdf"])
    assert kept.path.read_bytes() == again.path.read_bytes()
    assert kept.warnings == again.warnings and any("JavaScript" in w for w in kept.warnings)
