"""The production settings, as `make bench` serves them: DEBUG off, a key of its own, and the
floor (a trivial view) beside the site's own addresses. The database comes from DATABASE_URL,
which the bench points at a database of its own."""

import os

os.environ["DEBUG"] = "false"
os.environ["SECRET_KEY"] = "bench-only-" + "k3Vq8Rz1Wm5Tj0Hx7Ye2Pn6Lb4Gc9Da" * 2
os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost"

from mentorplan.settings import *  # noqa: E402,F403
from mentorplan.settings import BASE_DIR  # noqa: E402

ROOT_URLCONF = "mentorplan.bench.urls"
# Collected static files of its own, so a bench run never touches a deployment's.
STATIC_ROOT = BASE_DIR / ".bench" / "staticfiles"
