"""No dead code in titlecli/ (issue 19): vulture, configured in pyproject.toml [tool.vulture],
reports nothing. A name only a library or a data file uses goes in .ci/vulture_whitelist.py
with who reads it; anything else vulture finds is code nobody calls: remove it."""

import subprocess
import sys

from conftest import ROOT


def test_vulture_finds_no_dead_code():
    res = subprocess.run([sys.executable, "-m", "vulture"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0 and not res.stdout, res.stdout + res.stderr


def test_the_whitelist_names_only_what_vulture_would_report():
    # Every whitelisted name is still one vulture would report without it: a name whose code
    # was removed must leave the whitelist too, or it would hide a new dead thing of that name.
    whitelist = ROOT / ".ci" / "vulture_whitelist.py"
    held, _, _ = whitelist.read_text(encoding="utf-8").partition("# ---- work in progress")
    names = [line.split("#")[0].strip() for line in held.splitlines()]
    names = [n for n in names if n.isidentifier()]
    # `vulture titlecli`: the paths given replace pyproject's, so the whitelist is left out
    res = subprocess.run([sys.executable, "-m", "vulture", "titlecli"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    reported = res.stdout
    stale = [n for n in names if f"'{n}'" not in reported]
    assert not stale, f"whitelisted but not reported by vulture (remove from {whitelist.name}): {stale}"
