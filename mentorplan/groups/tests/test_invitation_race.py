"""Sending one invitation twice at once (a double click, or two leads): one invitation, one
e-mail, and a clear answer for the second press."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from mentorplan.groups.models import Invitation, Membership, Role
from mentorplan.testing import make_group, make_mentor
from mentorplan.testing.race import at_once, meeting_before_save, needs_postgresql


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_invitations_to_one_address_at_once_send_one():
    lead = make_mentor(display_name="Sam")
    other_lead = make_mentor(display_name="Kim")
    group = make_group(lead, name="Evening group")
    Membership.objects.create(group=group, user=other_lead, role=Role.LEAD)
    first, second = Client(), Client()
    first.force_login(lead)
    second.force_login(other_lead)
    url = reverse("groups:invite", args=[group.key])
    data = {"email": "Robin@example.org"}

    with meeting_before_save(Invitation):
        answers = at_once(lambda: first.post(url, data), lambda: second.post(url, data))

    assert [answer.status_code for answer in answers] == [302, 302]
    assert Invitation.objects.pending().filter(email="robin@example.org").count() == 1
    assert [message.to for message in mail.outbox] == [["robin@example.org"]]
    pages = [
        client.get(answer["Location"]).content.decode()
        for client, answer in zip([first, second], answers, strict=True)
    ]
    assert sum("Invitation sent to robin@example.org." in page for page in pages) == 1
    assert (
        sum(
            "An invitation to robin@example.org was sent a moment ago, so it is on its way." in page
            for page in pages
        )
        == 1
    )
