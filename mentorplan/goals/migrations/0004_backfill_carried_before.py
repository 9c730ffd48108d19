"""A smaller goal set in place of a missed one carries the carry-overs of the goals it replaced."""

from django.db import migrations

CLOSING = {"missed", "dropped"}


def backfill(apps, schema_editor):
    Goal = apps.get_model("goals", "Goal")
    replaced = {
        pk: (replaces_id, status, missed, extended)
        for pk, replaces_id, status, missed, extended in Goal.objects.values_list(
            "pk", "replaces_id", "status", "times_missed", "times_extended"
        )
    }
    known: dict[int, int] = {}

    def carry_overs(pk: int) -> int:
        """Carry-overs of the aim up to and including goal `pk` (walked without recursion)."""
        chain = []
        seen = set()
        while pk is not None and pk not in known and pk not in seen:
            seen.add(pk)
            chain.append(pk)
            pk = replaced[pk][0]
        total = known.get(pk, 0) if pk is not None else 0
        for step in reversed(chain):
            replaces_id, status, missed, extended = replaced[step]
            before = total + 1 if replaces_id is not None else 0
            here = extended + missed - bool(status in CLOSING and missed)
            total = known[step] = before + here
        return total

    for pk, (replaces_id, *_rest) in replaced.items():
        if replaces_id is not None:
            Goal.objects.filter(pk=pk).update(carried_before=carry_overs(replaces_id) + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0003_goal_carried_before"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
