"""E-mail reminders, sent by a job that runs on a schedule. Each reminder is recorded before it is
sent, in the same transaction, so running the job twice never sends the same reminder twice."""

from datetime import datetime, timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from mentorplan.calls.models import Call
from mentorplan.goals.models import Goal
from mentorplan.lib.timezones import zone_or_utc
from mentorplan.wrapup.models import Reminder

SESSION_NOTICE = timedelta(hours=24)
GOAL_NOTICE = timedelta(days=1)


def _send_once(kind: str, key: str, recipient: str, subject: str, body: str) -> bool:
    try:
        with transaction.atomic():
            Reminder.objects.create(kind=kind, subject_key=key, recipient=recipient.lower())
            send_mail(subject, body, None, [recipient])
    except IntegrityError:
        return False
    return True


def send_due(now: datetime | None = None) -> int:
    """Send every reminder that is due now. Returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    calls = Call.objects.filter(
        started_at__isnull=True, scheduled_at__gt=now, scheduled_at__lte=now + SESSION_NOTICE
    ).select_related("group")
    for call in calls:
        due = list(
            Goal.objects.open()
            .filter(group=call.group, deadline__lte=timezone.localdate(call.scheduled_at))
            .select_related("trainee", "mentor")
            .order_by("deadline")
        )
        for membership in call.group.memberships.select_related("user"):
            mentor = membership.user
            body = render_to_string(
                "wrapup/email/session_reminder.txt",
                {
                    "call": call,
                    "mentor": mentor,
                    "goals": due,
                    "local": timezone.localtime(call.scheduled_at, zone_or_utc(mentor.timezone)),
                },
            )
            sent += _send_once(
                "session",
                str(call.key),
                mentor.email,
                f"Mentoring session with {call.group.name} tomorrow",
                body,
            )
    goals = (
        Goal.objects.open()
        .filter(
            trainee__isnull=False,
            trainee__is_active=True,
            deadline__gte=timezone.localdate(now),
            deadline__lte=timezone.localdate(now + GOAL_NOTICE),
        )
        .exclude(trainee__email="")
        .select_related("trainee")
    )
    for goal in goals:
        assert goal.trainee is not None  # the query asks for trainees' goals only
        body = render_to_string("wrapup/email/goal_reminder.txt", {"goal": goal})
        sent += _send_once(
            "goal_due", str(goal.key), goal.trainee.email, "A goal is due soon", body
        )
    return sent
