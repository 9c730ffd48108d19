"""Telling the group when a planned session moves or is called off: an e-mail with the new
invite (or the cancellation) attached, to each mentor of the group and each active trainee with
an e-mail address. Every time in it, the attachment's included, is in the reader's own zone."""

import logging
from dataclasses import dataclass
from email.mime.text import MIMEText
from typing import Any

from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone

from mentorplan.calls.models import Call
from mentorplan.lib.timezones import zone_or_utc
from mentorplan.wrapup import ics

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reader:
    name: str
    email: str
    zone: str


def readers(call: Call) -> list[Reader]:
    """Who hears of a change: the group's mentors, and its active trainees with an address."""
    mentors = call.group.memberships.filter(user__is_active=True).select_related("user")
    trainees = call.group.trainees.active().exclude(email="").order_by("name")
    return [Reader(m.user.display_name, m.user.email, m.user.timezone) for m in mentors] + [
        Reader(t.name, t.email, t.timezone) for t in trainees
    ]


def send_change(call: Call) -> int:
    """E-mail the session as it now stands to everyone in `readers`. Returns how many were sent."""
    cancelled = call.cancelled_at is not None
    template = (
        "wrapup/email/session_cancelled.txt" if cancelled else "wrapup/email/session_moved.txt"
    )
    messages = []
    for reader in readers(call):
        zone = zone_or_utc(reader.zone)
        with timezone.override(zone):
            body = render_to_string(
                template,
                {"call": call, "reader": reader, "zone": zone.key, "link": call.video_link},
            )
            day = timezone.localtime(call.scheduled_at).strftime("%d %b")
        subject = (
            f"Cancelled: mentoring session with {call.group.name} on {day}"
            if cancelled
            else f"New time: mentoring session with {call.group.name}"
        )
        message = EmailMessage(subject, body, to=[reader.email])
        message.attach(_invite_part(call, zone.key))
        messages.append(message)
    return get_connection().send_messages(messages) or 0


def _invite_part(call: Call, zone: str) -> MIMEText:
    """The invite as a calendar attachment; its METHOD is repeated in the MIME type, as mail
    programs expect."""
    body = ics.invite(call, zone=zone)
    part = MIMEText(body.decode(), "calendar", "utf-8")
    part.set_param("method", "CANCEL" if call.cancelled_at else "PUBLISH")
    filename = f"mentoring-{timezone.localdate(call.scheduled_at, zone_or_utc(zone)):%Y-%m-%d}.ics"
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


def on_change(sender: Any, *, call: Call, **kwargs: Any) -> None:
    """Receiver of `calls.signals.planned_session_changed`. The change is already saved: a mail
    server that is down is logged, and does not turn the mentor's change into an error page."""
    try:
        send_change(call)
    except OSError:
        logger.exception("Could not send the changed invite of session %s", call.key)
