"""The progress charts label each session with the day it ran, in the reader's own zone."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from mentorplan.testing import end_call, make_call, make_group, make_mentor, start_call

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("zone", "label"),
    [
        ("Europe/London", "02 Dec"),
        ("Africa/Lagos", "02 Dec"),
        ("America/Sao_Paulo", "01 Dec"),  # 21:30 on Tuesday there
        ("Pacific/Auckland", "02 Dec"),
    ],
)
def test_a_session_run_before_its_planned_day_is_labelled_with_the_day_it_ran(client, zone, label):
    mentor = make_mentor(timezone=zone)
    client.force_login(mentor)
    group = make_group(mentor)
    call = make_call(group, scheduled_at=datetime(2026, 12, 3, 18, 0, tzinfo=UTC))
    started = datetime(2026, 12, 2, 0, 30, tzinfo=UTC)
    start_call(call, started)
    end_call(call, started + timedelta(hours=1))

    content = client.get(reverse("wrapup:progress", args=[group.key])).content.decode()

    labels = set(re.findall(r'<span class="bar-label">(\d\d \w\w\w)</span>', content))
    assert labels == {label}
