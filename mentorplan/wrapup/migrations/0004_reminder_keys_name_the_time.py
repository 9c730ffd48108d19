"""Reminders are now recorded with the session's planned time or the goal's deadline in their
key, so a moved session or a new deadline is reminded again. Keys recorded before name only the
session or goal: give the ones that still matter (sessions to come, goals not yet past their
deadline) the time they were sent for, so upgrading does not send those reminders twice."""

from datetime import UTC, datetime, timedelta

from django.db import migrations


def name_the_time(apps, schema_editor):
    Reminder = apps.get_model("wrapup", "Reminder")
    Call = apps.get_model("calls", "Call")
    Goal = apps.get_model("goals", "Goal")
    now = datetime.now(UTC)
    # A reminder goes out at most a day ahead, so older ones are for what is already past.
    recent = Reminder.objects.filter(sent_at__gte=now - timedelta(days=3)).exclude(
        subject_key__contains=" "
    )
    for reminder in recent:
        if reminder.kind == "session":
            call = Call.objects.filter(key=reminder.subject_key).first()
            when = call and f"{call.scheduled_at.astimezone(UTC):%Y-%m-%dT%H:%MZ}"
        else:
            goal = Goal.objects.filter(key=reminder.subject_key).first()
            when = goal and goal.deadline.isoformat()
        if when:
            reminder.subject_key = f"{reminder.subject_key} {when}"
            reminder.save(update_fields=["subject_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("wrapup", "0003_one_share_per_recipient"),
        ("calls", "0001_initial"),
        ("goals", "0001_initial"),
    ]

    operations = [migrations.RunPython(name_the_time, migrations.RunPython.noop)]
