from django.urls import path

from mentorplan.records import views

app_name = "records"

urlpatterns = [
    path("groups/<uuid:key>/export/", views.group_export, name="group_export"),
    path("trainees/<uuid:key>/export/", views.trainee_export, name="trainee_export"),
    path("trainees/<uuid:key>/erase/", views.trainee_erase, name="trainee_erase"),
]
