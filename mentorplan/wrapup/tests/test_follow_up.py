"""Planning the next session from the wrap-up: same weekday and time two weeks on, same agenda."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.plans.models import SegmentKind
from mentorplan.testing import HTMX, at_segment, is_partial, make_call
from mentorplan.wrapup.tests.pages import text_of

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
# A Tuesday evening on GMT; two weeks later the clocks have gone forward (BST since 31 March).
T0 = datetime(2030, 3, 19, 19, 0, tzinfo=LONDON)


@pytest.fixture
def frozen():
    with time_machine.travel(T0 + timedelta(minutes=65), tick=False) as traveller:
        yield traveller


@pytest.fixture
def call(frozen, group, amal) -> Call:
    call = make_call(group, scheduled_at=T0, length_minutes=80)
    return at_segment(call, SegmentKind.WRAP_UP, at=T0 + timedelta(minutes=60))


def _url(call: Call) -> str:
    return reverse("wrapup:follow_up", args=[call.key])


def _following(call: Call) -> list[Call]:
    return list(Call.objects.filter(group=call.group).exclude(pk=call.pk))


def _agenda(call: Call) -> list[tuple[int, str, str, int, int, bool, str]]:
    return [
        (s.position, s.kind, s.title, s.template_minutes, s.planned_minutes, s.flexible, s.guidance)
        for s in call.segments.all()
    ]


def test_the_default_is_the_same_weekday_and_local_time_two_weeks_on(client, call):
    content = client.get(reverse("calls:detail", args=[call.key])).content.decode()

    assert 'type="date" name="date" value="2030-04-02"' in content
    assert 'type="time" name="time" value="19:00"' in content
    assert "In your time zone, Europe/London." in content


def test_the_default_follows_the_mentors_time_zone(client, call, mentor):
    mentor.timezone = "Asia/Kolkata"  # 00:30 on Wednesday there
    mentor.save()

    content = client.get(reverse("calls:detail", args=[call.key])).content.decode()

    assert 'type="date" name="date" value="2030-04-03"' in content
    assert 'type="time" name="time" value="00:30"' in content


def test_planning_the_next_session_copies_the_agenda(client, call):
    response = client.post(_url(call), {"date": "2030-04-02", "time": "19:00"})

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    [following] = _following(call)
    assert following.scheduled_at == datetime(2030, 4, 2, 18, 0, tzinfo=zoneinfo.ZoneInfo("UTC"))
    assert following.started_at is None
    assert (following.plan_title, following.length_minutes) == (call.plan_title, 80)
    assert _agenda(following) == _agenda(call)
    text = text_of(client.get(response["Location"]))
    assert "The next session is planned." in text
    assert "Planned for Tuesday 2 April, 19:00." in text
    assert "Download the calendar invite" in text


def test_htmx_gets_the_tool_back_with_the_next_call_and_its_invite(client, call):
    response = client.post(_url(call), {"date": "2030-04-02", "time": "19:30"}, headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    [following] = _following(call)
    assert "Planned for Tuesday 2 April, 19:30." in text_of(response)
    assert reverse("wrapup:invite", args=[following.key]) in response.content.decode()
    assert 'name="date"' not in response.content.decode()


def test_a_second_press_does_not_plan_a_second_session(client, call):
    client.post(_url(call), {"date": "2030-04-02", "time": "19:00"})
    client.post(_url(call), {"date": "2030-04-09", "time": "19:00"}, headers=HTMX)

    assert len(_following(call)) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2030-03-19", "time": "18:00"}, "That time has already passed."),
        ({"date": "2029-12-01", "time": "19:00"}, "That time has already passed."),
        ({"date": "", "time": "19:00"}, "Choose a date."),
        ({"date": "2 April", "time": "19:00"}, "Give a date like"),
        ({"date": "2030-04-02", "time": "late"}, "Give a time like 19:00."),
        ({"date": "2031-04-02", "time": "19:00"}, "Choose a date within the next four months."),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(client, call, data, message):
    response = client.post(_url(call), data, headers=HTMX)

    assert response.status_code == 200
    assert message in text_of(response)
    assert _following(call) == []
    plain = client.post(_url(call), data)
    assert message in text_of(client.get(plain["Location"]))
    assert _following(call) == []


def test_an_outsider_gets_404_and_nothing_changes(client, call, outsider):
    assert client.post(_url(call), {"date": "2030-04-02", "time": "19:00"}).status_code == 404
    assert _following(call) == []


def test_wrong_method(client, call):
    assert client.get(_url(call)).status_code == 405
