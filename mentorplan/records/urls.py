from django.urls import include, path

from mentorplan.records import views

app_name = "records"

trainee_patterns = [
    path("export/", views.trainee_export, name="trainee_export"),
    path("erase/", views.trainee_erase, name="trainee_erase"),
]

urlpatterns = [
    path("groups/<uuid:key>/export/", views.group_export, name="group_export"),
    path("trainees/<uuid:key>/", include(trainee_patterns)),
]
