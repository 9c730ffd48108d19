from django.contrib import admin
from django.urls import include, path

from mentorplan.accounts import views as account_views
from mentorplan.wrapup import views as wrapup_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("mentorplan.accounts.urls")),
    path("groups/", include("mentorplan.groups.urls")),
    path("plans/", include("mentorplan.plans.urls")),
    path("sessions/", include("mentorplan.calls.urls")),
    path("goals/", include("mentorplan.goals.urls")),
    path("recap/", include("mentorplan.recap.urls")),
    path("feedback/", include("mentorplan.feedback.urls")),
    path("wrap-up/", include("mentorplan.wrapup.urls")),
    path("records/", include("mentorplan.records.urls")),
    path("calendar/<str:token>.ics", wrapup_views.feed, name="calendar_feed"),
    path("admin/", admin.site.urls),
]
