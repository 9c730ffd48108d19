"""A link's secret token that no token can be (a NUL, other characters, far too long) is a plain
404 on either database, never an error: PostgreSQL refuses a NUL in a query outright."""

import pytest
from django.urls import reverse

from mentorplan.testing import make_group, make_invitation, make_mentor, page_text
from mentorplan.wrapup.models import CalendarFeed

pytestmark = pytest.mark.django_db

NOT_TOKENS = ["%00", "abc%00def", "%00" * 70, "a" * 65, "caf%C3%A9", "a%20b"]


@pytest.mark.parametrize("token", NOT_TOKENS)
def test_a_calendar_address_that_cannot_be_a_token_is_404(client, token):
    CalendarFeed.objects.create(user=make_mentor())

    response = client.get(f"/calendar/{token}.ics")

    assert response.status_code == 404


@pytest.mark.parametrize("token", NOT_TOKENS)
def test_an_invitation_link_that_cannot_be_a_token_is_404(client, mentor, token):
    make_invitation(make_group(make_mentor()), email=mentor.email)

    response = client.get(f"/groups/join/{token}/")

    assert response.status_code == 404
    assert "This invitation no longer works" in page_text(response)


def test_real_tokens_still_work(client, mentor):
    feed = CalendarFeed.objects.create(user=mentor)
    invitation = make_invitation(make_group(make_mentor()), email=mentor.email)

    assert client.get(reverse("calendar_feed", args=[feed.token])).status_code == 200
    response = client.get(reverse("groups:invitation_accept", args=[invitation.token]))
    assert response.status_code != 404
