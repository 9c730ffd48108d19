import pytest
from django.urls import reverse

from mentorplan.groups.models import Group, Role, Trainee
from mentorplan.testing import HTMX, field_errors, is_partial, make_group, make_mentor, parse

pytestmark = pytest.mark.django_db

AMAL = {
    "name": "Amal",
    "pronouns": "she/her",
    "slack_handle": "@amal",
    "email": "amal@example.org",
    "timezone": "Africa/Khartoum",
}


@pytest.fixture
def group(client) -> Group:
    lead = make_mentor()
    client.force_login(lead)
    return make_group(lead)


def _url(group: Group) -> str:
    return reverse("groups:trainee_add", args=[group.key])


def test_adding_a_trainee(client, group):
    response = client.post(_url(group), AMAL)

    assert response.status_code == 302
    assert response["Location"] == reverse("groups:detail", args=[group.key])
    trainee = group.trainees.get()
    assert (trainee.name, trainee.pronouns, trainee.timezone, trainee.is_active) == (
        "Amal",
        "she/her",
        "Africa/Khartoum",
        True,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Amal is in the group." in page
    assert "@amal" in page


def test_only_a_name_is_needed(client, group):
    response = client.post(_url(group), {"name": "Dawit", "timezone": "Europe/London"})

    assert response.status_code == 302
    assert group.trainees.get().name == "Dawit"


def test_htmx_gets_the_trainee_list_with_a_fresh_form(client, group):
    response = client.post(_url(group), AMAL, headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    content = response.content.decode()
    assert 'id="trainees"' in content
    assert "Amal" in content
    assert 'value="Amal"' not in content  # the form is empty again
    assert 'id="mentors"' not in content
    assert group.trainees.count() == 1


def test_a_trainee_needs_a_name_and_nothing_is_saved(client, group):
    response = client.post(_url(group), {**AMAL, "name": ""})

    assert response.status_code == 200
    assert "<html" in response.content.decode()
    assert field_errors(response, "id_name") == ["This field is required."]
    assert not Trainee.objects.exists()


def test_htmx_shows_the_error_in_the_partial(client, group):
    response = client.post(_url(group), {**AMAL, "email": "not an address"}, headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert field_errors(response, "id_email") == ["Enter a valid email address."]
    assert 'value="Amal"' in response.content.decode()  # what was typed stays
    assert not Trainee.objects.exists()


def test_an_unknown_timezone_is_refused(client, group):
    response = client.post(_url(group), {**AMAL, "timezone": "Nowhere/Land"})

    assert len(field_errors(response, "id_timezone")) == 1
    assert not Trainee.objects.exists()


def test_a_co_mentor_may_add_trainees(client):
    group = make_group(make_mentor())
    co_mentor = make_mentor()
    group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)
    client.force_login(co_mentor)

    assert client.post(_url(group), AMAL).status_code == 302
    assert group.trainees.count() == 1


def test_an_outsider_gets_404_and_adds_nothing(client, group):
    other = make_group(make_mentor())

    assert client.post(_url(other), AMAL).status_code == 404
    assert client.post(_url(other), AMAL, headers=HTMX).status_code == 404
    assert not Trainee.objects.exists()


def test_wrong_method(client, group):
    assert client.put(_url(group), AMAL).status_code == 405
    assert client.delete(_url(group)).status_code == 405


def test_the_form_is_a_page_of_its_own_and_a_partial_for_htmx(client, group):
    page = client.get(_url(group))
    partial = client.get(_url(group), headers=HTMX)

    assert page.status_code == partial.status_code == 200
    assert "<h1>Add a trainee to" in page.content.decode()
    assert is_partial(partial)
    for response in (page, partial):
        form = parse(response).select_one("form")
        assert form is not None
        assert form["action"] == _url(group)
        # the zone is typed, with suggestions, and starts at the mentor's own
        zone = form.select_one("input[name=timezone]")
        assert zone is not None
        assert zone["value"] == "Europe/London"
        assert form.select_one(f"datalist#{zone['list']} option[value='Africa/Lagos']")


def test_an_outsider_cannot_see_the_form(client, group):
    other = make_group(make_mentor())

    assert client.get(_url(other)).status_code == 404
    assert client.get(_url(other), headers=HTMX).status_code == 404


def test_htmx_after_adding_also_redraws_the_group_page_cards(client, group):
    response = client.post(_url(group), AMAL, headers=HTMX)

    oob = parse(response).select_one('[hx-swap-oob="innerHTML:#group-panels"]')
    assert oob is not None
    checkins = oob.select_one("#checkins")
    assert checkins is not None
    assert "Amal" in checkins.get_text()
    assert "No trainees yet" not in checkins.get_text()
    assert "Amal is in the group." in response.content.decode()
