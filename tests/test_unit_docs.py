"""The unit's own documents from a roster (issue 16 item 3): the 《公示情况一览表》 (xlsx, PDF)
and a 《推荐报告》 draft per applicant (docx).

Changzhi's notice (003_abb6e7983df217bd.txt) lists them as the dossier's 第一类, 五.4
"第一类：申报者所在单位《推荐报告》、《公示情况一览表》", and 十(一) sets the period:
"严格执行“三公示”制度……公示期不少于5个工作日".  The sample roster (examples/batch) is Changzhi's.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_batch import AS_OF, S, write_csv, write_xlsx

from titlecli.batch.unitdocs import publicity, wanted, working_days_end

START = "2025-09-29"


def test_five_working_days_from_2025_09_29_skip_national_day_and_count_the_working_saturday():
    # 2025: 10-01..10-08 are the National Day and Mid-Autumn holiday; Saturday 10-11 is an
    # adjusted working day.  9/29, 9/30, 10/9, 10/10, 10/11 are the five working days.
    first, end, warned = working_days_end(date(2025, 9, 29), 5)
    assert (first, end, warned) == (date(2025, 9, 29), date(2025, 10, 11), [])
    assert end.weekday() == 5  # a Saturday, and it counts


def test_a_start_on_a_holiday_begins_on_the_next_working_day():
    first, end, _ = working_days_end(date(2025, 10, 1), 5)
    # 10/9, 10/10, 10/11 (the working Saturday), then Sunday 10/12 off, 10/13, 10/14
    assert (first, end) == (date(2025, 10, 9), date(2025, 10, 14))


def test_outside_the_calendars_years_weekends_only_and_a_warning():
    start = date(2099, 9, 28)  # a Monday
    assert start.weekday() == 0
    first, end, warned = working_days_end(start, 5)
    assert (first, end) == (start, start + timedelta(days=4))
    assert len(warned) == 1 and "2099" in warned[0] and "周末" in warned[0]


def test_the_number_of_days_is_the_regions_and_cited():
    from titlecli import regions

    changzhi, yancheng = regions.load("shanxi-changzhi-2022"), regions.load("jiangsu-yancheng")
    assert wanted([changzhi]) and not wanted([yancheng])
    p = publicity([], [changzhi], date(2025, 9, 29))
    assert (p.working_days, p.end) == (5, date(2025, 10, 11))
    assert "长工信〔2022〕139号 十(一)" in p.source
    assert publicity([], [yancheng], date(2025, 9, 29)).end is None  # its documents state no number


@pytest.fixture(scope="module")
def changzhi_run(tmp_path_factory):
    """The sample roster, one employer written as a formula, with the 公示 from 2025-09-29."""
    from typer.testing import CliRunner

    from titlecli.cli import full_app

    tmp = tmp_path_factory.mktemp("unitdocs")
    rows = [dict(r) for r in S.ROWS]
    rows[-1]["单位"] = '=HYPERLINK("http://x","长治市某化工有限公司")'
    roster = write_csv(tmp / "花名册.csv", rows, "utf-8")  # a CSV keeps the formula as typed text
    out = tmp / "out"
    args = ["batch", str(roster), "-o", str(out), "-j", "1", "--as-of", AS_OF, "--publicity-start", START]
    res = CliRunner().invoke(full_app(), args)
    assert res.exit_code in (0, 1), res.output
    return tmp, roster, out, args, res.stdout


def test_the_publicity_table_has_a_row_per_applicant_and_the_period(changzhi_run):
    _, _, out, _, stdout = changzhi_run
    assert "公示情况一览表.xlsx" in stdout and "推荐报告.docx" in stdout
    ws = load_workbook(out / "公示情况一览表.xlsx").active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    text = "\n".join(str(v) for row in values for v in row if v is not None)
    assert "2025-09-29 至 2025-10-11" in text and "5 个工作日" in text and "长工信〔2022〕139号 十(一)" in text
    head = next(i for i, row in enumerate(values) if row[1] == "姓名")
    body = values[head + 1 :]
    assert [row[1] for row in body] == ["张伟", "王芳", "赵磊"]
    zhang = body[0]
    assert zhang[3] == "助理工程师（2016-09-01）"  # current title and its date
    assert "中级" in zhang[4] and "太原理工大学" in zhang[5] and zhang[6] == "5 年 11 个月"
    assert "某型减速器齿轮的疲劳寿命分析" in zhang[7] and "某生产线技术改造" in zhang[8] and zhang[9].startswith("符合")


def test_a_formula_in_a_roster_cell_stays_text_in_the_table(changzhi_run):
    _, _, out, _, _ = changzhi_run
    ws = load_workbook(out / "公示情况一览表.xlsx").active
    cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert cell.data_type == "s" and cell.quotePrefix


def test_the_publicity_pdf_embeds_its_fonts_and_shows_the_rows(changzhi_run):
    from pypdf import PdfReader

    _, _, out, _, _ = changzhi_run
    pdf = PdfReader(out / "公示情况一览表.pdf")
    text = "".join(p.extract_text() for p in pdf.pages)
    for name in ("张伟", "王芳", "赵磊", "2025-10-11"):
        assert name in text
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font).get("/FontDescriptor")
            assert desc is not None and any(k in desc.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")), font


def test_the_recommendation_report_opens_in_python_docx_with_the_applicants_facts(changzhi_run):
    import docx

    _, _, out, _, _ = changzhi_run
    (path,) = out.glob("张伟_*_推荐报告.docx")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    for fact in (
        "张伟",
        "长治市某机械制造有限公司",
        "太原理工大学",
        "2016-09-01 助理工程师",  # title history
        "5 年 11 个月",  # years in the present title on --as-of
        "2020 年：优秀",  # assessments
        "《某型减速器齿轮的疲劳寿命分析》",
        "某生产线技术改造",
    ):
        assert fact in text, fact
    assert text.count("【请单位填写：") >= 4  # the unit's judgement is left to the unit


def test_same_inputs_give_the_same_bytes_and_an_edited_report_is_not_overwritten(changzhi_run):
    from typer.testing import CliRunner

    from titlecli.cli import full_app

    _, _, out, args, _ = changzhi_run
    names = ["公示情况一览表.xlsx", "公示情况一览表.pdf", *(p.name for p in out.glob("*_推荐报告.docx"))]
    before = {n: (out / n).read_bytes() for n in names}
    (edited,) = out.glob("王芳_*_推荐报告.docx")
    with zipfile.ZipFile(io.BytesIO(before[edited.name])) as z:
        assert all(i.date_time == (2022, 8, 1, 0, 0, 0) for i in z.infolist())
    edited.write_bytes(before[edited.name] + b"edited")
    res = CliRunner().invoke(full_app(), args)
    assert res.exit_code in (0, 1), res.output
    assert edited.read_bytes().endswith(b"edited")
    assert "未覆盖" in res.stdout and edited.name in res.stdout
    for n in names:
        if n != edited.name:
            assert (out / n).read_bytes() == before[n], n


def test_english_names_and_headers(cli, tmp_path: Path):
    roster = write_xlsx(tmp_path / "r.xlsx", S.ROWS[:1])
    out = tmp_path / "out"
    code, stdout, _ = cli("batch", roster, "-o", out, "-j", "1", "--as-of", AS_OF, "--lang", "en", "--publicity-start", START)
    assert code in (0, 1), stdout
    ws = load_workbook(out / "publicity-table.xlsx").active
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    assert "Publicity period: 2025-09-29 to 2025-10-11 (5 working days" in text and "Present title and date" in text
    assert "公示" not in text and "年" not in text
    (report,) = out.glob("*_recommendation.docx")
    import docx

    body = "\n".join(p.text for p in docx.Document(str(report)).paragraphs)
    assert "[for the unit to fill in:" in body and "【" not in body
    # a bachelor's level with a bachelor's degree is named once, in English's order and commas
    assert "bachelor's bachelor's" not in body and ", bachelor's degree (graduated " in body
