"""Dongyang (Zhejiang) online 初定 (002_fa2fe71a5f797bd3.txt 东阳), extending `zhejiang` (002 浙江 一)."""

import json
from datetime import date

import yaml
from conftest import EXAMPLES

ID = "330783199003220081"  # an invented Dongyang (330783) resident ID with a valid check digit


def profile(tmp_path, region="zhejiang-dongyang", valid_until=None, documents=None):
    edu = {"level": "master", "related": True, "graduated": "2012-06-30", "degree": "master"}
    if valid_until:
        edu["chsi_record"] = {"code": "A1", "valid_until": valid_until}
    data = {
        "name": "测试",
        "id_number": ID,
        "application": {"region": region, "series": "engineering", "level": "intermediate"},
        "education": [edu],
        "work": [{"employer": "东阳某公司", "start": "2012-07-01", "related": True}],
        "documents": documents or [],
    }
    path = tmp_path / f"profile-{region}.yaml"  # not "<region id>.yaml": that name would shadow the region
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def check(cli, path, as_of, *extra):
    code, out, err = cli("check", path, "--as-of", as_of, "--level", "intermediate", "--format", "json", *extra)
    assert code in (0, 1), err
    return json.loads(out)


def chsi(v):
    (c,) = [x for x in v["online"]["checks"] if x["rule"] == "chsi-valid"]
    return c


def test_dongyang_master_three_years_boundary(cli):
    # 浙江 一 (inherited): "具有研究生学历或硕士学位者，从事专业工作满3年" — work began 2013-07-15
    path = EXAMPLES / "zhejiang-dongyang-master.yaml"
    r = check(cli, path, "2016-07-14")["results"][0]
    assert (r["eligible"], r["earliest_date"]) == (False, "2016-07-15")
    r = check(cli, path, "2016-07-15")["results"][0]
    assert (r["eligible"], r["earliest_date"], r["route"]) == (True, "2016-07-15", "initial")


def test_dongyang_chsi_record_one_month_where_ningbo_wants_two(cli, tmp_path):
    # 东阳 材料4: "学信网上《学历证书电子注册备案表》（注意有效期为一个月）"; 浙江 二(3): "有效查验日期至少2个月".
    # A record valid to 2017-07-30, handed in on 2017-06-30: enough in Dongyang, not in Ningbo.
    v = check(cli, profile(tmp_path, valid_until="2017-07-30"), "2017-06-30")
    assert chsi(v)["passed"] is True and v["eligible"] is True
    v = check(cli, profile(tmp_path, region="zhejiang", valid_until="2017-07-30"), "2017-06-30")
    assert chsi(v)["passed"] is False and "2017-08-30" in chsi(v)["message"]
    # one day short of the month in Dongyang
    v = check(cli, profile(tmp_path, valid_until="2017-07-29"), "2017-06-30")
    assert chsi(v)["passed"] is False and "2017-07-30" in chsi(v)["message"]
    assert v["eligible"] is True  # the online check does not change eligibility


def test_dongyang_guide_states_no_period_and_check_says_so(cli, tmp_path):
    # The guide is undated ("专业技术职务任职资格初定网上申报办理流程", no date anywhere). Audit of issue 12:
    # it used to end on 2017-11-04 (the 会计从业资格证 it asks for was abolished the next day, a date
    # from outside the seeds); now the notice's period is unknown on any day, and said first.
    for day in ("2017-11-04", "2017-11-05"):
        v = check(cli, profile(tmp_path), day)
        assert v["notice"]["status"] == "unknown" and v["warnings"][0] == "该通知未写有效期：是否仍在执行，请向当地职称办核对"
        assert not any("2017-11-04" in w for w in v["warnings"])


def test_dongyang_keeps_its_own_seven_materials():
    # 东阳 注意5: "1、《初定专业技术职务任职资格表》一式两份 … 6、2寸免冠近期彩照一张；7、提供社保证明"
    from titlecli import regions

    dy = regions.load("zhejiang-dongyang")
    assert [m.name for m in dy.materials] == [
        "《初定专业技术职务任职资格表》",
        "《初定专业技术职务任职资格报表》",
        "学历证书原件、复印件",
        "学信网《教育部学历证书电子注册备案表》（含二维码、在线验证码）",
        "身份证原件和复印件",
        "2寸免冠近期彩照",
        "社保证明",
    ]
    assert [m.copies for m in dy.materials][:2] == [2, 1]
    assert (dy.photo.count, regions.load("zhejiang").photo.count) == (1, 2)  # Ningbo: 个人二寸彩照2张


def test_dongyang_accounting_certificate_slot_gets_a_blank_txt(tmp_path):
    # 东阳 注意1: "若非'会计'专业则在'会计从业资格证'栏上传空白txt文档即可（所有栏目为必填项）"
    from pypdf import PdfWriter

    from titlecli import regions
    from titlecli.profile import load_profile
    from titlecli.upload import build

    w = PdfWriter()  # a real (blank) PDF: one pypdf cannot read is refused, not uploaded unchecked
    w.add_blank_page(595, 842)
    w.write(tmp_path / "form.pdf")
    p = profile(tmp_path, documents=[{"kind": "review_form", "file": "form.pdf"}])
    build(load_profile(p), tmp_path, regions.load("zhejiang-dongyang"), date(2017, 6, 30), tmp_path / "up")
    manifest = json.loads((tmp_path / "up" / "manifest.json").read_text(encoding="utf-8"))
    names = [f["file"] for f in manifest["files"]]
    assert names[0] == "01_初定专业技术资格表.pdf"
    (acc,) = [f for f in manifest["files"] if f["item"] == "accounting-certificate"]
    assert acc["file"].endswith(".txt")
    assert (tmp_path / "up" / acc["file"]).read_bytes().decode("utf-8").startswith("本栏不适用")


def test_dongyang_show_has_the_inherited_rule_and_its_own_notice(cli):
    code, out, _ = cli("regions", "show", "zhejiang-dongyang", "--lang", "en", "--ids")
    assert code == 0
    assert "专业技术职务任职资格初定网上申报办理流程" in out and "Effective: not stated in the document" in out
    assert "master-3y-1y-after" in out  # the provincial pathway, inherited from zhejiang
    assert "浙人专" not in out  # Ningbo's guide number is not Dongyang's
