"""Counts read as English: "1 minute" and "the last session", not "1 minutes" and
"the last 1 sessions"."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.testing import end_call, make_call, make_group, make_mentor, page_text, start_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_minute_call(client):
    mentor = make_mentor()
    client.force_login(mentor)
    group = make_group(mentor)
    started = timezone.now() - timedelta(days=1)
    call = start_call(make_call(group, scheduled_at=started), started)
    return end_call(call, started + timedelta(seconds=70))


def test_a_one_minute_call_says_one_minute(client, one_minute_call):
    text = page_text(client.get(reverse("calls:detail", args=[one_minute_call.key])))

    assert "1 minute of session time" in text
    assert "1 minutes" not in text


def test_progress_after_one_session_says_the_last_session(client, one_minute_call):
    group = one_minute_call.group
    text = page_text(client.get(reverse("wrapup:progress", args=[group.key])))

    assert "(the last session)" in text
    assert "last 1 sessions" not in text
