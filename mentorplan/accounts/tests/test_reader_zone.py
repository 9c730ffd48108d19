"""A page is drawn in its reader's zone (each page tests that); the zone ends with the request."""

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.testing import make_mentor

pytestmark = pytest.mark.django_db


def test_the_readers_zone_ends_with_the_request(client):
    client.force_login(make_mentor(timezone="America/Los_Angeles"))
    before = timezone.get_current_timezone_name()

    response = client.get(reverse("groups:list"))

    assert response.status_code == 200
    assert timezone.get_current_timezone_name() == before
