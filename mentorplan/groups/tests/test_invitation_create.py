import re

import pytest
from django.core import mail
from django.urls import reverse

from mentorplan.groups.models import Group, Invitation, Role
from mentorplan.testing import (
    field_errors,
    is_partial,
    make_group,
    make_invitation,
    make_mentor,
    page_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(client) -> Group:
    lead = make_mentor(display_name="Lee")
    client.force_login(lead)
    return make_group(lead, name="Tuesday buddies")


def _url(group: Group) -> str:
    return reverse("groups:invite", args=[group.key])


def _open_invitations(group: Group) -> list[str]:
    return sorted(group.invitations.pending().values_list("email", flat=True))


def test_the_lead_invites_a_co_mentor_by_email_with_a_link(client, group):
    response = client.post(_url(group), {"email": "Cory@Example.org"})

    assert response.status_code == 302
    assert response["Location"] == reverse("groups:detail", args=[group.key])
    invitation = group.invitations.get()
    assert invitation.email == "cory@example.org"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["cory@example.org"]
    assert "Tuesday buddies" in message.subject
    assert "Lee invited you" in message.body
    link = f"http://testserver{reverse('groups:invitation_accept', args=[invitation.token])}"
    assert re.findall(r"http://testserver/\S+", str(message.body)) == [link]
    page = page_text(client.get(response["Location"]))
    assert "Invitation sent to cory@example.org" in page
    assert "Waiting for an answer" in page


def test_inviting_again_replaces_the_old_invitation(client, group):
    client.post(_url(group), {"email": "cory@example.org"})
    first = group.invitations.get()

    response = client.post(_url(group), {"email": "CORY@example.org"})

    assert response.status_code == 302
    first.refresh_from_db()
    assert not first.is_usable
    assert _open_invitations(group) == ["cory@example.org"]
    assert group.invitations.count() == 2
    assert len(mail.outbox) == 2
    old_link = reverse("groups:invitation_accept", args=[first.token])
    cory = make_mentor(email="cory@example.org")
    client.force_login(cory)
    assert "no longer works" in client.get(old_link).content.decode()


def test_an_invalid_address_is_refused_and_nothing_is_sent(client, group):
    response = client.post(_url(group), {"email": "cory at example"})

    assert response.status_code == 200
    assert field_errors(response, "id_invite_email") == ["Enter a valid email address."]
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_mentor_already_in_the_group_is_not_invited(client, group):
    member = make_mentor(email="cory@example.org")
    group.memberships.create(user=member, role=Role.CO_MENTOR)

    response = client.post(_url(group), {"email": "Cory@example.org"})

    assert field_errors(response, "id_invite_email") == ["This mentor is already in the group."]
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_htmx_gets_the_mentors_partial_with_the_error(client, group):
    response = client.post(_url(group), {"email": ""}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert is_partial(response)
    assert 'id="mentors"' in response.content.decode()
    assert field_errors(response, "id_invite_email") == ["This field is required."]
    assert not Invitation.objects.exists()


def test_a_co_mentor_cannot_invite(client):
    group = make_group(make_mentor())
    co_mentor = make_mentor()
    group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)
    client.force_login(co_mentor)

    response = client.post(_url(group), {"email": "friend@example.org"})

    assert response.status_code == 404
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_outsider_gets_404_and_nothing_is_sent(client, group):
    client.force_login(make_mentor())

    assert client.post(_url(group), {"email": "friend@example.org"}).status_code == 404
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_wrong_method(client, group):
    make_invitation(group, "cory@example.org")

    assert client.get(_url(group)).status_code == 405
