"""Who is signed in is read with two written-out queries, and means what Django's own reading
means: a live session of an active mentor signs them in; anything else signs nobody in."""

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorplan.accounts.models import User
from mentorplan.testing import PASSWORD, make_mentor

pytestmark = pytest.mark.django_db

GROUPS = reverse("groups:list")


def _signed_in(client) -> User:
    mentor = make_mentor(timezone="Pacific/Auckland")
    assert client.post(reverse("accounts:login"), {"username": mentor.email, "password": PASSWORD})
    return mentor


def test_a_signed_in_page_reads_the_session_and_the_mentor_with_one_written_out_query_each(client):
    _signed_in(client)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(GROUPS).status_code == 200

    sign_in = [q["sql"] for q in queries.captured_queries[:2]]
    assert sign_in[0].startswith("SELECT session_data FROM django_session WHERE session_key")
    assert re.match(r"SELECT u\.\"?id\"?, .* FROM accounts_user u WHERE u\.id = ", sign_in[1])


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
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

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
