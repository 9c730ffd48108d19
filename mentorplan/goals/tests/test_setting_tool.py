"""The goal setting part of a live session: quick entry for everyone, proposals to accept."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorplan.calls.models import Action, Call
from mentorplan.goals.models import Goal
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

NOW = datetime(2030, 1, 14, 18, 0, tzinfo=UTC)


@pytest.fixture
def call(mentor) -> Call:
    group = make_group(mentor)
    call = Call.plan(
        group=group,
        template=default_plan(),
        scheduled_at=NOW,
        length_minutes=None,
        created_by=mentor,
    )
    Call.plan(
        group=group,
        template=default_plan(),
        scheduled_at=NOW + timedelta(days=7),
        length_minutes=None,
        created_by=mentor,
    )
    segments = list(call.segments.all())
    call.control(Action.START, now=NOW)
    call.control(Action.JUMP, position=4, now=NOW)
    assert segments[4].title == "Goal setting"
    return call


def _url(call: Call) -> str:
    return reverse("calls:detail", args=[call.key])


def test_a_form_for_everyone_with_the_next_session_as_deadline(client, call):
    make_trainee(call.group, name="Amal")
    make_trainee(call.group, name="Ben")
    make_trainee(call.group, name="Gone", is_active=False)

    response = client.get(_url(call))

    content = response.content.decode()
    owners = re.findall(r'<option value="[tm]:[^"]+"[^>]*>([^<]*)</option>', content)
    assert owners == ["Amal", "Ben", "Sam (mentor)"]
    assert 'name="deadline" value="2030-01-21"' in content
    assert f'name="call" value="{call.key}"' in content
    assert "The next session is on Monday 21 Jan" in page_text(response)


def test_proposals_can_be_accepted(client, call):
    amal = make_trainee(call.group, name="Amal")
    proposal = make_goal(amal, text="Build the quiz page", proposal=True)
    make_goal(amal, text="Already agreed")
    make_goal(make_trainee(make_group(make_mentor())), text="Other group's", proposal=True)

    response = client.get(_url(call))

    text = page_text(response)
    assert "Proposed by trainees Build the quiz page Amal" in text
    assert "Already agreed" not in text
    assert "Other group's" not in text
    accept = reverse("goals:accept", args=[proposal.key])
    form = response.content.decode().split(f'action="{accept}"')[1].split("</form>")[0]
    assert f'name="call" value="{call.key}"' in form
    assert "Accept</button>" in form

    response = client.post(accept, {"call": call.key}, headers=HTMX)

    assert is_partial(response)
    assert "Proposed by trainees" not in page_text(response)
    assert "Set in this session Build the quiz page" in page_text(response)
    proposal.refresh_from_db()
    assert (proposal.proposal, proposal.set_in) == (False, call)


def test_goals_set_here_are_listed(client, call):
    amal = make_trainee(call.group, name="Amal")
    make_goal(amal, text="Set here", set_in=call)
    make_goal(amal, text="Set last time")

    text = page_text(client.get(_url(call)))

    assert "Set in this session Set here" in text
    assert "Set last time" not in text


def test_quick_entry_for_a_trainee(client, call):
    amal = make_trainee(call.group, name="Amal")
    data = {
        "call": call.key,
        "owner": f"t:{amal.key}",
        "text": "Finish 2 katas on loops",
        "deadline": "2030-01-21",
    }

    response = client.post(reverse("goals:create", args=[call.group.key]), data, headers=HTMX)

    assert "Set in this session Finish 2 katas on loops Amal" in page_text(response)
    assert Goal.objects.get().set_in == call


def test_who_can_own_a_goal_is_read_once_a_draw(client, call):
    make_trainee(call.group, name="Amal")
    client.get(_url(call))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url(call))

    assert "Amal" in page_text(response)
    read = [q["sql"] for q in queries if 'FROM "groups_membership"' in q["sql"]]
    assert len(read) == 1, read
