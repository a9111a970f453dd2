"""Hostile and careless rosters for `titlecli batch` (issue 13): a stray byte, a runaway cell,
a stray cell at the far corner of a sheet, an implausible date, an edited resume record, a
video in an applicant's folder, -j 40 on a small machine — each ends in a summary or a clear
message, never a traceback, and never in gigabytes of memory."""

from __future__ import annotations

import json
import time

import pytest
from openpyxl import load_workbook
from test_batch import AS_OF, S, attachments, by_name, report, write_csv, write_xlsx

from titlecli.batch import STATE_FILE


def batch(cli, roster, out, *extra):
    return cli("batch", roster, "-o", out, "-j", "1", "--as-of", AS_OF, *extra)


def _read(path):
    from titlecli.roster import finish, read_roster

    r = read_roster(path)
    finish(r, None)
    return r


def test_a_control_character_in_a_roster_cell_still_gives_the_summary(cli, tmp_path):
    # openpyxl refuses control characters in a cell: one stray byte pasted into a name once
    # cost the whole 汇总表 and report.json
    rows = [dict(S.ROWS[2], 姓名="王\x07芳", 单位="长治市某电力\x0b设备有限公司")]
    out = tmp_path / "out"
    code, stdout, stderr = batch(cli, write_csv(tmp_path / "r.csv", rows, "utf-8"), out)
    assert code in (0, 1), stdout + stderr
    assert (out / "report.json").exists()
    ws = load_workbook(out / "汇总表.xlsx").active
    head = [c.value for c in ws[1]]
    row = dict(zip(head, [c.value for c in ws[2]], strict=False))
    assert row["姓名"] == "王\ufffd芳" and row["单位"] == "长治市某电力\ufffd设备有限公司"


def test_a_cell_longer_than_csv_allows_names_the_line_of_the_unclosed_quote(cli, tmp_path):
    r = write_csv(tmp_path / "r.csv", S.ROWS, "utf-8")
    lines = r.read_text("utf-8").splitlines()
    lines[3] = lines[3].replace("王芳", '"王芳', 1) + "x" * 200_000  # opened, never closed
    r.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = batch(cli, r, tmp_path / "out")
    assert code == 2 and "Traceback" not in err
    assert "r.csv" in err and "从第4行起" in err and "引号" in err


def test_one_stray_cell_in_the_last_row_and_column_does_not_blow_up_the_sheet(tmp_path):
    from titlecli.roster import read_table

    wb = load_workbook(write_xlsx(tmp_path / "r.xlsx", S.ROWS))
    wb.active["XFD1048576"] = "x"  # the sheet's last cell: once a 1,048,576 x 16,384 grid (7 GB)
    wb.save(tmp_path / "r.xlsx")
    start = time.monotonic()
    table = read_table(tmp_path / "r.xlsx")
    assert time.monotonic() - start < 10
    assert table.header[:3] == S.HEADERS[:3]
    assert [n for n, _ in table.rows] == [2, 3, 4, 5, 1048576]
    assert max(len(cells) for _, cells in table.rows[:-1]) <= len(S.HEADERS)


def test_the_stray_cell_is_a_row_problem_and_the_others_are_built(cli, tmp_path):
    wb = load_workbook(write_xlsx(tmp_path / "r.xlsx", S.ROWS))
    wb.active["B1048576"] = "某人"
    wb.save(tmp_path / "r.xlsx")
    code, stdout, _ = batch(cli, tmp_path / "r.xlsx", tmp_path / "out")
    rep = report(tmp_path / "out")
    assert code == 1 and by_name(rep)["张伟"]["status"] == "built"
    assert by_name(rep)["某人"]["status"] == "failed"


def test_an_excel_day_number_past_2100_is_not_read_as_a_date(tmp_path):
    from titlecli.roster import CellError, parse_cell_date

    assert str(parse_cell_date(73415)) == "2100-12-31"
    with pytest.raises(CellError) as e:
        parse_cell_date(80000)  # 2119-01-10 as a day number: a wrong cell, not a graduation
    assert "2119" in str(e.value)
    for bad in ("2118-01-01", "1066-10-14", 10**30):
        with pytest.raises(CellError):
            parse_cell_date(bad)
    wf = _read(write_xlsx(tmp_path / "r.xlsx", [dict(S.ROWS[2], 毕业时间=80000)])).applicants[0]
    assert not wf.ok and any("毕业时间" in str(p) and "2119" in str(p) for p in wf.problems)


def test_a_work_period_ending_9999_12_31_is_ongoing_as_hr_systems_export_it(tmp_path):
    plain = _read(write_xlsx(tmp_path / "a.xlsx", [S.ROWS[2]])).applicants[0]
    far = _read(write_xlsx(tmp_path / "b.xlsx", [dict(S.ROWS[2], 结束时间="9999-12-31")])).applicants[0]
    assert far.ok, far.problems
    assert far.profile.work[-1].end is None and far.profile == plain.profile


@pytest.mark.parametrize(
    "record",
    [
        "not json at all",
        "[" * 100_000,
        '{"format": 1, "applicants": []}',
        '{"format": 1, "applicants": {"x": "y"}, "outputs": 5}',
        '{"format": 1, "applicants": {"x": {"inputs": 5, "result": []}}}',
    ],
)
def test_a_malformed_resume_record_is_a_message_or_a_rebuild_not_a_crash(cli, tmp_path, record):
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS)
    out = tmp_path / "out"
    assert batch(cli, roster, out)[0] == 0
    (out / STATE_FILE).write_text(record, encoding="utf-8")
    code, stdout, stderr = batch(cli, roster, out)  # the cli fixture raises any exception
    # the record no longer proves the files in OUTDIR are titlecli's: they are kept, and said so
    assert code == 2 and "Traceback" not in stderr and "汇总表.xlsx" in stderr
    for name in ("汇总表.xlsx", "report.json"):
        (out / name).unlink()
    code, stdout, stderr = batch(cli, roster, out)
    assert code == 0, stdout + stderr  # nothing remembered: everyone is built again
    assert {a["status"] for a in report(out)["applicants"]} == {"built"}


def test_a_resume_record_with_malformed_entries_keeps_the_good_ones(tmp_path):
    from titlecli.batch import load_state

    good = {
        "inputs": "abc",
        "result": {
            "status": "built",
            "eligible": True,
            "target_level": "intermediate",
            "pages": 3,
            "file": "a.pdf",
            "levels": {},
            "missing": [],
            "problems": [],
            "warnings": [],
        },
        "size": 10,
        "sha256": "00",
    }
    (tmp_path / STATE_FILE).write_text(
        json.dumps(
            {"format": 1, "applicants": {"g": good, "b": dict(good, result={"levels": []}), "s": "x"}, "outputs": {"r": ["h"], "x": 1}}
        ),
        encoding="utf-8",
    )
    state = load_state(tmp_path)
    assert list(state["applicants"]) == ["g"] and state["outputs"] == {"r": ["h"]}


def test_a_resume_record_whose_results_were_edited_is_not_shown_again(cli, tmp_path):
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS)
    out = tmp_path / "out"
    assert batch(cli, roster, out)[0] == 0
    state = json.loads((out / STATE_FILE).read_text("utf-8"))
    for entry in state["applicants"].values():
        entry["result"]["levels"] = "all of them"  # the inputs still match: only the result is bad
    (out / STATE_FILE).write_text(json.dumps(state), encoding="utf-8")
    code, stdout, stderr = batch(cli, roster, out)
    assert code == 0, stdout + stderr
    assert {a["status"] for a in report(out)["applicants"]} == {"built"}


def test_a_video_in_an_applicants_folder_is_never_read(cli, tmp_path, monkeypatch):
    from titlecli.batch import state as batch_mod

    att = attachments(tmp_path / "att")
    video = att / "张伟" / "答辩录像.mp4"
    with open(video, "wb") as f:
        f.truncate(5 * 1024**3)  # 5 GB, sparse: no disk used
    hashed = []
    real = batch_mod.sha_file
    monkeypatch.setattr(batch_mod, "sha_file", lambda p: hashed.append(str(p)) or real(p))
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS)
    code, stdout, _ = batch(cli, roster, tmp_path / "out", "--attachments", att)
    assert code == 0, stdout
    assert hashed and not any(p.endswith(".mp4") for p in hashed)
    zw = by_name(report(tmp_path / "out"))["张伟"]
    assert {"file": "张伟/答辩录像.mp4", "kind": "other", "sorted": False, "included": False} in zw["attachments"]


def test_a_file_is_hashed_a_megabyte_at_a_time(tmp_path, monkeypatch):
    import hashlib

    from titlecli.batch.state import sha_file

    p = tmp_path / "big.pdf"
    p.write_bytes(b"%PDF" + b"x" * (3 * 1024 * 1024))
    reads = []
    real_open = open

    class Spy:
        def __init__(self, f):
            self.f = f

        def read(self, n=-1):
            reads.append(n)
            return self.f.read(n)

        def __enter__(self):
            return self

        def __exit__(self, *a):
            self.f.close()

    monkeypatch.setattr("builtins.open", lambda *a, **k: Spy(real_open(*a, **k)))
    assert sha_file(p) == hashlib.sha256(p.read_bytes()).hexdigest()
    assert reads and all(0 < n <= 1 << 20 for n in reads)


def test_more_workers_than_cpus_are_capped_and_said(cli, tmp_path, monkeypatch):
    from titlecli.commands import batch as cmd

    monkeypatch.setattr(cmd, "_cpus", lambda: 2)
    assert cmd._workers(None) == (2, None)
    assert cmd._workers(1) == (1, None)
    jobs, note = cmd._workers(40)
    assert jobs == 2 and "-j 40" in note and "2" in note
    code, stdout, stderr = cli("batch", write_xlsx(tmp_path / "r.xlsx", S.ROWS), "-o", tmp_path / "out", "-j", "40", "--as-of", AS_OF)
    assert code == 0 and "-j 40" in stderr and "按 2 个并行进程" in stderr


def test_in_a_workbook_of_several_sheets_a_problem_names_the_sheet_it_is_on(cli, tmp_path):
    """A clerk who keeps last year's roster and a notes sheet beside this year's must find the
    cell: file, sheet, row and the column's Chinese header."""
    path = write_xlsx(tmp_path / "r.xlsx", [dict(S.ROWS[2], 毕业时间="2017-13-45")])
    wb = load_workbook(path)
    wb.active.title = "2022年度"
    wb.create_sheet("备注").append(["本表由人事科填写"])
    wb.save(path)
    (person,) = _read(path).applicants
    assert [str(p).split(": ")[0] for p in person.problems] == [f"{path} 工作表“2022年度” 第2行 毕业时间（Q列）"]
    assert "2017-13-45" in str(person.problems[0])
    # one sheet alone needs no naming
    (alone,) = _read(write_xlsx(tmp_path / "one.xlsx", [dict(S.ROWS[2], 毕业时间="2017-13-45")])).applicants
    assert str(alone.problems[0]).startswith(f"{tmp_path / 'one.xlsx'} 第2行 毕业时间（Q列）")
    # and the roster as a whole: a header misspelt on that sheet
    wb = load_workbook(path)
    wb["2022年度"]["Q1"] = "毕业时问"
    wb.save(path)
    code, _, err = batch(cli, path, tmp_path / "out")
    assert code == 2 and "工作表“2022年度” 第1行 Q列" in err and "毕业时间" in err and "Traceback" not in err
