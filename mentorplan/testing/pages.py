"""Every kind of page a mentor sees, and a trainee's, drawn for the tests that read them all."""

from datetime import timedelta

from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentorplan.room.models import TraineeLink
from mentorplan.testing import (
    HTMX,
    at_segment,
    default_plan,
    make_call,
    make_goal,
    make_group,
    make_history,
    make_invitation,
    make_mentor,
    make_trainee,
)

FRAGMENT = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Part</title></head><body>{}</body></html>'  # noqa: E501


def every_page(client: Client) -> dict[str, str]:
    """The HTML of every kind of page a mentor sees, and the page of a trainee's link, by name;
    a part that htmx asks for is put in a page of its own. The group has three trainees (one with
    a link to the room), three sessions held, goals (one overdue, one due before the next
    session), an invitation, a session planned and one live."""
    mentor = make_mentor(display_name="Sam")
    group = make_group(mentor, name="Tuesday buddies", course="ITP", region="London")
    trainees = [make_trainee(group, name=name) for name in ["Amal", "Dawit", "Zoë"]]
    _, token = TraineeLink.issue(trainees[0])
    history = make_history(group, 3)
    today = timezone.localdate()
    for days, trainee in zip([-1, 3, 7], trainees, strict=True):  # overdue, coming up, later
        deadline = today + timedelta(days=days)
        make_goal(trainee, group, text=f"{trainee.name} finishes the exercises", deadline=deadline)
    own_goal = make_goal(mentor, group, text="Share one resource on promises")
    make_invitation(group, "waiting@example.org")
    planned = make_call(group, scheduled_at=timezone.now() + timedelta(days=7))
    live = make_call(group, scheduled_at=timezone.now())
    client.force_login(mentor)

    def get(url: str, status: int = 200, **kwargs) -> str:
        response = client.get(url, **kwargs)
        assert response.status_code == status, (url, response.status_code)
        html = response.content.decode()
        return html if "<html" in html else FRAGMENT.format(html)

    key = group.key
    found = {
        "groups": get(reverse("groups:list")),
        "new group": get(reverse("groups:create")),
        "edit group": get(reverse("groups:edit", args=[key])),
        "leave group": get(reverse("groups:leave", args=[key])),
        "group page": get(reverse("groups:detail", args=[key])),
        "add a trainee": get(reverse("groups:trainee_add", args=[key])),
        "add a trainee (htmx)": get(reverse("groups:trainee_add", args=[key]), headers=HTMX),
        "edit a trainee": get(reverse("groups:trainee_edit", args=[trainees[0].key])),
        "sessions": get(reverse("calls:group_calls", args=[key])),
        "sessions (htmx)": get(reverse("calls:group_calls", args=[key]), headers=HTMX),
        "plan a session": get(reverse("calls:plan", args=[key])),
        "move a session": get(reverse("calls:reschedule", args=[planned.key])),
        "cancel a session": get(reverse("calls:cancel", args=[planned.key])),
        "planned": get(reverse("calls:detail", args=[planned.key])),
        "finished": get(reverse("calls:detail", args=[history[-1].key])),
        "summary": get(reverse("wrapup:summary", args=[history[-1].key])),
        "goals board": get(reverse("goals:board", args=[key])),
        "follow-through (htmx)": get(reverse("goals:board", args=[key]), headers=HTMX),
        "person": get(reverse("goals:person", args=[trainees[0].key])),
        "goal": get(reverse("goals:detail", args=[own_goal.key])),
        "trainee record": get(reverse("records:trainee_export", args=[trainees[0].key])),
        "erase a trainee": get(reverse("records:trainee_erase", args=[trainees[0].key])),
        "feedback team view": get(reverse("feedback:team", args=[key])),
        "check-ins (htmx)": get(reverse("feedback:team", args=[key]), headers=HTMX),
        "progress": get(reverse("wrapup:progress", args=[key])),
        "progress (htmx)": get(reverse("wrapup:progress", args=[key]), headers=HTMX),
        "resources": get(reverse("wrapup:resources")),
        "calendar settings": get(reverse("wrapup:feed_settings")),
        "plans": get(reverse("plans:list")),
        "profile": get(reverse("accounts:profile")),
        "password change": get(reverse("accounts:password_change")),
        "password changed": get(reverse("accounts:password_change_done")),
        "delete account": get(reverse("accounts:delete")),
        "not found": get("/this-page-does-not-exist/", status=404),
        "server error": render_to_string("500.html"),
    }
    found["plan"] = get(reverse("plans:detail", args=[default_plan().key]))
    for kind in dict.fromkeys(live.segments.order_by("position").values_list("kind", flat=True)):
        at_segment(live, kind)
        found[f"runner: {kind}"] = get(reverse("calls:detail", args=[live.key]))
    client.logout()
    found["trainee's page, in the session"] = get(reverse("room:page", args=[token]))
    found["home"] = get(reverse("home"))
    found["log in"] = get(reverse("accounts:login"))
    found["sign up"] = get(reverse("accounts:signup"))
    found["password reset"] = get(reverse("accounts:password_reset"))
    return found
