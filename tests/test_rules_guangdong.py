"""Guangzhou and Shenzhen recognition (002_fa2fe71a5f797bd3.txt 广州 / 深圳), both extending `national`
for the years (000_c538dbbcd327a8c4.txt 一.2), through the real CLI."""

import json

import yaml

GZ_ID = "440106199302187517"  # invented Tianhe, Guangzhou (440106) resident ID, valid check digit
SZ_ID = "440304200006014228"  # invented Futian, Shenzhen (440304) resident ID, valid check digit


def profile(tmp_path, region, *, series="engineering", employer="enterprise", education=(), work=(), titles=(), name="p.yaml"):
    data = {
        "name": "测试",
        "id_number": GZ_ID if region == "guangdong-guangzhou" else SZ_ID,
        "employer": {"name": "某公司", "type": employer},
        "application": {"region": region, "series": series, "specialty": "电气工程"},
        "education": list(education),
        "work": list(work),
        "titles": list(titles),
    }
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def edu(level, graduated, degree="none"):
    return {"level": level, "full_time": True, "related": True, "graduated": graduated, "degree": degree}


def job(start, end=None, related=True, professional=True, duties=None):
    w = {"employer": "某公司", "start": start, "end": end, "professional": professional, "related": related}
    if duties:
        w["duties"] = duties
    return w


def check(cli, path, as_of, level):
    code, out, err = cli("check", path, "--as-of", as_of, "--level", level, "--format", "json")
    assert code in (0, 1), err
    v = json.loads(out)
    assert code == (0 if v["eligible"] else 1)
    return v


def only(v):
    (r,) = v["results"]
    return r, {x["rule"]: x for x in r["reasons"]}


# ---------------------------------------------------------------- Guangzhou


def test_guangzhou_recognition_needs_the_national_years(cli, tmp_path):
    # 广州 三3(5) "并且满足申报认定的工作年限"; 000 一.2(4) "Master's degree holders, after working in the major for another
    # three years, can be initially determined as an intermediate professional title"
    p = profile(tmp_path, "guangdong-guangzhou", education=[edu("master", "2021-06-30", "master")], work=[job("2021-07-05")])
    r, why = only(check(cli, p, "2024-07-04", "intermediate"))
    assert (r["eligible"], r["earliest_date"], r["route"]) == (False, "2024-07-05", "initial")
    assert why["years-after-graduation"]["source"].startswith("《申报初定职称的条件和程序是什么》一.2")
    r, why = only(check(cli, p, "2024-07-05", "intermediate"))
    assert (r["eligible"], r["title"]) == (True, "工程师")
    assert why["present-post-matches-specialty"]["passed"]


def test_guangzhou_present_post_must_match_the_declared_specialty(cli, tmp_path):
    # 广州 三3(5) "“专业技术岗位”申报认定专业必须与现从事专业技术工作一致"
    past = [job("2015-07-01", "2020-12-31"), job("2021-01-01", related=False)]
    p = profile(tmp_path, "guangdong-guangzhou", education=[edu("bachelor", "2015-06-30", "bachelor")], work=past)
    r, why = only(check(cli, p, "2024-01-02", "assistant"))
    assert (r["eligible"], r["earliest_date"]) == (False, None)
    assert not why["present-post-matches-specialty"]["passed"] and why["years-after-graduation"]["passed"]
    # and a present post that is not a professional one at all
    p = profile(
        tmp_path,
        "guangdong-guangzhou",
        education=[edu("bachelor", "2015-06-30", "bachelor")],
        work=[job("2015-07-01", "2020-12-31"), job("2021-01-01", professional=False)],
        name="q.yaml",
    )
    r, why = only(check(cli, p, "2024-01-02", "assistant"))
    assert not r["eligible"] and not why["present-post-matches-specialty"]["passed"]


def test_guangzhou_defines_recognition_only(cli, tmp_path):
    # 广州 三3(1) "正常申报 / 中级或初级": no review routes are taken over from the national practice
    p = profile(
        tmp_path,
        "guangdong-guangzhou",
        education=[edu("bachelor", "2005-06-30", "bachelor")],
        work=[job("2005-07-01")],
        titles=[{"level": "intermediate", "series": "engineering", "obtained": "2012-01-01"}],
    )
    v = check(cli, p, "2024-01-02", "deputy_senior")
    assert v["results"] == [] and not v["eligible"]
    _code, out, _ = cli("check", p, "--as-of", "2024-01-02", "--format", "json")
    assert {r["route"] for r in json.loads(out)["results"]} == {"initial"}


def test_guangzhou_duties_over_30_characters_are_flagged_but_do_not_decide(cli, tmp_path):
    # 广州 三3(5) "“主要工作内容”简述岗位工作内容，建议每个岗位不超过30个字"
    long = "负责公司全部变电站及配电网络的规划设计、设备选型、施工图绘制、现场技术交底与竣工验收工作"
    assert len(long) > 30
    p = profile(
        tmp_path, "guangdong-guangzhou", education=[edu("bachelor", "2022-06-30", "bachelor")], work=[job("2022-07-01", duties=long)]
    )
    v = check(cli, p, "2023-08-01", "assistant")
    assert v["eligible"]
    (c,) = v["online"]["checks"]
    assert c["rule"] == "duties-30-characters" and not c["passed"] and "work[0].duties" in c["message"]
    assert any("30" in w for w in v["warnings"])


def test_guangzhou_economics_intermediate_stays_exam_only(cli, tmp_path):
    # 广州 三3(2) "经济师选择代码12" names the series; 000 六.2(3) keeps the economics intermediate title exam-only
    p = profile(
        tmp_path, "guangdong-guangzhou", series="economics", education=[edu("master", "2019-06-30", "master")], work=[job("2019-07-01")]
    )
    r, why = only(check(cli, p, "2024-01-02", "intermediate"))
    assert (r["eligible"], r["earliest_date"]) == (False, None) and not why["exam-series-intermediate"]["passed"]


# ---------------------------------------------------------------- Shenzhen


def test_shenzhen_college_graduate_is_member_one_year_after_graduating(cli, tmp_path):
    # 深圳 "大中专院校毕业生初次专业技术资格考核认定"; 000 一.2(2) "graduate from a junior college and have worked for one year"
    p = profile(tmp_path, "guangdong-shenzhen", education=[edu("junior_college", "2023-06-30")], work=[job("2023-07-03")])
    r, _ = only(check(cli, p, "2024-07-02", "member"))
    assert (r["eligible"], r["earliest_date"]) == (False, "2024-07-03")
    r, why = only(check(cli, p, "2024-07-03", "member"))
    assert (r["eligible"], r["title"]) == (True, "技术员")
    assert why["first-recognition-only"]["passed"] and why["through-the-employing-unit"]["passed"]


def test_shenzhen_first_recognition_only(cli, tmp_path):
    # 深圳 标题 "初次认定"; 2 "点击“初次认定申报”": an initialised member title closes this procedure
    p = profile(
        tmp_path,
        "guangdong-shenzhen",
        education=[edu("junior_college", "2019-06-30")],
        work=[job("2019-07-01")],
        titles=[{"level": "member", "series": "engineering", "obtained": "2020-09-01", "route": "initial"}],
    )
    r, why = only(check(cli, p, "2024-01-02", "assistant"))
    assert (r["eligible"], r["earliest_date"]) == (False, None)
    assert not why["first-recognition-only"]["passed"]
    assert why["years-after-member"]["passed"]  # the national years alone would have been enough


def test_shenzhen_needs_an_employing_unit(cli, tmp_path):
    # 深圳 1-4 "申请单位……为申报者创建个人用户……审核……加盖单位公章": a self-employed graduate has no 申请单位
    kw = {"education": [edu("bachelor", "2020-06-30", "bachelor")], "work": [job("2020-07-01")]}
    r, why = only(check(cli, profile(tmp_path, "guangdong-shenzhen", employer="self_employed", **kw), "2024-01-02", "assistant"))
    assert (r["eligible"], r["earliest_date"]) == (False, None) and not why["through-the-employing-unit"]["passed"]
    r, _ = only(check(cli, profile(tmp_path, "guangdong-shenzhen", employer="non_public", name="q.yaml", **kw), "2024-01-02", "assistant"))
    assert r["eligible"]


def test_shenzhen_online_system_takes_jpg_scans_up_to_300_kb(cli):
    # 深圳 3 "上传相应材料扫描件(图片格式要求JPG，大小不超过300K)"; 4 单位上传签章后的申报表
    from titlecli import regions

    r = regions.load("guangdong-shenzhen")
    assert (r.online.scan.formats, r.online.scan.max_kb) == (["jpg"], 300)
    assert [i.id for i in r.online.items] == ["id-card", "diploma", "degree", "application-form"]
    form = next(m for m in r.materials if m.id == "application-form")
    assert "深圳市大中专院校毕业生初次专业技术资格考核认定申报表" in form.name
    code, out, _err = cli("regions", "show", "guangdong-shenzhen")
    assert code == 0 and "深圳市大中专院校毕业生初次专业技术资格考核认定申报表" in out.replace("\n", "").replace("│", "").replace(" ", "")


def test_shenzhen_upload_folder_keeps_every_scan_under_300_kb(cli, tmp_path):
    # 深圳 3 "图片格式要求JPG，大小不超过300K": a phone photo of the ID card is shrunk to fit
    from PIL import Image

    (tmp_path / "scans").mkdir()
    Image.effect_noise((1200, 1700), 50).convert("RGB").save(tmp_path / "scans" / "id.jpg", quality=95)
    assert (tmp_path / "scans" / "id.jpg").stat().st_size > 300 * 1024
    p = profile(tmp_path, "guangdong-shenzhen", education=[edu("junior_college", "2023-06-30")], work=[job("2023-07-03")])
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    data["documents"] = [{"kind": "id_card", "file": "scans/id.jpg"}]
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, _out, err = cli("dossier", p, "--as-of", "2024-08-01", "--upload", tmp_path / "up", "-o", tmp_path / "d.pdf")
    assert code in (0, 1), err
    files = [f for f in (tmp_path / "up").iterdir() if f.suffix == ".jpg"]
    assert [f.name for f in files] == ["01_身份证.jpg"]
    assert files[0].stat().st_size <= 300 * 1024
    manifest = json.loads((tmp_path / "up" / "manifest.json").read_text(encoding="utf-8"))
    first = manifest["files"][0]
    assert (first["item"], first["limit_kb"], first["formats"], first["ok"]) == ("id-card", 300, ["jpg"], True)
