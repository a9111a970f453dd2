"""batch at scale (issue 18): the resume record as an append-only journal, reruns that trust a
file's size, mtime and inode before hashing it, and `--shard K/N` whose outputs merge into the
same 汇总表 as one run.

Sample applicants: examples/batch/make_sample.py (Changzhi 2022), as in test_batch.py.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_batch import AS_OF, S, attachments, report, write_xlsx

STATE = ".titlecli-batch.json"


def _run(roster, out, att=None, **kw):
    from titlecli.batch import Options, run

    return run(roster, Options(outdir=out, attachments=att, jobs=1, as_of=date(2022, 8, 1), **kw))


def _cells(path: Path) -> dict[str, list[list]]:
    wb = load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}


# --------------------------------------------------------------------------- the journal


def test_the_resume_record_grows_by_one_line_per_finished_applicant_and_ends_as_one(tmp_path):
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS)
    out = tmp_path / "out"
    lines_seen = []

    def on_result(done, total, res):
        lines_seen.append(len((out / STATE).read_bytes().splitlines()))

    from titlecli.batch import Options, run

    run(roster, Options(outdir=out, jobs=1, as_of=date(2022, 8, 1)), on_result)
    # the whole record is not rewritten after each applicant: one line is added
    assert lines_seen == [2, 3, 4]
    assert len((out / STATE).read_bytes().splitlines()) == 1  # compacted at the end


def test_a_line_torn_by_kill_9_is_ignored_and_only_that_applicant_is_built_again(cli, tmp_path):
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS)
    att = attachments(tmp_path / "att")
    out = tmp_path / "out"
    args = ("batch", roster, "--attachments", att, "-o", out, "-j", "1", "--as-of", AS_OF)
    assert cli(*args)[0] == 0
    state = json.loads((out / STATE).read_bytes())
    keys = sorted(state["applicants"])
    # as a run killed while writing the third applicant's line leaves it: the record as it
    # started, two whole lines, and half of the third
    last = keys[2]
    entry = state["applicants"].pop(last)
    head = dict(state, applicants={})
    whole = [json.dumps({"a": k, "e": state["applicants"][k]}, ensure_ascii=False) for k in keys[:2]]
    torn = json.dumps({"a": last, "e": entry}, ensure_ascii=False)
    (out / STATE).write_text("\n".join([json.dumps(head, ensure_ascii=False), *whole, torn[: len(torn) // 2]]), "utf-8")
    code, stdout, _ = cli(*args)
    assert code == 0, stdout
    status = sorted(a["status"] for a in report(out)["applicants"])
    assert status == ["built", "unchanged", "unchanged"]
    # the next append was not glued to the torn line: a third run keeps everyone
    assert cli(*args)[0] == 0
    assert {a["status"] for a in report(out)["applicants"]} == {"unchanged"}


# --------------------------------------------------------------------------- size, mtime, inode


def test_a_rerun_does_not_read_scans_whose_size_mtime_and_inode_are_unchanged(tmp_path, monkeypatch):
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS)
    att = attachments(tmp_path / "att")
    out = tmp_path / "out"
    # the first run hashes what it binds; its files' mtimes lie well before that (not "racy")
    past = 1_600_000_000
    for p in att.rglob("*.jpg"):
        os.utime(p, (past, past))
    _run(roster, out, att)
    from titlecli.batch import state

    hashed = []
    real = state.sha_file

    def counting(path):
        hashed.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(state, "sha_file", counting)
    res = _run(roster, out, att)
    assert {r.status for r in res.rows} == {"unchanged"}
    assert not [n for n in hashed if n.endswith(".jpg")]  # no scan read again
    # a scan rewritten with other bytes of the same size, its mtime put back: the inode tells
    photo = att / "张伟" / "照片.jpg"
    data = bytearray(photo.read_bytes())
    data[-3] ^= 0xFF
    other = photo.with_name("照片.new")
    other.write_bytes(bytes(data))
    os.utime(other, (past, past))
    other.replace(photo)
    hashed.clear()
    res = _run(roster, out, att)
    assert "照片.jpg" in hashed
    assert {r.name: r.status for r in res.rows}["张伟"] == "built"


def test_a_scan_changed_in_place_within_the_same_second_is_hashed_again(tmp_path):
    """A file modified just before it was hashed could change again within the clock's
    granularity without its mtime moving: it is not trusted, so the edit is seen."""
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS)
    att = attachments(tmp_path / "att")
    out = tmp_path / "out"
    _run(roster, out, att)
    photo = att / "张伟" / "照片.jpg"
    st = photo.stat()
    data = bytearray(photo.read_bytes())
    data[-3] ^= 0xFF
    photo.write_bytes(bytes(data))  # same size, same inode
    os.utime(photo, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the mtime put back
    res = _run(roster, out, att)
    assert {r.name: r.status for r in res.rows}["张伟"] == "built"


# --------------------------------------------------------------------------- shards


def _roster_of(n: int, tmp_path: Path) -> Path:
    from stdnum.cn import ric

    rows = []
    for i in range(n):
        base = f"14040219920515{i:03d}"
        rows.append(dict(S.ROWS[0], 身份证号=base + ric.calc_check_digit(base + "0"), 姓名=f"张伟{i}"))
    rows.append(dict(S.ROWS[2]))  # 王芳, not yet eligible
    return write_xlsx(tmp_path / "r.xlsx", rows)


def test_shards_merge_into_the_same_summary_as_one_run(cli, tmp_path):
    roster = _roster_of(5, tmp_path)
    base = ("batch", roster, "-j", "1", "--as-of", AS_OF)
    assert cli(*base, "-o", tmp_path / "whole")[0] == 0
    sizes = []
    for k in (1, 2, 3):
        code, stdout, _ = cli(*base, "--shard", f"{k}/3", "-o", tmp_path / f"s{k}")
        assert code == 0, stdout
        sizes.append(report(tmp_path / f"s{k}")["total"])
    assert sum(sizes) == 6 and max(sizes) < 6  # each applicant in exactly one shard
    code, stdout, _ = cli("batch", "--merge", tmp_path / "s3", "--merge", tmp_path / "s1", "--merge", tmp_path / "s2", "-o", tmp_path / "m")
    assert code == 0, stdout
    whole, merged = _cells(tmp_path / "whole" / "汇总表.xlsx"), _cells(tmp_path / "m" / "汇总表.xlsx")
    assert merged[whole_title := "汇总表"] == whole[whole_title]
    strip = lambda rep: [{k: v for k, v in a.items() if k != "shard"} for a in rep["applicants"]]  # noqa: E731
    assert strip(report(tmp_path / "m")) == strip(report(tmp_path / "whole"))
    # each shard's dossiers are in its own folder, under the names one run gives them
    # (the whole run also wrote the unit's 公示情况一览表.pdf, which lists everyone: no shard has one)
    files = sorted(p.name for k in (1, 2, 3) for p in (tmp_path / f"s{k}").glob("*_*.pdf"))
    assert files == sorted(p.name for p in (tmp_path / "whole").glob("*_*.pdf"))
    assert not [k for k in (1, 2, 3) if (tmp_path / f"s{k}" / "公示情况一览表.pdf").exists()]


def test_an_applicant_stays_in_the_same_shard_when_the_roster_is_reordered(tmp_path):
    from titlecli.batch.plan import in_shard

    ids = [f"id{i}" for i in range(40)]
    first = {i: [k for k in (1, 2, 3) if in_shard(i, (k, 3))] for i in ids}
    assert all(len(v) == 1 for v in first.values())
    assert {v[0] for v in first.values()} == {1, 2, 3}


def test_merge_names_a_missing_shard_and_shards_of_another_run(cli, tmp_path):
    roster = _roster_of(3, tmp_path)
    base = ("batch", roster, "-j", "1", "--as-of", AS_OF)
    for k in (1, 2):
        assert cli(*base, "--shard", f"{k}/3", "-o", tmp_path / f"s{k}")[0] == 0
    code, _, err = cli("batch", "--merge", tmp_path / "s1", "--merge", tmp_path / "s2", "-o", tmp_path / "m")
    assert code == 2 and "缺少分片 3/3" in err
    assert cli(*base[:-1], "2022-09-01", "--shard", "3/3", "-o", tmp_path / "s3")[0] == 0
    code, _, err = cli("batch", "--merge", tmp_path / "s1", "--merge", tmp_path / "s2", "--merge", tmp_path / "s3", "-o", tmp_path / "m")
    assert code == 2 and "检查日期" in err and "as_of" not in err
    code, _, err = cli("batch", "--merge", tmp_path / "s1", "--merge", tmp_path, "-o", tmp_path / "m")
    assert code == 2 and "不是 titlecli batch --shard 的输出文件夹" in err
    assert not (tmp_path / "m" / "汇总表.xlsx").exists()


@pytest.mark.parametrize("bad", ["0/3", "4/3", "1-3", "a/b"])
def test_a_malformed_shard_is_named(cli, tmp_path, bad):
    roster = _roster_of(1, tmp_path)
    code, _, err = cli("batch", roster, "--shard", bad, "-o", tmp_path / "o")
    assert code == 2 and "--shard" in err and "K/N" in err


# --------------------------------------------------------------------------- Windows


def test_workers_started_with_spawn_give_the_same_dossiers_as_one_process(tmp_path, monkeypatch):
    """spawn is how Windows (and macOS) start workers: they import everything afresh."""
    from titlecli.batch import worker

    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS)
    att = attachments(tmp_path / "att")
    _run(roster, tmp_path / "one", att)
    monkeypatch.setattr(worker, "START_METHOD", "spawn")
    from titlecli.batch import Options, run

    res = run(roster, Options(outdir=tmp_path / "spawn", attachments=att, jobs=2, as_of=date(2022, 8, 1)))
    assert len(res.worker_peak_kb) >= 1 and all(pid != os.getpid() for pid in res.worker_peak_kb)
    names = sorted(p.name for p in (tmp_path / "one").glob("*.pdf"))
    assert names and names == sorted(p.name for p in (tmp_path / "spawn").glob("*.pdf"))
    for n in [*names, "汇总表.xlsx"]:
        assert (tmp_path / "one" / n).read_bytes() == (tmp_path / "spawn" / n).read_bytes(), n


def test_batch_runs_where_the_resource_module_does_not_exist(cli, tmp_path, monkeypatch):
    """`resource` is Unix only: batch must not need it (Windows, where many HR offices work)."""
    import sys

    import titlecli

    monkeypatch.setitem(sys.modules, "resource", None)  # `import resource` raises ImportError
    # the package attribute too: the import below rebinds titlecli.batch to the fresh module, and
    # a later test's `import titlecli.batch` would patch that one, not the one sys.modules holds
    monkeypatch.setattr(titlecli, "batch", sys.modules["titlecli.batch"])
    for mod in [m for m in sys.modules if m.startswith("titlecli.batch")]:
        monkeypatch.delitem(sys.modules, mod)
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS)
    code, stdout, _ = cli("batch", roster, "-o", tmp_path / "out", "-j", "1", "--as-of", AS_OF)
    assert code == 0, stdout
    assert {a["status"] for a in report(tmp_path / "out")["applicants"]} == {"built"}
