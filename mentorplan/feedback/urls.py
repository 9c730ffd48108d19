from django.urls import include, path

from mentorplan.feedback import views

app_name = "feedback"

group_patterns = [
    path("", views.team_view, name="team"),
    path("export.csv", views.export_csv, name="export"),
    path("check/", views.pea_check, name="check"),
]

urlpatterns = [
    path("group/<uuid:key>/", include(group_patterns)),
    path("<uuid:key>/trainee/<uuid:trainee>/", views.feedback_save, name="save"),
]
