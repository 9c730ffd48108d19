"""Time zone choices for people in the UK, Europe and beyond."""

import zoneinfo
from functools import cache


@cache
def timezone_choices() -> list[tuple[str, str]]:
    names = sorted(
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
    )
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in names)]


def is_timezone(name: str) -> bool:
    return name in dict(timezone_choices())
