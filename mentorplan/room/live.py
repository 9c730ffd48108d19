"""The trainee's page while their group's call is live: the agenda with the current segment and
its clock (the same facts as the runner's), the tool for this moment, and a hand to raise.

The page asks `state` every few seconds whether anything changed: one query finds the link, its
trainee and the group's live call with its two versions (the live state's and the room's), and
an unchanged answer is a 304. A changed one brings the live parts of the page in the same answer.
"""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import quote_etag

from mentorplan.calls.clock import segment_at
from mentorplan.calls.models import Call, segments_of
from mentorplan.goals.forms import GoalForm
from mentorplan.goals.models import Goal, GoalStatus
from mentorplan.groups.models import Trainee
from mentorplan.lib import rawsql
from mentorplan.lib.timezones import zone_or_utc
from mentorplan.plans.models import SegmentKind
from mentorplan.recap.models import UNRESOLVED, RetroAnswer, TopicPerson
from mentorplan.room import between
from mentorplan.room.access import WORKING_LINK, get_room
from mentorplan.room.forms import GoalReportForm
from mentorplan.room.live_forms import LiveRetroForm, TopicLineForm
from mentorplan.room.models import (
    GoalReport,
    RetroDraft,
    TraineeLink,
    hash_token,
    looks_like_token,
)
from mentorplan.room.presence import Hand, HandKind

POLL_SECONDS = 3  # how often an open page asks; the runner counts it as present for 30 s


@dataclass(frozen=True)
class LiveState:
    """A link and what its page shows at a glance: the group's live call, if any, and its
    versions. `etag` changes whenever the page should change."""

    link: TraineeLink
    call_id: int | None
    version: int | None
    room_version: int | None

    @property
    def etag(self) -> str:
        return state_etag(self.link.trainee_id, self.call_id, self.version, self.room_version)


def state_etag(
    trainee_id: int, call_id: int | None, version: int | None, room_version: int | None
) -> str:
    if call_id is None:
        return quote_etag(f"room-{trainee_id}-between")
    return quote_etag(f"room-{trainee_id}-{call_id}-v{version}-r{room_version}")


def etag_of(trainee: Trainee, call: Call | None) -> str:
    """The page's ETag as drawn now, so its first poll is already a conditional one."""
    if call is None:
        return state_etag(trainee.pk, None, None, None)
    return state_etag(trainee.pk, call.pk, call.version, call.room_version)


def read_state(token: str) -> LiveState | None:
    """The active link with this token and its group's live call, in one query: written out,
    because building it with the ORM costs more than the poll's whole answer. The link holds
    what the poll needs (its trainee's id, when it was last seen); the rest loads on use."""
    if not looks_like_token(token):
        return None
    row = rawsql.one(READ_STATE, [hash_token(token)])
    if row is None:
        return None
    link = rawsql.instance(TraineeLink, row[:-3], LINK_FIELDS)
    return LiveState(link, *row[-3:])


def _live_call_of(group: str, select: str) -> str:
    """The SELECT of `select` (columns of `live`) from the live call of the group whose id is
    `group` (a column or a placeholder): the rule of `Call.objects.live()` written out, started
    and not ended, the first started first."""
    return (
        f"SELECT {select} FROM {Call._meta.db_table} live WHERE live.group_id = {group}"
        " AND live.started_at IS NOT NULL AND live.ended_at IS NULL"
        " ORDER BY live.started_at LIMIT 1"
    )


def _read_state_sql() -> str:
    link, trainee, call = (model._meta.db_table for model in (TraineeLink, Trainee, Call))
    return (
        f"SELECT {rawsql.columns(TraineeLink, 'l', LINK_FIELDS)}, c.id, c.version, c.room_version"
        f" FROM {link} l JOIN {trainee} t ON t.id = l.trainee_id"
        f" LEFT JOIN {call} c ON c.id = ({_live_call_of('t.group_id', 'live.id')})"
        f" WHERE {WORKING_LINK}"
    )


LINK_FIELDS = ["id", "trainee", "last_seen_at"]
READ_STATE = _read_state_sql()


# Written out, like the token's read (`get_room`): the trainee's page, all they send and each poll
# that brings news ask it.
LIVE_CALL = _live_call_of("%s", rawsql.columns(Call, "live"))


def live_call(trainee: Trainee) -> Call | None:
    """The group's call under way, if any: the one the page shows live, with the trainee's
    group as its group."""
    row = rawsql.one(LIVE_CALL, [trainee.group_id])
    if row is None:
        return None
    call = rawsql.instance(Call, row)
    call.group = trainee.group
    return call


def room_changed(trainee: Trainee) -> None:
    """The trainee sent something their mentor sees: runners of a live call redraw it."""
    call = Call.objects.filter(group_id=trainee.group_id).live().only("pk").first()
    if call is not None:
        call.room_changed()


def _tool_context(
    trainee: Trainee, call: Call, kind: str, failed: dict[str, Any]
) -> dict[str, Any]:
    """What the tool for the segment under way needs: only this trainee's own things."""
    if kind == SegmentKind.GOAL_CATCHUP:
        today = timezone.localdate(timezone=zone_or_utc(trainee.timezone))
        due = between.due_goals(trainee, call, today)
        reports = {r.goal_id: r for r in GoalReport.objects.filter(goal__in=due).current()}
        rows = []
        for goal in due:
            form = failed.get("report") if failed.get("goal") == goal.pk else None
            report = reports.get(goal.pk)
            form = form or GoalReportForm(instance=report, auto_id=f"id_{goal.key}_%s")
            rows.append((goal, report, form))
        return {"due": rows}
    if kind == SegmentKind.RECAP:
        return {"retro_form": failed.get("retro") or _retro_form(trainee, call)}
    if kind == SegmentKind.TECHNICAL:
        topics = TopicPerson.objects.filter(trainee=trainee, status__in=UNRESOLVED)
        return {
            "my_topics": list(topics.select_related("topic").order_by("topic__created_at")),
            "topic_form": failed.get("topic") or TopicLineForm(),
        }
    if kind == SegmentKind.GOAL_SETTING:
        proposals = Goal.objects.filter(trainee=trainee, proposal=True, status=GoalStatus.OPEN)
        form = failed.get("proposal") or GoalForm(group=trainee.group, owner=False)
        return {"proposals": list(proposals), "proposal_form": form}
    return {}


def _retro_form(trainee: Trainee, call: Call) -> LiveRetroForm:
    """The retro as it stands: the one saved in this call, else what the trainee wrote before."""
    answer = RetroAnswer.objects.filter(call=call, trainee=trainee).first()
    source: Any = answer or RetroDraft.objects.filter(call=call, trainee=trainee).first()
    initial = {name: getattr(source, name, "") for name in LiveRetroForm.TEXT_FIELDS}
    initial["version"] = answer.version if answer else 0
    return LiveRetroForm(initial=initial)


def context(trainee: Trainee, call: Call, **failed: Any) -> dict[str, Any]:
    segments = segments_of(call)
    now = timezone.now()
    clock = call.clock(segments, now)
    current = segment_at(segments, call.current_position or 0)
    hand = Hand.raised_by(call, trainee)
    return {
        "trainee": trainee,
        "call": call,
        "zone": zone_or_utc(trainee.timezone),
        "clock": clock,
        "current": current,
        "now": now,
        "hand": hand,
        "hand_kinds": HandKind.choices,
        "hand_error": failed.get("hand_error"),
        "etag": etag_of(trainee, call),
        "poll_seconds": POLL_SECONDS,
        **_tool_context(trainee, call, current.kind, failed),
    }


def render_page(
    request: HttpRequest, token: str, trainee: Trainee, call: Call, **failed: Any
) -> HttpResponse:
    """The whole live page; a refused form (in `failed`) is shown with its messages, status 400."""
    status = 400 if failed else 200
    data = {"token": token, **context(trainee, call, **failed)}
    response = render(request, "room/live.html", data, status=status)
    response["Cache-Control"] = "no-store"
    return response


def render_parts(request: HttpRequest, token: str, state: LiveState) -> HttpResponse:
    """What the page's poll gets when something changed: the live parts, or an empty marker that
    says the call is over (or not started), so the page loads itself afresh."""
    _, trainee = get_room(request, token)  # with their group, which the tools read
    call = live_call(trainee) if state.call_id is not None else None
    if call is None:
        # The marker: no call and no poll, so the page loads itself afresh.
        etag = etag_of(trainee, None)
        data: dict[str, Any] = {"token": token, "etag": etag, "call": None, "poll_seconds": None}
    else:
        data = {"token": token, **context(trainee, call)}
    return render(request, "room/live/parts.html", data)
