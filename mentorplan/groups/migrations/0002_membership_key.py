import uuid

from django.db import migrations, models


def give_each_membership_a_key(apps, schema_editor):
    Membership = apps.get_model("groups", "Membership")
    for membership in Membership.objects.only("pk"):
        membership.key = uuid.uuid4()
        membership.save(update_fields=["key"])


class Migration(migrations.Migration):
    """A key for each membership, so a lead can name a co-mentor to remove in a URL."""

    dependencies = [
        ("groups", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_membership_a_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="membership",
            name="key",
            field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False),
        ),
    ]
