"""Patterns kept compiled in the cache (titlecli.patterns): the same pattern as re.compile makes,
or re.compile's own when the cache is off or its entry is of no use."""

from __future__ import annotations

import itertools
import marshal
import re
import sys

import pytest

from titlecli import cache, fastbuild, linebreak, patterns, quickyaml


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TITLECLI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TITLECLI_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "_state", {})
    return tmp_path / "cache"


def _ours() -> list[tuple[str, int]]:
    """Every pattern titlecli compiles through the cache: each of the line breaker's tokenisers,
    its document numbers, the quick YAML reader's keys and the builder's annotations."""
    tokenisers = [
        "|".join([linebreak._RUN, *linebreak._rest(*flags, one_unit=True)]) for flags in itertools.product([True, False], repeat=5)
    ]
    return [
        *((p, re.S) for p in tokenisers),
        (linebreak._TOKEN_PATTERN, re.S),
        (linebreak._LOOSE_DOCNO, re.S),
        (quickyaml._KEY.pattern, 0),
        (fastbuild._PART.pattern, 0),
    ]


def test_a_pattern_read_from_the_cache_is_the_one_re_compiles(fresh_cache):
    for pattern, flags in _ours():
        first = patterns.compiled(pattern, flags)  # compiled, and stored
        assert first is re.compile(pattern, flags)
        again = patterns.compiled(pattern, flags)  # read back: made by the engine from the entry
        assert again is not re.compile(pattern, flags), pattern
        assert again == first and again.groupindex == first.groupindex and again.groups == first.groups, pattern
    text = "依据：长工信〔2022〕139号，第 3-5 页，一式三份，2014-07-01 毕业，don’t"
    tokeniser = patterns.compiled(linebreak._TOKEN_PATTERN, re.S)
    assert [m.group(0) for m in tokeniser.finditer(text)] == [m.group(0) for m in re.compile(linebreak._TOKEN_PATTERN, re.S).finditer(text)]


@pytest.mark.parametrize(
    "stored",
    [
        marshal.dumps((int(re.S), [999_999], 0, {}, (None,))),  # code the engine refuses
        marshal.dumps(("not", "what", "the", "engine", "takes")),
        b"\x00not marshal",
    ],
)
def test_an_entry_of_no_use_is_compiled_again(fresh_cache, stored):
    import _sre

    pattern = linebreak._LOOSE_DOCNO
    cache.put(cache.key("pattern", sys.version, str(_sre.MAGIC), str(re.S), pattern), stored)
    assert patterns.compiled(pattern, re.S) is re.compile(pattern, re.S)


def test_without_the_cache_it_is_re_compile(fresh_cache, monkeypatch):
    monkeypatch.setenv("TITLECLI_NO_CACHE", "1")
    for pattern, flags in _ours()[-3:]:
        assert patterns.compiled(pattern, flags) is re.compile(pattern, flags)
        assert patterns.compiled(pattern, flags) is re.compile(pattern, flags)
    assert not fresh_cache.exists()
