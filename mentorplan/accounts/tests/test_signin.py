"""Who is signed in is read with one written-out query, and means what Django's own reading
means: a live session of an active mentor signs them in; anything else signs nobody in."""

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorplan.accounts.models import SignInSession, User
from mentorplan.testing import PASSWORD, make_mentor

pytestmark = pytest.mark.django_db

GROUPS = reverse("groups:list")


def _signed_in(client) -> User:
    mentor = make_mentor(timezone="Pacific/Auckland")
    assert client.post(reverse("accounts:login"), {"username": mentor.email, "password": PASSWORD})
    return mentor


def test_a_signed_in_page_reads_the_session_and_the_mentor_in_one_written_out_query(client):
    _signed_in(client)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(GROUPS).status_code == 200

    sign_in, then = (q["sql"] for q in queries.captured_queries[:2])
    assert re.match(
        r"SELECT s\.session_data, u\.\"?id\"?, .* FROM accounts_signinsession s"
        r" LEFT JOIN accounts_user u ON u\.id = s\.user_id WHERE s\.session_key = ",
        sign_in,
    )
    assert "accounts_user" not in then


def test_the_signed_in_mentor_comes_with_every_field_read_as_the_orm_reads_it(client):
    mentor = _signed_in(client)
    client.get(GROUPS)

    user = get_user(client)

    assert user.pk == mentor.pk
    assert user.timezone == "Pacific/Auckland"
    assert isinstance(user.date_joined, datetime) and user.date_joined.tzinfo is not None
    assert isinstance(user.last_login, datetime)
    assert user.is_active is True


def test_an_expired_session_signs_nobody_in(client):
    _signed_in(client)
    SignInSession.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

    response = client.get(GROUPS)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_deactivated_or_deleted_mentor_is_signed_out_at_their_next_page(client):
    mentor = _signed_in(client)
    mentor.is_active = False
    mentor.save(update_fields=["is_active"])

    assert client.get(GROUPS).status_code == 302
    assert not get_user(client).is_authenticated

    other = _signed_in(client)
    other.delete()
    assert client.get(GROUPS).status_code == 302


def test_a_changed_password_signs_out_other_devices(client):
    mentor = _signed_in(client)
    mentor.set_password("a quite different passphrase")
    mentor.save()

    assert client.get(GROUPS).status_code == 302


def test_a_made_up_session_cookie_signs_nobody_in(client):
    client.cookies["sessionid"] = "x" * 32

    assert client.get(GROUPS).status_code == 302


def test_each_browser_is_signed_in_as_its_own_mentor_whatever_came_before():
    """The mentor read with one browser's session is never taken for another's."""
    browsers = [Client(), Client(), Client()]
    mentors = [make_mentor(display_name=name) for name in ("Sam", "Robin")]
    for browser, mentor in zip(browsers, mentors, strict=False):
        browser.post(reverse("accounts:login"), {"username": mentor.email, "password": PASSWORD})
    browsers[2].cookies["sessionid"] = "x" * 32  # made up

    for _ in range(2):
        for browser, expected in zip(browsers, [*mentors, None], strict=True):
            user = get_user(browser)
            response = browser.get(GROUPS)
            if expected is None:
                assert response.status_code == 302 and not user.is_authenticated
            else:
                assert response.status_code == 200 and user.pk == expected.pk
                assert response.wsgi_request.user.pk == expected.pk


def test_a_session_names_its_mentor_and_goes_with_their_account(client):
    mentor = _signed_in(client)

    assert SignInSession.objects.get().user_id == mentor.pk
    client.logout()
    assert not SignInSession.objects.exists()

    mentor = _signed_in(client)
    mentor.delete()
    assert not SignInSession.objects.exists()


def test_the_daily_clean_up_deletes_expired_sessions_only(client):
    mentor = _signed_in(client)
    expired = SignInSession.objects.create(
        session_key="e" * 32,
        session_data="",
        expire_date=timezone.now() - timedelta(minutes=1),
        user=mentor,
    )

    call_command("clearsessions")  # `mentorplan clearsessions`

    assert not SignInSession.objects.filter(pk=expired.pk).exists()
    assert client.get(GROUPS).status_code == 200
