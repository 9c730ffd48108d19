import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorplan.settings")

application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018  # every view imported now, not by the first request

# What is loaded by now (Django, the app's modules and views, the settings) lives as long as the
# process: frozen out of the garbage collector's sight, each collection walks only what requests
# made instead of every object of the process again.
gc.freeze()
