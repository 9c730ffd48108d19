import re

import pytest
from django.contrib.auth import get_user
from django.core import mail
from django.urls import reverse

from mentorplan.testing import PASSWORD, field_errors, make_mentor

pytestmark = pytest.mark.django_db

CHANGE = reverse("accounts:password_change")
RESET = reverse("accounts:password_reset")
NEW_PASSWORD = "a brand new passphrase for mentoring"


def _can_log_in(client, email: str, password: str) -> bool:
    client.logout()
    response = client.post(reverse("accounts:login"), {"username": email, "password": password})
    return response.status_code == 302 and get_user(client).is_authenticated


# Changing the password while logged in


def test_the_change_form_asks_for_the_old_password_and_the_new_one_twice(client):
    client.force_login(make_mentor())

    response = client.get(CHANGE)

    assert response.status_code == 200
    content = response.content.decode()
    for field in ["old_password", "new_password1", "new_password2"]:
        assert f'name="{field}"' in content


def test_changing_the_password(client):
    mentor = make_mentor()
    client.force_login(mentor)

    response = client.post(
        CHANGE,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert "Your new password is in place." in client.get(response["Location"]).content.decode()
    assert _can_log_in(client, mentor.email, NEW_PASSWORD)
    assert not _can_log_in(client, mentor.email, PASSWORD)


def test_a_wrong_old_password_changes_nothing(client):
    mentor = make_mentor()
    client.force_login(mentor)

    response = client.post(
        CHANGE,
        {"old_password": "guess", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert field_errors(response, "id_old_password") == [
        "Your old password was entered incorrectly. Please enter it again."
    ]
    assert _can_log_in(client, mentor.email, PASSWORD)


def test_a_visitor_cannot_change_a_password(client):
    response = client.get(CHANGE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# Forgotten password


def test_a_reset_link_is_sent_by_email_and_lets_me_choose_a_new_password(client):
    mentor = make_mentor()

    response = client.post(RESET, {"email": mentor.email.upper()})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [mentor.email]
    assert message.subject == "Choose a new Mentorplan password"
    links = re.findall(r"http://testserver(/\S+)", str(message.body))
    assert len(links) == 1

    form_page = client.get(links[0], follow=True)
    assert "Choose a new password" in form_page.content.decode()
    assert 'name="new_password1"' in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:password_reset_complete")
    assert _can_log_in(client, mentor.email, NEW_PASSWORD)

    # The link works once.
    again = client.get(links[0], follow=True)
    assert "This reset link has already been used or has expired." in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_email(client):
    response = client.post(RESET, {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_a_broken_reset_link_says_so(client):
    mentor = make_mentor()
    client.post(RESET, {"email": mentor.email})
    link = re.findall(r"http://testserver(/\S+)", str(mail.outbox[0].body))[0]

    response = client.get(link[:-4] + "abc/", follow=True)

    assert "This reset link has already been used or has expired." in response.content.decode()
    assert 'name="new_password1"' not in response.content.decode()
