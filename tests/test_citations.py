"""Citations a person can follow (issue 11, item 2) and notices that are never inherited (item 3).

Every 依据 a user reads names the document as they would look it up — its 文号, or its title in
《》 when it has none — and the section in the document's own numbering (contract §3). The
seeds' internal file names and the machine translation's English headings never reach output.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"

SEED_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
# headings of the machine translation that once stood in for the original's numbering
TRANSLATION_HEADINGS = re.compile(r"Materials provided|Verb \(abbreviation|abbreviation of verb|Extended reading|Further reading")
QA = "《申报初定职称的条件和程序是什么》"


def leaks(text: str) -> list[str]:
    return SEED_NAME.findall(text) + TRANSLATION_HEADINGS.findall(text)


def bundled_regions() -> list[str]:
    return sorted(p.stem for p in (ROOT / "regions").glob("*.yaml"))


def example_profiles() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def write(p: Path, text: str) -> Path:
    p.write_text(text, encoding="utf-8")
    return p


# ------------------------------------------------------------ no internal file name in any output


@pytest.mark.parametrize("profile", example_profiles(), ids=lambda p: p.stem)
def test_no_check_or_checklist_output_names_a_seed_file(cli, profile, tmp_path):
    outputs = []
    for fmt in ("text", "json", "junit"):
        for lang in ("zh", "en"):
            code, out, err = cli("check", profile, "--as-of", "2022-08-01", "--format", fmt, "--lang", lang)
            assert code in (0, 1), err
            outputs.append(out + err)
    code, out, err = cli("dossier", profile, "--as-of", "2022-08-01", "--checklist-only", "-o", tmp_path / "d.pdf")
    assert code in (0, 1), err
    outputs.append(out + err)
    for out in outputs:
        assert not leaks(out), leaks(out)
    # the JSON keeps the rendered citation and its parts
    v = json.loads(outputs[2])
    reasons = [x for r in v["results"] for x in r["reasons"]] + (v["online"]["checks"] if v["online"] else [])
    assert reasons and all(x["source"] and x["citation"]["title"] and x["citation"]["document"] for x in reasons)


@pytest.mark.parametrize("rid", bundled_regions())
def test_no_region_listing_names_a_seed_file(cli, rid):
    for lang in ("zh", "en"):
        code, out, err = cli("regions", "show", rid, "--lang", lang)
        assert code == 0, err
        assert not leaks(out), leaks(out)


def test_regions_list_and_case_runs_name_no_seed_file(cli, tmp_path):
    for args in (("regions", "list"), ("regions", "list", "--format", "json"), ("regions", "list", "--lang", "en")):
        code, out, err = cli(*args)
        assert code == 0, err
        assert not leaks(out)
    # A passing case prints its file and name only (PASS FILE:NAME, or a JUnit testcase of that
    # name): tests/test_casetest.py runs every bundled case and checks its output for seed file
    # names. The reasons and their sources, which only a failing case prints, are checked here.
    write(
        tmp_path / "wrong.yaml",
        f"region: national\ncases:\n  - name: wrong-on-purpose\n    profile: {EXAMPLES / 'national-bachelor-assistant.yaml'}\n"
        "    as_of: 2023-07-11\n    expect:\n      assistant: {eligible: false}\n",
    )
    for fmt in ("text", "junit"):
        code, out, err = cli("test", tmp_path / "wrong.yaml", "--format", fmt)
        assert code == 1 and QA + "一.2(3)" in out
        assert not leaks(out + err)


# ------------------------------------------------------------ citations as a person looks them up


def test_a_citation_is_the_number_and_section_or_the_title_and_section(cli):
    _, out, _ = cli("check", EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2022-08-01", "--format", "json", "--level", "intermediate")
    r = json.loads(out)["results"][0]
    # 003 三(一)3 "取得助理工程师职称后从事技术工作满4年": the notice has a 文号
    years = next(x for x in r["reasons"] if x["rule"] == "years-after-assistant")
    assert years["source"] == "长工信〔2022〕139号 三(一)3" and years["citation"]["section"] == "三(一)3"
    # 001 二.3 (Yancheng measures): no 文号, so the title in 《》 and the section right after it
    _, out, _ = cli(
        "check", EXAMPLES / "jiangsu-yancheng-bachelor.yaml", "--as-of", "2022-08-01", "--format", "json", "--level", "assistant"
    )
    r = json.loads(out)["results"][0]
    years = next(x for x in r["reasons"] if x["rule"] == "years-after-graduation")
    assert years["source"] == "《盐城市普通全日制大中专毕业生专业技术资格初定实施办法》二.3"
    assert years["citation"] == {
        "document": "yancheng-measures",
        "number": None,
        "title": "盐城市普通全日制大中专毕业生专业技术资格初定实施办法",
        "section": "二.3",
    }


def test_the_text_table_shows_the_citation_not_a_file_name(cli):
    code, out, _ = cli("check", EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2022-08-01", "--level", "intermediate")
    assert code == 0
    assert "依据：长工信〔2022〕139号《关于开展2022年度工程系列" in out
    assert "长工信〔2022〕139号" in out and "三(一)3" in out
    # a verdict resting on a Q&A compilation says so where it names its notice
    _, out, _ = cli("check", EXAMPLES / "national-bachelor-assistant.yaml", "--as-of", "2022-08-01")
    assert f"依据：{QA}（问答汇编）" in out


def test_every_bundled_section_is_in_the_documents_own_numbering():
    # The English seeds' headings are mapped back (一、二… / (一)… / 1.…); no English word is left
    # in a section, and every document a file lists is one its rules or notice cite.
    from titlecli import regionfile
    from titlecli.citations import Citation

    for rid in bundled_regions():
        path = ROOT / "regions" / f"{rid}.yaml"
        state = regionfile._State()
        data = regionfile._read(path, state)  # the file alone, its citations resolved
        assert not state.problems, state.problems
        cited = {data["notice"]["document"].key}

        def walk(v, rid=rid, cited=cited):
            if isinstance(v, Citation):
                assert not re.search(r"[A-Za-z]{2,}", v.section), f"{rid}: {v.document.key} {v.section!r}"
                cited.add(v.document.key)
            elif isinstance(v, dict):
                for x in v.values():
                    walk(x)
            elif isinstance(v, list):
                for x in v:
                    walk(x)

        walk(data)
        assert cited == set(data["documents"]), f"{rid}: listed but never cited: {set(data['documents']) - cited}"


def seed_list() -> dict[str, str]:
    """The source documents' file names and SHA-256, as the repository records them."""
    rows = (line.split() for line in (ROOT / "tests" / "data" / "seeds.sha256").read_text(encoding="utf-8").splitlines())
    return {name: digest for digest, name in (r for r in rows if r and not r[0].startswith("#"))}


def test_the_recorded_seed_list_is_the_shared_seeds():
    # The list the next test checks against is the documents themselves, when they are here
    # (CI lays ../shared beside the clone; a bare clone has only the list).
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is not beside this checkout: the region files were checked against tests/data/seeds.sha256 only")
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS.glob("*.txt")}
    assert found == seed_list()


def test_region_files_name_their_seed_in_a_comment_and_nowhere_else():
    seeds = set(seed_list())
    assert len(seeds) == 5
    for path in sorted((ROOT / "regions").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
        named = set(SEED_NAME.findall(comments))
        assert named and named <= seeds, f"{path.name}: names {named}"
        # a value (not a comment) never holds a seed's file name: it could reach output
        values = json.dumps(yaml.safe_load(text), ensure_ascii=False, default=str)
        assert not SEED_NAME.search(values), path.name


def test_regions_list_shows_the_principal_document_and_its_kind(cli):
    code, out, _ = cli("regions", "list", "--format", "json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["shanxi-changzhi-2022"]["document"] == "长工信〔2022〕139号" and rows["shanxi-changzhi-2022"]["document_kind"] == "notice"
    # a region resting on a Q&A compilation says so
    assert rows["national"]["document"] == QA and rows["national"]["document_kind"] == "qa"
    assert rows["jiangsu-yancheng"]["document_kind"] == "notice" and rows["shanghai"]["document_kind"] == "guide"
    assert all(r["document"] and r["document_kind"] in ("notice", "guide", "qa") for r in rows.values())
    code, out, _ = cli("regions", "list")
    assert "长工信〔2022〕139号" in out and "问答汇编" in out and "正式文件" in out and "办事指南" in out
    code, out, _ = cli("regions", "list", "--lang", "en")
    assert "Q&A compilation" in out and "Office guide" in out


# ------------------------------------------------------------ bad citations are errors


NOTICE = "documents:\n  mine: {title: 测试通知, number: 测试〔2024〕1号, kind: notice}\nnotice: {document: mine}\n"


def test_an_unknown_document_key_names_file_line_and_key_path(cli, tmp_path):
    f = write(
        tmp_path / "bad.yaml",
        "id: bad\nname: 坏\n" + NOTICE + "exclusions:\n"
        "  - {id: retired, kind: status, field: retired, source: 003_abb6e7983df217bd.txt 二②}\n",
    )
    code, _, err = cli("regions", "validate", f)
    assert code == 2
    assert "bad.yaml:7 exclusions[0].source" in err and "003_abb6e7983df217bd.txt" in err and "mine" in err


def test_a_bad_document_is_an_error_naming_its_key(cli, tmp_path):
    f = write(
        tmp_path / "bad.yaml",
        "id: bad\nname: 坏\ndocuments:\n  mine: {title: 测试, kind: rumour}\n  'two words': {title: X, kind: guide}\nnotice: {document: mine}\n",
    )
    code, _, err = cli("regions", "validate", f, "--lang", "en")
    assert code == 2
    assert "bad.yaml:4 documents.mine.kind" in err and "bad.yaml:5 documents.two words" in err


def test_a_source_written_as_a_mapping_is_refused(cli, tmp_path):
    f = write(
        tmp_path / "bad.yaml",
        "id: bad\nname: 坏\n" + NOTICE + "exclusions:\n  - {id: retired, kind: status, field: retired, source: {document: mine}}\n",
    )
    code, _, err = cli("regions", "validate", f)
    assert code == 2 and "exclusions[0].source" in err


# ------------------------------------------------------------ notices are never inherited


def test_a_child_without_its_own_notice_is_refused(cli, tmp_path):
    f = write(tmp_path / "child.yaml", "id: child\nextends: national\nname: 子\n")
    code, _, err = cli("regions", "validate", f)
    assert code == 2 and "child.yaml" in err and "notice" in err and "documents" in err
    code, _, err = cli("check", EXAMPLES / "national-bachelor-assistant.yaml", "--region", f)
    assert code == 2 and "notice" in err


def test_a_child_shows_its_own_notice_and_inherited_rules_cite_the_parents_document(cli, tmp_path):
    f = write(tmp_path / "child.yaml", "id: child\nextends: national\nname: 子地区\n" + NOTICE)
    code, out, err = cli("regions", "show", f)
    assert code == 0, err
    notice = out.split("其他依据文件")[0]
    assert "测试〔2024〕1号" in notice
    # national's undated-note, period and review date were shown as the child's own before
    assert "原文未写日期" not in out and "2026-11-24" not in out and "2027-12-31" not in out
    assert QA in out  # the inherited rules still cite national's compilation
    code, out, err = cli(
        "check",
        EXAMPLES / "national-bachelor-assistant.yaml",
        "--region",
        f,
        "--as-of",
        "2023-07-11",
        "--format",
        "json",
        "--level",
        "assistant",
    )
    v = json.loads(out)
    years = next(x for r in v["results"] for x in r["reasons"] if x["rule"] == "years-after-graduation")
    assert years["source"] == QA + "一.2(3)" and years["citation"]["document"] == "initial-titles-qa"
    # the child states no period of its own: said as such, whatever national says (notices are not inherited)
    assert v["notice"]["status"] == "unknown" and v["warnings"] == [v["notice"]["message"]]


def test_the_same_key_in_parent_and_child_cites_each_files_own_document(cli, tmp_path):
    f = write(
        tmp_path / "child.yaml",
        "id: child\nextends: national\nname: 子地区\n"
        "documents:\n  initial-titles-qa: {title: 子地区的通知, kind: notice}\nnotice: {document: initial-titles-qa}\n"
        "exclusions:\n  - {id: retired, kind: status, field: retired, source: initial-titles-qa 三}\n",
    )
    code, out, err = cli(
        "check",
        EXAMPLES / "national-bachelor-assistant.yaml",
        "--region",
        f,
        "--as-of",
        "2023-07-11",
        "--format",
        "json",
        "--level",
        "assistant",
    )
    by_rule = {x["rule"]: x for x in json.loads(out)["results"][0]["reasons"]}
    assert by_rule["retired"]["source"] == "《子地区的通知》三"
    assert by_rule["years-after-graduation"]["source"] == QA + "一.2(3)"


def test_qinghai_no_longer_carries_nationals_notice(cli):
    from titlecli import regions

    code, out, _ = cli("regions", "show", "qinghai-2022")
    notice = out.split("其他依据文件")[0]
    assert "关于做好2022年度职称评审工作的通知" in notice and "2022-11-24 – 2023-03-31" in notice
    n = regions.load("qinghai-2022").notice
    # national's "原文未写日期…" was merged into Qinghai's own effective period
    assert n.document.key == "qinghai-2022-notice" and n.effective.note is None
    assert set(regions.load("qinghai-2022").documents) == {"qinghai-2022-notice"}
