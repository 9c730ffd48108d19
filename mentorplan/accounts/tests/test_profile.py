import pytest
from django.urls import reverse

from mentorplan.testing import field_errors, make_mentor

pytestmark = pytest.mark.django_db

URL = reverse("accounts:profile")


@pytest.fixture
def mentor(client):
    mentor = make_mentor(display_name="Sam", timezone="Europe/London")
    client.force_login(mentor)
    return mentor


def test_the_profile_shows_my_details(client, mentor):
    response = client.get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert mentor.email in content
    assert 'value="Sam"' in content


def test_the_menu_marks_the_account_page_as_current(client, mentor):
    content = client.get(URL).content.decode()

    assert f'href="{URL}" aria-current="page"' in content
    assert 'aria-current="page"' not in content.replace(f'href="{URL}" aria-current', "")


def test_saving_the_profile(client, mentor):
    response = client.post(
        URL, {"display_name": "Sam B", "timezone": "Africa/Cairo", "slack_handle": "@samb"}
    )

    assert response.status_code == 302
    mentor.refresh_from_db()
    assert (mentor.display_name, mentor.timezone, mentor.slack_handle) == (
        "Sam B",
        "Africa/Cairo",
        "@samb",
    )
    assert "Your profile is saved." in client.get(response["Location"]).content.decode()


def test_an_unknown_timezone_is_refused_and_nothing_changes(client, mentor):
    response = client.post(
        URL, {"display_name": "Changed", "timezone": "Mars/Olympus", "slack_handle": ""}
    )

    assert response.status_code == 200
    errors = field_errors(response, "id_timezone")
    assert len(errors) == 1
    assert "Mars/Olympus is not one of the available choices" in errors[0]
    mentor.refresh_from_db()
    assert (mentor.display_name, mentor.timezone) == ("Sam", "Europe/London")


def test_an_empty_display_name_is_refused(client, mentor):
    response = client.post(URL, {"display_name": "", "timezone": "UTC", "slack_handle": ""})

    assert field_errors(response, "id_display_name") == ["This field is required."]
    mentor.refresh_from_db()
    assert mentor.display_name == "Sam"


def test_wrong_method(client, mentor):
    assert client.delete(URL).status_code == 405
