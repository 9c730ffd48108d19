"""Places where one app plugs into the pages of another, each entry with an explicit order.

An app adds its entries in its `AppConfig.ready()`, so leaving an app out of INSTALLED_APPS leaves
out its entries and nothing else needs editing. The places:

- `GROUP_PANELS`: cards on a group's page, each a `GroupPanel`: a template and a function that
  gives what the card shows. The page renders every card with its data in one response (a card
  that loaded itself later made the page jump), and renders them again after a trainee is added.
- `FINISHED_ACTIONS`: templates of the buttons on a finished session's page (context: `call`).
- `SEGMENT_KINDS`: what a plan segment can be for, value → label.
- `RUNNER_PANELS`: small parts of the live runner under its bar, each a `RunnerPanel`, whatever
  the segment (the trainee room's "who is here" and raised hands).
- The runner's tools for each kind register the same way in `mentorplan.calls.tools`; each is
  drawn with its own context, as a runner panel is.

Segment kinds: `plans.SegmentKind` holds the kinds of the default plan and `plans` adds them here.
A tool app that needs a new kind adds it here too; no migration is needed, because the `kind`
fields take their choices from this registry through a function (Django stores a reference to the
function in migrations, not the list), and forms and `full_clean()` check a kind against it. The
database only checks that a kind is given. A kind whose app is removed stays in old plans and
sessions (where it shows by its value): the runner shows no tool for it, and editing such a
segment asks for a kind that exists.

Orders: the built-in entries use steps of 10, so a new app can go between two of them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from mentorplan.lib.rawsql import Query

T = TypeVar("T")


@dataclass(frozen=True)
class Entry(Generic[T]):
    name: str
    order: int
    value: T


class Slot(Generic[T]):
    """One place that apps plug into. Entries are kept by name, so adding one twice (Django may
    call `ready()` more than once) keeps one."""

    def __init__(self, description: str) -> None:
        self.description = description
        self._entries: dict[str, Entry[T]] = {}

    def add(self, name: str, value: T, *, order: int) -> None:
        self._entries[name] = Entry(name=name, order=order, value=value)

    def remove(self, name: str) -> None:
        self._entries.pop(name, None)

    def entries(self) -> list[Entry[T]]:
        return sorted(self._entries.values(), key=lambda entry: (entry.order, entry.name))

    def values(self) -> list[T]:
        return [entry.value for entry in self.entries()]

    def get(self, name: str) -> T:
        return self._entries[name].value

    def __contains__(self, name: object) -> bool:
        return name in self._entries


@dataclass(frozen=True)
class GroupPanel:
    """A card on a group's page. `template` gets the page's context (`group`, `user`, ...) and
    whatever `context(group)` returns."""

    template: str
    context: Callable[[Any], dict[str, Any]] | None = None

    def context_for(self, group: Any) -> dict[str, Any]:
        return self.context(group) if self.context else {}


@dataclass(frozen=True)
class RunnerPanel:
    """A part of the live runner. `template` gets `call` and whatever `context(request, call)`
    returns, and nothing of the runner's other parts. It is drawn again with every redraw of the
    runner, or, with `shows`, kept drawn (see `mentorplan.lib.fragments.kept`) under what
    `shows(call, context)` gives: everything it shows (the reader's zone among it, if it shows a
    time) but the CSRF token. With `query`, the question the panel is drawn from
    (`query(call, now)`, a `rawsql.Query`), the runner asks it in one trip with its own and
    hands its rows to `context(request, call, rows)`."""

    template: str
    context: Callable[..., dict[str, Any]]
    shows: Callable[[Any, dict[str, Any]], object] | None = None
    query: Callable[[Any, datetime], Query] | None = None


GROUP_PANELS: Slot[GroupPanel] = Slot("Cards on a group's page.")
RUNNER_PANELS: Slot[RunnerPanel] = Slot("Parts of the live runner, under its bar.")
FINISHED_ACTIONS: Slot[str] = Slot("Buttons on a finished session's page: template names.")
SEGMENT_KINDS: Slot[str] = Slot("What a plan segment is for: value → label.")


def segment_kind_choices() -> list[tuple[str, str]]:
    """The choices of every `kind` field, in order. Migrations refer to this function by name."""
    return [(entry.name, entry.value) for entry in SEGMENT_KINDS.entries()]
