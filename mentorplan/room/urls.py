"""The room's addresses. A trainee's all start with /t/<token>/ (the token is the key: there is
nothing else to know); the mentor's buttons for links live under /room/."""

from django.urls import path

from mentorplan.room import live_views, mentor_views, views

app_name = "room"

urlpatterns = [
    path("t/<str:token>/", views.page, name="page"),
    path("t/<str:token>/next-call.ics", views.invite, name="invite"),
    path("t/<str:token>/goals/<uuid:goal>/", views.goal_report, name="goal_report"),
    path("t/<str:token>/retro/", views.retro, name="retro"),
    # During a live call: the page's poll, and what the trainee sends from it.
    path("t/<str:token>/live/", live_views.state, name="live_state"),
    path("t/<str:token>/live/hand/", live_views.hand, name="live_hand"),
    path("t/<str:token>/live/retro/", live_views.retro, name="live_retro"),
    path("t/<str:token>/live/topics/", live_views.topic, name="live_topic"),
    path("t/<str:token>/live/goals/", live_views.propose, name="live_propose"),
    path("t/<str:token>/live/goal-check/", live_views.goal_check, name="live_goal_check"),
    path("room/calls/<uuid:key>/", live_views.runner_panel, name="runner_panel"),
    path(
        "room/calls/<uuid:key>/hands/<uuid:hand>/clear/", live_views.hand_clear, name="hand_clear"
    ),
    path("room/trainees/<uuid:key>/new-link/", mentor_views.link_issue, name="link_issue"),
    path("room/trainees/<uuid:key>/revoke/", mentor_views.link_revoke, name="link_revoke"),
    path("room/trainees/<uuid:key>/email/", mentor_views.link_email, name="link_email"),
    path("room/groups/<uuid:key>/new-links/", mentor_views.links_issue_all, name="links_issue_all"),
]
