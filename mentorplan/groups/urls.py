from django.urls import include, path

from mentorplan.groups import mentor_views, views

app_name = "groups"

group_patterns = [
    path("", views.group_detail, name="detail"),
    path("edit/", views.group_edit, name="edit"),
    path("trainees/add/", views.trainee_add, name="trainee_add"),
    path("invitations/", views.invitation_create, name="invite"),
    path("leave/", mentor_views.group_leave, name="leave"),
]

urlpatterns = [
    path("", views.group_list, name="list"),
    path("new/", views.group_create, name="create"),
    path("<uuid:key>/", include(group_patterns)),
    path("trainees/<uuid:key>/", views.trainee_edit, name="trainee_edit"),
    path("invitations/<uuid:key>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("join/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("mentors/<uuid:key>/remove/", mentor_views.mentor_remove, name="mentor_remove"),
]
