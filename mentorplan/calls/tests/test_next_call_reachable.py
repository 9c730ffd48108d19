"""The next call stays reachable after the session ends, and starting one takes one press from
where a mentor lands: the groups page, or the group's own page."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from mentorplan.calls.models import Call, Status
from mentorplan.testing import (
    end_call,
    make_call,
    make_group,
    make_mentor,
    page_text,
    parse,
    start_call,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2030, 1, 10, 12, 0, tzinfo=UTC)
NEXT = datetime(2030, 1, 24, 19, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(frozen):
    return frozen


@pytest.fixture
def finished(group) -> Call:
    return end_call(make_call(group, scheduled_at=NOW - timedelta(hours=2)), NOW)


@pytest.fixture
def following(group, finished) -> Call:
    group.video_url = "https://meet.example/room"
    group.save(update_fields=["video_url"])
    return make_call(group, scheduled_at=NEXT)


def _links(response) -> dict[str, str]:
    """Each link of the "next call" line: text → address."""
    line = parse(response).select_one(".next-call")
    assert line is not None, "no next call on the page"
    return {" ".join(a.get_text().split()): str(a["href"]) for a in line.find_all("a")}


@pytest.mark.parametrize("page", ["calls:detail", "wrapup:summary"])
def test_the_finished_and_summary_pages_link_the_next_call(client, finished, following, page):
    response = client.get(reverse(page, args=[finished.key]))

    assert response.status_code == 200
    assert "The next session: Thursday 24 January, 19:00" in page_text(response)
    assert _links(response) == {
        "Thursday 24 January, 19:00": reverse("calls:detail", args=[following.key]),
        "calendar invite": reverse("wrapup:invite", args=[following.key]),
        "video-call link": "https://meet.example/room",
    }


def test_with_no_next_call_the_finished_page_says_nothing_of_one(client, finished):
    response = client.get(reverse("calls:detail", args=[finished.key]))

    assert parse(response).select_one(".next-call") is None


def test_a_cancelled_next_call_is_not_offered(client, finished, following):
    following.cancel(now=NOW)

    response = client.get(reverse("calls:detail", args=[finished.key]))

    assert parse(response).select_one(".next-call") is None


def test_the_planned_page_offers_its_invite(client, following):
    response = client.get(reverse("calls:detail", args=[following.key]))

    invite = parse(response).find("a", string="Download the calendar invite")
    assert invite is not None
    assert invite["href"] == reverse("wrapup:invite", args=[following.key])


def _start_forms(response) -> list:
    return [
        form
        for form in parse(response).select("form.start-form")
        if form.find("button", attrs={"value": "start"})
    ]


def test_the_groups_page_starts_the_next_session_of_each_group_in_one_press(client, mentor):
    first = make_group(mentor, name="Tuesday buddies")
    second = make_group(mentor, name="Friday crew")
    soon = make_call(first, scheduled_at=NOW + timedelta(hours=1))
    make_call(first, scheduled_at=NOW + timedelta(days=14))
    later = make_call(second, scheduled_at=NOW + timedelta(days=2))
    cancelled = make_call(second, scheduled_at=NOW + timedelta(days=1))
    cancelled.cancel(now=NOW)
    make_call(make_group(make_mentor(), name="Not mine"))

    response = client.get(reverse("groups:list"))

    forms = _start_forms(response)
    assert [form["action"] for form in forms] == [
        reverse("calls:control", args=[soon.key]),
        reverse("calls:control", args=[later.key]),
    ]
    assert "Tuesday buddies · Thu 10 Jan 2030, 13:00" in page_text(response)
    # One press: the form posts straight to the runner's start, which opens the live session.
    pressed = client.post(forms[0]["action"], {"action": "start", "expected": soon.version})
    assert pressed["Location"] == reverse("calls:detail", args=[soon.key])
    assert Call.objects.get(pk=soon.pk).status == Status.LIVE


def test_the_groups_page_query_count_does_not_grow_with_history(
    client, mentor, django_assert_max_num_queries
):
    group = make_group(mentor)
    for weeks in range(1, 6):
        end_call(make_call(group, scheduled_at=NOW - timedelta(weeks=weeks)), NOW)
    make_call(group, scheduled_at=NOW + timedelta(days=1))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("groups:list"))
    for weeks in range(6, 30):
        end_call(make_call(group, scheduled_at=NOW - timedelta(weeks=weeks)), NOW)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("groups:list"))


def test_the_group_page_has_start_beside_its_next_session_only(client, group):
    soon = make_call(group, scheduled_at=NOW + timedelta(hours=1))
    make_call(group, scheduled_at=NOW + timedelta(days=14))

    for page in ("groups:detail", "calls:group_calls"):
        response = client.get(reverse(page, args=[group.key]))
        assert [form["action"] for form in _start_forms(response)] == [
            reverse("calls:control", args=[soon.key])
        ]


def test_a_live_session_has_no_start_button(client, group):
    start_call(make_call(group, scheduled_at=NOW), NOW)

    assert _start_forms(client.get(reverse("groups:list"))) == []
    assert _start_forms(client.get(reverse("groups:detail", args=[group.key]))) == []
