"""What the session app tells other apps, without knowing them."""

from django.dispatch import Signal

# A planned session was moved, changed or cancelled; sent once the change is committed, with
# `call` as it now is. The wrap-up app sends the invitees a new invite or a cancellation.
planned_session_changed = Signal()
