"""Staff see a session called a session in the admin, as everywhere else in the product."""

import pytest
from django.urls import reverse

from mentorplan.testing import make_mentor, page_text

pytestmark = pytest.mark.django_db


def test_the_admin_lists_sessions_and_their_segments_by_the_products_word(client):
    client.force_login(make_mentor(is_staff=True, is_superuser=True))

    index = page_text(client.get(reverse("admin:index")))
    sessions = page_text(client.get(reverse("admin:calls_call_changelist")))

    assert "Sessions Add Change" in index
    assert "Calls" not in index
    assert "Select session to change" in sessions
