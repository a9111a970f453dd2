"""Latency of `titlecli check PROFILE --format json` against starting the CLI framework.

Prints the median wall time of each, measured interleaved in the same run, and their ratio.
Target: ratio <= 1.5 (warm cache: the normal case once a profile or region has been checked).
The cold ratio (TITLECLI_NO_CACHE=1: validation with pydantic, PyYAML and python-stdnum) is
printed too, for honesty.

    python bench/check_latency.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "examples" / "changzhi-engineer.yaml"


def timed(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    dt = time.perf_counter() - t0
    if r.returncode not in (0, 1):
        sys.exit(f"command failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr.decode()}")
    return dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=21)
    args = ap.parse_args()
    # An installed wheel has its bytecode compiled; an editable checkout may not (for example
    # with PYTHONDONTWRITEBYTECODE set), which would time the compiler, not titlecli.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "titlecli")], stdout=subprocess.DEVNULL, check=False)
    exe = shutil.which("titlecli")
    check = ([exe] if exe else [sys.executable, "-m", "titlecli"]) + ["check", str(PROFILE), "--format", "json", "--as-of", "2022-08-01"]
    base = [sys.executable, "-c", "import typer"]
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, TITLECLI_CACHE_DIR=cache)
        cold_env = dict(env, TITLECLI_NO_CACHE="1")
        timed(check, env)  # fill the cache
        timed(base, env)
        b, w, c = [], [], []
        for _ in range(args.runs):
            b.append(timed(base, env))
            w.append(timed(check, env))
            c.append(timed(check, cold_env))
    mb, mw, mc = statistics.median(b), statistics.median(w), statistics.median(c)
    print(f"python -c 'import typer'      median {mb * 1000:7.1f} ms")
    print(f"titlecli check (warm cache)   median {mw * 1000:7.1f} ms")
    print(f"titlecli check (no cache)     median {mc * 1000:7.1f} ms")
    print(f"ratio warm/typer = {mw / mb:.2f}  (target <= 1.5)")
    print(f"ratio cold/typer = {mc / mb:.2f}")


if __name__ == "__main__":
    main()
