"""The room's addresses. A trainee's all start with /t/<token>/ (the token is the key: there is
nothing else to know); the mentor's buttons for links live under /room/."""

from django.urls import URLPattern, URLResolver, include, path

from mentorplan.room import live_views, mentor_views, views

app_name = "room"

# During a live session: the page's poll, and what the trainee sends from it.
live_patterns = [
    path("", live_views.state, name="live_state"),
    path("hand/", live_views.hand, name="live_hand"),
    path("retro/", live_views.retro, name="live_retro"),
    path("topics/", live_views.topic, name="live_topic"),
    path("goals/", live_views.propose, name="live_propose"),
    path("goal-check/", live_views.goal_check, name="live_goal_check"),
]

trainee_patterns: list[URLPattern | URLResolver] = [
    path("", views.page, name="page"),
    path("next-call.ics", views.invite, name="invite"),
    path("goals/<uuid:goal>/", views.goal_report, name="goal_report"),
    path("retro/", views.retro, name="retro"),
    path("live/", include(live_patterns)),
]

# The trainees' side of a live session on the mentor's runner.
runner_patterns = [
    path("", live_views.runner_panel, name="runner_panel"),
    path("hands/<uuid:hand>/clear/", live_views.hand_clear, name="hand_clear"),
]

# A trainee's link.
link_patterns = [
    path("new-link/", mentor_views.link_issue, name="link_issue"),
    path("revoke/", mentor_views.link_revoke, name="link_revoke"),
    path("email/", mentor_views.link_email, name="link_email"),
]

mentor_patterns: list[URLPattern | URLResolver] = [
    path("calls/<uuid:key>/", include(runner_patterns)),
    path("trainees/<uuid:key>/", include(link_patterns)),
    path("groups/<uuid:key>/new-links/", mentor_views.links_issue_all, name="links_issue_all"),
]

urlpatterns = [
    path("t/<str:token>/", include(trainee_patterns)),
    path("room/", include(mentor_patterns)),
]
