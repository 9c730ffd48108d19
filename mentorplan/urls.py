from django.contrib import admin
from django.urls import include, path

from mentorplan.accounts import views as account_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("mentorplan.accounts.urls")),
    path("groups/", include("mentorplan.groups.urls")),
    path("plans/", include("mentorplan.plans.urls")),
    path("sessions/", include("mentorplan.calls.urls")),
    path("admin/", admin.site.urls),
]
