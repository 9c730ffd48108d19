import pytest
from django.urls import reverse

from mentorplan.groups.models import Invitation, Role
from mentorplan.testing import make_group, make_invitation, make_mentor, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(client) -> Invitation:
    lead = make_mentor()
    client.force_login(lead)
    return make_invitation(make_group(lead), "cory@example.org")


def _url(invitation: Invitation) -> str:
    return reverse("groups:invitation_revoke", args=[invitation.key])


def test_the_lead_withdraws_an_invitation_and_its_link_stops_working(client, invitation):
    response = client.post(_url(invitation))

    assert response.status_code == 302
    page = page_text(client.get(response["Location"]))
    assert "The invitation for cory@example.org no longer works." in page
    assert "Waiting for an answer" not in page
    client.force_login(make_mentor(email="cory@example.org"))
    accept = client.get(reverse("groups:invitation_accept", args=[invitation.token]))
    assert accept.status_code == 404
    assert "This invitation no longer works" in accept.content.decode()


def test_a_co_mentor_cannot_withdraw(client, invitation):
    co_mentor = make_mentor()
    invitation.group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)
    client.force_login(co_mentor)

    assert client.post(_url(invitation)).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_usable


def test_an_outsider_gets_404(client, invitation):
    client.force_login(make_mentor())

    assert client.post(_url(invitation)).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_usable


def test_wrong_method(client, invitation):
    assert client.get(_url(invitation)).status_code == 405
    invitation.refresh_from_db()
    assert invitation.is_usable
