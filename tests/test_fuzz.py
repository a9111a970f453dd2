"""Fuzzing every command with mangled inputs (issue 13, "Done when").

Valid inputs — the example profiles, the example roster, the bundled region files and case
files — are damaged the ways careless clerks and hostile files damage them: keys dropped,
duplicated, renamed or retyped; odd unicode, control characters, markup and format strings;
huge, negative and infinite numbers; dates at the ends of the calendar; deep nesting; lines
duplicated or cut off.  Each is run through `check`, `dossier --checklist-only`, `test`,
`regions validate` and `batch` in-process.  Whatever the input, a command must end with exit
0, 1 or 2 — bad input is the user-error path (a message, exit 2), never any other exception —
and within a time budget (an alarm turns a hang into a failure naming the input).

CI runs a small, fixed set of examples (derandomize: the same inputs every run).  For a long
run with fresh random inputs:

    TITLECLI_FUZZ=50 python -m pytest -n0 tests/test_fuzz.py    # 50 times the examples
"""

from __future__ import annotations

import copy
import json
import os
import re
import signal
import tempfile
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SCALE = int(os.environ.get("TITLECLI_FUZZ", "0") or 0)
AS_OF = ("--as-of", "2022-08-01")
# Seconds one command may take on one input: checks take well under a second, a one-person
# batch a few; the rest is room for a loaded CI machine.  A hang (an alias bomb, a footer that
# never fits) would take for ever.
BUDGET = {"check": 30, "dossier": 30, "test": 30, "regions": 30, "batch": 90}


def fuzz(examples: int):
    """CI: `examples` fixed inputs; TITLECLI_FUZZ=N: N times as many, freshly random."""
    return settings(
        max_examples=examples * max(SCALE, 1),
        derandomize=not SCALE,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


class Overtime(Exception):
    pass


@contextmanager
def budget(seconds: float):
    """Raise Overtime in this thread after `seconds` (SIGALRM): a hang fails the test."""

    def ring(signum, frame):
        raise Overtime(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run(cli, *args):
    """Run one command on one input: exit 0, 1 or 2, in time; any other exception fails."""
    start = time.monotonic()
    with budget(BUDGET[str(args[0])]):
        code, out, err = cli(*args)  # the cli fixture re-raises whatever escaped the command
    assert code in (0, 1, 2), (args, code, out, err)
    if code == 2:
        assert err.strip(), (args, "exit 2 without a message")
    assert "Traceback" not in out + err
    return code, out, err, time.monotonic() - start


# -- what a damaged value may be --------------------------------------------------------------

HOSTILE = st.sampled_from(
    [
        None,
        True,
        0,
        -1,
        -5,
        2**63,
        10**30,
        -(10**30),
        1e308,
        float("inf"),
        float("-inf"),
        float("nan"),
        0.5,
        "",
        " ",
        "\n",
        "\x00",
        "\x07",
        "\x1b[2J",
        "[/x]",
        "[bold]x",
        "{name.__class__.__mro__}",
        "{n:>999999999}",
        "%s%n",
        "\u202e",
        "９",
        "e\u0301",
        "\U0001f642",
        "长" * 3000,
        "9999-12-31",
        "0001-01-01",
        "2021-02-30",
        "2022-13-01",
        "1e400",
        "9" * 5000,
        "../../etc/passwd",
        "/dev/zero",
        "a\x00b.pdf",
        "yes",
        "null",
        "~",
        "0x10",
        date(9999, 12, 31),
        date(1, 1, 1),
        date(2118, 1, 1),
    ]
)
VALUES = st.recursive(
    HOSTILE | st.integers() | st.floats() | st.text(max_size=30) | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=3),
    max_leaves=6,
)
KEYS = st.sampled_from(["", "name", "levle", "2019", "end", "<<", "kind", "id", "extends", "remove", "years", "from"]) | st.text(max_size=6)


def _paths(tree, here=()):
    yield here
    if isinstance(tree, dict):
        for k, v in tree.items():
            yield from _paths(v, here + (k,))
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            yield from _paths(v, here + (i,))


def _get(tree, path):
    for p in path:
        tree = tree[p]
    return tree


def _nested(depth: int):
    v: object = "x"
    for _ in range(depth):
        v = [v]
    return v


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@st.composite
def like(draw, v):
    """A damaged value of the kind `v` is: a date at the ends of the calendar for a date, a
    huge or negative number for a number, markup or control characters for a text …"""
    if isinstance(v, bool):
        return draw(st.sampled_from(["yes", "是", 1, 0, None, "true", []]))
    if isinstance(v, int):
        return draw(st.sampled_from([-1, -5, 0, 10**30, -(10**30), 2**63, 99_999_999_999, 1.5, "3", float("inf")]) | st.integers())
    if isinstance(v, float):
        return draw(st.sampled_from([float("inf"), float("-inf"), float("nan"), -1.0, 1e308, 0.0, 12]) | st.floats())
    if isinstance(v, str) and _DATE.fullmatch(v):
        return draw(
            st.sampled_from(["9999-12-31", "0001-01-01", "2021-02-30", "2118-01-01", "1900-01-01", "-2022-01-01", "2022-08-01x", ""])
            | st.dates().map(str)
        )
    if isinstance(v, str):
        return draw(
            st.sampled_from(["", " ", "\x07", "\x00", "\x1b[2J", "[/x]", "[bold]", "{name.__class__}", "\u202e", "长" * 3000, "a\nb", "９"])
            | st.text(max_size=20)
            | st.just(v + draw(st.sampled_from(["x", " ", "\n", "１"])))
        )
    if isinstance(v, list):
        return draw(st.sampled_from([[], v * 3, [None], v[:1]]))
    return draw(VALUES)


@st.composite
def mangled(draw, base):
    """`base` (plain data) with one to four of the damages people and files do."""
    tree = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 4))):
        paths = list(_paths(tree))
        leaves = [p for p in paths if not isinstance(_get(tree, p), (dict, list))] or paths
        pool = leaves if draw(st.integers(0, 9)) < 7 else paths
        path = pool[draw(st.integers(0, len(pool) - 1))]
        op = draw(st.sampled_from(["similar", "similar", "similar", "drop", "retype", "rename", "add", "dup", "wrap", "deep"]))
        if not path:
            if op == "retype":
                tree = draw(VALUES)
            continue
        parent, last = _get(tree, path[:-1]), path[-1]
        if op == "similar":
            parent[last] = draw(like(parent[last]))
        elif op == "drop":
            del parent[last]
        elif op == "retype":
            parent[last] = draw(VALUES)
        elif op == "rename" and isinstance(parent, dict):
            parent[draw(KEYS)] = parent.pop(last)
        elif op == "add":
            target = parent[last] if isinstance(parent[last], dict) else parent
            if isinstance(target, dict):
                target[draw(KEYS)] = draw(VALUES)
        elif op == "dup" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        elif op == "wrap":
            parent[last] = draw(st.sampled_from([[parent[last]], {"x": parent[last]}]))
        elif op == "deep":
            parent[last] = _nested(draw(st.sampled_from([3, 50, 150, 300])))
    return tree


@st.composite
def serialised(draw, data):
    """The data as the text of a YAML or JSON file, perhaps damaged as text too: a line given
    twice (duplicate keys), a line lost, the file cut short, a BOM, an alias bomb."""
    fmt = draw(st.sampled_from(["yaml", "yaml", "json"]))
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=draw(st.booleans()), default=str)
    else:
        text = yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False, width=10**6)
    damage = draw(st.sampled_from(["none", "none", "dupline", "dropline", "cut", "bom", "bomb", "tab"]))
    lines = text.split("\n")
    i = draw(st.integers(0, max(len(lines) - 1, 0)))
    if damage == "dupline":
        lines.insert(i, lines[i])
    elif damage == "dropline" and len(lines) > 1:
        del lines[i]
    elif damage == "tab":
        lines[i] = "\t" + lines[i]
    text = "\n".join(lines)
    if damage == "cut":
        text = text[: draw(st.integers(0, len(text)))]
    elif damage == "bom":
        text = "\ufeff" + text
    elif damage == "bomb" and fmt == "yaml":
        text = (
            'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\n'
            + "".join(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]\n" for n in range(1, 9))
            + text
        )
    return fmt, text


def _plain(path: Path):
    from titlecli import yamlio

    return yamlio.load(path.read_text(encoding="utf-8"))


PROFILES = [_plain(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
REGION_FILES = sorted((ROOT / "regions").glob("*.yaml"))
REGIONS = [_plain(p) for p in REGION_FILES]


def _write(tmp_path: Path, fmt: str, text: str, stem: str) -> Path:
    d = Path(tempfile.mkdtemp(dir=tmp_path))
    p = d / f"{stem}.{fmt}"
    p.write_text(text, encoding="utf-8")
    return p


# -- profiles: check, dossier --checklist-only, test ------------------------------------------


@fuzz(20)
@given(st.data())
def test_mangled_profiles_through_check_dossier_and_test(cli, tmp_path, data):
    base = data.draw(st.sampled_from(PROFILES))
    fmt, text = data.draw(serialised(data.draw(mangled(base))))
    p = _write(tmp_path, fmt, text, "profile")
    code, out, _, _ = run(cli, "check", p, *AS_OF, "--format", "json")
    if code in (0, 1):
        json.loads(out)  # a verdict is whole JSON
    run(cli, "dossier", p, *AS_OF, "--checklist-only")
    case = p.with_name("cases.yaml")
    case.write_text(
        yaml.safe_dump(
            {"as_of": "2022-08-01", "cases": [{"name": "fuzz", "profile": p.name, "expect": {"intermediate": {"eligible": True}}}]}
        ),
        encoding="utf-8",
    )
    run(cli, "test", case)


# -- region files: validate, and check a good profile against them ----------------------------


@fuzz(15)
@given(st.data())
def test_mangled_region_files_through_validate_and_check(cli, tmp_path, data):
    i = data.draw(st.integers(0, len(REGIONS) - 1))
    fmt, text = data.draw(serialised(data.draw(mangled(REGIONS[i]))))
    r = _write(tmp_path, fmt, text, REGION_FILES[i].stem)
    run(cli, "regions", "validate", r)
    run(cli, "check", EXAMPLES / "changzhi-engineer.yaml", "--region", r, *AS_OF, "--format", "json")


# -- case files -------------------------------------------------------------------------------


def _case_base(path: Path):
    data = _plain(path)
    for c in data.get("cases", []):
        if isinstance(c.get("profile"), str):
            c["profile"] = str((path.parent / c["profile"]).resolve())
    data["cases"] = data["cases"][:3]  # a few cases are enough to damage
    return data


CASES = [_case_base(p) for p in sorted((EXAMPLES / "cases").glob("*.yaml"))]


@fuzz(10)
@given(st.data())
def test_mangled_case_files_through_test(cli, tmp_path, data):
    base = data.draw(st.sampled_from(CASES))
    fmt, text = data.draw(serialised(data.draw(mangled(base))))
    run(cli, "test", _write(tmp_path, fmt, text, "cases"))


# -- rosters: batch ---------------------------------------------------------------------------


def _sample():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_sample", EXAMPLES / "batch" / "make_sample.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


S = _sample()
CELLS = (
    HOSTILE.filter(lambda v: not isinstance(v, (dict, list)))
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["至今", "示例", "2014.7", "42186", "80000", '=HYPERLINK("x")', "140402199205153219\n", "14040219920515326x"])
)


@st.composite
def rosters(draw):
    """A one- or two-person roster (张伟 with his continuation row, or 王芳) with damaged cells
    and headers."""
    rows = [dict(r) for r in (S.ROWS[:2] if draw(st.booleans()) else S.ROWS[2:3])]
    headers = list(S.HEADERS)
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(["cell", "cell", "cell", "drop", "dupcol", "rename", "junkcol"]))
        h = draw(st.sampled_from(headers))
        if op == "cell":
            draw(st.sampled_from(rows))[h] = draw(CELLS)
        elif op == "drop" and len(headers) > 1:
            headers.remove(h)
        elif op == "dupcol":
            headers.insert(headers.index(h), h)
        elif op == "rename":
            headers[headers.index(h)] = h + draw(st.sampled_from(["", "x", "１", " "]))
        elif op == "junkcol":
            headers.append(draw(st.text(max_size=6)))
    return draw(st.sampled_from(["csv", "xlsx"])), headers, rows


def _write_roster(path: Path, fmt: str, headers: list, rows: list[dict]) -> Path:
    def cell(v):
        return "" if v is None else v

    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO(newline="")
        w = csv.writer(buf)
        w.writerow(headers)
        for r in rows:
            w.writerow([cell(r.get(h)) for h in headers])
        path.write_text(buf.getvalue(), encoding="utf-8")
        return path
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"

    def xl(v):  # what an .xlsx can hold at all (Excel itself cannot store these either)
        if isinstance(v, str):
            return ILLEGAL_CHARACTERS_RE.sub("", v)[:32000]
        if isinstance(v, float) and v != v or v in (float("inf"), float("-inf")):
            return str(v)
        if isinstance(v, int) and abs(v) > 2**53:
            return str(v)
        if isinstance(v, date) and not 1900 <= v.year <= 9999:
            return v.isoformat()
        return v

    ws.append([xl(h) for h in headers])
    for r in rows:
        ws.append([xl(r.get(h)) for h in headers])
    wb.save(path)
    return path


@fuzz(6)
@given(rosters())
def test_mangled_rosters_through_batch(cli, tmp_path, roster):
    fmt, headers, rows = roster
    d = Path(tempfile.mkdtemp(dir=tmp_path))
    r = _write_roster(d / f"roster.{fmt}", fmt, headers, rows)
    code, out, err, _ = run(cli, "batch", r, "-o", d / "out", "-j", "1", *AS_OF)
    if code in (0, 1):  # every applicant has a verdict or a reason, and the summary is there
        rep = json.loads((d / "out" / "report.json").read_text("utf-8"))
        assert rep["applicants"] and (d / "out" / "汇总表.xlsx").exists()


# -- the harness itself -----------------------------------------------------------------------


def test_the_budget_turns_a_hang_into_a_failure():
    with pytest.raises(Overtime), budget(0.2):
        while True:
            time.sleep(0.01)


def test_mangling_changes_the_input_and_keeps_it_serialisable():
    from hypothesis import find

    base = PROFILES[0]
    changed = find(mangled(base), lambda x: x != base, settings=settings(database=None, derandomize=True))
    assert changed != base
    fmt, text = find(serialised(changed), lambda ft: ft[0] == "json", settings=settings(database=None, derandomize=True))
    assert isinstance(text, str)
