"""Two presses of "New link" at once (a double click, or two co-mentors): one link works at the
end, and it is one of the links the presses showed."""

import pytest
from django.test import Client
from django.urls import reverse

from mentorplan.groups.models import Role
from mentorplan.room.models import TraineeLink
from mentorplan.testing import make_group, make_mentor, make_trainee, parse
from mentorplan.testing.race import at_once, meeting_before_save, needs_postgresql


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_new_links_at_once_leave_one_that_works():
    lead = make_mentor()
    group = make_group(lead)
    co_mentor = make_mentor()
    group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)
    amal = make_trainee(group, name="Amal")
    old = TraineeLink.issue(amal)[1]
    first, second = Client(), Client()
    first.force_login(lead)
    second.force_login(co_mentor)
    url = reverse("room:link_issue", args=[amal.key])

    with meeting_before_save(TraineeLink):
        answers = at_once(lambda: first.post(url), lambda: second.post(url))

    assert [answer.status_code for answer in answers] == [200, 200]
    shown = []
    for answer in answers:
        field = parse(answer).select_one(f"#link-url-{amal.key}")
        assert field is not None
        shown.append(str(field["value"]))
    assert TraineeLink.objects.filter(trainee=amal).active().count() == 1
    visitor = Client()
    working = [link for link in shown if visitor.get(link).status_code == 200]
    assert len(working) == 1
    assert visitor.get(reverse("room:page", args=[old])).status_code == 404
