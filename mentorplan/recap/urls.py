from django.urls import path

from mentorplan.recap import views

app_name = "recap"

urlpatterns = [
    path("<uuid:key>/retro/<uuid:trainee>/", views.retro_save, name="retro"),
    path("<uuid:key>/topics/", views.topic_add, name="topic_add"),
    path("<uuid:key>/topics/<uuid:topic>/work/", views.work_save, name="work"),
    path("<uuid:key>/topics/<uuid:topic>/<uuid:trainee>/", views.topic_status, name="topic_status"),
    path("<uuid:key>/methods/", views.method_add, name="method_add"),
]
