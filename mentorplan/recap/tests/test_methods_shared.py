import pytest

from mentorplan.groups.models import Role
from mentorplan.recap.models import Method
from mentorplan.recap.segment_tools import methods_for
from mentorplan.testing import make_call, make_group, make_mentor, start_call


@pytest.mark.django_db
def test_co_mentors_see_each_others_methods_but_not_outsiders():
    lead, co, outsider = make_mentor(), make_mentor(), make_mentor()
    group = make_group(lead)
    group.memberships.create(user=co, role=Role.CO_MENTOR)
    call = start_call(make_call(group))
    mine = Method.objects.create(name="Rubber duck", owner=lead)
    theirs = Method.objects.create(name="Secret sauce", owner=outsider)

    names = set(methods_for(call).values_list("name", flat=True))

    assert mine.name in names
    assert "Extend & Explain" in names
    assert theirs.name not in names
