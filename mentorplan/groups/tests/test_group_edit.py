import pytest
from django.urls import reverse

from mentorplan.groups.models import Group, Role
from mentorplan.testing import field_errors, make_group, make_mentor

pytestmark = pytest.mark.django_db

NEW_DETAILS = {"name": "Thursday crew", "course": "SDC", "region": "Manchester"}


@pytest.fixture
def lead(client):
    lead = make_mentor()
    client.force_login(lead)
    return lead


def _url(group: Group) -> str:
    return reverse("groups:edit", args=[group.key])


def _details(group: Group) -> tuple[str, str, str]:
    group.refresh_from_db()
    return group.name, group.course, group.region


def test_the_form_shows_the_current_details(client, lead):
    group = make_group(lead, name="Tuesday buddies")

    response = client.get(_url(group))

    assert response.status_code == 200
    assert 'value="Tuesday buddies"' in response.content.decode()


def test_saving_new_details(client, lead):
    group = make_group(lead)

    response = client.post(_url(group), NEW_DETAILS)

    assert response.status_code == 302
    assert response["Location"] == reverse("groups:detail", args=[group.key])
    assert _details(group) == ("Thursday crew", "SDC", "Manchester")
    assert "Group details saved." in client.get(response["Location"]).content.decode()


def test_a_co_mentor_may_edit_the_details_too(client):
    group = make_group(make_mentor())
    co_mentor = make_mentor()
    group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)
    client.force_login(co_mentor)

    assert client.post(_url(group), NEW_DETAILS).status_code == 302
    assert _details(group)[0] == "Thursday crew"


def test_an_empty_name_is_refused_and_nothing_changes(client, lead):
    group = make_group(lead, name="Tuesday buddies", course="ITP", region="London")

    response = client.post(_url(group), {**NEW_DETAILS, "name": ""})

    assert response.status_code == 200
    assert field_errors(response, "id_name") == ["This field is required."]
    assert _details(group) == ("Tuesday buddies", "ITP", "London")


def test_an_outsider_gets_404_and_changes_nothing(client, lead):
    group = make_group(make_mentor(), name="Not mine")

    assert client.get(_url(group)).status_code == 404
    assert client.post(_url(group), NEW_DETAILS).status_code == 404
    assert _details(group)[0] == "Not mine"


def test_wrong_method(client, lead):
    assert client.delete(_url(make_group(lead))).status_code == 405
