"""The validation cache (titlecli.cache) and the builder a hit uses (titlecli.fastbuild).

What a user relies on: a file planted in the cache folder never runs code or changes an answer,
the cache holds nothing about any applicant, a folder others can write is not used, old entries
go away — and a profile or region built from the cache is exactly the one validation makes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from titlecli import cache, fastbuild, regions, snapshot
from titlecli.model import Profile
from titlecli.profile import _as_typed, load_profile, validate_profile

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PROFILE = EXAMPLES / "changzhi-engineer.yaml"


def _same(a, b, path="$") -> str | None:
    """Where two values differ (types included: 1 is not 1.0 here), or None."""
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} {a!r} != {type(b).__name__} {b!r}"
    if dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            d = _same(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
            if d:
                return d
        return None
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)}"
        return next((d for i, (x, y) in enumerate(zip(a, b, strict=True)) if (d := _same(x, y, f"{path}[{i}]"))), None)
    if isinstance(a, dict):
        if list(a) != list(b):
            return f"{path}: keys {list(a)} != {list(b)}"
        return next((d for k in a if (d := _same(a[k], b[k], f"{path}[{k!r}]"))), None)
    return None if a == b else f"{path}: {a!r} != {b!r}"


def _profiles() -> list[tuple[str, dict]]:
    """Every bundled profile: the example files and the profiles written inside case files."""
    out = []
    for p in sorted(EXAMPLES.rglob("*.yaml")):
        data = yaml.safe_load(p.read_text("utf-8"))
        if isinstance(data, dict) and "id_number" in data:
            out.append((str(p.relative_to(ROOT)), p.read_text("utf-8")))
        for i, case in enumerate(data.get("cases", []) if isinstance(data, dict) else []):
            if isinstance(case.get("profile"), dict):
                out.append((f"{p.relative_to(ROOT)} cases[{i}]", case["profile"]))
    return out


PROFILES = _profiles()


def test_there_are_bundled_profiles_and_case_profiles_to_compare():
    assert len([n for n, _ in PROFILES if "cases[" not in n]) > 30
    assert any("cases[" in n for n, _ in PROFILES)


@pytest.mark.parametrize("name,source", PROFILES, ids=[n for n, _ in PROFILES])
def test_a_profile_built_from_the_cache_is_the_validated_one(name, source):
    from titlecli.yamlio import load

    data = load(source) if isinstance(source, str) else source
    validated = validate_profile(data, name, source if isinstance(source, str) else None)
    built = fastbuild.build(Profile, _as_typed(load(source) if isinstance(source, str) else source))
    assert _same(validated, built) is None, _same(validated, built)


@pytest.mark.parametrize("rid", sorted(regions.all_files()))
def test_a_region_built_from_the_cache_is_the_validated_one(rid):
    """What the cache stores of a region (a titlecli.snapshot, through marshal) comes back as it
    was (else titlecli.regions would not store it) and makes the same region: the same classes
    and values, each object's fields in the order its class declares them (as the validator's
    objects have them), and the documents its rules cite shared as in the validated one."""
    import marshal

    path = regions.all_files()[rid]
    validated = regions.validate(path)[0]
    stored = marshal.loads(marshal.dumps(snapshot.freeze(validated)))
    assert stored == snapshot.freeze(validated)
    built = snapshot.thaw(stored)
    assert _same(validated, built) is None, _same(validated, built)
    assert _orders(built) == _orders(validated)
    docs = {id(c.document) for c in _citations(built)}
    assert len(docs) == len({id(c.document) for c in _citations(validated)})
    assert len(docs) < len(_citations(built))  # shared, not copied per citation


def _orders(obj) -> list:
    """Each object's attribute names in their order, depth first."""
    return [(type(o).__name__, list(vars(o))) for o in _objects(obj)]


@pytest.mark.parametrize(
    "name",
    [
        "os:system",  # not titlecli's
        "builtins:object",
        "titlecli.cli:TitleGroup",  # titlecli's, but no dataclass
        "titlecli.dossier.pdf:Nothing",  # a module not imported is not imported for it
        "titlecli.rules:Region.__init__",
    ],
)
def test_a_snapshot_makes_only_titlecli_dataclasses(name, monkeypatch):
    """Whatever class a snapshot names, only titlecli's own dataclasses are made: anything else
    stops the thaw (and titlecli.regions then validates the file in full)."""
    import titlecli.cli  # noqa: F401 - imported, so that only the rule above refuses it

    monkeypatch.delitem(sys.modules, "titlecli.dossier.pdf", raising=False)
    frozen = snapshot.freeze(regions.validate(regions.all_files()["shanxi-changzhi-2022"])[0])
    frozen["classes"][0] = name
    with pytest.raises(snapshot.Unfrozen):
        snapshot.thaw(frozen)
    assert "titlecli.dossier.pdf" not in sys.modules


def test_a_snapshot_keeps_dates_tuples_and_shared_objects_apart_from_plain_data(monkeypatch):
    """Values a region does not hold today, frozen and thawed as they were: a date in a list, a
    tuple beside an object (not read as a tag), a mapping of objects, one object in two places;
    an attribute that is no field is left out, and what a snapshot cannot hold is refused."""
    import marshal
    import types

    from titlecli.citations import Document

    home = types.ModuleType("titlecli._snapshot_test")
    home._Holder = _Holder  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, home.__name__, home)
    monkeypatch.setattr(_Holder, "__module__", home.__name__)
    doc = Document(title="甲", kind="notice")
    value = [date(2022, 1, 2), (0, 1), doc, {"a": doc, "b": [Document(title="乙", kind="notice"), (1, 2)]}, (doc,)]
    held = _Holder(value)
    held.extra = "not a field"  # type: ignore[attr-defined]
    back = snapshot.thaw(marshal.loads(marshal.dumps(snapshot.freeze(held))))
    assert type(back) is _Holder and not hasattr(back, "extra")
    assert _same(held, back) is None
    assert type(back.value[1]) is tuple and type(back.value[4]) is tuple
    assert back.value[2] is back.value[3]["a"] is back.value[4][0] and back.value[2] is not doc
    for bad in ({(1, 2): "a tuple as a key"}, Path("/"), {1, 2}):
        with pytest.raises(snapshot.Unfrozen):
            snapshot.freeze(_Holder(bad))


@dataclasses.dataclass
class _Holder:
    value: object


def _citations(obj) -> list:
    from titlecli.citations import Citation

    return [o for o in _objects(obj) if isinstance(o, Citation)]


def _objects(obj):
    """Every dataclass object in `obj`, depth first, as often as it is reached."""
    if dataclasses.is_dataclass(obj):
        yield obj
        for f in dataclasses.fields(obj):
            yield from _objects(getattr(obj, f.name))
    elif isinstance(obj, (list, tuple, dict)):
        for x in obj.values() if isinstance(obj, dict) else obj:
            yield from _objects(x)


@pytest.mark.parametrize(
    "change",
    [
        {"name": 5},  # a number where text is meant
        {"phone": None, "nickname": "x"},  # a key the profile does not have
        {"status": {"retired": "yes"}},  # a word where true/false is meant
        {"application": {"series": "engineering", "level": "chief"}},  # not one of the levels
        {"titles": [{"level": "assistant"}]},  # a required key missing
        {"education": [{"level": "bachelor", "graduated": "2014-02-30"}]},  # no such day
        {"assessments": {"2021": "so-so"}},
    ],
)
def test_the_builder_refuses_whatever_is_not_exactly_as_declared(change):
    data = dict(yaml.safe_load(PROFILE.read_text("utf-8")), **change)
    with pytest.raises(fastbuild.NotBuilt):
        fastbuild.build(Profile, _as_typed(data))


# --------------------------------------------------------------------------- what is stored


def _check(args, cache_dir: Path | None, **env):
    e = dict(os.environ, **env)
    e.pop("TITLECLI_NO_CACHE", None)
    if cache_dir is None:
        e["TITLECLI_NO_CACHE"] = "1"
    else:
        e["TITLECLI_CACHE_DIR"] = str(cache_dir)
    return subprocess.run([sys.executable, "-m", "titlecli", "check", *map(str, args)], env=e, capture_output=True, check=False)


def test_the_cache_holds_no_personal_data(tmp_path):
    """After every example is checked, the cache holds a secret, one entry per profile that is
    two keyed digests and nothing else, and one per region holding its rules: no name, ID number
    or phone anywhere, and no plain hash of a profile either."""
    profiles = sorted(EXAMPLES.glob("*.yaml"))
    assert _check([*profiles, "--as-of", "2022-08-01", "--format", "json"], tmp_path / "c").returncode in (0, 1)
    secret = tmp_path / "c" / "secret"
    assert secret.stat().st_size == 32 and secret.stat().st_mode & 0o077 == 0
    entries = list((tmp_path / "c" / "v3").iterdir())
    # a tag and a keyed digest of what PyYAML read, nothing else
    assert len([e for e in entries if e.stat().st_size == 24 + 48]) == len(profiles)
    assert all(e.stat().st_mode & 0o077 == 0 for e in entries)
    names = {p.name for p in entries}
    blob = b"".join(e.name.encode() + e.read_bytes() for e in entries)
    for prof in profiles:
        raw = prof.read_bytes()
        assert not names & {hashlib.sha256(raw).hexdigest(), hashlib.blake2b(raw, digest_size=24).hexdigest()}
        data = yaml.safe_load(raw)
        for value in (data["name"], data["id_number"], data["id_number"][-8:], data.get("phone"), data.get("employer", {}).get("name")):
            assert not value or str(value).encode() not in blob, value


def test_a_planted_pickle_runs_nothing_and_changes_no_answer(tmp_path):
    """Format-2 entries were pickles: whatever sits in the cache folder is never unpickled, and
    the pickles an older titlecli left (whole profiles) are removed."""
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    c = tmp_path / "c"
    expected = _check([PROFILE, "--as-of", "2022-08-01", "--format", "json"], None).stdout
    old = c / "ab" / "0123456789abcdef-profile"
    old.parent.mkdir(parents=True)
    old.write_bytes(pickle.dumps(Payload()))
    assert _check([PROFILE, "--as-of", "2022-08-01", "--format", "json"], c).stdout == expected  # fills
    for p in (c / "v3").iterdir():
        p.write_bytes(pickle.dumps(Payload()))  # a pickle under every name the cache uses
    (c / "v3" / ("0" * 48)).write_bytes(pickle.dumps(Payload()))
    assert _check([PROFILE, "--as-of", "2022-08-01", "--format", "json"], c).stdout == expected  # warm
    assert not marker.exists()
    assert not old.exists() and not old.parent.exists()


def test_an_entry_planted_without_the_secret_never_hits(tmp_path, monkeypatch):
    """A name made by anyone who has not read the secret (another user, a copied folder) is a
    miss: the profile is validated, and its error reported, as if there were no cache."""
    monkeypatch.setenv("TITLECLI_CACHE_DIR", str(tmp_path / "c"))
    cache._state.clear()
    bad = tmp_path / "bad.yaml"
    bad.write_text(PROFILE.read_text("utf-8").replace("140402199205153219", "140402199205153218"), "utf-8")
    k = cache.key("profile", ".yaml", bad.read_text("utf-8"))
    cache.put(cache.key("profile", ".yaml", "something else"))  # makes the folder and its secret
    for secret in (b"\0" * 32, os.urandom(32)):
        (tmp_path / "c" / "v3" / cache._name(k, secret)).touch()
    assert not cache.hit(k)
    with pytest.raises(Exception) as e:
        load_profile(bad)
    assert "校验位" in str(e.value)


@pytest.mark.parametrize("how", ["group-writable", "world-writable", "a link", "someone else's"])
def test_a_cache_folder_others_could_write_is_not_used(tmp_path, monkeypatch, how):
    c = tmp_path / "c"
    monkeypatch.setenv("TITLECLI_CACHE_DIR", str(c))
    cache._state.clear()
    if how in ("group-writable", "world-writable"):
        c.mkdir()
        c.chmod(0o770 if how == "group-writable" else 0o777)
    elif how == "a link":
        (tmp_path / "real").mkdir(mode=0o700)
        c.symlink_to(tmp_path / "real")
    elif how == "someone else's":
        c.mkdir(mode=0o700)
        monkeypatch.setattr(cache, "_uid", lambda: os.geteuid() + 1)
    expected = validate_profile(yaml.safe_load(PROFILE.read_text("utf-8")))
    for _ in range(2):  # would fill, then hit
        assert _same(load_profile(PROFILE), expected) is None
        regions.load("shanxi-changzhi-2022")
    written = [e for e in c.rglob("*") if e.is_file() and e.name != "secret"] if c.exists() else []
    assert written == []
    assert not (tmp_path / "real").exists() or list((tmp_path / "real").iterdir()) == []


@pytest.mark.parametrize("damage", ["readable by others", "cut short"])
def test_a_secret_others_could_read_or_that_is_damaged_is_replaced(tmp_path, monkeypatch, damage):
    monkeypatch.setenv("TITLECLI_CACHE_DIR", str(tmp_path / "c"))
    cache._state.clear()
    k = cache.key("profile", "x")
    cache.put(k)
    secret = tmp_path / "c" / "secret"
    old = secret.read_bytes()
    if damage == "readable by others":
        secret.chmod(0o644)
    else:
        secret.write_bytes(old[:5])
    cache._state.clear()
    assert not cache.hit(k)  # not trusted
    cache.put(cache.key("profile", "y"))
    assert secret.read_bytes() != old and len(secret.read_bytes()) == 32 and secret.stat().st_mode & 0o077 == 0
    assert not cache.hit(k) and cache.hit(cache.key("profile", "y"))


def test_unused_entries_are_removed_and_the_count_is_capped(tmp_path, monkeypatch):
    monkeypatch.setenv("TITLECLI_CACHE_DIR", str(tmp_path / "c"))
    cache._state.clear()
    cache.put(cache.key("profile", "fresh"))
    entries = tmp_path / "c" / "v3"
    (fresh,) = list(entries.iterdir())
    month = time.time() - (cache.MAX_AGE_DAYS + 1) * 86400
    for i in range(5):
        p = entries / f"{i:048x}"
        p.touch()
        os.utime(p, (month, month))
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for i in range(5, 10):
        (entries / f"{i:048x}").touch()
    cache.evict(tmp_path / "c")
    left = sorted(p.name for p in entries.iterdir())
    assert len(left) == 3 and not any(f"{i:048x}" in left for i in range(5))
    assert cache.hit(cache.key("profile", "fresh")) is (fresh.name in left)


def test_an_entry_read_is_kept_by_the_eviction_and_a_read_writes_at_most_once_a_day(tmp_path, monkeypatch):
    """A hit marks its entry as used (its mtime), so an entry read every week is never evicted;
    an entry marked within the day is not written again (every check reads four or five)."""
    monkeypatch.setenv("TITLECLI_CACHE_DIR", str(tmp_path / "c"))
    cache._state.clear()
    k = cache.key("profile", "read")
    cache.put(k)
    (entry,) = list((tmp_path / "c" / "v3").iterdir())
    week, hour = time.time() - 7 * 86400, time.time() - 3600
    os.utime(entry, (week, week))
    assert cache.hit(k)
    assert entry.stat().st_mtime > time.time() - 60  # marked now
    os.utime(entry, (hour, hour))
    assert cache.hit(k)
    assert entry.stat().st_mtime == pytest.approx(hour, abs=1)  # left as it was


def test_every_annotation_is_read_as_eval_reads_it():
    """The builder looks simple annotations up instead of compiling them: the same types."""
    import titlecli.kinds  # noqa: F401 - every condition class
    import titlecli.rules  # noqa: F401

    n = literals = 0
    for mod in [m for name, m in sys.modules.items() if name.startswith("titlecli")]:
        for cls in [c for c in vars(mod).values() if isinstance(c, type) and fastbuild.is_dataclass_type(c)]:
            for owner, ann in fastbuild._annotations(cls).values():
                quick = fastbuild._simple(ann, vars(sys.modules[owner.__module__]))
                if quick is not fastbuild._UNSET:
                    n += 1
                    literals += "Literal[" in ann
                    assert quick == eval(ann, vars(sys.modules[owner.__module__])), ann
    assert n > 100 and literals > 20  # every condition's `kind: Literal['…']` among them


def _outcome(make, value):
    def plain(v):
        if isinstance(v, list):
            return [plain(x) for x in v]
        if isinstance(v, dict):
            return {plain(k): plain(x) for k, x in v.items()}
        if hasattr(v, "__dict__"):
            return type(v), {k: plain(x) for k, x in vars(v).items()}
        return type(v), v

    try:
        return "built", plain(make(value))
    except fastbuild.NotBuilt:
        return "refused", None


def _options(tp) -> list:
    """Every Literal option anywhere in a type (what a probe must try: a condition's `kind`)."""
    import typing

    if typing.get_origin(tp) is typing.Literal:
        return list(typing.get_args(tp))
    return [x for arg in typing.get_args(tp) for x in _options(arg)]


def test_every_field_is_built_from_its_annotation_as_from_the_type_eval_gives():
    """The builder makes a field's maker from the annotation's text (no typing objects): it must
    take and refuse exactly what the maker of eval's type takes and refuses."""
    import titlecli.kinds  # noqa: F401 - every condition class
    import titlecli.rules  # noqa: F401

    probes = [None, "", "x", 0, 3, True, False, 2.5, [], ["x"], [1], ["x", None], {}, {"2021": "x"}, {2021: "excellent"}, "2022-08-01"]
    from_text = 0
    for mod in [m for name, m in sys.modules.items() if name.startswith("titlecli")]:
        for cls in [c for c in vars(mod).values() if isinstance(c, type) and fastbuild.is_dataclass_type(c)]:
            for owner, ann in fastbuild._annotations(cls).values():
                ns = vars(sys.modules[owner.__module__])
                parts = fastbuild._parts(ann, ns)
                if parts is None:  # left to eval (a name only a type checker imports, too)
                    continue
                hint = eval(ann, ns)
                try:
                    quick = fastbuild._parts_maker(parts)
                except fastbuild.NotBuilt:  # a type nothing builds (a tuple): so must eval's be
                    with pytest.raises(fastbuild.NotBuilt):
                        fastbuild.maker(hint)
                    continue
                if quick is None:
                    continue
                from_text += 1
                full = fastbuild.maker(hint)
                for value in [*probes, *_options(hint), *[[o] for o in _options(hint)]]:
                    assert _outcome(quick, value) == _outcome(full, value), (cls.__name__, ann, value)
    assert from_text > 150


@pytest.mark.parametrize(
    "ann",
    ["Literal['a, b']", "Literal['a | b']", "Literal[1, 2]", "Literal['x', 3]", "Literal['it\\'s']", "Literal['a'] | None", "Literal['']"],
)
def test_a_literal_the_builder_cannot_read_exactly_is_left_to_eval(ann):
    from typing import Literal

    ns = {"Literal": Literal}
    quick = fastbuild._simple(ann, ns)
    assert quick is fastbuild._UNSET or quick == eval(ann, ns)


# --------------------------------------------------------------------------- the quick YAML reader


@pytest.mark.parametrize("path", sorted(EXAMPLES.rglob("*.yaml")), ids=lambda p: p.name)
def test_the_quick_reader_reads_every_example_as_pyyaml_does(path):
    from titlecli import quickyaml
    from titlecli.yamlio import load

    text = path.read_text("utf-8")
    assert repr(quickyaml.load(text)) == repr(load(text))


@pytest.mark.parametrize(
    "text",
    ["a: &x 1\nb: *x\n", "a: !!str 1\n", "a: |\n  text\n", "a: 0x1f\n", "a: 1_000\n", "a: 1:30\n", "? a\n: b\n", "a: b\n  c\n"],
)
def test_what_the_quick_reader_does_not_know_it_leaves_to_pyyaml(text):
    from titlecli import quickyaml

    with pytest.raises(quickyaml.Unsupported):
        quickyaml.load(text)


def _number_by_patterns(text: str):
    """What the quick reader made of a plain scalar when every one went through its patterns."""
    import re

    from titlecli import quickyaml

    if not re.fullmatch(quickyaml._YAML_NUMBER, text, re.X):
        return None
    if re.fullmatch(quickyaml._INT, text):
        return int(text)
    if re.fullmatch(quickyaml._FLOAT, text):
        return float(text)
    return "unsupported"


# A profile's plain scalars are mostly settled without compiling the number pattern (dates, phone
# numbers, 3200, 12%); each must be settled as the pattern settles it.
@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(alphabet="0123456789_.:+-eExbafinIN% 年", max_size=12),
        st.from_regex(r"[-+]?[0-9]{1,4}([.:_-][0-9]{0,3}){0,3}([eE][-+]?[0-9]+)?", fullmatch=True),
    )
)
@example("2014-07-01")
@example("0777")
@example("089")
@example("0")
@example("-0")
@example("+12")
@example("1.5")
@example("1.")
@example("1.5e-3")
@example("1_000")
@example("1:30")
@example(".5")
@example("-.inf")
@example(".NaN")
@example("0x1F")
@example("0b101")
@example("١٢")
def test_the_quick_reader_settles_a_number_as_its_patterns_do(text):
    from titlecli import quickyaml

    try:
        got = quickyaml._number(text)
    except quickyaml.Unsupported:
        got = "unsupported"
    want = _number_by_patterns(text)
    assert (got, type(got)) == (want, type(want))


def test_a_quick_reading_unlike_pyyaml_s_is_not_used(tmp_path, monkeypatch):
    """The quick reader is trusted only when what it read has the digest of what PyYAML read."""
    from titlecli import quickyaml

    monkeypatch.setenv("TITLECLI_CACHE_DIR", str(tmp_path / "c"))
    cache._state.clear()
    prof = tmp_path / "p.yaml"
    prof.write_bytes(PROFILE.read_bytes())
    expected = load_profile(prof)  # validated; the cache records what PyYAML read
    real = quickyaml.load
    monkeypatch.setattr(quickyaml, "load", lambda text: dict(real(text), name="王五"))
    monkeypatch.setattr("titlecli.profile.validate_profile", lambda *a, **k: pytest.fail("a cache hit validates nothing"))
    again = load_profile(prof)
    assert again.name == "张伟" and _same(again, expected) is None


def test_every_class_a_cached_region_holds_is_in_a_module_the_cache_stamps():
    """A cached region is made again from its objects' fields (titlecli.snapshot), so a change to
    any of their classes must make the old entries miss: the module of each class a bundled
    region holds is among those the cache's code stamp covers (titlecli.cache._STAMPED and every
    condition kind).  A class moved to a new module would otherwise be made from stale fields."""
    stamped = {f"titlecli.{name[:-3]}" for name in cache._STAMPED}
    for rid, path in regions.all_files().items():
        frozen = snapshot.freeze(regions.validate(path)[0])
        for name in frozen["classes"]:
            module = name.split(":")[0]
            assert module in stamped or module.startswith("titlecli.kinds"), (rid, name)
