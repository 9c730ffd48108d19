import pytest
from django.urls import reverse

from mentorplan.accounts.models import User
from mentorplan.calls.models import Note
from mentorplan.groups.models import Group, Role
from mentorplan.groups.tests.two_mentors import goal_texts, note_bodies, two_mentors
from mentorplan.testing import PASSWORD, field_errors, make_group, make_mentor, page_text

pytestmark = pytest.mark.django_db
URL = reverse("accounts:delete")


def test_the_profile_links_to_deleting_the_account(client, mentor):
    assert URL in client.get(reverse("accounts:profile")).content.decode()


def test_a_co_mentor_deletes_their_account_and_their_private_notes_go(client):
    w = two_mentors()
    client.force_login(w.co_mentor)

    response = client.post(URL, {"password": PASSWORD})

    assert response.status_code == 302
    assert "Your account and your private notes are deleted." in page_text(
        client.get(response["Location"])
    )
    assert not User.objects.filter(pk=w.co_mentor.pk).exists()
    assert note_bodies(w.group) == {
        "Lee's private thoughts",
        "Lee for the mentors",
        "Cory for the mentors",
    }
    assert goal_texts(w.group) == {"Lee's own goal"}
    assert Note.objects.get(body="Cory for the mentors").author is None
    assert client.get(reverse("groups:list")).status_code == 302  # logged out


def test_a_wrong_password_deletes_nothing(client):
    w = two_mentors()
    client.force_login(w.co_mentor)

    response = client.post(URL, {"password": "not it"})

    assert response.status_code == 400
    assert field_errors(response, "id_password") == [
        "That is not your password. Your account is still here."
    ]
    assert User.objects.filter(pk=w.co_mentor.pk).exists()
    assert "Cory's private thoughts" in note_bodies(w.group)


def test_a_lead_hands_the_group_over_to_the_co_mentor(client):
    w = two_mentors()
    client.force_login(w.lead)

    page = page_text(client.get(URL))
    client.post(URL, {"password": PASSWORD})

    assert "Cory becomes the lead mentor of “Thursday group”." in page
    assert w.co_membership.role == Role.LEAD
    assert note_bodies(w.group) == {
        "Cory's private thoughts",
        "Lee for the mentors",
        "Cory for the mentors",
    }


def test_groups_nobody_else_mentors_are_listed_then_deleted(client, mentor, group):
    page = client.get(URL)
    other = make_group(make_mentor(), name="Someone else's group")

    assert group.name in page_text(page)
    assert reverse("records:group_export", args=[group.key]) in page.content.decode()
    client.post(URL, {"password": PASSWORD})

    assert not Group.objects.filter(pk=group.pk).exists()
    assert Group.objects.filter(pk=other.pk).exists()


def test_wrong_method(client, mentor):
    assert client.put(URL).status_code == 405
    assert User.objects.filter(pk=mentor.pk).exists()
