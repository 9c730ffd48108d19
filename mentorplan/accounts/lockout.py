"""How many wrong passwords are too many.

Two counts, each over the last AXES_COOLOFF_TIME:

- one account from one client (AXES_FAILURE_LIMIT, 5): someone guessing one mentor's password.
  Counting per client, not per account, means a stranger cannot lock a mentor out: the mentor's
  own client has its own count.
- one client over every account (AXES_CLIENT_FAILURE_LIMIT, 20): someone trying a few passwords
  on many accounts, which the first count never catches.

The client is the visitor's own address, read through the trusted proxy (see `proxy.client_ip`).
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest


def _total(attempts: QuerySet[AccessAttempt]) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with the second, per-client count. A successful log-in clears only
    the count for that account from that client (AXES_LOCKOUT_PARAMETERS), never the client's
    total, so logging into one's own account does not reset a spray."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        from_client = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
            attempt_time__gte=get_cool_off_threshold(request),
        )
        for_account = _total(from_client.filter(username=get_client_username(request, credentials)))
        if _total(from_client) >= settings.AXES_CLIENT_FAILURE_LIMIT:
            return max(for_account, get_failure_limit(request, credentials))
        return for_account
