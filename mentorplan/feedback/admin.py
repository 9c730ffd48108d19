from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from mentorplan.calls.models import held_at_expression
from mentorplan.feedback.export import csv_response
from mentorplan.feedback.models import Feedback
from mentorplan.lib.timezones import zone_or_utc

HELD_AT = held_at_expression("call__")


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """The course team's view of feedback across every group, with the tracker's CSV."""

    list_display = ["trainee", "group", "status", "session_date", "author", "precise"]
    list_filter = ["status", "call__group__region", "call__group__course"]
    search_fields = ["trainee__name", "precise", "evidence", "actionable"]
    list_select_related = ["trainee", "call__group", "author"]
    raw_id_fields = ["call", "trainee", "author"]
    date_hierarchy = "created_at"
    actions = ["export_csv"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Feedback]:
        # Newest session first, by the day it took place; the list keeps this order unless the
        # reader sorts by a column.
        return super().get_queryset(request).order_by(HELD_AT.desc(), "trainee__name")

    @admin.display(description="group", ordering="call__group__name")
    def group(self, obj: Feedback) -> str:
        return obj.call.group.name

    @admin.display(description="session", ordering=HELD_AT)
    def session_date(self, obj: Feedback) -> str:
        """The day the session took place, in the reader's zone (the admin runs under the signed-in
        user's zone, like every page)."""
        return f"{timezone.localdate(obj.call.held_at, timezone.get_current_timezone()):%Y-%m-%d}"

    @admin.action(description="Download the selected feedback as CSV for the course tracker")
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Feedback]) -> HttpResponse:
        return csv_response(
            queryset.select_related("call__group", "trainee", "author").order_by(
                HELD_AT.asc(), "trainee__name"
            ),
            zone_or_utc(getattr(request.user, "timezone", "UTC")),
        )
