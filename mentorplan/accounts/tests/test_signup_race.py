"""Signing up twice at once with one address: one account, and a clear answer for the other."""

import pytest
from django.contrib.auth import get_user
from django.test import Client
from django.urls import reverse

from mentorplan.accounts.forms import ADDRESS_TAKEN, SignupForm
from mentorplan.accounts.models import User
from mentorplan.testing import PASSWORD, field_errors
from mentorplan.testing.race import at_once, meeting_before_save, needs_postgresql

URL = reverse("accounts:signup")
FORM = {
    "email": "robin@example.org",
    "display_name": "Robin",
    "timezone": "Europe/London",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


@pytest.fixture
def signed_up_meanwhile(monkeypatch) -> None:
    """Another sign-up with the same address lands after this one's checks and before it saves."""
    checks = SignupForm._post_clean  # type: ignore[attr-defined]

    def checks_then_other_sign_up(form: SignupForm) -> None:
        checks(form)
        User.objects.create_user(email=FORM["email"], password=PASSWORD, display_name="Other")

    monkeypatch.setattr(SignupForm, "_post_clean", checks_then_other_sign_up)


@pytest.mark.django_db
def test_an_address_taken_while_the_form_was_sent_gets_the_form_error(client, signed_up_meanwhile):
    response = client.post(URL, FORM)

    assert response.status_code == 200
    assert field_errors(response, "id_email") == [ADDRESS_TAKEN]
    assert list(User.objects.values_list("display_name", flat=True)) == ["Other"]
    assert not get_user(client).is_authenticated


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_sign_ups_with_one_address_at_once_make_one_account():
    first, second = Client(), Client()

    with meeting_before_save(User):
        answers = at_once(lambda: first.post(URL, FORM), lambda: second.post(URL, FORM))

    assert sorted(answer.status_code for answer in answers) == [200, 302]
    refused = next(answer for answer in answers if answer.status_code == 200)
    assert field_errors(refused, "id_email") == [ADDRESS_TAKEN]
    assert User.objects.filter(email="robin@example.org").count() == 1
