from datetime import datetime, timedelta

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from mentorplan.accounts.models import User
from mentorplan.calls.models import Action, Attendance, AttendanceStatus, Call
from mentorplan.groups.models import Group, Membership, Role, Trainee
from mentorplan.plans.models import PlanTemplate

DEMO_EMAIL = "demo@mentorplan.example"
DEMO_PASSWORD = "try-mentorplan"
TRAINEES = [
    ("Amal", "she/her", "@amal", "Europe/London"),
    ("Dawit", "he/him", "@dawit", "Europe/London"),
    ("Sara", "she/her", "@sara", "Africa/Cairo"),
]


class Command(BaseCommand):
    help = (
        "Add a demo mentor with a group of three trainees, three past sessions and one planned, "
        "to look around at once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", default=DEMO_PASSWORD)

    @transaction.atomic
    def handle(self, *args: object, **options: object) -> None:
        user, created = User.objects.get_or_create(
            email=DEMO_EMAIL, defaults={"display_name": "Demo Mentor", "timezone": "Europe/London"}
        )
        user.set_password(str(options["password"]))
        user.save()
        group = Group.objects.filter(memberships__user=user).first()
        if group is None:
            group = Group.objects.create(
                name="Tuesday buddies", course="Intro to Programming", region="London"
            )
            Membership.objects.create(group=group, user=user, role=Role.LEAD)
            for name, pronouns, slack, tz in TRAINEES:
                Trainee.objects.create(
                    group=group, name=name, pronouns=pronouns, slack_handle=slack, timezone=tz
                )
        if not Call.objects.filter(group=group).exists():
            add_history(group, user)
        self.stdout.write(
            self.style.SUCCESS(
                "The demo is ready." if created else "The demo mentor is ready again."
            )
        )
        self.stdout.write(
            f"Log in at http://127.0.0.1:8000/accounts/login/ with\n"
            f"  e-mail:   {DEMO_EMAIL}\n  password: {options['password']}"
        )


# Three sessions a fortnight apart, the last a week ago. Per session and trainee: what they did
# not understand in the retro (which becomes a topic), their goal for next time, whether they met
# the previous one, the check-in for the course team, and a moment of progress.
HISTORY: list[dict[str, tuple[str, str, str | None, str, str]]] = [
    {
        "Amal": ("Callbacks", "Finish the array methods exercises", None, "on_track", ""),
        "Dawit": (
            "Git branches",
            "Open a pull request for the week's homework",
            None,
            "concern",
            "falling_behind",
        ),
        "Sara": (
            "CSS grid",
            "Rebuild the landing page with grid",
            None,
            "beyond",
            "technically_strong",
        ),
    },
    {
        "Amal": ("Promises", "Write a fetch call that handles errors", "met", "on_track", ""),
        "Dawit": (
            "Git branches",
            "Pair with a peer on one merge conflict",
            "missed",
            "concern",
            "falling_behind",
        ),
        "Sara": (
            "Accessibility of forms",
            "Add labels and errors to the sign-up form",
            "met",
            "beyond",
            "technically_strong",
        ),
    },
    {
        "Amal": (
            "async and await",
            "Refactor the weather app to async and await",
            "met",
            "on_track",
            "",
        ),
        "Dawit": (
            "Returning values from functions",
            "Finish the function exercises",
            "met",
            "on_track",
            "",
        ),
        "Sara": (
            "Testing with Jest",
            "Write three tests for the sign-up form",
            "partly",
            "beyond",
            "technically_strong",
        ),
    },
]
WINS = {
    "Amal": "Explained her own callback code to the group without notes",
    "Dawit": "Opened his first pull request",
    "Sara": "Her landing page passed every accessibility check",
}


def add_history(group: Group, mentor: User) -> None:
    """A believable past for the demo group, made through the app's own actions (the runner's
    buttons, setting and reviewing goals, saving retros) so that every page shows it as it
    would a real group's."""
    from mentorplan.goals import actions as goals
    from mentorplan.goals.models import Goal, NextStep, ReviewOutcome
    from mentorplan.recap import actions as recap

    plan = PlanTemplate.objects.get(owner__isnull=True, title="Standard mentoring session")
    trainees = {t.name: t for t in group.trainees.all()}
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    open_goals: dict[str, Goal] = {}
    for n, session in enumerate(HISTORY):
        start = now - timedelta(days=7 + 14 * (len(HISTORY) - 1 - n))
        call = Call.plan(
            group=group, template=plan, scheduled_at=start, length_minutes=None, created_by=mentor
        )
        at = _run_through(call, start)
        for name, (topic, goal_text, outcome, status, reason) in session.items():
            trainee = trainees[name]
            Attendance.objects.update_or_create(
                call=call, trainee=trainee, defaults={"status": AttendanceStatus.PRESENT}
            )
            recap.save_retro(
                call,
                trainee,
                {"last_lesson": "JavaScript, week " + str(n + 3), "not_understood": topic},
                mentor,
            )
            deadline = (start + timedelta(days=14)).date()
            smaller = None
            if outcome and name in open_goals:
                missed = outcome == ReviewOutcome.MISSED
                smaller = goals.review(
                    open_goals[name],
                    outcome=outcome,
                    by=mentor,
                    call=call,
                    # A miss is followed up with a smaller goal: this session's.
                    note="A busy fortnight at work" if missed else "",
                    next_step=NextStep.SMALLER if missed else "",
                    new_deadline=deadline if missed else None,
                    smaller_text=goal_text if missed else "",
                )
            open_goals[name] = smaller or goals.set_goal(
                by=mentor,
                call=call,
                group=group,
                trainee=trainee,
                text=goal_text,
                measure="Shown at the next session",
                deadline=deadline,
            )
            _feedback(call, trainee, mentor, topic, status, reason)
            if apps.is_installed("mentorplan.wrapup") and n == len(HISTORY) - 1:
                from mentorplan.wrapup.models import Win

                Win.objects.get_or_create(call=call, trainee=trainee, text=WINS[name])
        call.control(Action.END, now=at)
    Call.plan(
        group=group,
        template=plan,
        scheduled_at=now + timedelta(days=7),
        length_minutes=None,
        created_by=mentor,
    )


def _run_through(call: Call, start: datetime) -> datetime:
    """Start `call` at `start` and press Next as each segment's time runs out, a little late
    now and then, as in a real call. Returns when the last segment ends."""
    call.control(Action.START, now=start)
    at = start
    segments = list(call.segments.order_by("position"))
    for i, segment in enumerate(segments):
        at += timedelta(minutes=segment.planned_minutes + (i % 3) * 2)
        if i < len(segments) - 1:
            call.control(Action.NEXT, now=at)
    return at


def _feedback(call: Call, trainee: Trainee, mentor: User, topic: str, status: str, reason: str):
    if not apps.is_installed("mentorplan.feedback"):
        return
    from mentorplan.feedback.models import Feedback

    Feedback.objects.update_or_create(
        call=call,
        trainee=trainee,
        defaults={
            "author": mentor,
            "status": status,
            "reasons": [reason] if reason else [],
            "precise": topic,
            "evidence": f"Worked through {topic.lower()} with {trainee.name} in the session",
            "actionable": "Another short exercise on it before the next session",
        },
    )
