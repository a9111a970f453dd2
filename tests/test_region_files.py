"""Writing a region file (issue 11): typed condition kinds, safe inheritance, every problem at
once with its position in the user's own file, the generated reference, starter files, region
packs, and a region read once per process."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import typing
from dataclasses import fields
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

from titlecli import regionfile, regions
from titlecli.kinds import KINDS, Condition, ConditionBase

BACHELOR = EXAMPLES / "national-bachelor-assistant.yaml"


def write(folder: Path, name: str, text: str) -> Path:
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


# A region's own documents and notice (lines 4-5 of a file written by `child`).
OWN = "documents: {local: {title: 测试通知, kind: notice}}\nnotice: {document: local}\n"


def child(folder: Path, body: str, rid: str = "my-city") -> Path:
    """A region that extends national, named after its id; `body` starts on line 6."""
    return write(folder, f"{rid}.yaml", f"id: {rid}\nextends: national\nname: 测试地区\n{OWN}{body}")


def problems(cli, path: Path, lang: str = "zh") -> tuple[int, list[str]]:
    code, out, err = cli("regions", "validate", path, "--lang", lang)
    return code, [line for line in (out + err).splitlines() if line.strip()]


# ------------------------------------------------------------------ typed kinds


def test_a_misplaced_parameter_names_file_line_path_and_what_the_kind_takes(cli, tmp_path):
    # `{kind: education, years: 3}` validated and did nothing: the three years were never checked.
    p = child(
        tmp_path,
        "exclusions:\n  - id: degree-and-years\n    kind: education\n    min_level: bachelor\n    years: 3\n    source: local 一\n",
    )
    code, lines = problems(cli, p)
    assert code == 2
    assert lines == [
        f"错误: {p}:10 exclusions[0].years: education 条件没有参数 years（是否写错了位置或拼写？）；"
        "education 的参数：levels, min_level, degree, full_time, related, major_keywords, disciplines"
    ]
    _, lines = problems(cli, p, "en")
    assert "a condition of kind education takes no years" in lines[0]


def test_an_unknown_kind_lists_the_known_kinds(cli, tmp_path):
    p = child(tmp_path, "exclusions:\n  - {id: x, kind: educaton, source: local 一}\n")
    code, lines = problems(cli, p)
    assert code == 2 and len(lines) == 1
    assert lines[0].startswith(f"错误: {p}:7 exclusions[0]: 未知的条件类型 kind: educaton；可用的类型：")
    assert all(k in lines[0] for k in KINDS)


def test_an_item_whose_id_is_not_text_is_named_not_a_traceback(cli, tmp_path):
    # found by the fuzz test: a child's material with `id: []` crashed the merge with its parent's
    p = child(tmp_path, "materials:\n  - {id: [], kind: photo, name: 照片, source: local 一}\n")
    code, lines = problems(cli, p)
    assert code == 2 and lines == [f"错误: {p}:7 materials[0].id: 应为文字"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("years: 100000", "years: 应不大于 60（现为 100000）"),
        ("years: -5", "years: 应不小于 0（现为 -5）"),
        ("months: 99999999999", "months: 应不大于 720（现为 99999999999）"),
    ],
)
def test_years_a_person_cannot_mean_are_refused(cli, tmp_path, value, message):
    # issue 13: `years: 100000` and `months: 99999999999` validated and crashed check;
    # `years: -5` passed everyone.
    p = child(tmp_path, f"exclusions:\n  - {{id: x, kind: duration, from: graduation, {value}, source: local 一}}\n")
    code, lines = problems(cli, p)
    assert code == 2 and lines == [f"错误: {p}:7 exclusions[0].{message}"]


def test_applies_to_outside_an_exclusion_is_an_error_not_ignored(cli, tmp_path):
    body = (
        "routes:\n  - id: local\n    level: assistant\n    route: initial\n    source: local 二\n    pathways:\n"
        "      - id: p\n        conditions:\n          - {kind: education, min_level: bachelor, applies_to: {routes: [review]}}\n"
    )
    code, lines = problems(cli, child(tmp_path, body))
    assert code == 2 and len(lines) == 1
    assert "routes[0].pathways[0].conditions[0].applies_to: applies_to 只用于不得申报（exclusions）的条目" in lines[0]


def test_every_kind_is_in_the_union_with_its_own_parameters_documented():
    members = set(typing.get_args(typing.get_args(Condition)[0]))
    assert members == set(KINDS.values())
    common = {f.name for f in fields(ConditionBase)}
    for name, cls in KINDS.items():
        assert cls.kind == name and cls.summary[0] and cls.summary[1] and cls.example
        for f in fields(cls):
            if f.name not in common and f.name != "kind":
                zh, en = f.metadata["doc"]
                assert zh and en, f"{name}.{f.name} has no meaning"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kinds_example_validates_and_says_something(kind):
    from pydantic import TypeAdapter

    from titlecli import yamlio

    raw = yamlio.load(KINDS[kind].example)
    c = TypeAdapter(Condition).validate_python(regionfile._rename(raw))
    assert type(c) is KINDS[kind] and c.problems() == []
    assert c.describe() != kind  # worded, not the internal name


def test_what_each_kind_reads_is_a_field_of_the_profile():
    # The interview asks and the roster offers columns for these paths: each must exist.
    from titlecli.model import Profile

    def exists(path: str) -> bool:
        cls = Profile
        for part in path.split("."):
            hints = typing.get_type_hints(cls)
            if part not in hints:
                return False
            tp = hints[part]
            args = [a for a in typing.get_args(tp) if a is not type(None)] or [tp]
            cls = next((a for a in (typing.get_args(args[0]) or args) if hasattr(a, "__dataclass_fields__")), args[0])
        return True

    for name, cls in KINDS.items():
        for path in cls.needs:
            assert exists(path), f"{name} reads {path}, which a profile does not have"


# ------------------------------------------------------------------ inheritance


def test_a_removal_matching_nothing_is_an_error_listing_what_there_is(cli, tmp_path):
    p = child(tmp_path, "remove: [routes/assistant-reveiw]\n")
    code, lines = problems(cli, p)
    assert code == 2 and len(lines) == 1
    assert lines[0].startswith(f"错误: {p}:6 remove[0]: 继承的 routes 中没有编号为 assistant-reveiw 的条目；现有：member-initial、")
    assert "assistant-review" in lines[0]


def test_a_bare_id_no_longer_removes_it_everywhere(cli, tmp_path):
    # `remove: [years-after-graduation]` took that condition out of every pathway of national,
    # making an applicant eligible on the day of graduation.  Now it names where the id is.
    p = child(tmp_path, "remove: [years-after-graduation]\n")
    code, lines = problems(cli, p)
    assert code == 2 and len(lines) == 1
    assert (
        "remove 须写明位置（键/编号），不能只写编号：years-after-graduation 是 routes/member-initial/pathways/secondary-1y/conditions/years-after-graduation、"
        in lines[0]
    )
    assert lines[0].endswith(" 等 14 处")  # the first five are shown


def test_a_scoped_removal_takes_out_that_one_entry_and_validate_says_what_it_was(cli, tmp_path):
    spec = "routes/member-initial/pathways/secondary-1y/conditions/years-after-graduation"
    p = child(tmp_path, f"remove: [{spec}, exclusions/civil-servant]\n")
    code, lines = problems(cli, p)
    assert code == 0, lines
    national = regions.find("national")
    assert re.fullmatch(rf"去掉 {spec}：条件「毕业后从事本专业技术工作满1年」（{re.escape(str(national))}:\d+）", lines[1].strip())
    assert re.fullmatch(
        r"去掉 exclusions/civil-servant：不得申报情形「申报对象为在专业技术岗位工作的人员，公务员不得申报」（.*national.yaml:\d+）",
        lines[2].strip(),
    )
    region = regions.load(str(p))
    member = next(r for r in region.routes if r.id == "member-initial")
    by_pathway = {pw.id: [c.id for c in pw.conditions] for pw in member.pathways}
    assert "years-after-graduation" not in by_pathway["secondary-1y"]
    assert "years-after-graduation" in by_pathway["college-1y"]  # the same id elsewhere stays
    assert [e.id for e in region.exclusions] == [e.id for e in regions.load("national").exclusions if e.id != "civil-servant"]


def test_an_id_that_differs_from_the_file_name_is_an_error(cli, tmp_path):
    p = write(
        tmp_path,
        "my-city.yaml",
        "id: mycity\nextends: national\nname: 测试\ndocuments: {local: {title: 测试通知, kind: notice}}\nnotice: {document: local}\n",
    )
    code, lines = problems(cli, p)
    assert code == 2
    assert lines == [f"错误: {p}:1 id: id mycity 与文件名不符：地区按文件名查找，id 应为 my-city（或把文件改名为 mycity.yaml）"]


def test_several_problems_are_reported_at_once_at_their_place_in_the_users_file(cli, tmp_path):
    # national has three exclusions of its own: the user's first is still exclusions[0].
    p = write(
        tmp_path,
        "my-city.yaml",
        "id: my-town\n"  # 1
        "extends: national\n"
        "remove: [routes/no-such-route]\n"  # 3
        "name: 测试\n"
        "documents: {local: {title: 测试通知, kind: notice}}\n"
        "notice: {document: local}\n"
        "exclusions:\n"
        "  - {id: a, kind: education, years: 3, source: local 一}\n"  # 8
        "  - {id: b, kind: educaton, source: local 一}\n"  # 9
        "  - {id: c, kind: duration, years: 2}\n"  # 10: no from, no source
        "routes:\n"
        "  - id: local\n"  # 12
        "    level: assistant\n"
        "    route: initial\n"
        "    pathways: []\n"  # 15
        "    source: local 二\n",
    )
    code, lines = problems(cli, p)
    assert code == 2
    found = [re.match(rf"错误: {re.escape(str(p))}:(\d+) (\S+):", line).groups() for line in lines]
    assert found == [
        ("1", "id"),
        ("3", "remove[0]"),
        ("8", "exclusions[0].years"),
        ("9", "exclusions[1]"),
        ("10", "exclusions[2].source"),
        ("10", "exclusions[2].from"),
        ("15", "routes[0].pathways"),
    ], lines


def test_a_problem_in_an_inherited_entry_is_placed_in_the_file_that_holds_it(cli, tmp_path):
    write(
        tmp_path,
        "parent.yaml",
        "id: parent\nname: 上级\ndocuments: {local: {title: 上级通知, kind: notice}}\nnotice: {document: local}\nexclusions:\n  - {id: p1, kind: sanction}\n",
    )
    p = write(
        tmp_path,
        "kid.yaml",
        "id: kid\nextends: parent\nname: 下级\ndocuments: {local: {title: 下级通知, kind: notice}}\nnotice: {document: local}\n",
    )
    code, lines = problems(cli, p)
    assert code == 2 and lines == [f"错误: {tmp_path / 'parent.yaml'}:6 exclusions[0].source: 规则没有注明来源（source）"]


# ------------------------------------------------------------------ docs and starter files


def test_docs_regions_md_is_up_to_date():
    from titlecli.regions_doc import DOC, render

    assert DOC.read_text(encoding="utf-8") == render(), "docs/regions.md is out of date: run python -m titlecli.regions_doc"


def test_docs_list_every_kind_and_parameter():
    text = (ROOT / "docs" / "regions.md").read_text(encoding="utf-8")
    common = {f.name for f in fields(ConditionBase)}
    for name, cls in KINDS.items():
        assert f"### `{name}`" in text
        for f in fields(cls):
            if f.name not in common and f.name != "kind":
                assert f"| `{f.name.rstrip('_')}` |" in text, (name, f.name)
    assert "](docs/regions.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_starter_file_validates_and_checks_like_its_parent(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("regions", "new", "taiyuan-2024", "--extends", "national")
    assert code == 0, err
    assert "已写入 taiyuan-2024.yaml" in out
    text = (tmp_path / "taiyuan-2024.yaml").read_text(encoding="utf-8")
    assert text.startswith("# taiyuan-2024：继承 national") and "#   - routes/engineer-review" in text
    assert problems(cli, tmp_path / "taiyuan-2024.yaml")[0] == 0
    verdicts = []
    for region in ("national", str(tmp_path / "taiyuan-2024.yaml")):
        code, out, err = cli("check", BACHELOR, "--region", region, "--as-of", "2023-07-11", "--format", "json")
        doc = json.loads(out)
        verdicts.append((code, doc["eligible"], [(r["level"], r["eligible"], r["earliest_date"]) for r in doc["results"]]))
    assert verdicts[0] == verdicts[1]
    # every line of the starter's remove list is a path that works
    uncommented = re.sub(r"(?m)^# remove:", "remove:", text)
    uncommented = re.sub(r"(?m)^#   - (?=\w+/[\w-]+ )", "  - ", uncommented)  # whole routes, exclusions, materials
    (tmp_path / "taiyuan-2024.yaml").write_text(uncommented, encoding="utf-8")
    region, removed = regions.validate(tmp_path / "taiyuan-2024.yaml")
    assert removed and not region.routes and not region.materials


def test_a_starter_file_never_overwrites_and_is_named_after_its_id(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.yaml").write_text("keep", encoding="utf-8")
    assert cli("regions", "new", "x", "--extends", "national")[0] == 2
    assert (tmp_path / "x.yaml").read_text(encoding="utf-8") == "keep"
    code, _, err = cli("regions", "new", "y", "--extends", "national", "-o", "z.yaml")
    assert code == 2 and "文件名须与地区编号相同（y.yaml）" in err
    code, _, err = cli("regions", "new", "y", "--extends", "nowhere")
    assert code == 2 and "--extends: 未知的地区“nowhere”" in err


# ------------------------------------------------------------------ loaded once


def test_a_region_is_read_once_per_process_until_a_file_it_came_from_changes(tmp_path, monkeypatch, cli):
    monkeypatch.setenv("TITLECLI_NO_CACHE", "1")
    reads = []
    real = regionfile.read_region
    monkeypatch.setattr(regionfile, "read_region", lambda path: reads.append(path) or real(path))
    parent = write(
        tmp_path, "base.yaml", (ROOT / "regions" / "national.yaml").read_text(encoding="utf-8").replace("\nid: national\n", "\nid: base\n")
    )
    kid = write(
        tmp_path,
        "kid.yaml",
        "id: kid\nextends: base\nname: 下级\ndocuments: {local: {title: 下级通知, kind: notice}}\nnotice: {document: local}\n",
    )
    profiles = [EXAMPLES / "national-bachelor-assistant.yaml", EXAMPLES / "national-master-intermediate.yaml"]
    code, out, err = cli("check", *profiles, *profiles, "--region", kid, "--as-of", "2023-07-11", "--format", "json")
    assert code in (0, 1) and len(json.loads(out)) == 4, err
    assert len(reads) == 1  # four checks, one read
    first = regions.load(str(kid))
    assert regions.load(str(kid)) is first and len(reads) == 1
    parent.write_text(parent.read_text(encoding="utf-8").replace("\nname: 全国通行做法", "\nname: 改过的上级"), encoding="utf-8")
    again = regions.load(str(kid))
    assert again is not first and again.name == "下级" and len(reads) == 2


# ------------------------------------------------------------------ region packs


def _fake_pack(site: Path, name: str = "hrpack") -> None:
    """An installed distribution as pip leaves it: the package and its .dist-info with an entry point."""
    pkg = site / name
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "pack-town.yaml").write_text(
        "id: pack-town\nextends: national\nname: 扩展包里的地区\ndocuments: {local: {title: 扩展包通知, kind: notice}}\nnotice: {document: local}\n",
        encoding="utf-8",
    )
    (pkg / "shanghai.yaml").write_text(
        "id: shanghai\nextends: national\nname: 扩展包里的上海\ndocuments: {local: {title: 扩展包通知, kind: notice}}\nnotice: {document: local}\n",
        encoding="utf-8",
    )
    info = site / f"{name}-1.2.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.2\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[titlecli.regions]\nhr = {name}\n", encoding="utf-8")


def _titlecli(*args, site: Path, cache: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(site), TITLECLI_CACHE_DIR=str(cache))
    env.pop("TITLECLI_NO_CACHE", None)
    return subprocess.run(
        [sys.executable, "-m", "titlecli", *map(str, args)], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_a_region_pack_is_found_through_its_entry_point_and_shadowing_is_reported(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    _fake_pack(site)
    r = _titlecli("regions", "list", "--format", "json", site=site, cache=cache)
    assert r.returncode == 0, r.stderr
    rows = {row["id"]: row for row in json.loads(r.stdout)}
    assert rows["pack-town"]["origin"] == "pack" and rows["pack-town"]["pack"] == "hrpack 1.2"
    assert rows["shanghai"]["origin"] == "pack" and rows["shanghai"]["shadows"] == [str(regions.bundled_dir() / "shanghai.yaml")]
    assert rows["national"]["origin"] == "bundled" and rows["national"]["shadows"] == []
    text = _titlecli("regions", "list", site=site, cache=cache).stdout
    assert "注意：shanghai 使用扩展包 hrpack 1.2中的规则，覆盖了内置规则中的同名规则" in text
    r = _titlecli("check", BACHELOR, "--region", "pack-town", "--as-of", "2023-07-11", "--format", "json", site=site, cache=cache)
    assert r.returncode == 0 and json.loads(r.stdout)["region"] == "pack-town", r.stderr
    # uninstalled: the pack's regions are gone at once (the cached list of packs is not trusted)
    for f in (site / "hrpack-1.2.dist-info").iterdir():
        f.unlink()
    (site / "hrpack-1.2.dist-info").rmdir()
    r = _titlecli("check", BACHELOR, "--region", "pack-town", "--as-of", "2023-07-11", site=site, cache=cache)
    assert r.returncode == 2 and "未知的地区“pack-town”" in r.stderr


def test_the_list_of_packs_is_made_again_only_when_a_distribution_changes(tmp_path):
    """`python -m titlecli` has the current folder first on sys.path: new files there (an -o
    report, a scan) must not make it read every installed distribution again (importlib.metadata:
    20-50 ms), while a pack installed or removed, there or in site-packages, is seen at once."""
    site, cache, here = tmp_path / "site", tmp_path / "cache", tmp_path / "work"
    site.mkdir()
    here.mkdir()

    def run(*args):
        env = dict(os.environ, PYTHONPATH=str(site), TITLECLI_CACHE_DIR=str(cache))
        env.pop("TITLECLI_NO_CACHE", None)
        r = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "titlecli", *map(str, args)],
            cwd=here,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        return r, "importlib.metadata" in r.stderr

    check = ("check", BACHELOR, "--region", "pack-town", "--as-of", "2023-07-11", "--format", "json")
    r, scanned = run(*check)
    assert r.returncode == 2 and scanned  # no pack yet: the first run looks
    (here / "report.json").write_text("{}", encoding="utf-8")
    os.utime(here, ns=(1, 1))  # the folder changed (its mtime, even to a coarse clock)
    r, scanned = run(*check)
    assert r.returncode == 2 and not scanned
    _fake_pack(site)
    r, scanned = run(*check)
    assert r.returncode == 0 and json.loads(r.stdout)["region"] == "pack-town" and scanned
    r, scanned = run(*check)
    assert r.returncode == 0 and not scanned
    # a pack in the current folder itself
    _fake_pack(here, "deskpack")
    r, scanned = run("regions", "list", "--format", "json")
    assert scanned and "deskpack 1.2" in {row["pack"] for row in json.loads(r.stdout)}
    for f in (site / "hrpack-1.2.dist-info").iterdir():
        f.unlink()
    (site / "hrpack-1.2.dist-info").rmdir()
    r, scanned = run("regions", "list", "--format", "json")
    assert scanned and {row["pack"] for row in json.loads(r.stdout)} == {None, "deskpack 1.2"}


def test_a_broken_pack_is_named_and_the_others_still_work(tmp_path):
    site = tmp_path / "site"
    info = site / "broken-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[titlecli.regions]\nbroken = no_such_module\n", encoding="utf-8")
    r = _titlecli("regions", "list", "--format", "json", site=site, cache=tmp_path / "cache")
    assert r.returncode == 2 and "地区规则扩展包 broken 0.1（入口 broken）无法使用" in r.stderr
    assert "national" in {row["id"] for row in json.loads(r.stdout)}


def test_a_problem_is_said_once_at_its_place(cli, tmp_path):
    # an unknown document is not also "a rule without a source"; a missing notice not also "required"
    p = child(tmp_path, "exclusions:\n  - {id: a, kind: sanction, source: nokey 一}\n")
    code, lines = problems(cli, p)
    assert code == 2 and lines == [f"错误: {p}:7 exclusions[0].source: 未知的文件 'nokey'；source 以 documents 中的键开头，本文件有：local"]
    p = write(tmp_path, "bare.yaml", "id: bare\nextends: national\nname: 测试\n")
    code, lines = problems(cli, p)
    assert code == 2 and [line.split(": ", 2)[1] for line in lines] == [f"{p}:1 documents", f"{p}:1 notice"]
