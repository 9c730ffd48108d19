"""Reset e-mails anyone can ask for: a limit per address and per client, and a page that reads
the same either way."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentorplan.accounts.models import EmailRequest
from mentorplan.testing import make_mentor

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password_reset")
DONE = reverse("accounts:password_reset_done")
PROXY = "10.0.0.5"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.EMAILS_PER_ADDRESS_PER_HOUR = 5
    settings.EMAILS_PER_CLIENT_PER_HOUR = 20


def _from(visitor: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=visitor)


def _ask(client: Client, email: str) -> str:
    response = client.post(RESET, {"email": email})
    assert response.status_code == 302
    return response["Location"]


def test_a_sixth_request_for_one_address_in_an_hour_sends_nothing_and_looks_the_same():
    mentor = make_mentor()
    for visitor in ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"]:
        assert _ask(_from(visitor), mentor.email) == DONE
    assert len(mail.outbox) == 5

    # From yet another client, in other letters: still the same address.
    assert _ask(_from("192.0.2.6"), mentor.email.upper()) == DONE

    assert len(mail.outbox) == 5


def test_the_twenty_first_request_from_one_client_in_an_hour_sends_nothing():
    mentors = [make_mentor() for _ in range(21)]
    client = _from("203.0.113.66")
    for mentor in mentors[:20]:
        _ask(client, mentor.email)
    assert len(mail.outbox) == 20

    assert _ask(client, mentors[20].email) == DONE

    assert len(mail.outbox) == 20
    # Someone else can still reset the same account.
    _ask(_from("198.51.100.20"), mentors[20].email)
    assert mail.outbox[-1].to == [mentors[20].email]


def test_unknown_addresses_count_too_so_the_limit_tells_nothing():
    mentor = make_mentor()
    client = _from("203.0.113.66")
    for n in range(20):
        _ask(client, f"nobody{n}@example.org")

    _ask(client, mentor.email)

    assert mail.outbox == []


def test_an_hour_later_a_reset_can_be_sent_again():
    mentor = make_mentor()
    for _ in range(6):
        _ask(_from("192.0.2.1"), mentor.email)
    assert len(mail.outbox) == 5

    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        _ask(_from("192.0.2.1"), mentor.email)

    assert len(mail.outbox) == 6


def test_the_count_keeps_no_address_or_client_in_the_database():
    mentor = make_mentor()
    _ask(_from("192.0.2.1"), mentor.email)

    stored = " ".join(
        " ".join(row) for row in EmailRequest.objects.values_list("address_digest", "client_digest")
    )
    assert stored
    assert mentor.email not in stored
    assert "192.0.2.1" not in stored
