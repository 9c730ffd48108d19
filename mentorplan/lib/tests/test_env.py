import os

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from mentorplan.lib.env import env_bool, env_int, env_list, env_str


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("true", True), ("1", True), ("Yes", True), ("false", False), ("0", False), ("off", False)],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG", not expected) is expected


@pytest.mark.parametrize("raw", ["ture", "2", "enabled"])
def test_env_bool_refuses_anything_else(monkeypatch, raw):
    monkeypatch.setenv("FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        env_bool("FLAG", False)


def test_unset_values_take_the_default(monkeypatch):
    monkeypatch.delenv("MISSING", raising=False)
    assert env_bool("MISSING", True) is True
    assert env_int("MISSING", 7) == 7
    assert env_list("MISSING", ["a"]) == ["a"]
    assert env_str("MISSING", "x") == "x"


def test_a_required_value_must_be_set(monkeypatch):
    monkeypatch.setenv("NEEDED", "  ")
    with pytest.raises(ImproperlyConfigured, match="Set the environment variable NEEDED"):
        env_str("NEEDED")


def test_env_int_refuses_words(monkeypatch):
    monkeypatch.setenv("PORT", "five")
    with pytest.raises(ImproperlyConfigured, match="PORT must be a whole number"):
        env_int("PORT", 1)


def test_env_list_splits_on_commas_and_refuses_empty_items(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.setenv("HOSTS", "a.example,,b.example")
    with pytest.raises(ImproperlyConfigured):
        env_list("HOSTS", [])


@pytest.mark.django_db
def test_the_suite_runs_on_the_database_ci_asked_for():
    """CI runs the suite twice and names the database each time; a silent fallback fails here."""
    expected = os.environ.get("EXPECT_DATABASE")
    if not expected:
        pytest.skip("EXPECT_DATABASE is not set: the suite runs on whatever DATABASE_URL gives.")
    assert connection.vendor == expected
