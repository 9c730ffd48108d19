import pytest
from django.urls import reverse

from mentorplan.feedback import views
from mentorplan.testing import make_call, make_feedback, make_group, make_mentor, make_trainee


@pytest.mark.django_db
def test_a_long_history_shows_the_newest_rows_and_points_to_the_csv(client, monkeypatch):
    monkeypatch.setattr(views, "TEAM_VIEW_ROWS", 2)
    mentor = make_mentor()
    group = make_group(mentor)
    trainee = make_trainee(group)
    for _ in range(3):
        make_feedback(make_call(group), trainee)
    client.force_login(mentor)

    page = client.get(reverse("feedback:team", args=[group.key])).content.decode()

    assert "The newest 2 are shown here" in page
    assert page.count("<tr") == 1 + 2  # header row and two feedback rows


@pytest.mark.django_db
def test_a_short_history_shows_everything_without_the_notice(client):
    mentor = make_mentor()
    group = make_group(mentor)
    make_feedback(make_call(group), make_trainee(group))
    client.force_login(mentor)
    page = client.get(reverse("feedback:team", args=[group.key])).content.decode()
    assert "The newest" not in page
