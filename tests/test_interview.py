"""`titlecli interview`, driven through its real questionary prompts.

The keys a person would press are fed to prompt_toolkit's pipe input; the pipe is closed after
them, so a prompt the test did not expect ends the interview (EOF) instead of hanging it.
"""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console
from typer.testing import CliRunner

from titlecli.cli import full_app
from titlecli.errors import UserError
from titlecli.i18n import set_lang
from titlecli.interview import store
from titlecli.interview.flow import Interview
from titlecli.interview.questions import id_number_problem, parse_answer, parse_date, sections
from titlecli.profile import load_profile

ROOT = Path(__file__).resolve().parent.parent
INITIAL = str(ROOT / "tests" / "data" / "regions" / "interview-initial.yaml")
EXAMPLE = ROOT / "examples" / "changzhi-engineer.yaml"

ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
CTRL_C = "\x03"
CLEAR = "\x15"  # Ctrl-U: clear the typed line
GOOD_ID = "140402199205153219"


def line(text: str) -> str:
    return text + ENTER


def pick(downs: int) -> str:
    """Move down the arrow-key list and choose."""
    return DOWN * downs + ENTER


@pytest.fixture(autouse=True)
def _zh():
    set_lang("zh")
    yield
    set_lang("zh")


def interview(target: Path, keys: str, region: str | None = None, as_of: date = date(2022, 8, 1)) -> tuple[int, str]:
    out = io.StringIO()
    console = Console(file=out, width=120, highlight=False)
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text(keys)
        inp.close()
        code = Interview(target, console, region, as_of).run()
    return code, out.getvalue()


# keys for the basic facts of a new applicant, up to and including the employer
def basics(name: str, idn: str, specialty: str, employer: str) -> str:
    return line(name) + line(idn) + ENTER + line(specialty) + line(employer) + ENTER


def test_initial_determination_applicant_from_scratch(tmp_path):
    # interview-initial.yaml encodes 001 二.3 (本科毕业，从事专业技术工作满1年，初定助理级):
    # the interview asks for education and work, never for papers or achievements.
    target = tmp_path / "li.yaml"
    keys = (
        ENTER  # level: 助理级 (the only level)
        + basics("李娜", "110101199003071233", "机械设计", "盐城某机械公司")
        + ENTER  # retired? no
        + ENTER  # education: add one (the default while empty)
        + pick(4)
        + line("南京工业大学")
        + line("机械工程")
        + line("2021.7.1")
        + ENTER
        + ENTER  # degree: 学士 is suggested for a new bachelor entry
        + ENTER
        + ENTER  # education: done
        + ENTER  # work: add one
        + ENTER
        + line("设计员")
        + line("2021-07-15")
        + ENTER
        + ENTER
        + ENTER  # employer prefilled, still there
        + ENTER  # work: done
        + ENTER  # titles: none yet, done
        + ENTER  # documents: done
        + ENTER  # review: save
    )
    code, out = interview(target, keys, region=INITIAL)
    assert code == 0, out
    p = load_profile(target)
    assert p.name == "李娜" and p.id_number == "110101199003071233"
    assert p.education[0].level == "bachelor" and p.education[0].degree == "bachelor"
    assert p.education[0].graduated == date(2021, 7, 1)  # typed as 2021.7.1
    assert p.work[0].employer == "盐城某机械公司" and p.work[0].end is None
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
    keys = (
        pick(2)  # level: 员级, 助理级, 中级 · 工程师
        + basics("王强", GOOD_ID, "机械设计", "长治某公司")
        + ENTER
        + ENTER
        + ENTER  # civil servant no, retired no, no sanction
        + ENTER
        + pick(4)
        + ENTER
        + ENTER
        + line("2014-07-01")
        + ENTER
        + ENTER
        + ENTER
        + ENTER  # bachelor, 学士 suggested
        + ENTER
        + ENTER
        + ENTER
        + line("2014-07-15")
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER  # work, not township
        + ENTER
        + pick(1)
        + ENTER
        + ENTER
        + line("2016-09-01")
        + ENTER
        + ENTER  # assistant, 助理工程师 (suggested)
        + ENTER  # skills: done (only the technician pathway reads them)
        + ENTER
        + CLEAR
        + line("2018")
        + ENTER  # assessments: the first year is offered, 合格 suggested
        + "".join(pick(1) + CLEAR + line(str(y)) + ENTER for y in (2019, 2020, 2021))
        + ENTER
        + ENTER
        + line("齿轮疲劳寿命分析")
        + ENTER
        + ENTER
        + line("2020-06-01")
        + pick(1)
        + line("3200")
        + line("12%")
        + pick(1)
        + line("主轴热变形补偿")
        + ENTER
        + ENTER
        + line("2021-03-01")
        + ENTER
        + line("4100")
        + ENTER
        + ENTER  # papers: done
        + ENTER
        + line("生产线技术改造")
        + line("2020")
        + UP
        + ENTER
        + UP
        + UP
        + ENTER
        + line("1")
        + "y"
        + ENTER  # achievements: done
        + ENTER  # documents: done
        + ENTER  # review: save
    )
    code, out = interview(target, keys, region="shanxi-changzhi-2022")
    assert code == 0, out
    p = load_profile(target)
    assert [x.title for x in p.papers] == ["齿轮疲劳寿命分析", "主轴热变形补偿"]
    assert p.papers[0].role == "first" and p.papers[0].plagiarism_rate == 0.12 and p.papers[1].role == "sole"
    assert p.achievements[0].level == "municipal" and p.achievements[0].role == "lead" and p.achievements[0].accepted
    assert p.assessments == {2018: "qualified", 2019: "qualified", 2020: "qualified", 2021: "qualified"}
    assert p.titles[0].name == "助理工程师" and p.titles[0].series == "engineering"
    assert p.education[0].degree == "bachelor"
    assert "论文论著" in out and "业绩成果" in out
    assert "工程师 · 中级 · 评审  ✓ 符合" in out


def test_invalid_id_number_is_asked_again(tmp_path):
    target = tmp_path / "x.yaml"
    bad = GOOD_ID[:-1] + "8"  # wrong check digit
    keys = ENTER + line("张三") + line(bad) + CLEAR + line(GOOD_ID) + ENTER + CTRL_C
    code, _ = interview(target, keys, region=INITIAL)
    assert code == 130
    draft, _ = store.read_draft(store.draft_path(target))
    # had the bad number been taken, the corrected one would have become the phone number
    assert draft["id_number"] == GOOD_ID and "phone" not in draft
    assert id_number_problem(bad) == "身份证号校验位不正确，请核对每一位"


def test_editing_the_changzhi_example_and_accepting_every_answer_round_trips(tmp_path):
    target = tmp_path / "changzhi-engineer.yaml"
    shutil.copy(EXAMPLE, target)
    code, out = interview(target, ENTER * 60)
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
    # region, level, name, id, then a new phone number; everything else accepted
    keys = ENTER + ENTER + ENTER + ENTER + CLEAR + line("13900000000") + ENTER * 60
    code, out = interview(target, keys)
    assert code == 0, out
    before, after = load_profile(EXAMPLE), load_profile(target)
    assert after.phone == "13900000000"
    after.phone = before.phone
    assert after == before


def test_interrupted_interview_resumes_from_the_draft(tmp_path):
    target = tmp_path / "r.yaml"
    first = ENTER + basics("赵六", "110101199003071233", "机械设计", "盐城某机械公司") + CTRL_C
    code, out = interview(target, first, region=INITIAL)
    assert code == 130 and "草稿" in out
    draft = store.draft_path(target)
    assert draft.name == "r.draft.yaml" and not target.exists()
    data, done = store.read_draft(draft)
    assert data["name"] == "赵六" and data["employer"]["name"] == "盐城某机械公司"
    assert done == ["head", "", "application", "employer"]
    # next time: resume (Enter), and only the rest is asked
    rest = (
        ENTER  # resume the draft
        + ENTER  # retired? no
        + ENTER
        + pick(4)
        + ENTER
        + ENTER
        + line("2021-07-01")
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + line("2021-07-15")
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
    )
    code, out = interview(target, rest, region=INITIAL)
    assert code == 0, out
    p = load_profile(target)
    assert p.name == "赵六" and p.education[0].graduated == date(2021, 7, 1) and p.work[0].start == date(2021, 7, 15)
    assert not draft.exists()


def test_without_a_terminal_it_points_at_profile_files_and_check():
    result = CliRunner().invoke(full_app(), ["interview", "-o", "x.yaml"], input="")
    assert result.exit_code == 2
    msg = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert "titlecli check" in msg and "examples/changzhi-engineer.yaml" in msg


def test_english_interview_is_complete(tmp_path):
    set_lang("en")
    target = tmp_path / "en.yaml"
    first = ENTER + basics("Li Na", "110101199003071233", "mechanical design", "ACME") + CTRL_C
    code, out = interview(target, first, region=INITIAL)
    assert code == 130 and "Interrupted" in out and "draft" in out
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in out.replace("测试地区 · 本科毕业生初定", ""))


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


def test_work_ending_before_it_starts_is_refused(tmp_path):
    target = tmp_path / "w.yaml"
    keys = (
        ENTER
        + basics("李娜", "110101199003071233", "机械设计", "盐城某机械公司")
        + ENTER
        + ENTER
        + pick(4)
        + ENTER
        + ENTER
        + line("2021-07-01")
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + line("2021-07-15")
        + line("2020-01-01")
        + CLEAR
        + ENTER
        + ENTER
        + ENTER
        + CTRL_C
    )
    code, _ = interview(target, keys, region=INITIAL)
    assert code == 130
    data, _ = store.read_draft(store.draft_path(target))
    assert "end" not in data["work"][0]  # 2020-01-01 was refused, then left blank (still there)


def test_an_entry_interrupted_half_way_is_finished_first_on_resume(tmp_path):
    target = tmp_path / "h.yaml"
    first = (
        ENTER + basics("赵六", "110101199003071233", "机械设计", "盐城某机械公司") + ENTER + ENTER + pick(4) + line("南京工业大学") + CTRL_C
    )  # stopped before the graduation date
    code, _ = interview(target, first, region=INITIAL)
    assert code == 130
    data, _ = store.read_draft(store.draft_path(target))
    assert data["education"] == [{"level": "bachelor", "school": "南京工业大学"}]
    rest = (
        ENTER  # resume
        + ENTER
        + line("2021-07-01")
        + ENTER
        + ENTER
        + ENTER  # major, graduated, full-time, degree, related
        + ENTER  # education: done
        + ENTER
        + ENTER
        + ENTER
        + line("2021-07-15")
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
    )
    code, out = interview(target, rest, region=INITIAL)
    assert code == 0, out
    assert "继续填写未完成的一条：本科 · 南京工业大学" in out
    p = load_profile(target)
    assert len(p.education) == 1 and p.education[0].school == "南京工业大学" and p.education[0].graduated == date(2021, 7, 1)


def test_removing_an_entry_warns_before_its_comment_is_lost(tmp_path):
    target = tmp_path / "c.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("    words: 4100\n", "    words: 4100  # 含图表\n")
    target.write_text(text, encoding="utf-8")
    keys = (
        ENTER * 17  # every answer kept up to the papers
        + UP
        + ENTER  # papers: remove one
        + DOWN * 2
        + ENTER  # the second paper
        + ENTER * 5  # papers done, achievements, awards, certificates, documents
        + ENTER  # review: save
        + ENTER
    )  # save anyway (the comment goes with its paper)
    code, out = interview(target, keys)
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
    code, _ = interview(target, CTRL_C)
    assert code == 130
    assert store.read_draft(draft)[0] == {"name": "草稿里的名字"}


def test_editing_a_file_with_mistakes_asks_the_wrong_answers_again(tmp_path):
    target = tmp_path / "b.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace(GOOD_ID, GOOD_ID[:-1] + "8").replace("role: first\n", "role: firstt\n")
    target.write_text(text, encoding="utf-8")
    keys = (
        ENTER * 3
        + CLEAR
        + line(GOOD_ID)  # a bad ID is not offered to keep
        + ENTER * 7
        + ENTER * 6  # basic facts, employer, status; education .. continuing education
        + ENTER * 4
        + pick(1)
        + ENTER * 2  # the paper with role 'firstt' is asked again: first author
        + ENTER * 5
        + ENTER
    )  # papers done .. documents, save
    code, out = interview(target, keys)
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
    keys = (
        ENTER * 21  # every answer kept up to the documents
        + DOWN
        + ENTER
        + DOWN * 5
        + ENTER  # add one: 毕业证书
        + line(str(tmp_path / "scans" / "missing.pdf"))
        + CLEAR  # refused: no such file
        + line(str(tmp_path / "scans" / "fake.pdf"))
        + CLEAR  # refused: not a PDF inside
        + line(str(tmp_path / "scans" / "diploma.pdf"))
        + ENTER
        + ENTER
        + ENTER
        + ENTER
    )  # documents done, save
    code, out = interview(target, keys)
    assert code == 0, out
    docs = load_profile(target).documents
    assert [(d.kind, d.file) for d in docs] == [("diploma", "scans/diploma.pdf")]  # relative to the profile


def test_an_answer_longer_than_the_online_system_allows_is_refused(tmp_path):
    # online-test.yaml: 002 广州 "每个岗位不超过30个字" as a field_length check on work.duties
    region = str(ROOT / "tests" / "data" / "regions" / "online-test.yaml")
    target = tmp_path / "g.yaml"
    shutil.copy(EXAMPLE, target)
    keys = (
        ENTER * 11  # level, basic facts, employer, status, education: kept
        + pick(2)  # edit the job
        + ENTER * 7  # employer .. township kept
        + line("负责" * 16)
        + CLEAR
        + line("负责减速器设计")
        + ENTER  # 32 characters refused, then 7
        + CTRL_C
    )
    code, _ = interview(target, keys, region=region)
    assert code == 130
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
    code, out = interview(target, ENTER * 40)
    assert code == 0, out
    assert load_profile(target) == load_profile(tmp_path / "s.yaml")
    assert target.read_text(encoding="utf-8") == before


def test_a_new_entry_suggests_the_degree_of_its_education_level(tmp_path):
    # a bachelor used to be offered 无学位 first and had to pick 学士 by hand
    target = tmp_path / "d.yaml"
    keys = (
        ENTER
        + basics("李娜", "110101199003071233", "机械设计", "盐城某机械公司")
        + ENTER
        + ENTER
        + pick(3)
        + ENTER
        + ENTER
        + line("2018-07-01")
        + ENTER
        + ENTER
        + ENTER  # 大专, Enter at the degree
        + pick(1)
        + pick(6)
        + ENTER
        + ENTER
        + line("2021-07-01")
        + ENTER
        + ENTER
        + ENTER  # 硕士, Enter at the degree
        + pick(1)
        + pick(4)
        + ENTER
        + ENTER
        + line("2014-07-01")
        + ENTER
        + UP
        + ENTER
        + ENTER  # 本科, 无学位 chosen
        + pick(4)
        + ENTER * 7  # edit the 本科 entry, Enter through it: the chosen 无学位 stays
        + CTRL_C
    )
    code, out = interview(target, keys, region=INITIAL)
    assert code == 130, out
    data, _ = store.read_draft(store.draft_path(target))
    assert [e.get("degree", "none") for e in data["education"]] == ["none", "master", "none"]


def test_resume_asks_the_rest_of_an_entry_stopped_after_its_required_answers(tmp_path):
    # stopped at the degree: full-time was answered (yes = the default, so the file cannot show it)
    target = tmp_path / "e.yaml"
    first = (
        ENTER
        + basics("赵六", "110101199003071233", "机械设计", "盐城某机械公司")
        + ENTER
        + ENTER
        + pick(4)
        + line("南京工业大学")
        + line("机械工程")
        + line("2021-07-01")
        + ENTER
        + CTRL_C
    )
    code, _ = interview(target, first, region=INITIAL)
    assert code == 130
    rest = (
        ENTER  # resume
        + ENTER  # degree: 学士 suggested (the entry is new)
        + "n"  # related? no
        + ENTER  # education: done
        + ENTER
        + ENTER
        + ENTER
        + line("2021-07-15")
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
    )
    code, out = interview(target, rest, region=INITIAL)
    assert code == 0, out
    assert "继续填写未完成的一条：本科 · 南京工业大学" in out
    assert "是否普通全日制" not in out.split("继续填写未完成的一条")[1].split("工作经历")[0]  # answered before Ctrl-C
    p = load_profile(target)
    assert len(p.education) == 1 and p.education[0].degree == "bachelor" and p.education[0].related is False
    assert not store.draft_path(target).exists()


def test_resume_asks_the_result_of_a_year_stopped_before_it(tmp_path):
    target = tmp_path / "y.yaml"
    shutil.copy(EXAMPLE, target)
    # Enter up to the assessments, add a year (2016 is offered) and stop at its result
    code, _ = interview(target, ENTER * 15 + pick(1) + ENTER + CTRL_C)
    assert code == 130
    data, _ = store.read_draft(store.draft_path(target))
    assert data["assessments"][2016] is None
    code, out = interview(target, ENTER + ENTER + CTRL_C)  # resume; 合格 is suggested for the new year
    assert code == 130
    assert "继续填写未完成的一条：2016" in out
    data, _ = store.read_draft(store.draft_path(target))
    assert data["assessments"][2016] == "qualified"


def test_a_document_the_dossier_cannot_bind_is_refused_as_typed(tmp_path):
    # titlecli dossier binds PDF, JPEG, PNG and TIFF; a GIF or a PNG named .jpg used to be taken
    # here and only refused later by the dossier
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    (tmp_path / "photo.gif").write_bytes(b"GIF89a" + b"\x00" * 16)
    (tmp_path / "photo.jpg").write_bytes(png)
    (tmp_path / "photo.png").write_bytes(png)
    target = tmp_path / "d.yaml"
    shutil.copy(EXAMPLE, target)
    keys = (
        ENTER * 21  # every answer kept up to the documents
        + DOWN
        + ENTER
        + UP * 6
        + ENTER  # add one: 照片 (up from the end of the list)
        + line(str(tmp_path / "photo.gif"))
        + CLEAR  # refused: not a format the dossier binds
        + line(str(tmp_path / "photo.jpg"))
        + CLEAR  # refused: a PNG inside
        + line(str(tmp_path / "photo.png"))
        + ENTER
        + ENTER
        + ENTER
        + ENTER
    )  # documents done, save
    code, out = interview(target, keys)
    assert code == 0, out
    assert [(d.kind, d.file) for d in load_profile(target).documents] == [("photo", "photo.png")]
    from titlecli.interview.questions import file_problem

    assert "请把扩展名改为 .png" in file_problem("photo.jpg", tmp_path)
    assert "TIFF" in file_problem("photo.gif", tmp_path)


def test_a_profile_that_cannot_be_written_is_refused_before_any_question(tmp_path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    target = tmp_path / "notes.txt" / "p.yaml"  # a typo: the folder is a file
    with pytest.raises(UserError) as e:
        interview(target, ENTER * 5, region=INITIAL)
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
    code, _ = interview(target, ENTER + line("刘洋") + line(cq) + CTRL_C, region=INITIAL)
    assert code == 130
    assert store.read_draft(store.draft_path(target))[0]["id_number"] == cq
    assert semantic_problems({"id_number": cq}) == []  # and check takes it too
    # an unknown county of a known province was a KeyError traceback inside stdnum
    assert id_number_problem("509999199003071233") == "身份证号中的出生日期或地区代码无效"
    assert [m for _, m in semantic_problems({"id_number": "509999199003071233"})] == ["身份证号中的出生日期或地区代码无效"]


def test_the_series_of_a_title_held_is_chosen_from_a_list(tmp_path):
    # a typed 会计系列 or 工程 never matched the series ids the rules compare (accounting, engineering)
    target = tmp_path / "t.yaml"
    keys = (
        ENTER
        + basics("李娜", "110101199003071233", "机械设计", "盐城某机械公司")
        + ENTER
        + ENTER
        + pick(4)
        + line("南京工业大学")
        + line("机械工程")
        + line("2021.7.1")
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + line("设计员")
        + line("2021-07-15")
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + pick(1)  # titles: add one
        + ENTER
        + CLEAR
        + line("会计员")
        + pick(2)  # 员级, its name, then the series: 工程系列 (this application's), 经济, 会计
        + line("2019-01-01")
        + ENTER  # obtained, by review
        + CTRL_C
    )
    code, _ = interview(target, keys, region=INITIAL)
    assert code == 130
    data, _ = store.read_draft(store.draft_path(target))
    assert data["titles"] == [{"level": "member", "name": "会计员", "series": "accounting", "obtained": date(2019, 1, 1)}]


def test_help_says_how_to_stop_and_resume():
    result = CliRunner().invoke(full_app(), ["interview", "--help"])
    assert result.exit_code == 0
    assert "Ctrl-C" in result.output and "PROFILE.draft.yaml" in result.output and "titlecli check" in result.output
