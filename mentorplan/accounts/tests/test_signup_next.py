import re

import pytest
from django.core import mail
from django.urls import reverse

from mentorplan.groups.models import Membership, Role
from mentorplan.testing import make_group, make_invitation, make_mentor, page_text

FORM = {
    "email": "robin@example.org",
    "display_name": "Robin",
    "timezone": "Europe/London",
    "password1": "a long and unusual passphrase",
    "password2": "a long and unusual passphrase",
}


@pytest.mark.django_db
def test_an_invited_mentor_signs_up_confirms_the_address_and_lands_back_on_the_invitation(client):
    group = make_group(make_mentor(), name="Tuesday buddies")
    invitation = make_invitation(group, "robin@example.org")
    link = reverse("groups:invitation_accept", args=[invitation.token])

    login_page = client.get(link, follow=True)
    signup_link = f'href="{reverse("accounts:signup")}?next={link}"'
    assert signup_link in login_page.content.decode()  # the way to sign up keeps the invitation

    response = client.post(reverse("accounts:signup"), {**FORM, "next": link})

    assert response.status_code == 302
    assert response["Location"] == link
    # Holding the link is not enough: the page asks to confirm the address first.
    waiting = client.post(link)
    assert waiting.status_code == 403
    assert "Check your e-mail" in page_text(waiting)
    assert not Membership.objects.filter(group=group, user__email="robin@example.org").exists()

    (message,) = mail.outbox
    assert message.to == ["robin@example.org"]
    confirm_link = re.findall(r"http://testserver(/\S+)", str(message.body))[0]
    confirmed = client.post(confirm_link)
    assert confirmed["Location"] == link

    assert client.post(link).status_code == 302
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
