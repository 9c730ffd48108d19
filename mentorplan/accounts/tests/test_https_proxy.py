"""The production shape: an HTTPS proxy in front of `mentorplan serve`, saying in X-Forwarded-Proto
whether the visitor used https. With DEBUG off and no other setting, that works as it is."""

import ipaddress
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user
from django.test import Client
from django.urls import reverse

from mentorplan.testing import PASSWORD, make_mentor

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
HOME = reverse("home")


def _load_settings(**variables: str) -> subprocess.CompletedProcess[str]:
    """Load the real settings in a new process with DEBUG off, the two required variables and
    `variables`; print what these tests look at."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECURE_SSL_REDIRECT", "TRUSTED_PROXIES", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(SECRET_KEY="p" * 30 + "rod-only-" + "K3v9" * 10, ALLOWED_HOSTS="example.org")
    env.update(variables)
    script = (
        "import json; from mentorplan import settings as s; print(json.dumps("
        "[s.DEBUG, s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, s.TRUSTED_PROXIES]))"
    )
    return subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
    )


def _production_defaults() -> dict[str, object]:
    """The settings a server gets with DEBUG off and nothing else set but the two required ones."""
    out = _load_settings()
    assert out.returncode == 0, out.stderr
    debug, redirect, header, proxies = json.loads(out.stdout)
    return {
        "DEBUG": debug,
        "SECURE_SSL_REDIRECT": redirect,
        "SECURE_PROXY_SSL_HEADER": tuple(header),
        "TRUSTED_PROXIES": proxies,
    }


@pytest.fixture(scope="module")
def production_defaults() -> dict[str, object]:
    return _production_defaults()


@pytest.fixture(autouse=True)
def production(settings, production_defaults):
    for name, value in production_defaults.items():
        setattr(settings, name, value)


def test_the_defaults_redirect_and_trust_a_proxy_on_the_same_machine(production_defaults):
    assert production_defaults == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "TRUSTED_PROXIES": ["127.0.0.1", "::1"],
    }


def test_a_mistyped_proxy_address_stops_the_server_with_a_clear_message():
    out = _load_settings(TRUSTED_PROXIES="10.0.0.1,10.0.0.300")

    assert out.returncode != 0
    assert "TRUSTED_PROXIES: '10.0.0.300' does not appear to be an IPv4 or IPv6" in out.stderr


def test_a_request_the_proxy_received_over_https_is_served():
    response = Client(REMOTE_ADDR="127.0.0.1").get(HOME, HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 200
    assert "max-age=31536000" in response["Strict-Transport-Security"]


def test_a_request_the_proxy_received_over_plain_http_is_sent_to_https():
    response = Client(REMOTE_ADDR="127.0.0.1").get(HOME, HTTP_X_FORWARDED_PROTO="http")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"


def test_a_proxy_that_does_not_say_the_scheme_gets_an_explanation_not_a_redirect_loop():
    response = Client(REMOTE_ADDR="127.0.0.1").get(HOME)

    assert response.status_code == 400
    assert "X-Forwarded-Proto" in response.content.decode()


def test_a_browser_reaching_the_server_directly_is_told_how_to_set_it_up():
    response = Client(REMOTE_ADDR="198.51.100.7").get(HOME)

    assert response.status_code == 400
    text = response.content.decode()
    assert "Mentorplan answers only through its HTTPS proxy." in text
    assert "TRUSTED_PROXIES" in text


def test_only_a_trusted_proxy_may_say_the_visitor_used_https():
    response = Client(REMOTE_ADDR="198.51.100.7").get(HOME, HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 400


def test_a_proxy_on_another_machine_is_trusted_once_listed(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]

    response = Client(REMOTE_ADDR="10.0.0.7").get(HOME, HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 200


def test_a_proxy_taken_off_the_list_is_no_longer_trusted(settings):
    proxy = Client(REMOTE_ADDR="10.0.0.7")
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert proxy.get(HOME, HTTP_X_FORWARDED_PROTO="https").status_code == 200

    settings.TRUSTED_PROXIES = ["10.0.1.0/24"]

    assert proxy.get(HOME, HTTP_X_FORWARDED_PROTO="https").status_code == 400


def test_the_list_of_proxies_is_read_once_not_on_every_request(settings, monkeypatch):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    browser = Client(REMOTE_ADDR="10.0.0.7")
    browser.get(HOME, HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="198.51.100.20")
    parsed = []
    parse = ipaddress.ip_network

    def counted(address, strict=True):
        parsed.append(address)
        return parse(address, strict)

    monkeypatch.setattr(ipaddress, "ip_network", counted)

    for _ in range(3):
        response = browser.get(
            HOME, HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="198.51.100.20"
        )
        assert response.status_code == 200

    assert parsed == []


def test_a_mentor_logs_in_through_the_proxy():
    mentor = make_mentor()
    browser = Client(
        enforce_csrf_checks=True,
        REMOTE_ADDR="127.0.0.1",
        HTTP_HOST="testserver",  # the proxy passes the Host header on
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    login = reverse("accounts:login")
    browser.get(login)

    response = browser.post(
        login,
        {
            "username": mentor.email,
            "password": PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"].value,
        },
        HTTP_ORIGIN="https://testserver",
    )

    assert response.status_code == 302
    assert get_user(browser).pk == mentor.pk
    assert browser.cookies["sessionid"]["secure"]
