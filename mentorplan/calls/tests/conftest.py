"""Who runs a session in the session tests: Lena, who leads the group, and Kofi, who joins her as
a co-mentor of the group of the module's own `call`."""

import pytest
from django.test import Client

from mentorplan.accounts.models import User
from mentorplan.calls.models import Call
from mentorplan.groups.models import Role
from mentorplan.testing import make_mentor


@pytest.fixture
def lead(db) -> User:
    return make_mentor(display_name="Lena")


@pytest.fixture
def co_mentor(call: Call) -> User:
    mentor = make_mentor(display_name="Kofi")
    call.group.memberships.create(user=mentor, role=Role.CO_MENTOR)
    return mentor


@pytest.fixture
def co_mentor_client(co_mentor: User) -> Client:
    """Kofi's browser, signed in."""
    browser = Client()
    browser.force_login(co_mentor)
    return browser
