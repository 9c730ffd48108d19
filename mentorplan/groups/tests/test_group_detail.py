import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from mentorplan.groups.models import Role
from mentorplan.testing import HTMX, make_group, make_invitation, make_mentor, make_trainee

pytestmark = pytest.mark.django_db


def _url(group) -> str:
    return reverse("groups:detail", args=[group.key])


def test_the_group_page_shows_trainees_and_mentors(client):
    lead = make_mentor(display_name="Lee")
    group = make_group(lead, name="Tuesday buddies", course="ITP", region="Cape Town")
    co_mentor = make_mentor(display_name="Cory")
    group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)
    make_trainee(group, name="Amal", pronouns="she/her", slack_handle="@amal")
    make_trainee(group, name="Dawit", is_active=False)
    client.force_login(lead)

    response = client.get(_url(group))

    assert response.status_code == 200
    content = response.content.decode()
    for text in ["Tuesday buddies", "ITP", "Cape Town", "Amal", "(she/her)", "@amal", "Dawit"]:
        assert text in content
    assert "left the group" in content
    assert "Lee (you)" in content
    assert "Cory" in content
    assert "Co-mentor" in content


def test_only_the_lead_sees_invitations(client):
    lead = make_mentor()
    group = make_group(lead)
    co_mentor = make_mentor()
    group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)
    make_invitation(group, "waiting@example.org")

    client.force_login(lead)
    lead_page = client.get(_url(group)).content.decode()
    client.force_login(co_mentor)
    co_mentor_page = client.get(_url(group)).content.decode()

    assert "Invite a co-mentor" in lead_page
    assert "waiting@example.org" in lead_page
    assert "Invite a co-mentor" not in co_mentor_page
    assert "waiting@example.org" not in co_mentor_page


def test_an_outsider_gets_404(client):
    group = make_group(make_mentor(), name="Private group")
    make_trainee(group, name="Amal")
    client.force_login(make_mentor())

    response = client.get(_url(group))

    assert response.status_code == 404
    assert "Amal" not in response.content.decode()


def test_a_group_that_does_not_exist_is_404(client):
    client.force_login(make_mentor())

    assert client.get("/groups/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_wrong_method(client):
    lead = make_mentor()
    group = make_group(lead)
    client.force_login(lead)

    assert client.post(_url(group)).status_code == 405


def _ids(html: str) -> list[str]:
    return [str(element["id"]) for element in BeautifulSoup(html, "html.parser").select("[id]")]


def _duplicates(ids: list[str]) -> set[str]:
    return {id_ for id_ in ids if ids.count(id_) > 1}


def test_every_id_on_the_group_page_is_unique(client):
    """A label finds its field by id: with two fields of one id, clicking "Co-mentor's e-mail
    address" put the cursor in the trainee's e-mail field."""
    lead = make_mentor()
    group = make_group(lead)
    client.force_login(lead)
    make_invitation(group, "waiting@example.org")

    empty_group = client.get(_url(group)).content.decode()  # the trainee form is open
    make_trainee(group, name="Amal")
    page = client.get(_url(group)).content.decode()
    # With trainees the form comes when "Add a trainee" is opened, into the same page.
    form = client.get(reverse("groups:trainee_add", args=[group.key]), headers=HTMX)

    assert 'for="id_invite_email"' in empty_group
    assert _duplicates(_ids(empty_group)) == set()
    assert _duplicates(_ids(page) + _ids(form.content.decode())) == set()
