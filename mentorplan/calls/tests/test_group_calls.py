import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.calls.models import Action, Call
from mentorplan.groups.models import Group
from mentorplan.testing import (
    HTMX,
    end_call,
    is_partial,
    make_call,
    make_group,
    make_mentor,
    page_text,
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
