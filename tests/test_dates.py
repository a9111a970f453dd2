"""The "满 N 年" arithmetic (written down in titlecli/dates.py) and work-period counting."""

from datetime import date, timedelta

from hypothesis import example, given
from hypothesis import strategies as st

from titlecli import dates


def test_full_years_reached_on_same_calendar_day():
    assert dates.add_months(date(2016, 9, 1), 48) == date(2020, 9, 1)


def test_29_february_counts_to_28_february():
    assert dates.add_months(date(2020, 2, 29), 12) == date(2021, 2, 28)
    assert dates.add_months(date(2020, 2, 29), 48) == date(2024, 2, 29)


def test_a_month_has_the_days_the_calendar_gives_it():
    """add_months clamps to the month's last day without importing calendar: every month of every
    year a date can have (1900 and 2100 are not leap years, 2000 is)."""
    import calendar

    for year in range(date.min.year, date.max.year + 1):
        for month in range(1, 13):
            assert dates.days_in_month(year, month) == calendar.monthrange(year, month)[1], (year, month)
    assert dates.add_months(date(1900, 1, 31), 1) == date(1900, 2, 28)
    assert dates.add_months(date(2000, 1, 31), 1) == date(2000, 2, 29)


def test_span_message_figures():
    # contract §3 example: 2016-09-01 to 2022-08-01 is 5 years 11 months
    assert dates.span(date(2016, 9, 1), date(2022, 8, 1)) == (5, 11, 0)


def test_overlapping_work_is_counted_once():
    periods = [(date(2015, 1, 1), date(2018, 1, 1)), (date(2016, 1, 1), date(2017, 1, 1))]
    assert dates.reached(periods, 36) == date(2018, 1, 1)
    assert dates.reached(periods, 37) is None


def test_gaps_push_the_date_later():
    periods = [(date(2015, 1, 1), date(2016, 1, 1)), (date(2016, 7, 1), date(2030, 1, 1))]
    # one year worked, half a year off, then continuous: the date moves by the six months
    # (not by 182 days, which in leap-year 2016 would land a day late)
    assert dates.reached(periods, 24) == date(2017, 7, 1)


dates_st = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))


@given(dates_st, st.integers(min_value=0, max_value=600))
def test_add_months_never_moves_backwards_and_is_one_month_step(d, n):
    e = dates.add_months(d, n)
    assert e >= d
    y, m, _ = dates.span(d, e)
    assert 12 * y + m == n


@given(dates_st, dates_st)
def test_span_round_trips(a, b):
    lo, hi = min(a, b), max(a, b)
    y, m, days = dates.span(lo, hi)
    assert dates.add_months(lo, 12 * y + m) + timedelta(days=days) == hi
    assert 0 <= m < 12 and days >= 0


@given(
    st.lists(st.tuples(dates_st, st.integers(min_value=1, max_value=4000)), min_size=1, max_size=5), st.integers(min_value=1, max_value=240)
)
@example([(date(2000, 3, 2), 3848), (date(2011, 1, 13), 1783), (date(2016, 1, 1), 1)], 185)  # reached on a new job's first day
def test_reached_matches_continuous_work_when_merged(raw, months):
    periods = [(s, s + timedelta(days=n)) for s, n in raw]
    merged = dates.merge_periods(periods)
    r = dates.reached(periods, months)
    if len(merged) == 1:
        target = dates.add_months(merged[0][0], months)
        assert r == (target if target <= merged[0][1] else None)
    if r is not None:
        # on the day it is reached, the total worked is at least the requirement
        eff, have = dates.worked(periods, r)
        assert 12 * have[0] + have[1] >= months


def test_work_that_ended_is_counted_to_its_end_not_to_the_check_date():
    # a job from 2011-07-01 to 2014-06-30 (half-open end 2014-07-01) is 3 years, also on 2017-04-01
    eff, have = dates.worked([(date(2011, 7, 1), date(2014, 7, 1))], date(2017, 4, 1))
    assert eff == date(2011, 7, 1) and have == (3, 0, 0)
