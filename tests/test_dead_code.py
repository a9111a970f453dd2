"""No dead code in titlecli/ (issue 19): vulture, configured in pyproject.toml [tool.vulture],
reports nothing. A name only a library or a data file uses goes in .ci/vulture_whitelist.py
with who reads it; anything else vulture finds is code nobody calls: remove it."""

import re
import subprocess
import sys

import pytest
from conftest import ROOT

WHITELIST = ROOT / ".ci" / "vulture_whitelist.py"


def _names(text: str) -> list[str]:
    names = [line.split("#")[0].strip() for line in text.splitlines()]
    return [n for n in names if n.isidentifier()]


@pytest.fixture(scope="module")
def reported() -> list[tuple[str, str]]:
    """(line, name) for everything vulture reports in titlecli/ without the whitelist. One run
    serves both tests: `vulture titlecli` (the paths given replace pyproject's, so the whitelist
    is left out) is what `vulture` reports with the whitelist, plus the whitelisted names."""
    res = subprocess.run([sys.executable, "-m", "vulture", "titlecli"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode in (0, 3) and not res.stderr, res.stderr  # 3: something was found
    return [(line, re.search(r"'([^']+)'", line).group(1)) for line in res.stdout.splitlines()]


def test_vulture_finds_no_dead_code(reported):
    whitelisted = set(_names(WHITELIST.read_text(encoding="utf-8")))
    dead = [line for line, name in reported if name not in whitelisted]
    assert not dead, "\n".join(dead)


def test_the_whitelist_names_only_what_vulture_would_report(reported):
    # Every whitelisted name is still one vulture would report without it: a name whose code
    # was removed must leave the whitelist too, or it would hide a new dead thing of that name.
    held, _, _ = WHITELIST.read_text(encoding="utf-8").partition("# ---- work in progress")
    names = {name for _, name in reported}
    stale = [n for n in _names(held) if n not in names]
    assert not stale, f"whitelisted but not reported by vulture (remove from {WHITELIST.name}): {stale}"
