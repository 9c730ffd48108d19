import re

import pytest
from django.test import Client
from django.urls import reverse

from mentorplan.calls.models import Attendance, Call
from mentorplan.calls.tools import ROOM_HEADER
from mentorplan.groups.models import Role, Trainee
from mentorplan.testing import (
    HTMX,
    is_partial,
    make_call,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
    start_call,
)
from mentorplan.testing.race import at_once, meeting_before_save, needs_postgresql

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(client) -> Call:
    mentor = make_mentor()
    client.force_login(mentor)
    group = make_group(mentor)
    make_trainee(group, name="Amal")
    make_trainee(group, name="Ben")
    return start_call(make_call(group))


@pytest.fixture
def amal(call) -> Trainee:
    return call.group.trainees.get(name="Amal")


def _url(call: Call, trainee: Trainee) -> str:
    return reverse("calls:attendance", args=[call.key, trainee.key])


def _statuses(call: Call) -> dict[str, str]:
    return dict(Attendance.objects.filter(call=call).values_list("trainee__name", "status"))


def _pressed(content: str, name: str) -> list[str]:
    """The attendance buttons shown as pressed for one trainee."""
    start = content.index(f'aria-label="Attendance of {name}"')
    buttons = content[start : content.index("</form>", start)]
    return re.findall(r'value="(\w+)"[^>]*aria-pressed="true"', buttons)


def test_marking_a_trainee_present(client, call, amal):
    response = client.post(_url(call, amal), {"status": "present"})

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    assert _statuses(call) == {"Amal": "present"}
    page = client.get(response["Location"]).content.decode()
    assert _pressed(page, "Amal") == ["present"]
    assert _pressed(page, "Ben") == []


def test_changing_the_status_keeps_one_record(client, call, amal):
    client.post(_url(call, amal), {"status": "late"})
    client.post(_url(call, amal), {"status": "absent"})

    assert _statuses(call) == {"Amal": "absent"}
    assert Attendance.objects.count() == 1


def test_htmx_gets_the_tool_back(client, call, amal):
    response = client.post(_url(call, amal), {"status": "late"}, headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="tool" ')
    assert _pressed(content, "Amal") == ["late"]
    assert _statuses(call) == {"Amal": "late"}


def test_a_trainee_of_another_group_is_404(client, call):
    stranger = make_trainee(make_group(make_mentor()), name="Stranger")

    assert client.post(_url(call, stranger), {"status": "present"}).status_code == 404
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("status", ["sleeping", "", "PRESENT"])
def test_a_bad_status_is_refused_and_changes_nothing(client, call, amal, status):
    client.post(_url(call, amal), {"status": "present"})

    response = client.post(_url(call, amal), {"status": status})

    assert _statuses(call) == {"Amal": "present"}
    assert "Choose here, late or away." in page_text(client.get(response["Location"]))
    htmx = client.post(_url(call, amal), {"status": status}, headers=HTMX)
    assert htmx.status_code == 200
    assert _pressed(htmx.content.decode(), "Amal") == ["present"]


def test_an_outsider_gets_404_and_nothing_changes(client, call, amal):
    client.force_login(make_mentor())

    assert client.post(_url(call, amal), {"status": "present"}).status_code == 404
    assert not Attendance.objects.exists()


def test_wrong_method(client, call, amal):
    assert client.get(_url(call, amal)).status_code == 405


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_mentors_marking_the_same_at_once_change_it_once():
    """Both see Amal here and mark her late at the same moment: she is late once, and only the
    first press tells the other screens to draw the tool again."""
    lead = make_mentor()
    group = make_group(lead)
    co_mentor = make_mentor()
    group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)
    amal = make_trainee(group, name="Amal")
    call = start_call(make_call(group))
    Attendance.mark(call, amal, "present")

    def press(mentor) -> bool:
        browser = Client()
        browser.force_login(mentor)
        response = browser.post(_url(call, amal), {"status": "late"}, headers=HTMX)
        assert response.status_code == 200
        return ROOM_HEADER in response

    with meeting_before_save(Attendance):
        told = at_once(lambda: press(lead), lambda: press(co_mentor))

    assert sorted(told) == [False, True]
    assert [row.status for row in Attendance.objects.filter(call=call)] == ["late"]
