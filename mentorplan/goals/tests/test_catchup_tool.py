"""The goal catch-up part of a live session: every goal due by this session, and those due before
the next one ("coming up"), for each trainee and the mentors, with one tap per outcome."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from mentorplan.calls.models import Action, Call
from mentorplan.goals.models import Goal, GoalStatus
from mentorplan.groups.models import Role
from mentorplan.testing import (
    HTMX,
    default_plan,
    is_partial,
    make_goal,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 1, 14, 18, 0, tzinfo=UTC)  # a Monday evening
NEXT = datetime(2030, 1, 28, 18, 0, tzinfo=UTC)


def _plan(group, when: datetime) -> Call:
    return Call.plan(
        group=group,
        template=default_plan(),
        scheduled_at=when,
        length_minutes=None,
        created_by=group.mentors.first(),
    )


def _at_catch_up(call: Call) -> Call:
    """Start the session and go to the goal catch-up, the second part of the standard plan."""
    segments = list(call.segments.all())
    call.control(Action.START, now=NOW)
    call.control(Action.JUMP, position=1, now=NOW)
    assert segments[1].title == "Goal catch-up"
    return call


def _url(call: Call) -> str:
    return reverse("calls:detail", args=[call.key])


def _parts(response) -> tuple[str, str, str]:
    """The text of the tool's three lists: due now, coming up, reviewed in this session."""
    text = page_text(response)
    text = text[text.index("Goals to review") :]
    coming = text.find("Coming up (due before")
    reviewed = text.find("Reviewed in this session")
    end = len(text) if reviewed < 0 else reviewed
    due = text[: coming if coming >= 0 else end]
    return (
        due,
        (text[coming:end] if coming >= 0 else ""),
        (text[reviewed:] if reviewed >= 0 else ""),
    )


def _day(day: int) -> date:
    return date(2030, 1, day)


def test_goals_due_now_and_coming_up(client, mentor, group):
    amal = make_trainee(group, name="Amal")
    ben = make_trainee(group, name="Ben")
    gone = make_trainee(group, name="Gone", is_active=False)
    co_mentor = make_mentor(display_name="Kim")
    group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)
    call = _plan(group, NOW)
    _plan(group, NEXT)
    _plan(group, NOW - timedelta(days=14))  # the last one: goals set there are reviewed now

    make_goal(amal, text="Overdue since Thursday", deadline=_day(10))
    make_goal(ben, text="Due today", deadline=_day(14))
    make_goal(mentor, text="Mentor's review of 2 PRs", deadline=_day(12))
    make_goal(co_mentor, group=group, text="Kim's resources", deadline=_day(13))
    make_goal(amal, text="Carried over twice", deadline=_day(13), times_extended=1, times_missed=1)
    make_goal(amal, text="Due next week", deadline=_day(20))
    make_goal(mentor, text="Due the day before", deadline=_day(27))
    make_goal(amal, text="Due at the next session", deadline=_day(28))
    make_goal(amal, text="Already met", deadline=_day(5), status=GoalStatus.MET)
    make_goal(amal, text="Still a proposal", deadline=_day(10), proposal=True)
    make_goal(amal, text="Set in this session", deadline=_day(14), set_in=call)
    make_goal(gone, text="Left the group", deadline=_day(10))
    make_goal(make_trainee(make_group(make_mentor())), text="Other group's", deadline=_day(10))

    response = client.get(_url(_at_catch_up(call)))

    assert response.status_code == 200
    due, coming, reviewed = _parts(response)
    for goal in [
        "Overdue since Thursday Amal",
        "Due today Ben",
        "Mentor's review of 2 PRs Sam",
        "Kim's resources Kim",
        "Carried over twice Amal",
    ]:
        assert goal in due
    assert "(due before the next session on 28 Jan)" in coming
    assert "Due next week Amal" in coming
    assert "Due the day before Sam" in coming
    assert reviewed == ""
    listed = due + coming
    for goal in [
        "Due at the next session",
        "Already met",
        "Still a proposal",
        "Set in this session",
        "Left the group",
        "Other group's",
    ]:
        assert goal not in listed
    assert due.count("Met Partly") == 5
    assert coming.count("Met Partly") == 2
    assert due.count("overdue") == 4  # due today is not overdue


def test_without_a_next_session_coming_up_means_the_next_two_weeks(client, group):
    amal = make_trainee(group, name="Amal")
    make_goal(amal, text="In thirteen days", deadline=_day(27))
    make_goal(amal, text="In two weeks", deadline=_day(28))

    due, coming, _ = _parts(client.get(_url(_at_catch_up(_plan(group, NOW)))))

    assert "In thirteen days" in coming
    assert "In two weeks" not in due + coming


def test_nothing_due(client, group):
    response = client.get(_url(_at_catch_up(_plan(group, NOW))))

    assert "No goals are due." in page_text(response)


def test_reviewed_goals_move_to_their_own_list(client, group):
    amal = make_trainee(group, name="Amal")
    call = _at_catch_up(_plan(group, NOW))
    met = make_goal(amal, text="Finish 3 katas", deadline=_day(10))
    missed = make_goal(amal, text="Read chapter 4", deadline=_day(12))
    review = reverse("goals:review", args=[met.key])

    client.post(review, {"outcome": "met", "call": call.key}, headers=HTMX)
    response = client.post(
        reverse("goals:review", args=[missed.key]),
        {
            "outcome": "missed",
            "note": "Ill",
            "next_step": "smaller",
            "smaller_text": "Read half of chapter 4",
            "new_deadline": "2030-01-21",
            "call": call.key,
        },
        headers=HTMX,
    )

    assert is_partial(response)
    due, coming, reviewed = _parts(response)
    assert "Finish 3 katas" in reviewed and "Met" in reviewed
    assert "Read chapter 4" in reviewed
    assert "Missed Ill · next: replace it with a smaller goal" in reviewed
    assert "Finish 3 katas" not in due + coming
    # The smaller goal was set in this session: it is for the next catch-up, not this one.
    assert "Read half of chapter 4" not in due + coming + reviewed
    assert Goal.objects.get(replaces=missed).set_in == call
    # And the whole page, reloaded, agrees.
    assert reviewed.strip() in page_text(client.get(_url(call)))


def test_each_outcome_is_one_tap(client, group):
    goal = make_goal(make_trainee(group, name="Amal"), deadline=_day(10))

    content = client.get(_url(_at_catch_up(_plan(group, NOW)))).content.decode()

    form = content[content.index(f'action="{reverse("goals:review", args=[goal.key])}"') :]
    form = form[: form.index("</form>")]
    for outcome in ["met", "partly", "missed", "extended"]:
        assert f'<button type="submit" name="outcome" value="{outcome}"' in form


def test_catch_up_reviews_the_goals_the_reminder_named_whatever_the_readers_zone(client, mentor):
    """The group's day is the lead's: 18:00 UTC on Monday is already Tuesday in Auckland. A
    co-mentor in London sees as due the same goals the reminder listed, not Monday's."""
    lead = make_mentor(display_name="Aroha", timezone="Pacific/Auckland")
    group = make_group(lead)
    group.memberships.create(user=mentor, role=Role.CO_MENTOR)
    mentor.timezone = "Europe/London"
    mentor.save(update_fields=["timezone"])
    amal = make_trainee(group, name="Amal")
    make_goal(amal, text="Due on Tuesday", deadline=_day(15))
    make_goal(amal, text="Due on Wednesday", deadline=_day(16))
    call = _plan(group, NOW)

    response = client.get(_url(_at_catch_up(call)))

    due, coming, _ = _parts(response)
    assert "Due on Tuesday" in due
    assert "Due on Wednesday" in coming
    assert [g.text for g in Goal.objects.due_at(call)] == ["Due on Tuesday"]
