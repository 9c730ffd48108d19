"""Written-out queries asked in one trip give each query's rows as asking it alone does: the same
values of the same types, in the query's own order, none lost or given to another query."""

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from mentorplan.accounts.models import User
from mentorplan.groups.models import Group, Membership, Role, Trainee
from mentorplan.lib import rawsql
from mentorplan.testing import make_group, make_mentor, make_trainee, stored_fields

pytestmark = pytest.mark.django_db


def _trainees(group: Group) -> rawsql.Query:
    """The group's trainees, by name then key (as the ORM reads them)."""
    fields = [field.name for field in Trainee._meta.concrete_fields]
    return rawsql.Query(
        f"SELECT {rawsql.columns(Trainee, 't')} FROM {Trainee._meta.db_table} t"
        " WHERE t.group_id = %s",
        [group.pk],
        width=len(fields),
        order=(fields.index("name") + 1, fields.index("key") + 1),
    )


def _mentors(group: Group) -> rawsql.Query:
    """The group's mentors' names and time zones, newest account first."""
    return rawsql.Query(
        f"SELECT u.id, u.display_name, u.timezone, u.is_active FROM {User._meta.db_table} u"
        f" WHERE u.id IN (SELECT user_id FROM {Membership._meta.db_table} WHERE group_id = %s)",
        [group.pk],
        width=4,
        order=(1,),
    )


def _count(group: Group) -> rawsql.Query:
    return rawsql.Query(
        f"SELECT COUNT(*), MAX(t.created_at) FROM {Trainee._meta.db_table} t WHERE t.group_id = %s",
        [group.pk],
        width=2,
    )


@pytest.fixture
def groups() -> tuple[Group, Group]:
    lena = make_mentor(display_name="Lena", timezone="Europe/London")
    group = make_group(lena)
    kofi = make_mentor(display_name="Kofi", timezone="Africa/Lagos")
    group.memberships.create(user=kofi, role=Role.CO_MENTOR)
    for name in ("Zainab", "amal", "Bea", "Amal"):
        make_trainee(group, name=name, timezone="America/Sao_Paulo")
    make_trainee(make_group(make_mentor()), name="Other")  # another group's
    return group, make_group(make_mentor())  # the second group has no trainee


def test_each_query_gets_its_own_rows_in_its_own_order_with_their_types(groups):
    group, empty = groups
    queries = (_trainees(group), _mentors(group), _count(group), _trainees(empty), _count(empty))
    alone = [rawsql.ask(query) for query in queries]

    with CaptureQueriesContext(connection) as asked:
        answers = rawsql.together(*queries)

    assert len(asked) == 1
    assert answers == alone
    trainees, mentors, count, none, no_count = answers
    read = [rawsql.instance(Trainee, row) for row in trainees]
    expected = Trainee.objects.filter(group=group).order_by("name", "key")
    assert [stored_fields(trainee) for trainee in read] == [
        stored_fields(trainee) for trainee in expected
    ]
    assert [name for _, name, *_ in mentors] == ["Lena", "Kofi"]
    assert mentors[1][2:] == ("Africa/Lagos", True)
    assert count[0][0] == 4 and count[0][1] is not None
    assert none == [] and no_count == [(0, None)]


def test_queries_with_no_rows_or_one_alone(groups):
    group, empty = groups

    assert rawsql.together(_trainees(empty), _trainees(empty)) == [[], []]
    assert rawsql.together(_mentors(group)) == [rawsql.ask(_mentors(group))]


def test_a_query_that_says_it_has_more_or_fewer_columns_than_it_has_is_refused(groups):
    group, _ = groups
    right = _mentors(group)
    for width in (3, 5):
        wrong = rawsql.Query(right.sql, right.params, width, right.order)
        # PostgreSQL runs it and the rows do not fit; SQLite refuses a UNION of unequal SELECTs.
        with pytest.raises((ValueError, DatabaseError)):
            rawsql.together(_count(group), wrong)
