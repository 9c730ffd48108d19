import io

import pytest
from django.contrib.auth import get_user
from django.core.management import call_command
from django.urls import reverse

from mentorplan.groups.models import Group
from mentorplan.testing import parse

pytestmark = pytest.mark.django_db


def _demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def _credentials(output: str) -> tuple[str, str]:
    lines = dict(
        line.strip().split(":", 1) for line in output.splitlines() if line.startswith("  ")
    )
    return lines["e-mail"].strip(), lines["password"].strip()


def test_demo_creates_a_mentor_with_a_group_of_three_and_says_how_to_log_in(client):
    output = _demo()

    email, password = _credentials(output)
    assert "/accounts/login/" in output
    group = Group.objects.get()
    assert group.memberships.get().user.email == email
    assert group.trainees.count() == 3
    response = client.post(reverse("accounts:login"), {"username": email, "password": password})
    assert response.status_code == 302
    assert get_user(client).is_authenticated
    page = client.get(reverse("groups:detail", args=[group.key])).content.decode()
    for trainee in group.trainees.all():
        assert trainee.name in page


def test_running_demo_twice_keeps_one_group(client):
    _demo()
    output = _demo()

    assert Group.objects.count() == 1
    assert Group.objects.get().trainees.count() == 3
    email, password = _credentials(output)
    response = client.post(reverse("accounts:login"), {"username": email, "password": password})
    assert response.status_code == 302


def test_demo_takes_another_password(client):
    output = _demo("--password", "another demo password")

    email, password = _credentials(output)
    assert password == "another demo password"
    response = client.post(reverse("accounts:login"), {"username": email, "password": password})
    assert response.status_code == 302


def test_the_demo_group_has_a_history_to_look_at(client):
    email, password = _credentials(_demo())
    _demo()  # again: still one history
    group = Group.objects.get()
    client.post(reverse("accounts:login"), {"username": email, "password": password})

    page = parse(client.get(reverse("groups:detail", args=[group.key])))
    board = parse(client.get(reverse("goals:board", args=[group.key])))

    sessions = page.select_one("#sessions")
    assert sessions is not None
    assert len(sessions.select("li")) == 4  # three finished, one planned
    assert "Nothing planned yet" not in sessions.get_text()
    charts = page.select("#progress figure.chart")
    captions = [c.figcaption.get_text().split()[0] for c in charts if c.figcaption]
    assert captions == ["Goals", "Topics", "Minutes"]
    assert all(c.select("li") for c in charts)
    assert "Charts appear here" not in page.get_text()
    for name in ["Amal", "Dawit", "Sara"]:
        goals = board.find(["h2", "h3"], string=name)
        assert goals is not None
        assert goals.parent is not None
        assert "No goals yet" not in goals.parent.get_text()
    checkins = page.select_one("#checkins")
    assert checkins is not None
    assert "not seen in a session yet" not in checkins.get_text()
