"""Shrinking a 3 MB A4 scan under 300 KB (Shenzhen's limit, 002 深圳) for the upload folder.

Prints the median time of titlecli's shrink (decode, EXIF orientation, quality then
resolution steps) and, measured in the same run, of a single plain Pillow decode + encode of
the same scan as the baseline, and their ratio.  Target (issue 7): under 1 s on this machine.

    python bench/upload.py [--runs 7]
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def make_scan(path: Path) -> None:
    from PIL import Image, ImageDraw

    rnd = random.Random(3)
    im = Image.new("RGB", (2480, 3508), "white")
    d = ImageDraw.Draw(im)
    for y in range(100, 3400, 36):
        d.text((120, y), "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz 0123456789") for _ in range(130)), fill=(25, 25, 25))
    px = im.load()
    for _ in range(150_000):
        x, y = rnd.randrange(2480), rnd.randrange(3508)
        v = rnd.randrange(140, 255)
        px[x, y] = (v, v, v)
    im.save(path, quality=95)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    from PIL import Image

    from titlecli.upload import _open_image, shrink_jpeg

    with tempfile.TemporaryDirectory() as d:
        scan = Path(d) / "scan.jpg"
        make_scan(scan)
        size = scan.stat().st_size
        ours, base = [], []
        out = 0
        for _ in range(args.runs):
            t0 = time.perf_counter()
            with Image.open(scan) as im:
                buf = io.BytesIO()
                im.save(buf, "JPEG", quality=75)
            base.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            data, how, ok = shrink_jpeg(_open_image(scan), 300 * 1024, 1240)
            ours.append(time.perf_counter() - t0)
            out = len(data)
            assert ok and out <= 300 * 1024, how
    mo, mb = statistics.median(ours), statistics.median(base)
    print(f"input scan: 2480x3508, {size / 1e6:.1f} MB -> {out / 1024:.0f} KB ({how})")
    print(f"plain decode+encode (baseline)  median {mb * 1000:7.1f} ms")
    print(f"titlecli shrink under 300 KB    median {mo * 1000:7.1f} ms  (target < 1000 ms)")
    print(f"ratio shrink/baseline = {mo / mb:.2f}")


if __name__ == "__main__":
    main()
