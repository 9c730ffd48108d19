"""The live SMART check while a goal is typed: advice letter by letter, nothing saved."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from mentorplan.goals.models import Goal, GoalEvent
from mentorplan.groups.models import Group
from mentorplan.testing import (
    HTMX,
    is_partial,
    make_call,
    make_goal,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 1, 14, 12, 0, tzinfo=UTC)
TODAY = NOW.date()


def _url(group: Group) -> str:
    return reverse("goals:check", args=[group.key])


def _letters(response) -> dict[str, bool]:
    """Each letter the check shows, and whether it looks good."""
    found = re.findall(
        r'<li class="smart-item is-(ok|advice)">\s*<span class="smart-letter"[^>]*>([SMART])<',
        response.content.decode(),
    )
    return {letter: state == "ok" for state, letter in found}


def test_the_five_letters_for_a_typed_goal(client, group):
    response = client.post(_url(group), {"text": "get better at JS", "deadline": "2030-01-21"})

    assert response.status_code == 200
    assert _letters(response) == {"S": False, "M": False, "A": True, "R": True, "T": True}
    text = page_text(response)
    assert "Specific could be better: “get better” is hard to see from outside." in text
    assert "Time-bound looks good: Due Mon 21 Jan." in text
    assert not Goal.objects.exists()
    assert not GoalEvent.objects.exists()


def test_a_good_goal(client, group):
    response = client.post(
        _url(group),
        {"text": "finish 3 katas on arrays", "deadline": "2030-01-18", "topic": "", "link": ""},
    )

    assert all(_letters(response).values())


def test_a_deadline_in_the_past_is_explained(client, group):
    response = client.post(_url(group), {"text": "finish 3 katas", "deadline": "2030-01-13"})

    assert _letters(response)["T"] is False
    assert "The deadline has already passed." in page_text(response)


def test_a_link_counts_as_relevant(client, group):
    params = {"text": "read 2 novels", "deadline": "2030-01-21"}

    assert _letters(client.post(_url(group), params))["R"] is False
    assert _letters(client.post(_url(group), {**params, "link": "https://example.org/x"}))["R"]


def test_it_warns_when_the_owner_has_many_goals_due_then(client, group):
    amal = make_trainee(group, name="Amal")
    for days in (5, 7, 9):
        make_goal(amal, deadline=TODAY + timedelta(days=days))
    make_goal(make_trainee(group), deadline=TODAY + timedelta(days=7))  # someone else's
    params = {"text": "finish 2 katas on loops", "deadline": "2030-01-21"}

    busy = client.post(_url(group), {**params, "owner": f"t:{amal.key}"})
    someone_else = client.post(_url(group), {**params, "owner": f"m:{group.mentors.get().pk}"})

    assert _letters(busy)["A"] is False
    assert "already 3 open goals due around the same time" in page_text(busy)
    assert _letters(someone_else)["A"] is True


def test_a_heavy_goal_is_judged_against_the_next_session(client, group):
    params = {"text": "finish 20 katas", "deadline": "2030-01-17"}

    assert _letters(client.post(_url(group), params))["A"] is False

    call = make_call(group, scheduled_at=NOW)
    make_call(group, scheduled_at=NOW + timedelta(days=2))  # reviews it before the deadline
    assert _letters(client.post(_url(group), {**params, "call": call.key}))["A"] is True


def test_nothing_typed_shows_the_hint(client, group):
    response = client.post(_url(group), {"text": "", "deadline": "2030-01-21"})

    assert _letters(response) == {}
    assert "It is advice, not a rule." in page_text(response)


def test_it_is_a_fragment_for_htmx(client, group):
    response = client.post(_url(group), {"text": "learn React"}, headers=HTMX)

    assert is_partial(response)
    assert len(_letters(response)) == 5


def test_an_outsider_gets_404(client, group):
    client.force_login(make_mentor())

    assert client.post(_url(group), {"text": "learn React"}).status_code == 404


def test_wrong_method_is_405(client, group):
    assert client.get(_url(group), {"text": "learn React"}).status_code == 405
    assert not Goal.objects.exists()


@pytest.mark.parametrize("deadline", ["2030-13-45", "friday", "2030-02-30", "9" * 50])
def test_a_date_that_is_not_a_date_counts_as_no_deadline(client, group, deadline):
    response = client.post(_url(group), {"text": "finish 3 katas", "deadline": deadline})

    assert response.status_code == 200
    assert _letters(response)["T"] is False
    assert "Set a deadline" in page_text(response)


@pytest.mark.parametrize("owner", ["t:xyz", "m:abc", "m:" + "9" * 40, "x", "t:", "m:²"])
def test_an_owner_no_form_sends_does_not_break_the_check(client, group, owner):
    params = {"text": "finish 3 katas", "deadline": "2030-01-21", "owner": owner}

    response = client.post(_url(group), params)

    assert response.status_code == 200
    assert _letters(response)["A"] is True


def test_a_session_of_another_group_is_404(client, group):
    other = make_call(make_group(make_mentor()), scheduled_at=NOW)

    response = client.post(_url(group), {"text": "learn React", "call": other.key})

    assert response.status_code == 404
