"""A personal link per trainee: made, shown once, e-mailed, revoked and re-issued by the mentor;
unknown, revoked or malformed links get a friendly page with status 404 and nothing else."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorplan.room.models import TraineeLink, hash_token
from mentorplan.testing import make_group, make_mentor, make_trainee, page_text, parse, text_in

GONE = "This link does not work any more"


def issue(trainee) -> str:
    return TraineeLink.issue(trainee)[1]


def room(token: str) -> str:
    return reverse("room:page", args=[token])


def link_of(response, trainee) -> str:
    field = parse(response).select_one(f"#link-url-{trainee.key}")
    assert field is not None, "the new link is not on the page"
    return str(field["value"])


@pytest.mark.django_db
def test_a_link_opens_the_trainees_page_without_an_account(client):
    trainee = make_trainee(make_group(make_mentor()), name="Amal")

    response = client.get(room(issue(trainee)))

    assert response.status_code == 200
    assert "Hello, Amal" in page_text(response)


@pytest.mark.django_db
def test_only_a_hash_of_the_token_is_stored():
    link, token = TraineeLink.issue(make_trainee(make_group(make_mentor())))

    stored = TraineeLink.objects.filter(pk=link.pk).values().get()
    assert token not in str(stored)
    assert stored["token_hash"] == hash_token(token)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token",
    ["x" * 43, "short", "a" * 44, "a" * 42 + "\x00", "a" * 42 + "!", "%00" * 15],
    ids=["unknown", "short", "long", "nul", "symbol", "encoded-nul"],
)
def test_a_forged_or_malformed_link_gets_the_friendly_page(client, token):
    issue(make_trainee(make_group(make_mentor()), name="Amal"))

    response = client.get(room(token))

    assert response.status_code == 404
    assert GONE in page_text(response)
    assert "Amal" not in page_text(response)


@pytest.mark.django_db
def test_a_new_link_closes_the_old_one(client):
    trainee = make_trainee(make_group(make_mentor()))
    old = issue(trainee)

    new = issue(trainee)

    assert client.get(room(old)).status_code == 404
    assert GONE in page_text(client.get(room(old)))
    assert client.get(room(new)).status_code == 200
    assert TraineeLink.objects.filter(trainee=trainee).active().count() == 1


@pytest.mark.django_db
def test_the_database_keeps_one_working_link_per_trainee():
    trainee = make_trainee(make_group(make_mentor()))
    issue(trainee)

    with pytest.raises(IntegrityError), transaction.atomic():
        TraineeLink.objects.create(trainee=trainee, token_hash="f" * 64)


@pytest.mark.django_db
def test_a_trainee_who_left_the_group_cannot_use_their_link(client):
    trainee = make_trainee(make_group(make_mentor()))
    token = issue(trainee)
    trainee.is_active = False
    trainee.save(update_fields=["is_active"])

    assert client.get(room(token)).status_code == 404


@pytest.mark.django_db
def test_the_mentor_makes_a_link_and_sees_it_once(client, mentor, group):
    amal = make_trainee(group, name="Amal")
    client.force_login(mentor)

    response = client.post(reverse("room:link_issue", args=[amal.key]))

    assert response.status_code == 200
    url = link_of(response, amal)
    assert "Copy link" in page_text(response)
    client.logout()
    assert client.get(url).status_code == 200
    client.force_login(mentor)
    assert url not in client.get(reverse("groups:detail", args=[group.key])).content.decode()


@pytest.mark.django_db
def test_the_links_card_with_htmx_is_the_card_alone(client, mentor, group):
    amal = make_trainee(group, name="Amal")

    response = client.post(
        reverse("room:link_issue", args=[amal.key]), headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert parse(response).find(id="trainee-links") is not None
    assert parse(response).find("html") is None
    assert link_of(response, amal).startswith("http://testserver/t/")


@pytest.mark.django_db
def test_new_links_for_everyone_make_a_list_for_slack(client, mentor, group):
    amal = make_trainee(group, name="Amal")
    make_trainee(group, name="Bo")
    gone = make_trainee(group, name="Cy", is_active=False)
    old = issue(amal)

    response = client.post(reverse("room:links_issue_all", args=[group.key]))

    found = parse(response).select_one("#all-links")
    assert found is not None
    lines = found.get_text().splitlines()
    assert [line.split(": ")[0] for line in lines] == ["Amal", "Bo"]
    client.logout()
    for line in lines:
        assert client.get(line.split(": ", 1)[1]).status_code == 200
    assert client.get(room(old)).status_code == 404
    assert not TraineeLink.objects.filter(trainee=gone).exists()


@pytest.mark.django_db
def test_revoking_switches_the_link_off(client, mentor, group):
    amal = make_trainee(group, name="Amal")
    token = issue(amal)

    response = client.post(reverse("room:link_revoke", args=[amal.key]), follow=True)

    assert "Amal's link no longer works." in page_text(response)
    client.logout()
    assert client.get(room(token)).status_code == 404


@pytest.mark.django_db
def test_sending_by_email_mails_a_new_working_link_to_the_trainee(client, mentor, group):
    amal = make_trainee(group, name="Amal", email="amal@example.org")
    old = issue(amal)

    response = client.post(reverse("room:link_email", args=[amal.key]), follow=True)

    assert "A new link is on its way to amal@example.org" in page_text(response)
    [message] = mail.outbox
    assert message.to == ["amal@example.org"]
    url = next(word for word in message.body.split() if "/t/" in word)
    assert url not in response.content.decode()  # only the trainee sees it
    client.logout()
    assert client.get(url).status_code == 200
    assert client.get(room(old)).status_code == 404


@pytest.mark.django_db
def test_no_email_button_or_email_without_an_address(client, mentor, group):
    amal = make_trainee(group, name="Amal")
    page = client.get(reverse("groups:detail", args=[group.key]))
    assert "Send a new link by e-mail" not in page_text(page)

    response = client.post(reverse("room:link_email", args=[amal.key]), follow=True)

    assert "We have no e-mail address for Amal." in page_text(response)
    assert mail.outbox == []
    assert not TraineeLink.objects.exists()


@pytest.mark.django_db
def test_link_buttons_take_only_post(client, mentor, group):
    amal = make_trainee(group)
    for name in ["room:link_issue", "room:link_revoke", "room:link_email"]:
        assert client.get(reverse(name, args=[amal.key])).status_code == 405
    assert client.get(reverse("room:links_issue_all", args=[group.key])).status_code == 405
    assert not TraineeLink.objects.exists()


@pytest.mark.django_db
def test_the_group_page_says_whose_link_works_and_when_it_was_last_opened(client, mentor, group):
    mentor.timezone = "Europe/London"
    mentor.save(update_fields=["timezone"])
    amal = make_trainee(group, name="Amal")
    bo = make_trainee(group, name="Bo")
    token = issue(amal)
    with time_machine.travel(datetime(2026, 3, 2, 18, 30, tzinfo=UTC), tick=False):
        client.get(room(token))

    page = parse(client.get(reverse("groups:detail", args=[group.key])))

    amal_row = text_in(page.select_one(f"#trainee-links #link-{amal.key}"))
    assert "last opened 2 Mar, 18:30" in amal_row
    assert "No working link" in text_in(page.select_one(f"#trainee-links #link-{bo.key}"))


@pytest.mark.django_db
def test_opening_the_page_writes_at_most_once_every_few_minutes(client):
    trainee = make_trainee(make_group(make_mentor()))
    token = issue(trainee)
    start = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)

    for minutes in [0, 1, 4]:
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            client.get(room(token))
    assert TraineeLink.objects.get().last_opened_at == start

    with time_machine.travel(start + timedelta(minutes=6), tick=False):
        client.get(room(token))
    assert TraineeLink.objects.get().last_opened_at == start + timedelta(minutes=6)


@pytest.mark.django_db
def test_a_page_opened_again_soon_sends_no_write_at_all(client):
    trainee = make_trainee(make_group(make_mentor()))
    token = issue(trainee)
    start = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        client.get(room(token))

    with (
        time_machine.travel(start + timedelta(minutes=4), tick=False),
        CaptureQueriesContext(connection) as queries,
    ):
        assert client.get(room(token)).status_code == 200

    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("UPDATE")]
    assert writes == []
