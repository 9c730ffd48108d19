"""E-mail reminders, sent by a job that runs on a schedule (cron, where the active time zone is
usually UTC). So every date and time in a reminder is formatted in its reader's zone, and every
"today" is the reader's today: nothing here relies on the process's zone.

Each reminder is recorded before it is sent, in the same transaction, so running the job twice
never sends the same reminder twice. A session moved to another time, or a goal given a new
deadline, is a new reminder."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import dateformat, timezone

from mentorplan.calls.models import Call
from mentorplan.goals.models import Goal
from mentorplan.lib.timezones import zone_or_utc
from mentorplan.wrapup.models import Reminder

SESSION_NOTICE = timedelta(hours=24)
GOAL_NOTICE = timedelta(days=1)


def session_key(call: Call) -> str:
    """The session and its planned time (in UTC): a rescheduled session is reminded again."""
    return f"{call.key} {call.scheduled_at.astimezone(UTC):%Y-%m-%dT%H:%MZ}"


def goal_key(goal: Goal) -> str:
    """The goal and its deadline: a goal given more time is reminded again."""
    return f"{goal.key} {goal.deadline.isoformat()}"


def _send_once(kind: str, key: str, recipient: str, subject: str, body: str) -> bool:
    try:
        with transaction.atomic():
            Reminder.objects.create(kind=kind, subject_key=key, recipient=recipient.lower())
            send_mail(subject, body, None, [recipient])
    except IntegrityError:
        return False
    return True


def _when(day: date, today: date) -> tuple[str, str]:
    """A day in words, short for a subject and long for a sentence: ("tomorrow", "tomorrow,
    Tuesday 3 March"), or ("on Tuesday 3 March", the same) further away."""
    named = dateformat.format(day, "l j F")
    if day == today:
        return "today", f"today, {named}"
    if day == today + timedelta(days=1):
        return "tomorrow", f"tomorrow, {named}"
    return f"on {named}", f"on {named}"


def send_due(now: datetime | None = None) -> int:
    """Send every reminder that is due now. Returns how many were sent."""
    now = now or timezone.now()
    return _send_session_reminders(now) + _send_goal_reminders(now)


def _send_session_reminders(now: datetime) -> int:
    """To each mentor of a group, a day before its session: when, in their own zone, and the
    goals that goal catch-up will review."""
    sent = 0
    calls = (
        Call.objects.upcoming()
        .filter(scheduled_at__gt=now, scheduled_at__lte=now + SESSION_NOTICE)
        .select_related("group")
    )
    for call in calls:
        due = list(Goal.objects.due_at(call).select_related("trainee", "mentor").order_by("pk"))
        due.sort(key=lambda goal: (goal.deadline, goal.owner_name))
        for membership in call.group.memberships.select_related("user"):
            mentor = membership.user
            zone = zone_or_utc(mentor.timezone)
            short, when = _when(
                timezone.localdate(call.scheduled_at, zone), timezone.localdate(now, zone)
            )
            body = _render(
                "wrapup/email/session_reminder.txt",
                zone,
                {"call": call, "mentor": mentor, "goals": due, "when": when, "zone": zone.key},
            )
            subject = f"Mentoring session with {call.group.name} {short}"
            sent += _send_once("session", session_key(call), mentor.email, subject, body)
    return sent


def _send_goal_reminders(now: datetime) -> int:
    """To each trainee with an e-mail address, on the day before a goal is due and on the day
    itself, by the calendar where they live."""
    sent = 0
    utc_today = now.astimezone(UTC).date()
    goals = (
        Goal.objects.open()
        .filter(
            trainee__isnull=False,
            trainee__is_active=True,
            # Wide enough for every zone on Earth; each trainee's own day decides below.
            deadline__gte=utc_today - timedelta(days=1),
            deadline__lte=utc_today + GOAL_NOTICE + timedelta(days=1),
        )
        .exclude(trainee__email="")
        .select_related("trainee")
    )
    for goal in goals:
        trainee = goal.trainee
        assert trainee is not None  # the query asks for trainees' goals only
        zone = zone_or_utc(trainee.timezone)
        today = timezone.localdate(now, zone)
        if not today <= goal.deadline <= today + GOAL_NOTICE:
            continue
        short, when = _when(goal.deadline, today)
        body = _render("wrapup/email/goal_reminder.txt", zone, {"goal": goal, "when": when})
        subject = f"Your goal is due {short}"
        sent += _send_once("goal_due", goal_key(goal), trainee.email, subject, body)
    return sent


def _render(template: str, zone: ZoneInfo, context: dict[str, object]) -> str:
    with timezone.override(zone):
        return render_to_string(template, context)
