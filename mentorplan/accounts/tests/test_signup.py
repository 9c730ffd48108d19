import pytest
from django.contrib.auth import get_user
from django.urls import reverse

from mentorplan.accounts.models import User
from mentorplan.testing import PASSWORD, field_errors, make_mentor

pytestmark = pytest.mark.django_db

URL = reverse("accounts:signup")


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "email": "Robin@Example.org",
        "display_name": "Robin",
        "timezone": "Europe/Berlin",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def test_the_form_asks_for_the_profile_and_a_password(client):
    response = client.get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    for field in ["email", "display_name", "timezone", "password1", "password2"]:
        assert f'name="{field}"' in content


def test_signing_up_creates_the_mentor_and_logs_them_in(client):
    response = client.post(URL, _form())

    assert response.status_code == 302
    assert response["Location"] == reverse("groups:create")
    user = User.objects.get()
    assert user.email == "robin@example.org"
    assert user.display_name == "Robin"
    assert user.timezone == "Europe/Berlin"
    assert get_user(client).pk == user.pk
    assert "Welcome, Robin" in client.get(response["Location"]).content.decode()


def test_an_address_that_already_has_an_account_is_refused(client):
    make_mentor(email="robin@example.org")

    response = client.post(URL, _form(email="ROBIN@example.org"))

    assert response.status_code == 200
    assert field_errors(response, "id_email") == [
        "There is already an account with this e-mail address. Log in, or reset your password "
        "if you have forgotten it."
    ]
    assert User.objects.count() == 1
    assert not get_user(client).is_authenticated


def test_passwords_that_differ_are_refused(client):
    response = client.post(URL, _form(password2=PASSWORD + "!"))

    assert response.status_code == 200
    assert field_errors(response, "id_password2") == ["The two password fields didn’t match."]
    assert not User.objects.exists()


def test_a_weak_password_is_refused(client):
    response = client.post(URL, _form(password1="password", password2="password"))

    assert response.status_code == 200
    assert "This password is too common." in field_errors(response, "id_password2")
    assert not User.objects.exists()


def test_a_logged_in_mentor_is_sent_to_their_groups(client):
    client.force_login(make_mentor())

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("groups:list")


def test_wrong_method(client):
    assert client.put(URL).status_code == 405
