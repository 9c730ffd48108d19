from django.contrib import admin

from mentorplan.records.models import ErasureRecord


@admin.register(ErasureRecord)
class ErasureRecordAdmin(admin.ModelAdmin):
    """Read only: the record of an erasure is evidence, not something to edit."""

    list_display = ["key", "group", "by", "erased_at"]
    readonly_fields = ["key", "group", "erased_by", "by", "erased_at"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
