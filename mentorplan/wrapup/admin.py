from django.contrib import admin

from mentorplan.wrapup.models import Resource


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    """The starter set (resources with no owner) is shared with every mentor."""

    list_display = ["title", "url", "tags", "owner", "removed_at"]
    list_filter = [("owner", admin.EmptyFieldListFilter)]
    search_fields = ["title", "tags", "url"]
    raw_id_fields = ["owner"]
