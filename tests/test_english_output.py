"""English output (`--lang en`) is complete: no Chinese but what a person looks up.

House rule: "English (`--lang en`) is complete and grammatical."  What may stay Chinese in an
English text is the user's own data (names, schools, employers, specialties, paper titles) and
the documents a person looks up (titles, 文号, issuers, the sections in the document's own
numbering).  A title's name (助理工程师) is not user data even where a profile writes it: it is
the region's word, and the region gives its English name (technician, assistant engineer …).
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from conftest import EXAMPLES

from titlecli.citations import Citation, Document

PROFILES = sorted(EXAMPLES.glob("*.yaml"))
# CJK ideographs and the full-width punctuation a Chinese sentence uses: （）、；：，。《》
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")


def _strings(value, out: set[str]) -> None:
    if isinstance(value, str):
        out.add(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            _strings(k, out)
            _strings(v, out)
    elif isinstance(value, list | tuple):
        for v in value:
            _strings(v, out)


def _looked_up(obj, out: set[str], seen: set[int]) -> None:
    """Every document's title, number, issuer and every cited section in a region."""
    if id(obj) in seen or obj is None or isinstance(obj, str | int | float | bool):
        return
    seen.add(id(obj))
    if isinstance(obj, Document):
        out.update(x for x in (obj.title, obj.number, obj.short_title, obj.issuer, obj.label) if x)
        return
    if isinstance(obj, Citation):
        out.add(obj.section)
        _looked_up(obj.document, out, seen)
        return
    if isinstance(obj, dict):
        for v in obj.values():
            _looked_up(v, out, seen)
    elif isinstance(obj, list | tuple):
        for v in obj:
            _looked_up(v, out, seen)
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            _looked_up(getattr(obj, f.name, None), out, seen)


def _title_names() -> set[str]:
    from titlecli import regions

    names: set[str] = set()
    for rid in regions.all_files():
        for by_level in regions.load(rid).titles.values():
            names.update(by_level.values())
    return names


def _allowed(profile_path) -> set[str]:
    """What may stay Chinese in an English output of this profile."""
    import yaml

    from titlecli import regions

    data = yaml.safe_load(profile_path.read_text(encoding="utf-8"))
    own: set[str] = set()
    _strings(data, own)
    own -= _title_names()  # the region's words, not the user's
    region = regions.load(data["application"]["region"])
    looked_up: set[str] = set()
    _looked_up(region, looked_up, set())
    if region.online is not None:
        looked_up.add(region.online.system)  # the system's name, as its login page gives it
    return {x for x in own | looked_up if x and CJK.search(x)}


def _leftover(out: str, allowed: set[str]) -> list[str]:
    for s in sorted(allowed, key=len, reverse=True):
        out = out.replace(f"《{s}》", " ").replace(s, " ")
    return sorted({m.group() for m in CJK.finditer(out)})


@pytest.mark.parametrize("profile", PROFILES, ids=[p.stem for p in PROFILES])
def test_english_check_and_plan_hold_no_chinese_but_user_data_and_documents(cli, monkeypatch, profile):
    monkeypatch.setenv("COLUMNS", "1000")  # nothing folded: a looked-up string stays whole
    allowed = _allowed(profile)
    for cmd in (("check", "--verbose"), ("plan",)):
        code, out, err = cli(cmd[0], profile, "--as-of", "2022-08-01", "--lang", "en", *cmd[1:])
        assert code in (0, 1), err
        assert _leftover(out, allowed) == [], f"{cmd[0]}: {_leftover(out, allowed)}"


def test_a_verdict_names_the_title_in_english(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    _, out, _ = cli("check", EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2022-08-01", "--lang", "en")
    # Chinese reads 工程师 · 中级 · 评审: the English heading had no title at all
    assert "Engineer · intermediate · review  ✓ eligible" in out
    assert "(assistant engineer obtained 2016-09-01;" in out  # the profile's 助理工程师, in English
    _, zh, _ = cli("check", EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2022-08-01")
    assert "工程师 · 中级 · 评审  ✓ 符合" in zh and "2016-09-01 取得助理工程师" in zh
    _, out, _ = cli("check", EXAMPLES / "qinghai-2022-private-enterprise.yaml", "--as-of", "2022-08-01", "--lang", "en")
    assert "(assistant engineer already obtained by initial determination on 2016-09-01)" in " ".join(out.split())


def _changzhi_copy(tmp_path, edit):
    from titlecli import regions

    text = (regions.bundled_dir() / "shanxi-changzhi-2022.yaml").read_text(encoding="utf-8")
    own = tmp_path / "shanxi-changzhi-2022.yaml"
    own.write_text(edit(text), encoding="utf-8")
    return own


def test_a_region_without_english_title_names_validates_and_english_names_the_level(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("COLUMNS", "120")
    line = "  engineering: {member: technician, assistant: assistant engineer, intermediate: engineer}\n"
    own = _changzhi_copy(tmp_path, lambda s: s.replace("titles_en:\n" + line, ""))
    assert "titles_en" not in own.read_text(encoding="utf-8")
    code, out, err = cli("regions", "validate", own)
    assert code == 0, out + err
    code, out, _ = cli("check", EXAMPLES / "changzhi-engineer.yaml", "-r", own, "--as-of", "2022-08-01", "--lang", "en")
    assert "Intermediate · review  ✓ eligible" in out  # the level, never 工程师
    assert "(assistant-level title obtained 2016-09-01;" in out
    assert "工程师" not in out and "技术员" not in out


def test_an_english_title_name_translates_a_chinese_one(cli, tmp_path):
    own = _changzhi_copy(tmp_path, lambda s: s.replace("titles_en:\n", "titles_en:\n  economics: {intermediate: economist}\n"))
    code, out, err = cli("regions", "validate", own, "--lang", "en")
    assert code == 2
    assert "titles_en.economics.intermediate" in out + err
    assert "titles names no intermediate title of economics" in out + err


def test_a_duration_of_one_year_and_one_month_is_singular():
    from titlecli.dates import fmt_duration

    assert fmt_duration(13, "en") == "1 year 1 month"  # was "1 years 1 months"
    assert fmt_duration(26, "en") == "2 years 2 months" and fmt_duration(13, "zh") == "1 年 1 个月"


def test_a_list_of_series_in_a_sentence_is_joined_with_and(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    _, out, _ = cli("check", EXAMPLES / "qinghai-2022-private-enterprise.yaml", "--as-of", "2022-08-01", "--lang", "en")
    assert "(the engineering and economics series' own conditions)" in out  # was "engineering, economics series'"
    _, zh, _ = cli("check", EXAMPLES / "qinghai-2022-private-enterprise.yaml", "--as-of", "2022-08-01")
    assert "（工程技术、经济专门条件）" in zh


def _own_pages(reader) -> list[int]:
    """The pages titlecli draws (cover, checklist, contents, separators, placeholders): every page
    but those of a document the applicant filed (a bookmark not marked missing, to the next one)."""
    marks: list[tuple[int, str]] = []

    def walk(items) -> None:
        for x in items:
            if isinstance(x, list):
                walk(x)
            else:
                marks.append((reader.get_destination_page_number(x), x.title))

    walk(reader.outline)
    marks.sort()
    filed: set[int] = set()
    for (at, title), (nxt, _) in zip(marks, [*marks[1:], (len(reader.pages), "")], strict=True):
        if not title.startswith(("Category ", "Professional title", "Checklist", "Contents")) and "(Missing material)" not in title:
            filed.update(range(at, nxt))
    return [i for i in range(len(reader.pages)) if i not in filed]


def test_an_english_dossier_holds_no_chinese_on_its_own_pages_but_user_data_and_documents(cli, tmp_path):
    """Cover, checklist and contents in English: the region's name, a held title (the profile's
    助理工程师), the region's notes and the photo's size were Chinese; 12 "material(s)"."""
    from pypdf import PdfReader

    profile = EXAMPLES / "changzhi-dossier" / "zhang-wei.yaml"
    out = tmp_path / "d.pdf"
    code, stdout, err = cli("dossier", profile, "-o", out, "--as-of", "2022-08-01", "--lang", "en")
    assert code == 0, err
    assert "12 required materials missing (placeholder pages inserted)" in stdout + err
    reader = PdfReader(out)
    own = _own_pages(reader)
    assert own[:8] == list(range(8)) and len(own) < len(reader.pages)  # the front matter and not the scans
    text = "".join(reader.pages[i].extract_text() for i in own).replace("\n", "")  # lines folded back
    bare = re.sub(r"\s", "", text)  # a folded line lost its space
    assert "Region:Changzhi(Shanxi)" in bare and "Titlecertificate:assistantengineer(2016-09-01)" in bare
    assert "bachelor's·bachelor's" not in bare and "Education:bachelor'sdegree·full-time" in bare  # the form's facts
    assert _leftover(text, _allowed(profile)) == []


def test_lang_before_the_command_sets_the_language_of_help_and_of_the_command(cli):
    """README: "--lang en everywhere".  `titlecli --help --lang en` was refused as an unknown
    option; before the command it now sets the help's language and the output of a command given
    no --lang of its own (the command's own --lang wins); a wrong value is named, exit 2."""
    code, out, _ = cli("--help", "--lang", "en")
    assert code == 0 and "Usage:" in out and "Commands:" in out and "--lang" in out
    check = ("check", EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2022-08-01")
    code, out, _ = cli("--lang", "en", *check)
    assert code == 0 and "Region: Changzhi (Shanxi)" in out
    code, out, _ = cli("--lang", "en", *check, "--lang", "zh")
    assert code == 0 and "地区：山西长治" in out
    code, out, _ = cli(*check)  # the next command in the same process: Chinese again
    assert code == 0 and "地区：山西长治" in out
    code, out, err = cli("--lang", "fr", *check)
    assert code == 2 and "--lang" in err and "zh 或 en" in err and "Traceback" not in err
