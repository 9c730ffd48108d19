"""Trainees' own answers, as the mentor's tools start from them (registered in `RoomConfig`):
the goal catch-up shows what each trainee said about a goal, and a retro not saved yet starts
with the trainee's text."""

from mentorplan.calls.models import Call
from mentorplan.goals.models import Goal
from mentorplan.goals.segment_tools import SaidBefore
from mentorplan.room.models import GoalReport, RetroDraft

RETRO_FIELDS = ["last_lesson", "homework", "not_understood"]


def said_before(goals: list[Goal]) -> dict[int, SaidBefore]:
    reports = GoalReport.objects.filter(goal__in=goals).current()
    return {
        r.goal_id: SaidBefore(outcome=r.outcome, label=r.get_outcome_display(), note=r.note)
        for r in reports
    }


def retro_starts(call: Call) -> dict[int, dict[str, str]]:
    drafts = RetroDraft.objects.filter(call=call).values("trainee_id", *RETRO_FIELDS)
    return {d.pop("trainee_id"): d for d in drafts}
