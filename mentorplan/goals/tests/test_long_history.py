from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.testing import make_goal, make_group, make_mentor, make_trainee


@pytest.fixture
def history():
    mentor = make_mentor()
    amal = make_trainee(make_group(mentor), name="Amal")
    today = timezone.localdate()
    for n in range(40):
        day = today - timedelta(days=100 - n)
        make_goal(amal, text=f"Old goal {n:02}", deadline=day, status="met", closed_on=day)
    make_goal(amal, text="Open goal", deadline=today + timedelta(days=3))
    return mentor, amal


@pytest.mark.django_db
def test_the_board_shows_open_goals_and_only_the_latest_closed_ones(client, history):
    mentor, amal = history
    client.force_login(mentor)

    page = client.get(reverse("goals:board", args=[amal.group.key])).content.decode()

    assert "Open goal" in page
    assert "Old goal 39" in page and "Old goal 35" in page  # the five most recent
    assert "Old goal 34" not in page and "Old goal 00" not in page
    assert "35 older goals" in page
    assert reverse("goals:person", args=[amal.key]) in page


@pytest.mark.django_db
def test_the_person_page_pages_through_every_goal_and_counts_them_all(client, history):
    mentor, amal = history
    client.force_login(mentor)
    url = reverse("goals:person", args=[amal.key])

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()

    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    shown = [f"Old goal {n:02}" for n in range(40) if f"Old goal {n:02}" in first + second]
    assert len(shown) == 40
    assert "40 of 40" in first  # follow-through still counts the whole history
    assert client.get(url, {"page": "nonsense"}).status_code == 200
