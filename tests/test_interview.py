"""`titlecli interview`, answered by question key (titlecli/interview/scripted.py).

Each test names the questions it answers (`work.start`, `education:menu`, `review` …); any
other question gets what Enter gives.  A list answers a question each time it is asked, in
order, and an answer a test gives that no question takes fails the test.  The real terminal
(questionary under a pseudo-terminal) is driven in tests/test_interview_terminal.py.
"""

from __future__ import annotations

import io
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from titlecli.cli import full_app
from titlecli.errors import UserError
from titlecli.i18n import set_lang
from titlecli.interview import store
from titlecli.interview.flow import Interview
from titlecli.interview.questions import id_number_problem, parse_answer, parse_date, parse_pair, sections
from titlecli.interview.scripted import CTRL_C, Scripted
from titlecli.interview.scripted import ENTER as ENTER_
from titlecli.profile import load_profile

ROOT = Path(__file__).resolve().parent.parent
INITIAL = str(ROOT / "tests" / "data" / "regions" / "interview-initial.yaml")
EXAMPLE = ROOT / "examples" / "changzhi-engineer.yaml"
GOOD_ID = "140402199205153219"


@pytest.fixture(autouse=True)
def _zh():
    set_lang("zh")
    yield
    set_lang("zh")


def interview(target: Path, answers: dict, region: str | None = None, as_of: date = date(2022, 8, 1)) -> tuple[int, str]:
    s = Scripted(target, answers, region=region, as_of=as_of)
    code = s.run()
    assert not s.unused(), f"answers no question took: {s.unused()}\n{s.asked_keys()}"
    interview.last = s  # type: ignore[attr-defined]
    return code, s.output


def basics(name: str, idn: str, specialty: str, employer: str) -> dict:
    return {"name": name, "id_number": idn, "application.specialty": specialty, "employer.name": employer}


def bachelor(**over) -> dict:
    """The education and work of a bachelor who graduated in 2021 (interview-initial's route)."""
    return {
        "education:menu": ["done"],
        "education.level": ["bachelor"],
        "education.school": ["南京工业大学"],
        "education.major": ["机械工程"],
        "education.graduated": ["2021.7.1"],
        "work:menu": ["done"],
        "work.post": ["设计员"],
        "work.start": ["2021-07-15"],
    } | over


LI = basics("李娜", "110101199003071233", "机械设计", "盐城某机械公司")


def test_initial_determination_applicant_from_scratch(tmp_path):
    # interview-initial.yaml encodes 001 二.3 (本科毕业，从事专业技术工作满1年，初定助理级):
    # the interview asks for education and work, never for papers or achievements.
    target = tmp_path / "li.yaml"
    code, out = interview(target, LI | bachelor(), region=INITIAL)
    assert code == 0, out
    p = load_profile(target)
    assert p.name == "李娜" and p.id_number == "110101199003071233"
    assert p.education[0].level == "bachelor" and p.education[0].degree == "bachelor"
    assert p.education[0].graduated == date(2021, 7, 1)  # typed as 2021.7.1
    assert p.work[0].employer == "盐城某机械公司" and p.work[0].end is None  # Enter took the employer named above
    assert p.application.level == "assistant"
    assert (target.parent / p.application.region).resolve() == Path(INITIAL)  # relative to the profile's folder
    assert "论文论著" not in out and "业绩成果" not in out and "乡镇" not in out
    assert "助理工程师" in out and "符合" in out  # the verdict table after saving
    assert "110101199003071233" not in out and "1101**********1233" in out
    assert not store.draft_path(target).exists()


def test_review_applicant_from_scratch_in_changzhi(tmp_path):
    # Changzhi 三(一)3–7: papers, an accepted achievement and 4 assessments since the assistant
    # title are asked because the 工程师评审 route has conditions of those kinds.
    target = tmp_path / "wang.yaml"
    answers = basics("王强", GOOD_ID, "机械设计", "长治某公司") | {
        "application.level": "intermediate",
        "education:menu": ["done"],
        "education.level": ["bachelor"],
        "education.graduated": ["2014-07-01"],
        "work:menu": ["done"],
        "work.start": ["2014-07-15"],
        "titles:menu": ["done"],
        "titles.level": ["assistant"],
        "titles.obtained": ["2016-09-01"],
        "assessments": ["2018-2021 合格"],
        "papers:menu": ["add", "done"],
        "papers.title": ["齿轮疲劳寿命分析", "主轴热变形补偿"],
        # the journal and its month as a reference gives them; the plagiarism report's figures
        "papers.journal+published": ["机械工程与自动化 2020-06", "《机械工程》2021年3月"],
        "papers.role": ["first", "sole"],
        "papers.words+plagiarism_rate": ["3200 字，120%", "3200 字，12%", "4100"],  # 120% refused, retyped
        "achievements:menu": ["done"],
        "achievements.title": ["生产线技术改造"],
        "achievements.year": ["2020"],
        "achievements.level": ["municipal"],
        "achievements.role": ["lead"],
        "achievements.accepted": [True],
    }
    code, out = interview(target, answers, region="shanxi-changzhi-2022")
    assert code == 0, out
    p = load_profile(target)
    assert [x.title for x in p.papers] == ["齿轮疲劳寿命分析", "主轴热变形补偿"]
    assert p.papers[0].published == date(2020, 6, 1) and p.papers[1].published == date(2021, 3, 1)
    assert p.papers[0].role == "first" and p.papers[0].plagiarism_rate == 0.12 and p.papers[1].role == "sole"
    assert [(x.journal, x.words, x.plagiarism_rate) for x in p.papers] == [("机械工程与自动化", 3200, 0.12), ("机械工程", 4100, None)]
    assert "2020-06-01 · 第一作者 · 3200 字 · 查重率 12%" in out.split("请核对档案")[1]  # what the figures are
    refused = [x.refused for x in interview.last.log if x.key == "papers.words+plagiarism_rate"]
    assert refused == [["查重率应在 0 到 100% 之间"], []]
    assert p.achievements[0].level == "municipal" and p.achievements[0].role == "lead" and p.achievements[0].accepted
    assert p.assessments == {2018: "qualified", 2019: "qualified", 2020: "qualified", 2021: "qualified"}
    assert p.titles[0].name == "助理工程师" and p.titles[0].series == "engineering"
    assert p.education[0].degree == "bachelor"
    assert "achievements.rank" not in interview.last.asked_keys()  # 主持 is the 1st place
    assert "论文论著" in out and "业绩成果" in out
    assert "工程师 · 中级 · 评审  ✓ 符合" in out


def test_invalid_id_number_is_asked_again(tmp_path):
    target = tmp_path / "x.yaml"
    bad = GOOD_ID[:-1] + "8"  # wrong check digit
    code, _ = interview(target, {"name": "张三", "id_number": [bad, GOOD_ID], "phone": [CTRL_C]}, region=INITIAL)
    assert code == 130
    draft, _ = store.read_draft(store.draft_path(target))
    assert draft["id_number"] == GOOD_ID and "phone" not in draft
    assert interview.last.log[-1].refused == ["身份证号校验位不正确，请核对每一位"]
    assert id_number_problem(bad) == "身份证号校验位不正确，请核对每一位"


def test_editing_the_changzhi_example_and_accepting_every_answer_round_trips(tmp_path):
    target = tmp_path / "changzhi-engineer.yaml"
    shutil.copy(EXAMPLE, target)
    code, out = interview(target, {})
    assert code == 0, out
    assert load_profile(target) == load_profile(EXAMPLE)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# 长治 2022 工程系列 · 工程师评审：符合条件的例子")  # the user's comments stay
    assert 'id_number: "140402199205153219"' in text and "sanction_until: null" in text
    assert "{total: 72, public: 24}" in text  # flow style kept
    assert "140402199205153219" not in out and "1404**********3219" in out


def test_editing_changes_one_answer_and_keeps_the_rest(tmp_path):
    target = tmp_path / "p.yaml"
    shutil.copy(EXAMPLE, target)
    code, out = interview(target, {"phone": ["13900000000"]})
    assert code == 0, out
    before, after = load_profile(EXAMPLE), load_profile(target)
    assert after.phone == "13900000000"
    after.phone = before.phone
    assert after == before


def test_interrupted_interview_resumes_from_the_draft(tmp_path):
    target = tmp_path / "r.yaml"
    code, out = interview(
        target, basics("赵六", "110101199003071233", "机械设计", "盐城某机械公司") | {"status.retired": [CTRL_C]}, region=INITIAL
    )
    assert code == 130 and "草稿" in out
    draft = store.draft_path(target)
    assert draft.name == "r.draft.yaml" and not target.exists()
    data, done = store.read_draft(draft)
    assert data["name"] == "赵六" and data["employer"]["name"] == "盐城某机械公司"
    assert done == ["head", "", "application", "employer"]
    # next time: resume (Enter), and only the rest is asked
    code, out = interview(target, bachelor(), region=INITIAL)
    assert code == 0, out
    assert "name" not in interview.last.asked_keys()
    p = load_profile(target)
    assert p.name == "赵六" and p.education[0].graduated == date(2021, 7, 1) and p.work[0].start == date(2021, 7, 15)
    assert not draft.exists()


def test_without_a_terminal_it_points_at_profile_files_and_check():
    result = CliRunner().invoke(full_app(), ["interview", "-o", "x.yaml"], input="")
    assert result.exit_code == 2
    msg = result.output + (result.stderr if result.stderr_bytes is not None else "")
    # a pip-installed user has no examples/ folder: the message holds a profile to start from
    assert "titlecli check" in msg and "examples/" not in msg and "application: {region:" in msg


def test_english_interview_is_complete(tmp_path):
    set_lang("en")
    target = tmp_path / "en.yaml"
    code, out = interview(
        target, basics("Li Na", "110101199003071233", "mechanical design", "ACME") | {"status.retired": [CTRL_C]}, region=INITIAL
    )
    assert code == 130 and "Interrupted" in out and "draft" in out
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in out.replace("测试地区 · 本科毕业生初定", ""))
    assert not any("\u4e00" <= ch <= "\u9fff" for a in interview.last.log for ch in a.message)


def test_every_question_has_a_label_in_both_languages():
    from titlecli.interview.questions import LABELS

    def walk(qs):
        for q in qs:
            yield q
            yield from walk(q.sub)

    for sec in sections():
        assert sec.key == "" or sec.key in LABELS
        for q in walk(sec.questions):
            assert q.path in LABELS, f"add a label for the new profile field {q.path} to LABELS in titlecli/interview/questions.py"


def test_dates_numbers_and_rates_as_people_type_them():
    assert parse_date("2021.7.1") == parse_date("2021-07-01") == parse_date("2021年7月1日") == date(2021, 7, 1)
    with pytest.raises(ValueError, match="日期不存在"):
        parse_date("2021-02-30")
    rate = next(q for s in sections() if s.key == "papers" for q in s.questions if q.key == "plagiarism_rate")
    assert parse_answer(rate, "12%") == parse_answer(rate, "0.12") == 0.12


def test_a_publication_month_is_enough_but_not_for_a_start_date():
    published = next(q for s in sections() if s.key == "papers" for q in s.questions if q.key == "published")
    start = next(q for s in sections() if s.key == "work" for q in s.questions if q.key == "start")
    assert (
        parse_answer(published, "2020-05") == parse_answer(published, "2020年5月") == parse_answer(published, "2020.5") == date(2020, 5, 1)
    )
    assert parse_answer(published, "2020-05-18") == date(2020, 5, 18)
    with pytest.raises(ValueError, match="不是日期"):
        parse_answer(start, "2020-05")  # a month would move the years of work by up to a month
    with pytest.raises(ValueError, match="2020-13"):
        parse_answer(published, "2020-13")


@pytest.mark.parametrize(
    ("phone", "says"),
    [
        ("13812345678", None),
        ("138 1234 5678", None),
        ("+86 138-1234-5678", None),
        ("0355-2345678", None),
        ("021-64041234", None),
        ("(0355)2345678-801", None),
        ("1381234567", "手机号应为 11 位（现为 10 位）"),
        ("2345678", "座机号码请带区号"),
        ("0355-23456", "不是手机号"),
    ],
)
def test_a_phone_number_is_a_mobile_or_a_landline_with_its_area_code(phone, says):
    q = next(q for q in sections()[0].questions if q.key == "phone")
    msg = q.validator(parse_answer(q, phone), {}, {})
    assert (msg is None) if says is None else (says in msg)


def test_work_ending_before_it_starts_is_refused(tmp_path):
    target = tmp_path / "w.yaml"
    # no employer named: the first job is asked in full, its end included
    answers = LI | {"employer.name": ""} | bachelor(**{"work:menu": [], "work.end": ["2020-01-01", ""], "work.professional": [CTRL_C]})
    code, _ = interview(target, answers, region=INITIAL)
    assert code == 130
    assert interview.last.log[-1].refused == ["结束时间 2020-01-01 早于开始时间 2021-07-15"]
    data, _ = store.read_draft(store.draft_path(target))
    assert "end" not in data["work"][0]  # 2020-01-01 was refused, then left blank (still there)


def test_an_entry_interrupted_half_way_is_finished_first_on_resume(tmp_path):
    target = tmp_path / "h.yaml"
    first = LI | {
        "education.level": ["bachelor"],
        "education.school": ["南京工业大学"],
        "education.major": [CTRL_C],
    }
    code, _ = interview(target, first, region=INITIAL)
    assert code == 130
    data, _ = store.read_draft(store.draft_path(target))
    assert data["education"] == [{"level": "bachelor", "school": "南京工业大学"}]
    rest = bachelor(**{"education:menu": ["done"], "education.level": [], "education.school": []})
    code, out = interview(target, rest, region=INITIAL)
    assert code == 0, out
    assert "继续填写未完成的一条：本科 · 南京工业大学" in out
    p = load_profile(target)
    assert len(p.education) == 1 and p.education[0].school == "南京工业大学" and p.education[0].graduated == date(2021, 7, 1)


def test_removing_an_entry_warns_before_its_comment_is_lost(tmp_path):
    target = tmp_path / "c.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("    words: 4100\n", "    words: 4100  # 含图表\n")
    target.write_text(text, encoding="utf-8")
    code, out = interview(target, {"papers:menu": ["remove", "done"], "remove": [1]})
    assert code == 0, out
    assert "保存后这些注释将丢失" in out and "# 含图表" in out
    saved = target.read_text(encoding="utf-8")
    assert "含图表" not in saved and saved.startswith("# 长治 2022 工程系列")
    assert [p.title for p in load_profile(target).papers] == ["某型减速器齿轮的疲劳寿命分析"]


def test_stopping_at_the_resume_question_keeps_the_old_draft(tmp_path):
    target = tmp_path / "k.yaml"
    shutil.copy(EXAMPLE, target)
    draft = store.draft_path(target)
    store.write_draft(draft, target, {"name": "草稿里的名字"}, ["head"])
    code, _ = interview(target, {"draft:resume": [CTRL_C]})
    assert code == 130
    assert store.read_draft(draft)[0] == {"name": "草稿里的名字"}


def test_editing_a_file_with_mistakes_asks_the_wrong_answers_again(tmp_path):
    target = tmp_path / "b.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace(GOOD_ID, GOOD_ID[:-1] + "8").replace("role: first\n", "role: firstt\n")
    target.write_text(text, encoding="utf-8")
    code, out = interview(target, {"id_number": [GOOD_ID], "papers.role": ["first"]})  # a bad ID is not offered to keep
    assert code == 0, out
    assert "这一条需要修改" in out
    p = load_profile(target)
    assert p.id_number == GOOD_ID and p.papers[0].role == "first"


def test_a_document_must_be_an_existing_pdf_or_image(tmp_path):
    (tmp_path / "scans").mkdir()
    (tmp_path / "scans" / "diploma.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (tmp_path / "scans" / "fake.pdf").write_bytes(b"hello")
    target = tmp_path / "d.yaml"
    shutil.copy(EXAMPLE, target)
    answers = {
        "documents:menu": ["add", "done"],
        "documents.kind": ["diploma"],
        "documents.file": [str(tmp_path / "scans" / n) for n in ("missing.pdf", "fake.pdf", "diploma.pdf")],
    }
    code, out = interview(target, answers)
    assert code == 0, out
    refused = next(a for a in interview.last.log if a.key == "documents.file").refused
    assert refused[0].startswith("文件不存在") and "不是 PDF" in refused[1]
    docs = load_profile(target).documents
    assert [(d.kind, d.file) for d in docs] == [("diploma", "scans/diploma.pdf")]  # relative to the profile


def test_an_answer_longer_than_the_online_system_allows_is_refused(tmp_path):
    # online-test.yaml: 002 广州 "每个岗位不超过30个字" as a field_length check on work.duties
    region = str(ROOT / "tests" / "data" / "regions" / "online-test.yaml")
    target = tmp_path / "g.yaml"
    shutil.copy(EXAMPLE, target)
    code, _ = interview(target, {"work:menu": ["edit:0", CTRL_C], "work.duties": ["负责" * 16, "负责减速器设计"]}, region=region)
    assert code == 130
    assert "限 30 字以内（现为 32 字）" in next(a for a in interview.last.log if a.key == "work.duties").refused[0]
    data, _ = store.read_draft(store.draft_path(target))
    assert data["work"][0]["duties"] == "负责减速器设计"


def test_accepting_every_answer_adds_nothing_to_a_sparse_file(tmp_path):
    # a title without series or name, a job without employer: suggestions are for new entries only
    target = tmp_path / "s.yaml"
    target.write_text(
        'name: 孙七\nid_number: "140402199205153219"\napplication: {region: shanxi-changzhi-2022, series: engineering}\n'
        "education:\n  - {level: bachelor, graduated: 2014-07-01}\n"
        "work:\n  - {start: 2014-07-15}\n"
        "titles:\n  - {level: assistant, obtained: 2016-09-01}\n",
        encoding="utf-8",
    )
    before = target.read_text(encoding="utf-8")
    code, out = interview(target, {})
    assert code == 0, out
    assert target.read_text(encoding="utf-8") == before


def test_a_new_entry_ticks_the_degree_of_its_education_level(tmp_path):
    # a bachelor used to be offered 无学位 first and a 大专 was asked for a degree it cannot
    # have; the degree is now ticked with the entry's yes/no questions, the usual one pre-ticked
    target = tmp_path / "d.yaml"
    answers = LI | {
        "education:menu": ["add", "add", "add", "edit:2", CTRL_C],
        "education.level": ["junior_college", "master", "bachelor", "bachelor"],
        "education.graduated": ["2018-07-01", "2021-07-01", "2014-07-01", "2016-07-01"],
        # ticks in the order shown: the master, the 3rd, the 4th, the edit of the 3rd
        "education.degree:usual": [ENTER_, ENTER_, ENTER_, False],  # the 3rd has no degree after all
        "education.degree:equivalent": [ENTER_, ENTER_, True, ENTER_],  # the 4th: a master's by 同等学力
        "education.degree": ["master"],
    }
    code, out = interview(target, answers, region=INITIAL)
    assert code == 130, out
    data, _ = store.read_draft(store.draft_path(target))
    assert [e.get("degree", "none") for e in data["education"]] == ["none", "master", "none", "master"]
    assert interview.last.asked_keys().count("education.degree") == 1  # only which higher degree, for the 4th
    ticks = [[(c.title, c.checked) for c in screen] for key, screen in interview.last.screens if key == "education:yes-no"]
    assert [t for t, _ in ticks[0]] == ["普通全日制", "所学专业与申报专业相同或相近"]  # a 大专 confers no degree
    assert ticks[1][-2:] == [("获得硕士学位", True), ("以同等学力获得博士学位", False)]
    assert ticks[2][-2:] == [("获得学士学位", True), ("以同等学力获得硕士或博士学位", False)]
    assert ticks[4][-2:] == [("获得学士学位", True), ("以同等学力获得硕士或博士学位", False)]  # the edit shows the answer
    offered = [[c.title for c in screen] for key, screen in interview.last.screens if key == "education.degree"]
    assert offered == [["硕士（同等学力申请）", "博士（同等学力申请）"]]


def test_a_high_school_entry_asks_no_major_degree_or_relatedness(tmp_path):
    target = tmp_path / "hs.yaml"
    answers = LI | {
        "education:menu": [CTRL_C],
        "education.level": ["high_school"],
        "education.school": ["盐城中学"],
        "education.graduated": ["2010-06-30"],
    }
    code, _ = interview(target, answers, region=INITIAL)
    assert code == 130
    asked = [k for k in interview.last.asked_keys() if k.startswith("education.")]
    assert asked == ["education.level", "education.school", "education.graduated"]


def test_resume_asks_the_rest_of_an_entry_stopped_after_its_required_answers(tmp_path):
    # stopped at the ticks (full-time, relatedness, the degree): the graduation date was answered
    target = tmp_path / "e.yaml"
    first = LI | bachelor(**{"education:menu": [], "education.full_time": [CTRL_C], "work:menu": [], "work.post": [], "work.start": []})
    code, _ = interview(target, first, region=INITIAL)
    assert code == 130
    rest = bachelor(
        **{"education:menu": ["done"], "education.level": [], "education.school": [], "education.major": [], "education.graduated": []}
    ) | {"education.related": [False]}
    code, out = interview(target, rest, region=INITIAL)
    assert code == 0, out
    assert "继续填写未完成的一条：本科 · 南京工业大学" in out
    after = interview.last.asked_keys()
    # the ticks, and nothing answered before them
    assert [k for k in after if k.startswith("education")] == ["education:yes-no", "education:menu"]
    p = load_profile(target)
    assert len(p.education) == 1 and p.education[0].degree == "bachelor" and p.education[0].related is False
    assert not store.draft_path(target).exists()


def test_a_document_the_dossier_cannot_bind_is_refused_as_typed(tmp_path):
    # titlecli dossier binds PDF, JPEG, PNG and TIFF; a GIF or a PNG named .jpg used to be taken
    # here and only refused later by the dossier
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    (tmp_path / "photo.gif").write_bytes(b"GIF89a" + b"\x00" * 16)
    (tmp_path / "photo.jpg").write_bytes(png)
    (tmp_path / "photo.png").write_bytes(png)
    target = tmp_path / "d.yaml"
    shutil.copy(EXAMPLE, target)
    answers = {
        "documents:menu": ["add", "done"],
        "documents.kind": ["photo"],
        "documents.file": [str(tmp_path / n) for n in ("photo.gif", "photo.jpg", "photo.png")],
    }
    code, out = interview(target, answers)
    assert code == 0, out
    assert [(d.kind, d.file) for d in load_profile(target).documents] == [("photo", "photo.png")]
    from titlecli.interview.questions import file_problem

    assert "请把扩展名改为 .png" in file_problem("photo.jpg", tmp_path)
    assert "TIFF" in file_problem("photo.gif", tmp_path)


def test_a_profile_that_cannot_be_written_is_refused_before_any_question(tmp_path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    target = tmp_path / "notes.txt" / "p.yaml"  # a typo: the folder is a file
    with pytest.raises(UserError) as e:
        interview(target, {}, region=INITIAL)
    assert "notes.txt 不是文件夹" in e.value.problems[0].message
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "x"


def test_an_entry_is_listed_with_its_choices_not_a_bare_yes(tmp_path):
    # an achievement left at 企业级 · 参与 and accepted was listed as "生产线改造 · 2021 · 1 · 是"
    iv = Interview(tmp_path / "s.yaml", Console(file=io.StringIO()), INITIAL, date(2022, 8, 1))
    sec = next(s for s in iv.sections if s.key == "achievements")
    assert iv.summary(sec, {"title": "生产线改造", "year": 2021, "rank": 1, "accepted": True}) == "生产线改造 · 2021 · 企业级 · 参与"
    assert iv.summary(sec, {}) == "（空）"


def test_a_chongqing_id_number_of_someone_born_before_1997_is_accepted(tmp_path):
    # 18-digit numbers carry the region code of their issue (from 1999): 渝中区 500103 dates from
    # 1997, and python-stdnum refused it for anyone born earlier — most Chongqing applicants
    from titlecli.profile import semantic_problems

    cq = "500103199003071239"
    target = tmp_path / "cq.yaml"
    code, _ = interview(target, {"name": "刘洋", "id_number": cq, "phone": [CTRL_C]}, region=INITIAL)
    assert code == 130
    assert store.read_draft(store.draft_path(target))[0]["id_number"] == cq
    assert semantic_problems({"id_number": cq}) == []  # and check takes it too
    # an unknown county of a known province was a KeyError traceback inside stdnum
    assert id_number_problem("509999199003071233") == "身份证号中的出生日期或地区代码无效"
    assert [m for _, m in semantic_problems({"id_number": "509999199003071233"})] == ["身份证号中的出生日期或地区代码无效"]


def test_the_series_of_a_title_held_is_chosen_from_a_list(tmp_path):
    # a typed 会计系列 or 工程 never matched the series ids the rules compare (accounting, engineering)
    target = tmp_path / "t.yaml"
    answers = (
        LI
        | bachelor()
        | {
            "titles:menu": ["add", CTRL_C],
            "titles.level": ["member"],
            "titles.series": ["会计"],
            "titles.name": ["会计员"],
            "titles.obtained": ["2019-01-01"],
        }
    )
    code, _ = interview(target, answers, region=INITIAL)
    assert code == 130
    data, _ = store.read_draft(store.draft_path(target))
    # the region names no accounting title: the name is asked (an engineering one would not be)
    assert data["titles"] == [{"level": "member", "series": "accounting", "name": "会计员", "obtained": date(2019, 1, 1)}]


def test_a_new_entry_starts_empty_and_the_menu_then_offers_another(tmp_path):
    # a second job used to start with the first employer's name typed in (typing added to it:
    # 盐城市某机械有限公司临时单位), and after an entry the cursor sat on ✓完成
    target = tmp_path / "n.yaml"
    answers = LI | bachelor(
        **{
            "work:menu": [ENTER_, "done"],
            "work.employer": ["临时单位"],
            "work.post": ["设计员", "临时工"],
            "work.start": ["2021-07-15", "2021-03-01"],
            "work.end": ["2021-06-30"],
        }
    )
    code, out = interview(target, answers, region=INITIAL)
    assert code == 0, out
    assert [(w.employer, w.end) for w in load_profile(target).work] == [("盐城某机械公司", None), ("临时单位", date(2021, 6, 30))]
    assert "先填现单位这段工作：盐城某机械公司（至今）" in out  # the present job: its employer and end not asked
    employer_prompts = [a for a in interview.last.log if a.key == "work.employer"]
    assert len(employer_prompts) == 1 and employer_prompts[0].answer == "临时单位"  # nothing typed in before it
    after_one = [[c.value for c in screen] for key, screen in interview.last.screens if key == "work:menu"][0]
    assert after_one == ["add", "edit:0", "remove", "done"]  # Down from ＋添加 reaches the entry, not ✓完成


def test_help_says_how_to_stop_and_resume():
    result = CliRunner().invoke(full_app(), ["interview", "--help"])
    assert result.exit_code == 0
    assert "Ctrl-C" in result.output and "PROFILE.draft.yaml" in result.output and "titlecli check" in result.output


def test_a_part_the_rules_read_opens_its_first_entry_and_none_skips_it(tmp_path):
    # Changzhi's 工程师 review reads titles, papers and achievements whatever the pathway: the
    # first entry is opened without a ＋添加 menu, and its first question offers "none"
    target = tmp_path / "z.yaml"
    answers = basics("王强", GOOD_ID, "机械设计", "长治某公司") | {
        "application.level": "intermediate",
        "education:menu": ["done"],
        "education.level": ["bachelor"],
        "education.graduated": ["2014-07-01"],
        "work:menu": ["done"],
        "work.start": ["2014-07-15"],
        "titles.level": ["跳过"],
        "papers.title": [""],  # Enter alone: no papers
        "achievements.title": [CTRL_C],
    }
    code, out = interview(target, answers, region="shanxi-changzhi-2022")
    assert code == 130, out
    keys = interview.last.asked_keys()
    assert "titles:menu" not in keys and "papers:menu" not in keys and "papers.kind" not in keys
    data, _ = store.read_draft(store.draft_path(target))
    assert "titles" not in data and "papers" not in data


def test_the_yes_no_questions_of_an_entry_are_one_list_to_tick(tmp_path):
    target = tmp_path / "f.yaml"
    answers = LI | bachelor(**{"work.related": [False], "work:menu": [CTRL_C]})
    code, _ = interview(target, answers, region=INITIAL)
    assert code == 130
    keys = interview.last.asked_keys()
    assert "work:yes-no" in keys and "work.professional" not in keys and "work.related" not in keys
    ticks = next(screen for key, screen in interview.last.screens if key == "work:yes-no")
    assert [(c.title, c.checked) for c in ticks] == [("专业技术岗位", True), ("工作与申报专业相关", True)]
    data, _ = store.read_draft(store.draft_path(target))
    assert data["work"][0]["related"] is False and "professional" not in data["work"][0]  # a default adds nothing


def test_the_review_shows_what_the_online_system_will_refuse_with_a_jump_to_it(tmp_path):
    # Shanghai's system manual ⑵ 友情提示 "须填写高中经历，并上传高中毕业证书" and "要保持时间上的
    # 连续性。如有不连续时间段，要写明当时的具体情况": said on the review screen, before saving
    target = tmp_path / "sh.yaml"
    answers = basics("周敏", "110101199003071233", "电气工程", "上海某电气有限公司") | {
        "application.series": "engineering",
        "application.level": "assistant",
        "education:menu": ["done", "add", "done"],
        "education.level": ["bachelor", "high_school"],
        "education.graduated": ["2012-07-01", "2008-06-30"],
        "work:menu": ["add", "done"],
        "work.employer": ["上海某设备公司"],  # the first entry is the present job, at the employer named above
        "work.start": ["2014-03-01", "2012-07-15"],
        "work.end": ["2013-08-31"],
        "review": ["education", CTRL_C],  # the first jump: add the high-school entry
    }
    code, out = interview(target, answers, region="shanghai")
    assert code == 130
    _, first, second = out.replace("\n  ", "").split("请核对档案")  # a warning's wrapped lines joined
    assert "⚠ 上海市职称服务系统：学习经历须填写高中经历" in first and "有未说明的间断：2013-08-31 – 2014-03-01" in first
    assert "gap_note" not in out and "与上一段经历之间空档的说明" in first  # the answer named as the interview asks it
    jumps = [[c.value for c in screen] for key, screen in interview.last.screens if key == "review"]
    assert jumps[0] == ["save", "education", "work", "part", "quit"]  # saving stays possible: these are warnings
    assert "须填写高中经历" not in second and "有未说明的间断" in second
    assert jumps[1] == ["save", "work", "part", "quit"]


def test_the_review_fits_a_24_line_terminal_for_a_minimal_profile(tmp_path):
    s = Scripted(tmp_path / "li.yaml", LI | bachelor() | {"review": [CTRL_C]}, region=INITIAL, width=80)
    assert s.run() == 130
    review = s.output.split("请核对档案")[1].rstrip("\n").splitlines()
    menu = next(screen for key, screen in s.screens if key == "review")
    assert len(review) + len(menu) + 1 <= 24, review
    assert all(len(line) <= 80 for line in review)
    assert not any(line.lstrip().startswith(("，", "。", "；", "）")) for line in review)


def test_documents_from_a_folder_are_sorted_into_the_regions_materials(tmp_path):
    scans = tmp_path / "scans"
    scans.mkdir()
    for name in ("01 身份证.pdf", "02 毕业证.pdf", "03 扫描0003.pdf"):
        (scans / name).write_bytes(b"%PDF-1.4\n%%EOF\n")
    (scans / "说明.docx").write_bytes(b"PK")
    target = tmp_path / "d.yaml"
    answers = (
        LI
        | bachelor()
        | {
            "documents.folder": ["scans"],
            "documents:confirm": ["fix", "ok"],
            "documents:fix": [2],
            "documents.kind": ["graduate_registration_form"],
        }
    )
    code, out = interview(target, answers, region=INITIAL)
    assert code == 0, out
    docs = [(d.kind, d.file) for d in load_profile(target).documents]
    assert docs == [
        ("id_card", "scans/01 身份证.pdf"),
        ("diploma", "scans/02 毕业证.pdf"),
        ("graduate_registration_form", "scans/03 扫描0003.pdf"),  # its name said nothing: fixed by hand
    ]
    assert "不能装订、略过：说明.docx" in out and "名称未能识别" in out
    assert interview.last.count() < 35  # 3 documents cost 4 answers, not 3 × 5


def test_an_entry_added_by_mistake_is_left_with_enter_alone(tmp_path):
    target = tmp_path / "m.yaml"
    answers = LI | bachelor(**{"education:menu": [ENTER_, "done"], "education.level": ["bachelor", "跳过"]})
    code, out = interview(target, answers, region=INITIAL)
    assert code == 0, out
    assert len(load_profile(target).education) == 1


def test_a_title_held_is_listed_by_its_series_name(tmp_path):
    target = tmp_path / "t.yaml"
    shutil.copy(EXAMPLE, target)
    code, out = interview(target, {})
    assert code == 0, out
    review = out.split("请核对档案")[1]
    assert "助理级 · 工程系列" in review and "engineering ·" not in review


def _paper_question(key: str):
    return next(q for s in sections() if s.key == "papers" for q in s.questions if q.key == key)


@pytest.mark.parametrize(
    "typed, journal, published",
    [
        ("机械工程与自动化 2020-06", "机械工程与自动化", date(2020, 6, 1)),
        ("《机械工程与自动化》2020年6月", "机械工程与自动化", date(2020, 6, 1)),  # the marks are the forms' to add
        ("机械工程与自动化，2020.6.15", "机械工程与自动化", date(2020, 6, 15)),
        ("2020年会论文集 2021-05", "2020年会论文集", date(2021, 5, 1)),  # a year inside the name stays in it
        ("2021-05", None, date(2021, 5, 1)),  # a publisher not known: the date alone
    ],
)
def test_a_papers_source_is_one_answer_journal_then_date(typed, journal, published):
    assert parse_pair(_paper_question("journal"), _paper_question("published"), typed) == (journal, published)


@pytest.mark.parametrize(
    "typed, says",
    [("机械工程与自动化", "末尾写上发表时间"), ("机械工程与自动化 2020-13", "日期不存在"), ("机械工程 第6期", "末尾写上发表时间")],
)
def test_a_papers_source_without_a_date_at_its_end_is_refused(typed, says):
    with pytest.raises(ValueError, match=says):
        parse_pair(_paper_question("journal"), _paper_question("published"), typed)


@pytest.mark.parametrize(
    "typed, words, rate",
    [
        ("3200 字，12%", 3200, 0.12),
        ("3200 0.12", 3200, 0.12),
        ("总字数 3,200，总文字复制比 9.5％", 3200, 0.095),
        ("3.2万字", 32000, None),
        ("4100", 4100, None),
        ("12%", None, 0.12),
        ("", None, None),
    ],
)
def test_words_and_plagiarism_rate_are_one_answer_as_the_report_gives_them(typed, words, rate):
    assert parse_pair(_paper_question("words"), _paper_question("plagiarism_rate"), typed) == (words, rate)


@pytest.mark.parametrize("typed, says", [("3200 4100", "字数写了两次"), ("许多", "应为数字"), ("12% 9%", "查重率写了两次")])
def test_words_and_rate_that_cannot_be_told_apart_are_refused(typed, says):
    with pytest.raises(ValueError, match=says):
        parse_pair(_paper_question("words"), _paper_question("plagiarism_rate"), typed)


def test_a_long_review_is_shown_a_page_at_a_time_within_24_lines(tmp_path):
    # Changzhi with papers, certificates and documents: at 80×24 the review's first lines
    # (region, series, level) used to scroll away above the menu
    shutil.copytree(ROOT / "examples" / "changzhi-dossier", tmp_path / "cz")
    s = Scripted(tmp_path / "cz" / "zhang-wei.yaml", {}, width=80, height=24)
    assert s.run() == 0, s.output
    reviews = [k for k in s.asked_keys() if k == "review"]
    assert [a.answer for a in s.log if a.key == "review"] == ["page:1", "save"]  # Enter turns the page, then saves
    review = s.output.split("已保存")[0]
    pages = review.split("请核对档案")[1:]
    assert len(pages) == len(reviews) == 2 and "第 1/2 页" in pages[0] and "第 2/2 页" in pages[1]
    menus = [screen for key, screen in s.screens if key == "review"]
    for i, (page, menu) in enumerate(zip(pages, menus, strict=True)):
        lines = page.split("\n\n")[0].splitlines()  # the rule, the answers (then the next page's blank line)
        # the previous answer's echo and a blank line above; the question and its choices below
        assert 2 + len(lines) + 1 + len(menu) <= 24, lines
        assert i > 0 or 2 + len(lines) + 1 + len(menu) >= 22, lines  # a page is filled before the next
        assert all(len(line) <= 80 for line in lines)
    assert "地区" in pages[0] and "级别" in pages[0] and "材料扫描件" in pages[1]  # every part, on one page or the other
    assert [c.value for c in menus[0]][:1] == ["page:1"] and [c.value for c in menus[1]][:1] == ["page:-1"]


@pytest.mark.parametrize(
    "specialty, series",
    [
        ("机械设计", "engineering"),
        ("会计", "accounting"),
        ("建筑工程", "construction"),  # 建筑工程 holds 工程: the longer word speaks
        ("通信工程", "engineering"),  # 通信专业 or 工程系列: no suggestion, the first series stays the default
    ],
)
def test_the_series_is_suggested_by_the_specialty_where_it_names_one(tmp_path, specialty, series):
    # issue 17 item 1, "the series from the specialty": asked first, offered as the default
    target = tmp_path / "s.yaml"
    code, _ = interview(target, {"application.specialty": specialty, "name": [CTRL_C]}, region="jiangsu-yancheng")
    assert code == 130
    keys = interview.last.asked_keys()
    assert keys[:2] == ["application.specialty", "application.series"]
    data, _ = store.read_draft(store.draft_path(target))
    assert data["application"]["series"] == series and data["application"]["specialty"] == specialty
    asked = next(a for a in interview.last.log if a.key == "application.series")
    assert asked.answer == series


def test_a_gap_is_explained_once_the_whole_history_shows_it(tmp_path):
    # Shanghai's manual ⑵ "如有不连续时间段，要写明当时的具体情况": the present job is entered
    # first, so no entry can know a gap comes before it; the note is asked after the list, with
    # the gap's dates, and only where there is a gap
    target = tmp_path / "sh.yaml"
    answers = basics("周敏", "110101199003071233", "电气工程", "上海某电气有限公司") | {
        "application.series": "engineering",
        "application.level": "assistant",
        "education:menu": ["add", "done"],
        "education.level": ["high_school", "bachelor"],
        "education.graduated": ["2008-06-30", "2012-07-01"],
        "work:menu": ["add", "done"],
        "work.employer": ["上海某设备公司"],
        "work.start": ["2014-03-01", "2012-07-15"],
        "work.end": ["2013-08-31"],
        "work.gap_note": ["待业，准备研究生考试"],
    }
    code, out = interview(target, answers, region="shanghai")
    assert code == 0, out
    (asked,) = [a for a in interview.last.log if a.key == "work.gap_note"]
    assert asked.message == "2013-08-31 至 2014-03-01 之间没有工作经历，请说明当时的情况"
    keys = interview.last.asked_keys()
    assert keys.index("work.gap_note") == keys.index("work:menu", keys.index("work.end")) + 1  # after the list
    work = {w.employer: w.gap_note for w in load_profile(target).work}
    assert work == {"上海某电气有限公司": "待业，准备研究生考试", "上海某设备公司": None}
    assert "有未说明的间断" not in out


def test_a_review_line_breaks_between_answers_not_inside_one():
    # at 80 columns the degree used to be cut: "… · 2014-07-01 · 学" / "士"
    lines = Interview.pack("1. 本科 · 太原理工大学 · 机械设计制造及其自动化 · 2014-07-01 · 学士 · 学信网学历电子注册备案表", 62)
    assert lines == ["1. 本科 · 太原理工大学 · 机械设计制造及其自动化 · 2014-07-01 ·", "学士 · 学信网学历电子注册备案表"]
    assert Interview.pack("姓名 张伟；身份证号 1404**********3219；联系电话 13812345678", 40) == [
        "姓名 张伟；身份证号 1404**********3219；",
        "联系电话 13812345678",
    ]
    kinds = Interview.pack("12 份：身份证、毕业证、学历证书电子注册备案表、照片、业绩成果材料、年度考核表", 40)
    assert kinds == ["12 份：身份证、毕业证、", "学历证书电子注册备案表、照片、", "业绩成果材料、年度考核表"]  # was 业绩成果材|料
    long = Interview.pack("1. " + "齿轮疲劳寿命分析" * 5 + " · 论文", 40)  # an answer longer than a line is wrapped
    assert len(long) == 3 and long[-1].endswith(" · 论文") and all(len(x) * 2 <= 80 for x in long)


def test_an_english_heading_wider_than_its_column_has_a_line_of_its_own(tmp_path):
    set_lang("en")
    s = Scripted(tmp_path / "li.yaml", LI | bachelor() | {"review": [CTRL_C]}, region=INITIAL, width=80)
    assert s.run() == 130
    review = s.output.split("Review the profile")[1].splitlines()
    assert "Declared specialty" in review  # alone: 16 columns, the column is 14
    after = review[review.index("Declared specialty") + 1]
    assert after.startswith(" " * 16) and after.strip() == "机械设计"
    assert all(len(line) <= 80 for line in review)


def test_the_region_picker_names_each_region_in_words_without_its_id(tmp_path):
    """An applicant picks 江苏盐城 · …, not `[jiangsu-yancheng]` (an internal id, which at 80
    columns was also cut to `[jiangsu…`); the notice's state stays beside the name."""
    s = Scripted(tmp_path / "p.yaml", {"application.region": ["jiangsu-yancheng"], "application.specialty": [CTRL_C]}, width=80)
    s.run()
    titles = [c.title for key, choices in s.screens if key == "application.region" for c in choices]
    assert any(str(t).startswith("江苏盐城 · ") for t in titles)
    assert not [t for t in titles if "[" in str(t) or re.search(r"[a-z]+-[a-z]+", str(t))]
    assert any("有效期未写" in str(t) for t in titles)


def test_english_level_choices_name_the_titles_in_english(tmp_path):
    """The level choices read "assistant-level · 助理工程师 (initial determination)" in English: the
    region's title names were Chinese only.  Now titles_en names them; Chinese is unchanged."""

    def level_choices(lang: str) -> list[str]:
        set_lang(lang)
        s = Scripted(
            tmp_path / f"{lang}.yaml",
            {"application.region": ["shanxi-changzhi-2022"], "application.level": ["intermediate"], "name": [CTRL_C]},
            width=80,
        )
        s.run()
        return [str(c.title) for key, choices in s.screens if key == "application.level" for c in choices]

    titles = level_choices("en")
    assert "intermediate · engineer (review, transfer)" in titles and "member-level · technician (review)" in titles
    assert not [x for x in titles if re.search(r"[\u4e00-\u9fff]", x)]
    assert "中级 · 工程师（评审、转评）" in level_choices("zh")
