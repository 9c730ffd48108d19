"""Give every moment of progress picked so far its own key, for the address that unpicks it."""

import uuid

from django.db import migrations


def fill(apps, schema_editor):
    Win = apps.get_model("wrapup", "Win")
    for win in Win.objects.filter(key__isnull=True).only("pk"):
        win.key = uuid.uuid4()
        win.save(update_fields=["key"])


class Migration(migrations.Migration):
    dependencies = [("wrapup", "0003_win_key_added")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
