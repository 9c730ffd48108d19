from django.urls import path

from mentorplan.wrapup import views

app_name = "wrapup"

urlpatterns = [
    path("resources/", views.resource_list, name="resources"),
    path("group/<uuid:key>/progress/", views.progress_panel, name="progress"),
    path("resources/<uuid:key>/delete/", views.resource_delete, name="resource_delete"),
    path("calendar/", views.feed_settings, name="feed_settings"),
    path("<uuid:key>/share/", views.share, name="share"),
    path("<uuid:key>/resources/new/", views.resource_add, name="resource_add"),
    path("<uuid:key>/check/<str:item>/", views.check, name="check"),
    path("<uuid:key>/wins/", views.win_add, name="win_add"),
    path("<uuid:key>/wins/<uuid:win>/remove/", views.win_remove, name="win_remove"),
    path("<uuid:key>/follow-up/", views.follow_up, name="follow_up"),
    path("<uuid:key>/summary/", views.summary_page, name="summary"),
    path("<uuid:key>/invite.ics", views.invite, name="invite"),
]
