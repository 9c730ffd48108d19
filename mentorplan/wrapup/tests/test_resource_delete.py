"""Removing a resource from the mentor's own library."""

import pytest
from django.urls import reverse

from mentorplan.testing import make_mentor, page_text
from mentorplan.wrapup.models import Resource

pytestmark = pytest.mark.django_db


def _url(resource: Resource) -> str:
    return reverse("wrapup:resource_delete", args=[resource.key])


@pytest.fixture
def mine(mentor) -> Resource:
    return Resource.objects.create(owner=mentor, title="My kata", url="https://example.org/kata")


def test_removing_my_resource(client, mine):
    response = client.post(_url(mine))

    assert response.status_code == 302
    assert response["Location"] == reverse("wrapup:resources")
    assert not Resource.objects.for_user(mine.owner).filter(pk=mine.pk).exists()
    assert Resource.objects.get(pk=mine.pk).removed_at is not None  # past summaries keep the link
    assert "“My kata” is removed from your library." in page_text(client.get(response["Location"]))


def test_the_starter_set_cannot_be_removed(client, mentor):
    starter = Resource.objects.filter(owner__isnull=True).first()
    assert starter is not None

    assert client.post(_url(starter)).status_code == 404
    assert Resource.objects.get(pk=starter.pk).removed_at is None


def test_another_mentors_resource_is_404(client, mentor):
    theirs = Resource.objects.create(owner=make_mentor(), title="Theirs", url="https://example.org")

    assert client.post(_url(theirs)).status_code == 404
    assert Resource.objects.get(pk=theirs.pk).removed_at is None


def test_an_outsider_gets_404_and_nothing_changes(client, mine, outsider):
    assert client.post(_url(mine)).status_code == 404
    assert Resource.objects.get(pk=mine.pk).removed_at is None


def test_wrong_method(client, mine):
    assert client.get(_url(mine)).status_code == 405
    assert Resource.objects.get(pk=mine.pk).removed_at is None


def test_a_removed_resource_stays_in_the_summaries_that_shared_it(client, mine):
    from mentorplan.testing import make_call, make_group, make_trainee, start_call
    from mentorplan.wrapup import summary
    from mentorplan.wrapup.models import ResourceShare

    group = make_group(mine.owner)
    call = start_call(make_call(group))
    ResourceShare.objects.create(call=call, resource=mine, trainee=make_trainee(group))

    client.post(_url(mine))

    assert mine.url in summary.as_markdown(summary.build(call))
    library = client.get(reverse("wrapup:resources")).content.decode()  # the message is shown now
    assert mine.url not in client.get(reverse("wrapup:resources")).content.decode()
    assert "removed from your library" in library
