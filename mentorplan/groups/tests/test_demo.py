import io

import pytest
from django.contrib.auth import get_user
from django.core.management import call_command
from django.urls import reverse

from mentorplan.groups.models import Group

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
