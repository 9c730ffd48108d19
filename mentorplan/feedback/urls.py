from django.urls import path

from mentorplan.feedback import views

app_name = "feedback"

urlpatterns = [
    path("group/<uuid:key>/", views.team_view, name="team"),
    path("group/<uuid:key>/export.csv", views.export_csv, name="export"),
    path("group/<uuid:key>/check/", views.pea_check, name="check"),
    path("<uuid:key>/trainee/<uuid:trainee>/", views.feedback_save, name="save"),
]
