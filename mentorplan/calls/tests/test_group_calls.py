import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorplan.calls.models import Action, Call
from mentorplan.groups.models import Group, Role
from mentorplan.testing import (
    HTMX,
    end_call,
    is_partial,
    make_call,
    make_group,
    make_mentor,
    page_text,
    parse,
    start_call,
)

pytestmark = pytest.mark.django_db


def _url(group: Group) -> str:
    return reverse("calls:group_calls", args=[group.key])


def _sections(response) -> dict[str, list[str]]:
    """The sessions listed under each heading, as the keys of the sessions they link to."""
    content = response.content.decode()
    sections = {}
    for chunk in content.split("<h3>")[1:]:
        heading, _, rest = chunk.partition("</h3>")
        sections[heading] = re.findall(r'href="/sessions/([0-9a-f-]{36})/"', rest)
    return sections


def _day(days: int):
    return timezone.now() + timedelta(days=days)


def test_sessions_are_grouped_into_live_upcoming_and_finished(client, group):
    later = make_call(group, scheduled_at=_day(14))
    sooner = make_call(group, scheduled_at=_day(7))
    live = start_call(make_call(group, scheduled_at=_day(0)))
    old = end_call(make_call(group, scheduled_at=_day(-14)), at=_day(-14))
    recent = end_call(make_call(group, scheduled_at=_day(-7)), at=_day(-7))

    response = client.get(_url(group))

    assert response.status_code == 200
    assert not is_partial(response)
    assert _sections(response) == {
        "Live now": [str(live.key)],
        "Upcoming": [str(sooner.key), str(later.key)],
        "Finished": [str(recent.key), str(old.key)],
    }
    assert "Live" in page_text(response)


def test_a_paused_session_is_still_live(client, group):
    live = start_call(make_call(group))
    live.control(Action.PAUSE, now=timezone.now())

    response = client.get(_url(group))

    assert _sections(response)["Live now"] == [str(live.key)]
    assert "Paused" in page_text(response)


def test_a_group_without_sessions(client, group):
    response = client.get(_url(group))

    assert _sections(response) == {"Upcoming": []}
    assert "Nothing planned yet." in page_text(response)
    assert reverse("calls:plan", args=[group.key]) in response.content.decode()


def test_only_this_groups_sessions_are_listed(client, group):
    mine = make_call(group)
    other_group = make_group(group.memberships.get().user)
    theirs = make_call(other_group)

    keys = _sections(client.get(_url(group)))["Upcoming"]

    assert keys == [str(mine.key)]
    assert str(theirs.key) not in keys


def test_htmx_gets_the_list_only(client, group):
    call = make_call(group)

    response = client.get(_url(group), headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert response.content.decode().lstrip().startswith('<section class="card" id="sessions"')
    assert _sections(response)["Upcoming"] == [str(call.key)]


def test_an_outsider_gets_404(client, group):
    make_call(group)
    outsider = make_mentor()
    make_group(outsider)
    client.force_login(outsider)

    assert client.get(_url(group)).status_code == 404
    assert client.get(_url(group), headers=HTMX).status_code == 404


def test_an_unknown_group_is_404(client, group):
    assert client.get(reverse("calls:group_calls", args=[Call().key])).status_code == 404


def test_wrong_method(client, group):
    assert client.post(_url(group)).status_code == 405


# --- Kept drawn until a session changes ----------------------------------------------------------


def _sessions_read(client, group: Group) -> int:
    """How many times drawing the list reads the group's sessions."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(_url(group)).status_code == 200
    return sum('"calls_call"."id"' in query["sql"] for query in captured.captured_queries)


def test_the_list_drawn_again_reads_no_session(client, group):
    make_call(group)
    end_call(make_call(group, scheduled_at=_day(-7)), at=_day(-7))

    assert _sessions_read(client, group) > 0
    assert _sessions_read(client, group) == 0


def _pause(call: Call) -> None:
    call.control(Action.PAUSE, now=timezone.now())


def _cancel(call: Call) -> None:
    call.cancel(now=timezone.now())


@pytest.mark.parametrize(
    "steps, heading",
    [
        ([start_call], "Live now"),
        ([start_call, _pause], "Live now"),
        ([end_call], "Finished"),
        ([_cancel], "Cancelled"),
    ],
    ids=["started", "paused", "ended", "cancelled"],
)
def test_a_session_that_changed_shows_as_it_is_now(client, group, steps, heading):
    """The list is drawn before each step, and shows what the step did."""
    call = make_call(group)
    client.get(_url(group))

    for step in steps:
        step(call)
        shown = client.get(_url(group))

    assert _sections(shown)[heading] == [str(call.key)]
    assert ("Paused" in page_text(shown)) == (_pause in steps)


def test_a_session_planned_or_moved_shows_on_the_next_draw(client, group):
    call = make_call(group, scheduled_at=datetime(2031, 3, 4, 18, 0, tzinfo=UTC))
    assert "Tue 4 Mar 2031, 18:00" in page_text(client.get(_url(group)))

    call.reschedule(
        scheduled_at=datetime(2031, 3, 6, 18, 0, tzinfo=UTC), length_minutes=80, video_url=""
    )
    added = make_call(group, scheduled_at=datetime(2031, 3, 20, 18, 0, tzinfo=UTC))

    shown = client.get(_url(group))
    assert "Thu 6 Mar 2031, 18:00" in page_text(shown) and "80 min" in page_text(shown)
    assert _sections(shown)["Upcoming"] == [str(call.key), str(added.key)]


def test_each_reader_sees_the_times_in_their_own_zone(client, mentor, group):
    """Sam in London and Aroha in Auckland, after Sam's screen drew the list first."""
    mentor.timezone = "Europe/London"
    mentor.save()
    aroha = make_mentor(display_name="Aroha", timezone="Pacific/Auckland")
    group.memberships.create(user=aroha, role=Role.CO_MENTOR)
    other = Client()
    other.force_login(aroha)
    make_call(group, scheduled_at=datetime(2031, 3, 4, 18, 0, tzinfo=UTC))

    assert "Tue 4 Mar 2031, 18:00" in _list_text(client, group)
    assert "Wed 5 Mar 2031, 07:00" in _list_text(other, group)


def _list_text(browser, group: Group) -> str:
    return page_text(browser.get(_url(group)))


def _start_form(browser, group: Group) -> dict[str, str]:
    """The list's start button as the browser would send it: its address and fields."""
    form = parse(browser.get(_url(group))).select_one("form.start-form")
    assert form is not None
    hidden = form.select("input[type=hidden]")
    return {"action": str(form["action"])} | {str(f["name"]): str(f["value"]) for f in hidden}


def test_the_start_button_carries_the_reader_s_own_token(mentor, group):
    """A co-mentor's browser gets the list another drew, with a token that works for them."""
    call = make_call(group)
    kofi = make_mentor(display_name="Kofi")
    group.memberships.create(user=kofi, role=Role.CO_MENTOR)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(mentor)
    second.force_login(kofi)
    first.get(_url(group))

    form = _start_form(second, group)
    sent = second.post(form.pop("action"), {**form, "action": "start"})

    assert sent.status_code == 302  # someone else's token is refused with 403
    call.refresh_from_db()
    assert call.started_at is not None
