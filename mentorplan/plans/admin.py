from django.contrib import admin

from mentorplan.plans.models import PlanSegment, PlanTemplate


class PlanSegmentInline(admin.TabularInline):
    model = PlanSegment
    extra = 0
    fields = ["position", "title", "kind", "minutes", "flexible"]


@admin.register(PlanTemplate)
class PlanTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "updated_at"]
    search_fields = ["title", "owner__email"]
    raw_id_fields = ["owner"]
    inlines = [PlanSegmentInline]
