from django.urls import include, path

from mentorplan.plans import views

app_name = "plans"

plan_patterns = [
    path("", views.plan_detail, name="detail"),
    path("copy/", views.plan_copy, name="copy"),
    path("rename/", views.plan_rename, name="rename"),
    path("delete/", views.plan_delete, name="delete"),
    path("segments/add/", views.segment_add, name="segment_add"),
]

segment_patterns = [
    path("", views.segment_update, name="segment_update"),
    path("move/", views.segment_move, name="segment_move"),
    path("delete/", views.segment_delete, name="segment_delete"),
]

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<uuid:key>/", include(plan_patterns)),
    path("segments/<uuid:key>/", include(segment_patterns)),
]
