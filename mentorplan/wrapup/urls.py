from django.urls import include, path

from mentorplan.wrapup import views

app_name = "wrapup"

# The mentor's resource library.
resource_patterns = [
    path("", views.resource_list, name="resources"),
    path("<uuid:key>/delete/", views.resource_delete, name="resource_delete"),
]

# A session's wrap-up.
session_patterns = [
    path("share/", views.share, name="share"),
    path("resources/new/", views.resource_add, name="resource_add"),
    path("check/<str:item>/", views.check, name="check"),
    path("wins/", views.win_add, name="win_add"),
    path("wins/<uuid:win>/remove/", views.win_remove, name="win_remove"),
    path("follow-up/", views.follow_up, name="follow_up"),
    path("summary/", views.summary_page, name="summary"),
    path("invite.ics", views.invite, name="invite"),
]

urlpatterns = [
    path("resources/", include(resource_patterns)),
    path("group/<uuid:key>/progress/", views.progress_panel, name="progress"),
    path("calendar/", views.feed_settings, name="feed_settings"),
    path("<uuid:key>/", include(session_patterns)),
]
