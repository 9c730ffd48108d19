"""What other screens poll to learn, cheaply, that the live state changed."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorplan.calls.models import Call
from mentorplan.testing import (
    end_call,
    headers_read,
    make_call,
    make_group,
    make_mentor,
    start_call,
)
from mentorplan.testing.history import poll_address

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def call(client) -> Call:
    mentor = make_mentor()
    client.force_login(mentor)
    return make_call(make_group(mentor))


def _url(call: Call) -> str:
    return reverse("calls:state", args=[call.key])


def _control(client, call: Call, action: str) -> None:
    call.refresh_from_db()
    response = client.post(
        reverse("calls:control", args=[call.key]), {"action": action, "expected": call.version}
    )
    assert response.status_code == 302


def test_the_state_is_json_with_a_version_and_an_etag(client, call):
    response = client.get(_url(call))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["version"] == 0
    assert data["status"] == "planned"
    assert isinstance(data["server_now"], float)
    assert response["ETag"].startswith('"') and response["ETag"].endswith('"')
    assert response["Cache-Control"] == "no-cache, private"  # revalidated, for its reader only


def test_an_unchanged_state_is_answered_with_304(client, call):
    etag = client.get(_url(call))["ETag"]

    with headers_read() as built:
        response = client.get(_url(call), headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert built == [], "the poll gathered every header to read one"


def test_a_control_action_gives_a_new_etag(client, call):
    first = client.get(_url(call))

    _control(client, call, "start")
    response = client.get(_url(call), headers={"If-None-Match": first["ETag"]})

    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert response.json()["version"] == first.json()["version"] + 1
    assert response.json()["status"] == "live"

    _control(client, call, "pause")
    paused = client.get(_url(call), headers={"If-None-Match": response["ETag"]})
    assert paused.status_code == 200
    assert paused.json()["status"] == "paused"
    assert paused["ETag"] not in (first["ETag"], response["ETag"])


def test_an_etag_is_not_mistaken_for_a_later_one(client, call):
    start_call(call)
    old = client.get(_url(call))["ETag"]
    Call.objects.filter(pk=call.pk).update(version=10)

    # Version 1 and version 10 must not match, nor one list entry the start of another.
    response = client.get(_url(call), headers={"If-None-Match": old})
    assert response.status_code == 200
    assert response.json()["version"] == 10

    new = response["ETag"]
    assert client.get(_url(call), headers={"If-None-Match": f'"x", {new}'}).status_code == 304
    assert client.get(_url(call), headers={"If-None-Match": f"W/{new}"}).status_code == 304


def test_htmx_gets_the_same_json(client, call):
    response = client.get(_url(call), headers=HTMX)

    assert response.status_code == 200
    assert response.json()["version"] == 0


def test_an_outsider_gets_404(client, call):
    client.force_login(make_mentor())

    assert client.get(_url(call)).status_code == 404


def test_wrong_method(client, call):
    assert client.post(_url(call)).status_code == 405


# --- The pass in the poll's address: one query, no sign-in, for the mentors of the group only --


@pytest.mark.parametrize("started", [False, True])
def test_the_page_gives_a_poll_address_that_needs_no_sign_in(client, call, started):
    if started:
        start_call(call)
    url = poll_address(client, call)
    client.logout()

    response = client.get(url)

    assert response.status_code == 200
    assert response.json()["status"] == ("live" if started else "planned")
    with CaptureQueriesContext(connection) as unchanged:
        assert client.get(url, headers={"If-None-Match": response["ETag"]}).status_code == 304
    assert len(unchanged) == 1  # the versions and the membership, in one question


def test_a_pass_works_for_its_own_session_only(client, call):
    other = start_call(make_call(call.group))
    url = poll_address(client, call)
    client.logout()

    response = client.get(url.replace(str(call.key), str(other.key)))

    assert response.status_code == 302  # not a pass for that session: sign in
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_mentor_removed_from_the_group_gets_nothing_more_from_their_pass(client, call):
    url = poll_address(client, call)
    client.logout()
    call.group.memberships.all().delete()

    assert client.get(url).status_code == 404


def test_a_pass_expires_and_a_changed_pass_is_refused(client, call):
    url = poll_address(client, call)
    client.logout()

    assert client.get(url[:-2] + ("AA" if not url.endswith("AA") else "BB")).status_code == 302
    with time_machine.travel(timezone.now() + timedelta(hours=13)):
        assert client.get(url).status_code == 302


def test_a_pass_is_signed_once_a_minute_and_each_one_works(client, call):
    start_call(call)
    moment = timezone.now().replace(second=5)
    with time_machine.travel(moment, tick=False):
        first = poll_address(client, call)
    with time_machine.travel(moment + timedelta(seconds=50), tick=False):
        assert poll_address(client, call) == first
    with time_machine.travel(moment + timedelta(seconds=60), tick=False):
        later = poll_address(client, call)
    client.logout()

    assert later != first
    for url in [first, later]:
        assert client.get(url).status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements: PostgreSQL")
def test_postgresql_prepares_the_poll_once_and_then_only_runs_it(client, call):
    """Planning the poll's query cost PostgreSQL several times running it. Its text is the
    same for every session and mentor (the values go apart), so after a few polls the
    connection holds it prepared, and later polls skip the planning."""
    url = poll_address(client, call)
    etag = client.get(url)["ETag"]

    for _ in range(6):
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("JOIN groups_membership m ON m.group_id = c.group_id" in s for s in prepared)


@pytest.mark.parametrize("action", ["end", "cancel"])
def test_the_poll_says_a_session_ended_or_was_cancelled(client, call, action):
    """The poll reads the four moments as the database gives them, without converting them."""
    if action == "end":
        end_call(start_call(call))
    else:
        Call.objects.filter(pk=call.pk).update(cancelled_at=timezone.now())

    expected = {"end": "ended", "cancel": "cancelled"}[action]
    assert client.get(_url(call)).json()["status"] == expected
