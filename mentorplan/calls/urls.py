from django.urls import include, path

from mentorplan.calls import planning, views

app_name = "calls"

group_patterns = [
    path("", views.group_calls, name="group_calls"),
    path("new/", views.call_plan, name="plan"),
]

session_patterns = [
    path("state/", views.call_state, name="state"),  # first: every open screen asks it often
    path("", views.call_detail, name="detail"),
    path("change/", planning.call_reschedule, name="reschedule"),
    path("cancel/", planning.call_cancel, name="cancel"),
    path("control/", views.call_control, name="control"),
    path("game/", views.game_shuffle, name="game_shuffle"),
    path("attendance/<uuid:trainee>/", views.attendance_set, name="attendance"),
]

urlpatterns = [
    path("<uuid:key>/", include(session_patterns)),
    path("group/<uuid:key>/", include(group_patterns)),
    path("segments/<uuid:key>/notes/", views.note_save, name="note_save"),
]
