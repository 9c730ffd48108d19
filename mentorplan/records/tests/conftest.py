"""The records tests' one fixture: `story`, a group whose story puts a trainee in every kind of
record (built by `records.tell_story`), for exporting and erasing."""

import pytest

from mentorplan.records.tests.records import Story, tell_story


@pytest.fixture
def story() -> Story:
    return tell_story()
