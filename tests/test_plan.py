"""`titlecli plan` (issue 20): the road level by level with its tasks and quantities, the
continuing-education ledger, materials that expire, the region ranking, the hand-in window and
the calendar file — every date from a fixed --as-of.

Profiles are the bundled examples (one or more per region), edited in tmp_path where a test
needs a shortfall the example does not have.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
import yaml
from conftest import EXAMPLES, ROOT

from titlecli import regions
from titlecli.plan import plan
from titlecli.profile import load_profile


def example(tmp_path, name: str, edit=None):
    """An example profile, edited (a function of the YAML data) and written to tmp_path."""
    data = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    if edit is not None:
        edit(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def plan_of(path, as_of: str, *region_ids: str, until=None):
    prof = load_profile(path)
    regs = [regions.load(r) for r in (region_ids or [prof.application.region])]
    return plan(prof, regs, date.fromisoformat(as_of), until, str(path))


def route(p, level: str, route_id: str, region: int = 0):
    for lv in p.regions[region].levels:
        for r in lv.routes:
            if lv.level == level and r.route_id == route_id:
                return r
    raise AssertionError(f"no {level} {route_id} in {[(lv.level, [r.route_id for r in lv.routes]) for lv in p.regions[region].levels]}")


def task(r, rule: str):
    found = [x for x in r.tasks + r.blockers if x.rule == rule]
    assert found, f"no task for {rule}: {[x.rule for x in r.tasks + r.blockers]}"
    return found[0]


# ---------------------------------------------------------------------------- tasks, per region


def _drop(key, index=None):
    def edit(d):
        if index is None:
            d.pop(key, None)
        else:
            del d[key][index]

    return edit


def _end_work(day):
    def edit(d):
        d["work"][-1]["end"] = day

    return edit


def _no_local_insurance(d):
    d["special"].pop("local_social_insurance_since")


def _two_modules(d):
    d["certificates"][0]["modules"] = 2


# (region, example, edit, as_of, level, route_id, rule, words in the task, quantities)
TASKS = [
    # 长工信〔2022〕139号 三(一)4 "任助理工程师期间，发表学术论文两篇以上…以独立或以第一作者…字数不少于 2000 字"
    (
        "shanxi-changzhi-2022",
        "changzhi-engineer.yaml",
        _drop("papers", 1),
        "2022-07-01",
        "intermediate",
        "engineer-review",
        "papers-or-technical-materials",
        "再发表 1 篇不少于 2000 字的独著或第一作者论文或论著（取得助理级职称即 2016-09-01 以后）",
        {"one_of": [{"papers": 1, "have": 1, "need": 2, "min_words": 2000, "roles": ["sole", "first"], "since": "2016-09-01"}]},
    ),
    # 长工信〔2022〕139号 三(一)5 "主持或作为主要技术骨干参与完成市厅级以上或规上企业…项目 1 项，并经…验收通过";
    # "主要技术骨干指，国家级项目课题 2-15 名，省（部）级项目课题 2-10 名，市（厅）级或大型企业项目课题 2-8 名"
    (
        "shanxi-changzhi-2022",
        "changzhi-engineer.yaml",
        _drop("achievements"),
        "2022-07-01",
        "intermediate",
        "engineer-review",
        "achievement",
        "再取得 1 项市级及以上或大型企业、规上企业项目的主持（第 1 名）或主要技术骨干（国家级第 2–15 名、省级第 2–10 名、"
        "市级第 2–8 名、大型企业第 2–8 名）业绩并通过验收（取得助理级职称即 2016-09-01 以后）",
        {"achievements": 1, "have": 0, "rank_limits": {"national": 15, "provincial": 10, "municipal": 8, "large": 8}, "accepted": True},
    ),
    # 重庆 二(一)1(4) "取得硕士学位后，从事本专业工作满二年": work stopped after one year
    (
        "chongqing",
        "chongqing-master-engineer.yaml",
        _end_work("2023-07-03"),
        "2023-09-01",
        "intermediate",
        "intermediate-initial",
        "years-after-master",
        "回到可计入的岗位工作，还需 1 年",
        {"months": 24, "months_left": 12},
    ),
    # 广州指引: the present post must match the declared specialty
    (
        "guangdong-guangzhou",
        "guangdong-guangzhou-changed-field.yaml",
        None,
        "2024-06-01",
        "assistant",
        "assistant-initial",
        "present-post-matches-specialty",
        "申报时须在与所学专业相同或相近的专业技术岗位工作",
        {"related": True},
    ),
    # 深圳: the assistant level by review needs the member title first (a title task, not time)
    (
        "guangdong-shenzhen",
        "guangdong-shenzhen-college-member.yaml",
        None,
        "2024-06-01",
        "member",
        "member-initial",
        None,
        None,
        None,
    ),
    # 贵州 (一)3.3) "非公经济组织专业技术申报初级职务需40学时…以上学时均需当年的公需科目": 2022 had 32
    (
        "guizhou",
        "guizhou-non-public-ce-short.yaml",
        None,
        "2023-08-01",
        "assistant",
        "assistant-initial",
        "ce-non-public",
        "2023 年继续教育还差 40 学时（须含当年公需科目）；2022 年学时不足，已无法补足，最早 2024 年申报",
        {"years": [{"year": 2023, "hours": 40.0, "public": 0, "professional": 0, "public_missing": True}], "lost_years": [2022]},
    ),
    # 职称申报指南 高级2 "硕士研究生学历（硕士学位），取得中级职称后，从事本专业技术工作四年以上": the
    # intermediate title is assumed on 2024-06-01 and the job ends a year later
    (
        "jiangsu-nanjing",
        "jiangsu-nanjing-master-not-yet.yaml",
        _end_work("2025-05-31"),
        "2024-06-01",
        "deputy_senior",
        "deputy-senior-review",
        "related-years-after-intermediate",
        "回到可计入的岗位工作，还需 3 年",
        {"months": 48, "months_left": 36},
    ),
    # 盐城 三 "取得全国计算机应用能力考试3个科目合格证": two modules passed
    (
        "jiangsu-yancheng",
        "jiangsu-yancheng-master-after-work.yaml",
        _two_modules,
        "2016-08-01",
        "intermediate",
        "intermediate-initial",
        "computer-certificate",
        "计算机应用能力还差 1 个模块（需 3 个，已通过 2 个）",
        {"one_of": [{"certificates": 1, "have": 0, "need": 1, "kinds": ["computer"], "min_modules": 3, "modules_missing": 1}]},
    ),
    # 000 六.2(3): the engineer review asks for the foreign-language exam
    (
        "national",
        "national-bachelor-assistant.yaml",
        None,
        "2024-06-01",
        "intermediate",
        "engineer-review",
        None,
        "取得职称外语证书",
        {"certificates": 1, "kinds": ["foreign_language"]},
    ),
    # 青海 2022 三(一): private-enterprise staff need a year of local social insurance
    (
        "qinghai-2022",
        "qinghai-2022-private-enterprise.yaml",
        _no_local_insurance,
        "2022-11-01",
        "intermediate",
        "intermediate-review",
        "local-social-insurance-1y",
        "在本地缴纳社会保险满 1 年",
        {"months": 12},
    ),
    (
        "shanghai",
        "shanghai-bachelor-assistant.yaml",
        None,
        "2024-06-01",
        "intermediate",
        "engineer-review",
        None,
        "取得计算机应用能力或信息化素质证书",
        {"certificates": 1, "kinds": ["computer", "info_literacy"]},
    ),
    (
        "sichuan-panzhihua",
        "sichuan-panzhihua-college-assistant.yaml",
        None,
        "2024-06-01",
        "intermediate",
        "engineer-review",
        None,
        "取得职称外语证书",
        {"certificates": 1, "kinds": ["foreign_language"]},
    ),
    # 浙江 一 "学历或学位取得后从事专业工作须满1年": related work stopped before the year
    (
        "zhejiang",
        "zhejiang-master-three-years.yaml",
        _end_work("2023-12-31"),
        "2024-06-01",
        "intermediate",
        "graduate-first-intermediate",
        None,
        "回到可计入的岗位工作，还需",
        {"months": 36},
    ),
    (
        "zhejiang-dongyang",
        "zhejiang-dongyang-master.yaml",
        _end_work("2014-07-14"),
        "2024-06-01",
        "intermediate",
        "graduate-first-intermediate",
        None,
        "回到可计入的岗位工作，还需",
        {"months": 36},
    ),
]


@pytest.mark.parametrize(
    "region_id,name,edit,as_of,level,route_id,rule,words,quantities", TASKS, ids=[f"{x[0]}-{x[6] or x[5]}" for x in TASKS]
)
def test_tasks_state_what_time_will_not_fix_with_quantities(
    tmp_path, region_id, name, edit, as_of, level, route_id, rule, words, quantities
):
    p = plan_of(example(tmp_path, name, edit), as_of)
    assert p.regions[0].region == region_id
    r = route(p, level, route_id)
    if words is None:
        # a region whose road to this level is time alone plus the title below, assumed
        assert r.reachable and r.assumes or r.by_time_alone, (r.tasks, r.blockers)
        return
    found = [x for x in r.tasks if (rule is None or x.rule == rule) and words in x.text]
    assert found, [x.text for x in r.tasks + r.blockers]
    q = found[0].quantities
    for key, value in quantities.items():
        if key == "one_of":
            for want, got in zip(value, q["one_of"], strict=False):
                assert {k: got.get(k) for k in want} == want
        else:
            assert q.get(key) == value, (key, q)
    assert not r.by_time_alone


def test_every_bundled_region_has_a_task_case():
    assert {x[0] for x in TASKS} == set(regions.all_files())


def test_a_task_is_worded_in_english_too(tmp_path, cli):
    path = example(tmp_path, "changzhi-engineer.yaml", _drop("papers", 1))
    code, out, _ = cli("plan", path, "--as-of", "2022-07-01", "--lang", "en", "--format", "json")
    assert code == 1
    r = json.loads(out)["regions"][0]["levels"][0]["routes"][0]
    texts = [x["text"] for x in r["tasks"]]
    assert any("publish 1 more paper or monograph of at least 2,000 words as sole author or first author" in x for x in texts), texts


def test_a_title_task_at_the_routes_own_level_closes_the_route(tmp_path):
    # 长工信〔2022〕139号 三(四) 同级转评 needs an intermediate title of another series: for an
    # assistant engineer that is not a way up
    p = plan_of(EXAMPLES / "changzhi-engineer.yaml", "2022-07-01")
    r = route(p, "intermediate", "engineer-transfer")
    assert not r.reachable
    assert route(p, "intermediate", "engineer-review").by_time_alone


# ---------------------------------------------------------------------------- the road


def test_the_road_assumes_the_title_below_obtained_on_the_day_it_can_first_be_applied_for():
    # 000 (national) 三: 中级 by review, "任助理级职务4年以上" — counted from an assistant title the
    # applicant may apply for now (2024-06-01), so 2028-06-01; 副高级 five years after that.  The
    # 破格 pathway (three papers and a prize) is not the road: the normal one asks for one paper
    p = plan_of(EXAMPLES / "national-bachelor-assistant.yaml", "2024-06-01")
    mid = route(p, "intermediate", "intermediate-review")
    assert mid.pathway == "bachelor-5y-assistant-4y"
    assert [(a.level, a.obtained) for a in mid.assumes] == [("assistant", date(2024, 6, 1))]
    assert mid.opens == date(2028, 6, 1) and [x.text for x in mid.tasks] == ["再发表 1 篇论文"]
    top = route(p, "deputy_senior", "deputy-senior-review")
    assert [(a.level, a.obtained) for a in top.assumes] == [("intermediate", date(2028, 6, 1))]
    assert top.opens == date(2033, 6, 1)


def test_until_stops_the_road_and_names_what_lies_beyond():
    p = plan_of(EXAMPLES / "national-bachelor-assistant.yaml", "2024-06-01", until=2030)
    rp = p.regions[0]
    assert [lv.level for lv in rp.levels][-1] == "intermediate"
    assert rp.beyond_until == ["deputy_senior"]
    assert all(e.day <= date(2030, 12, 31) for e in rp.events)


def test_a_sanction_ends_the_route_until_it_lapses(tmp_path):
    # 长工信〔2022〕139号 二③④ "受到记过以上…处分且在受处分期间的不得申报": in force until 2023-03-31
    # (past this round's 2022-12-31, 三(一)3), so the route opens the day after, in a later round
    def sanction(d):
        d.setdefault("status", {})["sanction_until"] = "2023-03-31"

    p = plan_of(example(tmp_path, "changzhi-engineer.yaml", sanction), "2022-07-01")
    r = route(p, "intermediate", "engineer-review")
    ex = next(e for e in r.exclusions if e.rule == "sanction")
    assert ex.in_force and ex.lapses and ex.lapses_on == date(2023, 4, 1)
    assert r.opens == date(2023, 4, 1) and r.by_time_alone
    assert r.apply_on is None
    assert any("本轮无法申报" in w for w in r.warnings)


def test_an_exclusion_that_lifts_before_a_later_level_opens_is_not_repeated_there(cli):
    # 青海 2022 二(七)1 "参加社会保险满1年以上方可申报": insured since 2022-03-01, so it bars the
    # intermediate review until 2023-03-01; the senior level (2028) is not barred by it
    code, out, _ = cli("plan", EXAMPLES / "qinghai-2022-private-enterprise.yaml", "--as-of", "2022-11-01")
    middle, senior = out.split("━━ 副高级")[0], out.split("━━ 副高级")[1].split("会终止申报的情形")[0]
    assert "✗ 不得申报：在本省非公企业工作" in middle and "2023-03-01 解除" in middle
    assert "✗ 不得申报" not in senior
    assert "社会保险满1年以上方可申报（期满后解除） — 目前在限制中，2023-03-01 解除" in out.replace("\n", "")


def test_the_window_sets_the_day_to_apply():
    # 长工信〔2022〕139号 十(三) "材料收审时间为7月25日至8月25日": on 07-24 one waits, on 07-25 one applies
    p = plan_of(EXAMPLES / "changzhi-engineer.yaml", "2022-07-01")
    r = route(p, "intermediate", "engineer-review")
    assert r.apply_on == date(2022, 7, 25)
    p = plan_of(EXAMPLES / "changzhi-engineer.yaml", "2022-08-25")
    assert route(p, "intermediate", "engineer-review").apply_on == date(2022, 8, 25)
    p = plan_of(EXAMPLES / "changzhi-engineer.yaml", "2022-08-26")
    assert route(p, "intermediate", "engineer-review").apply_on is None


# ---------------------------------------------------------------------------- ledger


def _yancheng_short(d):
    d["continuing_education"] = {2015: {"total": 30, "public": 8}}


def test_jiangsu_ledger_shows_the_shortfall_of_the_year_the_application_checks(tmp_path):
    # 002 江苏盐城 二 "初级专业技术人员平均每年累计接受继续教育不得少于40学时…公需科目…不少于总学时的三分之一"
    # (encoded as 40 h with 13 public, 二 "初级、初升中级每年学习课时不少与13课时"); 二.8 opens on 2016-07-07
    # and checks 2015, the year still running on 2015-10-01
    path = example(tmp_path, "jiangsu-yancheng-master-after-work.yaml", _yancheng_short)
    p = plan_of(path, "2015-10-01")
    lg = p.regions[0].ledger
    assert lg is not None
    row = next(x for x in lg.rows if x.year == 2015)
    assert (row.total, row.public, row.need_total, row.need_public) == (30, 8, 40, 13)
    assert row.short() == (10, 5, 0) and row.checked and row.state == "current"
    assert lg.next_task is not None
    assert lg.next_task.text == "2015 年继续教育还差 10 学时（其中公需 5）"
    assert lg.next_task.by == date(2015, 12, 31)
    r = route(p, "intermediate", "intermediate-initial")
    assert r.can_apply == date(2016, 7, 7) and not r.by_time_alone
    assert p.exit_code == 0  # 二.6 (master's, three years) still opens on 2017-07-07 by time alone


def test_jiangsu_a_past_years_hours_cannot_be_made_up(tmp_path):
    # the same profile on 2016-03-01: 2015 is over and short, so the next year checked is 2016
    path = example(tmp_path, "jiangsu-yancheng-master-after-work.yaml", _yancheng_short)
    p = plan_of(path, "2016-03-01")
    r = route(p, "intermediate", "intermediate-initial")
    # 二.8 opens by time on 2016-07-07, but checks 2015; with 2016's hours done it opens 2017-01-01,
    # still before 二.6's three years (2017-07-07), which needs no hours
    assert r.pathway == "master-after-work-2y-2y" and r.can_apply == date(2017, 1, 1)
    t = task(r, "continuing-education")
    assert t.text == "2016 年继续教育还差 40 学时（其中公需 13）；2015 年学时不足，已无法补足，最早 2017 年申报"
    assert t.quantities["lost_years"] == [2015] and t.by == date(2016, 12, 31)
    other = next(o for o in r.others if o.pathway == "master-3y")
    assert other.can_apply == date(2017, 7, 7) and other.tasks == 0
    assert p.exit_code == 0


def test_guizhou_ledger_for_a_non_public_employer(tmp_path, cli):
    # 002 贵州 (一)3.3) "非公经济组织专业技术申报初级职务需40学时": 32 in 2022, probation over 2023-07-11
    p = plan_of(EXAMPLES / "guizhou-non-public-ce-short.yaml", "2023-08-01")
    rp = p.regions[0]
    r = route(p, "assistant", "assistant-initial")
    assert r.opens == date(2023, 7, 11) and r.can_apply == date(2024, 1, 1)
    t = task(r, "ce-non-public")
    assert t.by == date(2023, 12, 31) and t.opens == date(2024, 1, 1)
    lg = rp.ledger
    assert [(x.year, x.total, x.need_total, x.short()[0], x.checked) for x in lg.rows] == [
        (2022, 32, 40, 8, False),
        (2023, None, 40, 40, True),
    ]
    assert lg.cycle is None
    assert p.exit_code == 1
    code, out, _ = cli("plan", EXAMPLES / "guizhou-non-public-ce-short.yaml", "--as-of", "2023-08-01")
    assert code == 1
    assert "继续教育台账" in out and "2023 年继续教育还差 40 学时" in out


def _guizhou_hours(d):
    d["continuing_education"] = {y: {"total": 32 if y != 2021 else 20, "public": 12} for y in range(2019, 2025)}


def test_guizhou_five_year_total_for_state_owned_units(tmp_path):
    # 002 贵州 (一)3.3) "国有企事业单位…每年为32学时，5年内累计不少于160学时，以上学时均需当年的公需科目":
    # work from 2019-07-08, so 2020–2024 are the years worked in full on 2025-06-01; they hold 148.
    # They are all past: the plan moves to 2026, whose window 2021–2025 holds 116 and 2025 still to do
    path = example(tmp_path, "guizhou-bachelor-assistant.yaml", _guizhou_hours)
    p = plan_of(path, "2025-06-01")
    r = route(p, "assistant", "assistant-initial")
    t = task(r, "ce-state-owned")
    assert t.text == (
        "2025 年继续教育还差 32 学时（须含当年公需科目）；2021–2025 年累计还差 12 学时；"
        "2020–2024 年累计学时不足，已无法补足，最早 2026 年申报"
    )
    assert t.quantities["cumulative_short"] == 12 and t.quantities["lost_totals"] == [
        {"first": 2020, "last": 2024, "done": 148, "need": 160}
    ]
    assert t.by == date(2025, 12, 31) and r.can_apply == date(2026, 1, 1)
    lg = p.regions[0].ledger
    assert (lg.cycle.first, lg.cycle.last, lg.cycle.done, lg.cycle.need) == (2021, 2025, 116, 160)
    row = next(x for x in lg.rows if x.year == 2025)
    assert row.public_missing and row.short()[0] == 32


def test_guizhou_total_asks_a_share_for_the_years_worked_in_full(tmp_path):
    # on 2024-06-01 the window 2019–2023 holds four years worked in full (2019 began in July):
    # 4/5 of 160 is 128 and they hold 116, all past; in 2025 the window 2020–2024 needs 160
    path = example(tmp_path, "guizhou-bachelor-assistant.yaml", _guizhou_hours)
    p = plan_of(path, "2024-06-01")
    r = route(p, "assistant", "assistant-initial")
    t = task(r, "ce-state-owned")
    assert t.text == "2020–2024 年累计还差 12 学时；2020–2023 年累计学时不足，已无法补足，最早 2025 年申报"
    assert r.can_apply == date(2025, 1, 1) and t.by == date(2024, 12, 31)


def test_check_counts_the_total_over_the_years_worked_in_full(tmp_path, cli):
    path = example(tmp_path, "guizhou-bachelor-assistant.yaml", _guizhou_hours)
    code, out, _ = cli("check", path, "--as-of", "2025-06-01", "--level", "assistant", "--format", "json")
    assert code == 1
    assert "2020–2024 年累计 148 学时（需 160）" in out
    code, out, _ = cli("check", path, "--as-of", "2024-06-01", "--level", "assistant", "--format", "json")
    assert code == 1
    assert "2020–2023 年累计 116 学时（需 128）" in out


# ---------------------------------------------------------------------------- materials that expire


def test_dongyang_chsi_record_printed_no_earlier_than_the_hand_in_day():
    # 002 东阳 注意5(4) "学信网上《学历证书电子注册备案表》（注意有效期为一个月）", read as "a month left
    # when handed in", and a printed record lasts one month: print it on the day it is handed in
    p = plan_of(EXAMPLES / "zhejiang-dongyang-master.yaml", "2024-06-01")
    (m,) = p.regions[0].materials
    assert (m.hand_in_by, m.valid_until, m.generate_from) == (date(2024, 6, 1), date(2024, 7, 1), date(2024, 6, 1))
    assert m.held_until == [date(2017, 7, 31)]


def test_zhejiang_chsi_record_valid_two_months_past_the_quarterly_cut_off():
    # 002 浙江 二(3) "有效查验日期至少2个月", 四 "每季度办理一次，季度末月15日前停止受理": the level opens
    # 2026-07-10, the quarter's last hand-in day is 2026-09-14, so the record must last to 2026-11-14
    p = plan_of(EXAMPLES / "zhejiang-master-three-years.yaml", "2024-06-01")
    rp = p.regions[0]
    (m,) = rp.materials
    assert (m.hand_in_by, m.valid_until, m.generate_from) == (date(2026, 9, 14), date(2026, 11, 14), None)
    assert rp.deadlines[0] == [date(2024, 6, 14), date(2026, 9, 14)]


# ---------------------------------------------------------------------------- ranking


def test_regions_ranked_by_the_years_rule(cli):
    # 002 重庆 二(一)1(4) "取得硕士学位后，从事本专业工作满二年，可初定为“中级”资格" against
    # 001 二.6 (盐城) master's graduates "engaged in professional and technical work for 3 years"
    path = EXAMPLES / "chongqing-master-engineer.yaml"
    p = plan_of(path, "2023-09-01", "jiangsu-yancheng", "chongqing")
    assert [rp.region for rp in p.regions] == ["chongqing", "jiangsu-yancheng"]
    assert p.ranking_level == "intermediate"
    assert route(p, "intermediate", "intermediate-initial", 0).can_apply == date(2024, 7, 4)
    assert route(p, "intermediate", "intermediate-initial", 1).opens == date(2025, 7, 4)
    assert p.decisive == "重庆：取得硕士学位后从事本专业工作满二年（2024-07-04）；江苏盐城：毕业后从事专业技术工作满3年（2025-07-04）"
    code, out, _ = cli("plan", path, "--as-of", "2023-09-01", "-r", "jiangsu-yancheng", "-r", "chongqing")
    assert code == 0
    head = out.split("titlecli plan")[0]
    assert head.index("重庆") < head.index("江苏盐城")
    assert "差别：重庆：取得硕士学位后从事本专业工作满二年" in out


def test_all_regions_ranks_every_region_and_details_the_first(cli):
    code, out, _ = cli("plan", EXAMPLES / "chongqing-master-engineer.yaml", "--as-of", "2023-09-01", "--all-regions", "--format", "json")
    data = json.loads(out)
    assert [r["rank"] for r in data["regions"]] == list(range(1, len(regions.all_files()) + 1))
    assert data["regions"][0]["region"] == "chongqing"
    assert data["ranking"]["level"] == "intermediate"
    code, out, _ = cli("plan", EXAMPLES / "chongqing-master-engineer.yaml", "--as-of", "2023-09-01", "--all-regions")
    assert out.count("检查日期：") == 1


# ---------------------------------------------------------------------------- calendar


def test_ics_parses_back_with_the_right_dates_and_the_same_bytes(tmp_path, cli):
    from icalendar import Calendar

    out1, out2 = tmp_path / "a.ics", tmp_path / "b.ics"
    for out in (out1, out2):
        code, _, _ = cli("plan", EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2022-07-01", "--format", "ics", "-o", out)
        assert code == 0
    data = out1.read_bytes()
    assert data == out2.read_bytes()
    cal = Calendar.from_ical(data)
    events = {str(e.get("summary")): e for e in cal.walk("VEVENT")}
    window = next(e for s, e in events.items() if "材料收审" in s)
    # 长工信〔2022〕139号 十(三) "材料收审时间为7月25日至8月25日": all-day, DTEND the day after
    assert window.decoded("dtstart") == date(2022, 7, 25)
    assert window.decoded("dtend") == date(2022, 8, 26)
    apply = next(e for s, e in events.items() if "可申报" in s)
    assert apply.decoded("dtstart") == date(2022, 7, 25)
    for e in cal.walk("VEVENT"):
        assert e.decoded("dtstamp").isoformat() == "2022-07-01T00:00:00+00:00"
        assert "140402" not in str(e.get("uid"))
    assert len({str(e.get("uid")) for e in cal.walk("VEVENT")}) == len(events)
    # another day, same events, same UIDs (a calendar updates them instead of doubling them)
    code, out3, _ = cli("plan", EXAMPLES / "changzhi-engineer.yaml", "--as-of", "2022-07-02", "--format", "ics")
    cal3 = Calendar.from_ical(out3.encode("utf-8"))
    assert {str(e.get("uid")) for e in cal3.walk("VEVENT")} == {str(e.get("uid")) for e in cal.walk("VEVENT")}


def test_ics_holds_the_tasks_last_day(tmp_path, cli):
    from icalendar import Calendar

    code, out, _ = cli("plan", EXAMPLES / "guizhou-non-public-ce-short.yaml", "--as-of", "2023-08-01", "--format", "ics")
    assert code == 1
    cal = Calendar.from_ical(out.encode("utf-8"))
    days = {str(e.get("summary")): e.decoded("dtstart") for e in cal.walk("VEVENT")}
    assert any("继续教育还差 40 学时" in s and d == date(2023, 12, 31) for s, d in days.items()), days
    assert any("可申报" in s and d == date(2024, 1, 1) for s, d in days.items()), days


# ---------------------------------------------------------------------------- CLI, JSON, text


def test_exit_codes(cli, tmp_path):
    assert cli("plan", EXAMPLES / "chongqing-master-engineer.yaml", "--as-of", "2023-09-01")[0] == 0
    assert cli("plan", EXAMPLES / "guizhou-non-public-ce-short.yaml", "--as-of", "2023-08-01")[0] == 1
    assert cli("plan", EXAMPLES / "jiangsu-yancheng-adult-college.yaml", "--as-of", "2024-06-01")[0] == 1
    code, _, err = cli("plan", EXAMPLES / "chongqing-master-engineer.yaml", "--until", "20x0")
    assert code == 2 and "--until" in err
    code, _, err = cli("plan", EXAMPLES / "chongqing-master-engineer.yaml", "--as-of", "2023-09-01", "--until", "2020")
    assert code == 2 and "--until" in err
    code, _, err = cli("plan", EXAMPLES / "chongqing-master-engineer.yaml", "--region", "nowhere")
    assert code == 2 and "nowhere" in err
    code, _, err = cli("plan", EXAMPLES / "chongqing-master-engineer.yaml", "--region", "chongqing", "--all-regions")
    assert code == 2 and "--all-regions" in err
    code, _, err = cli("plan", tmp_path / "missing.yaml")
    assert code == 2 and "missing.yaml" in err
    code, _, err = cli("plan", EXAMPLES / "chongqing-master-engineer.yaml", "--format", "pdf")
    assert code == 2 and "--format" in err


def test_output_never_overwrites_the_profile_or_a_stranger(cli, tmp_path):
    path = example(tmp_path, "chongqing-master-engineer.yaml")
    before = path.read_bytes()
    code, _, err = cli("plan", path, "-o", path, "--format", "json")
    assert code == 2 and path.read_bytes() == before
    other = tmp_path / "notes.txt"
    other.write_text("mine", encoding="utf-8")
    code, _, _ = cli("plan", path, "-o", other)
    assert code == 2 and other.read_text(encoding="utf-8") == "mine"
    out = tmp_path / "plan.json"
    assert cli("plan", path, "--as-of", "2023-09-01", "-f", "json", "-o", out)[0] == 0
    assert cli("plan", path, "--as-of", "2023-09-02", "-f", "json", "-o", out)[0] == 0  # our own is replaced
    assert json.loads(out.read_text(encoding="utf-8"))["as_of"] == "2023-09-02"


def test_the_notice_is_said_first_as_check_says_it(cli):
    # 002 贵州's guide states no period (audit of issue 12): said before the road, in JSON too
    code, out, _ = cli("plan", EXAMPLES / "guizhou-non-public-ce-short.yaml", "--as-of", "2023-08-01")
    assert out.index("该通知未写有效期") < out.index("下一级")
    code, out, _ = cli("plan", EXAMPLES / "guizhou-non-public-ce-short.yaml", "--as-of", "2023-08-01", "-f", "json")
    notice = json.loads(out)["regions"][0]["notice"]
    assert notice["status"] == "unknown" and "未写有效期" in notice["message"]
    assert notice["text"].startswith("《贵州省专业技术职务任职资格初定及评审须知》")


def test_a_window_with_no_last_day_says_so(cli):
    # 青海 2022 三(四)2: materials from 12-11, no end given (none is invented)
    code, out, _ = cli("plan", EXAMPLES / "qinghai-2022-private-enterprise.yaml", "--as-of", "2022-11-01")
    assert "申报时间：2022-12-11 起（通知未写截止日）" in out and "至 —" not in out


def test_what_people_wrote_reaches_the_terminal_as_text(cli, tmp_path):
    def hostile(d):
        d["name"] = "张伟\x1b[2J[/b]"
        d["work"][-1]["employer"] = "某厂\x1b]8;;http://x\x07[red]"

    path = example(tmp_path, "changzhi-engineer.yaml", hostile)
    code, out, _ = cli("plan", path, "--as-of", "2022-07-01")
    assert code == 0
    assert "\x1b" not in out and "\\x1b[2J[/b]" in out and "某厂\\x1b]8;;http://x\\x07[red]" in out


def _keys(obj, prefix="") -> set[str]:
    out = set()
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("citation", "rank_limits"):  # contract §3's fields; a mapping keyed by level
                out.add(k)
                continue
            out.add(k)
            out |= _keys(v)
    elif isinstance(obj, list):
        for v in obj:
            out |= _keys(v)
    return out


def test_json_keys_are_english_snake_case_and_documented(cli, tmp_path):
    doc = (ROOT / "docs" / "plan.md").read_text(encoding="utf-8")
    seen: set[str] = set()
    for name, as_of in (
        ("changzhi-engineer.yaml", "2022-07-01"),
        ("guizhou-non-public-ce-short.yaml", "2023-08-01"),
        ("zhejiang-master-three-years.yaml", "2024-06-01"),
        ("national-bachelor-assistant.yaml", "2024-06-01"),
    ):
        code, out, _ = cli("plan", EXAMPLES / name, "--as-of", as_of, "--format", "json", "-r", "chongqing", "-r", "shanxi-changzhi-2022")
        code, out1, _ = cli("plan", EXAMPLES / name, "--as-of", as_of, "--format", "json")
        seen |= _keys(json.loads(out)) | _keys(json.loads(out1))
    for key in seen:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", key), key
        assert f"`{key}`" in doc, f"docs/plan.md does not document {key}"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "name,as_of",
    [
        ("changzhi-engineer.yaml", "2022-07-01"),
        ("guizhou-non-public-ce-short.yaml", "2023-08-01"),
        ("qinghai-2022-private-enterprise.yaml", "2022-11-01"),
        ("zhejiang-dongyang-master.yaml", "2024-06-01"),
        ("national-bachelor-assistant.yaml", "2024-06-01"),
    ],
)
def test_text_fits_80_columns_and_shows_no_internal_keys(cli, name, as_of, lang):
    from rich.cells import cell_len

    code, out, _ = cli("plan", EXAMPLES / name, "--as-of", as_of, "--lang", lang)
    assert code in (0, 1)
    for line in out.splitlines():
        assert cell_len(line) <= 80, line
    # no rule ids, snake_case keys or seed file names
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", out), re.search(r"\b[a-z]+_[a-z_]+\b", out)
    assert not re.search(r"\d{3}_[0-9a-f]{16}", out)
    assert "时间线" in out if lang == "zh" else "Timeline" in out
    if lang == "en":
        # English throughout, but for the names of titles, people, employers and documents
        for head in ("The road", "Next level", "What would end the road"):
            assert head in out or "no route" in out


def test_timeline_draws_work_periods_and_marks_the_dates():
    from titlecli.plan_render import timeline

    p = plan_of(EXAMPLES / "jiangsu-yancheng-master-after-work.yaml", "2015-10-01")
    lines = timeline(p.regions[0], 80)
    bar = lines[2]
    # worked 2007-07 to 2011-08, studied until 2014-06, back at work since: two stretches of '='
    assert re.search(r"=+\s+=+\.+$", bar), bar
    assert "^" in lines[3]
    assert any("2016-07-07" in x and "工程师" in x for x in lines[4:])
    assert all(len(x) <= 80 for x in lines[:4])


def test_readme_shows_plan_on_a_bundled_example_with_its_real_output(cli, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"```sh\ntitlecli plan (examples/\S+) --as-of (\S+)\n```\n\n```text\n(.*?)\n```", readme, re.S)
    assert m, "README shows no titlecli plan run"
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = cli("plan", ROOT / m.group(1), "--as-of", m.group(2))
    assert code == 1
    shown = [x.rstrip() for x in m.group(3).splitlines()]
    assert [x.rstrip() for x in out.rstrip("\n").splitlines()] == shown
