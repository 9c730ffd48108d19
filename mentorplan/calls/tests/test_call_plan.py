import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from mentorplan.calls.forms import LENGTH_MESSAGE
from mentorplan.calls.models import Call
from mentorplan.groups.models import Group
from mentorplan.testing import (
    default_plan,
    field_errors,
    make_group,
    make_mentor,
    make_plan,
    page_text,
)

pytestmark = pytest.mark.django_db

# A Thursday in January: London is on GMT (UTC+0), New York on EST (UTC-5).
NOW = datetime(2030, 1, 10, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _url(group: Group) -> str:
    return reverse("calls:plan", args=[group.key])


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "plan": default_plan().pk,
        "date": "2030-01-15",
        "time": "19:00",
        "length_minutes": "",
    }
    data.update(overrides)
    return data


def _agenda(response) -> list[tuple[str, int]]:
    """The planned page's agenda: (title, minutes) per segment."""
    rows = re.findall(
        r'<span class="grow">([^<]*).*?<span class="segment-minutes">(\d+) min</span>',
        response.content.decode(),
        re.DOTALL,
    )
    return [(title.strip().replace("&amp;", "&"), int(minutes)) for title, minutes in rows]


def test_the_form_offers_the_built_in_plan_and_the_mentors_own(client, group):
    mine = make_plan(group.memberships.get().user, title="My short plan")
    theirs = make_plan(make_mentor(), title="Someone else's plan")

    response = client.get(_url(group))

    assert response.status_code == 200
    text = page_text(response)
    assert "Standard mentoring session (70 min)" in text
    assert f"{mine.title} (45 min)" in text
    assert theirs.title not in text


def test_planning_a_session_snapshots_the_plan_and_opens_it(client, group):
    response = client.post(_url(group), _form())

    call = Call.objects.get(group=group)
    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    # The mentor is in London, on GMT in January.
    assert call.scheduled_at == datetime(2030, 1, 15, 19, 0, tzinfo=UTC)
    assert call.length_minutes == 70
    assert call.plan_title == "Standard mentoring session"
    assert call.started_at is None
    page = client.get(response["Location"])
    assert "Session planned." in page_text(page)
    assert _agenda(page) == [
        ("Welcome & chit chat", 10),
        ("Goal catch-up", 5),
        ("Recap & orientation", 10),
        ("Technical mentoring", 30),
        ("Goal setting", 10),
        ("Wrap up", 5),
    ]


def test_the_time_is_read_in_the_mentors_time_zone(client):
    mentor = make_mentor(timezone="America/New_York")
    client.force_login(mentor)
    group = make_group(mentor)

    client.post(_url(group), _form())

    # 19:00 in New York in January is midnight in London.
    assert Call.objects.get(group=group).scheduled_at == datetime(2030, 1, 16, 0, 0, tzinfo=UTC)


def test_changing_the_plan_later_leaves_the_session_as_planned(client, group):
    plan = make_plan(group.memberships.get().user, minutes=(10, 30, 5))

    client.post(_url(group), _form(plan=plan.pk))
    plan.segments.filter(position=2).update(minutes=60, title="Renamed")
    plan.segments.filter(position=3).delete()

    call = Call.objects.get(group=group)
    assert [(s.title, s.planned_minutes) for s in call.segments.all()] == [
        ("Part 1", 10),
        ("Part 2", 30),
        ("Part 3", 5),
    ]


def test_a_longer_call_gives_the_spare_minutes_to_the_flexible_segments(client, group):
    response = client.post(_url(group), _form(length_minutes="90"), follow=True)

    # 20 spare minutes, shared 30 : 10.
    assert [minutes for _, minutes in _agenda(response)] == [10, 5, 10, 45, 15, 5]
    assert "90 minutes" in page_text(response)
    assert "min more than" not in page_text(response)


def test_a_shorter_call_shrinks_the_flexible_segments_first(client, group):
    response = client.post(_url(group), _form(length_minutes="60"), follow=True)

    # 10 minutes short: 25 : 5 above the 5-minute floor gives up 8⅓ and 1⅔.
    assert [minutes for _, minutes in _agenda(response)] == [10, 5, 10, 22, 8, 5]
    assert "min more than" not in page_text(response)


def test_a_call_too_short_for_the_plan_says_what_does_not_fit(client, group):
    response = client.post(_url(group), _form(length_minutes="35"), follow=True)

    assert [minutes for _, minutes in _agenda(response)] == [10, 5, 10, 5, 5, 5]
    assert "This plan needs 5 min more than the 35-minute session" in page_text(response)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date", "2030-01-08", "That time has already passed. Choose today or a later date."),
        ("date", "", "Choose a date."),
        ("date", "2030-02-31", "Give a date like 2026-12-01."),
        ("time", "", "Choose a start time."),
        ("time", "25:00", "Give a time like 19:00."),
        ("length_minutes", "5", LENGTH_MESSAGE),
        ("length_minutes", "600", LENGTH_MESSAGE),
        ("length_minutes", "abc", LENGTH_MESSAGE),
        ("length_minutes", "-30", LENGTH_MESSAGE),
        ("plan", "", "Choose a plan."),
        ("plan", "abc", "Choose one of your plans."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_planned(
    client, group, field, value, message
):
    response = client.post(_url(group), _form(**{field: value}))

    assert response.status_code == 200
    assert field_errors(response, f"id_{field}") == [message]
    assert not Call.objects.exists()


def test_another_mentors_private_plan_cannot_be_used(client, group):
    theirs = make_plan(make_mentor(), title="Someone else's plan")

    response = client.post(_url(group), _form(plan=theirs.pk))

    assert response.status_code == 200
    assert field_errors(response, "id_plan") == ["Choose one of your plans."]
    assert not Call.objects.exists()


@pytest.mark.parametrize("minutes", [(5, 5), (120, 120, 60)])
def test_a_plan_too_short_or_long_for_a_call_needs_a_length(client, group, minutes):
    plan = make_plan(group.memberships.get().user, minutes=minutes)

    response = client.post(_url(group), _form(plan=plan.pk))

    assert response.status_code == 200
    assert field_errors(response, "id_length_minutes") == [
        f"{plan.title} lasts {sum(minutes)} minutes. {LENGTH_MESSAGE} Give this session a length."
    ]
    assert not Call.objects.exists()

    client.post(_url(group), _form(plan=plan.pk, length_minutes="60"))
    assert Call.objects.get(group=group).length_minutes == 60


def test_an_outsider_gets_404_and_nothing_is_planned(client, group):
    client.force_login(make_mentor())

    assert client.get(_url(group)).status_code == 404
    assert client.post(_url(group), _form()).status_code == 404
    assert not Call.objects.exists()


def test_wrong_method(client, group):
    assert client.put(_url(group)).status_code == 405
    assert client.delete(_url(group)).status_code == 405
