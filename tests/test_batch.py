"""`titlecli batch`: rosters (xlsx, csv in UTF-8 and GBK, profile folders), attachments, the
summary, resume after an interrupted run, and the template.

The sample applicants are those of examples/batch/make_sample.py (Changzhi 2022).  Rule facts
asserted here come from 003_abb6e7983df217bd.txt 三(一)3 "取得助理工程师职称后从事技术工作满4年":
张伟 (assistant engineer since 2016-09-01) is eligible for 工程师, earliest 2020-09-01.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from titlecli.batch import kind_of

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "batch"
AS_OF = "2022-08-01"


def _sample():
    spec = importlib.util.spec_from_file_location("make_sample", SAMPLE / "make_sample.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


S = _sample()


def write_xlsx(path: Path, rows: list[dict], headers: list[str] | None = None) -> Path:
    headers = headers or S.HEADERS
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[dict], encoding: str, headers: list[str] | None = None) -> Path:
    headers = headers or S.HEADERS
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(headers)
    for r in rows:
        w.writerow(["" if r.get(h) is None else r.get(h) for h in headers])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def attachments(root: Path, folders: dict[str, list[str]] | None = None) -> Path:
    for folder, names in (
        folders or {"张伟": ["身份证.jpg", "毕业证书.jpg", "照片.jpg", "扫描0001.jpg"], "140402199501010028": ["身份证.jpg"]}
    ).items():
        d = root / folder
        d.mkdir(parents=True, exist_ok=True)
        for n in names:
            (d / n).write_bytes(S.scan_jpeg(n) if n.endswith(".jpg") else S.scan_pdf(n))
    return root


def report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text("utf-8"))


def by_name(rep: dict) -> dict:
    return {a["name"]: a for a in rep["applicants"]}


def no_partial_files(out: Path) -> bool:
    return not [p for p in out.iterdir() if p.name.startswith(".titlecli-tmp-") or p.name.endswith(".tmp")]


# --------------------------------------------------------------------------- rosters


def test_xlsx_roster_with_continuation_rows_gives_verdicts_dossiers_and_summary(cli, tmp_path):
    roster = write_xlsx(tmp_path / "花名册.xlsx", S.ROWS)
    att = attachments(tmp_path / "附件")
    out = tmp_path / "out"
    code, stdout, _ = cli("batch", roster, "--attachments", att, "-o", out, "-j", "1", "--as-of", AS_OF)
    assert code == 0, stdout
    rep = by_name(report(out))
    zw = rep["张伟"]
    # 张伟's two rows make one applicant with two diplomas and two papers
    assert zw["row"] == "第2–3行" and zw["status"] == "built"
    assert zw["levels"]["intermediate"]["eligible"] is True
    assert zw["levels"]["intermediate"]["earliest_date"] == "2020-09-01"
    assert zw["id_number"] == "1404**********3219"
    pdf = out / zw["file"]
    assert zw["file"] == "张伟_1404xxxxxxxxxx3219.pdf" and pdf.read_bytes().startswith(b"%PDF") and zw["pages"] > 5
    # the unsortable scan is filed as other and said so; 王芳's folder is named by her ID number
    assert any("扫描0001.jpg" in n for n in zw["notes"])
    assert {"file": "张伟/扫描0001.jpg", "kind": "other", "sorted": False, "included": True} in zw["attachments"]
    assert [a["kind"] for a in rep["王芳"]["attachments"]] == ["id_card"]
    assert "140402199205153219" not in stdout and "1404**" in stdout  # masked (the table may wrap it)
    ws = load_workbook(out / "汇总表.xlsx").active
    head = [c.value for c in ws[1]]
    assert {"姓名", "身份证号", "中级", "中级最早可申报日期", "缺少材料", "页数", "卷宗文件", "状态", "问题"} <= set(head)
    first = dict(zip(head, [c.value for c in ws[2]], strict=False))
    assert (
        first["姓名"] == "张伟"
        and first["身份证号"] == "1404**********3219"
        and first["中级"] == "符合（评审）"
        and first["中级最早可申报日期"] == "2020-09-01"
    )
    assert first["卷宗文件"] == zw["file"] and first["页数"] == zw["pages"]
    assert ws.max_row == 1 + 3  # one row per applicant, not per roster row


def test_gbk_and_utf8_csv_give_the_same_verdicts_as_xlsx(tmp_path):
    from titlecli.batch import Options, run

    results = {}
    for name, make in {
        "xlsx": lambda p: write_xlsx(p.with_suffix(".xlsx"), S.ROWS),
        "gbk": lambda p: write_csv(p.with_suffix(".csv"), S.ROWS, "gbk"),
        "utf8bom": lambda p: write_csv(p.with_suffix(".csv"), S.ROWS, "utf-8-sig"),
    }.items():
        roster = make(tmp_path / name)
        from datetime import date

        res = run(roster, Options(outdir=tmp_path / f"out-{name}", as_of=date(2022, 8, 1)))
        results[name] = [(r.name, r.id_number, r.levels, r.status) for r in res.rows]
    assert results["gbk"] == results["xlsx"] == results["utf8bom"]
    assert [r[0] for r in results["gbk"]] == ["张伟", "王芳", "赵磊"]


def test_a_broken_row_is_reported_with_file_row_and_column_and_the_others_are_built(cli, tmp_path):
    rows = [dict(r) for r in S.ROWS]
    rows[2]["毕业时间"] = "2017-13-45"  # 王芳, roster row 4
    rows[3]["身份证号"] = "140402199006200036"  # 赵磊: wrong check digit
    roster = write_xlsx(tmp_path / "r.xlsx", rows)
    out = tmp_path / "out"
    code, stdout, _ = cli("batch", roster, "-o", out, "-j", "1", "--as-of", AS_OF)
    assert code == 1
    rep = by_name(report(out))
    assert rep["张伟"]["status"] == "built"
    wf = rep["王芳"]
    col = "Q"  # 毕业时间 is the 17th column of the sample roster
    assert wf["status"] == "failed" and wf["file"] is None
    assert any("r.xlsx" in p and f"第4行 毕业时间（{col}列）" in p and "2017-13-45" in p for p in wf["problems"]), wf["problems"]
    assert any("第5行 身份证号" in p and "校验位" in p for p in rep["赵磊"]["problems"])
    assert "失败" in stdout


def test_a_broken_scan_fails_only_its_applicant_unless_skip_broken(cli, tmp_path):
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS[:3])
    att = attachments(tmp_path / "att", {"张伟": ["身份证.jpg"], "王芳": ["毕业证.jpg"]})
    (att / "王芳" / "毕业证.jpg").write_bytes(b"\xff\xd8\xff\xe0 truncated scan")
    out = tmp_path / "out"
    code, _, _ = cli("batch", roster, "--attachments", att, "-o", out, "-j", "1", "--as-of", AS_OF)
    assert code == 1
    rep = by_name(report(out))
    assert rep["张伟"]["status"] == "built"
    assert rep["王芳"]["status"] == "failed" and any("毕业证.jpg" in p for p in rep["王芳"]["problems"])
    code, _, _ = cli("batch", roster, "--attachments", att, "-o", out, "-j", "1", "--as-of", AS_OF, "--skip-broken")
    assert code == 0
    assert by_name(report(out))["王芳"]["status"] == "built"


def test_duplicate_id_numbers_stop_the_roster_naming_both_rows(cli, tmp_path):
    rows = [dict(r) for r in S.ROWS] + [dict(S.ROWS[2], 序号=4, 姓名="王芳芳")]
    roster = write_xlsx(tmp_path / "r.xlsx", rows)
    code, _, stderr = cli("batch", roster, "-o", tmp_path / "out", "--as-of", AS_OF)
    assert code == 2
    assert "第6行" in stderr and "第4行" in stderr and "重复" in stderr
    assert "1404**********0028" in stderr and "140402199501010028" not in stderr
    assert not (tmp_path / "out" / "report.json").exists()


def test_id_number_stored_as_a_number_in_excel_is_explained(tmp_path):
    from titlecli.roster import finish, read_roster

    rows = [dict(S.ROWS[2], 身份证号=1.40402199501010e17)]
    r = read_roster(write_xlsx(tmp_path / "r.xlsx", rows))
    finish(r, None)
    msg = " ".join(str(p) for p in r.applicants[0].problems)
    assert "第2行 身份证号（C列）" in msg and "文本" in msg


def test_a_folder_of_profiles_is_a_roster(cli, tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "zhang.yaml").write_bytes((ROOT / "examples" / "changzhi-engineer.yaml").read_bytes())
    (folder / "broken.yaml").write_text("name: 某人\nid_number: '123'\n", "utf-8")
    out = tmp_path / "out"
    code, _, _ = cli("batch", folder, "-o", out, "-j", "1", "--as-of", AS_OF)
    assert code == 1
    rep = report(out)
    status = {a["row"]: a["status"] for a in rep["applicants"]}
    assert status == {"broken.yaml": "failed", "zhang.yaml": "built"}


# --------------------------------------------------------------------------- attachments


@pytest.mark.parametrize(
    "name,kind",
    [
        ("身份证正反面.jpg", "id_card"),
        ("毕业证书.jpg", "diploma"),
        ("学位证书.pdf", "degree_certificate"),
        ("教育部学历证书电子注册备案表.pdf", "chsi_record"),
        ("学信网截图.png", "chsi_record"),
        ("2寸照片.jpg", "photo"),
        ("社保缴费证明.pdf", "social_security"),
        ("劳动合同.pdf", "labor_contract"),
        ("聘任书.jpg", "appointment_letter"),
        ("2021年度考核表.jpg", "assessment_form"),
        ("继续教育证书.jpg", "continuing_education"),
        ("论文/期刊封面.jpg", "paper"),
        ("业绩证明.pdf", "achievement"),
        ("市科技进步奖获奖证书.jpg", "award"),
        ("助理工程师职称证书.jpg", "title_certificate"),
        ("专业技术工作报告.pdf", "work_report"),
        ("IMG_0001.jpg", None),
    ],
)
def test_attachments_are_sorted_by_the_words_in_their_names(name, kind):
    assert kind_of(name) == kind


def test_a_folder_named_only_by_a_shared_name_is_not_guessed(tmp_path):
    from titlecli.batch import match_folders

    (tmp_path / "张伟").mkdir()
    (tmp_path / "张伟_140402198803120017").mkdir()
    (tmp_path / "李四").mkdir()
    m = match_folders(tmp_path, [("140402199205153219", "张伟"), ("140402198803120017", "张伟")])
    assert m.folders == {1: [tmp_path / "张伟_140402198803120017"]}
    assert "张伟" in m.unmatched and "李四" in m.unmatched
    assert "同名" in m.problems[0][0]


# --------------------------------------------------------------------------- resume


def test_a_rerun_skips_unchanged_applicants_and_rebuilds_a_changed_one(cli, tmp_path):
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS)
    att = attachments(tmp_path / "att")
    out = tmp_path / "out"
    args = ("batch", roster, "--attachments", att, "-o", out, "-j", "1", "--as-of", AS_OF)
    assert cli(*args)[0] == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
    assert cli(*args)[0] == 0
    assert {a["status"] for a in report(out)["applicants"]} == {"unchanged"}
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")} == before
    (att / "张伟" / "照片.jpg").write_bytes(S.scan_jpeg("another photo"))
    assert cli(*args)[0] == 0
    status = {a["name"]: a["status"] for a in report(out)["applicants"]}
    assert status == {"张伟": "built", "王芳": "unchanged", "赵磊": "unchanged"}
    # a changed --as-of is a changed input for everyone
    assert cli(*args[:-1], "2022-09-01")[0] == 0
    assert {a["status"] for a in report(out)["applicants"]} == {"built"}


def test_a_run_killed_with_sigkill_is_completed_by_a_rerun_with_no_partial_file(tmp_path):
    rows = []
    for i in range(6):  # six copies of 张伟 under different ID numbers
        base = f"1404021992051{i:03d}1"[:17]
        from stdnum.cn import ric

        idn = base + ric.calc_check_digit(base + "0")
        rows.append(dict(S.ROWS[0], 身份证号=idn, 姓名=f"张伟{i}"))
    roster = write_xlsx(tmp_path / "r.xlsx", rows)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "titlecli", "batch", str(roster), "-o", str(out), "-j", "1", "--as-of", AS_OF]
    env = dict(os.environ, TITLECLI_CACHE_DIR=str(tmp_path / "cache"))
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out / ".titlecli-batch.json").exists() and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (out / "report.json").exists()  # killed in the middle, not after the end
    # leftovers a kill can leave: a dossier being written, a temp of an atomic write
    (out / ".titlecli-tmp-0123456789ab-99999.pdf").write_bytes(b"%PDF-1.7 half")
    (out / ".report.json.x1y2.tmp").write_text("{", "utf-8")
    r = subprocess.run(cmd, env=env, capture_output=True)
    assert r.returncode == 0, r.stderr.decode()
    rep = report(out)
    assert len(rep["applicants"]) == 6 and {a["status"] for a in rep["applicants"]} <= {"built", "unchanged"}
    assert {"unchanged", "built"} <= {a["status"] for a in rep["applicants"]}  # the first kept, the rest built
    assert no_partial_files(out)
    assert all((out / a["file"]).read_bytes().rstrip().endswith(b"%%EOF") for a in rep["applicants"])


def test_two_workers_give_the_same_bytes_as_one(tmp_path):
    from datetime import date

    from titlecli.batch import Options, run

    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS)
    att = attachments(tmp_path / "att")
    for j in (1, 2):
        run(roster, Options(outdir=tmp_path / f"j{j}", attachments=att, jobs=j, as_of=date(2022, 8, 1)))
    names = sorted(p.name for p in (tmp_path / "j1").iterdir() if not p.name.startswith("."))
    assert names == sorted(p.name for p in (tmp_path / "j2").iterdir() if not p.name.startswith("."))
    for n in names:
        assert (tmp_path / "j1" / n).read_bytes() == (tmp_path / "j2" / n).read_bytes(), n


# --------------------------------------------------------------------------- template


def test_template_has_headers_drop_downs_an_example_and_instructions(cli, tmp_path):
    path = tmp_path / "roster.xlsx"
    code, stdout, _ = cli("batch", "--template", path)
    assert code == 0 and path.exists()
    wb = load_workbook(path)
    ws = wb["花名册"]
    head = [c.value for c in ws[1]]
    assert {"姓名", "身份证号", "单位", "学历", "毕业时间", "专业", "参加工作时间", "现职称", "取得时间", "申报级别"} <= set(head)
    lists = {ws.cell(row=1, column=j).value for dv in ws.data_validations.dataValidation for rng in dv.sqref.ranges for j in [rng.min_col]}
    assert {"学历", "申报级别", "学位", "全日制", "单位性质", "地区", "年度考核"} - {"年度考核"} <= lists
    assert ws["A2"].value == "示例" and ws.cell(row=2, column=head.index("姓名") + 1).value
    text = "\n".join(str(c.value) for row in wb["填写说明"].iter_rows() for c in row if c.value)
    assert "续行" in text and "education.graduated" in text
    # the template as it comes has only the example: nothing to do, and it says so
    code, _, _ = cli("batch", path, "-o", tmp_path / "out")
    assert code == 2


def test_the_filled_in_template_is_read_back(tmp_path):
    from titlecli.roster import finish, read_roster
    from titlecli.roster.template import template_bytes

    path = tmp_path / "t.xlsx"
    path.write_bytes(template_bytes())
    wb = load_workbook(path)
    wb["花名册"]["A2"] = 1  # the example rows become a real applicant
    wb["花名册"]["A3"] = None
    wb.save(path)
    r = read_roster(path)
    finish(r, None)
    (a,) = r.applicants
    assert a.ok, a.problems
    assert [e.level for e in a.profile.education] == ["bachelor", "high_school"]
    assert a.profile.titles[0].level == "assistant"  # inferred from 助理工程师
    assert r.warnings == []  # the template's hidden drop-down lists are not "a hidden roster not read"


def test_two_applicants_whose_names_and_masked_ids_agree_get_different_files(tmp_path):
    from datetime import date, timedelta

    from stdnum.cn import ric

    from titlecli.batch import Options, plan

    d = date(1990, 1, 1)
    while True:  # another ID number that masks to 1404**********3219, as 张伟's does
        base = f"140402{d:%Y%m%d}321"
        if ric.calc_check_digit(base + "0") == "9" and base + "9" != "140402199205153219":
            break
        d += timedelta(days=1)
    rows = [S.ROWS[0], dict(S.ROWS[0], 序号=2, 身份证号=base + "9")]
    p = plan(write_xlsx(tmp_path / "r.xlsx", rows), Options(outdir=tmp_path / "out", as_of=date(2022, 8, 1)))
    assert [tk.filename for tk in p.tasks] == ["张伟_1404xxxxxxxxxx3219_2.pdf", "张伟_1404xxxxxxxxxx3219_3.pdf"]


def test_id_numbers_in_folder_names_are_masked_in_output_and_report(cli, tmp_path):
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS[:1])
    att = attachments(tmp_path / "att", {"张伟_140402199205153219": ["身份证.jpg", "IMG_0001.jpg"], "140402198803120017": ["照片.jpg"]})
    out = tmp_path / "out"
    code, stdout, stderr = cli("batch", roster, "--attachments", att, "-o", out, "-j", "1", "--as-of", AS_OF)
    assert code == 0
    for text in (stdout, stderr, (out / "report.json").read_text("utf-8")):
        assert "140402199205153219" not in text and "140402198803120017" not in text
    rep = report(out)
    assert rep["unmatched_attachments"] == ["1404**********0017"]
    assert "张伟_1404**********3219/IMG_0001.jpg" in " ".join(rep["applicants"][0]["notes"])


def test_a_roster_as_clerks_write_it_is_read(tmp_path):
    """A title line above the header, columns that add nothing (民族), 性别 and 出生年月 checked
    against the ID number, "/" for nothing, an apostrophe before the ID, a padded name, a
    continuation row that repeats only the name, 学习形式 in words."""
    from titlecli.roster import finish, read_roster

    text = (
        "2022年度职称申报花名册,,,,,,,,,,,\r\n"
        "序号,姓名,性别,民族,出生年月,身份证号,单位,地区,系列,申报级别,学历,学习形式,毕业时间,参加工作时间,现职称,取得时间\r\n"
        "1,王  芳,女,汉,1995.01,'140402199501010028,某公司,shanxi-changzhi-2022,工程,助理级,本科,全日制,2017年7月,2017.07,/,/\r\n"
        "，王芳,,,,,,,,,大专,非全日制,2014-07-01,,,\r\n"
        "2,赵磊,女,汉,1990.06,140402199006200035,某公司,shanxi-changzhi-2022,工程,中级,大专,全日制,2016/7/1,2016-08-01,助理工程师,2020-09-01\r\n"
    ).replace("，王芳", ",王芳")
    path = tmp_path / "r.csv"
    path.write_bytes(text.encode("gbk"))
    r = read_roster(path)
    finish(r, None)
    wf, zl = r.applicants
    assert wf.ok, wf.problems
    assert wf.name == "王芳" and wf.rows == [3, 4]
    assert [(e.level, e.full_time) for e in wf.profile.education] == [("bachelor", True), ("junior_college", False)]
    assert wf.profile.titles == [] and str(wf.profile.work[0].start) == "2017-07-01"
    # 赵磊's 17th digit (3) says male
    assert [p.path for p in zl.problems] == ["第5行 性别（C列）"]
    assert "与身份证号不符" in zl.problems[0].message


def test_english_keys_as_headers_and_english_messages(cli, tmp_path):
    text = (
        "name,id_number,employer.name,application.region,application.series,application.level,education.level,"
        "education.graduated,work.start\r\n"
        "Zhang Wei,140402199205153219,Some Co,shanxi-changzhi-2022,engineering,intermediate,bachelor,2014-07-01,2014-07-15\r\n"
        "Li Na,140402199501010028,Other Co,shanxi-changzhi-2022,engineering,middle,bachelor,2017-07-01,2017-07-10\r\n"
    )
    roster = tmp_path / "r.csv"
    roster.write_text(text, "utf-8")
    out = tmp_path / "out"
    code, stdout, _ = cli("batch", roster, "-o", out, "-j", "1", "--as-of", AS_OF, "--lang", "en")
    assert code == 1
    rep = by_name(report(out))
    assert rep["Zhang Wei"]["status"] == "built"
    assert rep["Li Na"]["problems"] == [
        f"{roster} row 3, column application.level (F): unknown level 'middle'; expected one of: "
        "member-level, assistant-level, intermediate, deputy senior, senior"
    ]
    assert "Batch summary" in stdout
    # named in the language of the run
    assert not (out / "汇总表.xlsx").exists()
    head = [c.value for c in load_workbook(out / "summary.xlsx").active[1]]
    assert {"Missing materials", "Main reason", "Earliest date", "intermediate earliest date"} <= set(head)


def test_a_misspelt_column_stops_the_roster_but_an_unrelated_one_is_skipped_and_said(cli, tmp_path):
    rows = [dict(S.ROWS[2], 部门="技术部")]
    roster = write_xlsx(tmp_path / "a.xlsx", rows, S.HEADERS + ["部门"])
    out = tmp_path / "out"
    code, stdout, _ = cli("batch", roster, "-o", out, "-j", "1", "--as-of", AS_OF)
    assert code == 0 and "部门" in stdout
    assert report(out)["warnings"] == ["以下列不是档案内容，已跳过：部门（AN列）"]
    # 毕业日期 and 毕业年月 mean 毕业时间; 毕业时问 is a typo of it
    ok = write_xlsx(tmp_path / "b.xlsx", [dict(S.ROWS[2], 毕业年月="2017.07")], [h if h != "毕业时间" else "毕业年月" for h in S.HEADERS])
    assert cli("batch", ok, "-o", tmp_path / "out2", "-j", "1", "--as-of", AS_OF)[0] == 0
    bad = write_xlsx(tmp_path / "c.xlsx", rows, [h if h != "毕业时间" else "毕业时问" for h in S.HEADERS])
    code, _, stderr = cli("batch", bad, "-o", tmp_path / "out3")
    assert code == 2 and "第1行 Q列" in stderr and "毕业时问" in stderr and "是否为 毕业时间" in stderr


# --------------------------------------------------------------------------- clerks' mistakes (QA of issue 5)


def _read(path):
    from titlecli.roster import finish, read_roster

    r = read_roster(path)
    finish(r, None)
    return r


def test_level_written_as_a_title_and_education_with_its_study_form_are_understood(tmp_path):
    """申报级别 written as the title applied for (工程师 = 中级, 助理工程师 = 助理级) and 学历 as
    全日制本科 / 大学本科 (the study form then fills 全日制 when that cell is empty)."""
    rows = [
        dict(S.ROWS[0], 申报级别="工程师", 学历="全日制本科", 全日制=None),
        dict(S.ROWS[1], 学历="普通全日制高中"),
        dict(S.ROWS[2], 申报级别="助理工程师", 学历="大学本科"),
        dict(S.ROWS[3], 申报级别="高级工程师", 学历="成人大专", 全日制=None),
    ]
    zw, wf, zl = _read(write_xlsx(tmp_path / "r.xlsx", rows)).applicants
    assert zw.ok and wf.ok and zl.ok, (zw.problems, wf.problems, zl.problems)
    assert zw.profile.application.level == "intermediate" and wf.profile.application.level == "assistant"
    assert zl.profile.application.level == "deputy_senior"
    assert [(e.level, e.full_time) for e in zw.profile.education] == [("bachelor", True), ("high_school", True)]
    assert [(e.level, e.full_time) for e in zl.profile.education] == [("junior_college", False)]


def test_a_study_form_in_the_education_cell_that_contradicts_the_full_time_cell_is_an_error(tmp_path):
    r = _read(write_xlsx(tmp_path / "r.xlsx", [dict(S.ROWS[2], 学历="自考本科", 全日制="是")]))
    assert [p.path for p in r.applicants[0].problems] == ["第2行 学历（M列）"]
    assert "全日制" in r.applicants[0].problems[0].message


def test_a_skill_grade_is_not_taken_for_a_title_level(tmp_path):
    r = _read(write_xlsx(tmp_path / "r.xlsx", [dict(S.ROWS[2], 申报级别="技师")]))
    assert "技师" in r.applicants[0].problems[0].message


def test_full_width_digits_and_stray_spaces_in_values_are_read(tmp_path):
    rows = [dict(S.ROWS[2], 毕业时间="２０１７－０７－０１", 参加工作时间="２０１７年７月", 申报级别=" 助理级 ", 学历="本 科")]
    wf = _read(write_xlsx(tmp_path / "r.xlsx", rows)).applicants[0]
    assert wf.ok, wf.problems
    assert str(wf.profile.education[0].graduated) == "2017-07-01" and str(wf.profile.work[0].start) == "2017-07-01"
    assert wf.profile.education[0].level == "bachelor"


def test_a_bad_cell_is_reported_once_not_again_as_missing(tmp_path):
    """The ID number stored as a number, or a date that cannot be read, is one problem: no
    second line saying the same cell is empty or missing."""
    rows = [dict(S.ROWS[2], 身份证号=1.40402199501010e17), dict(S.ROWS[3], 毕业时间="去年七月")]
    wf, zl = _read(write_xlsx(tmp_path / "r.xlsx", rows)).applicants
    assert [p.path for p in wf.problems] == ["第2行 身份证号（C列）"], wf.problems
    assert [p.path for p in zl.problems] == ["第3行 毕业时间（Q列）"], zl.problems


def test_a_vertically_merged_cell_counts_for_every_row_it_covers(tmp_path):
    """Clerks merge 单位 over the colleagues of one employer (and 姓名/身份证号 over a person's
    rows); a blank separator row under a merge stays blank; the merged title line is no header."""
    roster = write_xlsx(tmp_path / "r.xlsx", [S.ROWS[2], {}, S.ROWS[3]])
    wb = load_workbook(roster)
    ws = wb.active
    ws.insert_rows(1)
    ws["A1"] = "2022年度职称申报花名册"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(S.HEADERS))
    col = S.HEADERS.index("单位") + 1
    ws.cell(5, col).value = None
    ws.merge_cells(start_row=3, start_column=col, end_row=5, end_column=col)
    wb.save(roster)
    wf, zl = _read(roster).applicants
    assert wf.ok and zl.ok, (wf.problems, zl.problems)
    assert wf.rows == [3] and zl.rows == [5]
    assert zl.profile.employer.name == wf.profile.employer.name == S.ROWS[2]["单位"]


def test_a_broken_scan_is_named_as_the_clerk_filed_it_with_what_to_do(tmp_path):
    from datetime import date

    from titlecli.batch import Options, run

    roster = write_xlsx(tmp_path / "r.xlsx", [S.ROWS[2]])
    att = attachments(tmp_path / "att", {"王芳": ["身份证.jpg"]})
    (att / "王芳" / "学历").mkdir()
    (att / "王芳" / "学历" / "毕业证.JPG").write_bytes(b"\xff\xd8\xff\xe0 truncated scan")
    res = run(roster, Options(outdir=tmp_path / "out", attachments=att, jobs=1, as_of=date(2022, 8, 1)))
    (problem,) = res.rows[0].problems
    assert problem.startswith("王芳/学历/毕业证.JPG：") and "--skip-broken" in problem, problem
    assert "documents[" not in problem and str(tmp_path) not in problem


def test_each_reason_under_the_table_is_one_line_however_narrow_the_terminal(cli, tmp_path, monkeypatch):
    """A reason broken after 'column:' is hard to read and to copy into a search."""
    monkeypatch.setenv("COLUMNS", "60")
    roster = write_xlsx(tmp_path / "r.xlsx", [dict(S.ROWS[2], 毕业时间="2017-13-45")])
    code, stdout, _ = cli("batch", roster, "-o", tmp_path / "out", "-j", "1", "--as-of", AS_OF)
    assert code == 1
    line = next(x for x in stdout.splitlines() if "毕业时间（Q列）" in x)
    assert "2017-13-45" in line and "YYYY-MM-DD" in line, stdout


def _marked_processes(mark: str) -> list[int]:
    pids = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                if mark.encode() in (p / "environ").read_bytes() and (p / "cmdline").read_bytes():  # zombies have no cmdline
                    pids.append(int(p.name))
            except OSError:
                pass
    return pids


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_kill_9_with_two_workers_leaves_no_process_behind_and_a_rerun_completes(tmp_path):
    """kill -9 of `titlecli batch -j 2` must not leave its workers running (or waiting) forever."""
    from stdnum.cn import ric

    rows = []
    for i in range(8):
        base = f"1404021992051{i:03d}1"[:17]
        rows.append(dict(S.ROWS[0], 身份证号=base + ric.calc_check_digit(base + "0"), 姓名=f"张伟{i}"))
    roster = write_xlsx(tmp_path / "r.xlsx", rows)
    out = tmp_path / "out"
    mark = f"TITLECLI_QA_MARK={os.getpid()}-{time.monotonic_ns()}"
    cmd = [sys.executable, "-m", "titlecli", "batch", str(roster), "-o", str(out), "-j", "2", "--as-of", AS_OF]
    env = dict(os.environ, TITLECLI_CACHE_DIR=str(tmp_path / "cache"), TITLECLI_QA_MARK=mark.split("=", 1)[1])
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (out / ".titlecli-batch.json").exists() and proc.poll() is None:
            time.sleep(0.02)
        assert proc.poll() is None, "finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        while _marked_processes(mark) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _marked_processes(mark) == []
        r = subprocess.run(cmd, env=env, capture_output=True)
        assert r.returncode == 0, r.stderr.decode()
        assert len(report(out)["applicants"]) == 8 and no_partial_files(out)
    finally:
        for pid in _marked_processes(mark):
            os.kill(pid, signal.SIGKILL)


def test_template_never_overwrites_a_roster_the_clerk_already_filled(cli, tmp_path):
    path = tmp_path / "花名册.xlsx"
    assert cli("batch", "--template", path)[0] == 0
    filled = write_xlsx(path, [S.ROWS[2]]).read_bytes()
    code, _, stderr = cli("batch", "--template", path)
    assert code == 2 and "已存在" in stderr and "--force" in stderr
    assert path.read_bytes() == filled
    assert cli("batch", "--template", path, "--force")[0] == 0
    assert path.read_bytes() != filled


def test_level_option_takes_the_words_of_the_roster(cli, tmp_path):
    """--level 中级 (or 工程师) means what 申报级别 中级 means in the roster."""
    roster = write_xlsx(tmp_path / "r.xlsx", [S.ROWS[3]])
    for word in ("中级", "工程师"):
        code, _, stderr = cli("batch", roster, "-o", tmp_path / word, "-j", "1", "--as-of", AS_OF, "--level", word)
        assert code == 0, stderr
        assert report(tmp_path / word)["applicants"][0]["target_level"] == "intermediate"
    code, _, stderr = cli("batch", roster, "-o", tmp_path / "x", "--level", "中")
    assert code == 2 and "员级、助理级、中级、副高级、正高级" in stderr


def test_a_date_shown_as_an_excel_serial_number_is_read_as_that_date(tmp_path):
    """A date column formatted as 常规 (General) shows 42186 for 2015-07-01; pasted into a CSV
    it stays that number."""
    from titlecli.roster import CellError, parse_cell_date

    assert str(parse_cell_date(42186)) == str(parse_cell_date("42186")) == str(parse_cell_date(42186.0)) == "2015-07-01"
    with pytest.raises(CellError):
        parse_cell_date(123)  # not a date in any reading
    wf = _read(write_xlsx(tmp_path / "r.xlsx", [dict(S.ROWS[2], 毕业时间=42917, 参加工作时间="42926")])).applicants[0]
    assert wf.ok, wf.problems
    assert (str(wf.profile.education[0].graduated), str(wf.profile.work[0].start)) == ("2017-07-01", "2017-07-10")


def test_with_skip_broken_the_broken_scan_is_named_as_filed_and_its_placeholder_said(tmp_path):
    from datetime import date

    from titlecli.batch import Options, run

    roster = write_xlsx(tmp_path / "r.xlsx", [S.ROWS[2]])
    att = attachments(tmp_path / "att", {"王芳": ["身份证.jpg"]})
    (att / "王芳" / "毕业证.PDF").write_bytes(b"%PDF-1.4\n broken")
    res = run(roster, Options(outdir=tmp_path / "out", attachments=att, jobs=1, as_of=date(2022, 8, 1), skip_broken=True))
    row = res.rows[0]
    assert row.status == "built"
    (warning,) = [w for w in row.warnings if "毕业证.PDF" in w]
    assert warning.startswith("王芳/毕业证.PDF：") and "占位页" in warning and str(tmp_path) not in warning, warning


@pytest.mark.parametrize(
    "key, written, value",
    [
        ("application.level", "初级（助理级）", "assistant"),  # the roster's own label, full-width brackets
        ("application.level", "中级职称", "intermediate"),
        ("application.level", "中级（工程师）", "intermediate"),
        ("education.level", "本科学历", "bachelor"),
        ("education.level", "普通高中", "high_school"),
        ("education.level", "职高", "secondary_vocational"),
        ("education.level", "专升本", "bachelor"),
        ("education.degree", "学士学位", "bachelor"),
        ("education.degree", "工学硕士", "master"),
        ("titles.obtained", "2015-07-01 00:00:00", "2015-07-01"),
    ],
)
def test_more_ways_clerks_write_a_value(key, written, value):
    from titlecli.roster import COLUMNS, parse_cell

    assert str(parse_cell(next(c for c in COLUMNS if c.key == key), written)) == value


def test_an_unknown_region_option_stops_at_once_naming_the_option(cli, tmp_path):
    roster = write_xlsx(tmp_path / "r.xlsx", [S.ROWS[2]])
    code, stdout, stderr = cli("batch", roster, "-o", tmp_path / "out", "--region", "nowhere")
    assert code == 2 and "--region" in stderr and "nowhere" in stderr and "山西长治" in stderr
    assert not (tmp_path / "out").exists()


def test_excel_unicode_text_export_utf16_with_tabs_is_read(tmp_path):
    """Excel's 另存为 "Unicode 文本 (*.txt)": UTF-16 with a BOM, tab-separated."""
    text = "姓名\t身份证号\t毕业时间\r\n王芳\t140402199501010028\t2017-07-01\r\n"
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode("utf-16"))
    r = _read(path)
    assert [a.name for a in r.applicants] == ["王芳"]


def test_a_workbook_with_the_roster_on_a_later_sheet_or_on_several_sheets(tmp_path):
    """The roster is found on the sheet that has its headers (not an empty Sheet1), and other
    sheets that look like rosters too are named in the warnings, never dropped silently."""
    path = write_xlsx(tmp_path / "r.xlsx", [S.ROWS[2]])
    wb = load_workbook(path)
    wb.active.title = "技术部"
    wb.create_sheet("封面", 0)["A1"] = "2022年度职称申报"
    other = wb.create_sheet("生产部")
    other.append(S.HEADERS)
    other.append([S.ROWS[3].get(h) for h in S.HEADERS])
    wb.save(path)
    r = _read(path)
    assert [a.name for a in r.applicants] == ["王芳"]
    assert any("技术部" in w and "生产部" in w for w in r.warnings), r.warnings


def test_headers_wrapped_in_their_cell_or_in_full_width_letters_are_known(tmp_path):
    """Excel headers are often wrapped with Alt+Enter (参加工作\\n时间)."""
    headers = [
        {"参加工作时间": "参加工作\n时间", "毕业时间": "毕业\r\n时间", "身份证号": "身份证号 （ 必填 ）"}.get(h, h) for h in S.HEADERS
    ]
    rows = [
        {
            ({"参加工作时间": "参加工作\n时间", "毕业时间": "毕业\r\n时间", "身份证号": "身份证号 （ 必填 ）"}.get(k, k)): v
            for k, v in S.ROWS[2].items()
        }
    ]
    wf = _read(write_xlsx(tmp_path / "r.xlsx", rows, headers)).applicants[0]
    assert wf.ok, wf.problems
    assert str(wf.profile.work[0].start) == "2017-07-10"
    bad = _read(write_xlsx(tmp_path / "b.xlsx", [dict(rows[0], **{"毕业\r\n时间": "去年"})], headers)).applicants[0]
    assert [p.path for p in bad.problems] == ["第2行 毕业时间（Q列）"]


def test_a_failed_applicant_still_shows_the_employer_and_level_written_in_the_roster(tmp_path):
    """The office follows up failed rows by 单位: the summary keeps what the roster said."""
    from datetime import date

    from titlecli.batch import Options, run

    roster = write_xlsx(tmp_path / "r.xlsx", [dict(S.ROWS[2], 毕业时间="去年")])
    res = run(roster, Options(outdir=tmp_path / "out", jobs=1, as_of=date(2022, 8, 1)))
    row = res.rows[0]
    assert row.status == "failed"
    assert (row.employer, row.target_level) == (S.ROWS[2]["单位"], "assistant")
    head = [c.value for c in load_workbook(tmp_path / "out" / "汇总表.xlsx").active[1]]
    values = dict(zip(head, [c.value for c in load_workbook(tmp_path / "out" / "汇总表.xlsx").active[2]], strict=False))
    assert values["单位"] == S.ROWS[2]["单位"] and values["申报级别"] == "助理级"


def test_an_output_folder_that_cannot_be_made_is_a_message_not_a_traceback(cli, tmp_path):
    roster = write_xlsx(tmp_path / "r.xlsx", [S.ROWS[2]])
    code, _, stderr = cli("batch", roster, "-o", tmp_path / "r.xlsx" / "out", "--as-of", AS_OF)
    assert code == 2 and "r.xlsx/out" in stderr.replace("\\", "/") and "Traceback" not in stderr


def test_ctrl_c_says_how_to_finish_the_batch(cli, tmp_path, monkeypatch):
    import titlecli.batch

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(titlecli.batch, "run", interrupted)
    code, _, stderr = cli("batch", write_xlsx(tmp_path / "r.xlsx", [S.ROWS[2]]), "-o", tmp_path / "out")
    assert code == 130 and "重新运行同一命令" in stderr


def test_an_interrupted_rerun_leaves_no_summary_of_the_previous_run_behind(tmp_path):
    """After a rerun with a changed roster is interrupted, 汇总表.xlsx must not still describe
    the earlier run as if it were this one; the next complete run writes it again."""
    from datetime import date

    from titlecli.batch import Options, run

    out = tmp_path / "out"
    opts = Options(outdir=out, jobs=1, as_of=date(2022, 8, 1))
    run(write_xlsx(tmp_path / "r.xlsx", S.ROWS[2:3]), opts)
    assert (out / "汇总表.xlsx").exists() and (out / "report.json").exists()
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS[2:])

    def stop(*a):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(roster, opts, stop)
    assert not (out / "汇总表.xlsx").exists() and not (out / "report.json").exists()
    res = run(roster, opts)
    assert [r.status for r in res.rows] == ["unchanged", "unchanged"]  # 赵磊 was recorded before the stop
    assert len(report(out)["applicants"]) == 2 and (out / "汇总表.xlsx").exists()


def test_a_colleague_typed_over_the_example_row_is_read_though_it_still_says_example(tmp_path):
    """Only the template's own example (its ID number) is skipped: a clerk who types over the
    example rows and leaves 示例 in 序号 must not lose that colleague silently."""
    from titlecli.roster.template import template_bytes

    path = tmp_path / "t.xlsx"
    path.write_bytes(template_bytes())
    wb = load_workbook(path)
    ws = wb["花名册"]
    head = [c.value for c in ws[1]]
    ws.cell(2, head.index("姓名") + 1).value = "王芳"
    ws.cell(2, head.index("身份证号") + 1).value = "140402199501010028"
    ws.cell(3, head.index("姓名") + 1).value = "王芳"
    ws.cell(3, head.index("身份证号") + 1).value = "140402199501010028"
    wb.save(path)
    (a,) = _read(path).applicants
    assert a.name == "王芳" and a.rows == [2, 3]
    path.write_bytes(template_bytes())
    with pytest.raises(Exception, match="没有申报人"):
        _read(path)  # the untouched template: nobody


def test_a_two_tier_header_is_read_from_its_lower_row(tmp_path):
    """基本信息 / 学历信息 over the column names, with 姓名 and 身份证号 merged down both rows."""
    path = write_xlsx(tmp_path / "r.xlsx", [S.ROWS[2]])
    wb = load_workbook(path)
    ws = wb.active
    ws.insert_rows(1)
    for j, h in enumerate(S.HEADERS, start=1):
        ws.cell(1, j).value = h if h in ("序号", "姓名", "身份证号") else None
    ws.cell(1, 4).value = "基本信息"
    ws.cell(1, S.HEADERS.index("学历") + 1).value = "学历信息"
    for h in ("序号", "姓名", "身份证号"):
        j = S.HEADERS.index(h) + 1
        ws.cell(2, j).value = None
        ws.merge_cells(start_row=1, start_column=j, end_row=2, end_column=j)
    wb.save(path)
    (a,) = _read(path).applicants
    assert a.ok and a.rows == [3], a.problems


def test_attachments_given_as_a_file_says_a_folder_is_expected(cli, tmp_path):
    roster = write_xlsx(tmp_path / "r.xlsx", [S.ROWS[2]])
    code, _, stderr = cli("batch", roster, "-a", roster, "-o", tmp_path / "out")
    assert code == 2 and "--attachments" in stderr and "不是文件夹" in stderr
