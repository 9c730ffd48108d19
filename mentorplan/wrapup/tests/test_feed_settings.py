"""The mentor's private calendar address: create, replace, switch off.

That an old address stops working is tested in test_feed.py."""

import pytest
from django.urls import reverse

from mentorplan.testing import make_mentor, page_text
from mentorplan.wrapup.models import CalendarFeed

pytestmark = pytest.mark.django_db

URL = reverse("wrapup:feed_settings")


def _live(user) -> list[str]:
    return list(
        CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).values_list(
            "token", flat=True
        )
    )


def test_without_an_address_the_page_offers_one(client, mentor):
    response = client.get(URL)

    assert response.status_code == 200
    assert "Create my calendar address" in page_text(response)
    assert "/calendar/" not in response.content.decode()


def test_creating_an_address_shows_it(client, mentor):
    response = client.post(URL, {"action": "create"})

    assert response.status_code == 302
    assert response["Location"] == URL
    [token] = _live(mentor)
    assert len(token) >= 40
    page = client.get(URL)
    assert f"http://testserver/calendar/{token}.ics" in page.content.decode()
    assert "Your calendar address is ready." in page_text(page)


def test_a_new_address_replaces_the_old_one(client, mentor):
    client.post(URL, {"action": "create"})
    [old] = _live(mentor)

    client.post(URL, {"action": "create"})

    [new] = _live(mentor)
    assert new != old
    assert CalendarFeed.objects.filter(user=mentor).count() == 2


def test_switching_it_off(client, mentor):
    client.post(URL, {"action": "create"})

    response = client.post(URL, {"action": "revoke"})

    assert _live(mentor) == []
    assert "Your calendar address no longer works." in page_text(client.get(response["Location"]))


@pytest.mark.parametrize("data", [{}, {"action": "delete-everything"}])
def test_an_unknown_action_changes_nothing(client, mentor, data):
    client.post(URL, {"action": "create"})
    before = _live(mentor)

    response = client.post(URL, data)

    assert _live(mentor) == before
    assert "That button did not work. Try again." in page_text(client.get(response["Location"]))


def test_another_mentors_address_is_never_shown_or_touched(client, mentor):
    other = make_mentor()
    theirs = CalendarFeed.objects.create(user=other)

    assert theirs.token not in client.get(URL).content.decode()
    client.post(URL, {"action": "revoke"})
    client.post(URL, {"action": "create"})

    assert _live(other) == [theirs.token]


def test_wrong_method(client, mentor):
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405
