"""The unit's documents in a batch of Changzhi applicants, as a clerk reruns it (issues 16, 18).

长工信〔2022〕139号 五.4: "第一类：申报者所在单位《推荐报告》、《公示情况一览表》" — the 推荐报告
draft is written per applicant; issue 18 measured it built serially in the main process (a
third of all CPU at 240 applicants), so it is built in the workers, with the dossiers.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_batch import AS_OF, S, write_csv

from titlecli.batch import Options, run, unitdocs


def _roster(tmp: Path) -> Path:
    return write_csv(tmp / "花名册.csv", [dict(r) for r in S.ROWS], "utf-8")


def _files(out: Path) -> dict[str, tuple[int, int, bytes]]:
    """name -> (inode, mtime_ns, bytes) of the dossiers and the unit's documents in OUTDIR (the
    汇总表 and report.json say each applicant is now 未变, so they change)."""
    return {
        p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
        for p in out.iterdir()
        if not p.name.startswith(".") and p.name not in ("汇总表.xlsx", "report.json")
    }


def test_the_main_process_builds_no_recommendation_report(tmp_path, monkeypatch):
    def not_here(*a, **k):
        raise AssertionError("a 推荐报告 was built in the main process")

    monkeypatch.setattr(unitdocs, "report_docx", not_here)
    roster = _roster(tmp_path)
    res = run(roster, Options(outdir=tmp_path / "out", jobs=2, as_of=date.fromisoformat(AS_OF)))
    drafts = sorted(p.name for p in (tmp_path / "out").glob("*_推荐报告.docx"))
    assert len(drafts) == 3, [r.problems for r in res.rows]
    assert set(drafts) <= set(res.documents)


def test_a_rerun_of_an_unchanged_roster_rewrites_nothing(tmp_path):
    roster = _roster(tmp_path)
    out = tmp_path / "out"
    opts = Options(outdir=out, jobs=1, as_of=date.fromisoformat(AS_OF))
    run(roster, opts)
    before = _files(out)
    assert len([n for n in before if n.endswith("_推荐报告.docx")]) == 3 and "公示情况一览表.pdf" in before
    res = run(roster, opts)
    assert {r.status for r in res.rows} == {"unchanged"}
    assert _files(out) == before  # same files, same bytes, not one written again


def test_a_deleted_draft_is_written_again_and_an_edited_one_kept(tmp_path):
    roster = _roster(tmp_path)
    out = tmp_path / "out"
    opts = Options(outdir=out, jobs=1, as_of=date.fromisoformat(AS_OF))
    run(roster, opts)
    (gone,) = out.glob("张伟_*_推荐报告.docx")
    (edited,) = out.glob("王芳_*_推荐报告.docx")
    data = gone.read_bytes()
    gone.unlink()
    edited.write_bytes(edited.read_bytes() + b"clerk")
    rows = [dict(r) for r in S.ROWS]
    # 王芳's row changed: her dossier is built again, her edited draft kept
    next(r for r in rows if r.get("姓名") == "王芳")["手机号"] = "13900000000"
    write_csv(roster, rows, "utf-8")
    res = run(roster, opts)
    assert [r.status for r in res.rows] == ["built", "built", "unchanged"]
    assert gone.read_bytes() == data
    assert edited.read_bytes().endswith(b"clerk")
    assert any(edited.name in w and "未覆盖" in w for w in res.warnings)


@pytest.mark.parametrize("lang", ["zh"])
def test_the_draft_sets_the_chinese_fonts_offices_use(tmp_path, lang):
    import docx
    from docx.oxml.ns import qn

    roster = _roster(tmp_path)
    run(roster, Options(outdir=tmp_path / "out", jobs=1, as_of=date.fromisoformat(AS_OF)))
    (path,) = (tmp_path / "out").glob("张伟_*_推荐报告.docx")
    doc = docx.Document(str(path))

    def east_asian(style) -> str | None:
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would win over the named one
        return fonts.get(qn("w:eastAsia"))

    assert east_asian(doc.styles["Normal"]) == "仿宋_GB2312"
    assert east_asian(doc.styles["Heading 2"]) == "黑体"
    assert east_asian(doc.styles["Heading 1"]) == "宋体"
    assert str(doc.styles["Heading 2"].font.color.rgb) == "000000"  # black as offices print, not the template's blue
