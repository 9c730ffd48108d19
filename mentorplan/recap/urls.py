from django.urls import include, path

from mentorplan.recap import views

app_name = "recap"

session_patterns = [
    path("retro/<uuid:trainee>/", views.retro_save, name="retro"),
    path("topics/", views.topic_add, name="topic_add"),
    path("topics/<uuid:topic>/work/", views.work_save, name="work"),
    path("topics/<uuid:topic>/statuses/", views.topic_status, name="topic_status"),
    path("methods/", views.method_add, name="method_add"),
]

urlpatterns = [
    path("<uuid:key>/", include(session_patterns)),
]
