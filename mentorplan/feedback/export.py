"""The course tracker's mentoring sheet: Name, Region, Date, Staff, Status, Notes, plus PEA."""

import csv
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone

from mentorplan.feedback.models import Feedback

CSV_COLUMNS = ["Name", "Region", "Date", "Staff", "Status", "Notes"]
CSV_COLUMNS += ["Precise", "Evidence", "Actionable"]


def csv_response(feedback: Iterable[Feedback]) -> HttpResponse:
    """A CSV download of `feedback` (with call__group, trainee and author selected)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"mentoring-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for f in feedback:
        date = timezone.localdate(f.call.scheduled_at).isoformat()
        cells = [f.trainee.name, f.call.group.region, date, str(f.author or "")]
        cells += [f.get_status_display(), f.notes, f.precise, f.evidence, f.actionable]
        writer.writerow([_cell(v) for v in cells])
    return response


def _cell(value: str) -> str:
    """Spreadsheets run a cell that starts with = + - or @ as a formula; keep it text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
