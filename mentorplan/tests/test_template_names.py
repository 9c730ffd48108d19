"""Every page's templates look up only names they are given.

A name a template looks up and does not find is drawn as nothing, without a word: a typo that
hides a figure goes unseen, and each such lookup costs tens of microseconds on every draw, as
Django tries it as a key, an attribute and an index, each raising an exception. Django's
template engine logs every lookup that fails; drawing every kind of page must log none. A value
that may be missing is tested first (`{% if note %}{{ note.body }}{% endif %}`) and an include
is given every name it reads.
"""

import logging

import pytest

from mentorplan.testing.pages import every_page


@pytest.mark.django_db
def test_no_page_looks_up_a_name_it_was_not_given(client, caplog):
    with caplog.at_level(logging.DEBUG, logger="django.template"):
        every_page(client)

    failed = sorted({r.getMessage() for r in caplog.records if r.name == "django.template"})
    assert not failed, "\n".join(failed)
