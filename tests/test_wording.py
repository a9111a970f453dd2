"""What a person reads names terms in words (issue 14): Chinese output carries no internal key
(a vocabulary key such as `engineering`, a region, route, pathway or rule id, a snake_case word),
and English output no Chinese term the vocabulary has an English name for.

Rendered for every bundled example and every case profile (`check`, both languages), every
bundled region (`regions show`) and every example's dossier checklist (`--checklist-only`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT

from titlecli import terms

REGIONS = sorted((ROOT / "regions").glob("*.yaml"))
AS_OF = re.compile(r"as_of=(\S+)")


def _case_profiles() -> list[tuple[Path, str]]:
    """(profile, as_of) of every example and of every profile a case file names."""
    out = set()
    for p in sorted(EXAMPLES.glob("*.yaml")):
        m = AS_OF.search(p.read_text(encoding="utf-8"))
        out.add((p, m.group(1) if m else "2022-08-01"))
    for c in sorted((EXAMPLES / "cases").glob("*.yaml")):
        for case in yaml.safe_load(c.read_text(encoding="utf-8"))["cases"]:
            if isinstance(case.get("profile"), str):
                out.add(((c.parent / case["profile"]).resolve(), str(case.get("as_of", "2022-08-01"))))
    return sorted(out)


def _internal_keys() -> set[str]:
    """Every key a file holds and a Chinese reader must never see."""
    keys = {k for v in terms.ALL for k in v.terms}
    for f in REGIONS:
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        keys.add(f.stem)

        def ids(node):
            if isinstance(node, dict):
                if isinstance(node.get("id"), str):
                    keys.add(node["id"])
                for v in node.values():
                    ids(v)
            elif isinstance(node, list):
                for v in node:
                    ids(v)

        ids(data)
    # words that are also plain English a notice may quote, or too short to be a key
    return {k for k in keys if len(k) > 2 and k not in ("A4",)}


KEYS = _internal_keys()
# what may stand in Chinese output: file names, e-mail and web addresses, masked ID numbers
ALLOWED = re.compile(r"\S+@\S+|https?://\S+|\S+\.(?:ya?ml|json|pdf|jpe?g|png|xlsx)\b|\d{4}\*+\d{3}[\dX]|titlecli check", re.I)
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*")


def keys_in_chinese(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        line = ALLOWED.sub(" ", line)
        for w in WORD.findall(line):
            w = w.rstrip("-")
            if w in KEYS or "_" in w:
                found.append(f"{w}  in: {line.strip()[:160]}")
    return found


# Chinese names the vocabulary also names in English; a name inside a longer Chinese word
# (盐城工学院 holds 工学) or a book title 《…》 or a 文号 is the notice's or the applicant's own text.
ZH_TERMS = sorted({x.zh for v in terms.ALL for x in v.terms.values() if len(x.zh) >= 2 and x.en}, key=len, reverse=True)
CJK = "\u3400-\u9fff"
ZH_TERM = re.compile(rf"(?<![{CJK}])(?:{'|'.join(map(re.escape, ZH_TERMS))})(?![{CJK}])")


def chinese_terms_in_english(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        if "(in Chinese)" in line:  # a region file's remark given in Chinese only, and said to be
            continue
        cells = line.split("│")
        if len(cells) > 3:  # a table row: the last column is the citation (the notice's own words)
            body = re.sub(r"《[^》]*》|\S*〔[^〕]*〕\S*", " ", "│".join(cells[:-2]))
        else:  # a line ending in its source: 《title》 or a 文号, then the section in the notice's numbering
            body = re.sub(r"\s(《[^》]*》|\S*〔[^〕]*〕).*$", " ", line)
            body = re.sub(r"《[^》]*》", " ", body)
        found += [f"{m.group(0)}  in: {line.strip()[:160]}" for m in ZH_TERM.finditer(body)]
    return found


@pytest.fixture
def wide(monkeypatch):
    # no line is wrapped, so a book title or a term is never cut in two
    monkeypatch.setenv("COLUMNS", "400")


@pytest.mark.parametrize("profile,as_of", _case_profiles(), ids=lambda x: x.stem if isinstance(x, Path) else x)
def test_check_text_names_terms_in_words(cli, wide, profile, as_of):
    code, zh, err = cli("check", profile, "--as-of", as_of, "--verbose")
    assert code in (0, 1), err
    assert not keys_in_chinese(zh), keys_in_chinese(zh)
    code, en, err = cli("check", profile, "--as-of", as_of, "--verbose", "--lang", "en")
    assert code in (0, 1), err
    assert not chinese_terms_in_english(en), chinese_terms_in_english(en)


@pytest.mark.parametrize("region", REGIONS, ids=lambda p: p.stem)
def test_regions_show_names_terms_in_words(cli, wide, region):
    code, zh, err = cli("regions", "show", region.stem)
    assert code == 0, err
    assert not keys_in_chinese(zh), keys_in_chinese(zh)
    code, en, err = cli("regions", "show", region.stem, "--lang", "en")
    assert code == 0, err
    assert not chinese_terms_in_english(en), chinese_terms_in_english(en)


@pytest.mark.parametrize("profile", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_dossier_checklist_names_terms_in_words(cli, wide, profile):
    code, zh, err = cli("dossier", profile, "--checklist-only")
    assert code in (0, 1), err
    assert not keys_in_chinese(zh), keys_in_chinese(zh)
    code, en, err = cli("dossier", profile, "--checklist-only", "--lang", "en")
    assert code in (0, 1), err
    assert not chinese_terms_in_english(en), chinese_terms_in_english(en)


def test_the_checkers_find_what_issue_14_saw():
    """Each checker fails on the lines the issue quotes (a test that cannot fail is a defect)."""
    assert keys_in_chinese("✓ 国家规定不进行初定的系列除外（engineering 系列不在此列）")
    assert keys_in_chinese("├── 中级 · 评审 (intermediate-review) series=['engineering']")
    assert keys_in_chinese("有未说明的间断（在其后一段工作的 gap_note 中说明）")
    assert not keys_in_chinese("赵子涵  3201**********173X  邮箱 czsjxwzpwzy@163.com  A4 纸")
    assert chinese_terms_in_english("Level and title applied for: intermediate · 工程师 · 中级")
    assert chinese_terms_in_english("助理级 · assistant-level · initial determination")
    assert not chinese_terms_in_english("bachelor's, 盐城工学院, full-time │ 《研究生首次确定中级专业技术资格》 │")


# ---------------------------------------------------------------------- help and usage errors

LIBRARY_ENGLISH = ("Usage:", "Options:", "Arguments:", "Show this message", "[default:", "[required]", "Error:", "No such")


@pytest.mark.parametrize(
    "argv", [["-h"], ["check", "-h"], ["check", "--help"], ["regions", "-h"], ["regions", "show", "-h"], ["batch", "-h"]]
)
def test_help_is_in_chinese_by_default(cli, monkeypatch, argv):
    monkeypatch.delenv("TITLECLI_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    code, out, err = cli(*argv)
    assert code == 0, err
    assert "用法：" in out and "-h, --help" in out
    assert not [w for w in LIBRARY_ENGLISH if w in out], out
    # every option's help line is Chinese (option names and metavars aside)
    options = out.split("选项：", 1)[1]
    for line in options.splitlines():
        described = re.sub(r"^\s*(-\S+,?\s+)*(<\w+>|\[[^\]]*\]|[A-Z.]+)?\s*", "", line)
        if described and not described.startswith(("text", "zh")):
            assert re.search(r"[\u4e00-\u9fff]", described), line


def test_check_help_names_levels_and_regions_in_chinese(cli):
    code, out, _ = cli("check", "-h")
    assert "中级" in out and "盐城" in out
    assert "deputy_senior" not in out and "application.region" not in out


@pytest.mark.parametrize("how", ["--lang en", "--lang=en", "TITLECLI_LANG=en", "LANG=en_US.UTF-8"])
def test_help_follows_the_users_language(cli, monkeypatch, how):
    monkeypatch.delenv("TITLECLI_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    args = ["check", "-h"]
    if how.startswith("--"):
        args += how.split()
    else:
        monkeypatch.setenv(*how.split("="))
    code, out, err = cli(*args)
    assert code == 0, err
    assert "Usage:" in out and "Check eligibility" in out
    assert not re.search(r"[\u4e00-\u9fff]", out), out


def test_output_follows_titlecli_lang_without_the_option(cli, monkeypatch):
    monkeypatch.setenv("TITLECLI_LANG", "en")
    code, out, _ = cli("check", EXAMPLES / "zhejiang-doctor.yaml", "--as-of", "2022-08-01")
    assert "Region:" in out and "地区：" not in out


@pytest.mark.parametrize(
    "argv,said",
    [
        (["check", "--lvl", "中级"], "没有这个选项：--lvl（是不是要写 --level？）"),
        (["chek"], "没有这个命令：chek（是不是要写 check？）"),
        (["check"], "缺少参数 PROFILE..."),
        (["check", "x.yaml", "--as-of"], "选项 --as-of 后面要写一个值"),
    ],
)
def test_usage_errors_are_in_chinese(cli, argv, said):
    code, out, err = cli(*argv)
    assert code == 2
    assert said in err
    assert not [w for w in LIBRARY_ENGLISH if w in err], err
    if "--as-of" not in argv:  # (the library gives no usage line with a missing value)
        assert "-h 查看帮助" in err


def test_usage_errors_in_english_with_lang_en(cli):
    code, _, err = cli("check", "--lvl", "3", "--lang", "en")
    assert code == 2
    assert "Error: No such option: --lvl" in err and "Try 'titlecli check -h' for help." in err


# ---------------------------------------------------------------------- verdict wording


def _lines(out: str) -> list[str]:
    return [x.strip() for x in out.splitlines()]


def test_a_route_for_another_education_says_it_does_not_apply(cli, wide):
    # 初定 of 员级 is for 中专/大专 graduates (《申报初定职称的条件和程序是什么》一.2(1)(2)); a bachelor's
    # graduate is not refused it, it is not their route
    code, out, _ = cli("check", EXAMPLES / "national-bachelor-assistant.yaml", "--as-of", "2023-07-10")
    lines = _lines(out)
    i = lines.index("技术员 · 员级 · 初定：不适用")
    assert lines[i + 1].startswith("学历不符：各途径要求全日制中专毕业") and "现有学历：高中、本科" in lines[i + 1]
    assert "技术员 · 员级 · 初定  ✗" not in out
    code, out, _ = cli("check", EXAMPLES / "national-bachelor-assistant.yaml", "--as-of", "2023-07-10", "--format", "json")
    member = next(r for r in json.loads(out)["results"] if r["route_id"] == "member-initial")
    assert member["applicable"] is False and member["eligible"] is False and "中专" in member["not_applicable"]


def test_a_level_below_the_title_held_does_not_apply(cli, wide):
    # the Changzhi engineer holds 助理工程师 (助理级): 技术员 (员级) is below it
    code, out, _ = cli("check", EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2022-08-01")
    lines = _lines(out)
    i = lines.index("技术员 · 员级 · 评审：不适用")
    assert lines[i + 1] == "已持有更高的助理级职称"


def test_a_day_after_the_check_date_reads_as_future(cli, wide):
    # Changzhi counts the years to 2022-12-31 (长工信〔2022〕139号 三): checked on 2020-08-01 the
    # engineer qualifies, from a day still to come
    code, out, _ = cli("check", EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2020-08-01")
    assert "工程师 · 中级 · 评审  ✓ 符合  （将于 2020-09-01 起符合）" in out
    assert "（自 2020-09-01 起符合）" not in out
    code, out, _ = cli("check", EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2022-08-01")
    assert "工程师 · 中级 · 评审  ✓ 符合  （自 2020-09-01 起符合）" in out
    code, out, _ = cli("check", EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2020-08-01", "--lang", "en")
    assert "intermediate · review  ✓ eligible  (from 2020-09-01)" in out


def test_two_routes_of_one_level_have_different_headings(cli, wide):
    # national.yaml: 中级 · 评审 for every series (三.1.2) and the engineering series' own (三 延伸阅读 2)
    code, out, _ = cli("check", EXAMPLES / "national-junior-high-review.yaml", "--as-of", "2021-06-01", "--verbose")
    headings = [x.split("  ")[0] for x in _lines(out) if x.startswith(("工程师 · 中级 · 评审", "助理工程师 · 助理级 · 评审"))]
    assert "工程师 · 中级 · 评审（各系列通用条件）" in headings
    assert "工程师 · 中级 · 评审（工程技术专门条件）：不适用" in headings or "工程师 · 中级 · 评审（工程技术专门条件）" in headings
    assert len(headings) == len(set(headings)), headings


def test_counts_never_read_need_zero(cli, wide):
    # 长工信〔2022〕139号 七.1 limits the plagiarism rate of the papers sent for review; it asks for no count
    code, out, _ = cli("check", EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2022-08-01")
    assert "需 0" not in out and "0 次（无）" not in out
    assert "（2 篇符合要求）" in out
    code, out, _ = cli("check", EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2022-08-01", "--lang", "en")
    assert "(: " not in out and "a assistant" not in out
    assert "5 assessments qualified or better since" in out


def test_english_is_grammatical(cli, wide):
    code, out, _ = cli("check", EXAMPLES / "national-exception-intermediate.yaml", "--as-of", "2023-09-01", "--lang", "en")
    assert "1 qualifying award," in out and "1 qualifying awards" not in out
    code, out, _ = cli("check", EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2022-08-01", "--lang", "en")
    assert "⚠ Already holds an assistant-level title" in out  # a warning starts its line: a capital


def test_english_names_a_degree_as_a_degree_once(cli, wide):
    """The English level and degree were both "bachelor's" ("bachelor's, …, bachelor's"), so a
    reader could not tell the degree from the level; the degree is now "bachelor's degree", said
    once (not "bachelor's degree degree") in the verdict and in the rule's wording."""
    code, en, err = cli("check", EXAMPLES / "zhejiang-master-eligible.yaml", "--as-of", "2022-08-01", "--verbose", "--lang", "en")
    assert code in (0, 1), err
    assert "master's degree" in en
    assert "degree degree" not in en
    code, en, err = cli("check", EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2022-08-01", "--verbose", "--lang", "en")
    assert "full-time, bachelor's degree, graduated 2014-07-01" in en
    assert "degree degree" not in en
