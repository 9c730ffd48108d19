import pytest
from django.urls import reverse

from mentorplan.groups.models import Role
from mentorplan.testing import make_group, make_mentor, make_trainee

pytestmark = pytest.mark.django_db

URL = reverse("groups:list")


def test_i_see_the_groups_i_lead_and_co_mentor_and_no_others(client):
    me = make_mentor()
    mine = make_group(me, name="Tuesday buddies")
    shared = make_group(make_mentor(), name="Thursday crew")
    shared.memberships.create(user=me, role=Role.CO_MENTOR)
    make_group(make_mentor(), name="Somebody else's group")
    client.force_login(me)

    response = client.get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert mine.name in content
    assert shared.name in content
    assert "Somebody else" not in content
    assert reverse("groups:detail", args=[mine.key]) in content


def test_each_group_counts_only_the_trainees_still_on_the_course(client):
    me = make_mentor()
    group = make_group(me)
    make_trainee(group)
    make_trainee(group)
    make_trainee(group, is_active=False)
    client.force_login(me)

    response = client.get(URL)

    assert "2 trainees" in response.content.decode()


def test_without_groups_i_am_invited_to_create_one(client):
    client.force_login(make_mentor())

    response = client.get(URL)

    assert "Create your first group" in response.content.decode()


def test_wrong_method(client):
    client.force_login(make_mentor())

    assert client.post(URL).status_code == 405
