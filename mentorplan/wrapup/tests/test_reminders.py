import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from mentorplan.groups.models import Role
from mentorplan.lib.testing import make_call, make_goal, make_group, make_mentor, make_trainee
from mentorplan.wrapup.models import Reminder


@pytest.mark.django_db
def test_reminders_are_sent_exactly_once_across_two_runs():
    lead = make_mentor(email="lead@example.org")
    co = make_mentor(email="co@example.org")
    group = make_group(lead, name="Tuesday buddies")
    group.memberships.create(user=co, role=Role.CO_MENTOR)
    amal = make_trainee(group, name="Amal", email="amal@example.org")
    make_trainee(group, name="Dawit")  # no e-mail: nothing to send
    make_goal(amal, text="Finish the quiz app", deadline=timezone.localdate() + timedelta(days=1))
    make_call(group, scheduled_at=timezone.now() + timedelta(hours=20))

    call_command("remind", stdout=io.StringIO())
    call_command("remind", stdout=io.StringIO())

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["amal@example.org", "co@example.org", "lead@example.org"]
    mentor_mail = next(m for m in mail.outbox if m.to == ["lead@example.org"])
    assert "Tuesday buddies" in mentor_mail.subject
    assert "Finish the quiz app" in mentor_mail.body  # last time's due goals, ready for catch-up
    assert Reminder.objects.count() == 3


@pytest.mark.django_db
def test_nothing_is_sent_for_sessions_far_away_or_goals_already_closed():
    group = make_group(make_mentor())
    amal = make_trainee(group, email="amal@example.org")
    make_goal(amal, deadline=timezone.localdate() + timedelta(days=10))
    make_goal(amal, deadline=timezone.localdate(), status="met")
    make_call(group, scheduled_at=timezone.now() + timedelta(days=3))

    call_command("remind", stdout=io.StringIO())

    assert mail.outbox == []
