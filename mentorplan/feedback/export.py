"""The course tracker's mentoring sheet: Name, Region, Date, Staff, Status, Notes, plus PEA."""

import csv
from collections.abc import Iterable
from datetime import UTC, tzinfo

from django.http import HttpResponse
from django.utils import timezone

from mentorplan.feedback.models import Feedback
from mentorplan.groups.models import Group

CSV_COLUMNS = ["Name", "Region", "Date", "Staff", "Status", "Notes"]
CSV_COLUMNS += ["Precise", "Evidence", "Actionable"]


def csv_response(feedback: Iterable[Feedback], reader_zone: tzinfo) -> HttpResponse:
    """A CSV download of `feedback` (with call__group, trainee and author selected).

    Date is the day the session took place, in its group's zone, whoever downloads the file; the
    file's name carries the reader's own today."""
    rows = list(feedback)
    zones = Group.objects.filter(pk__in={f.call.group_id for f in rows}).zones()
    # UTF-8 with a byte order mark: without it Excel reads the file in the computer's old code
    # page ("ZoÃ«" for "Zoë"); Google Sheets and Python's "utf-8-sig" read the mark and drop it.
    response = HttpResponse("\ufeff", content_type="text/csv; charset=utf-8")
    filename = f"mentoring-{timezone.localdate(timezone.now(), reader_zone):%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for f in rows:
        zone = zones.get(f.call.group_id, UTC)
        date = timezone.localdate(f.call.held_at, zone).isoformat()
        cells = [f.trainee.name, f.call.group.region, date, str(f.author or "")]
        cells += [f.get_status_display(), f.notes, f.precise, f.evidence, f.actionable]
        writer.writerow([_cell(v) for v in cells])
    return response


def _cell(value: str) -> str:
    """Spreadsheets run a cell that starts with = + - or @ as a formula; keep it text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
