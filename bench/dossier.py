"""Dossiers against a lower-bound pipeline over the same files, measured in the same run.

Case `pages` — a 200-page dossier:

Generates 150 one-page PDFs and 50 A4 JPEG scans (2480×3508, 300 dpi), then measures, in the
same run and alternating, the median wall time, peak memory (max RSS) and output size of

  * `titlecli dossier PROFILE` (cover, checklist, contents, separators, numbered pages,
    bookmarks, footer), and
  * the lower bound: `img2pdf` for the scans, `qpdf --empty --pages … --` to concatenate,
    `qpdf --overlay` for a page-number stamp (the stamp PDF is prepared before timing).

Targets (issues 4, 15): time ratio ≤ 2, size ≤ 1.05×, peak memory ≤ 300 MB.

Case `scans` — 80 and then 320 A4 JPEG scans (2480×3508) and nothing else: a dossier reads
each scan when its page is written (issue 18), so its peak memory must not grow with the number
of scans.  Targets: peak at 320 ≤ 1.3× peak at 80; time ≤ 2× the lower bound at both sizes.

    pip install -e '.[bench]'   # img2pdf, for the baseline only
    python bench/dossier.py [--runs 3] [--case pages|scans|all]
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
N_PDF, N_JPG = 150, 50


def make_scans(d: Path, n: int) -> None:
    """n distinct A4 scan files (copies of 8 generated pages: generating 320 takes minutes)."""
    from PIL import Image, ImageDraw

    rnd = random.Random(18)
    (d / "scans").mkdir()
    pages = []
    for k in range(8):
        im = Image.new("RGB", (2480, 3508), (250, 248, 240))
        dr = ImageDraw.Draw(im)
        for y in range(150, 3400, 40):
            dr.text((150, y), "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz 0123456789") for _ in range(120)), fill=(30, 30, 30))
        dr.rectangle([100 + k * 20, 100, 400 + k * 20, 400], outline=(150, 20, 20), width=8)
        buf = d / f"page{k}.jpg"
        im.save(buf, quality=80, dpi=(300, 300))
        pages.append(buf.read_bytes())
    for i in range(n):
        (d / "scans" / f"scan{i:03d}.jpg").write_bytes(pages[i % len(pages)])
    lines = [
        "name: 张伟",
        'id_number: "140402199205153219"',
        "application: {region: shanxi-changzhi-2022, series: engineering, level: intermediate}",
        "documents:",
    ]
    lines += [f"  - {{kind: other, file: scans/scan{i:03d}.jpg}}" for i in range(n)]
    (d / "profile.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    c = _stamp_canvas(d / "stamp.pdf")
    for k in range(1, n + 1):
        c.setFont("Helvetica", 9)
        c.drawRightString(560, 20, f"{k} / {n}")
        c.showPage()
    c.save()


def _stamp_canvas(path: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    return Canvas(str(path), pagesize=A4, invariant=1)


def make_inputs(d: Path) -> None:
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    rnd = random.Random(4)
    (d / "scans").mkdir()
    for i in range(N_PDF):
        c = Canvas(str(d / "scans" / f"doc{i:03d}.pdf"), pagesize=A4, invariant=1)
        c.setFont("Helvetica", 11)
        for k in range(45):
            c.drawString(60, 780 - k * 16, "".join(rnd.choice("abcdefghij klmnopqrst uvwxyz") for _ in range(80)))
        c.showPage()
        c.save()
    base = Image.new("RGB", (2480, 3508), (250, 248, 240))
    dr = ImageDraw.Draw(base)
    for y in range(150, 3400, 40):
        dr.text((150, y), "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz 0123456789") for _ in range(120)), fill=(30, 30, 30))
    for i in range(N_JPG):
        im = base.copy()
        ImageDraw.Draw(im).rectangle([100 + i * 20, 100, 400 + i * 20, 400], outline=(150, 20, 20), width=8)
        im.save(d / "scans" / f"scan{i:03d}.jpg", quality=80, dpi=(300, 300))
    lines = [
        "name: 张伟",
        'id_number: "140402199205153219"',
        'phone: "13812345678"',
        "employer: {name: 长治市某机械制造有限公司, type: enterprise}",
        "application: {region: shanxi-changzhi-2022, series: engineering, specialty: 机械设计, level: intermediate}",
        "documents:",
    ]
    lines += [f"  - {{kind: achievement, file: scans/doc{i:03d}.pdf}}" for i in range(N_PDF)]
    lines += [f"  - {{kind: other, file: scans/scan{i:03d}.jpg}}" for i in range(N_JPG)]
    (d / "profile.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # the baseline's page-number stamp: one 200-page PDF (prepared, not timed)
    c = Canvas(str(d / "stamp.pdf"), pagesize=A4, invariant=1)
    for n in range(1, N_PDF + N_JPG + 1):
        c.setFont("Helvetica", 9)
        c.drawRightString(560, 20, f"{n} / {N_PDF + N_JPG}")
        c.showPage()
    c.save()


# Peak memory is read by a small Python process that starts the command: on Linux a child
# inherits its parent's high-water mark through fork, so measuring from this (large) process
# would report at least this process's own size.
RUNNER = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
    "sys.stderr.write('\\nmaxrss %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)"
)


OVERHEAD = [0.0]  # the runner's own start-up, measured on `true` and taken off every command


def run(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time (less the runner's start-up) and peak RSS (bytes) of one command."""
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-S", "-c", RUNNER, *cmd], cwd=cwd, capture_output=True, text=True, check=False)
    dt = time.perf_counter() - t0 - OVERHEAD[0]
    if p.returncode != 0:
        sys.exit(f"{cmd[:3]} failed: {p.stderr[-800:]}")
    return dt, int(p.stderr.rsplit("maxrss ", 1)[1]) * 1024


def baseline(d: Path, n_pdf: int = N_PDF, n_jpg: int = N_JPG) -> tuple[float, int]:
    pdfs = [str(d / "scans" / f"doc{i:03d}.pdf") for i in range(n_pdf)]
    jpgs = [str(d / "scans" / f"scan{i:03d}.jpg") for i in range(n_jpg)]
    img2pdf = shutil.which("img2pdf") or str(Path(sys.executable).parent / "img2pdf")
    t1, m1 = run([img2pdf, "--pagesize", "A4", "-o", str(d / "scans.pdf")] + jpgs, d) if jpgs else (0.0, 0)
    scans = [str(d / "scans.pdf")] if jpgs else []
    t2, m2 = run(["qpdf", "--empty", "--pages"] + pdfs + scans + ["--", str(d / "merged.pdf")], d)
    t3, m3 = run(["qpdf", str(d / "merged.pdf"), "--overlay", str(d / "stamp.pdf"), "--", str(d / "baseline.pdf")], d)
    return t1 + t2 + t3, max(m1, m2, m3)


def ours(d: Path) -> tuple[float, int]:
    exe = shutil.which("titlecli") or str(Path(sys.executable).parent / "titlecli")
    return run([exe, "dossier", "profile.yaml", "-o", "ours.pdf", "--as-of", "2022-08-01"], d)


def measure(d: Path, runs: int, base) -> tuple[float, float, int, int]:
    """Median times and peak memories of ours and the baseline, alternating."""
    ours(d)  # warm the file cache and the profile/region cache once
    base(d)
    t_ours, t_base, m_ours, m_base = [], [], [], []
    for _ in range(runs):
        t, m = ours(d)
        t_ours.append(t)
        m_ours.append(m)
        t, m = base(d)
        t_base.append(t)
        m_base.append(m)
    return statistics.median(t_ours), statistics.median(t_base), max(m_ours), max(m_base)


def case_pages(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        make_inputs(d)
        OVERHEAD[0] = statistics.median(run(["true"], d)[0] for _ in range(5))
        to, tb, mo, mb = measure(d, runs, baseline)
        from pypdf import PdfReader

        pages = len(PdfReader(d / "ours.pdf").pages)
        size_o, size_b = (d / "ours.pdf").stat().st_size, (d / "baseline.pdf").stat().st_size
        print(
            f"inputs: {N_PDF} one-page PDFs + {N_JPG} A4 JPEG scans "
            f"({sum(p.stat().st_size for p in (d / 'scans').glob('*.jpg')) / 1e6:.1f} MB of JPEG)"
        )
        print(f"titlecli dossier : {to:6.2f} s  peak {mo / 1e6:6.0f} MB  {size_o / 1e6:7.2f} MB  ({pages} pages)")
        print(f"img2pdf+qpdf     : {tb:6.2f} s  peak {mb / 1e6:6.0f} MB  {size_b / 1e6:7.2f} MB  ({N_PDF + N_JPG} pages)")
        print(
            f"time ratio {to / tb:.2f} (target ≤ 2)   size ratio {size_o / size_b:.3f} (target ≤ 1.05)   "
            f"peak memory {mo / 1e6:.0f} MB (target ≤ 300)"
        )


def as_pdfs(d: Path, n: int) -> None:
    """The same scans as one-page PDFs (as scanners save them), and the profile naming them."""
    import img2pdf

    for i in range(n):
        jpg = d / "scans" / f"scan{i:03d}.jpg"
        (d / "scans" / f"doc{i:03d}.pdf").write_bytes(img2pdf.convert(str(jpg), layout_fun=img2pdf.get_fixed_dpi_layout_fun((300, 300))))
        jpg.unlink()
    text = (d / "profile.yaml").read_text(encoding="utf-8")
    (d / "profile.yaml").write_text(re.sub(r"scans/scan(\d+)\.jpg", r"scans/doc\1.pdf", text), encoding="utf-8")


def case_scans(runs: int) -> None:
    for kind in ("jpg", "pdf"):
        peaks = {}
        for n in (80, 320):
            with tempfile.TemporaryDirectory() as tmp:
                d = Path(tmp)
                make_scans(d, n)
                if kind == "pdf":
                    as_pdfs(d, n)  # the lower bound is then qpdf alone: nothing to convert
                base = functools.partial(baseline, n_pdf=n if kind == "pdf" else 0, n_jpg=n if kind == "jpg" else 0)
                OVERHEAD[0] = statistics.median(run(["true"], d)[0] for _ in range(5))
                to, tb, mo, mb = measure(d, runs, base)
                peaks[n] = (mo, mb)
                size = sum(p.stat().st_size for p in (d / "scans").iterdir()) / 1e6
                what = "A4 JPEG scans" if kind == "jpg" else "one-page scanned PDFs"
                print(f"{n} {what} ({size:.0f} MB):")
                print(f"  titlecli dossier : {to:6.2f} s  peak {mo / 1e6:6.0f} MB")
                print(f"  lower bound      : {tb:6.2f} s  peak {mb / 1e6:6.0f} MB")
                print(f"  time ratio {to / tb:.2f} (target ≤ 2)")
        grow = peaks[320][0] / peaks[80][0]
        print(f"peak memory 320 / 80 {kind} scans: titlecli {grow:.2f} (target ≤ 1.3), lower bound {peaks[320][1] / peaks[80][1]:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--case", choices=["pages", "scans", "all"], default="all")
    args = ap.parse_args()
    if not shutil.which("qpdf"):
        sys.exit("qpdf is needed for the baseline (apt-get install qpdf)")
    # An installed wheel has its bytecode compiled; an editable checkout may not (for example
    # with PYTHONDONTWRITEBYTECODE set), which would time the compiler, not titlecli.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "titlecli")], stdout=subprocess.DEVNULL, check=False)
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (2 cores shared: ratios, not seconds)")
    if args.case in ("pages", "all"):
        case_pages(args.runs)
    if args.case in ("scans", "all"):
        case_scans(args.runs)


if __name__ == "__main__":
    main()
