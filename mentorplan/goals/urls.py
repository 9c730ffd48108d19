from django.urls import path

from mentorplan.goals import views

app_name = "goals"

urlpatterns = [
    path("group/<uuid:key>/", views.board, name="board"),
    path("group/<uuid:key>/new/", views.goal_create, name="create"),
    path("group/<uuid:key>/check/", views.goal_check, name="check"),
    path("trainee/<uuid:key>/", views.person, name="person"),
    path("<uuid:key>/", views.goal_detail, name="detail"),
    path("<uuid:key>/edit/", views.goal_edit, name="edit"),
    path("<uuid:key>/review/", views.goal_review, name="review"),
    path("<uuid:key>/accept/", views.goal_accept, name="accept"),
    path("<uuid:key>/reopen/", views.goal_reopen, name="reopen"),
]
