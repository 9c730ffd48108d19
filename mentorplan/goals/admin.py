from django.contrib import admin

from mentorplan.goals.models import Goal, GoalEvent


class GoalEventInline(admin.TabularInline):
    model = GoalEvent
    extra = 0
    fields = [
        "at",
        "outcome",
        "from_status",
        "to_status",
        "new_deadline",
        "note",
        "next_step",
        "by",
    ]
    readonly_fields = [
        "at",
        "outcome",
        "from_status",
        "to_status",
        "new_deadline",
        "note",
        "next_step",
        "by",
    ]
    can_delete = False


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["text", "owner_name", "group", "deadline", "status"]
    list_filter = ["status", "group__region"]
    search_fields = ["text", "trainee__name"]
    list_select_related = ["trainee", "mentor", "group"]
    raw_id_fields = ["group", "trainee", "mentor", "set_in", "replaces"]
    inlines = [GoalEventInline]
