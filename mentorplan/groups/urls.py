from django.urls import path

from mentorplan.groups import mentor_views, views

app_name = "groups"

urlpatterns = [
    path("", views.group_list, name="list"),
    path("new/", views.group_create, name="create"),
    path("<uuid:key>/", views.group_detail, name="detail"),
    path("<uuid:key>/edit/", views.group_edit, name="edit"),
    path("<uuid:key>/trainees/add/", views.trainee_add, name="trainee_add"),
    path("trainees/<uuid:key>/", views.trainee_edit, name="trainee_edit"),
    path("<uuid:key>/invitations/", views.invitation_create, name="invite"),
    path("invitations/<uuid:key>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("join/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("<uuid:key>/leave/", mentor_views.group_leave, name="leave"),
    path("mentors/<uuid:key>/remove/", mentor_views.mentor_remove, name="mentor_remove"),
]
