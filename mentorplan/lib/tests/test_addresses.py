"""`{% url %}` and `reverse()` give Django's addresses, worked out once for the same question."""

import uuid
from unittest import mock

import pytest
from django.http import HttpResponse
from django.template import engines
from django.test import override_settings
from django.urls import NoReverseMatch, path, set_script_prefix
from django.urls import reverse as django_reverse

from mentorplan.lib import addresses
from mentorplan.lib.addresses import reverse

KEY = uuid.UUID("12345678-1234-5678-1234-567812345678")

# A URL configuration of its own, for the test that changes it.
urlpatterns = [path("elsewhere/", lambda request: HttpResponse(), name="elsewhere")]


def draw(source: str, **context: object) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.fixture(autouse=True)
def nothing_kept():
    addresses._kept.cache_clear()
    yield
    set_script_prefix("/")


def test_the_url_tag_writes_what_djangos_writes():
    session = django_reverse("calls:detail", args=[KEY])

    assert draw("{% url 'calls:detail' key %}", key=KEY) == session
    assert draw("{% url 'calls:detail' key=key %}", key=KEY) == session
    assert draw("{% url 'calls:detail' key as to %}<a href='{{ to }}'>", key=KEY) == (
        f"<a href='{session}'>"
    )
    assert draw("{% url 'groups:list' %}") == "/groups/"


def test_an_unknown_name_fails_as_with_django_unless_the_address_is_only_kept_in_a_name():
    with pytest.raises(NoReverseMatch):
        draw("{% url 'calls:nowhere' %}")

    assert draw("{% url 'calls:nowhere' as to %}[{{ to }}]") == "[]"


def test_the_address_is_worked_out_once_for_the_same_question():
    with mock.patch.object(addresses, "django_reverse", wraps=django_reverse) as worked_out:
        for _ in range(3):
            draw("{% url 'calls:detail' key %} {% url 'groups:list' %}", key=KEY)

    assert worked_out.call_count == 2


def test_an_address_with_text_in_it_is_worked_out_every_time_and_never_kept():
    """Text may be a secret: a trainee's link is stored only as a fingerprint."""
    token = "a-trainees-secret-link"
    with mock.patch.object(addresses, "django_reverse", wraps=django_reverse) as worked_out:
        for _ in range(2):
            assert reverse("room:page", args=[token]) == f"/t/{token}/"
            assert draw("{% url 'room:page' token %}", token=token) == f"/t/{token}/"

    assert worked_out.call_count == 4
    assert addresses._kept.cache_info().currsize == 0


def test_arguments_equal_in_python_but_written_differently_get_their_own_addresses():
    assert reverse("room:page", args=[1]) == "/t/1/"
    assert reverse("room:page", args=[True]) == "/t/True/"
    assert reverse("room:page", kwargs={"token": 1.0}) == "/t/1.0/"


def test_a_site_served_under_a_prefix_gets_addresses_under_it():
    assert reverse("groups:list") == "/groups/"

    set_script_prefix("/mentoring/")

    assert reverse("groups:list") == "/mentoring/groups/"


def test_a_changed_url_configuration_is_asked_afresh():
    assert reverse("groups:list") == "/groups/"

    with override_settings(ROOT_URLCONF=__name__):
        assert reverse("elsewhere") == "/elsewhere/"
        with pytest.raises(NoReverseMatch):
            reverse("groups:list")

    assert reverse("groups:list") == "/groups/"


def test_an_argument_that_is_neither_a_key_nor_a_number_is_worked_out_as_django_does():
    odd = ["a", "list"]

    assert reverse("room:page", args=[odd]) == django_reverse("room:page", args=[odd])
