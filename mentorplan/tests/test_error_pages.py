"""The error pages look like the rest of the product and say what to do next."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from mentorplan.testing import make_mentor, parse, text_in

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_a_friendly_404_in_the_products_look(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    page = parse(response)
    assert text_in(page.h1) == "Page not found"
    assert page.select_one("link[rel=stylesheet]") is not None
    assert page.select_one("header.site-header") is not None
    assert page.select_one("a[href='/']") is not None


def test_a_mentor_on_a_missing_page_is_sent_back_to_their_groups(client):
    client.force_login(make_mentor())

    page = parse(client.get("/no-such-page/"))

    assert page.find("a", string="Go to your groups") is not None


def test_a_server_error_page_needs_no_request_context_and_keeps_the_look():
    # Django renders it with an empty context: no user, no messages, no CSRF token.
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    page = parse(response)
    assert text_in(page.h1) == "Something went wrong on our side"
    stylesheet = page.select_one("link[rel=stylesheet]")
    assert stylesheet is not None
    assert str(stylesheet["href"]).endswith("css/mentorplan.css")
    assert page.select_one("a[href='/']") is not None
