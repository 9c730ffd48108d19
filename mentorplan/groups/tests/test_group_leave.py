import pytest
from django.urls import reverse

from mentorplan.groups.models import Role
from mentorplan.groups.tests.two_mentors import goal_texts, note_bodies, two_mentors
from mentorplan.testing import make_group, make_mentor, page_text

pytestmark = pytest.mark.django_db


def _url(group) -> str:
    return reverse("groups:leave", args=[group.key])


def test_a_co_mentor_leaves_and_takes_only_their_own_data(client):
    w = two_mentors()
    client.force_login(w.co_mentor)

    page = page_text(client.get(_url(w.group)))
    response = client.post(_url(w.group))

    assert "Your private notes in this group and the goals you set yourself" in page
    assert response.status_code == 302
    assert "You have left “Thursday group”." in page_text(client.get(response["Location"]))
    assert client.get(reverse("groups:detail", args=[w.group.key])).status_code == 404
    assert note_bodies(w.group) == {
        "Lee's private thoughts",
        "Lee for the mentors",
        "Cory for the mentors",
    }
    assert goal_texts(w.group) == {"Lee's own goal"}
    client.force_login(w.lead)
    assert "Cory" not in page_text(client.get(reverse("groups:detail", args=[w.group.key])))


def test_when_the_lead_leaves_the_co_mentor_leads(client):
    w = two_mentors()
    client.force_login(w.lead)

    assert "Cory becomes the group’s lead mentor." in page_text(client.get(_url(w.group)))
    client.post(_url(w.group))

    assert w.co_membership.role == Role.LEAD
    assert note_bodies(w.group) == {
        "Cory's private thoughts",
        "Lee for the mentors",
        "Cory for the mentors",
    }
    client.force_login(w.co_mentor)
    page = page_text(client.get(reverse("groups:detail", args=[w.group.key])))
    assert "Invite a co-mentor" in page


def test_the_only_mentor_cannot_leave(client, mentor, group):
    page = page_text(client.get(_url(group)))
    response = client.post(_url(group))

    assert "You are the only mentor of" in page
    assert "Leave the group" not in page
    assert response.status_code == 400
    assert "Invite a co-mentor first" in page_text(response)
    assert group.memberships.filter(user=mentor).exists()


def test_the_group_page_links_to_leaving(client, mentor, group):
    response = client.get(reverse("groups:detail", args=[group.key]))

    assert _url(group) in response.content.decode()


def test_an_outsider_gets_404(client):
    group = make_group(make_mentor())
    client.force_login(make_mentor())

    assert client.get(_url(group)).status_code == 404
    assert client.post(_url(group)).status_code == 404
    assert group.memberships.count() == 1


def test_wrong_method(client):
    w = two_mentors()
    client.force_login(w.co_mentor)

    assert client.put(_url(w.group)).status_code == 405
    assert w.group.memberships.count() == 2
