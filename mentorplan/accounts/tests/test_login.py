import pytest
from django.conf import settings
from django.contrib.auth import get_user
from django.urls import reverse

from mentorplan.testing import PASSWORD, make_group, make_mentor

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")
WRONG_PASSWORD = "not the password"


def _log_in(client, email: str, password: str = PASSWORD, **extra: str):
    return client.post(LOGIN, {"username": email, "password": password, **extra})


def test_the_login_page_asks_for_email_and_password(client):
    response = client.get(LOGIN)

    assert response.status_code == 200
    content = response.content.decode()
    assert 'type="email" name="username"' in content
    assert 'name="password"' in content


def test_logging_in_with_the_right_password_shows_my_groups(client):
    mentor = make_mentor()
    group = make_group(mentor)

    response = _log_in(client, mentor.email.upper())

    assert response.status_code == 302
    assert response["Location"] == reverse("groups:list")
    assert get_user(client).pk == mentor.pk
    assert group.name in client.get(response["Location"]).content.decode()


def test_logging_in_returns_to_the_page_asked_for(client):
    mentor = make_mentor()
    group = make_group(mentor)
    wanted = reverse("groups:detail", args=[group.key])

    response = _log_in(client, mentor.email, next=wanted)

    assert response["Location"] == wanted


def test_logging_in_never_sends_me_to_another_site(client):
    mentor = make_mentor()

    response = _log_in(client, mentor.email, next="https://evil.example/groups/")

    assert response["Location"] == reverse("groups:list")


def test_a_wrong_password_gets_a_clear_message(client):
    mentor = make_mentor()

    response = _log_in(client, mentor.email, WRONG_PASSWORD)

    assert response.status_code == 200
    assert (
        "That e-mail address and password do not match an account. Check both and try again."
        in response.content.decode()
    )
    assert not get_user(client).is_authenticated


def test_after_too_many_wrong_passwords_even_the_right_one_is_paused(client):
    mentor = make_mentor()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _log_in(client, mentor.email, WRONG_PASSWORD).status_code == 200
    # The last allowed wrong try already locks the account.
    last_try = _log_in(client, mentor.email, WRONG_PASSWORD)
    assert "Too many attempts" in last_try.content.decode()

    response = _log_in(client, mentor.email)

    assert response.status_code == 429
    content = response.content.decode()
    assert "Too many attempts" in content
    assert "paused for" in content
    assert not get_user(client).is_authenticated


def test_changing_the_case_of_the_address_does_not_get_round_the_limit(client):
    mentor = make_mentor()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        email = mentor.email.upper() if attempt % 2 else mentor.email
        _log_in(client, email, WRONG_PASSWORD)

    response = _log_in(client, mentor.email.title())

    assert response.status_code == 429
    assert not get_user(client).is_authenticated


def test_wrong_passwords_for_one_account_do_not_lock_another(client):
    victim = make_mentor()
    other = make_mentor()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, victim.email, WRONG_PASSWORD)

    response = _log_in(client, other.email)

    assert response.status_code == 302
    assert get_user(client).pk == other.pk


def test_fewer_wrong_passwords_than_the_limit_do_not_lock(client):
    mentor = make_mentor()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _log_in(client, mentor.email, WRONG_PASSWORD)

    response = _log_in(client, mentor.email)

    assert response.status_code == 302
    assert get_user(client).pk == mentor.pk


def test_a_successful_login_starts_the_count_again(client):
    mentor = make_mentor()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _log_in(client, mentor.email, WRONG_PASSWORD)
    assert _log_in(client, mentor.email).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _log_in(client, mentor.email, WRONG_PASSWORD)

    response = _log_in(client, mentor.email)

    assert response.status_code == 302
    assert get_user(client).pk == mentor.pk


def test_logging_out_ends_the_session(client):
    client.force_login(make_mentor())

    response = client.post(LOGOUT)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert not get_user(client).is_authenticated


def test_logging_out_needs_a_post(client):
    mentor = make_mentor()
    client.force_login(mentor)

    response = client.get(LOGOUT)

    assert response.status_code == 405
    assert get_user(client).pk == mentor.pk
