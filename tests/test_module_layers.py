"""Which modules may import which (issue 11, item 7): the online checks and the engine both
build reasons, and neither needs the other to do so."""

from __future__ import annotations

import subprocess
import sys


def _imports_after(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(m for m in sys.modules if m.startswith('titlecli')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_online_checks_do_not_import_the_engine():
    assert "titlecli.engine" not in _imports_after("titlecli.online")


def test_results_stand_alone():
    assert _imports_after("titlecli.results") == {"titlecli", "titlecli.results"}
