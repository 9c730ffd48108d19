"""Where the call happens: a video-call link on the group, which a session can override. It is
shown where a mentor needs it and goes wherever the group reads about the call."""

from datetime import UTC, datetime, timedelta

import pytest
import vobject
from django.core import mail
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.groups.models import Group
from mentorplan.testing import (
    end_call,
    field_errors,
    make_call,
    make_trainee,
    page_text,
    start_call,
)
from mentorplan.wrapup import reminders, summary
from mentorplan.wrapup.tests.calendar_clients import PARSERS

pytestmark = pytest.mark.django_db

NOW = datetime(2030, 1, 10, 12, 0, tzinfo=UTC)
GROUP_LINK = "https://meet.example/group-room"
OWN_LINK = "https://zoom.example/j/123?pwd=a&b=c"


@pytest.fixture(autouse=True)
def clock(frozen):
    return frozen


@pytest.fixture
def linked(group) -> Group:
    group.video_url = GROUP_LINK
    group.save(update_fields=["video_url"])
    return group


def _edit(client, group: Group, link: str):
    data = {"name": group.name, "course": "", "region": "", "video_url": link}
    return client.post(reverse("groups:edit", args=[group.key]), data)


def test_the_group_keeps_its_link(client, group):
    response = _edit(client, group, GROUP_LINK)

    assert response.status_code == 302
    group.refresh_from_db()
    assert group.video_url == GROUP_LINK
    form = client.get(reverse("groups:edit", args=[group.key]))
    assert f'value="{GROUP_LINK}"' in form.content.decode()


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "ftp://files.example/room",
        "not a link",
        "https://meet.example/" + "a" * 500,
    ],
)
def test_only_a_web_link_is_kept(client, linked, link):
    response = _edit(client, linked, link)

    assert response.status_code == 200
    [error] = field_errors(response, "id_video_url")
    assert error.startswith(("Give a full web address", "That link is too long"))
    linked.refresh_from_db()
    assert linked.video_url == GROUP_LINK


def test_a_bare_address_is_read_as_https(client, group):
    _edit(client, group, "meet.example/abc")

    group.refresh_from_db()
    assert group.video_url == "https://meet.example/abc"


def test_a_session_uses_the_groups_link_unless_it_has_its_own(linked):
    call = make_call(linked)
    assert call.video_link == GROUP_LINK

    call.reschedule(scheduled_at=call.scheduled_at, length_minutes=70, video_url=OWN_LINK)
    assert Call.objects.get(pk=call.pk).video_link == OWN_LINK


def test_the_planned_page_and_the_runner_show_the_link(client, linked):
    call = make_call(linked)

    planned = client.get(reverse("calls:detail", args=[call.key]))
    assert f"Video call: {GROUP_LINK}" in page_text(planned)

    start_call(call, NOW)
    runner = client.get(reverse("calls:detail", args=[call.key]))
    assert f'href="{GROUP_LINK}"' in runner.content.decode()
    assert "Video call" in page_text(runner)


@pytest.mark.parametrize("parser", PARSERS)
def test_the_invite_says_where_the_call_is(client, linked, parser):
    call = make_call(linked)
    call.reschedule(scheduled_at=call.scheduled_at, length_minutes=70, video_url=OWN_LINK)

    body = client.get(reverse("wrapup:invite", args=[call.key])).content

    event = vobject.readOne(body.decode()).vevent
    assert event.location.value == OWN_LINK
    assert event.url.value == OWN_LINK
    assert PARSERS[parser](body) == {f"{call.key}@mentorplan": call.scheduled_at}


def test_an_invite_without_a_link_has_no_location(client, group):
    call = make_call(group)

    event = vobject.readOne(client.get(reverse("wrapup:invite", args=[call.key])).content.decode())

    assert "location" not in event.vevent.contents


def test_the_summary_says_where_the_next_call_is(linked):
    done = end_call(make_call(linked, scheduled_at=NOW), NOW)
    make_call(linked, scheduled_at=NOW + timedelta(days=14))

    data = summary.build(done)

    assert f"- Join the video call: <{GROUP_LINK}>" in summary.as_markdown(data)
    assert f"• Join the video call: {GROUP_LINK}" in summary.as_slack(data)


def test_the_session_reminder_says_where_the_call_is(linked):
    call = make_call(linked, scheduled_at=NOW + timedelta(hours=20))
    make_trainee(linked)

    reminders.send_due(NOW)

    [message] = mail.outbox
    assert f"The video call is here: {GROUP_LINK}" in message.body
    assert call.group == linked
