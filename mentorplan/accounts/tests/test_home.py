import pytest
from django.urls import reverse

from mentorplan.testing import make_mentor

pytestmark = pytest.mark.django_db


def test_a_visitor_is_invited_to_create_an_account(client):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Create your mentor account" in content
    assert f'href="{reverse("accounts:signup")}"' in content
    assert f'href="{reverse("accounts:login")}"' in content


def test_a_logged_in_mentor_goes_straight_to_their_groups(client):
    client.force_login(make_mentor())

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("groups:list")


def test_other_pages_ask_a_visitor_to_log_in_first(client):
    response = client.get(reverse("groups:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_the_home_page_only_answers_get(client):
    assert client.post(reverse("home")).status_code == 405
