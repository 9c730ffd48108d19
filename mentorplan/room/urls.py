"""The room's addresses. A trainee's all start with /t/<token>/ (the token is the key: there is
nothing else to know); the mentor's buttons for links live under /room/."""

from django.urls import path

from mentorplan.room import mentor_views, views

app_name = "room"

urlpatterns = [
    path("t/<str:token>/", views.page, name="page"),
    path("t/<str:token>/next-call.ics", views.invite, name="invite"),
    path("t/<str:token>/goals/<uuid:goal>/", views.goal_report, name="goal_report"),
    path("t/<str:token>/retro/", views.retro, name="retro"),
    path("room/trainees/<uuid:key>/new-link/", mentor_views.link_issue, name="link_issue"),
    path("room/trainees/<uuid:key>/revoke/", mentor_views.link_revoke, name="link_revoke"),
    path("room/trainees/<uuid:key>/email/", mentor_views.link_email, name="link_email"),
    path("room/groups/<uuid:key>/new-links/", mentor_views.links_issue_all, name="links_issue_all"),
]
