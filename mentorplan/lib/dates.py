"""The window of dates people may type, and arithmetic on stored times that never overflows.

Python's dates end at 0001-01-01 and 9999-12-31: a time near either end cannot be shown in a zone
on the other side of UTC, nor have minutes added to it. Every date a person enters goes through
`WindowDateField` (or `date_problem`), so only dates from a year back to five years ahead are
stored, and the message next to the field says so.
"""

from datetime import date, datetime, timedelta

from django import forms
from django.utils import timezone

DAYS_BACK = 366  # a year back: a session or goal from last year may still be entered
YEARS_AHEAD = 5  # five years ahead: far enough for any plan a mentor makes


def earliest(today: date) -> date:
    return today - timedelta(days=DAYS_BACK)


def latest(today: date) -> date:
    # 29 February has no twin five years on: the last day of February is used then.
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def date_problem(day: date, today: date) -> str:
    """What is wrong with `day` as a date someone entered, in words; empty if nothing."""
    if earliest(today) <= day <= latest(today):
        return ""
    return (
        f"Choose a date between {_day(earliest(today))} and {_day(latest(today))}: "
        "from a year ago to five years ahead."
    )


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def validate_in_window(day: date) -> None:
    """A form validator: refuse a date outside the window around today (the reader's day)."""
    if problem := date_problem(day, timezone.localdate()):
        raise forms.ValidationError(problem, code="out_of_window")


class WindowDateField(forms.DateField):
    """A date typed into a form, from a year back to five years ahead."""

    default_validators = [validate_in_window]
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def add(moment: datetime, delta: timedelta) -> datetime:
    """`moment + delta`, stopped at the ends of the calendar instead of overflowing."""
    try:
        return moment + delta
    except OverflowError:
        edge = datetime.max if delta > timedelta(0) else datetime.min
        return edge.replace(tzinfo=moment.tzinfo)


def add_days(day: date, days: int) -> date:
    """`day` moved by `days`, stopped at the ends of the calendar instead of overflowing."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min
