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
    monkeypatch.setattr(unitdocs, "report_pdf", not_here)
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


# --------------------------------------------------------------------------- in the dossier
# 长工信〔2022〕139号 五.4 "第一类：申报者所在单位《推荐报告》、《公示情况一览表》": until the clerk files
# the signed copies, each dossier binds titlecli's drafts there, marked on every page.

DRAFT = "草稿：须经单位签章后替换"


@pytest.fixture(scope="module")
def bound(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bound")
    roster = _roster(tmp)
    att = tmp / "attachments"
    (att / "王芳").mkdir(parents=True)  # 王芳's unit has filed the signed, sealed report
    signed = _one_page_pdf("SIGNED RECOMMENDATION")
    (att / "王芳" / "推荐报告（已盖章）.pdf").write_bytes(signed)
    out = tmp / "out"
    res = run(roster, Options(outdir=out, attachments=att, jobs=1, as_of=date.fromisoformat(AS_OF)))
    return tmp, roster, out, res


def _one_page_pdf(text: str) -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    c.drawString(100, 700, text)
    c.save()
    return buf.getvalue()


def _outline(reader) -> list[tuple[str, list[tuple[str, int]]]]:
    """[(category, [(document, first page index)])] of a dossier's bookmarks."""
    out: list[tuple[str, list[tuple[str, int]]]] = []
    for item in reader.outline:
        if isinstance(item, list):
            out[-1][1].extend((x.title, reader.get_destination_page_number(x)) for x in item)
        else:
            out.append((item.title, []))
    return out


def test_the_dossier_binds_the_drafts_under_the_first_category_with_bookmarks(bound):
    from pypdf import PdfReader

    _, _, out, _ = bound
    (path,) = out.glob("张伟_*[0-9].pdf")
    reader = PdfReader(path)
    first = next(docs for cat, docs in _outline(reader) if cat.startswith("第一类"))
    titles = [title for title, _ in first]
    assert titles[:2] == ["单位《推荐报告》（草稿，待换签章件）", "《公示情况一览表》（草稿，待换签章件）"], titles
    report_page = reader.pages[first[0][1]].extract_text()
    assert DRAFT in report_page and "关于推荐 张伟 同志申报" in report_page
    table_page = reader.pages[first[1][1]].extract_text().replace("\n", "")
    # 五.4 "申报者所在单位…《公示情况一览表》": the table of his own unit, whose only applicant he is here
    assert DRAFT in table_page and "张伟" in table_page and "长治市某机械制造有限公司" in table_page
    assert "王芳" not in table_page and "赵磊" not in table_page  # of other units


def test_the_checklist_says_draft_not_missing_and_a_filed_signed_copy_is_bound_instead(bound):
    from pypdf import PdfReader

    _, _, out, res = bound
    zhang = PdfReader(next(out.glob("张伟_*[0-9].pdf")))
    checklist = "".join(p.extract_text() for p in zhang.pages[1:4]).replace("\n", "")
    # the status column, the note, and the list above the table: a draft, to be replaced
    assert checklist.count("△ 草稿") == 2 and checklist.count("本工具生成的草稿，待换成单位签章件") == 2
    assert "草稿：单位《推荐报告》——未经单位签章" in checklist and "✘ 缺单位《推荐报告》" not in checklist
    row = next(r for r in res.rows if r.name == "张伟")
    assert not any("推荐报告" in m or "公示情况一览表" in m for m in row.missing)  # a draft is not "missing"
    wang = PdfReader(next(out.glob("王芳_*[0-9].pdf")))
    first = next(docs for cat, docs in _outline(wang) if cat.startswith("第一类"))
    assert first[0][0] == "推荐报告（已盖章）"  # the signed copy the clerk filed, not the draft
    assert "SIGNED RECOMMENDATION" in wang.pages[first[0][1]].extract_text()
    assert first[1][0].endswith("（草稿，待换签章件）")  # the 一览表 is still titlecli's draft


def test_every_font_of_the_drafts_is_embedded(bound):
    import subprocess

    _, _, out, _ = bound
    (path,) = out.glob("张伟_*[0-9].pdf")
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert lines and all(line.split()[-5] == "yes" for line in lines), lines  # the emb column


def test_a_unit_s_dossiers_bind_its_table_and_a_new_colleague_rebuilds_them_only(tmp_path):
    from pypdf import PdfReader

    rows = [dict(r) for r in S.ROWS]
    zhao = next(r for r in rows if r.get("姓名") == "赵磊")
    zhao["单位"] = next(r for r in rows if r.get("姓名") == "王芳")["单位"]  # 赵磊 joins 王芳's unit
    without = [r for r in rows if r is not zhao]
    out = tmp_path / "out"
    opts = Options(outdir=out, jobs=1, as_of=date.fromisoformat(AS_OF))
    run(write_csv(tmp_path / "r.csv", without, "utf-8"), opts)
    res = run(write_csv(tmp_path / "r.csv", rows, "utf-8"), opts)
    assert [(r.name, r.status) for r in res.rows] == [("张伟", "unchanged"), ("王芳", "built"), ("赵磊", "built")]
    wang = PdfReader(next(out.glob("王芳_*[0-9].pdf")))
    first = next(docs for cat, docs in _outline(wang) if cat.startswith("第一类"))
    table_page = wang.pages[first[1][1]].extract_text()
    assert "王芳" in table_page and "赵磊" in table_page and "张伟" not in table_page


def test_a_sharded_run_merges_into_the_same_publicity_table_as_one_run(tmp_path):
    from titlecli.batch import merge, write_outputs

    roster = _roster(tmp_path)
    as_of = date.fromisoformat(AS_OF)
    one = tmp_path / "one"
    run(roster, Options(outdir=one, jobs=1, as_of=as_of))
    shards = [tmp_path / f"s{k}" for k in (1, 2, 3)]
    for k, folder in enumerate(shards, start=1):
        res = run(roster, Options(outdir=folder, jobs=1, as_of=as_of, shard=(k, 3)))
        assert not (folder / "公示情况一览表.xlsx").exists() and len(res.rows) == (1, 2, 0)[k - 1]
    merged = tmp_path / "merged"
    merged.mkdir()
    write_outputs(merge(shards, merged))
    for name in ("公示情况一览表.xlsx", "公示情况一览表.pdf"):
        assert (merged / name).read_bytes() == (one / name).read_bytes(), name
    # and each shard's dossiers bind the same 一览表 as one run's: the same dossier bytes
    for folder in shards:
        for dossier in folder.glob("*_*[0-9].pdf"):
            assert dossier.read_bytes() == (one / dossier.name).read_bytes(), dossier.name
