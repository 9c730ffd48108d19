"""Planning a session and scheduling the follow-up read a day and a time the same way."""

from datetime import UTC, datetime

import pytest
from django.db.models import Sum
from django.utils import timezone

from mentorplan.calls.forms import CallForm
from mentorplan.plans.models import PlanTemplate
from mentorplan.wrapup.forms import FollowUpForm

NOW = datetime(2030, 1, 14, 12, 0, tzinfo=UTC)

pytestmark = pytest.mark.usefixtures("frozen")


def _call_form(**data: str) -> CallForm:
    plans = PlanTemplate.objects.filter(owner__isnull=True).annotate(total=Sum("segments__minutes"))
    return CallForm({"plan": plans.first().pk, **data}, plans=plans)  # type: ignore[union-attr]


def _follow_up_form(**data: str) -> FollowUpForm:
    return FollowUpForm(data)


@pytest.mark.parametrize("make_form", [_call_form, _follow_up_form])
def test_the_day_and_time_are_read_in_the_readers_zone(db, make_form):
    with timezone.override("America/New_York"):
        form = make_form(date="2030-01-20", time="19:00")

        assert form.is_valid(), form.errors
    assert form.cleaned_data["scheduled_at"] == datetime(2030, 1, 21, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize("make_form", [_call_form, _follow_up_form])
def test_a_time_long_past_is_refused_on_the_date(db, make_form):
    form = make_form(date="2030-01-10", time="19:00")

    assert not form.is_valid()
    assert form.errors["date"][0].startswith("That time has already passed.")


def test_a_session_may_be_planned_for_earlier_today_but_a_follow_up_may_not(db):
    assert _call_form(date="2030-01-14", time="09:00").is_valid()
    assert FollowUpForm({"date": "2030-01-14", "time": "09:00"}).errors["date"] == [
        "That time has already passed. Choose a later date."
    ]


def test_a_follow_up_is_at_most_four_months_ahead():
    assert FollowUpForm({"date": "2030-06-14", "time": "19:00"}).errors["date"] == [
        "Choose a date within the next four months."
    ]


@pytest.mark.parametrize("make_form", [_call_form, _follow_up_form])
def test_a_missing_or_garbled_day_or_time_says_what_to_give(db, make_form):
    errors = make_form(date="next friday", time="").errors

    assert errors["date"] == ["Give a date like 2026-12-01."]
    assert errors["time"] == ["Choose a start time."]
