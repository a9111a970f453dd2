"""The dossier as the office expects it (issue 15), read back from the rendered PDF.

长工信〔2022〕139号 (003_abb6e7983df217bd.txt):
  五.1 "《专业技术职务任职资格评审综合考评表》一式 25 份 …（A4 纸打印，加盖本单位公章）"
  五.2 "《山西省专业技术职务任职资格评审表》一式 3 份，单独进行胶装，不得装订入册"
  五.4 "第九类：有关奖励证件复印件" and "档案袋上注明申报者姓名、单位、联系电话、资料名称、份数"
  五.5 "红底小2寸照片1张，背面写姓名、单位"
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_dossier import BASE, jpeg, outline, standard_docs, texts, write_profile

ROOT = Path(__file__).resolve().parent.parent
CLOSING = set("、。，）》」：；！？")
OPENING = set("（《「〔")


def build(tmp_path: Path, documents, out: str = "out.pdf", region: str = "shanxi-changzhi-2022", **extra):
    from titlecli import regions
    from titlecli.dossier import build as build_dossier
    from titlecli.profile import load_profile

    p = write_profile(tmp_path, documents, **extra)
    return build_dossier(load_profile(p), regions.load(region), date(2022, 8, 1), tmp_path / out, base_dir=tmp_path)


def set_lines(path: Path) -> list[list[tuple[float, float, str]]]:
    """Per page, every string the layout set (one text object each), with where it starts."""
    out = []
    for page in PdfReader(path).pages:
        lines: list[tuple[float, float, str]] = []
        cur: list[str] = []
        at: list[tuple[float, float]] = []

        def before(op, args, cm, tm, cur=cur, at=at, lines=lines):
            if op == b"BT":
                cur.clear()
                at.clear()
            elif op == b"ET" and cur:
                x, y = at[0] if at else (0.0, 0.0)
                lines.append((x, y, "".join(cur).strip()))

        def text(s, cm, tm, fd, fs, cur=cur, at=at):
            if s and not at:
                at.append((cm[4] + tm[4], cm[5] + tm[5]))
            cur.append(s)

        page.extract_text(visitor_operand_before=before, visitor_text=text)
        out.append(lines)
    return out


def _profile(tmp_path: Path, **extra) -> Path:
    s = tmp_path / "scans"
    s.mkdir(exist_ok=True)
    jpeg(s / "photo.jpg", (390, 567), (200, 30, 40))
    docs = standard_docs(tmp_path) + [{"kind": "photo", "file": "scans/photo.jpg"}]
    return write_profile(tmp_path, docs, awards=[{"name": "市科技进步奖", "level": "municipal", "grade": 2, "year": 2021}], **extra)


def _build(tmp_path: Path, cli, lang: str = "zh", profile: Path | None = None) -> Path:
    out = tmp_path / f"{lang}.pdf"
    code, _, err = cli("dossier", profile or _profile(tmp_path), "--as-of", "2022-08-01", "--lang", lang, "-o", out)
    assert code == 0, err
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(tmp_path, cli, lang):
    # GB/T 15834-2011 5.1.x; the cover used to wrap 依据文件 with 、 at a line start and split
    # （长工信〔 / 2022〕139号）, the checklist 一式25 / 份.
    pages = set_lines(_build(tmp_path, cli, lang))
    lines = [s for page in pages for _, _, s in page if s]
    assert len(lines) > 200
    for s in lines:
        assert s[0] not in CLOSING, s
        assert s[-1] not in OPENING, s
        assert not re.match(r"^\d+\s*份|^份(?!数)", s) and not re.search(r"一式\s*\d*$", s), s
    cover = [s for _, _, s in pages[0]]
    assert any("长工信〔2022〕139号" in s for s in cover), cover
    if lang == "zh":
        assert any("一式25份" in s for page in pages[1:4] for _, _, s in page)


def test_english_words_are_never_broken(tmp_path, cli):
    # "Recommendati / on" in the checklist's category column; every word set must be a word
    # titlecli was given (rules, template, code, profile), not a piece of one.
    pages = set_lines(_build(tmp_path, cli, "en"))
    sources = [*ROOT.glob("titlecli/**/*.py"), *ROOT.glob("regions/*.yaml"), *ROOT.glob("templates/*.yaml"), tmp_path / "applicant.yaml"]
    vocabulary = {w.lower() for f in sources for w in re.findall(r"[A-Za-z]+", f.read_text(encoding="utf-8"))}
    words = {w for page in pages for _, _, s in page for w in re.findall(r"[A-Za-z]+", s)}
    assert "Recommendation" in words
    assert not {w for w in words if w.lower() not in vocabulary}


def test_the_changzhi_forms_are_handed_in_separately_not_bound(tmp_path, cli):
    # 五.1-2: both forms are listed in the checklist's own section, with copies and what the
    # applicant fills in, and never get a page, a contents line or a bookmark in the volume.
    out = _build(tmp_path, cli)
    forms = ("《专业技术职务任职资格评审综合考评表》", "《山西省专业技术职务任职资格评审表》")
    pages = texts(out)
    checklist = [i for i, p in enumerate(pages) if "张伟 · 材料清单" in p]
    text = "".join(pages[i] for i in checklist).replace("\n", "")
    head = text.index("另行报送，不装订入册")
    for form in forms:
        assert text.index(form) > head, form
        assert f"缺少：{form}" not in text
        for i, p in enumerate(pages):
            if i != 0 and i not in checklist:  # the cover (the envelope) lists them with their counts
                assert form not in p.replace("\n", ""), (form, i + 1)
        assert not any(form in title for _, title, _ in outline(out))
    separate = text[head:]
    assert "一式25份" in separate and "一式3份" in separate and "单独胶装，不得装订入册" in separate
    assert "年度考核：" in separate and "奖励：市科技进步奖（2021，市级，二等）" in separate  # what to fill in
    res = build(tmp_path, _docs(tmp_path), out="api.pdf")
    assert not any(f in res.missing for f in forms)
    rows = {r.name: r for r in res.rows}
    assert not rows[forms[0]].bound and rows[forms[0]].copies == 25 and rows[forms[0]].to_json()["bound"] is False


def _docs(tmp_path: Path) -> list[dict]:
    return standard_docs(tmp_path)


def test_a_declared_award_without_a_scan_is_a_missing_row_with_a_placeholder(tmp_path):
    # The profile declares 市科技进步奖: the checklist said 有关奖励证件复印件（如有）… 未附 and 第九类
    # was （本类无材料）.
    docs = [d for d in standard_docs(tmp_path) if d["kind"] != "award"]
    res = build(tmp_path, docs, awards=[{"name": "市科技进步奖", "level": "municipal", "grade": 2, "year": 2021}])
    assert "奖励证书：市科技进步奖（2021）" in res.missing
    row = next(r for r in res.rows if r.kind == "award")
    assert row.required and not row.present and "有关奖励证件复印件" in row.note
    checklist = "".join(p for p in texts(res.path) if "张伟 · 材料清单" in p)
    assert re.search(r"奖励证书：市科技进步奖（2021）\s*奖励\s*一式1份\s*否\s*✘ 缺", checklist), checklist
    marks = outline(res.path)
    assert any(t.startswith("第九类") for d, t, _ in marks if d == 0)
    page = next(p for d, t, p in marks if d == 1 and t.startswith("奖励证书：市科技进步奖"))
    assert "缺少材料" in texts(res.path)[page - 1]


def test_a_scan_named_like_a_declared_item_proves_it_and_others_go_in_order(tmp_path):
    s = tmp_path / "scans"
    s.mkdir()
    jpeg(s / "a.jpg")
    jpeg(s / "b.jpg")
    papers = [
        {"title": "某型减速器齿轮的疲劳寿命分析", "published": "2020-06-01", "role": "first", "words": 3200},
        {"title": "数控机床主轴热变形补偿方法研究", "published": "2021-03-01", "role": "sole", "words": 4100},
    ]
    docs = [{"kind": "paper", "file": "scans/a.jpg"}, {"kind": "paper", "file": "scans/b.jpg", "name": "《某型减速器齿轮的疲劳寿命分析》"}]
    res = build(tmp_path, docs, papers=papers)
    rows = {r.id: r for r in res.rows if r.kind == "paper"}
    assert [e.file for e in rows["papers[0]"].entries] == ["scans/b.jpg"]
    assert [e.file for e in rows["papers[1]"].entries] == ["scans/a.jpg"]
    assert not [m for m in res.missing if m.startswith("论文：")]
    titles = [t for d, t, _ in outline(res.path) if d == 1]
    assert "《数控机床主轴热变形补偿方法研究》" in titles


def test_the_photo_page_carries_its_label_and_the_photo_at_its_printed_size(tmp_path, cli):
    # 五.5 红底小2寸照片 (35×45 mm), 背面写姓名、单位: the photo sat 8 mm from the top, unlabelled
    out = _build(tmp_path, cli)
    page_no = next(p for d, t, p in outline(out) if d == 1 and t == "红底小2寸照片1张")
    lines = [s for _, _, s in set_lines(out)[page_no - 1]]
    assert "照片 · 背面写姓名、单位" in lines and "红色小2寸 · 35×45 mm" in lines
    data = PdfReader(out).pages[page_no - 1].get_contents().get_data().decode("latin-1")
    a, b, c, d, e, f = (
        float(v) for v in re.search(r"q ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) cm /TcAttachment", data).groups()
    )
    mm = 72 / 25.4
    assert abs(d / mm - 45) < 0.5 and abs(a / mm - 45 * 390 / 567) < 0.5  # the photo's shape inside 35×45 mm
    assert 841.89 - (f + d) > 30 * mm  # below the label, not against the top edge


def test_the_cover_lists_counts_only_in_balanced_columns(tmp_path, cli):
    for lang, status in (("zh", ("缺", "已附")), ("en", ("missing", "present"))):
        out = _build(tmp_path, cli, lang)
        cover = set_lines(out)[0]
        title = next(y for _, y, s in cover if s in ("资料名称及份数", "Materials and copies"))
        items = [(x, s) for x, y, s in cover if y < title - 1 and y > 60]
        assert items and not any(w in s for _, s in items for w in status), items
        left = [s for x, s in items if x < 297]
        right = [s for x, s in items if x >= 297]
        assert right and abs(len(left) - len(right)) <= 3, (left, right)


def test_missing_is_marked_by_a_symbol_and_a_word_not_only_red(tmp_path, cli):
    pages = set_lines(_build(tmp_path, cli))
    checklist = [s for page in pages[1:4] for _, _, s in page]
    assert "✘ 缺" in checklist and "✔ 已附" in checklist


def test_an_empty_category_is_a_line_in_the_contents_without_a_separator(tmp_path):
    res = build(tmp_path, [d for d in standard_docs(tmp_path) if d["kind"] != "award"])
    contents = next(p for p in texts(res.path) if "目 录" in p)
    assert re.search(r"第九类\s*奖励\s*（本类无材料）", contents)
    assert not any(t.startswith("第九类") for d, t, _ in outline(res.path) if d == 0)
    assert not any("第九类" in p.split("\n")[0] for p in texts(res.path)[3:])


def test_a_shanghai_dossier_follows_the_upload_columns_of_its_online_system(tmp_path):
    # 002_fa2fe71a5f797bd3.txt 上海 ⑵: 照片上传, 学习经历（含高中毕业证书）, 论文专著 — and no
    # 推荐报告、公示情况一览表, which that system does not have.
    s = tmp_path / "scans"
    s.mkdir()
    jpeg(s / "photo.jpg", (390, 567))
    jpeg(s / "diploma.jpg")
    extra = {
        "application": {"region": "shanghai", "series": "engineering", "specialty": "集成电路设计", "level": "assistant"},
        "education": [
            {"level": "high_school", "school": "上海市建平中学", "graduated": "2010-06-30", "related": False},
            *BASE["education"],
        ],
    }
    docs = [{"kind": "photo", "file": "scans/photo.jpg"}, {"kind": "diploma", "file": "scans/diploma.jpg"}]
    p = write_profile(tmp_path, docs, **{k: v for k, v in extra.items()})
    from titlecli import regions
    from titlecli.dossier import build as build_dossier
    from titlecli.profile import load_profile

    res = build_dossier(load_profile(p), regions.load("shanghai"), date(2022, 8, 1), tmp_path / "sh.pdf", base_dir=tmp_path)
    tops = [t for d, t, _ in outline(res.path) if d == 0][3:]
    assert tops[:2] == ["第一类 照片上传", "第二类 学习经历（含高中毕业证书）"], tops
    contents = next(p for p in texts(res.path) if "目 录" in p)
    assert "推荐报告" not in contents and "公示情况一览表" not in contents
    assert contents.count("本类无材料") <= 1  # 论文专著, the system's own column, may be empty


def test_the_separate_section_reads_in_english_too(tmp_path, cli):
    out = _build(tmp_path, cli, "en")
    text = " ".join(p.replace("\n", " ") for p in texts(out)[1:4])
    assert "Handed in separately, not bound into the volume" in text
    assert "Composite evaluation form" in text and "Annual assessments:" in text


def test_regions_show_marks_the_forms_handed_in_separately(cli):
    code, out, _ = cli("regions", "show", "shanxi-changzhi-2022")
    assert code == 0
    line = next(s for s in out.splitlines() if "《山西省专业技术职务任职资格评审表》" in s)
    assert "另行报送，不装订入册" in line


def test_the_example_work_summary_is_whole_paragraphs_not_a_staircase():
    # it repeated one sentence cut ever shorter and longer, line after line
    from conftest import EXAMPLES

    lines = [s for p in PdfReader(EXAMPLES / "changzhi-dossier" / "scans" / "work-summary.pdf").pages for s in p.extract_text().split("\n")]
    body = [s.strip() for s in lines if len(s.strip()) > 10]
    assert len(body) > 15
    assert not any(b.startswith(a) or a.startswith(b) for a, b in zip(body, body[1:], strict=False)), body
    text = "".join(lines)
    assert "项目获 2021 年度市科技进步奖二等奖。" in text.replace("\n", "")


def test_a_long_checklist_and_contents_keep_each_pages_own_margins(tmp_path):
    # 五.4 "双面打印": the binding edge swaps sides from page to page.  The checklist and the
    # contents run over several pages here (60 documents), all of them drawn in one pass: each
    # page's table, entries and page numbers sit inside that page's margins.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from titlecli.dossier import template
    from titlecli.dossier.layout import MM, register_font

    s = tmp_path / "scans"
    s.mkdir()
    jpeg(s / "scan.jpg")
    res = build(tmp_path, [{"kind": "other", "file": "scans/scan.jpg", "name": f"其他材料第{i}份"} for i in range(60)])
    assert res.duplex
    font, _ = register_font(None)
    m = template.load(None)["page"]["margin"]
    marks = {title: page for depth, title, page in outline(res.path) if depth == 0}
    first_category = min(p for t, p in marks.items() if t.startswith("第"))
    checklist, contents = range(marks["材料清单"], marks["目录"]), range(marks["目录"], first_category)
    lines = set_lines(res.path)
    assert len(checklist) >= 3 and len(contents) >= 2
    for n in [*checklist, *contents]:
        left, right = (m["left"], m["right"]) if n % 2 else (m["right"], m["left"])
        body = [(x, y, t) for x, y, t in lines[n - 1] if y > 30]  # not the footer
        if any("此页无正文" in t for _, _, t in body):
            continue  # the pad before the first category
        assert body, n
        assert min(x for x, _, _ in body) >= left * MM - 0.01, n
        if n in contents:
            numbers = [(x, t) for x, _, t in body if re.fullmatch(r"\d+(-\d+)?", t)]
            assert numbers, n
            for x, t in numbers:  # set flush right (categories at 11 pt, entries at 10.5), on the margin
                assert min(abs(x + stringWidth(t, font, size) - (A4_W - right * MM)) for size in (10.5, 11)) < 0.05, (n, t, x)


A4_W = 595.2755905511812
