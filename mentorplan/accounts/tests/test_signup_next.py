import pytest
from django.urls import reverse

from mentorplan.groups.models import Membership, Role
from mentorplan.testing import make_group, make_invitation, make_mentor

FORM = {
    "email": "robin@example.org",
    "display_name": "Robin",
    "timezone": "Europe/London",
    "password1": "a long and unusual passphrase",
    "password2": "a long and unusual passphrase",
}


@pytest.mark.django_db
def test_an_invited_mentor_who_signs_up_lands_back_on_the_invitation(client):
    group = make_group(make_mentor(), name="Tuesday buddies")
    invitation = make_invitation(group, "robin@example.org")
    link = reverse("groups:invitation_accept", args=[invitation.token])

    login_page = client.get(link, follow=True)
    signup_link = f'href="{reverse("accounts:signup")}?next={link}"'
    assert signup_link in login_page.content.decode()  # the way to sign up keeps the invitation

    response = client.post(reverse("accounts:signup"), {**FORM, "next": link})

    assert response.status_code == 302
    assert response["Location"] == link
    client.post(link)
    assert (
        Membership.objects.get(group=group, user__email="robin@example.org").role == Role.CO_MENTOR
    )


@pytest.mark.django_db
def test_a_next_address_on_another_site_is_ignored(client):
    response = client.post(
        reverse("accounts:signup"), {**FORM, "next": "https://evil.example/steal"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("groups:create")
