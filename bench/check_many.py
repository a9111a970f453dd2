"""`titlecli check` of many profiles in one process against a single-profile run (issue 18).

Copies the bundled example profiles into a temporary folder until there are N of them (default
400; each copy differs by a comment line, so the cache cannot take one for another, as 400
different people would be), then runs, interleaved in the same run:
  - `titlecli check ONE.yaml --format json` (one profile),
  - `titlecli check ALL N --format json` (N profiles in one process),
each with the validation cache warm (the normal case once a roster has been checked) and with
TITLECLI_NO_CACHE=1 (every profile validated).  Prints for each:
  - the cost of one more profile, (t(N) - t(1)) / (N - 1), as a share of the single run
    (target <= 3 %; CPU time too, which other work on a busy machine disturbs less than wall);
  - the peak resident memory of the N-profile run against the single run (target <= 1.5x).
A run that fails or writes to stderr stops the bench: a crash must not pass for a fast check.

    python bench/check_many.py [--profiles 400] [--runs 7]
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
EXAMPLES = ROOT / "examples"


def run(cmd: list[str], env: dict) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MB of one run of `cmd`."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read() if p.stderr else b""
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in (0, 1) or err:
        sys.exit(f"command failed ({p.returncode}): {' '.join(cmd[:6])} …\n{err.decode()}")
    return dt, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def profiles(folder: Path, n: int) -> list[str]:
    sources = sorted(EXAMPLES.glob("*.yaml"))
    out = []
    for i in range(n):
        src = sources[i % len(sources)]
        dst = folder / f"{i:04d}-{src.name}"
        dst.write_text(src.read_text(encoding="utf-8") + f"\n# applicant {i}\n", encoding="utf-8")
        out.append(str(dst))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--profiles", type=int, default=400)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "titlecli")], stdout=subprocess.DEVNULL, check=False)
    exe = shutil.which("titlecli")
    base = ([exe] if exe else [sys.executable, "-m", "titlecli"]) + ["check", "--as-of", "2022-08-01", "--format", "json"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "profiles"
        folder.mkdir()
        many = profiles(folder, args.profiles)
        # the single profile is the changzhi engineer, the first copy of the largest example
        one = next(p for p in many if p.endswith("changzhi-engineer.yaml"))
        env = dict(os.environ, TITLECLI_CACHE_DIR=str(Path(tmp) / "cache"))
        env.pop("TITLECLI_NO_CACHE", None)
        envs = {"warm cache": env, "no cache": dict(env, TITLECLI_NO_CACHE="1")}
        run([*base, *many], env)  # fills the cache
        times: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
        for _ in range(args.runs):
            for name, e in envs.items():
                times.setdefault((name, "one"), []).append(run([*base, one], e))
                times.setdefault((name, "many"), []).append(run([*base, *many], e))
    n = args.profiles
    print(f"check of 1 and of {n} profiles in one process, medians of {args.runs} interleaved runs")
    for name in envs:

        def med(which, i, name=name):
            return statistics.median(r[i] for r in times[(name, which)])

        w1, wn, c1, cn, m1, mn = med("one", 0), med("many", 0), med("one", 1), med("many", 1), med("one", 2), med("many", 2)
        per_wall, per_cpu = (wn - w1) / (n - 1), (cn - c1) / (n - 1)
        print(
            f"  {name:10}  1: {w1 * 1000:6.1f} ms  {n}: {wn * 1000:7.1f} ms   one more profile: {per_wall * 1000:5.2f} ms"
            f" = {per_wall / w1:5.1%} of a single run (CPU {per_cpu / c1:5.1%}; target <= 3 %)"
        )
        print(f"  {'':10}  peak memory 1: {m1:5.1f} MB  {n}: {mn:5.1f} MB  ratio {mn / m1:.2f} (target <= 1.5)")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
