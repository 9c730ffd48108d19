"""The access rule: a mentor reaches only their own groups' and plans' objects; for anyone else
every such URL is a 404, whether the object exists or not.

The tests walk every URL pattern of the project. Each pattern that captures a parameter (so it
addresses an object) must have a row in ACCESS_TABLE, or a reason in EXEMPT; until it has one,
`test_every_url_with_an_object_is_in_the_table` fails and names it.

To cover a new URL (for example one of the `calls` app):

1. If it addresses an object mentor A owns that `World` does not have yet, create the object in
   `world()` (inside A's group or A's plan) and add it as a field of `World`.
2. Add a row to ACCESS_TABLE: `"namespace:name": lambda w: {"key": w.thing.key}` — the keyword
   arguments `reverse()` needs to build the URL of A's object.
3. If the view's form needs fields that `_post_data()` does not send yet, add them there, so a
   broken access check would really change something.
4. Run `.venv/bin/pytest mentorplan/tests/test_access.py`. For each row, mentor B (who mentors
   other groups) must get 404 or 405 for GET and for POST, at least one of them 404, and A's data
   must be unchanged; mentor A must not get a 404 (which proves the row points at A's object).

Trainees have no account: their URLs (/t/<token>/...) are reached by the token of their link. The
fourth visitor is a trainee holding a working link: Blake's trainee Bea in another group, and
Amal's groupmate Bo. A trainee URL that takes only the token is covered as it is; one that also
names an object needs a row in TRAINEE_TABLE naming Amal's object. With their own token and
Amal's objects they get 404; with their own token alone nothing of Amal's shows or changes; and
every mentor's URL sends them to the login page, showing and changing nothing.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.apps import apps
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from mentorplan.accounts.models import User
from mentorplan.calls.models import Call, CallSegment
from mentorplan.goals.models import Goal
from mentorplan.groups.models import Group, Invitation, Membership, Role, Trainee
from mentorplan.plans.models import PlanSegment, PlanTemplate
from mentorplan.recap.models import Topic
from mentorplan.room.models import TraineeLink
from mentorplan.room.presence import Hand, HandKind
from mentorplan.testing import (
    default_plan,
    make_call,
    make_goal,
    make_group,
    make_invitation,
    make_mentor,
    make_plan,
    make_topic,
    make_trainee,
    start_call,
)
from mentorplan.wrapup.models import Resource, Win

# Namespaces that are not ours to check: their views have their own access rules.
SKIPPED_NAMESPACES = {"admin": "Django's admin site, for staff, with its own permission checks"}

# URLs with a parameter that are public or addressed to one person by a secret token.
EXEMPT = {
    "accounts:password_reset_confirm": (
        "Django's password reset link: public on purpose, protected by a signed, expiring token"
    ),
    "accounts:confirm_email": (
        "the e-mail confirmation link: public on purpose, a signed, expiring token naming one "
        "account and its address (accounts/tests/test_confirm_email.py)"
    ),
    "groups:invitation_accept": (
        "addressed by a secret token to one e-mail address; a wrong account gets 403 and no group "
        "name (groups/tests/test_invitation_accept.py)"
    ),
    "calendar_feed": (
        "a calendar app subscribes to it without logging in: public by an unguessable, revocable "
        "token (wrapup/tests/test_feed.py covers revocation and guessed tokens)"
    ),
}


@dataclass
class World:
    """Mentor A's objects, and mentor B, who mentors other groups and owns other plans."""

    mentor_a: User
    mentor_b: User
    group: Group
    trainee: Trainee
    invitation: Invitation
    co_mentor: Membership  # a co-mentor of A's group
    plan: PlanTemplate
    segment: PlanSegment
    call: Call  # live, in A's group
    planned: Call  # still to come, in A's group
    call_segment: CallSegment
    topic: Topic  # raised by Amal in A's live call
    resource: Resource  # in A's own library
    win: Win  # a moment of progress picked in A's live call
    goal: Goal  # Amal's, open
    proposal: Goal  # Amal's, waiting to be accepted
    amal_token: str  # Amal's working room link
    bo: Trainee  # in A's group with Amal
    bo_token: str
    stranger_token: str  # the link of Bea, Blake's trainee in another group
    hand: Hand  # Amal's raised hand in A's live call


ACCESS_TABLE: dict[str, Callable[[World], dict[str, object]]] = {
    "groups:detail": lambda w: {"key": w.group.key},
    "groups:edit": lambda w: {"key": w.group.key},
    "groups:trainee_add": lambda w: {"key": w.group.key},
    "groups:trainee_edit": lambda w: {"key": w.trainee.key},
    "groups:invite": lambda w: {"key": w.group.key},
    "groups:invitation_revoke": lambda w: {"key": w.invitation.key},
    "groups:leave": lambda w: {"key": w.group.key},
    "groups:mentor_remove": lambda w: {"key": w.co_mentor.key},
    "plans:detail": lambda w: {"key": w.plan.key},
    "plans:copy": lambda w: {"key": w.plan.key},
    "plans:rename": lambda w: {"key": w.plan.key},
    "plans:delete": lambda w: {"key": w.plan.key},
    "plans:segment_add": lambda w: {"key": w.plan.key},
    "plans:segment_update": lambda w: {"key": w.segment.key},
    "plans:segment_move": lambda w: {"key": w.segment.key},
    "plans:segment_delete": lambda w: {"key": w.segment.key},
    "calls:group_calls": lambda w: {"key": w.group.key},
    "calls:plan": lambda w: {"key": w.group.key},
    "calls:detail": lambda w: {"key": w.call.key},
    "calls:state": lambda w: {"key": w.call.key},
    "calls:control": lambda w: {"key": w.call.key},
    "calls:game_shuffle": lambda w: {"key": w.call.key},
    "calls:attendance": lambda w: {"key": w.call.key, "trainee": w.trainee.key},
    "calls:note_save": lambda w: {"key": w.call_segment.key},
    "calls:reschedule": lambda w: {"key": w.planned.key},
    "calls:cancel": lambda w: {"key": w.planned.key},
    "recap:retro": lambda w: {"key": w.call.key, "trainee": w.trainee.key},
    "recap:topic_add": lambda w: {"key": w.call.key},
    "recap:work": lambda w: {"key": w.call.key, "topic": w.topic.key},
    "recap:topic_status": lambda w: {"key": w.call.key, "topic": w.topic.key},
    "recap:method_add": lambda w: {"key": w.call.key},
    "feedback:team": lambda w: {"key": w.group.key},
    "feedback:export": lambda w: {"key": w.group.key},
    "feedback:check": lambda w: {"key": w.group.key},
    "feedback:save": lambda w: {"key": w.call.key, "trainee": w.trainee.key},
    "wrapup:resource_delete": lambda w: {"key": w.resource.key},
    "wrapup:share": lambda w: {"key": w.call.key},
    "wrapup:resource_add": lambda w: {"key": w.call.key},
    "wrapup:check": lambda w: {"key": w.call.key, "item": "slack"},
    "wrapup:win_add": lambda w: {"key": w.call.key},
    "wrapup:win_remove": lambda w: {"key": w.call.key, "win": w.win.key},
    "wrapup:follow_up": lambda w: {"key": w.call.key},
    "wrapup:summary": lambda w: {"key": w.call.key},
    "wrapup:invite": lambda w: {"key": w.call.key},
    "wrapup:progress": lambda w: {"key": w.group.key},
    "goals:board": lambda w: {"key": w.group.key},
    "goals:create": lambda w: {"key": w.group.key},
    "goals:check": lambda w: {"key": w.group.key},
    "goals:person": lambda w: {"key": w.trainee.key},
    "goals:detail": lambda w: {"key": w.goal.key},
    "goals:edit": lambda w: {"key": w.goal.key},
    "goals:review": lambda w: {"key": w.goal.key},
    "goals:accept": lambda w: {"key": w.proposal.key},
    "goals:reopen": lambda w: {"key": w.proposal.key},
    "records:group_export": lambda w: {"key": w.group.key},
    "records:trainee_export": lambda w: {"key": w.trainee.key},
    "records:trainee_erase": lambda w: {"key": w.trainee.key},
    "room:link_issue": lambda w: {"key": w.trainee.key},
    "room:link_revoke": lambda w: {"key": w.trainee.key},
    "room:link_email": lambda w: {"key": w.trainee.key},
    "room:links_issue_all": lambda w: {"key": w.group.key},
    "room:runner_panel": lambda w: {"key": w.call.key},
    "room:hand_clear": lambda w: {"key": w.call.key, "hand": w.hand.key},
}

# Trainee URLs that name an object besides the token: Amal's object, for the visitor's token.
TRAINEE_TABLE: dict[str, Callable[[World], dict[str, object]]] = {
    "room:goal_report": lambda w: {"goal": w.goal.key},
}


def world() -> World:
    mentor_a = make_mentor(display_name="Alex")
    group = make_group(mentor_a, name="Alex's private group")
    trainee = make_trainee(group, name="Amal Private")
    bo = make_trainee(group, name="Bo")
    invitation = make_invitation(group, "friend-of-alex@example.org")
    co_mentor = group.memberships.create(user=make_mentor(), role=Role.CO_MENTOR)
    plan = default_plan().copy_for(mentor_a)
    plan.title = "Alex's private plan"
    plan.save()
    call = start_call(make_call(group, plan))

    # B leads a group of their own, co-mentors a third mentor's group and has their own plan.
    mentor_b = make_mentor(display_name="Blake")
    bea = make_trainee(make_group(mentor_b), name="Bea")
    make_group(make_mentor()).memberships.create(user=mentor_b, role=Role.CO_MENTOR)
    make_plan(mentor_b)
    return World(
        mentor_a=mentor_a,
        mentor_b=mentor_b,
        group=group,
        trainee=trainee,
        invitation=invitation,
        co_mentor=co_mentor,
        plan=plan,
        segment=plan.segments.get(position=4),
        call=call,
        planned=make_call(group, plan, scheduled_at=timezone.now() + timedelta(days=14)),
        call_segment=call.segments.get(position=0),
        topic=make_topic(call, "Amal Private's topic", trainee),
        resource=Resource.objects.create(owner=mentor_a, title="Alex's link", url="https://a.org"),
        win=Win.objects.create(call=call, trainee=trainee, text="Amal Private did well"),
        goal=make_goal(trainee, text="Amal Private's goal"),
        proposal=make_goal(trainee, text="Amal Private's proposal", proposal=True),
        amal_token=TraineeLink.issue(trainee)[1],
        bo=bo,
        bo_token=TraineeLink.issue(bo)[1],
        stranger_token=TraineeLink.issue(bea)[1],
        hand=Hand.raise_for(call, trainee, HandKind.STUCK),
    )


def _post_data(w: World) -> dict[str, str]:
    """Valid input for every form behind these URLs: if a view let B in, B would change A's data."""
    segment_fields = {"title": "Changed by B", "minutes": "7", "kind": "other", "guidance": "B"}
    return {
        "name": "Changed by B",
        "course": "Changed by B",
        "region": "Changed by B",
        "pronouns": "b/b",
        "slack_handle": "@b",
        "email": "intruder@example.org",
        "timezone": "UTC",
        "title": "Changed by B",
        "description": "Changed by B",
        "direction": "up",
        # Sessions: plan one, press a runner button, take attendance, write a note.
        "plan": str(w.plan.pk),
        # Within the four months a follow-up session may be planned ahead.
        "date": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "time": "19:00",
        "action": "next",
        "status": "absent",
        "level": "mentors",
        "body": "Changed by B",
        "version": "0",
        # Planned sessions: move one (to the date above, for an hour), or cancel it.
        "length_minutes": "60",
        "sequence": "0",
        # Wrap-up: share a starter resource with everyone, pick a moment for the trainee.
        "resource": str(Resource.objects.filter(owner=None).values_list("key", flat=True)[0]),
        "target": "group",
        "trainee": str(w.trainee.key),
        # Goals: set one, change one, record an outcome.
        "owner": f"t:{w.trainee.key}",
        "text": "Changed by B",
        "deadline": "2099-01-05",
        "outcome": "met",
        # The trainee room: a word on a goal, a retro.
        "note": "Changed by B",
        "last_lesson": "Changed by B",
        "homework": "Changed by B",
        # Recap and feedback: a retro, notes on a topic, a new topic, feedback for the team.
        # (A topic's status: Amal's buttons on her topic, pressing "understood".)
        w.topic.people.get(trainee=w.trainee).status_field: "understood",
        f"r{w.trainee.pk}-not_understood": "Changed by B",
        f"w{w.topic.pk}-gap": "Changed by B",
        "trainees": str(w.trainee.key),
        f"f{w.trainee.pk}-status": "concern",
        f"f{w.trainee.pk}-precise": "Changed by B",
        **{f"new-{name}": value for name, value in segment_fields.items()},
        # A goal changed in place, a new resource added and shared during wrap-up.
        "call": str(w.call.key),
        "edit-text": "Changed by B",
        "edit-deadline": "2099-01-05",
        "resource-title": "Changed by B",
        "resource-url": "https://example.org/b",
        "resource-target": "group",
        **{f"s{w.segment.pk}-{name}": value for name, value in segment_fields.items()},
    }


def _url_names(
    resolver: URLResolver, namespace: str = "", captured: bool = False
) -> Iterator[tuple[str, bool]]:
    """(name, captures a parameter) for every URL pattern under `resolver`, includes followed."""
    for entry in resolver.url_patterns:
        captures = captured or entry.pattern.regex.groups > 0
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            prefix = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _url_names(entry, prefix, captures)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else f"<no name: {entry.pattern}>"
            yield name, captures


def _urls_with_objects() -> set[str]:
    return {name for name, captures in _url_names(get_resolver()) if captures}


def _params(url_name: str) -> set[str]:
    """The parameters of a namespaced URL pattern."""
    namespace, name = url_name.split(":")
    resolver = get_resolver().namespace_dict[namespace][1]
    [(possibilities, *_)] = resolver.reverse_dict.getlist(name)
    return set(possibilities[0][1])


def _trainee_urls() -> set[str]:
    """The room's URLs a trainee reaches with the token of their link."""
    return {
        name
        for name in _urls_with_objects()
        if name.startswith("room:") and "token" in _params(name)
    }


def _snapshot() -> dict[str, list[dict[str, object]]]:
    """Every row of every Mentorplan model, so any change by B shows up, in any app."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
        if model.__module__.startswith("mentorplan.")
    }


# Marks of a trainee's visit (when they last opened or polled their page, the live call's
# versions their own actions move on), not data of anyone's.
VISIT_FIELDS = {"last_opened_at", "last_seen_at", "room_version", "tools_version"}


def _unchanged_for_amal(before: dict, after: dict, amal: Trainee, visitor: Trainee) -> list[str]:
    """What a visiting trainee changed that was not theirs to change: any row that existed (less
    their own rows and the marks of their visit), or a new row about Amal."""
    wrong = []
    for label, rows in before.items():
        now = {row["id"]: row for row in after[label]}
        for row in rows:
            if row.get("trainee_id") == visitor.pk:
                continue
            changed = {k for k, v in row.items() if now.get(row["id"], {}).get(k) != v}
            if row["id"] not in now or changed - VISIT_FIELDS:
                wrong.append(f"{label} {row['id']}")
        known = {row["id"] for row in rows}
        wrong += [
            f"new {label} about Amal"
            for row in after[label]
            if row["id"] not in known and row.get("trainee_id") == amal.pk
        ]
    return wrong


def test_every_url_with_an_object_is_in_the_table():
    missing = sorted(_urls_with_objects() - set(ACCESS_TABLE) - set(EXEMPT) - _trainee_urls())
    missing += sorted(
        name for name in _trainee_urls() if _params(name) - {"token"} and name not in TRAINEE_TABLE
    )

    assert not missing, (
        "These URLs address an object but the access test does not cover them: "
        + ", ".join(missing)
        + ". Add a row for each to ACCESS_TABLE in mentorplan/tests/test_access.py (see the "
        "instructions at the top of that file), or a reason to EXEMPT."
    )


def test_the_table_has_no_rows_for_urls_that_are_gone():
    stale = sorted((set(ACCESS_TABLE) | set(EXEMPT) | set(TRAINEE_TABLE)) - _urls_with_objects())

    assert not stale, f"No URL with a parameter has these names any more: {', '.join(stale)}."


def test_the_walk_finds_urls_inside_includes():
    """Guards the walk itself: if it found nothing, the two tests above would pass vacuously."""
    found = _urls_with_objects()

    assert {"groups:detail", "plans:segment_update", "accounts:password_reset_confirm"} <= found
    assert {"room:page", "room:goal_report"} <= _trainee_urls()
    assert "groups:list" not in found
    assert not any(name.startswith("admin:") for name in found)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", sorted(ACCESS_TABLE))
def test_another_mentor_gets_404_and_changes_nothing(client, url_name):
    w = world()
    url = reverse(url_name, kwargs=ACCESS_TABLE[url_name](w))
    client.force_login(w.mentor_b)
    before = _snapshot()

    get = client.get(url)
    post = client.post(url, _post_data(w))

    assert get.status_code in {404, 405}, f"B's GET {url} gave {get.status_code}"
    assert post.status_code in {404, 405}, f"B's POST {url} gave {post.status_code}"
    assert 404 in {get.status_code, post.status_code}
    for response in [get, post]:
        content = response.content.decode()
        assert "Alex" not in content
        assert "Amal Private" not in content
    assert _snapshot() == before
    assert mail.outbox == []

    # The row really addresses A's object: A gets through, by GET or (for actions) by POST.
    client.force_login(w.mentor_a)
    own_get = client.get(url)
    own_post = client.post(url, _post_data(w))
    assert own_get.status_code != 404, f"A's GET {url} gave 404: the table row is wrong"
    assert own_post.status_code != 404, f"A's POST {url} gave 404: the table row is wrong"
    assert {own_get.status_code, own_post.status_code} != {405}


@pytest.mark.django_db
def test_objects_that_do_not_exist_are_404_too(client):
    """An outsider cannot tell a missing object from somebody else's."""
    w = world()
    client.force_login(w.mentor_a)
    missing = "00000000-0000-4000-8000-000000000000"

    for url_name in ACCESS_TABLE:
        url = reverse(url_name, kwargs=dict.fromkeys(ACCESS_TABLE[url_name](w), missing))
        statuses = {client.get(url).status_code, client.post(url, _post_data(w)).status_code}
        assert statuses <= {404, 405} and 404 in statuses, f"{url} gave {statuses}"


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", ["other group", "same group"])
@pytest.mark.parametrize("url_name", sorted(_trainee_urls()))
def test_another_trainees_link_shows_and_changes_nothing_of_amals(client, url_name, visitor):
    """Bea (Blake's group) or Bo (Amal's groupmate) with their own working link: Amal's objects
    are 404, and nothing of Amal's shows or changes."""
    w = world()
    token, who = (w.stranger_token, "Bea") if visitor == "other group" else (w.bo_token, "Bo")
    person = Trainee.objects.get(name=who)
    extra = TRAINEE_TABLE.get(url_name, lambda w: {})(w)
    url = reverse(url_name, kwargs={"token": token, **extra})
    before = _snapshot()

    get = client.get(url)
    post = client.post(url, _post_data(w))

    if extra:
        assert {get.status_code, post.status_code} <= {404, 405}, f"{who}: {url}"
        assert 404 in {get.status_code, post.status_code}
    hidden = ["Amal Private", "Changed by B"] + (["Alex"] if visitor == "other group" else [])
    for response in [get, post]:
        content = response.content.decode()
        assert not [text for text in hidden if text in content], f"{who}: {url}"
    after = _snapshot()
    assert not _unchanged_for_amal(before, after, w.trainee, person)
    if extra:  # with Amal's object, nothing at all
        assert after == before
    assert mail.outbox == []

    # The row really names Amal's object: her own link gets through.
    if extra:
        own = reverse(url_name, kwargs={"token": w.amal_token, **extra})
        statuses = {client.get(own).status_code, client.post(own, _post_data(w)).status_code}
        assert 404 not in statuses, f"Amal's own {own} gave {statuses}: the table row is wrong"


@pytest.mark.django_db
def test_a_trainee_link_opens_no_mentors_url(client):
    """A trainee who opened their page has no account: every mentor's URL sends them to log in."""
    w = world()
    assert client.get(reverse("room:page", args=[w.bo_token])).status_code == 200
    before = _snapshot()

    for url_name in sorted(ACCESS_TABLE):
        url = reverse(url_name, kwargs=ACCESS_TABLE[url_name](w))
        for response in [client.get(url), client.post(url, _post_data(w))]:
            assert response.status_code in {302, 404, 405}, f"{url} gave {response.status_code}"
            if response.status_code == 302:
                assert response["Location"].startswith(reverse("accounts:login")), url
            assert "Amal Private" not in response.content.decode()

    assert _snapshot() == before
    assert mail.outbox == []
