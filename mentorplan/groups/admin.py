from django.contrib import admin

from mentorplan.groups.models import Group, Invitation, Membership, Trainee


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


class TraineeInline(admin.TabularInline):
    model = Trainee
    extra = 0
    fields = ["name", "pronouns", "slack_handle", "is_active"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "course", "region", "created_at"]
    search_fields = ["name", "course", "region"]
    list_filter = ["region"]
    inlines = [MembershipInline, TraineeInline]


@admin.register(Trainee)
class TraineeAdmin(admin.ModelAdmin):
    list_display = ["name", "group", "is_active"]
    search_fields = ["name", "slack_handle"]
    list_filter = ["is_active"]
    raw_id_fields = ["group"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "group", "created_at", "expires_at", "accepted_at", "revoked_at"]
    raw_id_fields = ["group", "invited_by", "accepted_by"]
    exclude = ["token"]
