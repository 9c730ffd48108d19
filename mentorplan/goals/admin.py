from django.contrib import admin

from mentorplan.goals.models import Goal, GoalEvent

# A goal's history is read-only: it records what happened.
EVENT_FIELDS = (
    "at",
    "outcome",
    "from_status",
    "to_status",
    "new_deadline",
    "note",
    "next_step",
    "by",
)


class GoalEventInline(admin.TabularInline):
    model = GoalEvent
    extra = 0
    fields = EVENT_FIELDS
    readonly_fields = EVENT_FIELDS
    can_delete = False


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["text", "owner_name", "group", "deadline", "status"]
    list_filter = ["status", "group__region"]
    search_fields = ["text", "trainee__name"]
    list_select_related = ["trainee", "mentor", "group"]
    raw_id_fields = ["group", "trainee", "mentor", "set_in", "replaces"]
    inlines = [GoalEventInline]
