import io

import pytest
from django.core.management import CommandError, call_command

from mentorplan.accounts.models import User
from mentorplan.testing import make_mentor

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "a long and unusual passphrase"


def _create(*args: str) -> str:
    out = io.StringIO()
    call_command("creatementor", *args, stdout=out)
    return out.getvalue()


def test_creating_a_mentor():
    output = _create("Sam@Example.org", "--name", "Sam", "--password", GOOD_PASSWORD)

    user = User.objects.get()
    assert (user.email, user.display_name, user.is_staff) == ("sam@example.org", "Sam", False)
    assert user.check_password(GOOD_PASSWORD)
    assert "sam@example.org" in output


def test_the_name_defaults_to_the_start_of_the_address_and_staff_is_optional():
    _create("robin@example.org", "--password", GOOD_PASSWORD, "--staff")

    user = User.objects.get()
    assert user.display_name == "robin"
    assert user.is_staff
    assert user.is_superuser


def test_the_password_is_asked_for_when_left_out(monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt: GOOD_PASSWORD)

    _create("sam@example.org")

    assert User.objects.get().check_password(GOOD_PASSWORD)


def test_a_second_mentor_with_the_same_address_is_refused():
    make_mentor(email="sam@example.org")

    with pytest.raises(CommandError, match="already a mentor with the address sam@example.org"):
        _create("SAM@example.org", "--password", GOOD_PASSWORD)
    assert User.objects.count() == 1


def test_a_weak_password_is_refused():
    with pytest.raises(CommandError, match="too common"):
        _create("sam@example.org", "--password", "password")
    assert not User.objects.exists()


@pytest.mark.parametrize("address", ["sam", "sam@", "@example.org", "sam @example.org"])
def test_something_that_is_not_an_address_is_refused(address):
    with pytest.raises(CommandError, match="is not an e-mail address"):
        _create(address, "--password", GOOD_PASSWORD)
    assert not User.objects.exists()
