import pytest
from django.urls import reverse

from mentorplan.groups.models import Role
from mentorplan.groups.tests.two_mentors import goal_texts, note_bodies, two_mentors
from mentorplan.testing import make_mentor, page_text

pytestmark = pytest.mark.django_db


def _url(membership) -> str:
    return reverse("groups:mentor_remove", args=[membership.key])


def test_the_lead_removes_a_co_mentor_after_confirming(client):
    w = two_mentors()
    membership = w.co_membership
    client.force_login(w.lead)

    page = page_text(client.get(reverse("groups:detail", args=[w.group.key])))
    confirm = page_text(client.get(_url(membership)))
    response = client.post(_url(membership))

    assert "Remove Cory" in page
    assert "Remove Cory?" in confirm
    assert "Their private notes in this group" in confirm
    assert response.status_code == 302
    assert "Cory no longer mentors this group." in page_text(client.get(response["Location"]))
    assert note_bodies(w.group) == {
        "Lee's private thoughts",
        "Lee for the mentors",
        "Cory for the mentors",
    }
    assert goal_texts(w.group) == {"Lee's own goal"}
    client.force_login(w.co_mentor)
    assert client.get(reverse("groups:detail", args=[w.group.key])).status_code == 404


def test_a_co_mentor_cannot_remove_anyone(client):
    w = two_mentors()
    other = make_mentor()
    other_membership = w.group.memberships.create(user=other, role=Role.CO_MENTOR)
    client.force_login(w.co_mentor)

    page = page_text(client.get(reverse("groups:detail", args=[w.group.key])))

    assert "Remove" not in page
    assert client.post(_url(other_membership)).status_code == 404
    assert client.post(_url(w.group.memberships.get(user=w.lead))).status_code == 404
    assert w.group.memberships.count() == 3


def test_the_lead_cannot_remove_themselves_here(client):
    w = two_mentors()
    client.force_login(w.lead)

    assert client.post(_url(w.group.memberships.get(user=w.lead))).status_code == 404
    assert w.group.memberships.count() == 2


def test_an_outsider_gets_404(client):
    w = two_mentors()
    client.force_login(make_mentor())

    assert client.get(_url(w.co_membership)).status_code == 404
    assert client.post(_url(w.co_membership)).status_code == 404
    assert w.group.memberships.count() == 2


def test_wrong_method(client):
    w = two_mentors()
    client.force_login(w.lead)

    assert client.put(_url(w.co_membership)).status_code == 405
    assert w.group.memberships.count() == 2
