import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentorplan.groups.models import INVITATION_LIFETIME, Group, Invitation, Role
from mentorplan.testing import make_group, make_invitation, make_mentor, page_text

pytestmark = pytest.mark.django_db

INVITED = "cory@example.org"


@pytest.fixture
def invitation() -> Invitation:
    lead = make_mentor(display_name="Lee")
    return make_invitation(make_group(lead, name="Tuesday buddies"), INVITED)


@pytest.fixture
def cory(client):
    cory = make_mentor(email=INVITED)
    client.force_login(cory)
    return cory


def _url(invitation: Invitation) -> str:
    return reverse("groups:invitation_accept", args=[invitation.token])


def _members(group: Group) -> dict[str, str]:
    return dict(group.memberships.values_list("user__email", "role"))


def test_the_invited_mentor_sees_whom_they_are_joining(client, invitation, cory):
    response = client.get(_url(invitation))

    assert response.status_code == 200
    content = page_text(response)
    assert "Join “Tuesday buddies”" in content
    assert "Lee invited you" in content
    assert INVITED not in _members(invitation.group)  # opening the link is not accepting it


def test_accepting_makes_me_a_co_mentor(client, invitation, cory):
    response = client.post(_url(invitation))

    assert response.status_code == 302
    assert response["Location"] == reverse("groups:detail", args=[invitation.group.key])
    assert _members(invitation.group)[INVITED] == Role.CO_MENTOR
    page = page_text(client.get(response["Location"]))
    assert "You are now a co-mentor of “Tuesday buddies”." in page
    assert "Tuesday buddies" in page_text(client.get(reverse("groups:list")))


def test_the_link_works_once(client, invitation, cory):
    client.post(_url(invitation))

    again = client.post(_url(invitation))

    assert again.status_code == 404
    assert "This invitation no longer works" in again.content.decode()
    assert invitation.group.memberships.filter(user=cory).count() == 1


def test_the_link_works_once_even_for_someone_else_with_the_address(client, invitation, cory):
    client.post(_url(invitation))
    client.force_login(make_mentor(email="someone@example.org"))

    assert client.get(_url(invitation)).status_code == 404


def test_an_expired_link_no_longer_works(client, invitation, cory):
    with time_machine.travel(timezone.now() + INVITATION_LIFETIME + timedelta(minutes=1)):
        client.force_login(cory)  # the old log-in session has expired by then too
        get = client.get(_url(invitation))
        post = client.post(_url(invitation))

    assert get.status_code == post.status_code == 404
    assert "This invitation no longer works" in get.content.decode()
    assert INVITED not in _members(invitation.group)


def test_the_link_still_works_shortly_before_it_expires(client, invitation, cory):
    with time_machine.travel(timezone.now() + INVITATION_LIFETIME - timedelta(minutes=1)):
        client.force_login(cory)
        assert client.post(_url(invitation)).status_code == 302

    assert _members(invitation.group)[INVITED] == Role.CO_MENTOR


def test_a_withdrawn_link_no_longer_works(client, invitation, cory):
    invitation.revoked_at = timezone.now()
    invitation.save()

    response = client.post(_url(invitation))

    assert response.status_code == 404
    assert "This invitation no longer works" in response.content.decode()
    assert INVITED not in _members(invitation.group)


def test_an_unknown_token_no_longer_works(client, cory):
    response = client.get(reverse("groups:invitation_accept", args=["made-up-token"]))

    assert response.status_code == 404
    assert "This invitation no longer works" in response.content.decode()


def test_another_account_gets_403_without_learning_the_group(client, invitation):
    client.force_login(make_mentor(email="mallory@example.org"))

    for response in [client.get(_url(invitation)), client.post(_url(invitation))]:
        assert response.status_code == 403
        content = page_text(response)
        assert "This invitation is for another e-mail address" in content
        assert "mallory@example.org" in content
        assert "Tuesday buddies" not in content
        assert "Lee" not in content
    assert "mallory@example.org" not in _members(invitation.group)
    invitation.refresh_from_db()
    assert invitation.is_usable


def test_a_visitor_is_asked_to_log_in_first(client, invitation):
    response = client.get(_url(invitation))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_wrong_method(client, invitation, cory):
    assert client.delete(_url(invitation)).status_code == 405
    assert INVITED not in _members(invitation.group)


def test_an_unconfirmed_address_is_asked_to_check_its_email_first(client, invitation):
    client.force_login(make_mentor(email=INVITED, email_verified_at=None))

    for response in [client.get(_url(invitation)), client.post(_url(invitation))]:
        assert response.status_code == 403
        content = page_text(response)
        assert "Check your e-mail" in content
        assert "Send the link again" in content
        # Nothing about the group until the address is proven.
        assert "Tuesday buddies" not in content
    assert INVITED not in _members(invitation.group)
    invitation.refresh_from_db()
    assert invitation.is_usable


def test_the_confirmation_sent_from_the_invitation_leads_back_to_it(client, invitation):
    client.force_login(make_mentor(email=INVITED, email_verified_at=None))

    sent = client.post(reverse("accounts:confirmation_send"), {"next": _url(invitation)})

    assert sent["Location"] == _url(invitation)
    (message,) = mail.outbox
    assert message.to == [INVITED]
    confirm = re.findall(r"http://testserver(/\S+)", str(message.body))[0]
    assert client.post(confirm)["Location"] == _url(invitation)
    assert client.post(_url(invitation)).status_code == 302
    assert _members(invitation.group)[INVITED] == Role.CO_MENTOR
