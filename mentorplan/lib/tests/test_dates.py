from datetime import UTC, date, datetime, timedelta

from mentorplan.lib import dates


def test_the_window_runs_from_a_year_back_to_five_years_ahead():
    today = date(2030, 1, 14)

    assert dates.date_problem(date(2029, 1, 13), today) == ""
    assert dates.date_problem(date(2035, 1, 14), today) == ""
    assert dates.date_problem(date(2029, 1, 12), today).startswith(
        "Choose a date between 13 January 2029 and 14 January 2035"
    )
    assert dates.date_problem(date(2035, 1, 15), today) != ""
    assert dates.date_problem(date.max, today) != ""
    assert dates.date_problem(date.min, today) != ""


def test_a_leap_day_looks_five_years_ahead_to_the_end_of_february():
    assert dates.latest(date(2028, 2, 29)) == date(2033, 2, 28)


def test_arithmetic_stops_at_the_ends_of_the_calendar():
    end = datetime(9999, 12, 31, 23, 30, tzinfo=UTC)

    assert dates.add(end, timedelta(hours=1)) == datetime.max.replace(tzinfo=UTC)
    assert dates.add(datetime.min.replace(tzinfo=UTC), -timedelta(days=1)).year == 1
    assert dates.add_days(date.max, 7) == date.max
    assert dates.add_days(date.min, -7) == date.min
    assert dates.add_days(date(2030, 1, 1), 7) == date(2030, 1, 8)
