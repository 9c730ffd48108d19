from django.urls import path

from mentorplan.calls import planning, views

app_name = "calls"

urlpatterns = [
    path("group/<uuid:key>/", views.group_calls, name="group_calls"),
    path("group/<uuid:key>/new/", views.call_plan, name="plan"),
    path("<uuid:key>/", views.call_detail, name="detail"),
    path("<uuid:key>/change/", planning.call_reschedule, name="reschedule"),
    path("<uuid:key>/cancel/", planning.call_cancel, name="cancel"),
    path("<uuid:key>/state/", views.call_state, name="state"),
    path("<uuid:key>/control/", views.call_control, name="control"),
    path("<uuid:key>/game/", views.game_shuffle, name="game_shuffle"),
    path("<uuid:key>/attendance/<uuid:trainee>/", views.attendance_set, name="attendance"),
    path("segments/<uuid:key>/notes/", views.note_save, name="note_save"),
]
