"""In the tests, drawing a page never writes: a GET or HEAD that changes the database fails.

Two kinds of writes are by design. Django keeps its sign-in sessions in the database (a session
ended by a password change, a reset link kept in the session). And in the trainee room, opening
one's page is how a trainee arrives: the visit is recorded (mentorplan/room).
"""

from collections.abc import Callable
from typing import Any

from django.db import connections
from django.http import HttpRequest, HttpResponse

from mentorplan.accounts.models import SignInSession

WRITES = ("INSERT", "UPDATE", "DELETE")
SAFE_METHODS = {"GET", "HEAD"}
TRAINEE_ROOM = "/t/"  # mentorplan/room/urls.py
SESSIONS = f'"{SignInSession._meta.db_table}"'.upper()  # as it shows in a statement upper-cased


class PagesNeverWriteMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS or request.path.startswith(TRAINEE_ROOM):
            return self.get_response(request)

        def refuse(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
            statement = sql.lstrip().upper()
            if statement.startswith(WRITES) and SESSIONS not in statement:
                raise AssertionError(f"{request.method} {request.path} wrote: {sql}")
            return execute(sql, *args)

        with connections["default"].execute_wrapper(refuse):
            return self.get_response(request)
