from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from mentorplan.recap.models import Method, Topic, TopicPerson


class TopicPersonInline(admin.TabularInline):
    model = TopicPerson
    extra = 0
    raw_id_fields = ["trainee"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    """Topics across groups: the same problem for several trainees points at the course."""

    list_display = ["title", "group", "people_count", "created_at"]
    list_filter = ["group__region", "group__course"]
    search_fields = ["title"]
    raw_id_fields = ["group", "first_call"]
    inlines = [TopicPersonInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Topic]:
        return super().get_queryset(request).select_related("group").annotate(n=Count("people"))

    @admin.display(description="trainees", ordering="n")
    def people_count(self, obj: Topic) -> int:
        return obj.n  # type: ignore[attr-defined]


@admin.register(Method)
class MethodAdmin(admin.ModelAdmin):
    list_display = ["name", "owner"]
    raw_id_fields = ["owner"]
