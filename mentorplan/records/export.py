"""Exports: a group as its mentor may see it, and one trainee's record (a subject access request).

Every export is built for a reader. A mentor gets their own private notes and nobody else's;
the command line (`reader=None`) gets no private notes at all. Rows of one kind are read with one
query each and sorted out in Python, so a long history costs no extra queries per note or goal.
"""

import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone

from mentorplan.calls.models import Attendance, Call, Note, NoteLevel
from mentorplan.feedback.models import Feedback
from mentorplan.goals.models import Goal, GoalEvent
from mentorplan.groups.models import Group, Trainee
from mentorplan.recap.models import RetroAnswer, TopicPerson, TopicWork, Understanding
from mentorplan.records.erase import reminders_of
from mentorplan.records.models import COMMAND_LINE
from mentorplan.wrapup.models import ResourceShare, Win
from mentorplan.wrapup.summary import as_markdown, build

if TYPE_CHECKING:
    from mentorplan.accounts.models import User

Row = dict[str, Any]

PRIVATE_NOTES_RULE = (
    "Private notes are included only for the mentor who wrote them, when they export from the "
    "website. Exports from the command line include no private notes."
)


def notes_for(reader: "User | None"):
    """The notes `reader` may read; from the command line, every note that is not private."""
    if reader is None:
        return Note.objects.exclude(level=NoteLevel.PRIVATE)
    return Note.objects.visible_to(reader)


def _about(reader: "User | None") -> Row:
    return {
        "exported_at": timezone.now(),
        "exported_by": str(reader) if reader is not None else COMMAND_LINE,
        "private_notes": PRIVATE_NOTES_RULE,
    }


def _session(call: Call, zone: ZoneInfo) -> Row:
    return {
        "key": call.key,
        "date": timezone.localdate(call.held_at, zone),
        "plan": call.plan_title,
        "planned_for": call.scheduled_at,
        "planned_minutes": call.length_minutes,
        "started_at": call.started_at,
        "ended_at": call.ended_at,
    }


def _person(trainee: Trainee) -> Row:
    return {
        "key": trainee.key,
        "name": trainee.name,
        "pronouns": trainee.pronouns,
        "slack_handle": trainee.slack_handle,
        "email": trainee.email,
        "timezone": trainee.timezone,
        "still_on_the_course": trainee.is_active,
        "added_on": trainee.created_at,
    }


def _attendance(a: Attendance) -> Row:
    return {"trainee": a.trainee.name, "status": a.get_status_display()}


def _retro(r: RetroAnswer) -> Row:
    return {
        "trainee": r.trainee.name,
        "last_lesson": r.last_lesson,
        "homework": r.homework,
        "homework_done": r.get_homework_done_display(),
        "not_understood": r.not_understood,
    }


def _feedback(f: Feedback) -> Row:
    return {
        "trainee": f.trainee.name,
        "written_by": str(f.author or ""),
        "status": f.get_status_display(),
        "reasons": f.reason_labels,
        "precise": f.precise,
        "evidence": f.evidence,
        "actionable": f.actionable,
    }


def _note(n: Note) -> Row:
    return {
        "segment": n.segment.title,
        "trainee": n.trainee.name if n.trainee else None,
        "level": n.get_level_display(),
        "written_by": str(n.author or ""),
        "body": n.body,
        "updated_at": n.updated_at,
    }


def _win(w: Win) -> Row:
    return {"trainee": w.trainee.name, "text": w.text, "source": w.get_source_display()}


def _share(s: ResourceShare) -> Row:
    return {
        "title": s.resource.title,
        "link": s.resource.url,
        "for": s.trainee.name if s.trainee else s.topic.title if s.topic else "everyone",
    }


def _work(w: TopicWork) -> Row:
    return {
        "topic": w.topic.title,
        "not_grasped": w.gap,
        "method": w.method.name if w.method else "",
        "what_happened": w.outcome,
    }


def _goal(goal: Goal, events: list[GoalEvent], dates: dict[int, Any]) -> Row:
    return {
        "key": goal.key,
        "owner": goal.owner_name,
        "goal": goal.text,
        "done_when": goal.measure,
        "deadline": goal.deadline,
        "topic": goal.topic,
        "link": goal.link,
        "status": goal.get_status_display(),
        "proposed_by_the_trainee": goal.proposal,
        "set_in_session_of": dates.get(goal.set_in_id) if goal.set_in_id else None,
        "history": [
            {
                "what": e.get_outcome_display(),
                "on": e.at,
                "in_session_of": dates.get(e.call_id) if e.call_id else None,
                "deadline_was": e.old_deadline,
                "deadline_now": e.new_deadline,
                "what_got_in_the_way": e.note,
                "next_step": e.get_next_step_display(),
                "by": str(e.by or ""),
            }
            for e in events
        ],
    }


def _goals(goals: Iterable[Goal], dates: dict[int, Any]) -> list[Row]:
    goals = list(goals)
    events: dict[int, list[GoalEvent]] = defaultdict(list)
    for event in GoalEvent.objects.filter(goal__in=goals).select_related("by").order_by("at"):
        events[event.goal_id].append(event)
    return [_goal(g, events[g.pk], dates) for g in goals]


def _topics(people: Iterable[TopicPerson], dates: dict[int, Any]) -> list[Row]:
    people = list(people)
    understood: dict[int, list[Any]] = defaultdict(list)
    for u in Understanding.objects.filter(person__in=people).order_by("at"):
        understood[u.person_id].append(dates.get(u.call_id))
    topics: dict[int, Row] = {}
    for p in people:
        topic = topics.setdefault(
            p.topic_id,
            {
                "title": p.topic.title,
                "first_raised": dates.get(p.topic.first_call_id or 0),
                "people": [],
            },
        )
        topic["people"].append(
            {
                "trainee": p.trainee.name,
                "status": p.get_status_display(),
                "understood_in_session_of": understood[p.pk],
            }
        )
    return list(topics.values())


def _by_call(rows: Iterable[Any], serialise: Any) -> dict[int, list[Row]]:
    found: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        found[row.call_id].append(serialise(row))
    return found


# --- A group -----------------------------------------------------------------------------------


def group_data(group: Group, reader: "User | None") -> Row:
    """Everything about the group that `reader` may see, as plain data for JSON."""
    zone = group.zone()
    calls = list(Call.objects.filter(group=group).order_by("scheduled_at"))
    dates = {c.pk: timezone.localdate(c.held_at, zone) for c in calls}
    in_group = {"call__group": group}
    per_call = {
        "attendance": _by_call(
            Attendance.objects.filter(**in_group).select_related("trainee"), _attendance
        ),
        "retro": _by_call(RetroAnswer.objects.filter(**in_group).select_related("trainee"), _retro),
        "topic_work": _by_call(
            TopicWork.objects.filter(**in_group).select_related("topic", "method"), _work
        ),
        "feedback": _by_call(
            Feedback.objects.filter(**in_group).select_related("trainee", "author"), _feedback
        ),
        "notes": _by_call(
            notes_for(reader)
            .filter(**in_group)
            .select_related("segment", "trainee", "author")
            .order_by("segment__position", "pk"),
            _note,
        ),
        "moments_of_progress": _by_call(
            Win.objects.filter(**in_group).select_related("trainee"), _win
        ),
        "resources_shared": _by_call(
            ResourceShare.objects.filter(**in_group).select_related("resource", "trainee", "topic"),
            _share,
        ),
    }
    sessions = []
    for call in calls:
        session = _session(call, zone)
        for name, rows in per_call.items():
            session[name] = rows.get(call.pk, [])
        sessions.append(session)
    return {
        **_about(reader),
        "group": {
            "key": group.key,
            "name": group.name,
            "course": group.course,
            "region": group.region,
            "created_at": group.created_at,
        },
        "mentors": [
            {"name": str(m.user), "role": m.get_role_display(), "joined_at": m.joined_at}
            for m in group.memberships.select_related("user").order_by("joined_at")
        ],
        "trainees": [_person(t) for t in group.trainees.order_by("name")],
        "sessions": sessions,
        "goals": _goals(
            Goal.objects.filter(group=group).select_related("trainee", "mentor"), dates
        ),
        "topics": _topics(
            TopicPerson.objects.filter(topic__group=group)
            .select_related("topic", "trainee")
            .order_by("topic__created_at", "trainee__name"),
            dates,
        ),
    }


def session_markdown(call: Call, notes: list[Note]) -> str:
    """A session as Markdown: its summary, then the notes only mentors read."""
    lines = []
    for n in notes:
        label = n.segment.title + (f" ({n.trainee.name})" if n.trainee else "")
        label += ", your private note" if n.level == NoteLevel.PRIVATE else ", mentors' note"
        # Every further line of a note is indented, so it stays inside its list item.
        lines.append((label, "\n  ".join(n.body.strip().splitlines())))
    context = {"summary": as_markdown(build(call)).strip(), "notes": lines}
    return render_to_string("records/session.md", context).strip() + "\n"


def group_archive(group: Group, reader: "User | None") -> bytes:
    """A zip file: group.json with everything, and one Markdown file per session."""
    zone = group.zone()
    notes: dict[int, list[Note]] = defaultdict(list)
    for note in (
        notes_for(reader)
        .filter(call__group=group)
        .exclude(level=NoteLevel.SHARED)  # the summary has the shared notes
        .exclude(body="")
        .select_related("segment", "trainee")
        .order_by("segment__position", "pk")
    ):
        notes[note.call_id].append(note)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("group.json", to_json(group_data(group, reader)))
        calls = Call.objects.filter(group=group).select_related("group").order_by("scheduled_at")
        for number, call in enumerate(calls, start=1):
            day = timezone.localdate(call.held_at, zone)
            name = f"sessions/{number:03d}-{day.isoformat()}.md"
            archive.writestr(name, session_markdown(call, notes[call.pk]))
    return buffer.getvalue()


# --- One trainee -------------------------------------------------------------------------------


def trainee_data(trainee: Trainee, reader: "User | None") -> Row:
    """Everything the app holds about one trainee that `reader` may see."""
    group = trainee.group
    zone = group.zone()
    calls = Call.objects.filter(group=group)
    dates = {c.pk: timezone.localdate(c.held_at, zone) for c in calls}
    mine = {"trainee": trainee}

    def dated(rows: Iterable[Any], serialise: Any) -> list[Row]:
        found = [{"session_of": dates.get(r.call_id), **serialise(r)} for r in rows]
        return sorted(found, key=lambda row: row["session_of"] or datetime.min.date())

    reminders = [
        {"kind": r.kind, "sent_to": r.recipient, "sent_at": r.sent_at}
        for r in reminders_of(trainee).order_by("sent_at")
    ]
    return {
        **_about(reader),
        "trainee": _person(trainee),
        "group": {"name": group.name, "course": group.course, "region": group.region},
        "attendance": dated(
            Attendance.objects.filter(**mine).select_related("trainee"), _attendance
        ),
        "retro": dated(RetroAnswer.objects.filter(**mine).select_related("trainee"), _retro),
        "topics": _topics(
            TopicPerson.objects.filter(**mine)
            .select_related("topic", "trainee")
            .order_by("topic__created_at"),
            dates,
        ),
        "goals": _goals(
            Goal.objects.filter(**mine).select_related("trainee").order_by("deadline"), dates
        ),
        "feedback": dated(
            Feedback.objects.filter(**mine).select_related("trainee", "author"), _feedback
        ),
        "notes": dated(
            notes_for(reader).filter(**mine).select_related("segment", "trainee", "author"), _note
        ),
        "moments_of_progress": dated(Win.objects.filter(**mine).select_related("trainee"), _win),
        "resources_shared": dated(
            ResourceShare.objects.filter(**mine).select_related("resource", "trainee", "topic"),
            _share,
        ),
        "reminders_sent": reminders,
    }


def to_json(data: Row) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2) + "\n"
