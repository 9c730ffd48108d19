"""The standard mentoring session plan as built-in data. Mentors copy it before they change it."""

import uuid

from django.db import migrations

# A fixed key, so links to the standard plan stay the same on every installation.
DEFAULT_PLAN_KEY = uuid.UUID("6d1f5c0e-4a8b-4f4e-9c1a-2b7d3e5f8a01")

SEGMENTS = [
    (
        "welcome",
        "Welcome & chit chat",
        10,
        False,
        "Start with people, not code. Ask how their week went and share a little of your own: "
        "trust grows when both sides talk. A quick thinking game can warm everyone up.",
    ),
    (
        "goal_catchup",
        "Goal catch-up",
        5,
        False,
        "Go through the goals set last time, yours included. Be honest about what was met and "
        "what was not: goals only matter when someone follows them up.",
    ),
    (
        "recap",
        "Recap & orientation",
        10,
        False,
        "A three-minute retro for each trainee: what did the last lesson cover, what was the "
        "homework, and what did not make sense? Use the answers to choose today's focus.",
    ),
    (
        "technical",
        "Technical mentoring",
        30,
        True,
        "Take what was not understood and find out exactly which part is missing. Let the trainee "
        "explain their own code, then extend it with a small change. Keep notes for precise "
        "feedback to the course team.",
    ),
    (
        "goal_setting",
        "Goal setting",
        10,
        True,
        "Everyone sets a goal with a deadline, you too. Trainees write their own goals; help them "
        "make each one specific, measurable and possible in the time they have.",
    ),
    (
        "wrap_up",
        "Wrap up",
        5,
        False,
        "Point to resources for what you did not reach, remind everyone to ask in the Slack "
        "channel and join a study group, book the next call, and name one specific thing each "
        "person did well.",
    ),
]


def create_default_plan(apps, schema_editor):
    PlanTemplate = apps.get_model("plans", "PlanTemplate")
    PlanSegment = apps.get_model("plans", "PlanSegment")
    template, _ = PlanTemplate.objects.get_or_create(
        key=DEFAULT_PLAN_KEY,
        defaults={
            "title": "Standard mentoring session",
            "description": "The six-part plan for a 70–90 minute call with your group.",
        },
    )
    for position, (kind, title, minutes, flexible, guidance) in enumerate(SEGMENTS, start=1):
        PlanSegment.objects.get_or_create(
            template=template,
            position=position,
            defaults={
                "kind": kind,
                "title": title,
                "minutes": minutes,
                "flexible": flexible,
                "guidance": guidance,
            },
        )


def remove_default_plan(apps, schema_editor):
    apps.get_model("plans", "PlanTemplate").objects.filter(key=DEFAULT_PLAN_KEY).delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(create_default_plan, remove_default_plan)]
