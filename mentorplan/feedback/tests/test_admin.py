import csv
import io

import pytest
from django.urls import reverse

from mentorplan.calls.models import Note, NoteLevel
from mentorplan.feedback.models import Feedback
from mentorplan.testing import make_call, make_feedback, make_group, make_mentor, make_trainee


@pytest.mark.django_db
def test_staff_export_feedback_from_every_group_as_the_tracker_csv(client):
    staff = make_mentor(is_staff=True, is_superuser=True)
    rows = []
    for region in ("London", "Glasgow"):
        mentor = make_mentor()
        group = make_group(mentor, region=region)
        call = make_call(group)
        trainee = make_trainee(group, name=f"Trainee in {region}")
        rows.append(make_feedback(call, trainee, precise=f"Loops, {region}"))
        Note.objects.create(
            call=call,
            segment=call.segments.get(position=0),
            author=mentor,
            level=NoteLevel.PRIVATE,
            body="PRIVATE: never for staff",
        )
    client.force_login(staff)

    response = client.post(
        reverse("admin:feedback_feedback_changelist"),
        {"action": "export_csv", "_selected_action": [f.pk for f in Feedback.objects.all()]},
    )

    assert response.content.startswith(b"\xef\xbb\xbf")  # the mark that tells Excel: UTF-8
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0] == ["Name", "Region", "Date", "Staff", "Status", "Notes"] + [
        "Precise",
        "Evidence",
        "Actionable",
    ]
    assert {(r[0], r[1]) for r in table[1:]} == {
        ("Trainee in London", "London"),
        ("Trainee in Glasgow", "Glasgow"),
    }
    assert "PRIVATE" not in response.content.decode()


@pytest.mark.django_db
def test_notes_have_no_admin_page(client):
    client.force_login(make_mentor(is_staff=True, is_superuser=True))
    index = client.get(reverse("admin:index")).content.decode()
    assert "Feedback" in index and "Topics" in index
    assert "/admin/calls/note/" not in index
