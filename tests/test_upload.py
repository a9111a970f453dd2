"""Online declaration systems: the limits each seed names, checked before upload, and the
upload folder built within them (issue 7)."""

import hashlib
import io
import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT

REGION = ROOT / "tests" / "data" / "regions" / "online-test.yaml"


def noisy_scan(path: Path, size=(2480, 3508), quality=95):
    import random

    from PIL import Image, ImageDraw

    rnd = random.Random(7)
    im = Image.new("RGB", size, "white")
    d = ImageDraw.Draw(im)
    for y in range(60, size[1] - 60, 40):
        d.text((100, y), "".join(rnd.choice("abcdefgh ijklmnop") for _ in range(size[0] // 12)), fill=(30, 30, 30))
    px = im.load()
    for _ in range(size[0] * size[1] // 20):
        x, y = rnd.randrange(size[0]), rnd.randrange(size[1])
        v = rnd.randrange(120, 255)
        px[x, y] = (v, v, v)
    im.save(path, quality=quality)
    return path


def jpeg_of_size(path: Path, target: int, wh=(250, 350)):
    """A JPEG of roughly `target` bytes (noise, so it does not compress away)."""
    import os

    from PIL import Image

    im = Image.frombytes("RGB", wh, os.urandom(wh[0] * wh[1] * 3))
    for q in range(95, 5, -5):
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=q)
        if len(buf.getvalue()) <= target:
            path.write_bytes(buf.getvalue())
            return path
    raise AssertionError("could not make the JPEG small enough")


def profile(tmp_path, **changes):
    data = yaml.safe_load((EXAMPLES / "changzhi-engineer.yaml").read_text(encoding="utf-8"))
    data["application"]["region"] = str(REGION)
    data.update(changes)
    p = tmp_path / "p.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return p


def online(cli, p):
    code, out, err = cli("check", p, "--as-of", "2022-08-01", "--format", "json", "--level", "intermediate")
    assert code in (0, 1), err
    v = json.loads(out)
    return {c["rule"]: c for c in v["online"]["checks"]}, v


def test_photo_just_under_50_kb_passes_and_just_over_fails(cli, tmp_path):
    # 002 上海: "请申报人上传个人近期免冠证件照，照片大小不超过50K"
    jpeg_of_size(tmp_path / "photo.jpg", 50 * 1024 - 200)
    checks, _ = online(cli, profile(tmp_path, documents=[{"kind": "photo", "file": "photo.jpg"}]))
    assert checks["photo-50k"]["passed"] is True
    big = tmp_path / "big.jpg"
    jpeg_of_size(big, 120 * 1024)
    assert big.stat().st_size > 50 * 1024
    checks, v = online(cli, profile(tmp_path, documents=[{"kind": "photo", "file": "big.jpg"}]))
    assert checks["photo-50k"]["passed"] is False
    assert any("50 KB" in w for w in v["warnings"])


def test_photo_of_the_wrong_shape_is_reported(cli, tmp_path):
    jpeg_of_size(tmp_path / "wide.jpg", 20 * 1024, wh=(300, 150))
    checks, _ = online(cli, profile(tmp_path, documents=[{"kind": "photo", "file": "wide.jpg"}]))
    assert checks["photo-50k"]["passed"] is False and "5:7" in checks["photo-50k"]["message"]


def test_work_gap_must_be_explained(cli, tmp_path):
    # 002 上海: "在“工作经历”栏目中，要保持时间上的连续性。如有不连续时间段，要写明当时的具体情况。"
    work = [{"start": "2014-07-15", "end": "2017-12-31", "employer": "甲"}, {"start": "2018-06-01", "employer": "乙"}]
    checks, _ = online(cli, profile(tmp_path, work=work))
    c = checks["continuous-work"]
    assert c["passed"] is False and "2018-06-01" in c["message"]
    work[1]["gap_note"] = "2018 年上半年脱产进修"
    checks, _ = online(cli, profile(tmp_path, work=work))
    assert checks["continuous-work"]["passed"] is True


def test_high_school_must_be_in_the_education_history(cli, tmp_path):
    checks, _ = online(cli, profile(tmp_path))
    assert checks["high-school"]["passed"] is False
    data = yaml.safe_load((EXAMPLES / "changzhi-engineer.yaml").read_text(encoding="utf-8"))
    edu = data["education"] + [{"level": "high_school", "graduated": "2010-07-01", "school": "长治二中"}]
    checks, _ = online(cli, profile(tmp_path, education=edu))
    assert checks["high-school"]["passed"] is True


def test_post_description_over_30_characters(cli, tmp_path):
    # 002 广州: "“主要工作内容”简述岗位工作内容，建议每个岗位不超过30个字"
    work = [{"start": "2014-07-15", "employer": "甲", "duties": "机" * 31}]
    checks, _ = online(cli, profile(tmp_path, work=work))
    assert checks["duties-30"]["passed"] is False and "31" in checks["duties-30"]["message"]
    work[0]["duties"] = "机" * 30
    checks, _ = online(cli, profile(tmp_path, work=work))
    assert checks["duties-30"]["passed"] is True


def test_chsi_record_must_outlast_the_window_by_two_months(cli, tmp_path):
    # 002 浙江: 备案表有效期至少还有 2 个月; the window ends 2022-08-25, so valid until 2022-10-25
    data = yaml.safe_load((EXAMPLES / "changzhi-engineer.yaml").read_text(encoding="utf-8"))
    edu = data["education"]
    edu[0]["chsi_record"]["valid_until"] = "2022-10-24"
    checks, _ = online(cli, profile(tmp_path, education=edu))
    assert checks["chsi-2-months"]["passed"] is False
    edu[0]["chsi_record"]["valid_until"] = "2022-10-25"
    checks, _ = online(cli, profile(tmp_path, education=edu))
    assert checks["chsi-2-months"]["passed"] is True


def _build(tmp_path, docs, out="upload"):
    from titlecli import regions
    from titlecli.profile import load_profile
    from titlecli.upload import build

    p = profile(tmp_path, documents=docs)
    return build(load_profile(p), tmp_path, regions.load(str(REGION)), date(2022, 8, 1), tmp_path / out)


def test_upload_folder_shrinks_a_big_scan_and_copies_what_fits(tmp_path):
    noisy_scan(tmp_path / "id.jpg")
    jpeg_of_size(tmp_path / "photo.jpg", 40 * 1024)
    noisy_scan(tmp_path / "d1.jpg", size=(1240, 1754), quality=60)
    noisy_scan(tmp_path / "d2.jpg", size=(1240, 1754), quality=60)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.glob("*.jpg")}
    assert (tmp_path / "id.jpg").stat().st_size > 1_000_000
    res = _build(
        tmp_path,
        [
            {"kind": "photo", "file": "photo.jpg"},
            {"kind": "id_card", "file": "id.jpg"},
            {"kind": "diploma", "file": "d1.jpg"},
            {"kind": "diploma", "file": "d2.jpg"},
        ],
    )
    files = {f.item: f for f in res.files}
    out = tmp_path / "upload"
    assert sorted(x.name for x in out.iterdir()) == [
        "01_照片.jpg",
        "02_身份证.jpg",
        "03_毕业证书.jpg",
        "04_会计从业资格证.jpg",
        "manifest.json",
    ]
    assert (out / "01_照片.jpg").read_bytes() == (tmp_path / "photo.jpg").read_bytes()  # within the limit: untouched
    assert files["photo"].action in ("原样复制", "copied unchanged")
    assert (out / "02_身份证.jpg").stat().st_size <= 300 * 1024 and files["id-card"].ok
    from PIL import Image

    with Image.open(out / "02_身份证.jpg") as im:
        assert max(im.size) >= 1240  # still legible
    with Image.open(out / "03_毕业证书.jpg") as im:  # two pages stacked into one JPG
        assert im.height > im.width * 1.5
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [f["item"] for f in manifest["files"]] == ["photo", "id-card", "diploma", "accounting"]
    assert manifest["applicant"] == "1404**********3219"
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.glob("*.jpg")}
    assert before == after  # originals never modified


def test_a_photo_that_cannot_be_shrunk_legibly_is_reported(tmp_path):
    import os

    from PIL import Image

    from titlecli.rules import FileLimit
    from titlecli.upload import shrink_jpeg

    im = Image.frombytes("RGB", (413, 579), os.urandom(413 * 579 * 3))
    data, how, ok = shrink_jpeg(im, 3 * 1024, 390)
    assert not ok and "390" in how
    assert FileLimit  # the limit type is importable for region authors


def test_missing_required_item_is_not_ok_and_existing_folder_is_replaced_only_if_ours(tmp_path):
    res = _build(tmp_path, [])
    assert not res.ok and not [f for f in res.files if f.item == "photo"][0].ok
    other = tmp_path / "mine"
    other.mkdir()
    (other / "keep.txt").write_text("x")
    from titlecli.errors import UserError

    with pytest.raises(UserError):
        _build(tmp_path, [], out="mine")
    assert (other / "keep.txt").read_text() == "x"
    _build(tmp_path, [])  # rebuilding our own folder works
    assert not list(tmp_path.glob(".upload*"))


def test_corrupt_image_is_a_clear_error(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"not a jpeg at all" * 100)
    (tmp_path / "id.png").write_bytes(b"\x89PNG garbage")
    from titlecli.errors import UserError

    with pytest.raises(UserError) as e:
        _build(tmp_path, [{"kind": "id_card", "file": "id.png"}])
    assert "id.png" in str(e.value)
    assert not (tmp_path / "upload").exists() and not list(tmp_path.glob(".upload*"))


def _build_sichuan(tmp_path, docs):
    from titlecli import regions
    from titlecli.profile import load_profile
    from titlecli.upload import build

    p = profile(tmp_path, documents=docs)
    return build(load_profile(p), tmp_path, regions.load("sichuan-panzhihua"), date(2022, 8, 1), tmp_path / "upload")


def test_sichuan_accepts_an_xls_as_it_is_but_cannot_merge_a_spreadsheet_into_a_pdf(tmp_path):
    # 002 四川: "申报相关附件支持 pdf、doc、图片、xls 数据格式，附件大小不可超过 10M"
    (tmp_path / "award.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"x" * 2000)
    noisy_scan(tmp_path / "id.jpg", size=(600, 400), quality=60)
    res = _build_sichuan(tmp_path, [{"kind": "id_card", "file": "id.jpg"}, {"kind": "award", "file": "award.xls"}])
    f = {x.item: x for x in res.files}["achievements"]
    assert f.ok and f.file.endswith(".xls") and (tmp_path / "upload" / f.file).read_bytes() == (tmp_path / "award.xls").read_bytes()
    # two documents for one item must be merged into one PDF: a spreadsheet cannot be, and says so
    (tmp_path / "paper.xlsx").write_bytes(b"PK\x03\x04" + b"x" * 2000)
    from titlecli.errors import UserError

    with pytest.raises(UserError) as e:
        _build_sichuan(
            tmp_path,
            [{"kind": "id_card", "file": "id.jpg"}, {"kind": "award", "file": "award.xls"}, {"kind": "paper", "file": "paper.xlsx"}],
        )
    assert "paper.xlsx" in str(e.value) or "award.xls" in str(e.value)
    assert "PDF" in str(e.value)


def test_a_pdf_over_the_limit_is_compressed_not_crashed():
    # 002 四川 "附件大小不可超过 10M": an uncompressed PDF over the limit gets its streams compressed
    from pypdf import PdfWriter
    from pypdf.generic import ContentStream, NameObject

    w = PdfWriter()
    page = w.add_blank_page(595, 842)
    ops = b"".join(b"BT /F1 12 Tf 72 %d Td (line of text line of text) Tj ET\n" % (800 - i % 700) for i in range(3000))
    cs = ContentStream(None, w)
    cs.set_data(ops)
    page[NameObject("/Contents")] = w._add_object(cs)
    buf = io.BytesIO()
    w.write(buf)
    data = buf.getvalue()
    from titlecli.upload import shrink_pdf

    out, how, ok = shrink_pdf(data, len(data) // 2)
    assert ok and len(out) <= len(data) // 2 and how


# --- found by trying the feature as a user (QA of issue 7) ---


def _dossier_args(p, tmp_path, upload, out="d.pdf"):
    return ("dossier", p, "--as-of", "2022-08-01", "--level", "intermediate", "-o", tmp_path / out, "--upload", upload)


def test_an_upload_target_that_is_a_file_or_a_foreign_folder_is_refused_before_the_dossier_is_built(cli, tmp_path):
    jpeg_of_size(tmp_path / "photo.jpg", 20 * 1024, wh=(250, 350))
    p = profile(tmp_path, documents=[{"kind": "photo", "file": "photo.jpg"}])
    (tmp_path / "afile").write_text("mine")
    code, out, err = cli(*_dossier_args(p, tmp_path, tmp_path / "afile"))
    assert code == 2 and "--upload" in err and "afile" in err and "Traceback" not in err
    assert (tmp_path / "afile").read_text() == "mine"
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "keep.txt").write_text("x")
    code, _, err = cli(*_dossier_args(p, tmp_path, mine))
    assert code == 2 and "--upload" in err and (mine / "keep.txt").read_text() == "x"
    assert not (tmp_path / "d.pdf").exists()  # refused before spending time on (and writing) the PDF
    # the dossier itself inside the upload folder would be deleted by the next rerun
    code, _, err = cli(*_dossier_args(p, tmp_path, tmp_path / "up", out="up/d.pdf"))
    assert code == 2 and "--upload" in err


def test_a_rerun_never_deletes_what_the_user_put_in_the_upload_folder(tmp_path):
    from titlecli.errors import UserError

    jpeg_of_size(tmp_path / "photo.jpg", 20 * 1024, wh=(250, 350))
    _build(tmp_path, [{"kind": "photo", "file": "photo.jpg"}])
    (tmp_path / "upload" / "我的备注.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(UserError) as e:
        _build(tmp_path, [{"kind": "photo", "file": "photo.jpg"}])
    assert "我的备注.txt" in str(e.value)
    assert (tmp_path / "upload" / "我的备注.txt").read_text(encoding="utf-8") == "keep me"
    (tmp_path / "upload" / "我的备注.txt").unlink()
    # a document taken from the upload folder itself would be lost when the folder is replaced
    with pytest.raises(UserError) as e:
        _build(tmp_path, [{"kind": "photo", "file": "upload/01_照片.jpg"}])
    assert "upload" in str(e.value)
    assert (tmp_path / "upload" / "01_照片.jpg").exists()


def test_pages_stacked_into_one_jpg_are_never_shrunk_below_a_legible_page(tmp_path):
    # 002 深圳: "上传相应材料扫描件（图片格式要求JPG，大小不超过300K）" — three A4 pages in one JPG
    from PIL import Image

    docs = []
    for i in range(3):
        noisy_scan(tmp_path / f"p{i}.jpg", size=(1240, 1754), quality=60)
        docs.append({"kind": "diploma", "file": f"p{i}.jpg"})
    res = _build(tmp_path, docs)
    f = {x.item: x for x in res.files}["diploma"]
    assert f.ok, f.note
    with Image.open(tmp_path / "upload" / f.file) as im:
        page_long_side = max(im.width, im.height / 3)
    assert page_long_side >= 1240 * 0.99, f.action  # each page still A4 at 150 dpi


def test_the_summary_says_what_is_missing_rather_than_over_the_limits(cli, tmp_path):
    p = profile(tmp_path, documents=[])
    code, out, err = cli(*_dossier_args(p, tmp_path, tmp_path / "up"))
    assert code == 0, err
    assert "超出系统限制" not in out and "缺少" in out and "照片" in out.split("缺少")[-1]


def test_a_broken_scan_names_its_documents_key_and_skip_broken_marks_the_item(tmp_path):
    from titlecli import regions
    from titlecli.errors import UserError
    from titlecli.profile import load_profile
    from titlecli.upload import build

    noisy_scan(tmp_path / "good.jpg", size=(1240, 1754), quality=60)
    (tmp_path / "id.jpg").write_bytes((tmp_path / "good.jpg").read_bytes()[:5000])  # a truncated scan
    docs = [{"kind": "diploma", "file": "good.jpg"}, {"kind": "id_card", "file": "id.jpg"}]
    with pytest.raises(UserError) as e:
        _build(tmp_path, docs)
    assert "documents[1].file" in str(e.value) and "id.jpg" in str(e.value)
    assert not (tmp_path / "upload").exists() and not list(tmp_path.glob(".upload*"))
    p = profile(tmp_path, documents=docs)
    res = build(load_profile(p), tmp_path, regions.load(str(REGION)), date(2022, 8, 1), tmp_path / "upload", skip_broken=True)
    f = {x.item: x for x in res.files}["id-card"]
    assert not f.ok and f.file is None and "id.jpg" in f.note and not res.ok
    assert {x.item: x for x in res.files}["diploma"].ok


def test_a_temp_folder_left_by_a_killed_run_is_removed(tmp_path):
    import os

    stale = tmp_path / ".upload.tmp-999999"
    stale.mkdir()
    (stale / "01_照片.jpg").write_bytes(b"half")
    live = tmp_path / f".upload.tmp-{os.getppid()}"  # another run still writing: left alone
    live.mkdir()
    _build(tmp_path, [])
    assert list(tmp_path.glob(".upload*")) == [live] and (tmp_path / "upload" / "manifest.json").exists()


def test_table_shows_small_files_in_bytes_and_help_names_the_folder(cli):
    from rich.console import Console

    from titlecli.upload import UploadFile, UploadResult, print_table

    con = Console(record=True, width=200)
    print_table(UploadResult(Path("x"), "系统", [UploadFile("a", "会计从业资格证", "04_a.txt", 74, None, [], "占位", True)]), con)
    assert "74 B" in con.export_text() and "0 KB" not in con.export_text()
    _, out, _ = cli("dossier", "--help")
    assert "--upload DIR" in " ".join(out.split())


def test_the_table_says_why_a_file_failed_once(tmp_path):
    import os

    from PIL import Image
    from rich.console import Console

    from titlecli.upload import print_table

    docs = []
    for i in range(2):  # pure noise: two legible pages cannot fit in 300 KB
        Image.frombytes("RGB", (1240, 1754), os.urandom(1240 * 1754 * 3)).save(tmp_path / f"p{i}.jpg", quality=60)
        docs.append({"kind": "diploma", "file": f"p{i}.jpg"})
    res = _build(tmp_path, docs)
    f = {x.item: x for x in res.files}["diploma"]
    assert not f.ok and f.note
    # a file the system would refuse is not put in the upload folder; the smallest size is said
    assert f.file is None and not list((tmp_path / "upload").glob("*毕业证书*"))
    assert f.bytes > 300 * 1024 and f"{f.bytes / 1024:.0f} KB" in f.note
    con = Console(record=True, width=400)
    print_table(res, con)
    assert " ".join(con.export_text().split()).count(f.note) == 1


def test_a_png_named_jpg_is_converted_not_copied_as_a_fake_jpg(tmp_path):
    # 002 深圳: "图片格式要求JPG" — the system checks the content, not the name
    from PIL import Image

    Image.new("RGBA", (800, 500), (200, 30, 30, 128)).save(tmp_path / "id.jpg", format="PNG")
    res = _build(tmp_path, [{"kind": "id_card", "file": "id.jpg"}])
    f = {x.item: x for x in res.files}["id-card"]
    data = (tmp_path / "upload" / f.file).read_bytes()
    assert f.file.endswith(".jpg") and data[:3] == b"\xff\xd8\xff" and f.ok


def test_two_photos_are_not_stacked_into_one_id_photo(tmp_path):
    # 002 上海: "请申报人上传个人近期免冠证件照" — one photo, not two glued together
    from PIL import Image

    jpeg_of_size(tmp_path / "a.jpg", 30 * 1024, wh=(250, 350))
    jpeg_of_size(tmp_path / "b.jpg", 30 * 1024, wh=(250, 350))
    res = _build(tmp_path, [{"kind": "photo", "file": "a.jpg"}, {"kind": "photo", "file": "b.jpg"}])
    f = {x.item: x for x in res.files}["photo"]
    with Image.open(tmp_path / "upload" / f.file) as im:
        assert im.size == (250, 350)
    assert f.sources == ["a.jpg"] and "b.jpg" in f.action


def test_checklist_only_says_it_writes_no_upload_folder(cli, tmp_path):
    p = profile(tmp_path, documents=[])
    code, _, err = cli("dossier", p, "--as-of", "2022-08-01", "--checklist-only", "--upload", tmp_path / "up")
    assert code == 0 and not (tmp_path / "up").exists()
    assert "--upload" in err


def test_a_pdf_over_the_limit_is_not_said_to_be_converted_to_pdf(tmp_path):
    # 002 四川 "附件大小不可超过 10M": a PDF already, only compressed
    from PIL import Image

    from titlecli import upload
    from titlecli.rules import FileLimit, UploadItem

    Image.frombytes("RGB", (600, 800), bytes(range(256)) * 5625).save(tmp_path / "d.pdf", quality=95)
    limit = FileLimit(source="002 四川", formats=["pdf"], max_kb=(tmp_path / "d.pdf").stat().st_size // 1024 - 1)
    item = UploadItem(id="x", name="学历信息", kinds=["diploma"])
    data, ext, action, _, _ = upload.build_item(item, [tmp_path / "d.pdf"], limit, "scan")
    assert ext == "pdf" and data[:5] == b"%PDF-" and "转为" not in action and "converted" not in action


def test_a_16_bit_grayscale_scan_is_not_uploaded_as_a_white_page(tmp_path):
    from PIL import Image, ImageStat

    Image.new("I;16", (400, 560), 0x2000).save(tmp_path / "id.png")  # dark grey: 8192 of 65535
    res = _build(tmp_path, [{"kind": "id_card", "file": "id.png"}])
    f = {x.item: x for x in res.files}["id-card"]
    with Image.open(tmp_path / "upload" / f.file) as im:
        assert ImageStat.Stat(im.convert("L")).mean[0] < 100


def test_a_phone_photo_turned_by_exif_is_uploaded_upright(tmp_path):
    # the systems show the pixels as stored; the dossier honours EXIF orientation, so must the upload
    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways, shown turned 90°
    Image.new("RGB", (600, 400), "white").save(tmp_path / "id.jpg", quality=80, exif=exif)
    res = _build(tmp_path, [{"kind": "id_card", "file": "id.jpg"}])
    f = {x.item: x for x in res.files}["id-card"]
    with Image.open(tmp_path / "upload" / f.file) as im:
        assert im.size == (400, 600) and im.getexif().get(0x0112, 1) == 1
    assert f.ok and f.bytes <= 300 * 1024


def test_check_reads_the_photo_shape_as_shown_not_as_stored(cli, tmp_path):
    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6  # stored 350×250, shown 250×350: a 5:7 portrait
    Image.new("RGB", (350, 250), "white").save(tmp_path / "photo.jpg", quality=80, exif=exif)
    checks, _ = online(cli, profile(tmp_path, documents=[{"kind": "photo", "file": "photo.jpg"}]))
    assert checks["photo-50k"]["passed"] is True, checks["photo-50k"]["message"]


def test_the_english_table_uses_english_brackets():
    from rich.console import Console

    from titlecli.i18n import set_lang
    from titlecli.upload import UploadFile, UploadResult, print_table

    con = Console(record=True, width=300)
    set_lang("en")
    try:
        print_table(
            UploadResult(
                Path("x"), "系统", [UploadFile("a", "照片", None, 0, 50, ["jpg"], "missing", False, [], "no such document in the profile")]
            ),
            con,
        )
    finally:
        set_lang("zh")
    text = con.export_text()
    assert "missing (no such document in the profile)" in text and "（" not in text
