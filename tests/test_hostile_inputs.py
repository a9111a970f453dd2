"""Hostile and careless inputs (issue 13: crashes, hangs, unclear messages): whatever a file or
an option holds, titlecli ends with a clear message naming the file and exit 2, or with an
answer — never a traceback, a hang, English library text in Chinese output, or a silent guess."""

from __future__ import annotations

import json
import os
import re
import time
from datetime import date

import pytest
import yaml
from conftest import EXAMPLES, ROOT

GOOD_TEXT = (EXAMPLES / "changzhi-engineer.yaml").read_text(encoding="utf-8")
GOOD = json.loads(json.dumps(yaml.safe_load(GOOD_TEXT), default=str))
AS_OF = ("--as-of", "2022-08-01")

# English that must not reach a Chinese reader (library messages).
ENGLISH_LEAKS = re.compile(r"Keys should be strings|Input should|found |expected <|mapping values|Traceback|Error\b")


def check(cli, p, *extra):
    return cli("check", p, *AS_OF, "--format", "json", *extra)


def write_json(tmp_path, data, name="p.json"):
    p = tmp_path / name
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def bad_input(code, out, err, *needles):
    assert code == 2, (code, out, err)
    assert not ENGLISH_LEAKS.search(err), err
    for n in needles:
        assert n in err, (n, err)


# -- files that are not what a profile file is ------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_as_the_profile_is_refused_not_read_forever(cli):
    bad_input(*check(cli, "/dev/zero"), "/dev/zero", "不是普通文件")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_as_the_profile_is_refused_without_opening_it(cli, tmp_path):
    fifo = tmp_path / "p.yaml"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    bad_input(*check(cli, fifo), "不是普通文件")


def test_a_huge_file_is_refused_before_it_is_read(cli, tmp_path):
    from titlecli import datafile

    p = tmp_path / "big.yaml"
    with open(p, "wb") as f:
        f.truncate(datafile.MAX_BYTES + 1)  # sparse: no disk used
    bad_input(*check(cli, p), "big.yaml", "文件过大")


def test_a_nul_byte_or_an_over_long_path_is_a_message(cli, tmp_path):
    bad_input(*check(cli, "p\x00.yaml"), "空字符")
    bad_input(*check(cli, tmp_path / ("长" * 300 + ".yaml")), "过长")
    code, _, err = cli("check", tmp_path / ("x" * 5000 + ".yaml"), *AS_OF, "--lang", "en")
    assert code == 2 and "too long" in err


# -- JSON -------------------------------------------------------------------------------------


def test_json_nested_100000_deep_is_a_message(cli, tmp_path):
    p = tmp_path / "deep.json"
    p.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    bad_input(*check(cli, p), "deep.json", "嵌套过深")


def test_json_with_an_integer_of_5000_digits_is_a_message(cli, tmp_path):
    p = tmp_path / "n.json"
    p.write_text(json.dumps(GOOD, ensure_ascii=False)[:-1] + ', "phone": ' + "9" * 5000 + "}", encoding="utf-8")
    bad_input(*check(cli, p), "n.json", "数字位数过多")


def test_json_nan_and_infinity_are_not_numbers(cli, tmp_path):
    data = json.loads(json.dumps(GOOD))
    data["continuing_education"]["2021"]["total"] = float("inf")
    p = tmp_path / "inf.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # json.dumps writes Infinity
    bad_input(*check(cli, p), "inf.json", "Infinity")


def test_a_key_given_twice_in_json_is_an_error(cli, tmp_path):
    p = tmp_path / "dup.json"
    p.write_text(json.dumps(GOOD, ensure_ascii=False)[:-1] + ', "name": "李四"}', encoding="utf-8")
    bad_input(*check(cli, p), "dup.json", "name", "重复的键")


def test_json_syntax_errors_are_in_chinese(cli, tmp_path):
    p = tmp_path / "s.json"
    p.write_text('{"name": "张伟",}', encoding="utf-8")
    bad_input(*check(cli, p), "s.json", "JSON 格式错误")
    code, _, err = check(cli, p, "--lang", "en")
    assert code == 2 and "invalid JSON" in err


# -- YAML -------------------------------------------------------------------------------------


def _alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("command", ["check", "dossier", "regions validate", "test"])
def test_a_yaml_alias_bomb_is_refused_at_once(cli, tmp_path, command):
    p = tmp_path / "bomb.yaml"
    p.write_text(_alias_bomb(), encoding="utf-8")  # 9^10 strings once expanded
    start = time.monotonic()
    args = {
        "check": ["check", p, *AS_OF],
        "dossier": ["dossier", p, *AS_OF, "--checklist-only"],
        "regions validate": ["regions", "validate", p],
        "test": ["test", p],
    }[command]
    code, out, err = cli(*args)
    assert time.monotonic() - start < 10
    bad_input(code, out, err, "bomb.yaml", "别名")


def test_aliases_a_file_really_uses_are_fine(cli, tmp_path):
    # a shared block referred to twice is ordinary YAML, not a bomb
    text = GOOD_TEXT.replace("    professional: true\n    related: true\n", "    <<: &facts {professional: true, related: true}\n", 1)
    p = tmp_path / "alias.yaml"
    p.write_text(text, encoding="utf-8")
    code, out, _ = check(cli, p)
    assert code == 0, out


def test_a_yaml_alias_inside_itself_is_a_message(cli, tmp_path):
    p = tmp_path / "cycle.yaml"
    p.write_text("name: &x [1, *x]\n", encoding="utf-8")
    bad_input(*check(cli, p), "cycle.yaml", "循环")


@pytest.mark.parametrize(
    "text,needle",
    [
        ("name: 张伟\n\tphone: 1\n", "制表符"),
        ("name: 张伟\n? [1, 2]\n: 3\n", "键不能是列表"),
        ("name: [张伟\n", "YAML 格式错误"),
        ("name: 张伟\n" + "  " * 0 + "a:\n" * 1 + "".join("  " * i + f"k{i}:\n" for i in range(1, 1200)), "嵌套过深"),
    ],
)
def test_yaml_syntax_errors_are_in_chinese(cli, tmp_path, text, needle):
    p = tmp_path / "s.yaml"
    p.write_text(text, encoding="utf-8")
    bad_input(*check(cli, p), "s.yaml", needle)


def test_keys_that_are_not_text_are_named_in_chinese(cli, tmp_path):
    # pydantic says "Keys should be strings"
    p = tmp_path / "k.yaml"
    p.write_text(GOOD_TEXT.replace("  type: enterprise\n", "  type: enterprise\n  1: 2\n", 1), encoding="utf-8")
    bad_input(*check(cli, p), "employer.1", "键应为文字")


# -- values types let through -----------------------------------------------------------------


def test_an_empty_name_is_an_error(cli, tmp_path):
    for blank in ("", "   "):
        data = json.loads(json.dumps(GOOD))
        data["name"] = blank
        data["papers"][0]["title"] = ""
        bad_input(*check(cli, write_json(tmp_path, data)), "name: 不能为空", "papers[0].title: 不能为空")


def test_an_id_number_with_a_trailing_newline_or_a_lowercase_x_is_the_same_number(cli, tmp_path):
    from titlecli.profile import load_profile

    data = json.loads(json.dumps(GOOD))
    data["id_number"] = "14040219920515326x\n"  # valid with X as its check character
    p = write_json(tmp_path, data)
    assert load_profile(p).id_number == "14040219920515326X"
    code, out, _ = check(cli, p)
    assert code in (0, 1) and json.loads(out)["applicant"]["id_number"] == "1404**********326X"


def test_negative_and_infinite_numbers_are_errors(cli, tmp_path):
    text = (
        GOOD_TEXT.replace("    words: 3200\n", "    words: -5\n", 1)
        .replace("{total: 72, public: 24}", "{total: .inf, public: -1}", 1)
        .replace("    rank: 1\n", "    rank: 0\n", 1)
        .replace("    year: 2020\n", "    year: 20200\n", 1)
    )
    p = tmp_path / "n.yaml"
    p.write_text(text, encoding="utf-8")
    bad_input(
        *check(cli, p),
        "papers[0].words: 不能为负数",
        "continuing_education[2021].total: 应为有限的数",
        "continuing_education[2021].public: 不能为负数",
        "achievements[0].rank: 应从 1 起算",
        "achievements[0].year: 年份 20200 不合理",
    )


def test_a_long_value_is_quoted_short_in_a_message(cli, tmp_path):
    data = json.loads(json.dumps(GOOD))
    data["papers"][0]["words"] = "字" * 200_000
    code, out, err = check(cli, write_json(tmp_path, data))
    bad_input(code, out, err, "papers[0].words")
    assert len(err) < 2000


# -- dates far off ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["-2022-01-01", "9999-12-31", "0001-01-01", "2022-08-01x", "2022--08-01"])
def test_an_as_of_that_is_not_a_plausible_date_is_refused(cli, value):
    code, out, err = cli("check", EXAMPLES / "changzhi-engineer.yaml", "--as-of", value)
    bad_input(code, out, err, "--as-of")


def test_as_of_still_takes_the_forms_people_type(cli):
    for value in ("2022年8月1日", "2022.8.1", "2022/08/01", " 2022-08-01 "):
        code, out, _ = check(cli, EXAMPLES / "changzhi-engineer.yaml", "--as-of", value)
        assert code == 0 and json.loads(out)["as_of"] == "2022-08-01"


def test_a_work_period_ending_9999_12_31_means_ongoing(cli, tmp_path):
    # "9999-12-31" is how HR systems export "still employed"
    p = tmp_path / "far.yaml"
    p.write_text(GOOD_TEXT.replace("    end: null\n", "    end: 9999-12-31\n", 1), encoding="utf-8")
    code, out, _ = check(cli, p)
    code0, out0, _ = check(cli, EXAMPLES / "changzhi-engineer.yaml")
    assert code == code0 == 0
    assert json.loads(out)["results"] == json.loads(out0)["results"]


@pytest.mark.parametrize(
    "old,new",
    [
        ("  sanction_until: null\n", "  sanction_until: 9999-12-31\n"),
        ("    obtained: 2016-09-01\n", "    obtained: 9999-12-31\n"),
        ("    graduated: 2014-07-01\n", "    graduated: 9999-12-31\n"),
        ("      valid_until: 2022-09-30\n", "      valid_until: 9999-12-31\n"),
        ("    start: 2014-07-15\n", "    start: 9999-12-31\n"),
    ],
)
def test_far_future_dates_get_a_verdict_in_check_and_dossier(cli, tmp_path, old, new):
    p = tmp_path / "far.yaml"
    assert old in GOOD_TEXT
    p.write_text(GOOD_TEXT.replace(old, new, 1), encoding="utf-8")
    code, out, err = check(cli, p)
    assert code in (0, 1), err
    doc = json.loads(out)
    assert all(r["earliest_date"] != "9999-12-31" for r in doc["results"])  # never is null, not the end of time
    code, out, err = cli("dossier", p, *AS_OF, "--checklist-only")
    assert code == 0, err


def test_a_sanction_until_the_end_of_time_has_no_earliest_date(cli, tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text(GOOD_TEXT.replace("  sanction_until: null\n", "  sanction_until: 9999-12-31\n", 1), encoding="utf-8")
    code, out, _ = check(cli, p)
    assert code == 1 and all(r["earliest_date"] is None for r in json.loads(out)["results"])


def test_calendar_arithmetic_stops_at_the_ends_of_the_calendar():
    from titlecli import dates

    assert dates.add_months(date(9999, 12, 31), 1) == date.max
    assert dates.add_months(date(9990, 1, 1), 1200) == date.max
    assert dates.add_months(date(1, 1, 1), -1) == date.min
    assert dates.plus_days(date.max, 1) == date.max
    assert dates.reached([(date(9999, 1, 1), date.max)], 24) == date.max  # "at the end of time": never


# -- other files read the same way ------------------------------------------------------------


def test_a_key_given_twice_in_a_region_or_case_file_is_an_error(cli, tmp_path):
    region = (ROOT / "regions" / "shanxi-changzhi-2022.yaml").read_text(encoding="utf-8")
    r = tmp_path / "r.yaml"
    r.write_text(region.replace("\nname:", "\nname: 一\nname:", 1), encoding="utf-8")
    bad_input(*cli("regions", "validate", r), "r.yaml", "name", "重复的键")
    c = tmp_path / "cases.yaml"
    c.write_text(
        "as_of: 2022-08-01\nas_of: 2023-08-01\ncases:\n"
        f"  - {{name: a, profile: {EXAMPLES / 'changzhi-engineer.yaml'}, expect: {{intermediate: true}}}}\n",
        encoding="utf-8",
    )
    bad_input(*cli("test", c), "cases.yaml", "as_of", "重复的键")


# -- outputs that cannot be written -----------------------------------------------------------


def _fail(monkeypatch, target: str, err: int):
    """Make one step of writing fail the way a full disk, a file-size limit or a read-only
    mount makes it fail (mkstemp names the temp file it could not make)."""

    def boom(*a, **k):
        if "dir" in k:
            raise OSError(err, os.strerror(err), os.path.join(k["dir"], k.get("prefix", "") + "abcd" + k.get("suffix", "")))
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(target, boom)


@pytest.mark.parametrize(
    "err,zh",
    [(28, "磁盘已满"), (27, "文件过大"), (30, "只读")],  # ENOSPC, EFBIG, EROFS
)
def test_check_o_on_a_full_disk_is_a_message_and_the_old_report_stays(cli, tmp_path, monkeypatch, err, zh):
    import errno

    assert (errno.ENOSPC, errno.EFBIG, errno.EROFS) == (28, 27, 30)
    out = tmp_path / "report.json"
    code, _, _ = cli("check", EXAMPLES / "changzhi-engineer.yaml", *AS_OF, "-f", "json", "-o", out)
    before = out.read_bytes()
    _fail(monkeypatch, "titlecli.atomic.os.fsync", err)
    code, stdout, stderr = cli("check", EXAMPLES / "changzhi-engineer.yaml", *AS_OF, "-f", "json", "-o", out)
    bad_input(code, stdout, stderr, "report.json", zh)
    assert out.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_test_o_and_batch_template_on_a_read_only_folder_are_messages(cli, tmp_path, monkeypatch):
    import errno

    _fail(monkeypatch, "titlecli.atomic.tempfile.mkstemp", errno.EROFS)
    code, out, err = cli("test", EXAMPLES / "cases" / "shanxi-changzhi-2022.yaml", "-f", "junit", "-o", tmp_path / "j.xml")
    bad_input(code, out, err, "j.xml", "只读")
    code, out, err = cli("batch", "--template", tmp_path / "roster.xlsx")
    bad_input(code, out, err, "roster.xlsx", "只读")
    assert not list(tmp_path.iterdir())


def _dossier_profile(tmp_path):
    import shutil

    src = EXAMPLES / "changzhi-dossier"
    shutil.copytree(src / "scans", tmp_path / "scans")
    p = tmp_path / "zhang-wei.yaml"
    shutil.copy(src / "zhang-wei.yaml", p)
    return p


def test_dossier_o_on_a_full_disk_is_a_message(cli, tmp_path, monkeypatch):
    import errno

    p = _dossier_profile(tmp_path)
    _fail(monkeypatch, "titlecli.atomic.os.fsync", errno.ENOSPC)
    code, out, err = cli("dossier", p, *AS_OF, "-o", tmp_path / "out.pdf")
    bad_input(code, out, err, "out.pdf", "磁盘已满")
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".out.pdf*"))


def test_upload_on_a_full_disk_is_a_message(cli, tmp_path, monkeypatch):
    import errno

    p = _dossier_profile(tmp_path)
    _fail(monkeypatch, "pathlib.Path.write_bytes", errno.ENOSPC)
    code, out, err = cli("dossier", p, *AS_OF, "--region", "sichuan-panzhihua", "-o", tmp_path / "d.pdf", "--upload", tmp_path / "up")
    bad_input(code, out, err, "up", "--upload", "磁盘已满")
    assert not (tmp_path / "up").exists() and not list(tmp_path.glob(".up*"))


def test_a_scan_deleted_while_the_dossier_is_built_is_named(cli, tmp_path, monkeypatch):
    from titlecli.dossier import layout

    p = _dossier_profile(tmp_path)
    render = layout.Layout.render

    def render_then_delete(self):
        data = render(self)
        (tmp_path / "scans" / "diploma.jpg").unlink()  # the JPEG is copied in after the layout
        return data

    monkeypatch.setattr(layout.Layout, "render", render_then_delete)
    code, out, err = cli("dossier", p, *AS_OF, "-o", tmp_path / "out.pdf")
    bad_input(code, out, err, "diploma.jpg", "生成过程中无法读取")
    assert not (tmp_path / "out.pdf").exists()


def test_regions_list_names_a_broken_file_and_still_lists_the_rest(cli, tmp_path, monkeypatch):
    (tmp_path / "bomb.yaml").write_text(_alias_bomb(), encoding="utf-8")
    (tmp_path / "binary.yaml").write_bytes(b"\xff\xfe\x00")
    (tmp_path / "folder.yaml").mkdir()
    monkeypatch.setenv("TITLECLI_REGION_PATH", str(tmp_path))
    code, out, err = cli("regions", "list", "--format", "json")
    bad_input(code, "", err, "bomb.yaml", "binary.yaml")
    assert "folder.yaml" not in err
    assert "shanxi-changzhi-2022" in {r["id"] for r in json.loads(out)}


# -- dossier inputs: PDFs, templates ----------------------------------------------------------


def _pdf(path, edit=None, text="TOP LEFT"):
    """A one-page A4 PDF with `text` at the top left, changed by `edit(writer, page)`."""
    import io

    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(595, 842))
    c.drawString(50, 780, text)
    c.showPage()
    c.save()
    w = PdfWriter()
    w.add_page(PdfReader(io.BytesIO(buf.getvalue())).pages[0])
    if edit:
        edit(w, w.pages[0])
    w.write(path)
    return path


def _profile_with(tmp_path, *docs):
    text = (EXAMPLES / "changzhi-dossier" / "zhang-wei.yaml").read_text(encoding="utf-8")
    items = "".join(f"\n  - {{kind: work_summary, file: {d}}}" for d in docs)
    text = text[: text.index("documents:")] + "documents:" + (items or " []") + "\n"
    p = tmp_path / "p.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def _bound_text(pdf) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


@pytest.mark.parametrize("rotate", ["45", "/Foo", "-90.0"])
def test_a_pdf_page_with_an_odd_rotate_is_bound(cli, tmp_path, rotate):
    from pypdf.generic import NameObject, NumberObject

    value = NameObject(rotate) if rotate.startswith("/") else NumberObject(int(float(rotate)))
    _pdf(tmp_path / "r.pdf", lambda w, page: page.__setitem__(NameObject("/Rotate"), value))
    code, out, err = cli("dossier", _profile_with(tmp_path, "r.pdf"), *AS_OF, "-o", tmp_path / "o.pdf")
    assert code == 0, err
    assert "TOP LEFT" in _bound_text(tmp_path / "o.pdf")


def test_a_pdf_whose_mediabox_is_written_upside_down_is_bound(cli, tmp_path):
    # [595 842 0 0] is the same rectangle as [0 0 595 842] (PDF 32000 7.9.5): legal, not broken
    from pypdf.generic import ArrayObject, FloatObject, NameObject

    def invert(w, page):
        page[NameObject("/MediaBox")] = ArrayObject([FloatObject(v) for v in (595, 842, 0, 0)])

    _pdf(tmp_path / "inv.pdf", invert)
    code, out, err = cli("dossier", _profile_with(tmp_path, "inv.pdf"), *AS_OF, "-o", tmp_path / "o.pdf")
    assert code == 0, err
    assert "TOP LEFT" in _bound_text(tmp_path / "o.pdf")


def test_a_content_stream_bomb_is_refused_and_skip_broken_puts_a_placeholder(cli, tmp_path):
    import zlib

    from pypdf.generic import ArrayObject, EncodedStreamObject, NameObject

    def bomb(w, page):
        data = zlib.compress(b" " * 20_000_000, 9)  # 20 KB that inflate to 20 MB, five times
        streams = []
        for _ in range(5):
            s = EncodedStreamObject()
            s._data = data
            s[NameObject("/Filter")] = NameObject("/FlateDecode")
            streams.append(w._add_object(s))
        page[NameObject("/Contents")] = ArrayObject(streams)

    _pdf(tmp_path / "bomb.pdf", bomb)
    p = _profile_with(tmp_path, "bomb.pdf")
    bad_input(*cli("dossier", p, *AS_OF, "-o", tmp_path / "o.pdf"), "bomb.pdf", "解压炸弹")
    code, out, err = cli("dossier", p, *AS_OF, "-o", tmp_path / "o.pdf", "--skip-broken")
    assert code == 0 and "解压炸弹" in out + err


def test_a_pdf_page_that_cannot_become_a_jpg_says_why_not_encrypted_or_corrupt(tmp_path):
    from pypdf.generic import ArrayObject, DictionaryObject, EncodedStreamObject, NameObject, NumberObject

    from titlecli.errors import UserError
    from titlecli.upload import _pdf_pages_as_images

    def undecodable_image(w, page):
        img = EncodedStreamObject()
        img._data = b"not a jpeg at all"
        for k, v in {"/Type": "/XObject", "/Subtype": "/Image", "/ColorSpace": "/DeviceRGB", "/Filter": "/DCTDecode"}.items():
            img[NameObject(k)] = NameObject(v)
        for k, v in {"/Width": 10, "/Height": 10, "/BitsPerComponent": 8}.items():
            img[NameObject(k)] = NumberObject(v)
        res = page["/Resources"].get_object()
        res[NameObject("/XObject")] = DictionaryObject({NameObject("/Im0"): w._add_object(img)})
        assert isinstance(page.get("/MediaBox"), ArrayObject)

    _pdf(tmp_path / "scan.pdf", undecodable_image)
    with pytest.raises(UserError) as e:
        _pdf_pages_as_images(tmp_path / "scan.pdf")
    msg = str(e.value)
    assert "第 1 页" in msg and "无法解码" in msg and "加密" not in msg


@pytest.mark.parametrize(
    "template,needles",
    [
        ("page:\n  size: [21, 29.7]\n", ["page.size", "毫米"]),  # typed in centimetres
        ("footer:\n  text: '{name.nope}'\n", ["footer.text", "{name.nope}"]),
        ("footer:\n  text: '{name.__class__.__mro__}'\n", ["footer.text", "{name.__class__.__mro__}"]),
        ("footer:\n  text: '{name:>999999999}'\n", ["footer.text", "{name:>999999999}"]),
        ("checklist:\n  size: 0\n", ["checklist.size", "字号"]),
        ("cover:\n  title_size: 0\n", ["cover.title_size", "字号"]),
        ("page:\n  margin: {left: 150, right: 100}\n", ["page.margin", "页宽"]),
    ],
)
def test_a_template_that_cannot_be_laid_out_is_a_message_before_the_build(cli, tmp_path, template, needles):
    t = tmp_path / "t.yaml"
    t.write_text(template, encoding="utf-8")
    start = time.monotonic()
    code, out, err = cli("dossier", _profile_with(tmp_path), *AS_OF, "-o", tmp_path / "o.pdf", "--template", t)
    assert time.monotonic() - start < 20
    bad_input(code, out, err, "t.yaml", *needles)
    assert not (tmp_path / "o.pdf").exists()


def test_placeholders_never_reach_into_python():
    from titlecli.dossier.template import fill

    class Secret:
        def __str__(self):
            return "张伟"

    fields = {"name": Secret(), "n": 3}
    assert fill("{name} {{x}} 第 {n} 页", fields) == "张伟 {x} 第 3 页"
    # a region's page_number_style goes through the same fill: attribute access stays text
    for s in ("{n.__class__.__mro__}", "{name.__init__.__globals__}", "{name:>999999999}", "{n!r}", "{0}", "{", "}{"):
        assert fill(s, fields) == s


def test_the_footer_is_cut_short_in_a_few_steps_and_never_loops(monkeypatch):
    from titlecli.dossier.layout import Layout

    lay = Layout.__new__(Layout)
    calls = []
    lay.width = lambda s, size: calls.append(s) or 5.0 * len(s)
    assert lay.ellipsize("张伟", 7.5, 100) == "张伟"
    assert lay.ellipsize("张" * 100_000, 7.5, 52) == "张" * 9 + "…"
    assert len(calls) < 40  # binary search: ~log2(100 000) measurements, not 100 000
    assert lay.ellipsize("张伟 · 基本材料", 7.5, 3) == ""  # narrower than "…": nothing, not a hang


def test_a_multi_page_tiff_is_opened_once_not_once_per_page(cli, tmp_path, monkeypatch):
    from PIL import Image

    frames = [Image.new("L", (200, 280), 255) for _ in range(30)]
    frames[0].save(tmp_path / "m.tif", save_all=True, append_images=frames[1:])
    opened = []
    real_open = Image.open

    def counting_open(fp, *a, **k):
        if str(fp).endswith("m.tif"):
            opened.append(fp)
        return real_open(fp, *a, **k)

    monkeypatch.setattr(Image, "open", counting_open)
    code, out, err = cli("dossier", _profile_with(tmp_path, "m.tif"), *AS_OF, "-o", tmp_path / "o.pdf")
    assert code == 0, err
    assert len(opened) <= 2  # checked once, drawn from one open file (Pillow seeks frame n by walking 0..n-1)


# -- interview -o on a hand-edited profile ----------------------------------------------------


def _interview(target, keys: str):
    import io

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from rich.console import Console

    from titlecli.interview.flow import Interview

    out = io.StringIO()
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text(keys)
        inp.close()
        code = Interview(target, Console(file=out, width=120, highlight=False), None, date(2022, 8, 1)).run()
    return code, out.getvalue()


@pytest.mark.parametrize(
    "old,new,path",
    [
        ("  2017: qualified\n", "  2017: [1, 2]\n", "assessments[2017]"),  # a list where a grade belongs
        ("name: 张伟\n", "name: [张伟]\n", "name"),
        ("  type: enterprise\n", "  type: {a: 1}\n", "employer.type"),
        ("titles:\n", "titles:\n  - 5\n", "titles[0]"),
    ],
)
def test_interview_o_on_a_profile_with_a_type_error_asks_that_answer_again(tmp_path, old, new, path):
    target = tmp_path / "p.yaml"
    assert old in GOOD_TEXT
    target.write_text(GOOD_TEXT.replace(old, new, 1), encoding="utf-8")
    code, out = _interview(target, "\r" * 100)  # Enter throughout: keep every answer that can be kept
    assert code in (0, 130), out  # 130: the re-asked answer is still unanswered when the keys run out
    assert "类型不对" in out and path in out


def test_interview_o_on_an_impossible_date_names_the_key_in_chinese(tmp_path):
    from titlecli.errors import UserError

    target = tmp_path / "p.yaml"
    target.write_text(GOOD_TEXT.replace("  sanction_until: null\n", "  sanction_until: 2022-02-30\n", 1), encoding="utf-8")
    with pytest.raises(UserError) as e:
        _interview(target, "\r")
    assert "status.sanction_until" in str(e.value) and "不是有效的日期" in str(e.value)
    assert "out of range" not in str(e.value)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "{E}", *AS_OF, "-f", "json", "-o", "{L}.json"],
        ["check", "{E}", *AS_OF, "--region", "{L}.yaml"],
        ["check", "{E}", *AS_OF, "--region-path", "{L}"],
        ["dossier", "{E}", *AS_OF, "-o", "{L}.pdf"],
        ["batch", "--template", "{L}.xlsx"],
        ["batch", str(EXAMPLES / "batch" / "roster.xlsx"), *AS_OF, "-o", "{L}"],
        ["test", "{L}"],
        ["regions", "validate", "{L}.yaml"],
    ],
)
def test_an_over_long_path_in_any_option_is_a_message(cli, tmp_path, args):
    # pathlib's exists() itself raises for a name over 255 bytes
    long = str(tmp_path / ("长" * 200))
    args = [a.replace("{E}", str(EXAMPLES / "changzhi-engineer.yaml")).replace("{L}", long) for a in args]
    bad_input(*cli(*args), "过长")
