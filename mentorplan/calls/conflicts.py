"""The answer to a tool's form that met a co-mentor's newer save (see mentorplan.lib.forms).

With htmx the tool comes back with the writer's form as they sent it and the other text beside
it. A plain form (JavaScript off) gets the session's page itself, with the same form and the same
choice, so nothing the writer typed is lost on the way.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render

from mentorplan.accounts.http import MentorRequest
from mentorplan.calls.models import Call, Status
from mentorplan.calls.tools import answer
from mentorplan.lib.forms import Conflict


def conflict_message(conflict: Conflict, what: str) -> str:
    return (
        f"Not saved yet: {conflict.who} saved {what} while you were writing. Both versions are "
        "shown: choose which to keep."
    )


def answer_conflict(
    request: MentorRequest, call: Call, tool: str, conflict: Conflict, what: str, **state: Any
) -> HttpResponse:
    """`state` is what the tool's context function needs to show the writer's form again."""
    message = conflict_message(conflict, what)
    if request.htmx or call.status not in (Status.LIVE, Status.PAUSED):
        return answer(request, call, tool, error=message, **state)
    # The runner's page; its module imports the tools, so it is imported here.
    from mentorplan.calls.runner import runner_context

    context = runner_context(request, call, tool, **state)
    messages.error(request, message)
    return render(request, "calls/runner.html", context, status=409)
