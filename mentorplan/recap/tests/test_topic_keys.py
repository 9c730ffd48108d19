"""Topics in every script: a problem written in Cyrillic, Chinese or Arabic is a topic of its own,
symbols that name things (C#, C++) tell topics apart, and punctuation alone is no topic."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.groups.models import Group
from mentorplan.plans.models import SegmentKind
from mentorplan.recap.actions import save_retro, topic_lines
from mentorplan.recap.models import Topic, TopicPerson, normalise
from mentorplan.testing import (
    HTMX,
    at_segment,
    make_call,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
)

pytestmark = pytest.mark.django_db

NAMES = ["Amal", "Ben", "Chidi", "Dana"]


@pytest.fixture
def call() -> Call:
    group = make_group(make_mentor())
    for name in NAMES:
        make_trainee(group, name=name)
    return make_call(group)


def _retro(call: Call, name: str, not_understood: str) -> None:
    trainee = call.group.trainees.get(name=name)
    save_retro(call, trainee, {"not_understood": not_understood}, call.group.memberships.get().user)


def _topics(group: Group) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for title, name in TopicPerson.objects.filter(topic__group=group).values_list(
        "topic__title", "trainee__name"
    ):
        result.setdefault(title, []).append(name)
    return {title: sorted(names) for title, names in result.items()}


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Замыкания", "замыкания"),
        ("非同期処理", "非同期処理"),
        ("المصفوفات", "المصفوفات"),
        ("Closures.", "closures"),
        ("C# pointers", "c# pointers"),
        ("C++ pointers", "c++ pointers"),
        (".NET and Node.js!", ".net and node.js"),
        ("ＦＵＬＬ　ｗｉｄｔｈ", "full width"),  # compatibility forms fold to plain letters
        ("Straße", "strasse"),
        ("हिन्दी में लूप", "हिन्दी में लूप"),  # vowel signs are part of the word
        ("!!!", ""),
        ("+ # ...", ""),
    ],
)
def test_the_key_a_topic_is_matched_by(title, key):
    assert normalise(title) == key


def test_lines_in_other_scripts_become_topics():
    assert topic_lines("Замыкания\n非同期処理\n!!!") == ["Замыкания", "非同期処理"]


def test_problems_in_three_scripts_are_three_topics_and_punctuation_is_none(call):
    _retro(call, "Amal", "Массивы")
    _retro(call, "Ben", "闭包")
    _retro(call, "Chidi", "المصفوفات")
    _retro(call, "Dana", "!!!")

    assert _topics(call.group) == {"Массивы": ["Amal"], "闭包": ["Ben"], "المصفوفات": ["Chidi"]}


def test_the_same_problem_in_cyrillic_told_twice_is_one_topic(call):
    _retro(call, "Amal", "Замыкания")
    _retro(call, "Ben", "замыкания.")

    assert _topics(call.group) == {"Замыкания": ["Amal", "Ben"]}


def test_c_sharp_and_c_plus_plus_are_different_topics(call):
    _retro(call, "Amal", "C++ pointers")
    _retro(call, "Ben", "C# pointers")

    assert _topics(call.group) == {"C++ pointers": ["Amal"], "C# pointers": ["Ben"]}


@pytest.mark.parametrize("title", ["!!!", "  ...  ", "#"])
def test_a_topic_without_words_is_refused(client, call, title):
    client.force_login(call.group.memberships.get().user)
    at_segment(call, SegmentKind.TECHNICAL)
    amal = call.group.trainees.get(name="Amal")

    response = client.post(
        reverse("recap:topic_add", args=[call.key]),
        {"title": title, "trainees": [str(amal.key)]},
        headers=HTMX,
    )

    assert response.status_code == 200
    assert "Name the topic in words: it needs a letter or a digit." in page_text(response)
    assert not Topic.objects.exists()


# --- Stored topics get the new key ---------------------------------------------------------------


def _recompute() -> None:
    module = importlib.import_module("mentorplan.recap.migrations.0006_unicode_topic_keys")
    module.recompute(apps, None)


def test_stored_topics_get_keys_in_every_script_and_the_same_key_twice_stays_two_topics(call):
    _retro(call, "Amal", "Strasse")
    _retro(call, "Ben", "C++ pointers")
    old = {"Strasse": "strasse", "C++ pointers": "c pointers"}
    for title, key in old.items():
        Topic.objects.filter(title=title).update(normalised=key)
    # Stored under the old rule: "Массивы" had the empty key, and "Straße" a key of its own.
    Topic.objects.bulk_create(
        [
            Topic(group=call.group, title="Массивы", normalised="", first_call=call),
            Topic(group=call.group, title="Straße", normalised="stra e", first_call=call),
        ]
    )
    sharp = Topic.objects.get(title="Straße")

    _recompute()

    keys = dict(Topic.objects.values_list("title", "normalised"))
    assert keys == {
        "Strasse": "strasse",
        "C++ pointers": "c++ pointers",
        "Массивы": "массивы",
        "Straße": f"strasse|{sharp.pk}",
    }
    _retro(call, "Chidi", "STRASSE\nc++ Pointers\nмассивы")
    assert _topics(call.group) == {
        "Strasse": ["Amal", "Chidi"],
        "C++ pointers": ["Ben", "Chidi"],
        "Массивы": ["Chidi"],
    }


@pytest.mark.parametrize("title", ["Замыкания", "C# и C++", "ＦＵＬＬ width.", "!!!", "Node.js..."])
def test_the_migration_keys_topics_as_the_app_does(title):
    module = importlib.import_module("mentorplan.recap.migrations.0006_unicode_topic_keys")
    assert module._key(title) == normalise(title)
