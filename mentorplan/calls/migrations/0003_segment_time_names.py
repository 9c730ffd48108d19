from django.db import migrations


class Migration(migrations.Migration):
    """Names that say which of a segment's times each field holds, and in what unit."""

    dependencies = [
        ("calls", "0002_brain_games"),
    ]

    operations = [
        migrations.RenameField(
            model_name="callsegment",
            old_name="allotted_seconds",
            new_name="entry_budget_seconds",
        ),
        migrations.RenameField(
            model_name="callsegment",
            old_name="extra_seconds",
            new_name="added_seconds",
        ),
    ]
