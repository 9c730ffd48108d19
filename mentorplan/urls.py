"""The site's addresses. An app's addresses are included only when the app is installed, so
leaving an app out of INSTALLED_APPS leaves no address behind that would point to it."""

from django.apps import apps
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from mentorplan.accounts import views as account_views

# (address prefix, app); each app's urls module names its own namespace. Sessions come first:
# their poll is the address asked most, and each address is found by trying these in order.
APPS = [
    ("sessions/", "mentorplan.calls"),
    ("accounts/", "mentorplan.accounts"),
    ("groups/", "mentorplan.groups"),
    ("plans/", "mentorplan.plans"),
    ("goals/", "mentorplan.goals"),
    ("recap/", "mentorplan.recap"),
    ("feedback/", "mentorplan.feedback"),
    ("wrap-up/", "mentorplan.wrapup"),
    ("records/", "mentorplan.records"),
    # The trainee room: /t/<token>/ for trainees, /room/... for the mentor's link buttons.
    ("", "mentorplan.room"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("", account_views.home, name="home"),
    *(path(prefix, include(f"{app}.urls")) for prefix, app in APPS if apps.is_installed(app)),
    path("admin/", admin.site.urls),
]

if apps.is_installed("mentorplan.wrapup"):
    # The private calendar feed lives at the top, as calendar apps are given it once and keep it.
    from mentorplan.wrapup.views import feed

    urlpatterns.append(path("calendar/<str:token>.ics", feed, name="calendar_feed"))
