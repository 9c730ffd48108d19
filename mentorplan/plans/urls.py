from django.urls import path

from mentorplan.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<uuid:key>/", views.plan_detail, name="detail"),
    path("<uuid:key>/copy/", views.plan_copy, name="copy"),
    path("<uuid:key>/rename/", views.plan_rename, name="rename"),
    path("<uuid:key>/delete/", views.plan_delete, name="delete"),
    path("<uuid:key>/segments/add/", views.segment_add, name="segment_add"),
    path("segments/<uuid:key>/", views.segment_update, name="segment_update"),
    path("segments/<uuid:key>/move/", views.segment_move, name="segment_move"),
    path("segments/<uuid:key>/delete/", views.segment_delete, name="segment_delete"),
]
