"""A double click, or a co-mentor pressing the same button at the same moment, changes things once.

The tests with two threads send two requests at once on PostgreSQL; each reaches the write only
when the other has read too, the moment a read-then-write race needs.
"""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from mentorplan.accounts.models import User
from mentorplan.calls.models import Call
from mentorplan.groups.models import Trainee
from mentorplan.testing import HTMX, make_topic, page_text
from mentorplan.testing.race import at_once, meeting_before_save, needs_postgresql
from mentorplan.wrapup.models import Resource, ResourceShare, WrapupCheck


@pytest.fixture
def resource(mentor) -> Resource:
    return Resource.objects.create(owner=mentor, title="Array katas", url="https://example.org/a")


def _share(call: Call) -> str:
    return reverse("wrapup:share", args=[call.key])


def _check(call: Call, item: str) -> str:
    return reverse("wrapup:check", args=[call.key, item])


def _done(call: Call) -> set[str]:
    return set(WrapupCheck.objects.filter(call=call).values_list("item", flat=True))


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- On every database -------------------------------------------------------------------------


@pytest.mark.django_db
def test_ticking_an_item_twice_leaves_it_ticked(client, call):
    for _ in range(2):
        client.post(_check(call, "slack"), {"done": "1"})

    assert _done(call) == {"slack"}


@pytest.mark.django_db
def test_unticking_an_item_twice_leaves_it_unticked(client, call):
    client.post(_check(call, "slack"), {"done": "1"})
    for _ in range(2):
        client.post(_check(call, "slack"), {"done": "0"}, headers=HTMX)

    assert _done(call) == set()


@pytest.mark.django_db
@pytest.mark.parametrize("data", [{}, {"done": "maybe"}])
def test_a_checklist_tap_without_a_clear_answer_changes_nothing(client, call, data):
    client.post(_check(call, "slack"), {"done": "1"})

    response = client.post(_check(call, "slack"), data, headers=HTMX)

    assert response.status_code == 200
    assert "did not send" in page_text(response)
    assert _done(call) == {"slack"}


@pytest.mark.django_db
def test_each_checklist_button_says_what_it_will_do(client, call):
    client.post(_check(call, "slack"), {"done": "1"})

    page = client.get(reverse("calls:detail", args=[call.key])).content.decode()

    slack = page.split(_check(call, "slack"))[-1].split("</form>")[0]
    study = page.split(_check(call, "study_group"))[-1].split("</form>")[0]
    assert 'name="done" value="0"' in slack
    assert 'name="done" value="1"' in study


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["trainee", "topic", "everyone"])
def test_the_database_keeps_one_share_per_resource_and_recipient(call, amal, resource, target):
    who: dict[str, object] = {
        "trainee": {"trainee": amal},
        "topic": {"topic": make_topic(call, "Closures", amal)},
        "everyone": {},
    }[target]
    ResourceShare.objects.create(call=call, resource=resource, **who)

    with pytest.raises(IntegrityError), transaction.atomic():
        ResourceShare.objects.create(call=call, resource=resource, **who)


@pytest.mark.django_db
def test_the_same_resource_can_go_to_several_recipients(call, amal, resource):
    topic = make_topic(call, "Closures", amal)
    for who in ({"trainee": amal}, {"topic": topic}, {}):
        ResourceShare.objects.create(call=call, resource=resource, **who)

    assert ResourceShare.objects.filter(call=call).count() == 3


# --- Two requests at once, on PostgreSQL -------------------------------------------------------


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_share_shares_once_and_the_next_share_works(
    mentor, call, amal: Trainee, resource
):
    first, second = _client(mentor), _client(mentor)
    data = {"resource": resource.key, "target": f"t:{amal.key}"}

    with meeting_before_save(ResourceShare):
        answers = at_once(
            lambda: first.post(_share(call), data), lambda: second.post(_share(call), data)
        )

    assert [a.status_code for a in answers] == [302, 302]
    assert ResourceShare.objects.filter(call=call).count() == 1
    # The next share of the same thing is as harmless.
    assert first.post(_share(call), data).status_code == 302
    assert ResourceShare.objects.filter(call=call).count() == 1


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_mentors_ticking_the_same_item_at_once_leave_it_ticked(mentor, call):
    first, second = _client(mentor), _client(mentor)

    with meeting_before_save(WrapupCheck):
        answers = at_once(
            lambda: first.post(_check(call, "slack"), {"done": "1"}),
            lambda: second.post(_check(call, "slack"), {"done": "1"}),
        )

    assert [a.status_code for a in answers] == [302, 302]
    assert _done(call) == {"slack"}
