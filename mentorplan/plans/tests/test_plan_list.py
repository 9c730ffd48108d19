import pytest
from django.urls import reverse

from mentorplan.testing import default_plan, make_mentor, make_plan, page_text

pytestmark = pytest.mark.django_db

URL = reverse("plans:list")


def test_i_see_the_built_in_plan_and_my_own_but_not_other_mentors(client):
    me = make_mentor()
    make_plan(me, title="My short plan", minutes=(20, 25))
    make_plan(make_mentor(), title="Somebody else's plan")
    client.force_login(me)

    response = client.get(URL)

    assert response.status_code == 200
    content = page_text(response)
    builtin = default_plan()
    assert builtin.title in content
    assert reverse("plans:detail", args=[builtin.key]) in response.content.decode()
    assert "6 segments · 70 min" in content
    assert "My short plan" in content
    assert "2 segments · 45 min" in content
    assert "Somebody else" not in content


def test_the_built_in_plan_comes_first(client):
    me = make_mentor()
    make_plan(me, title="A plan of my own")
    make_plan(me, title="Zebra plan")
    client.force_login(me)

    content = page_text(client.get(URL))

    positions = [
        content.index(title) for title in [default_plan().title, "A plan of my own", "Zebra plan"]
    ]
    assert positions == sorted(positions)


def test_every_plan_can_be_copied_from_the_list(client):
    me = make_mentor()
    mine = make_plan(me)
    client.force_login(me)

    content = client.get(URL).content.decode()

    for plan in [default_plan(), mine]:
        assert f'action="{reverse("plans:copy", args=[plan.key])}"' in content


def test_wrong_method(client):
    client.force_login(make_mentor())

    assert client.post(URL).status_code == 405
