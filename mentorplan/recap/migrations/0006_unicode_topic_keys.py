"""Topics are matched by a key that keeps letters and digits of every script and the symbols that
name things (C#, C++, .NET): each stored topic's key is worked out again from its title.

Nothing is merged here. A topic whose old key was shared by different titles (all non-Latin
titles had an empty key, so `Массивы` and `闭包` became one topic) keeps its title and its people:
which trainee meant which wording is not stored. When two stored topics of a group now have the
same key (`Straße` and `Strasse`, or full-width letters), the older one keeps the key, so new
lines join it, and the younger gets its key followed by `|` and its id, a form no title
produces: both stay as they are, with their people and their history."""

import unicodedata

from django.db import migrations

KEY_LENGTH = 200
SYMBOLS = "#+."


def _key(title: str) -> str:
    # The rule of recap.models.normalise as it is when this migration was written.
    folded = unicodedata.normalize("NFKC", title).casefold()
    kept = "".join(
        c if c in SYMBOLS or unicodedata.category(c)[0] in "LMN" else " " for c in folded
    )
    words = [word.rstrip(".") for word in kept.split()]
    return " ".join(word for word in words if any(c not in SYMBOLS for c in word))


def recompute(apps, schema_editor):
    Topic = apps.get_model("recap", "Topic")
    rows = list(
        Topic.objects.order_by("group_id", "created_at", "pk").values_list(
            "pk", "group_id", "title"
        )
    )
    keys: dict[int, str] = {}
    taken: set[tuple[int, str]] = set()
    for pk, group_id, title in rows:
        key = _key(title)[:KEY_LENGTH]
        if (group_id, key) in taken:
            suffix = f"|{pk}"
            key = key[: KEY_LENGTH - len(suffix)] + suffix
        taken.add((group_id, key))
        keys[pk] = key
    # Two passes, so that a key moving from one topic to another never meets itself on the way.
    for pk in keys:
        Topic.objects.filter(pk=pk).update(normalised=f"|{pk}")
    for pk, key in keys.items():
        Topic.objects.filter(pk=pk).update(normalised=key)


class Migration(migrations.Migration):
    dependencies = [("recap", "0005_versions_against_overwrites")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
