"""Staff see a session called a session in the admin, as everywhere else in the product."""

import pytest
from django.contrib import admin
from django.urls import reverse

from mentorplan.calls.admin import CallSegmentInline
from mentorplan.calls.models import Call
from mentorplan.testing import make_call, make_group, make_mentor, page_text

pytestmark = pytest.mark.django_db


def test_the_admin_lists_sessions_and_their_segments_by_the_products_word(client):
    client.force_login(make_mentor(is_staff=True, is_superuser=True))

    index = page_text(client.get(reverse("admin:index")))
    sessions = page_text(client.get(reverse("admin:calls_call_changelist")))

    assert "Sessions Add Change" in index
    assert "Calls" not in index
    assert "Select session to change" in sessions


def test_staff_can_read_a_session_s_segments_but_not_add_change_or_remove_one(rf):
    """The segments are kept under the session's version and sequence (`segments_of`), which
    the admin does not move: a change there would not show on the session's pages."""
    request = rf.get("/")
    request.user = make_mentor(is_staff=True, is_superuser=True)
    call = make_call(make_group(request.user))
    inline = CallSegmentInline(Call, admin.site)

    assert not inline.has_add_permission(request, call)
    assert not inline.can_delete
    assert set(inline.get_fields(request, call)) <= set(inline.get_readonly_fields(request, call))
