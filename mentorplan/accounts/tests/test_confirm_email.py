"""Confirming an e-mail address: the link sent at sign-up, sending it again, and what older
accounts count as."""

import importlib
import re
from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentorplan.accounts.models import User
from mentorplan.testing import PASSWORD, make_mentor, page_text

pytestmark = pytest.mark.django_db

SEND = reverse("accounts:confirmation_send")


def _unconfirmed(**fields: object) -> User:
    return make_mentor(email_verified_at=None, **fields)


def _link(message: mail.EmailMessage) -> str:
    (link,) = re.findall(r"http://testserver(/\S+)", str(message.body))
    return link


def _sign_up(client, email: str = "robin@example.org") -> User:
    client.post(
        reverse("accounts:signup"),
        {
            "email": email,
            "display_name": "Robin",
            "timezone": "Europe/London",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    return User.objects.get(email=email)


def test_signing_up_sends_a_link_and_the_address_is_not_confirmed_yet(client):
    user = _sign_up(client)

    assert not user.email_verified
    (message,) = mail.outbox
    assert message.to == ["robin@example.org"]
    assert message.subject == "Confirm your e-mail address for Mentorplan"
    assert "confirm" in _link(message)


def test_opening_the_link_asks_for_a_press_and_pressing_confirms(client):
    user = _sign_up(client)
    link = _link(mail.outbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert "Press the button to confirm that robin@example.org is yours." in page_text(page)
    user.refresh_from_db()
    assert not user.email_verified  # opening the link (or a mail scanner doing so) changes nothing

    response = client.post(link)

    assert response.status_code == 302
    assert response["Location"] == reverse("groups:list")
    assert "Thank you: robin@example.org is confirmed." in page_text(
        client.get(reverse("home"), follow=True)
    )
    user.refresh_from_db()
    assert user.email_verified


def test_the_link_works_in_another_browser_and_then_asks_to_log_in(client):
    user = _sign_up(client)
    link = _link(mail.outbox[0])
    client.logout()

    response = client.post(link)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    user.refresh_from_db()
    assert user.email_verified
    assert not get_user(client).is_authenticated


def test_a_link_older_than_three_days_no_longer_works(client):
    user = _sign_up(client)
    link = _link(mail.outbox[0])

    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
        response = client.post(link)

    assert response.status_code == 404
    assert "This confirmation link does not work" in page_text(response)
    user.refresh_from_db()
    assert not user.email_verified


def test_a_changed_link_does_not_work(client):
    user = _sign_up(client)
    link = _link(mail.outbox[0])
    forged = link.replace(user.confirmation_token()[:10], "x" * 10)

    for response in [client.get(forged), client.post(forged)]:
        assert response.status_code == 404
    user.refresh_from_db()
    assert not user.email_verified


def test_a_link_made_for_someone_else_confirms_only_them(client):
    robin = _sign_up(client)
    sam = _unconfirmed(email="sam@example.org")

    client.post(reverse("accounts:confirm_email", args=[robin.confirmation_token()]))

    sam.refresh_from_db()
    assert not sam.email_verified


def test_my_account_page_offers_to_send_the_link_again(client):
    user = _unconfirmed()
    client.force_login(user)

    page = page_text(client.get(reverse("accounts:profile")))
    assert "This address is not confirmed yet" in page

    response = client.post(SEND)

    assert response["Location"] == reverse("accounts:profile")
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert f"We have sent a new link to {user.email}." in page_text(
        client.get(response["Location"])
    )
    client.post(_link(message))
    user.refresh_from_db()
    assert user.email_verified
    assert "This address is not confirmed yet" not in page_text(
        client.get(reverse("accounts:profile"))
    )


def test_sending_again_goes_back_to_the_page_i_came_from_but_never_off_the_site(client):
    client.force_login(_unconfirmed())

    assert client.post(SEND, {"next": "/groups/"})["Location"] == "/groups/"
    assert client.post(SEND, {"next": "https://evil.example/"})["Location"] == reverse(
        "accounts:profile"
    )


def test_a_confirmed_address_gets_no_new_link(client):
    client.force_login(make_mentor())

    response = client.post(SEND, follow=True)

    assert "Your e-mail address is already confirmed." in page_text(response)
    assert mail.outbox == []


def test_sending_again_stops_after_five_an_hour(client, settings):
    settings.EMAILS_PER_ADDRESS_PER_HOUR = 5
    client.force_login(_unconfirmed())
    for _ in range(5):
        client.post(SEND)

    response = client.post(SEND, follow=True)

    assert len(mail.outbox) == 5
    assert "We have sent several links in the last hour already." in page_text(response)


def test_sending_again_needs_a_post_and_a_login(client):
    client.force_login(_unconfirmed())
    assert client.get(SEND).status_code == 405
    client.logout()
    assert client.post(SEND)["Location"].startswith(reverse("accounts:login"))
    assert mail.outbox == []


def test_accounts_made_from_the_command_line_are_confirmed():
    assert make_mentor().email_verified


def test_mentors_who_had_an_account_before_confirmation_count_as_confirmed():
    joined = timezone.now() - timedelta(days=200)
    older = _unconfirmed(date_joined=joined)

    importlib.import_module(
        "mentorplan.accounts.migrations.0002_email_confirmation_and_throttle"
    ).existing_mentors_are_confirmed(apps, None)

    older.refresh_from_db()
    assert older.email_verified_at == joined
