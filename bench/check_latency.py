"""Latency of `titlecli check PROFILE` against starting the CLI framework.

Prints the median wall time of each, measured interleaved in the same run, and their ratio, for
the JSON output and for the text output people see in a terminal (issue 18: the text path drew
its tables with rich, whose import alone cost half of `import typer`; output to a pipe, as the
bench runs it, draws the same tables without colours).
Target: each ratio <= 1.3 (warm cache: the normal case once a profile or region has been checked;
issue 13 replaced the pickled cache by keyed digests and a builder, see titlecli/cache.py).
The cold ratio (TITLECLI_NO_CACHE=1: validation with pydantic, PyYAML and python-stdnum) is
printed too, for honesty, and so is the ratio of CPU time (user + system of the child), which
other work on a busy machine disturbs less than wall time.  A run that fails or writes to stderr
stops the bench: a crash must not pass for a fast check.

    python bench/check_latency.py [--runs 21]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "examples" / "changzhi-engineer.yaml"


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def timed(cmd: list[str], env: dict, stdout=subprocess.DEVNULL) -> tuple[float, float]:
    """Wall and CPU seconds of one run (runs are sequential, so the children's CPU delta is its)."""
    c0 = _cpu()
    t0 = time.perf_counter()
    r = subprocess.run(cmd, env=env, stdout=stdout, stderr=subprocess.PIPE, check=False)
    dt = time.perf_counter() - t0
    if r.returncode not in (0, 1) or r.stderr:
        sys.exit(f"command failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr.decode()}")
    return dt, _cpu() - c0


def verdict(cmd: list[str], env: dict) -> None:
    """Check once that the command prints a verdict."""
    r = subprocess.run(cmd, env=env, capture_output=True, check=False)
    try:
        ok = r.returncode in (0, 1) and "eligible" in json.loads(r.stdout)
    except ValueError:
        ok = False
    if not ok:
        sys.exit(f"no verdict from: {' '.join(cmd)}\n{r.stderr.decode()}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=21)
    args = ap.parse_args()
    # An installed wheel has its bytecode compiled; an editable checkout may not (for example
    # with PYTHONDONTWRITEBYTECODE set), which would time the compiler, not titlecli.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "titlecli")], stdout=subprocess.DEVNULL, check=False)
    exe = shutil.which("titlecli")
    check = ([exe] if exe else [sys.executable, "-m", "titlecli"]) + ["check", str(PROFILE), "--format", "json", "--as-of", "2022-08-01"]
    text = [*check[:-4], "--as-of", "2022-08-01"]  # the default format
    base = [sys.executable, "-c", "import typer"]
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, TITLECLI_CACHE_DIR=cache)
        cold_env = dict(env, TITLECLI_NO_CACHE="1")
        verdict(check, cold_env)
        verdict(check, env)  # fills the cache
        verdict(check, env)
        timed(base, env)
        timed(text, env)
        b, w, c, x = [], [], [], []
        for _ in range(args.runs):
            b.append(timed(base, env))
            w.append(timed(check, env))
            x.append(timed(text, env))
            c.append(timed(check, cold_env))

    def med(runs, i):
        return statistics.median(r[i] for r in runs)

    mb, mw, mx, mc = med(b, 0), med(w, 0), med(x, 0), med(c, 0)
    print(f"python -c 'import typer'         median {mb * 1000:7.1f} ms  (CPU {med(b, 1) * 1000:6.1f} ms)")
    print(f"titlecli check -f json (warm)    median {mw * 1000:7.1f} ms  (CPU {med(w, 1) * 1000:6.1f} ms)")
    print(f"titlecli check, text (warm)      median {mx * 1000:7.1f} ms  (CPU {med(x, 1) * 1000:6.1f} ms)")
    print(f"titlecli check -f json (no cache) median {mc * 1000:6.1f} ms  (CPU {med(c, 1) * 1000:6.1f} ms)")
    print(f"ratio json/typer = {mw / mb:.2f}  (target <= 1.3; CPU time {med(w, 1) / med(b, 1):.2f})")
    print(f"ratio text/typer = {mx / mb:.2f}  (target <= 1.3; CPU time {med(x, 1) / med(b, 1):.2f})")
    print(f"ratio cold/typer = {mc / mb:.2f}  (CPU time {med(c, 1) / med(b, 1):.2f})")
    print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
