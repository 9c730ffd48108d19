import json
import uuid

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse

from mentorplan.calls.models import Call, Note
from mentorplan.feedback.models import Feedback
from mentorplan.groups.models import Trainee
from mentorplan.recap.models import Topic
from mentorplan.records.export import group_data, to_json, trainee_data
from mentorplan.records.models import ErasureRecord
from mentorplan.records.tests.records import EMAIL, NAME, SLACK, Story
from mentorplan.testing import field_errors, make_group, make_mentor, page_text
from mentorplan.testing.race import at_once, needs_postgresql
from mentorplan.wrapup.models import Reminder
from mentorplan.wrapup.summary import as_markdown, as_slack, build

pytestmark = pytest.mark.django_db


def _ids(s: Story) -> tuple[set[str], dict[type[models.Model], set[int]]]:
    """What identifies the trainee: their keys as text, and the primary keys of every row about
    them, by model."""
    t = s.trainee
    rows: dict[type[models.Model], set[int]] = {Trainee: {t.pk}}
    for relation in ["attendance", "retro_answers", "topics", "goals", "feedback", "wins"]:
        manager = getattr(t, relation)
        rows[manager.model] = set(manager.values_list("pk", flat=True))
    rows[Note] = set(t.call_notes.values_list("pk", flat=True))
    keys = {str(t.key), t.key.hex, str(s.goal.key), str(s.feedback.key), str(s.win.key)}
    return keys, rows


def _found_anywhere(words: set[str], keys: set[str], rows: dict[type[models.Model], set[int]]):
    """Every place in the database, in any app's table, that still holds one of `words`
    (anywhere in a text), `keys` (as a UUID or a text) or a row id of `rows` (a reference to the
    row, or the row's id kept as text, as the admin's history does)."""
    found = []
    ids_as_text = {str(pk) for pks in rows.values() for pk in pks}
    for model in apps.get_models():
        manager = model._default_manager
        for field in model._meta.concrete_fields:
            name = field.attname
            target = field.related_model
            if isinstance(field, models.ForeignKey) and isinstance(target, type) and target in rows:
                hits = manager.filter(**{f"{name}__in": rows[target]})
            elif isinstance(field, models.UUIDField):
                hits = manager.filter(**{f"{name}__in": [uuid.UUID(k) for k in keys]})
            elif isinstance(field, (models.CharField, models.TextField)):
                query = models.Q(**{f"{name}__in": ids_as_text})
                for word in words | keys:
                    query |= models.Q(**{f"{name}__icontains": word})
                hits = manager.filter(query)
            elif isinstance(field, models.JSONField):
                values = manager.values_list(name, flat=True)
                texts = [json.dumps(value).lower() for value in values]
                if any(w.lower() in text for text in texts for w in words | keys):
                    found.append(f"{model._meta.label}.{name}")
                continue
            else:
                continue
            if hits.exists():
                found.append(f"{model._meta.label}.{name}: {list(hits.values_list(name))}")
    return found


def test_export_then_erase_leaves_nothing_about_them_anywhere(client, story):
    keys, rows = _ids(story)
    words = {NAME, EMAIL, SLACK}
    client.force_login(story.lead)

    # The export before the erasure has all of it, in the database search's terms too.
    exported = to_json(trainee_data(story.trainee, story.lead))
    assert all(word in exported for word in [NAME, EMAIL, SLACK, str(story.trainee.key)])
    assert _found_anywhere(words, keys, rows)

    page = client.get(reverse("records:trainee_erase", args=[story.trainee.key]))
    assert page.status_code == 200
    response = client.post(
        reverse("records:trainee_erase", args=[story.trainee.key]), {"name": f"  {NAME.lower()} "}
    )

    assert response.status_code == 302
    assert response.url == reverse("groups:detail", args=[story.group.key])
    assert _found_anywhere(words, keys, rows) == []
    for call in Call.objects.filter(group=story.group):
        summary = build(call)
        for text in [as_markdown(summary), as_slack(summary)]:
            assert not any(word.lower() in text.lower() for word in words)
    csv = client.get(reverse("feedback:export", args=[story.group.key])).content.decode()
    assert "Bob Other" in csv
    assert not any(word.lower() in csv.lower() for word in words | keys)
    export = to_json(group_data(story.group, story.lead))
    assert "Bob Other" in export
    assert not any(word.lower() in export.lower() for word in words | keys)


def test_what_others_share_stays_and_mentions_read_name_removed(client, story):
    client.force_login(story.lead)

    client.post(reverse("records:trainee_erase", args=[story.trainee.key]), {"name": NAME})

    assert list(Topic.objects.filter(group=story.group).values_list("title", flat=True)) == [
        "Arrays"
    ]
    assert Topic.objects.get(title="Arrays").people.get().trainee == story.other
    bob = Feedback.objects.get(trainee=story.other)
    assert bob.precise == "Pairs well with (name removed) and (name removed)"
    assert Note.objects.get(trainee=None).body == (
        "(name removed) led the game; mail (name removed)"
    )
    assert Reminder.objects.count() == 0


def test_the_erasure_is_recorded_with_who_and_when_and_nothing_about_them(client, story):
    client.force_login(story.lead)

    response = client.post(
        reverse("records:trainee_erase", args=[story.trainee.key]), {"name": NAME}, follow=True
    )

    record = ErasureRecord.objects.get()
    assert record.erased_by == story.lead
    assert record.by == "Lena Lead"
    assert record.group == story.group
    assert str(record.key) in page_text(response)
    assert NAME not in page_text(response)


def test_the_confirmation_page_says_what_goes_and_that_it_cannot_be_undone(client, story):
    client.force_login(story.co_mentor)

    response = client.get(reverse("records:trainee_erase", args=[story.trainee.key]))

    text = page_text(response)
    assert f"Erase {NAME}?" in text
    assert "This cannot be undone." in text
    assert "attendance at 1 session and 1 retro answer" in text
    assert "1 goal with their reviews, and 1 piece of feedback" in text
    assert "still on the course" in text


@pytest.mark.parametrize("typed", ["", "Bob Other", "Zephyrine"])
def test_a_wrong_name_erases_nothing_and_says_why(client, typed, story):
    client.force_login(story.lead)

    response = client.post(
        reverse("records:trainee_erase", args=[story.trainee.key]), {"name": typed}
    )

    assert response.status_code == 400
    assert field_errors(response, "id_name")
    assert Trainee.objects.filter(pk=story.trainee.pk).exists()
    assert story.trainee.attendance.count() == 1
    assert Reminder.objects.count() == 2
    assert not ErasureRecord.objects.exists()


def test_a_mentor_of_another_group_gets_404_and_nothing_changes(client, story):
    outsider = make_mentor()
    make_group(outsider)
    client.force_login(outsider)
    url = reverse("records:trainee_erase", args=[story.trainee.key])

    assert client.get(url).status_code == 404
    assert client.post(url, {"name": NAME}).status_code == 404
    assert Trainee.objects.filter(pk=story.trainee.pk).exists()
    assert not ErasureRecord.objects.exists()


def test_other_methods_are_refused(client, story):
    client.force_login(story.lead)

    response = client.put(reverse("records:trainee_erase", args=[story.trainee.key]))

    assert response.status_code == 405
    assert Trainee.objects.filter(pk=story.trainee.pk).exists()


def test_erasing_twice_says_it_was_already_done(client, story):
    client.force_login(story.lead)
    url = reverse("records:trainee_erase", args=[story.trainee.key])
    trainee = story.trainee

    from mentorplan.records.erase import erase_trainee

    erase_trainee(trainee, user=story.lead)
    with pytest.raises(Trainee.DoesNotExist):
        erase_trainee(trainee, user=story.lead)
    assert client.post(url, {"name": NAME}).status_code == 404
    assert ErasureRecord.objects.count() == 1


def test_the_trainee_page_explains_leaving_and_links_to_export_and_erase(client, story):
    client.force_login(story.lead)

    response = client.get(reverse("groups:trainee_edit", args=[story.trainee.key]))

    text = page_text(response)
    assert "Past sessions keep them, because they were there" in text
    assert "They no longer appear in new sessions" in text
    content = response.content.decode()
    assert reverse("records:trainee_export", args=[story.trainee.key]) in content
    assert reverse("records:trainee_erase", args=[story.trainee.key]) in content


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_mentors_erasing_at_once_erase_once_and_both_get_an_answer(story):
    url = reverse("records:trainee_erase", args=[story.trainee.key])

    def erase(mentor):
        def post():
            client = Client()
            client.force_login(mentor)
            return client.post(url, {"name": NAME}, follow=True)

        return post

    responses = at_once(erase(story.lead), erase(story.co_mentor))

    assert sorted(r.status_code for r in responses) in ([200, 200], [200, 404])
    assert ErasureRecord.objects.count() == 1
    assert not Trainee.objects.filter(pk=story.trainee.pk).exists()
