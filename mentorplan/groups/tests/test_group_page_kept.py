"""The group page's cards are drawn once and kept until something they show changes: a
second look asks the database only whether anything changed, and any change shows at once,
even within the same instant (the clock is stopped here)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorplan.feedback.models import CheckInStatus, Feedback
from mentorplan.goals import actions
from mentorplan.goals.models import ReviewOutcome
from mentorplan.groups.models import Group
from mentorplan.lib.versioned import save_on_version
from mentorplan.room.models import TraineeLink
from mentorplan.testing import (
    check_in,
    end_call,
    make_call,
    make_feedback,
    make_group,
    make_invitation,
    make_trainee,
    parse,
    start_call,
    text_in,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 1, 14, 12, 0, tzinfo=UTC)


def _url(group: Group) -> str:
    return reverse("groups:detail", args=[group.key])


def _card(client, group: Group, card: str) -> str:
    return text_in(parse(client.get(_url(group))).find(id=card))


def test_a_second_look_asks_only_whether_anything_changed(client, mentor):
    group = make_group(mentor)
    make_trainee(group, name="Amal")
    make_call(group)

    with CaptureQueriesContext(connection) as first:
        client.get(_url(group))
    with CaptureQueriesContext(connection) as again:
        client.get(_url(group))

    assert len(again.captured_queries) < len(first.captured_queries) - 5
    assert not any('"calls_call"."' in q["sql"] for q in again.captured_queries)
    # The invitations waiting are read with the people, not loaded on their own.
    assert not any('"groups_invitation"."' in q["sql"] for q in again.captured_queries)


def test_every_change_shows_at_once(client, mentor, frozen):
    group = make_group(mentor)
    amal = make_trainee(group, name="Amal")
    assert "Nothing planned yet" in _card(client, group, "sessions")
    assert "Amal" in _card(client, group, "trainee-links")

    call = make_call(group)
    assert "Nothing planned yet" not in _card(client, group, "sessions")
    start_call(call)
    assert "Live now" in _card(client, group, "sessions")
    check_in(call, amal)
    assert "not seen in a session yet" not in _card(client, group, "checkins")
    feedback = make_feedback(call, amal, status=CheckInStatus.CONCERN)
    assert "Concern" in _card(client, group, "checkins")
    # Feedback is saved on its version, as the runner's form saves it.
    save_on_version(Feedback, {"pk": feedback.pk}, 0, {"status": CheckInStatus.BEYOND})
    assert "Beyond" in _card(client, group, "checkins")

    goal = actions.set_goal(
        by=mentor, group=group, trainee=amal, text="Read", deadline=NOW.date() + timedelta(1)
    )
    actions.review(goal, outcome=ReviewOutcome.MET, by=mentor, call=call)
    assert "1/1 met on time" in _card(client, group, "goals-summary")
    end_call(call)
    assert "Finished" in _card(client, group, "sessions")

    TraineeLink.issue(amal, by=mentor)
    assert "No working link" not in _card(client, group, "trainee-links")
    amal.name = "Amal B."
    amal.save()
    assert "Amal B." in _card(client, group, "checkins")

    frozen.shift(timedelta(days=15))
    client.force_login(mentor)  # the sign-in has run out meanwhile
    assert "no check-in for over 14 days" in _card(client, group, "checkins")


def test_invitations_come_and_go_at_once(client, mentor, frozen):
    group = make_group(mentor)
    make_trainee(group, name="Amal")
    assert "Waiting for an answer" not in _card(client, group, "mentors")

    make_invitation(group, "cory@example.org")
    assert "cory@example.org" in _card(client, group, "mentors")
    make_trainee(group, name="Ben")
    assert "Ben" in _card(client, group, "trainees")

    frozen.shift(timedelta(days=15))  # the invitation works for two weeks
    client.force_login(mentor)
    assert "cory@example.org" not in _card(client, group, "mentors")
