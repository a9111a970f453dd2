"""Shanghai's online title system (002_fa2fe71a5f797bd3.txt 上海) over national practice (000), through the real CLI."""

import io
import json
import os
from datetime import date

import pytest
import yaml
from conftest import EXAMPLES

ID = "310115199406050037"  # an invented Pudong (310115) resident ID with a valid check digit
HIGH_SCHOOL = {"level": "high_school", "related": False, "graduated": "2019-06-30"}
BACHELOR = {"level": "bachelor", "full_time": True, "related": True, "graduated": "2023-06-30", "degree": "bachelor"}


def profile(tmp_path, *, education=None, work=None, documents=None, series="engineering"):
    data = {
        "name": "测试",
        "id_number": ID,
        "application": {"region": "shanghai", "series": series, "level": "assistant"},
        "education": [HIGH_SCHOOL, BACHELOR] if education is None else education,
        "work": work or [{"employer": "上海某公司", "start": "2023-07-03", "related": True}],
        "documents": documents or [],
    }
    path = tmp_path / "applicant.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def check(cli, path, as_of="2024-09-30"):
    code, out, err = cli("check", path, "--as-of", as_of, "--level", "assistant", "--format", "json")
    assert code in (0, 1), err
    v = json.loads(out)
    return v, {c["rule"]: c for c in v["online"]["checks"]}


def photo_of_size(path, size):
    """A real JPEG padded to exactly `size` bytes (the system looks at the file size)."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (35, 49), "white").save(buf, "JPEG")
    data = buf.getvalue()
    assert len(data) <= size
    path.write_bytes(data + b"\0" * (size - len(data)))
    return path


def test_shanghai_photo_at_most_50k(cli, tmp_path):
    # 上海 ⑵ 友情提示: "在'照片上传'栏目中，请申报人上传个人近期免冠证件照，照片大小不超过50K"
    photo_of_size(tmp_path / "photo.jpg", 50 * 1024)
    v, checks = check(cli, profile(tmp_path, documents=[{"kind": "photo", "file": "photo.jpg"}]))
    assert checks["photo-50k"]["passed"] is True
    photo_of_size(tmp_path / "photo.jpg", 50 * 1024 + 1)
    v, checks = check(cli, profile(tmp_path, documents=[{"kind": "photo", "file": "photo.jpg"}]))
    assert checks["photo-50k"]["passed"] is False and "50 KB" in checks["photo-50k"]["message"]
    assert v["eligible"] is True  # the system's limits do not change the verdict


def test_shanghai_education_history_must_include_high_school(cli, tmp_path):
    # 上海 ⑵ 友情提示: "在'学习经历'栏目中，须填写高中经历，并上传高中毕业证书"
    _, checks = check(cli, profile(tmp_path, education=[BACHELOR]))
    assert checks["high-school"]["passed"] is False
    _, checks = check(cli, profile(tmp_path))
    assert checks["high-school"]["passed"] is True


@pytest.mark.parametrize(
    "start,note,ok",
    [
        ("2024-03-02", None, True),  # 31 days after 2024-01-31: continuous enough
        ("2024-03-03", None, False),  # 32 days: a gap the system wants explained
        ("2024-03-03", "2024年2月待业，办理工作交接", True),
    ],
)
def test_shanghai_work_history_must_be_continuous(cli, tmp_path, start, note, ok):
    # 上海 ⑵ 友情提示: "在'工作经历'栏目中，要保持时间上的连续性。如有不连续时间段，要写明当时的具体情况。"
    second = {"employer": "上海某设计院", "start": start, "related": True}
    if note:
        second["gap_note"] = note
    work = [{"employer": "上海某公司", "start": "2023-07-03", "end": "2024-01-31", "related": True}, second]
    _, checks = check(cli, profile(tmp_path, work=work))
    assert checks["continuous-work"]["passed"] is ok
    if not ok:
        assert "2024-01-31 – 2024-03-03" in checks["continuous-work"]["message"]


def test_shanghai_bachelor_one_year_follows_national_practice(cli, tmp_path):
    # 000 一.2(3) (inherited): "Those who have graduated from a university and have worked for a full year …
    # the 'assistant-level professional title' can be initially determined" — work began 2023-07-03.
    v, _ = check(cli, profile(tmp_path), "2024-07-02")
    (r,) = [r for r in v["results"] if r["route"] == "initial"]
    assert (r["eligible"], r["earliest_date"]) == (False, "2024-07-03")
    v, _ = check(cli, profile(tmp_path), "2024-07-03")
    (r,) = [r for r in v["results"] if r["route"] == "initial"]
    assert (r["eligible"], r["earliest_date"], r["title"]) == (True, "2024-07-03", "助理工程师")
    assert all(x["source"].startswith("《申报初定职称的条件和程序是什么》") for x in r["reasons"])


def test_shanghai_health_is_not_initially_determined(cli, tmp_path):
    # 000 一 注(4) (inherited): "Health technicians … should take the national examination … [not] directly
    # handle the preliminary determination of professional titles"
    v, _ = check(cli, profile(tmp_path, series="health"))
    (r,) = [r for r in v["results"] if r["route"] == "initial"]
    assert (r["eligible"], r["earliest_date"]) == (False, None)
    assert not {x["rule"]: x for x in r["reasons"]}["health-not-initialised"]["passed"]


def test_shanghai_example_shows_what_the_system_would_refuse(cli):
    # The example has no high school and an unexplained two-month gap (上海 ⑵ 友情提示 学习经历 / 工作经历).
    code, out, _ = cli("check", EXAMPLES / "shanghai-master-not-yet.yaml", "--as-of", "2025-03-31", "--format", "json", "--lang", "en")
    v = json.loads(out)
    failed = {c["rule"] for c in v["online"]["checks"] if not c["passed"]}
    assert failed == {"high-school", "continuous-work"}
    assert any("2023-03-31 – 2023-06-01" in w for w in v["warnings"])


def test_shanghai_upload_folder_shrinks_the_photo_under_50k(tmp_path):
    # 上海 ⑵: the columns in the system's order, 照片上传 first, and the photo within 50 KB.
    from PIL import Image

    from titlecli import regions
    from titlecli.profile import load_profile
    from titlecli.upload import build

    Image.frombytes("RGB", (413, 579), os.urandom(413 * 579 * 3)).save(tmp_path / "photo.jpg", quality=95)
    assert (tmp_path / "photo.jpg").stat().st_size > 50 * 1024
    p = profile(tmp_path, documents=[{"kind": "photo", "file": "photo.jpg"}])
    build(load_profile(p), tmp_path, regions.load("shanghai"), date(2024, 9, 30), tmp_path / "up")
    files = json.loads((tmp_path / "up" / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert files[0]["item"] == "photo" and files[0]["file"].startswith("01_")
    assert (tmp_path / "up" / files[0]["file"]).stat().st_size <= 50 * 1024


def test_shanghai_show_names_the_manual_and_the_national_routes(cli):
    code, out, _ = cli("regions", "show", "shanghai", "--ids")
    assert code == 0
    assert "上海市职称服务系统网上申报操作手册（简版）" in out and "有效期：原文未写明" in out  # the manual is undated (audit of issue 12)
    assert "assistant-initial" in out and "《申报初定职称的条件和程序是什么》一.2(3)" in out
    code, out, _ = cli("regions", "show", "shanghai", "--lang", "en")
    assert code == 0 and "initial determination" in out
