import pytest
from django.urls import reverse

from mentorplan.groups.models import Role, Trainee
from mentorplan.testing import field_errors, make_group, make_mentor, make_trainee, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainee(client) -> Trainee:
    lead = make_mentor()
    client.force_login(lead)
    return make_trainee(make_group(lead), name="Amal", pronouns="she/her")


def _url(trainee: Trainee) -> str:
    return reverse("groups:trainee_edit", args=[trainee.key])


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Amal",
        "pronouns": "they/them",
        "slack_handle": "@amal",
        "email": "",
        "timezone": "Europe/London",
        "is_active": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_form_shows_the_trainee(client, trainee):
    response = client.get(_url(trainee))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Amal"' in content
    assert 'value="she/her"' in content
    assert trainee.group.name in content


def test_saving_changes(client, trainee):
    response = client.post(_url(trainee), _form())

    assert response.status_code == 302
    assert response["Location"] == reverse("groups:detail", args=[trainee.group.key])
    trainee.refresh_from_db()
    assert (trainee.pronouns, trainee.slack_handle) == ("they/them", "@amal")
    assert "Amal's details are saved." in page_text(client.get(response["Location"]))


def test_marking_a_trainee_as_left(client, trainee):
    form = _form()
    del form["is_active"]  # an unticked box sends nothing

    response = client.post(_url(trainee), form)

    trainee.refresh_from_db()
    assert trainee.is_active is False
    group_page = client.get(response["Location"]).content.decode()
    assert "left the group" in group_page
    assert "0 trainees" in client.get(reverse("groups:list")).content.decode()


def test_an_empty_name_is_refused_and_nothing_changes(client, trainee):
    response = client.post(_url(trainee), _form(name="", pronouns="he/him"))

    assert response.status_code == 200
    assert field_errors(response, "id_name") == ["This field is required."]
    trainee.refresh_from_db()
    assert (trainee.name, trainee.pronouns) == ("Amal", "she/her")


def test_a_co_mentor_may_edit_trainees(client):
    group = make_group(make_mentor())
    co_mentor = make_mentor()
    group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)
    trainee = make_trainee(group, name="Amal")
    client.force_login(co_mentor)

    assert client.get(_url(trainee)).status_code == 200
    response = client.post(_url(trainee), _form(pronouns="she/her", slack_handle="@amal.k"))

    assert response["Location"] == reverse("groups:detail", args=[group.key])
    trainee.refresh_from_db()
    assert (trainee.pronouns, trainee.slack_handle) == ("she/her", "@amal.k")
    assert "Amal's details are saved." in page_text(client.get(response["Location"]))


def test_an_outsider_gets_404_and_changes_nothing(client, trainee):
    client.force_login(make_mentor())

    assert client.get(_url(trainee)).status_code == 404
    assert client.post(_url(trainee), _form(name="Changed")).status_code == 404
    trainee.refresh_from_db()
    assert trainee.name == "Amal"


def test_wrong_method(client, trainee):
    assert client.delete(_url(trainee)).status_code == 405
