from django.contrib import admin
from django.http import HttpRequest

from mentorplan.calls.models import BrainGame, Call, CallSegment

# Notes are deliberately not here: a private note is for its author only, staff included.


class CallSegmentInline(admin.TabularInline):
    """A session's segments, shown and never changed here: they are kept under the session's
    version and sequence (`segments_of`), which only the runner and the planner move."""

    model = CallSegment
    extra = 0
    fields = ["position", "title", "kind", "planned_minutes", "spent_seconds"]
    readonly_fields = ["position", "title", "kind", "planned_minutes", "spent_seconds"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Call | None = None) -> bool:
        return False


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = [
        "group",
        "scheduled_at",
        "plan_title",
        "length_minutes",
        "started_at",
        "ended_at",
    ]
    list_filter = ["group__region"]
    search_fields = ["group__name"]
    raw_id_fields = ["group", "created_by"]
    date_hierarchy = "scheduled_at"
    inlines = [CallSegmentInline]


@admin.register(BrainGame)
class BrainGameAdmin(admin.ModelAdmin):
    list_display = ["name", "exercises", "is_active"]
    list_filter = ["is_active"]
