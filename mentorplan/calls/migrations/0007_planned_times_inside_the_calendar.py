"""Sessions planned at the very ends of the calendar (year 1 or 9999, which the forms once let
through) cannot be shown in a zone on the other side of UTC, nor put in an invite: each page,
invite and calendar feed that showed one failed. The forms now take only dates from a year back
to five years ahead (mentorplan.lib.dates); this moves a session planned before 1900 or from 2200
on to the nearest end of that window, measured from today, at the same time of day, and tells
calendars it changed. No real session lies that far out; every other session stays as it is."""

from datetime import UTC, datetime, timedelta

from django.db import migrations
from django.db.models import F, Q
from django.utils import timezone

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
DAYS_BACK = 366
YEARS_AHEAD = 5


def move_inside(apps, schema_editor):
    Call = apps.get_model("calls", "Call")
    today = timezone.now().date()
    try:
        last = today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        last = today.replace(year=today.year + YEARS_AHEAD, day=28)
    first = today - timedelta(days=DAYS_BACK)
    outside = Call.objects.filter(Q(scheduled_at__lt=EARLIEST) | Q(scheduled_at__gte=LATEST))
    for pk, when in outside.values_list("pk", "scheduled_at"):
        day = first if when < EARLIEST else last
        moved = datetime.combine(day, when.astimezone(UTC).time(), tzinfo=UTC)
        Call.objects.filter(pk=pk).update(scheduled_at=moved, sequence=F("sequence") + 1)


class Migration(migrations.Migration):
    dependencies = [("calls", "0006_session_changes_and_video_link")]

    operations = [migrations.RunPython(move_inside, migrations.RunPython.noop)]
