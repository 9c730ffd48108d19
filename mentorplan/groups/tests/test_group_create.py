import pytest
from django.urls import reverse

from mentorplan.groups.models import Group, Role
from mentorplan.testing import field_errors

pytestmark = pytest.mark.django_db

URL = reverse("groups:create")


def test_the_form_asks_for_name_course_and_region(client, mentor):
    response = client.get(URL)

    assert response.status_code == 200
    for field in ["name", "course", "region"]:
        assert f'name="{field}"' in response.content.decode()


def test_creating_a_group_makes_me_its_lead(client, mentor):
    response = client.post(
        URL, {"name": "Tuesday buddies", "course": "ITP — JavaScript 2", "region": "Glasgow"}
    )

    group = Group.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("groups:detail", args=[group.key])
    assert (group.name, group.course, group.region) == (
        "Tuesday buddies",
        "ITP — JavaScript 2",
        "Glasgow",
    )
    membership = group.memberships.get()
    assert (membership.user, membership.role) == (mentor, Role.LEAD)
    page = client.get(response["Location"]).content.decode()
    assert "“Tuesday buddies” is ready." in page
    assert "Lead mentor" in page


def test_a_group_needs_a_name(client, mentor):
    response = client.post(URL, {"name": "  ", "course": "ITP", "region": "London"})

    assert response.status_code == 200
    assert field_errors(response, "id_name") == ["This field is required."]
    assert not Group.objects.exists()


def test_wrong_method(client, mentor):
    assert client.put(URL).status_code == 405
