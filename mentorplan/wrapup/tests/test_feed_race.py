"""Creating the calendar address twice at once (a double click, or two tabs): one address that
works, and both pages show it."""

import pytest
from django.test import Client
from django.urls import reverse

from mentorplan.testing import make_mentor
from mentorplan.testing.race import at_once, meeting_before_save, needs_postgresql
from mentorplan.wrapup.models import CalendarFeed


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_new_addresses_at_once_leave_one_that_works():
    mentor = make_mentor()
    CalendarFeed.objects.create(user=mentor)
    first, second = Client(), Client()
    first.force_login(mentor)
    second.force_login(mentor)
    url = reverse("wrapup:feed_settings")

    with meeting_before_save(CalendarFeed):
        answers = at_once(
            lambda: first.post(url, {"action": "create"}),
            lambda: second.post(url, {"action": "create"}),
        )

    assert [answer.status_code for answer in answers] == [302, 302]
    [live] = CalendarFeed.objects.filter(user=mentor, revoked_at__isnull=True)
    address = f"http://testserver/calendar/{live.token}.ics"
    for client in (first, second):
        page = client.get(url).content.decode()
        assert address in page
        assert "Your calendar address is ready." in page
    assert first.get(address).status_code == 200
