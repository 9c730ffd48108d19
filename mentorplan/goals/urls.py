from django.urls import include, path

from mentorplan.goals import views

app_name = "goals"

group_patterns = [
    path("", views.board, name="board"),
    path("new/", views.goal_create, name="create"),
    path("check/", views.goal_check, name="check"),
]

goal_patterns = [
    path("", views.goal_detail, name="detail"),
    path("edit/", views.goal_edit, name="edit"),
    path("review/", views.goal_review, name="review"),
    path("accept/", views.goal_accept, name="accept"),
    path("reopen/", views.goal_reopen, name="reopen"),
]

urlpatterns = [
    path("group/<uuid:key>/", include(group_patterns)),
    path("trainee/<uuid:key>/", views.person, name="person"),
    path("<uuid:key>/", include(goal_patterns)),
]
