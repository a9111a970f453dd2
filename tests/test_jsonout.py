"""The JSON report's writer (titlecli.jsonout) writes exactly what json.dumps(indent=2) writes.

`titlecli check --format json` promises stable JSON (contract §3): a faster writer may not change
one byte of it, for any value a report can hold.
"""

from __future__ import annotations

import json
import math

from hypothesis import example, given, settings
from hypothesis import strategies as st

from titlecli.jsonout import dumps


def reference(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


leaves = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(values)
@example({"name": '张伟 "老张"\\\n\t\x00\x1f\x7f\u2028', "empty": {}, "none": [], "nested": [[], [{}], {"a": [1, 2.5, -0.0]}]})
@example([math.nan, math.inf, -math.inf, 1e16, 1e-7, 10**30, True, False, None])
def test_same_text_as_json_dumps(obj):
    assert dumps(obj) == reference(obj)


def test_values_it_does_not_write_are_written_by_json_dumps():
    class Name(str):
        pass

    for obj in ({1: "a", None: "b"}, {"k": Name("x")}, [Name("y")], {"k": 2**70}):
        assert dumps(obj) == reference(obj)
    try:
        dumps({"day": object()})
    except TypeError as e:
        assert "not JSON serializable" in str(e)
    else:
        raise AssertionError("an unwritable value must fail as json.dumps fails")


def test_a_whole_check_report_is_unchanged(tmp_path):
    """The bundled example's report, as `check --format json` writes it, is json.dumps's text."""
    from datetime import date
    from pathlib import Path

    from titlecli.commands.check import verdicts_of
    from titlecli.render import verdict_json

    example = Path(__file__).resolve().parent.parent / "examples" / "changzhi-engineer.yaml"
    (v,) = verdicts_of([str(example)], None, None, date(2022, 8, 1))
    obj = verdict_json(v)
    assert len(reference(obj)) > 5000 and dumps(obj) == reference(obj)
