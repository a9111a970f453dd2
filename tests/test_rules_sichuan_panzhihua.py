"""Panzhihua (Sichuan) initial determination (000_c538dbbcd327a8c4.txt 五) and the Sichuan online
review system (002_fa2fe71a5f797bd3.txt 四川), through the real CLI."""

import json
from datetime import date

import yaml

ID = "510421199801014563"  # an invented Panzhihua Miyi county (510421) resident ID with a valid check digit


def profile(
    tmp_path,
    *,
    series="engineering",
    education=(),
    work=(),
    titles=(),
    assessments=None,
    documents=None,
    region="sichuan-panzhihua",
    name="p.yaml",
):
    data = {
        "name": "测试",
        "id_number": ID,
        "employer": {"name": "攀枝花某单位", "type": "enterprise"},
        "application": {"region": region, "series": series, "specialty": "冶金工程"},
        "education": list(education),
        "work": list(work),
        "titles": list(titles),
        "assessments": assessments or {},
    }
    if documents is not None:
        data["documents"] = documents
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def edu(level, graduated="2020-07-01", full_time=True, related=True):
    degree = {"bachelor": "bachelor", "master": "master", "doctor": "doctor"}.get(level, "none")
    return {"level": level, "full_time": full_time, "related": related, "graduated": graduated, "degree": degree}


def job(start="2020-07-06", related=True):
    return {"employer": "攀枝花某单位", "start": start, "professional": True, "related": related}


def check(cli, path, as_of, level, *extra):
    code, out, err = cli("check", path, "--as-of", as_of, "--level", level, "--format", "json", *extra)
    assert code in (0, 1), err
    v = json.loads(out)
    assert code == (0 if v["eligible"] else 1)
    return v


def initial(v):
    (r,) = [r for r in v["results"] if r["route"] == "initial"]
    return r, {x["rule"]: x for x in r["reasons"]}


def test_panzhihua_college_graduate_is_assistant_after_three_years_without_a_member_title(cli, tmp_path):
    # 五.4 "those who have graduated from a junior college and are engaged in … this major for
    # three years can apply for 'assistant'-level positions"
    p = profile(tmp_path, education=[edu("junior_college", "2020-07-01")], work=[job("2020-07-06")])
    r, why = initial(check(cli, p, "2023-07-05", "assistant"))
    assert (r["eligible"], r["earliest_date"]) == (False, "2023-07-06")
    assert not why["years-after-graduation"]["passed"]
    r, _ = initial(check(cli, p, "2023-07-06", "assistant"))
    assert (r["eligible"], r["pathway"], r["title"]) == (True, "college-3y", "助理工程师")
    # the same applicant under national practice still needs the member title first (一.2(2))
    r, _ = initial(check(cli, p, "2023-07-06", "assistant", "--region", "national"))
    assert (r["eligible"], r["earliest_date"]) == (False, None)


def test_panzhihua_names_no_member_level_for_college_graduates(cli, tmp_path):
    # 五.4 "Those who have graduated from a technical secondary school and have been engaged in
    # technical work in this major for one year can apply for 'member' level positions" — only 中专
    p = profile(tmp_path, education=[edu("secondary_vocational", "2021-07-01")], work=[job("2021-07-10")])
    r, _ = initial(check(cli, p, "2022-07-09", "member"))
    assert (r["eligible"], r["earliest_date"], r["title"]) == (False, "2022-07-10", "技术员")
    r, _ = initial(check(cli, p, "2022-07-10", "member"))
    assert r["eligible"] is True
    p = profile(tmp_path, education=[edu("junior_college", "2021-07-01")], work=[job("2021-07-10")], name="c.yaml")
    r, _ = initial(check(cli, p, "2022-08-01", "member"))
    assert (r["eligible"], r["earliest_date"]) == (False, None)


def test_panzhihua_master_is_intermediate_after_three_years_in_the_major(cli, tmp_path):
    # 五.4 "those who have a master's degree and have worked in this major for three years can
    # apply for … Intermediate positions; PhD holders can apply for intermediate positions"
    p = profile(tmp_path, education=[edu("master", "2022-07-01")], work=[job("2022-07-11")])
    r, _ = initial(check(cli, p, "2025-07-10", "intermediate"))
    assert (r["eligible"], r["earliest_date"]) == (False, "2025-07-11")
    r, _ = initial(check(cli, p, "2025-07-11", "intermediate"))
    assert (r["eligible"], r["title"]) == (True, "工程师")
    p = profile(tmp_path, education=[edu("doctor", "2025-06-30")], work=[job("2025-07-01")], name="d.yaml")
    r, _ = initial(check(cli, p, "2025-07-01", "intermediate"))
    assert (r["eligible"], r["pathway"]) == (True, "doctor")


def test_panzhihua_initial_is_for_a_first_application_only(cli, tmp_path):
    # 五.2 "The applicant is applying for professional and technical position qualifications for the first time"
    base = dict(education=[edu("secondary_vocational", "2014-07-01"), edu("bachelor", "2019-07-01")], work=[job("2014-07-10")])
    first = profile(tmp_path, name="first.yaml", **base)
    r, _ = initial(check(cli, first, "2020-08-01", "assistant"))
    assert r["eligible"] is True
    again = profile(tmp_path, name="again.yaml", titles=[{"level": "member", "obtained": "2015-09-01", "route": "initial"}], **base)
    r, why = initial(check(cli, again, "2020-08-01", "assistant"))
    assert (r["eligible"], r["earliest_date"]) == (False, None)
    assert not why["first-initial-only"]["passed"]


def test_panzhihua_initial_is_for_full_time_graduates_in_a_related_post(cli, tmp_path):
    # 五.1 "The applicant is a graduate of a formal full-time institution recognized by the state";
    # 五.3 "working in a professional and technical position that he studied (or a similar one)"
    p = profile(tmp_path, education=[edu("bachelor", "2019-01-10", full_time=False)], work=[job("2015-08-01")])
    r, _ = initial(check(cli, p, "2023-03-01", "assistant"))
    assert (r["eligible"], r["earliest_date"]) == (False, None)
    p = profile(tmp_path, education=[edu("bachelor", "2019-07-01")], work=[job("2019-07-10", related=False)], name="u.yaml")
    r, why = initial(check(cli, p, "2023-03-01", "assistant"))
    assert r["eligible"] is False and not why["years-after-graduation"]["passed"]


def test_panzhihua_keeps_national_review_and_exclusions(cli, tmp_path):
    # extends national: 一 注(4) "Health technicians … should take the national examination"
    p = profile(tmp_path, series="health", education=[edu("bachelor", "2020-07-01")], work=[job("2020-07-06")])
    r, why = initial(check(cli, p, "2022-01-01", "assistant"))
    assert r["eligible"] is False and not why["health-not-initialised"]["passed"]


def test_panzhihua_check_names_the_sichuan_online_system(cli, tmp_path):
    # 002 四川 "四川省专业技术人才职称评审信息系统个人操作说明"
    p = profile(tmp_path, education=[edu("bachelor", "2020-07-01")], work=[job("2020-07-06")])
    v = check(cli, p, "2021-08-01", "assistant")
    assert v["online"]["system"] == "四川省专业技术人才职称评审信息系统"


def test_panzhihua_upload_keeps_doc_and_image_files_under_10_mb_in_system_order(tmp_path):
    # 002 四川 5.1.1.2 "申报相关附件支持 pdf、doc、图片、xls 数据格式，附件大小不可超过 10M"
    from PIL import Image

    from titlecli import regions
    from titlecli.profile import load_profile
    from titlecli.upload import build

    Image.new("RGB", (600, 400), "white").save(tmp_path / "id.jpg", quality=90)
    (tmp_path / "summary.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"0" * 2000)
    docs = [{"kind": "id_card", "file": "id.jpg"}, {"kind": "work_summary", "file": "summary.doc"}]
    p = profile(tmp_path, education=[edu("bachelor", "2020-07-01")], work=[job("2020-07-06")], documents=docs)
    res = build(load_profile(p), tmp_path, regions.load("sichuan-panzhihua"), date(2021, 8, 1), tmp_path / "up")
    got = {f.item: f for f in res.files}
    assert got["basic"].file == "01_个人基本信息.jpg" and got["basic"].ok
    assert (tmp_path / "up" / got["basic"].file).read_bytes() == (tmp_path / "id.jpg").read_bytes()
    assert got["committee"].file.startswith("09_") and got["committee"].file.endswith(".doc") and got["committee"].ok
    assert got["committee"].limit_kb == 10240
    assert got["continuing-education"].ok and got["continuing-education"].file is None  # optional, not given
    assert not got["education"].ok  # the diploma is required and missing
