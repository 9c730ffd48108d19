"""Built-in ways to work through a topic. Mentors can add their own beside them."""

from django.db import migrations

METHODS = [
    (
        "Extend & Explain",
        "The trainee talks through their own recent code, then extends it with a small change.",
    ),
    (
        "Talk it through",
        "The trainee explains the idea in their own words while you ask questions.",
    ),
    (
        "Pair on a kata",
        "Solve a small programming challenge together, the trainee at the keyboard.",
    ),
    (
        "Worked example",
        "Walk through a short example step by step, then let them try a similar one.",
    ),
    (
        "Point to the docs",
        "Find the answer together in the documentation, so they can do it alone next time.",
    ),
]


def add_methods(apps, schema_editor):
    Method = apps.get_model("recap", "Method")
    for name, description in METHODS:
        Method.objects.get_or_create(name=name, owner=None, defaults={"description": description})


def remove_methods(apps, schema_editor):
    apps.get_model("recap", "Method").objects.filter(
        owner=None, name__in=[m[0] for m in METHODS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("recap", "0001_initial")]

    operations = [migrations.RunPython(add_methods, remove_methods)]
