"""The check that pages never write must be able to fail: a GET that writes is caught."""

import pytest
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from mentorplan.accounts.models import SignInSession, User
from mentorplan.testing import make_mentor
from mentorplan.testing.readonly import PagesNeverWriteMiddleware

pytestmark = pytest.mark.django_db


def _renames(request: HttpRequest) -> HttpResponse:
    User.objects.update(display_name="Renamed")
    return HttpResponse("drawn")


def _keeps_a_session(request: HttpRequest) -> HttpResponse:
    SignInSession.objects.create(session_key="k" * 32, session_data="", expire_date=timezone.now())
    return HttpResponse("drawn")


@pytest.mark.parametrize("method", ["get", "head"])
def test_a_page_that_writes_fails(method):
    make_mentor(display_name="Maya")
    request = getattr(RequestFactory(), method)("/groups/")

    with (
        pytest.raises(AssertionError, match=f"{method.upper()} /groups/ wrote: UPDATE"),
        transaction.atomic(),
    ):
        PagesNeverWriteMiddleware(_renames)(request)

    assert User.objects.get().display_name == "Maya"


def test_a_form_sent_may_write():
    make_mentor(display_name="Maya")

    PagesNeverWriteMiddleware(_renames)(RequestFactory().post("/groups/"))

    assert User.objects.get().display_name == "Renamed"


@pytest.mark.parametrize(
    "path, view", [("/t/a-trainee-s-link/", _renames), ("/accounts/login/", _keeps_a_session)]
)
def test_a_trainee_arriving_and_django_s_sessions_are_by_design(path, view):
    make_mentor(display_name="Maya")

    assert PagesNeverWriteMiddleware(view)(RequestFactory().get(path)).status_code == 200
