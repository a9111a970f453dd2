"""`titlecli dossier`: the dossier PDF is read back as a clerk would see it (issue 4).

003_abb6e7983df217bd.txt 五.4: "卷宗打印、有关材料复印一律使用 A4 纸 210×297mm，双面打印、复印 …
并标明目录和页数按如下分类顺序左侧胶装：第一类 … 第十类：其它。" and "档案袋上注明申报者姓名、
单位、联系电话、资料名称、份数".  Scans are generated in tmp_path.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

A4 = (595.28, 841.89)
AS_OF = "2022-08-01"
BASE = {
    "name": "张伟",
    "id_number": "140402199205153219",
    "phone": "13812345678",
    "employer": {"name": "长治市某机械制造有限公司", "type": "enterprise"},
    "application": {"region": "shanxi-changzhi-2022", "series": "engineering", "specialty": "机械设计", "level": "intermediate"},
    "education": [
        {
            "level": "bachelor",
            "school": "太原理工大学",
            "graduated": "2014-07-01",
            "degree": "bachelor",
            "chsi_record": {"code": "A1", "valid_until": "2022-09-30"},
        }
    ],
    "work": [{"employer": "长治市某机械制造有限公司", "start": "2014-07-15"}],
    "titles": [{"level": "assistant", "series": "engineering", "name": "助理工程师", "obtained": "2016-09-01", "route": "initial"}],
}


@pytest.fixture(autouse=True)
def _chinese():
    # the language is process-wide; a CLI test elsewhere may have left it at English
    from titlecli.i18n import set_lang

    set_lang("zh")
    yield
    set_lang("zh")


# -- generated scans -----------------------------------------------------------------------
def jpeg(path: Path, size=(620, 877), color=(240, 240, 230), orientation: int | None = None, halves=None) -> Path:
    from PIL import Image

    im = Image.new("RGB", size, color)
    if halves:  # top half, bottom half (as stored)
        im.paste(Image.new("RGB", (size[0], size[1] // 2), halves[0]), (0, 0))
        im.paste(Image.new("RGB", (size[0], size[1] - size[1] // 2), halves[1]), (0, size[1] // 2))
    kw = {}
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation
        kw["exif"] = exif.tobytes()
    im.save(path, "JPEG", quality=60, **kw)
    return path


def png(path: Path, size=(400, 300)) -> Path:
    from PIL import Image

    Image.new("RGB", size, (200, 220, 255)).save(path, "PNG")
    return path


def pdf(path: Path, pages=2, size=(595.28, 841.89), text="附件正文", rotate=0) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from titlecli.dossier.layout import BUNDLED_FONT

    if "wqy" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("wqy", str(BUNDLED_FONT), subfontIndex=0))
    c = Canvas(str(path), pagesize=size, invariant=1, initialFontName="wqy")
    for i in range(pages):
        c.setFont("wqy", 14)
        c.drawString(72, size[1] - 100, f"{text} {i + 1}")
        c.showPage()
    c.save()
    if rotate:
        w = PdfWriter(clone_from=PdfReader(path))
        for p in w.pages:
            p.rotate(rotate)
        w.write(path)
    return path


def write_profile(tmp_path: Path, documents, **extra) -> Path:
    data = dict(BASE, documents=documents, **extra)
    p = tmp_path / "applicant.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return p


def standard_docs(tmp_path: Path) -> list[dict]:
    s = tmp_path / "scans"
    s.mkdir(exist_ok=True)
    jpeg(s / "diploma.jpg")
    png(s / "degree.png")
    jpeg(s / "id.jpg", (600, 380))
    pdf(s / "summary.pdf", 2, text="工作总结正文")
    pdf(s / "award-letter.pdf", 1, size=(612, 792), text="奖励证书", rotate=90)  # US Letter, turned
    return [
        {"kind": "work_summary", "file": "scans/summary.pdf"},
        {"kind": "diploma", "file": "scans/diploma.jpg"},
        {"kind": "degree_certificate", "file": "scans/degree.png"},
        {"kind": "id_card", "file": "scans/id.jpg"},
        {"kind": "award", "file": "scans/award-letter.pdf"},
    ]


def build(tmp_path: Path, documents=None, out="out.pdf", **kw):
    from titlecli import regions
    from titlecli.dossier import build as build_dossier
    from titlecli.profile import load_profile

    p = write_profile(tmp_path, standard_docs(tmp_path) if documents is None else documents)
    region = regions.load(kw.pop("region", "shanxi-changzhi-2022"))
    return build_dossier(load_profile(p), region, date(2022, 8, 1), tmp_path / out, base_dir=tmp_path, **kw)


def texts(path: Path) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(path).pages]


def outline(path: Path) -> list[tuple[int, str, int]]:
    r = PdfReader(path)
    out = []

    def walk(items, depth):
        for it in items:
            if isinstance(it, list):
                walk(it, depth + 1)
            else:
                out.append((depth, it.title, r.get_destination_page_number(it) + 1))

    walk(r.outline, 0)
    return out


# -- what a clerk checks --------------------------------------------------------------------
def test_every_page_is_a4_numbered_and_footed_with_the_applicant(tmp_path):
    res = build(tmp_path)
    pages = texts(res.path)
    assert len(pages) == res.pages == len(PdfReader(res.path).pages)
    for n, page in enumerate(PdfReader(res.path).pages, start=1):
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == A4
        assert int(page.get("/Rotate", 0) or 0) == 0
        assert f"第 {n} 页 共 {res.pages} 页" in pages[n - 1]
        assert "张伟 ·" in pages[n - 1]


def test_cover_says_what_the_envelope_must_say(tmp_path):
    # 五.4: 档案袋上注明申报者姓名、单位、联系电话、资料名称、份数
    cover = texts(build(tmp_path).path)[0].replace("\n", "")
    for s in (
        "张伟",
        "长治市某机械制造有限公司",
        "13812345678",
        "机械设计",
        "工程师",
        "长工信〔2022〕139号",
        "2022-08-01",
        "业务工作总结",
        "毕业证复印件",
        "25份",
    ):
        assert s in cover, s


def test_checklist_lists_missing_materials_first_and_where_each_present_one_is(tmp_path):
    res = build(tmp_path)
    pages = texts(res.path)
    checklist = "".join(p for p in pages if "张伟 · 材料清单" in p)
    assert checklist.index("缺少：单位《推荐报告》") < checklist.index("材料名称")
    for always in ("身份证复印件", "毕业证复印件", "学位证复印件", "学历证明", "红底小2寸照片", "社会保险缴纳证明"):
        assert always in checklist, always
    assert "有效期至 2022-09-30" in checklist
    assert "单位《推荐报告》" in res.missing and "身份证复印件" not in res.missing
    rows = {r.kind: r for r in res.rows}
    # the page column points at the pages the document occupies
    diploma = rows["diploma"]
    assert diploma.present and "毕业证书" not in diploma.pages
    assert "张伟 · 学历" in pages[int(diploma.pages) - 1]


def test_contents_and_bookmarks_follow_the_ten_categories(tmp_path):
    res = build(tmp_path)
    marks = outline(res.path)
    tops = [title for depth, title, _ in marks if depth == 0]
    assert tops[:3] == ["专业技术职务任职资格评审材料", "材料清单", "目录"]
    cats = tops[3:]
    assert cats[0].startswith("第一类") and cats[-1].startswith("第十类 其它")
    numbers = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    order = [numbers.index(re.match(r"第(.+?)类", c).group(1)) for c in cats]
    assert order == sorted(order)
    pages = [p for _, _, p in marks]
    assert pages == sorted(pages)
    contents = next(p for p in texts(res.path) if "目 录" in p)
    sep = next(p for d, t, p in marks if t.startswith("第二类"))
    assert f"{sep}-" in contents
    # the two-page work summary occupies two pages, both under its bookmark
    ws = next(p for d, t, p in marks if t == "业务工作总结")
    assert "工作总结正文 1" in texts(res.path)[ws - 1] and "工作总结正文 2" in texts(res.path)[ws]


def test_a_missing_required_document_gets_a_marked_placeholder_page(tmp_path):
    res = build(tmp_path)
    marks = outline(res.path)
    page = next(p for d, t, p in marks if t.startswith("单位《推荐报告》"))
    text = texts(res.path)[page - 1]
    assert "缺少材料" in text and "单位《推荐报告》" in text


def test_changzhi_duplex_starts_every_category_on_a_right_hand_page(tmp_path):
    # 五.4 "双面打印、复印": each category starts on an odd page; pads say 此页无正文
    res = build(tmp_path)
    assert res.duplex
    pages = texts(res.path)
    for depth, title, page in outline(res.path):
        if depth == 0:
            assert page % 2 == 1, (title, page)
    blanks = [i for i, p in enumerate(pages, 1) if "此页无正文" in p]
    assert blanks and all(i % 2 == 0 for i in blanks)  # a pad is always a left-hand page
    assert all(f"第 {i} 页 共 {res.pages} 页" in pages[i - 1] for i in blanks)  # and is counted
    # the page number sits at the outer edge of each side of the sheet
    reader = PdfReader(res.path)
    for n in (1, 2):
        xs: list[float] = []

        def visit(txt, cm, tm, fd, fs, xs=xs):
            if txt.startswith("第") and tm[5] < 30:
                xs.append(tm[4])

        reader.pages[n - 1].extract_text(visitor_text=visit)
        assert xs and (xs[0] > A4[0] / 2 if n % 2 else xs[0] < A4[0] / 2), (n, xs)


def test_a_region_without_duplex_has_no_padding_unless_asked(tmp_path):
    reg = tmp_path / "simplex.yaml"
    reg.write_text(
        "id: simplex\nextends: shanxi-changzhi-2022\nname: 单面\ndocuments: {d: {title: 测试, kind: notice}}\nnotice: {document: d}\ndossier: {duplex: false}\n",
        encoding="utf-8",
    )
    res = build(tmp_path, region=str(reg))
    assert not res.duplex and not any("此页无正文" in p for p in texts(res.path))
    again = build(tmp_path, region=str(reg), duplex=True, out="duplex.pdf")
    assert again.duplex and again.pages > res.pages


def test_region_categories_replace_the_default_order(tmp_path):
    reg = tmp_path / "cats.yaml"
    reg.write_text(
        "id: cats\nextends: shanxi-changzhi-2022\nname: 自定义\ndocuments: {d: {title: 测试, kind: notice}}\nnotice: {document: d}\n"
        "dossier: {duplex: false, categories: [{name: 身份与学历, kinds: [id_card, diploma, degree_certificate]}, {name: 其余, kinds: [other]}]}\n",
        encoding="utf-8",
    )
    res = build(tmp_path, region=str(reg))
    tops = [t for d, t, _ in outline(res.path) if d == 0][3:]
    assert tops[0] == "第一类 身份与学历" and tops[1] == "第二类 其余"


def test_a_rotated_phone_scan_is_shown_upright_with_its_jpeg_bytes_unchanged(tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm not installed")
    s = tmp_path / "scans"
    s.mkdir()
    # stored landscape: top half red, bottom half blue; EXIF 6 = turn 90° clockwise to view,
    # so the red half must appear on the right.
    src = jpeg(s / "cert.jpg", (877, 620), orientation=6, halves=((220, 0, 0), (0, 0, 220)))
    res = build(tmp_path, [{"kind": "title_certificate", "file": "scans/cert.jpg"}])
    page_no = next(p for d, t, p in outline(res.path) if t == "助理工程师（2016-09-01）")  # the declared title it proves
    page = PdfReader(res.path).pages[page_no - 1]
    images = [x.get_object() for x in page["/Resources"]["/XObject"].values() if x.get_object().get("/Subtype") == "/Image"]
    assert [im._data for im in images] == [src.read_bytes()]
    out = tmp_path / "render"
    subprocess.run(["pdftoppm", "-r", "20", "-png", "-f", str(page_no), "-l", str(page_no), str(res.path), str(out)], check=True)
    from PIL import Image

    im = Image.open(next(tmp_path.glob("render*.png"))).convert("RGB")
    w, h = im.size
    left, right = im.getpixel((int(w * 0.3), h // 2)), im.getpixel((int(w * 0.7), h // 2))
    assert right[0] > 150 and right[2] < 80, right
    assert left[2] > 150 and left[0] < 80, left
    assert h > w


def test_same_inputs_give_the_same_bytes(tmp_path):
    a = build(tmp_path, out="a.pdf")
    b = build(tmp_path, out="b.pdf")
    assert a.path.read_bytes() == b.path.read_bytes()
    meta = PdfReader(a.path).metadata
    assert meta["/CreationDate"] == "D:20220801000000Z"
    assert meta.author == "张伟" and "工程师" in meta.title


def test_the_bytes_do_not_depend_on_the_folder_the_command_ran_from(cli, tmp_path, monkeypatch):
    # reportlab named each scan after its path as given: a profile named from another folder, or
    # by its absolute path, gave a dossier of other bytes for the same scans
    build(tmp_path)  # writes the profile and its scans
    profile = next(tmp_path.glob("*.yaml"))
    outs = []
    for cwd, name in ((tmp_path, profile.name), (tmp_path.parent, f"{tmp_path.name}/{profile.name}"), (Path("/"), str(profile))):
        monkeypatch.chdir(cwd)
        outs.append(tmp_path / f"from-{len(outs)}.pdf")
        code, _, err = cli("dossier", name, "-o", outs[-1], "--as-of", "2022-08-01")
        assert code in (0, 1), err
    assert outs[0].read_bytes() == outs[1].read_bytes() == outs[2].read_bytes()


def test_javascript_actions_and_embedded_files_of_an_attachment_are_dropped(tmp_path):
    s = tmp_path / "scans"
    s.mkdir()
    evil = pdf(s / "evil.pdf", 1, text="论文正文")
    w = PdfWriter(clone_from=PdfReader(evil))
    w.add_attachment("payload.txt", b"secret")
    js = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")})
    w._root_object[NameObject("/OpenAction")] = js
    w.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): js})
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(100), FloatObject(100)]),
            NameObject("/A"): js,
        }
    )
    w.pages[0][NameObject("/Annots")] = ArrayObject([w._add_object(link)])
    w.write(evil)
    raw = evil.read_bytes()
    assert b"/JavaScript" in raw and b"/EmbeddedFile" in raw
    res = build(tmp_path, [{"kind": "paper", "file": "scans/evil.pdf"}])
    out = res.path.read_bytes()
    for bad in (rb"/JavaScript", rb"/JS\b", rb"/OpenAction", rb"/EmbeddedFile", rb"/AA[\s<]", rb"/Annots", rb"payload"):
        assert not re.search(bad, out), bad
    assert any("论文正文 1" in p for p in texts(res.path))


@pytest.mark.parametrize("case", ["missing", "empty", "corrupt", "encrypted", "not-a-jpeg", "bomb", "no-pages"])
def test_broken_inputs_are_refused_with_the_file_named_and_nothing_written(tmp_path, cli, case):
    s = tmp_path / "scans"
    s.mkdir()
    name = {"not-a-jpeg": "bad.jpg", "bomb": "bomb.png"}.get(case, "bad.pdf")
    f = s / name
    if case == "empty":
        f.write_bytes(b"")
    elif case == "corrupt":
        f.write_bytes(pdf(tmp_path / "ok.pdf", 3).read_bytes()[:900])
    elif case == "encrypted":
        w = PdfWriter(clone_from=PdfReader(pdf(tmp_path / "ok.pdf", 1)))
        w.encrypt("secret", algorithm="RC4-128")
        w.write(f)
    elif case == "not-a-jpeg":
        png(f)
    elif case == "bomb":
        from PIL import Image

        Image.new("1", (12000, 9000)).save(f)  # 108 megapixels, a few KB on disk
    elif case == "no-pages":
        w = PdfWriter()
        w.write(f)
    p = write_profile(tmp_path, [{"kind": "id_card", "file": "scans/ok-id.jpg"}, {"kind": "diploma", "file": f"scans/{name}"}])
    jpeg(s / "ok-id.jpg")
    before = {q: q.read_bytes() for q in s.iterdir()}
    code, out, err = cli("dossier", p, "--as-of", AS_OF)
    assert code == 2, out + err
    assert name in err and "documents[1].file" in err and "Traceback" not in err
    assert not list(tmp_path.glob("*.pdf")) or case in ("corrupt", "encrypted")  # only the helper input
    assert not (tmp_path / "applicant-dossier.pdf").exists() and not list(tmp_path.glob(".applicant-dossier*"))
    assert {q: q.read_bytes() for q in s.iterdir()} == before
    # --skip-broken builds anyway and says what is wrong on a placeholder page
    code, out, err = cli("dossier", p, "--as-of", AS_OF, "--skip-broken")
    assert code == 0, out + err
    pages = texts(tmp_path / "applicant-dossier.pdf")
    assert any("无法装入的文件" in t and name in t for t in pages)


def test_fonts_are_all_embedded(tmp_path):
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts not installed")
    res = build(tmp_path)
    out = subprocess.run(["pdffonts", str(res.path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows and "Helvetica" not in out
    for row in rows:
        cols = row.split()
        assert cols[-5] == "yes", row  # emb


def test_a_character_missing_from_the_font_is_warned_about(tmp_path):
    from titlecli.dossier.layout import register_font

    _, ttf = register_font(None)
    rare = next(chr(c) for c in range(0x3400, 0x4DB5) if c not in ttf.face.charToGlyph)
    p = write_profile(tmp_path, [])
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    data["name"] = "张" + rare
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    from titlecli import regions
    from titlecli.dossier import build as build_dossier
    from titlecli.profile import load_profile

    res = build_dossier(load_profile(p), regions.load("shanxi-changzhi-2022"), date(2022, 8, 1), tmp_path / "o.pdf", base_dir=tmp_path)
    assert any(rare in w for w in res.warnings)


# -- the command ----------------------------------------------------------------------------
def test_checklist_only_prints_and_writes_nothing(tmp_path, cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "240")
    p = write_profile(tmp_path, standard_docs(tmp_path))
    before = sorted(x.name for x in tmp_path.rglob("*"))
    code, out, err = cli("dossier", p, "--as-of", AS_OF, "--checklist-only")
    assert code == 0, err
    assert "材料清单" in out and "身份证复印件" in out and "缺" in out and "单位《推荐报告》" in out
    assert sorted(x.name for x in tmp_path.rglob("*")) == before


def test_the_default_output_sits_next_to_the_profile_in_english_too(tmp_path, cli):
    p = write_profile(tmp_path, standard_docs(tmp_path))
    code, out, err = cli("dossier", p, "--as-of", AS_OF, "--lang", "en")
    assert code == 0, err
    target = tmp_path / "applicant-dossier.pdf"
    assert target.exists() and "dossier written to" in out
    marks = [t for d, t, _ in outline(target) if d == 0]
    assert marks[:3] == ["Professional title application dossier", "Checklist of materials", "Contents"]
    assert "Page 1 of" in texts(target)[0]


def test_upload_folder_is_written_beside_the_dossier(tmp_path, cli):
    region = Path(__file__).parent / "data" / "regions" / "online-test.yaml"
    p = write_profile(tmp_path, standard_docs(tmp_path))
    code, out, err = cli("dossier", p, "--as-of", AS_OF, "--region", region, "--upload", tmp_path / "upload")
    assert code == 0, err
    assert (tmp_path / "applicant-dossier.pdf").exists()
    assert (tmp_path / "upload" / "manifest.json").exists() and "身份证" in out


def test_the_example_sample_builds(tmp_path, cli):
    prof = EXAMPLES / "changzhi-dossier" / "zhang-wei.yaml"
    files = [f for f in prof.parent.rglob("*") if f.is_file() and "__pycache__" not in f.parts]
    assert sum(f.stat().st_size for f in files) < 1_500_000
    before = {f: f.read_bytes() for f in files}
    code, _, err = cli("dossier", prof, "--as-of", AS_OF, "-o", tmp_path / "z.pdf")
    assert code == 0, err
    assert {f: f.read_bytes() for f in files} == before  # the inputs are never modified
    pages = texts(tmp_path / "z.pdf")
    assert any("2021 年度继续教育证书" in p for p in pages)


def test_checklist_api_covers_what_the_contract_always_lists(tmp_path):
    from titlecli import regions
    from titlecli.dossier import checklist
    from titlecli.profile import load_profile

    p = write_profile(tmp_path, [{"kind": "id_card", "file": "scans/none.jpg"}])
    rows = checklist(load_profile(p), regions.load("shanxi-changzhi-2022"), date(2022, 8, 1), base_dir=tmp_path)
    kinds = {r.kind for r in rows}
    assert {"id_card", "diploma", "degree_certificate", "chsi_record", "photo", "social_security"} <= kinds
    idc = next(r for r in rows if r.kind == "id_card")
    assert not idc.present and idc.original


def test_filled_in_form_fields_stay_visible_without_the_form(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    s = tmp_path / "scans"
    s.mkdir()
    f = s / "review-form.pdf"
    c = Canvas(str(f), pagesize=(595.28, 841.89))
    c.setFont("Helvetica", 12)
    c.drawString(72, 760, "Review form")
    c.acroForm.textfield(name="applicant", value="FILLED-VALUE-42", x=72, y=600, width=300, height=30)
    c.showPage()
    c.save()
    assert b"/AcroForm" in f.read_bytes()
    res = build(tmp_path, [{"kind": "review_form", "file": "scans/review-form.pdf"}])
    out = res.path.read_bytes()
    assert b"/AcroForm" not in out and b"/Annots" not in out and b"/Widget" not in out
    text = next(p for p in texts(res.path) if "Review form" in p)
    assert "FILLED-VALUE-42" in text


def test_multipage_tiff_cmyk_jpeg_and_transparent_png_all_go_in(tmp_path):
    from PIL import Image

    s = tmp_path / "scans"
    s.mkdir()
    frames = [Image.new("RGB", (300, 420), c) for c in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    frames[0].save(s / "three.tif", save_all=True, append_images=frames[1:])
    Image.new("CMYK", (300, 420), (0, 255, 255, 0)).save(s / "cmyk.jpg", quality=80)
    Image.new("RGBA", (300, 420), (0, 0, 255, 100)).save(s / "alpha.png")
    res = build(tmp_path, [{"kind": "other", "file": f"scans/{n}"} for n in ("three.tif", "cmyk.jpg", "alpha.png")])
    marks = {t: p for d, t, p in outline(res.path) if d == 1}
    first, cmyk, png_page = marks["其它材料（1）"], marks["其它材料（2）"], marks["其它材料（3）"]
    assert cmyk - first == 3 and png_page - cmyk == 1  # the TIFF's three pages, then one page each
    page = PdfReader(res.path).pages[cmyk - 1]
    img = next(x.get_object() for x in page["/Resources"]["/XObject"].values() if x.get_object().get("/Subtype") == "/Image")
    assert img["/ColorSpace"] == "/DeviceCMYK" and img._data == (s / "cmyk.jpg").read_bytes()


def test_an_office_style_changes_through_a_template_file_or_the_region(tmp_path, cli):
    style = tmp_path / "style.yaml"
    style.write_text("page_number:\n  text: {zh: '— {n} —'}\n  position: bottom-center\nblank:\n  text: {zh: 本页空白}\n", encoding="utf-8")
    p = write_profile(tmp_path, standard_docs(tmp_path))
    code, _, err = cli("dossier", p, "--as-of", AS_OF, "--template", style, "-o", tmp_path / "styled.pdf")
    assert code == 0, err
    pages = texts(tmp_path / "styled.pdf")
    assert all(f"— {n} —" in t for n, t in enumerate(pages, 1))
    assert any("本页空白" in t for t in pages) and not any("此页无正文" in t for t in pages)
    reg = tmp_path / "styled.yaml"  # a region file is named after its id
    reg.write_text(
        "id: styled\nextends: shanxi-changzhi-2022\nname: 样式\ndocuments: {d: {title: 测试, kind: notice}}\nnotice: {document: d}\ndossier: {duplex: true, page_number_style: '共{total}页 第{n}页'}\n",
        encoding="utf-8",
    )
    res = build(tmp_path, region=str(reg), out="region.pdf")
    assert all(f"共{res.pages}页 第{n}页" in t for n, t in enumerate(texts(res.path), 1))


def test_a_font_that_cannot_be_used_is_refused(tmp_path, cli):
    bad = tmp_path / "not-a-font.ttf"
    bad.write_text("hello", encoding="utf-8")
    p = write_profile(tmp_path, standard_docs(tmp_path))
    code, _, err = cli("dossier", p, "--as-of", AS_OF, "--font", bad)
    assert code == 2 and "not-a-font.ttf" in err and "--font" in err
    assert not (tmp_path / "applicant-dossier.pdf").exists()


def test_the_output_never_overwrites_an_input(tmp_path, cli):
    p = write_profile(tmp_path, standard_docs(tmp_path))
    before = (tmp_path / "scans" / "summary.pdf").read_bytes()
    code, _, err = cli("dossier", p, "--as-of", AS_OF, "-o", tmp_path / "scans" / "summary.pdf")
    assert code == 2 and "-o" in err
    assert (tmp_path / "scans" / "summary.pdf").read_bytes() == before


def test_an_attachment_with_fonts_it_does_not_embed_is_warned_about(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    s = tmp_path / "scans"
    s.mkdir()
    c = Canvas(str(s / "plain.pdf"), invariant=1)
    c.setFont("Helvetica", 12)  # base-14: referenced, never embedded
    c.drawString(72, 700, "plain text")
    c.showPage()
    c.save()
    res = build(tmp_path, [{"kind": "paper", "file": "scans/plain.pdf"}])
    assert any("scans/plain.pdf" in w and "Helvetica" in w for w in res.warnings)
    quiet = build(tmp_path, out="quiet.pdf")  # the standard scans embed their font
    assert not any("未嵌入" in w for w in quiet.warnings)


def test_the_dossier_is_readable_by_others_like_any_new_file(tmp_path):
    # mkstemp makes 0600 files; an output for the office must get the usual permissions (umask)
    import os
    import stat

    from titlecli import regions
    from titlecli.dossier import build
    from titlecli.profile import load_profile

    old = os.umask(0o022)
    try:
        out = tmp_path / "d.pdf"
        build(
            load_profile(EXAMPLES / "changzhi-engineer.yaml"),
            regions.load("shanxi-changzhi-2022"),
            date(2022, 8, 1),
            out,
            base_dir=EXAMPLES,
        )
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


# -- found by checking the issue as a user would (QA pass) ------------------------------------
def _render(tmp_path: Path, pdf_path: Path, page_no: int):
    from PIL import Image

    out = tmp_path / f"render-{page_no}"
    subprocess.run(
        ["pdftoppm", "-r", "20", "-png", "-singlefile", "-f", str(page_no), "-l", str(page_no), str(pdf_path), str(out)], check=True
    )
    return Image.open(f"{out}.png").convert("RGB")


def test_a_16_bit_grayscale_scan_is_not_printed_as_a_white_page(tmp_path):
    # A 16-bit grayscale PNG (as some scanners save) came out as an empty white page.
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm not installed")
    from PIL import Image

    s = tmp_path / "scans"
    s.mkdir()
    Image.new("I;16", (400, 560), 0x2000).save(s / "deep.png")  # dark grey: 8192 of 65535
    assert Image.open(s / "deep.png").mode == "I;16"
    res = build(tmp_path, [{"kind": "award", "file": "scans/deep.png"}])
    page_no = next(p for d, t, p in outline(res.path) if d == 1 and t == "有关奖励证件复印件")
    im = _render(tmp_path, res.path, page_no)
    r, g, b = im.getpixel((im.size[0] // 2, im.size[1] // 2))
    assert r < 80 and g < 80 and b < 80, (r, g, b)


def _aes(tmp_path: Path, name: str, user_password: str) -> Path:
    s = tmp_path / "scans"
    s.mkdir(exist_ok=True)
    w = PdfWriter(clone_from=PdfReader(pdf(tmp_path / "plain.pdf", 1, text="社保缴费证明")))
    w.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256", permissions_flag=0)
    w.write(s / name)
    return s / name


def test_a_permission_only_aes_pdf_goes_in_like_an_rc4_one(tmp_path):
    # Official PDFs (bank, social-security and CHSI downloads) are often AES-encrypted with an
    # empty user password: they open in any reader without asking, so they must go in.  They
    # were refused as "PDF 已损坏 (cryptography>=3.1 is required for AES algorithm)".
    _aes(tmp_path, "social.pdf", "")
    res = build(tmp_path, [{"kind": "social_security", "file": "scans/social.pdf"}])
    page_no = next(p for d, t, p in outline(res.path) if d == 1 and t.startswith("社会保险"))
    assert "社保缴费证明 1" in texts(res.path)[page_no - 1]
    assert not PdfReader(res.path).is_encrypted


def test_an_aes_pdf_with_a_real_password_is_called_encrypted_not_damaged(tmp_path, cli, monkeypatch):
    _aes(tmp_path, "locked.pdf", "secret")
    p = write_profile(tmp_path, [{"kind": "diploma", "file": "scans/locked.pdf"}])
    code, out, err = cli("dossier", p, "--as-of", AS_OF)
    assert code == 2 and "locked.pdf" in err and "已加密" in err and "损坏" not in err, err
    # without the AES provider (pypdf installed without [crypto]) it still says what it is
    import pypdf
    from pypdf.errors import DependencyError

    def no_aes(self, password):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(pypdf.PdfReader, "decrypt", no_aes)
    code, out, err = cli("dossier", p, "--as-of", AS_OF, "--lang", "en")
    assert code == 2 and "encrypted (AES)" in err and "damaged" not in err and "cryptography>=3.1" not in err, err


def test_a_broken_attachment_is_named_as_written_in_documents_not_by_an_absolute_path(tmp_path, cli):
    # The message named /tmp/…/scans/missing.jpg when the profile was given by an absolute path;
    # the user wrote scans/missing.jpg under documents, and that is what they look for.
    p = write_profile(tmp_path, [{"kind": "diploma", "file": "scans/missing.jpg"}])
    code, out, err = cli("dossier", p.resolve(), "--as-of", AS_OF)
    assert code == 2 and "scans/missing.jpg documents[0].file" in err and str(tmp_path) not in err, err


def test_a_drawing_without_text_is_not_warned_about_fonts_and_english_lists_read_english(tmp_path, cli):
    # reportlab lists Helvetica in every page's resources, text or not: a scan app's PDF that
    # holds only an image was reported as "using fonts it does not embed".
    from reportlab.pdfgen.canvas import Canvas

    s = tmp_path / "scans"
    s.mkdir()
    c = Canvas(str(s / "drawing.pdf"), invariant=1)
    c.rect(100, 100, 300, 400, fill=1)
    c.showPage()
    c.save()
    assert b"Helvetica" in (s / "drawing.pdf").read_bytes()
    res = build(tmp_path, [{"kind": "paper", "file": "scans/drawing.pdf"}])
    assert not any("drawing.pdf" in w for w in res.warnings), res.warnings
    for n in range(4):  # four that do use Helvetica: the English warning lists them the English way
        c = Canvas(str(s / f"text{n}.pdf"), invariant=1)
        c.setFont("Helvetica", 12)
        c.drawString(72, 700, "plain text")
        c.showPage()
        c.save()
    p = write_profile(tmp_path, [{"kind": "paper", "file": f"scans/text{n}.pdf"} for n in range(4)])
    code, out, err = cli("dossier", p, "--as-of", AS_OF, "--lang", "en")
    assert code == 0, err
    assert "scans/text0.pdf, scans/text1.pdf, scans/text2.pdf and 1 more" in " ".join(err.split()), err


def _words(pdf_path: Path, page_no: int) -> list[tuple[float, float, str]]:
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page_no), "-l", str(page_no), str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [(float(a), float(b), w) for a, b, w in re.findall(r'xMin="([\d.]+)".*?xMax="([\d.]+)".*?>([^<]*)</word>', out)]


def test_the_english_cover_labels_do_not_run_into_their_values(tmp_path, cli):
    # "Level and title applied for:" was printed over "intermediate · 工程师".
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed")
    p = write_profile(tmp_path, standard_docs(tmp_path))
    code, _, err = cli("dossier", p, "--as-of", AS_OF, "--lang", "en", "-o", tmp_path / "en.pdf")
    assert code == 0, err
    words = _words(tmp_path / "en.pdf", 1)
    label_end = next(x1 for x0, x1, w in words if w == "for:")
    value_start = next(x0 for x0, x1, w in words if w == "intermediate")
    assert label_end < value_start, (label_end, value_start)


def test_the_cover_says_when_more_materials_are_listed_than_fit(tmp_path):
    # With many documents the cover cut the list of materials short without a word.
    s = tmp_path / "scans"
    s.mkdir()
    jpeg(s / "a.jpg", (60, 80))
    # 30 are twice what the cover holds (14, set small); only the cover's text is read
    docs = [{"kind": "other", "file": "scans/a.jpg", "name": f"其它证明材料第{i:02d}号（复印件，加盖单位公章）"} for i in range(30)]
    res = build(tmp_path, docs)
    cover = (PdfReader(res.path).pages[0].extract_text() or "").replace("\n", "")
    assert "其它证明材料第00号" in cover and "其它证明材料第29号" not in cover
    shown = len(re.findall(r"其它证明材料第\d+号", cover))
    assert re.search(r"另有 (\d+) 项，见材料清单", cover), cover[-200:]
    rest = int(re.search(r"另有 (\d+) 项，见材料清单", cover).group(1))
    assert shown + rest >= 30  # everything is either named or counted


@pytest.mark.parametrize(
    "name,content,says",
    [
        ("diploma.jpg", "png", ("实为 PNG 图片", ".png")),
        ("diploma.jpg", "text", ("内容是文本",)),
        ("diploma.jpg", "heic", ("HEIC", "JPEG")),
        ("diploma.pdf", "jpeg", ("实为 JPEG 图片", ".jpg")),
    ],
)
def test_a_misnamed_file_is_called_what_it_really_is(tmp_path, cli, name, content, says):
    # "扩展名是 .jpg，但内容不是 JPEG 图片" alone left the user guessing what to do with the file.
    s = tmp_path / "scans"
    s.mkdir()
    f = s / name
    if content == "png":
        png(f)
    elif content == "jpeg":
        jpeg(f)
    elif content == "heic":
        f.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64)
    else:
        f.write_text("not an image\n", encoding="utf-8")
    p = write_profile(tmp_path, [{"kind": "diploma", "file": f"scans/{name}"}])
    code, _, err = cli("dossier", p, "--as-of", AS_OF)
    assert code == 2 and f"scans/{name}" in err, err
    for s_ in says:
        assert s_ in err, err


def test_help_names_what_each_option_takes(cli):
    # every option read "<str>": -o, --output <str> / --font <str> / --template <str>
    code, out, _ = cli("dossier", "--help")
    flat = " ".join(out.split())
    assert code == 0, flat
    for s_ in ("--output OUT.pdf", "--as-of DATE", "--region REGION", "--font TTF", "--template YAML", "--upload DIR"):
        assert s_ in flat, s_


def test_a_kind_the_region_categories_leave_out_goes_under_other_not_the_last_category(tmp_path):
    # A region with its own two categories filed the photo and the ID card under 奖励 (its last).
    reg = tmp_path / "two-categories.yaml"
    reg.write_text(
        "id: two-categories\nextends: shanxi-changzhi-2022\nname: 两类\ndocuments: {d: {title: 测试, kind: notice}}\nnotice: {document: d}\ndossier:\n  duplex: false\n  categories:\n"
        "    - {name: 学历, kinds: [diploma, degree_certificate]}\n    - {name: 奖励, kinds: [award]}\n",
        encoding="utf-8",
    )
    s = tmp_path / "scans"
    s.mkdir()
    jpeg(s / "photo.jpg", (300, 420))
    jpeg(s / "award.jpg")
    res = build(
        tmp_path,
        [
            {"kind": "award", "file": "scans/award.jpg", "name": "市级奖励"},
            {"kind": "photo", "file": "scans/photo.jpg", "name": "两寸照片"},
        ],
        region=str(reg),
    )
    tops = [(d, t) for d, t, _ in outline(res.path)]
    i_award, i_other = tops.index((0, "第二类 奖励")), tops.index((0, "第三类 其它"))
    under_award = [t for d, t in tops[i_award + 1 : i_other]]
    assert under_award == ["市级奖励"], under_award
    assert (1, "两寸照片") in tops[i_other:]
    assert any(t.startswith("身份证复印件") for d, t in tops[i_other:])  # contract §5 always lists it


def test_an_output_path_that_is_a_folder_or_under_a_file_is_refused_without_a_traceback(tmp_path, cli):
    # -o out/dir.pdf where dir.pdf is a folder ended in IsADirectoryError and a traceback.
    p = write_profile(tmp_path, standard_docs(tmp_path))
    (tmp_path / "folder.pdf").mkdir()
    for target in (tmp_path / "folder.pdf", p / "x.pdf"):
        code, out, err = cli("dossier", p, "--as-of", AS_OF, "-o", target)
        assert code == 2 and "-o" in err and "Traceback" not in err, err
    assert not list(tmp_path.rglob("*.tmp")) and not list((tmp_path / "folder.pdf").iterdir())


def test_a_document_that_is_a_folder_is_called_a_folder(tmp_path, cli):
    # documents: [{file: scans}] said "文件不存在" although scans/ is right there.
    (tmp_path / "scans").mkdir()
    p = write_profile(tmp_path, [{"kind": "diploma", "file": "scans"}])
    code, _, err = cli("dossier", p, "--as-of", AS_OF)
    assert code == 2 and "scans documents[0].file" in err and "文件夹" in err and "不存在" not in err, err


def test_the_applicants_own_extra_document_is_not_marked_if_any_on_the_checklist(tmp_path):
    # "获奖喜报（如有）  已附": "if any" belongs to optional materials the region lists, not to a
    # document the applicant added under a name of their own.
    s = tmp_path / "scans"
    s.mkdir()
    jpeg(s / "extra.jpg")
    res = build(tmp_path, [{"kind": "other", "file": "scans/extra.jpg", "name": "获奖喜报"}])
    checklist = "".join(p for p in texts(res.path) if "张伟 · 材料清单" in p).replace("\n", "")
    assert "获奖喜报" in checklist and "获奖喜报（如有）" not in checklist
    assert "（如有）" in checklist  # the region's optional materials keep it


def test_a_thumbnail_instead_of_a_scan_is_warned_about(tmp_path):
    # A 12×16-pixel image was blown up to a whole page of coloured squares without a word.
    s = tmp_path / "scans"
    s.mkdir()
    png(s / "thumb.png", (12, 16))
    jpeg(s / "photo.jpg", (390, 567))
    res = build(tmp_path, [{"kind": "award", "file": "scans/thumb.png"}, {"kind": "photo", "file": "scans/photo.jpg"}])
    assert any("scans/thumb.png" in w and "12×16" in w for w in res.warnings), res.warnings
    assert not any("photo.jpg" in w for w in res.warnings)


def test_messages_keep_whole_lines_when_the_output_is_piped(tmp_path, cli):
    # Piped into a log, every message was hard-wrapped at 80 columns, splitting file paths
    # ("警告: scans/form.pdf \n使用了未嵌入的字体").
    s = tmp_path / "scans"
    s.mkdir()
    name = "scans/" + "a-rather-long-file-name-as-scanners-make-them-2022-08-01-0001" + ".png"
    png(tmp_path / name, (40, 30))
    p = write_profile(tmp_path, [{"kind": "award", "file": name}])
    code, out, err = cli("dossier", p, "--as-of", AS_OF)
    assert code == 0, err
    assert any(name in line and "像素" in line for line in err.splitlines()), err
    assert any(line.startswith("缺少") and "身份证复印件" in line for line in out.splitlines()), out


def test_the_dossier_is_a_valid_pdf_for_strict_readers(tmp_path):
    # Scan pages carried their page content as a stream written inline in the /Contents array,
    # which is not valid PDF: poppler shrugged, `qpdf --check` reported every scan page damaged.
    from pypdf.generic import IndirectObject

    res = build(tmp_path)
    for n, page in enumerate(PdfReader(res.path).pages, start=1):
        contents = page.raw_get("/Contents")
        items = contents.get_object() if isinstance(contents.get_object(), list) else [contents]
        assert all(isinstance(x, IndirectObject) for x in items), n
    if shutil.which("qpdf"):
        check = subprocess.run(["qpdf", "--check", str(res.path)], capture_output=True, text=True)
        assert check.returncode == 0 and "WARNING" not in check.stdout + check.stderr, check.stdout[-500:] + check.stderr[-500:]


@pytest.mark.parametrize(
    "style,key",
    [
        ("page: {size: [210]}\n", "page.size"),
        ("page: {margin: {left: -3}}\n", "page.margin.left"),
        ("cover: {title: 5}\n", "cover.title"),
        ("categories: [学历, 奖励]\n", "categories[0]"),
    ],
)
def test_a_template_of_the_wrong_shape_is_a_message_naming_the_key(tmp_path, cli, style, key):
    # page.size: [210] ended in "ValueError: not enough values to unpack" and a traceback.
    f = tmp_path / "style.yaml"
    f.write_text(style, encoding="utf-8")
    p = write_profile(tmp_path, standard_docs(tmp_path))
    code, out, err = cli("dossier", p, "--as-of", AS_OF, "--template", f)
    assert code == 2 and f"style.yaml {key}:" in err and "Traceback" not in err, err
    assert not (tmp_path / "applicant-dossier.pdf").exists()


def test_a_font_without_chinese_gets_a_short_warning_with_a_count(tmp_path):
    # --font DejaVuSans.ttf printed every one of ~300 missing characters in one warning.
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not latin.is_file():
        pytest.skip("DejaVu Sans not installed")
    res = build(tmp_path, font=str(latin))
    w = next(w for w in res.warnings if "字体中没有这些字符" in w)
    n = int(re.search(r"等共 (\d+) 个字符", w).group(1))
    assert n > 100 and len(w) < 200, w


def test_a_tiff_with_an_orientation_tag_is_turned_once_not_twice(tmp_path):
    # Pillow already turns a TIFF upright while loading it; the dossier turned it again, so a
    # scanner's TIFF marked "rotate 90°" came out lying on its side.
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm not installed")
    from PIL import Image

    s = tmp_path / "scans"
    s.mkdir()
    im = Image.new("RGB", (877, 620), (0, 0, 220))
    im.paste(Image.new("RGB", (877, 310), (220, 0, 0)), (0, 0))  # stored: red top half, blue bottom
    exif = Image.Exif()
    exif[0x0112] = 6  # turn 90° clockwise to view: red on the right
    im.save(s / "cert.tif", exif=exif.tobytes())
    res = build(tmp_path, [{"kind": "title_certificate", "file": "scans/cert.tif"}])
    page_no = next(p for d, t, p in outline(res.path) if t == "助理工程师（2016-09-01）")  # the declared title it proves
    page = _render(tmp_path, res.path, page_no)
    w, h = page.size
    left, right = page.getpixel((int(w * 0.3), h // 2)), page.getpixel((int(w * 0.7), h // 2))
    assert right[0] > 150 and right[2] < 80, right
    assert left[2] > 150 and left[0] < 80, left


def test_a_separator_with_more_documents_than_fit_says_how_many_more(tmp_path):
    # The separator of a category with 40 documents listed the first 9 and stopped without a word.
    s = tmp_path / "scans"
    s.mkdir()
    jpeg(s / "a.jpg", (300, 420))
    docs = [{"kind": "other", "file": "scans/a.jpg", "name": f"其它证明材料第{i:02d}号"} for i in range(40)]
    res = build(tmp_path, docs)
    sep = next(p for d, t, p in outline(res.path) if t == "第十类 其它")
    page = texts(res.path)[sep - 1].replace("\n", "")
    shown = len(re.findall(r"其它证明材料第\d+号", page))
    m = re.search(r"另有 (\d+) 项，见目录", page)
    assert 0 < shown < 40 and m, page[-300:]
    marks = outline(res.path)
    i = next(k for k, (d, t, p) in enumerate(marks) if t == "第十类 其它")
    children = [t for d, t, p in marks[i + 1 :] if d == 1]
    listed = len(children) - int(m.group(1))  # every document is either listed or counted
    assert all(t.split("（")[0] in page for t in children[:listed]), page
    assert children[listed].split("（")[0] not in page


def test_a_jfif_scan_is_a_jpeg_under_another_name(tmp_path):
    # Windows browsers and WeChat save JPEGs as .jfif; they bind like any JPEG, bytes unchanged
    s = tmp_path / "scans"
    s.mkdir()
    jpeg(s / "diploma.jfif")
    res = build(tmp_path, [{"kind": "diploma", "file": "scans/diploma.jfif"}])
    assert not [p for p in res.problems if "jfif" in p]
    raw = (s / "diploma.jfif").read_bytes()
    assert raw in (tmp_path / "out.pdf").read_bytes()


def test_a_spreadsheet_gets_a_print_it_page_and_goes_to_the_sichuan_upload_unchanged(tmp_path, cli):
    # 002 四川: the system takes "pdf、doc、图片、xls"; the paper dossier cannot draw an .xls, so a marked
    # page stands in for it (not a failure), and the upload folder gets the file byte for byte
    s = tmp_path / "scans"
    s.mkdir()
    jpeg(s / "id.jpg", (600, 380))
    (s / "award.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"x" * 3000)
    data = dict(BASE, documents=[{"kind": "id_card", "file": "scans/id.jpg"}, {"kind": "award", "file": "scans/award.xls"}])
    data["application"] = dict(data["application"], region="sichuan-panzhihua")
    p = tmp_path / "applicant.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, out, err = cli("dossier", p, "--as-of", "2022-08-01", "-o", tmp_path / "d.pdf", "--upload", tmp_path / "up")
    assert code == 0, out + err
    assert "scans/award.xls" in out + err and "打印" in out + err
    assert any(".xls 文件不能直接装订" in x for x in texts(tmp_path / "d.pdf"))
    ups = [f for f in (tmp_path / "up").iterdir() if f.suffix == ".xls"]
    assert len(ups) == 1 and ups[0].read_bytes() == (s / "award.xls").read_bytes()
