"""Record the understandings already marked: each against the group's session that had started
when the status last changed (the session it was marked in), as far as the data can tell."""

from bisect import bisect_right

from django.db import migrations


def backfill(apps, schema_editor):
    Call = apps.get_model("calls", "Call")
    TopicPerson = apps.get_model("recap", "TopicPerson")
    Understanding = apps.get_model("recap", "Understanding")
    started: dict[int, list[tuple]] = {}
    for group_id, pk, when in (
        Call.objects.filter(started_at__isnull=False)
        .order_by("group_id", "started_at")
        .values_list("group_id", "pk", "started_at")
    ):
        started.setdefault(group_id, []).append((when, pk))
    rows = []
    for person_pk, group_id, updated_at in TopicPerson.objects.filter(
        status="understood"
    ).values_list("pk", "topic__group_id", "updated_at"):
        calls = started.get(group_id, [])
        index = bisect_right(calls, (updated_at, float("inf")))
        if index:
            call_id = calls[index - 1][1]
            rows.append(Understanding(person_id=person_pk, call_id=call_id, at=updated_at))
    Understanding.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("recap", "0003_understanding"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
