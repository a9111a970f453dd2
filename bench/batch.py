"""`titlecli batch` on a generated roster: speed-up of -j 2 over -j 1, and peak memory per worker.

Generates N applicants (default 200) in an .xlsx roster, each with a folder of scans (five
A4 JPEG pages at 150 dpi and a few PDF pages), then in the same run:
  1. builds every dossier with -j 1 and with -j 2 and prints the wall-time ratio
     (target >= 1.8 on 2 cores at 240 and 1000 applicants; the main process reads the roster,
     hashes the inputs and appends to the resume journal, which does not run in parallel: its
     share of all CPU is printed, target < 10 %).  Rounds are interleaved and the best of each counts: on a shared
     machine other work only ever slows a run down, and -j 2 needs both cores free;
  2. builds 50 and N applicants with -j 2 and prints each worker's peak resident memory
     (target: the same for 50 and N, within 10 %: a worker holds one applicant at a time).

    python bench/batch.py [--applicants 200] [--small 50] [--rounds 3] [--no-scans] [--keep DIR]

--no-scans: applicants with no scans (a roster's own cost: verdicts, covers, the journal).

The roster is Changzhi's (units of ten applicants): every run writes the unit's documents too
(the 公示情况一览表, a 推荐报告 draft per applicant, both bound into the dossiers), as a clerk's does.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def scan_jpeg(seed: int) -> bytes:
    """An A4 page at 150 dpi that compresses like a real scan (text-like strokes on grey)."""
    import random

    from PIL import Image, ImageDraw, ImageFilter

    rnd = random.Random(seed)
    im = Image.new("L", (1240, 1754), 240)
    d = ImageDraw.Draw(im)
    d.rectangle((60, 60, 1180, 1694), outline=60, width=4)
    for y in range(160, 1640, 34):
        x = 110
        while x < 1100:
            w = rnd.randint(14, 30)
            d.rectangle((x, y, x + w, y + 18), fill=rnd.randint(20, 90))
            x += w + rnd.randint(6, 14)
    im = im.filter(ImageFilter.GaussianBlur(0.8))
    out = io.BytesIO()
    im.save(out, "JPEG", quality=80, dpi=(150, 150))
    return out.getvalue()


def pdf_pages(n: int, label: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    for i in range(n):
        c.rect(60, 60, A4[0] - 120, A4[1] - 120)
        for k in range(40):
            c.drawString(80, A4[1] - 100 - 16 * k, f"{label} page {i + 1} line {k + 1} " + "lorem ipsum " * 6)
        c.showPage()
    c.save()
    return out.getvalue()


def make_roster(folder: Path, n: int, with_scans: bool = True) -> tuple[Path, Path]:
    from openpyxl import Workbook
    from stdnum.cn import ric

    spec_path = ROOT / "examples" / "batch" / "make_sample.py"
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_sample", spec_path)
    sample = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sample)
    folder.mkdir(parents=True, exist_ok=True)
    att = folder / "attachments"
    att.mkdir(parents=True, exist_ok=True)
    scans = {name: scan_jpeg(i) for i, name in enumerate(["身份证.jpg", "毕业证.jpg", "学位证.jpg", "照片.jpg", "社保缴费证明.jpg"])}
    pdfs = {"学信网备案表.pdf": pdf_pages(1, "chsi"), "论文.pdf": pdf_pages(2, "paper"), "业绩证明.pdf": pdf_pages(1, "achievement")}
    wb = Workbook()
    ws = wb.active
    ws.append(sample.HEADERS)
    for i in range(n):
        base = f"14040219{90 + i % 9:02d}{1 + i % 12:02d}{1 + i % 28:02d}{i // 100:01d}{i % 100:02d}"[:17]
        idn = base + ric.calc_check_digit(base + "0")
        # units of ten applicants, as a county office's roster gathers them: each dossier binds
        # its unit's 《公示情况一览表》 (Changzhi 第一类), so a dossier does not grow with the roster
        row = dict(sample.ROWS[0], 身份证号=idn, 姓名=f"张伟{i:03d}", 单位=f"长治市第{i // 10 + 1}机械制造有限公司")
        ws.append([row.get(h) for h in sample.HEADERS])
        if not with_scans:
            continue
        d = att / idn
        d.mkdir(parents=True, exist_ok=True)
        for name, data in {**scans, **pdfs}.items():
            (d / name).write_bytes(data)
    path = folder / "roster.xlsx"
    wb.save(path)
    return path, att


def timed_run(roster: Path, att: Path, out: Path, jobs: int):
    import resource

    from titlecli.batch import Options, run

    if out.exists():
        shutil.rmtree(out)
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    # Changzhi's roster: the unit's documents (一览表, a 推荐报告 draft each) are part of every run,
    # as a clerk's batch writes them; --unit-docs says so explicitly
    res = run(roster, Options(outdir=out, attachments=att, jobs=jobs, as_of=date(2022, 8, 1), unit_docs=True))
    dt = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    main_cpu = r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime
    # CPU seconds of the whole run: the main process, plus the workers when there are any
    res.cpu = main_cpu + (sum(res.worker_cpu_s.values()) if jobs > 1 else 0.0)
    res.main_cpu = main_cpu
    failed = [r for r in res.rows if r.status != "built"]
    if failed:
        sys.exit(f"{len(failed)} applicants not built: {failed[0].problems}")
    pages = sum(r.pages or 0 for r in res.rows) / len(res.rows)
    return dt, res, pages


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--applicants", type=int, default=200)
    ap.add_argument("--small", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=3, help="interleaved -j 1 / -j 2 rounds; the best of each counts")
    ap.add_argument("--keep", help="generate into this folder and keep it")
    ap.add_argument(
        "--no-scans", action="store_true", help="applicants without scans (the roster's own cost: verdicts, covers, the journal)"
    )
    args = ap.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="titlecli-bench-batch-"))
    try:
        import os

        os.environ.setdefault("TITLECLI_CACHE_DIR", str(work / "cache"))
        t0 = time.perf_counter()
        big, att_big = make_roster(work / "big", args.applicants, not args.no_scans)
        small, att_small = make_roster(work / "small", args.small, not args.no_scans)
        print(f"generated {args.applicants} + {args.small} applicants in {time.perf_counter() - t0:.1f} s under {work}")
        timed_run(small, att_small, work / "warm", 1)  # fills the region and profile caches
        print(f"load average before timing: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (other work lowers the -j 2 figure)")
        # interleaved rounds, best of each: other work on the machine only ever slows a run down
        j1, j2, c1, c2, m2 = [], [], [], [], []
        for _ in range(args.rounds):
            t1, res1, pages = timed_run(big, att_big, work / "out-j1", 1)
            t2, res_big, _ = timed_run(big, att_big, work / "out-j2", 2)
            j1.append(t1)
            j2.append(t2)
            c1.append(res1.cpu)
            c2.append(res_big.cpu)
            m2.append(res_big.main_cpu / res_big.cpu)
            print(
                f"  round: -j 1 {t1:.1f} s ({res1.cpu:.1f} CPU s), -j 2 {t2:.1f} s ({res_big.cpu:.1f} CPU s, "
                f"main process {res_big.main_cpu / res_big.cpu:.1%}); "
                f"load average {os.getloadavg()[0]:.1f}",
                flush=True,
            )
        _, res_small, _ = timed_run(small, att_small, work / "out-small-j2", 2)
        t1, t2 = min(j1), min(j2)
        print(f"{args.applicants} applicants, {pages:.1f} pages per dossier on average")
        drafts = sum(1 for d in res_big.documents if d.endswith(".docx"))
        print(
            f"unit documents in each run: {', '.join(d for d in res_big.documents if not d.endswith('.docx'))} and {drafts} 推荐报告 drafts"
        )
        print(
            f"-j 1: {t1:.1f} s   -j 2: {t2:.1f} s   speed-up {t1 / t2:.2f}  (best of {args.rounds}; target >= 1.8 on 2 cores; {os.cpu_count()} CPUs here)"
        )
        # What -j 2 costs in CPU over -j 1 (worker start-up, pickling; the forkserver's one-off
        # imports are not counted): the speed-up two free cores would give is at most 2 / this.
        overhead = min(c2) / min(c1)
        print(f"CPU time -j 2 / -j 1: {overhead:.2f}  (speed-up with two idle cores at most {2 / overhead:.2f})")
        # the main process (roster, hashes, the resume journal, summaries) must not be the bottleneck
        print(f"main process share of all CPU with -j 2: {min(m2):.1%}  (target < 10 %)")
        peak_small = max(res_small.worker_peak_kb.values()) / 1024
        peak_big = max(res_big.worker_peak_kb.values()) / 1024
        print(
            f"peak memory per worker: {args.small} applicants {peak_small:.0f} MiB, {args.applicants} applicants {peak_big:.0f} MiB, "
            f"ratio {peak_big / peak_small:.3f}  (target within 10 %: 0.90-1.10)"
        )
        print("workers: " + ", ".join(f"{kb / 1024:.0f} MiB" for kb in sorted(res_big.worker_peak_kb.values())))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
