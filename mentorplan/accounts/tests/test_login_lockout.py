"""Failed logins behind the HTTPS proxy: every request reaches the app from the proxy's address,
and the visitor's own address comes in X-Forwarded-For."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentorplan.accounts.proxy import client_ip
from mentorplan.testing import PASSWORD, make_mentor

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
PROXY = "10.0.0.5"
ATTACKER = "203.0.113.66"
MENTOR_HOME = "198.51.100.20"


@pytest.fixture(autouse=True)
def behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_CLIENT_FAILURE_LIMIT = 20


def _through_proxy(visitor: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=visitor)


def _log_in(client: Client, email: str, password: str = PASSWORD) -> int:
    return client.post(LOGIN, {"username": email, "password": password}).status_code


def test_a_stranger_cannot_lock_a_mentor_out_of_their_own_connection():
    mentor = make_mentor()
    attacker = _through_proxy(ATTACKER)
    for _ in range(5):
        _log_in(attacker, mentor.email, "a wrong guess")
    assert _log_in(attacker, mentor.email) == 429  # the guesser is paused

    at_home = _through_proxy(MENTOR_HOME)

    assert _log_in(at_home, mentor.email) == 302
    assert get_user(at_home).pk == mentor.pk


def test_guessing_a_few_passwords_on_many_accounts_gets_the_guesser_paused():
    mentors = [make_mentor() for _ in range(6)]
    sprayer = _through_proxy(ATTACKER)
    answers = [
        _log_in(sprayer, mentor.email, "Summer2026!")
        for mentor in mentors[:5]
        for _ in range(4)  # one fewer than the limit for an account
    ]
    assert answers == [200] * 19 + [429]  # the twentieth wrong password pauses the guesser

    assert _log_in(sprayer, mentors[5].email) == 429
    assert not get_user(sprayer).is_authenticated
    # Everyone else logs in as usual, the sixth mentor included.
    assert _log_in(_through_proxy(MENTOR_HOME), mentors[5].email) == 302


def test_logging_into_an_own_account_does_not_clear_a_spray():
    own = make_mentor()
    others = [make_mentor() for _ in range(5)]
    sprayer = _through_proxy(ATTACKER)
    for mentor in others[:4]:
        for _ in range(4):
            _log_in(sprayer, mentor.email, "Summer2026!")
    for _ in range(3):
        _log_in(sprayer, others[4].email, "Summer2026!")
    assert _log_in(sprayer, own.email) == 302  # 19 wrong so far
    sprayer.logout()

    _log_in(sprayer, others[4].email, "Summer2026!")

    assert _log_in(sprayer, own.email) == 429


def test_the_pause_ends_after_fifteen_minutes():
    mentor = make_mentor()
    sprayer = _through_proxy(ATTACKER)
    for _ in range(20):
        _log_in(sprayer, make_mentor().email, "Summer2026!")
    assert _log_in(sprayer, mentor.email) == 429

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert _log_in(sprayer, mentor.email) == 302


def test_a_forwarded_address_from_anyone_but_the_proxy_is_ignored():
    mentor = make_mentor()
    direct = "198.51.100.99"
    for attempt in range(5):
        # A new made-up address each time does not get round the limit.
        client = Client(REMOTE_ADDR=direct, HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
        _log_in(client, mentor.email, "a wrong guess")

    pretending = Client(REMOTE_ADDR=direct, HTTP_X_FORWARDED_FOR=MENTOR_HOME)

    assert _log_in(pretending, mentor.email) == 429
    assert _log_in(_through_proxy(MENTOR_HOME), mentor.email) == 302


def test_the_visitor_is_the_nearest_address_the_proxy_did_not_add(rf, settings):
    settings.TRUSTED_PROXIES = [PROXY, "10.1.0.0/16"]

    def ip(remote: str, forwarded: str | None = None) -> str:
        headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
        return client_ip(rf.get("/", REMOTE_ADDR=remote, **headers))

    assert ip(PROXY, ATTACKER) == ATTACKER
    # Whatever the visitor wrote into the header comes before the address the proxy saw.
    assert ip(PROXY, f"127.0.0.1, {ATTACKER}") == ATTACKER
    # A chain of our own proxies is walked back to the visitor.
    assert ip(PROXY, f"{ATTACKER}, 10.1.2.3") == ATTACKER
    assert ip(PROXY, "not an address") == PROXY
    assert ip(PROXY) == PROXY
    assert ip(ATTACKER, "10.1.2.3") == ATTACKER
