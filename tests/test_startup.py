"""`titlecli check` start-up (issue 2, item 8): what it imports, and that the cache that makes it
fast never changes an answer.  Speed itself is measured by bench/check_latency.py."""

from __future__ import annotations

import dataclasses
import inspect
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from titlecli.lazyclass import lazy_dataclass

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PROFILE = EXAMPLES / "changzhi-engineer.yaml"

# The budget of `check` (issue 19): never the libraries of the interview, the dossier or batch,
# whichever path the check takes.  Modules name them at their head through titlecli.lazyimport.
HEAVY = ("questionary", "prompt_toolkit", "reportlab", "pypdf", "openpyxl", "PIL", "ruamel")
# Needed only to validate a file the cache has not seen.  (The cache keeps nothing of a profile:
# a cached one is read again, by titlecli.quickyaml, checked against what PyYAML read before.)
VALIDATION = ("pydantic", "yaml", "stdnum")

# The probes below run `titlecli ARGS...` in their interpreter (_RUN), having set up what they
# watch, then write what they noted to the file named by $PROBE_OUT (_probe runs one).
_RUN = """
import os, sys
sys.argv = ["titlecli", *sys.argv[1:]]
from titlecli.cli import main
try:
    main()
except SystemExit:
    pass
"""

# The names of every module the command imported.
_PROBE = (
    _RUN
    + """
with open(os.environ["PROBE_OUT"], "w") as f:
    f.write("\\n".join(sorted(sys.modules)))
"""
)


def _env(cache: Path | None, **more) -> dict:
    env = dict(os.environ, **more)
    env.pop("TITLECLI_NO_CACHE", None)
    if cache is None:
        env["TITLECLI_NO_CACHE"] = "1"
    else:
        env["TITLECLI_CACHE_DIR"] = str(cache)
    return env


def _titlecli(args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "titlecli", *map(str, args)], cwd=ROOT, env=env, capture_output=True, timeout=120, check=False
    )


def _probe(tmp_path: Path, code: str, args, env) -> tuple[subprocess.CompletedProcess, str]:
    """Run a probe with ARGS: how it ended, and what it wrote to $PROBE_OUT."""
    out = tmp_path / "probe.out"
    out.unlink(missing_ok=True)
    r = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        cwd=ROOT,
        env=dict(env, PROBE_OUT=str(out)),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert out.exists(), r.stderr.decode()  # the probe ran to its end
    return r, out.read_text()


def _imported(tmp_path: Path, args, env) -> set[str]:
    r, out = _probe(tmp_path, _PROBE, args, env)
    assert r.returncode == 0 and r.stdout.strip(), r.stderr.decode()  # the check ran and printed its verdict
    return {m.split(".")[0] for m in out.split()}


CHECK = ["check", PROFILE, "--as-of", "2022-08-01"]


@pytest.mark.parametrize("fmt", ["json", "text", "junit"])
def test_check_imports_no_interview_dossier_or_batch_library(tmp_path, fmt):
    for cache in (None, tmp_path / "cache", tmp_path / "cache"):  # no cache, filling, warm
        mods = _imported(tmp_path, [*CHECK, "--format", fmt], _env(cache))
        assert not mods & set(HEAVY), f"titlecli check --format {fmt} imported {sorted(mods & set(HEAVY))}"


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_cached_check_skips_validation_and_rich(tmp_path, fmt):
    env = _env(tmp_path / "cache")
    cold = _imported(tmp_path, [*CHECK, "--format", fmt], env)
    assert "pydantic" in cold and "rich" not in cold  # the first check validates ...
    warm = _imported(tmp_path, [*CHECK, "--format", fmt], env)
    # ... the next one reads the validated profile and region from the cache; neither JSON nor
    # the text tables (titlecli.textout) need rich.
    assert not warm & {*VALIDATION, "rich"}, sorted(warm & {*VALIDATION, "rich"})


def test_a_cached_text_check_imports_no_json(tmp_path):
    """The text a person reads needs no JSON: the cached region and the list of region packs are
    read with marshal (json's import and a region's json.loads were ~6 M instructions, ~2 ms)."""
    env = _env(tmp_path / "cache")
    _imported(tmp_path, CHECK, env)  # fills the cache
    warm = _imported(tmp_path, CHECK, env)
    assert "json" not in warm


# Every pattern `re` compiled meanwhile.
_COMPILES = (
    """
import re._compiler
seen = []
real = re._compiler.compile
re._compiler.compile = lambda p, flags=0: seen.append(str(p)) or real(p, flags)
"""
    + _RUN
    + """
with open(os.environ["PROBE_OUT"], "w") as f:
    f.write("\\n".join(seen))
"""
)


def test_a_cached_text_check_compiles_none_of_its_big_patterns(tmp_path):
    """The line breaker's tokeniser, the quick YAML reader's keys and the builder's annotations
    come compiled from the cache (titlecli.patterns): compiling them cost ~10 M instructions."""
    env = _env(tmp_path / "cache")
    compiled = []
    # validated (the tokeniser is compiled); read by the quick reader (its keys compiled); warm
    for _ in range(3):
        r, seen = _probe(tmp_path, _COMPILES, CHECK, env)
        assert r.returncode in (0, 1) and "长工信〔2022〕139号" in r.stdout.decode(), r.stderr.decode()
        compiled.append(seen)
    big = ("(?P<run>", "(?P<docno>", '(?P<key>"', "(?P<item>")
    assert all(name in compiled[0] + compiled[1] for name in big)  # compiled once ...
    assert not [name for name in big if name in compiled[2]]  # ... then read from the cache


# Runs the console script's main (or `python -m titlecli`) with ARGS, counting the collector's
# rounds from the pause on; writes {"rounds": n, "enabled": bool, "frozen": n} to $PROBE_OUT.
_GC_PROBE = """
import gc, json, os, runpy, sys
import titlecli.gcpause as gcpause
rounds = []
gc.callbacks.append(lambda phase, info: phase == "start" and rounds.append(info["generation"]))
pause = gcpause.pause_start_up
gcpause.pause_start_up = lambda: rounds.clear() or pause()  # count from the pause on
how, sys.argv = sys.argv[1], ["titlecli", *sys.argv[2:]]
try:
    if how == "script":
        from titlecli.launch import main
        main()
    else:
        runpy.run_module("titlecli", run_name=how)  # "__main__", or "__mp_main__" as a worker
except SystemExit:
    pass
with open(os.environ["PROBE_OUT"], "w") as f:
    json.dump({"rounds": len(rounds), "enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}, f)
"""


def _gc(tmp_path: Path, how: str, args, env) -> dict:
    r, out = _probe(tmp_path, _GC_PROBE, [how, *args], env)
    assert r.returncode == 0, r.stderr.decode()
    return json.loads(out)


def test_the_collector_waits_for_the_start_up_and_runs_for_longer_work(tmp_path):
    """The start-up makes objects that live until the process ends: collecting them found
    nothing and cost ~17 M instructions of a `titlecli check` (titlecli.gcpause).  A check of
    one profile runs no round at all; a check of several, and every other command, collect as
    usual once they begin; a batch worker importing titlecli's __main__ collects from the start,
    and so does anything importing titlecli as a library."""
    env = _env(tmp_path / "cache")
    _gc(tmp_path, "script", CHECK, env)  # fills the cache
    for how in ("script", "__main__"):
        one = _gc(tmp_path, how, CHECK, env)
        assert one["rounds"] == 0 and not one["enabled"], one  # (~40 rounds with the collector on)
    many = _gc(tmp_path, "script", ["check", PROFILE, *sorted(EXAMPLES.glob("*.yaml"))[:3], "--as-of", "2022-08-01"], env)
    assert many["enabled"] and many["rounds"] > 0 and many["frozen"] > 10_000, many
    other = _gc(tmp_path, "script", ["regions", "list"], env)
    assert other["enabled"] and other["frozen"] > 10_000, other
    worker = _gc(tmp_path, "__mp_main__", [], env)
    assert worker["enabled"] and worker["frozen"] == 0, worker
    r = subprocess.run([sys.executable, "-c", "import gc, titlecli.cli, titlecli.commands.check; assert gc.isenabled()"], check=False)
    assert r.returncode == 0


# Every annotation typer had to evaluate from text.
_HINTS = (
    """
import typer.utils
texts = []
real = typer.utils.get_type_hints
def hints(obj, *a, **k):
    texts.extend(f"{obj.__qualname__}.{n}" for n, v in getattr(obj, "__annotations__", {}).items() if isinstance(v, str))
    return real(obj, *a, **k)
typer.utils.get_type_hints = hints
"""
    + _RUN
    + """
with open(os.environ["PROBE_OUT"], "w") as f:
    f.write("\\n".join(texts))
"""
)


def test_typer_evaluates_no_annotation_written_as_text_for_check(tmp_path):
    """typer reads the command's annotations at every start: written as text (`from __future__
    import annotations`), each was compiled by typing.get_type_hints (~2.5 M instructions)."""
    r, texts = _probe(tmp_path, _HINTS, CHECK, _env(tmp_path / "c"))
    assert r.returncode in (0, 1), r.stderr.decode()
    assert texts == ""


def test_a_lazy_module_is_imported_when_first_used():
    from titlecli.lazyimport import lazy

    code = (
        "import sys; from titlecli.lazyimport import lazy; m = lazy('colorsys'); "
        "assert 'colorsys' not in sys.modules; assert m.rgb_to_hsv(1, 0, 0)[0] == 0; assert 'colorsys' in sys.modules"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert r.returncode == 0, r.stderr.decode()
    with pytest.raises(ModuleNotFoundError):
        lazy("no_such_module_here").anything  # noqa: B018 - the attribute is what imports it


def test_cached_checks_print_exactly_what_uncached_ones_do(tmp_path):
    profiles = sorted(EXAMPLES.glob("*.yaml"))
    assert len(profiles) > 10
    runs = [
        ["check", *profiles, "--as-of", "2022-08-01", "--format", "json"],
        ["check", *profiles, "--as-of", "2023-03-01", "--lang", "en", "--verbose"],
    ]
    for args in runs:
        expected = _titlecli(args, _env(None))
        assert expected.stdout and expected.returncode in (0, 1), expected.stderr.decode()
        for _ in ("filling", "warm"):
            got = _titlecli(args, _env(tmp_path / "cache"))
            assert (got.returncode, got.stdout, got.stderr) == (expected.returncode, expected.stdout, expected.stderr)


def _json_check(profile: Path, env, *more) -> dict:
    r = _titlecli(["check", profile, "--as-of", "2022-08-01", "--format", "json", *more], env)
    assert r.returncode in (0, 1), r.stderr.decode()
    return json.loads(r.stdout)


def test_an_edited_profile_is_checked_afresh(tmp_path):
    env = _env(tmp_path / "cache")
    prof = tmp_path / "p.yaml"
    shutil.copy(PROFILE, prof)
    assert _json_check(prof, env)["applicant"]["name"] == "张伟"
    prof.write_text(prof.read_text(encoding="utf-8").replace("张伟", "张卫", 1), encoding="utf-8")
    assert _json_check(prof, env)["applicant"]["name"] == "张卫"


def test_an_edited_parent_region_is_read_afresh(tmp_path):
    # The child is cached under its own bytes; the file it extends changes underneath it.
    env = _env(tmp_path / "cache")
    parent = tmp_path / "parent.yaml"
    national = (ROOT / "regions" / "national.yaml").read_text(encoding="utf-8")
    parent.write_text(national.replace("\nid: national\n", "\nid: parent\n", 1), encoding="utf-8")  # id = file name
    child = tmp_path / "child.yaml"
    child.write_text(
        "id: child\nextends: parent.yaml\ndocuments: {d: {title: 测试, kind: notice}}\nnotice: {document: d}\n", encoding="utf-8"
    )
    prof = EXAMPLES / "national-bachelor-assistant.yaml"
    args = ["check", prof, "--as-of", "2022-08-01", "--region", child]
    first = _titlecli(args, env)
    assert first.returncode in (0, 1) and "改过的名称" not in first.stdout.decode(), first.stderr.decode()
    text = parent.read_text(encoding="utf-8")
    assert "\nname: 全国通行做法" in text
    parent.write_text(text.replace("\nname: 全国通行做法", "\nname: 改过的名称", 1), encoding="utf-8")
    second = _titlecli(args, env).stdout.decode()
    assert "改过的名称" in second


def test_a_damaged_cache_is_ignored_and_no_cache_writes_nothing(tmp_path):
    cache = tmp_path / "cache"
    expected = _json_check(PROFILE, _env(None))
    assert _json_check(PROFILE, _env(cache)) == expected
    entries = [p for p in (cache / "v3").iterdir()]
    assert len(entries) == 4  # the profile, its region, the installed region packs, the builder's pattern
    for p in entries:
        p.write_bytes(b"not an entry")  # entries are empty: what is in them is never read
    assert _json_check(PROFILE, _env(cache)) == expected
    (cache / "secret").write_bytes(b"short")  # a damaged secret: the cache is not used
    assert _json_check(PROFILE, _env(cache)) == expected
    (cache / "secret").unlink()
    assert _json_check(PROFILE, _env(cache)) == expected

    untouched = tmp_path / "unused"
    assert _json_check(PROFILE, _env(None, TITLECLI_CACHE_DIR=str(untouched))) == expected
    assert not untouched.exists()


# ------------------------------------------------------------------ titlecli.lazyclass


def _pair(**options):
    """The same class body made by dataclasses.dataclass and by lazy_dataclass."""

    def body():
        class Item:
            name: str
            count: int = 1
            tags: list[str] = dataclasses.field(default_factory=list)

        return Item

    return dataclasses.dataclass(body(), **options), lazy_dataclass(**options)(body())


@pytest.mark.parametrize("options", [{}, {"repr": False}, {"eq": False, "repr": False}])
def test_a_lazy_dataclass_is_the_dataclass_it_stands_for(options):
    plain, lazy = _pair(**options)
    # before anything made it: an object as unpickling creates it (no __init__ runs)
    raw = lazy.__new__(lazy)
    raw.__dict__.update(name="a", count=2, tags=["x"])
    built = lazy("a", 2, ["x"])
    assert (raw == built) is (options.get("eq", True))
    assert [(f.name, f.default, f.default_factory) for f in dataclasses.fields(lazy)] == [
        (f.name, f.default, f.default_factory) for f in dataclasses.fields(plain)
    ]
    assert str(inspect.signature(lazy)) == str(inspect.signature(plain))
    assert (lazy.__hash__ is None) is (plain.__hash__ is None)
    assert lazy("b").tags == [] and lazy("b").tags is not lazy("b").tags
    assert dataclasses.replace(built, count=5).count == 5
    assert dataclasses.asdict(built) == {"name": "a", "count": 2, "tags": ["x"]}
    if options.get("repr", True):
        assert repr(built) == repr(plain("a", 2, ["x"]))


def _unpickled(cls, **values):
    obj = cls.__new__(cls)
    obj.__dict__.update({"name": "n", "count": 1, "tags": [], **values})
    return obj


def _positional_match(cls, obj):
    match obj:
        case cls(name, count):
            return name, count
    return None


def _made(cls) -> bool:
    return isinstance(vars(cls)["__dataclass_fields__"], dict)  # vars(): no stand-in runs


def test_a_lazy_dataclass_is_made_by_whatever_asks_first():
    for ask in (
        lambda c: c("n"),
        lambda c: dataclasses.fields(c),
        lambda c: dataclasses.is_dataclass(c),
        lambda c: _unpickled(c) == _unpickled(c),
        lambda c: repr(_unpickled(c)),
        lambda c: dataclasses.replace(_unpickled(c), count=2),
        lambda c: inspect.signature(c),
        lambda c: _positional_match(c, _unpickled(c, count=7)) == ("n", 7),
    ):
        _, lazy = _pair()
        assert not _made(lazy)
        with pytest.raises(TypeError):
            hash(lazy.__new__(lazy))  # unhashable from the start, like the eq=True dataclass
        ask(lazy)
        assert _made(lazy), ask
        assert "name" in lazy.__dataclass_fields__
        assert str(inspect.signature(lazy)) == "(name: 'str', count: 'int' = 1, tags: 'list[str]' = <factory>) -> None"
        assert lazy("n", 3) == lazy("n", 3) and lazy("n", 3) != lazy("n", 4)


def test_a_lazy_subclass_keeps_its_parents_fields():
    base = lazy_dataclass(eq=False, repr=False)(type("Base", (), {"__annotations__": {"kind": "str", "id": "str | None"}, "id": None}))
    sub = lazy_dataclass(eq=False, repr=False)(type("Sub", (base,), {"__annotations__": {"extra": "int"}, "extra": 0}))
    assert [f.name for f in dataclasses.fields(sub)] == ["kind", "id", "extra"]
    s = sub("k", extra=2)
    assert (s.kind, s.id, s.extra) == ("k", None, 2)
    assert base("b").kind == "b"


def test_profiles_still_compare_by_value_and_are_unhashable():
    import pickle

    from titlecli.profile import validate_profile
    from titlecli.yamlio import load

    profile = validate_profile(load(PROFILE.read_text(encoding="utf-8")), str(PROFILE))
    again = pickle.loads(pickle.dumps(profile))
    assert again == profile and again is not profile
    assert dataclasses.replace(again, name="王五") != profile
    with pytest.raises(TypeError):
        hash(profile)
