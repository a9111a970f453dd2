"""Every bundled example gives the verdict its header promises.

Each example starts with a comment saying what it shows and a line
`# expect: as_of=YYYY-MM-DD level=L eligible=true|false earliest=YYYY-MM-DD|null`.
"""

import json
import re

import pytest
from conftest import EXAMPLES

EXPECT = re.compile(r"^#\s*expect:\s*(.+)$", re.M)


def examples():
    out = []
    for p in sorted(EXAMPLES.glob("*.y*ml")):
        m = EXPECT.search(p.read_text(encoding="utf-8"))
        if m:
            fields = dict(kv.split("=", 1) for kv in m.group(1).split())
            out.append(pytest.param(p, fields, id=p.stem))
    return out


def test_every_example_says_what_it_expects():
    files = sorted(EXAMPLES.glob("*.y*ml"))
    assert files
    missing = [p.name for p in files if not EXPECT.search(p.read_text(encoding="utf-8"))]
    assert not missing, f"examples without an '# expect:' line: {missing}"


@pytest.mark.parametrize("path,fields", examples())
def test_example_verdict(cli, path, fields):
    code, out, err = cli("check", path, "--as-of", fields["as_of"], "--level", fields["level"], "--format", "json")
    assert code in (0, 1), err
    v = json.loads(out)
    eligible = fields["eligible"] == "true"
    assert v["eligible"] is eligible, [r["reasons"] for r in v["results"]]
    assert code == (0 if eligible else 1)
    if "earliest" in fields:
        want = None if fields["earliest"] == "null" else fields["earliest"]
        got = [r["earliest_date"] for r in v["results"] if r["level"] == fields["level"] and r["route"] != "transfer"]
        assert want in got, (want, got)
