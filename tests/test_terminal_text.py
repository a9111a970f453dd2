"""What people write reaches the terminal as text: no escape sequence acts, no markup is read.

A name, an employer, a folder or file name, a region's or a case's text may hold terminal escape
sequences (clear the screen, an OSC 8 link, a bidi override that reverses what follows) or what
rich takes for markup (`[/x]` ends a style that was never opened: an error; `[word]` is a style:
the text disappears).  Each is fed through every command; the output must show it, inert.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
import yaml
from rich.console import Console
from test_batch import S, write_csv
from test_interview import interview

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "changzhi-engineer.yaml"

CLEAR = "\x1b[2J"
LINK = "\x1b]8;;http://evil.example/\x1b\\点我\x1b]8;;\x1b\\"
# what a terminal acts on: ESC, CSI as one C1 byte, the bidi override
ACTIVE = ("\x1b", "\x9b", "\u202e")
MARKUP = "[/x]"  # a closing tag with nothing open: rich raises MarkupError
WORD = "[bold]"  # a style: rich would swallow it


def hostile(text: str) -> str:
    return f"{text}{MARKUP}{WORD}{CLEAR}{LINK}\x9b2J\u202e"


def inert(out: str) -> None:
    """The output shows the hostile text and acts on none of it."""
    assert not any(c in out for c in ACTIVE), [c for c in ACTIVE if c in out]
    assert "Traceback" not in out and "MarkupError" not in out


@pytest.fixture
def world(tmp_path):
    """A profile, region and case with hostile text everywhere, in a folder named like markup."""
    home = tmp_path / f"申报{MARKUP}"  # a folder "申报[" holding "x]": the path reads 申报[/x]
    home.mkdir(parents=True)
    regions = home / f"rules{WORD}"
    regions.mkdir()
    text = (ROOT / "regions" / "shanxi-changzhi-2022.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    data["id"] = "evil"
    data["name"] = hostile("长治")
    data["name_en"] = hostile("Changzhi")
    data["routes"][0]["text"] = hostile("路线")
    for m in data.get("materials", []):
        m["name"] = hostile(m["name"])
    (regions / "evil.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    online = yaml.safe_load((ROOT / "tests" / "data" / "regions" / "online-test.yaml").read_text("utf-8"))
    online["online"]["system"] = hostile("系统")
    online["online"]["items"][1]["name"] = hostile("身份证")
    (regions / "evil-online.yaml").write_text(yaml.safe_dump(online, allow_unicode=True), "utf-8")
    prof = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    prof["name"] = hostile("张伟")
    prof["employer"]["name"] = hostile("单位")
    prof["application"]["region"] = str(regions / "evil.yaml")
    (home / "scans").mkdir()
    shutil.copy(ROOT / "examples" / "changzhi-dossier" / "scans" / "id-card.jpg", home / "scans" / f"id{WORD}.jpg")
    prof["documents"] = [{"kind": "id_card", "file": f"scans/id{MARKUP}.jpg", "name": hostile("身份证")}]
    p = home / f"p{WORD}.yaml"
    p.write_text(yaml.safe_dump(prof, allow_unicode=True), "utf-8")
    broken = home / f"broken{WORD}.yaml"
    broken.write_text(yaml.safe_dump(dict(prof, id_number=hostile("1")), allow_unicode=True), "utf-8")
    case = home / f"case{WORD}.yaml"
    case.write_text(
        yaml.safe_dump(
            {
                "region": str(regions / "evil.yaml"),
                "cases": [{"name": hostile("用例"), "profile": p.name, "as_of": "2022-08-01", "expect": {"senior": {"eligible": True}}}],
            },
            allow_unicode=True,
        ),
        "utf-8",
    )
    return {"home": home, "regions": regions, "profile": p, "broken": broken, "case": case}


def run_all(cli, w, tmp_path) -> list[tuple[str, int, str]]:
    p, home = w["profile"], w["home"]
    runs = [
        ("check", "check", p, "--as-of", "2022-08-01"),
        ("check -v en", "check", p, "--as-of", "2022-08-01", "--verbose", "--lang", "en"),
        ("check json", "check", p, "--as-of", "2022-08-01", "--format", "json"),
        ("check junit", "check", p, "--as-of", "2022-08-01", "--format", "junit"),
        ("check error", "check", w["broken"], "--as-of", "2022-08-01"),
        ("checklist", "dossier", p, "--as-of", "2022-08-01", "--checklist-only"),
        ("dossier", "dossier", p, "--as-of", "2022-08-01", "-o", home / f"out{WORD}.pdf", "--skip-broken"),
        (
            "upload",
            "dossier",
            p,
            "--as-of",
            "2022-08-01",
            "-o",
            home / "o.pdf",
            "-r",
            w["regions"] / "evil-online.yaml",
            "--upload",
            home / f"up{WORD}",
        ),
        ("regions show", "regions", "show", w["regions"] / "evil.yaml"),
        ("regions show en", "regions", "show", w["regions"] / "evil.yaml", "--lang", "en"),
        ("regions validate", "regions", "validate", w["regions"] / "evil.yaml", w["broken"]),
        ("test", "test", w["case"]),
        ("test junit", "test", w["case"], "--format", "junit"),
        ("template", "batch", "--template", home / f"t{WORD}.xlsx"),
    ]
    out = []
    for name, *args in runs:
        code, stdout, stderr = cli(*args)
        out.append((name, code, stdout + stderr))
    return out


def test_every_command_shows_hostile_text_inert(cli, world, tmp_path, monkeypatch):
    monkeypatch.setenv("TITLECLI_REGION_PATH", str(world["regions"]))
    for name, code, out in run_all(cli, world, tmp_path):
        assert code in (0, 1, 2), (name, code, out)
        inert(out)
        if name not in ("check json", "check junit", "test junit", "template", "regions validate"):
            assert MARKUP in out, (name, out)  # shown as written, not read as markup
    code, stdout, _ = cli("check", world["profile"], "--as-of", "2022-08-01", "--format", "json")
    assert json.loads(stdout)["applicant"]["name"] == hostile("张伟")  # JSON keeps the text exactly
    code, stdout, _ = cli("regions", "list")
    inert(stdout)
    assert "[/x]" in stdout and "[bold]" in stdout  # the region's name, not a style


def test_the_batch_summary_shows_hostile_cells_inert(cli, tmp_path):
    rows = [dict(S.ROWS[2], 姓名=f"赵磊{WORD}{CLEAR}"), dict(S.ROWS[3], 申报级别=f"高级{MARKUP}{CLEAR}")]
    att = tmp_path / "att"
    (att / f"赵磊{WORD}{CLEAR}").mkdir(parents=True)
    (att / f"赵磊{WORD}{CLEAR}" / f"身份证{WORD}{CLEAR}.docx").write_bytes(b"PK")
    (att / f"nobody{WORD}{CLEAR}").mkdir()
    code, stdout, stderr = cli(
        "batch",
        write_csv(tmp_path / "r.csv", rows, "utf-8"),
        "-a",
        att,
        "-o",
        tmp_path / f"out{MARKUP}",
        "-j",
        "1",
        "--as-of",
        "2022-08-01",
    )
    out = stdout + stderr
    assert code in (0, 1), out
    inert(out)
    assert f"赵磊{WORD}" in out and f"高级{MARKUP}" in out and f"nobody{WORD}" in out and f"身份证{WORD}" in out


def test_the_interview_review_shows_hostile_answers_inert(tmp_path):
    """Editing a profile someone else wrote: its answers are shown on the review screen."""
    folder = tmp_path / f"x{MARKUP}"
    folder.mkdir(parents=True)
    target = folder / "p.yaml"
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    data["employer"]["name"] = hostile("单位")
    data["work"][0]["duties"] = hostile("职责")
    target.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    code, out = interview(target, {})
    inert(out)
    assert MARKUP in out and hostile("单位")[:2] in out


def test_a_console_prints_the_helpers_output_as_text():
    from titlecli.term import esc, plain

    c = Console(file=io.StringIO(), width=200)
    c.print(f"[bold]{esc(hostile('名'))}[/]")
    shown = c.file.getvalue()
    assert MARKUP in shown and WORD in shown and "\\x1b[2J" in shown
    assert plain("a\tb\nc") == "a\tb\nc"  # tabs and line breaks stay
