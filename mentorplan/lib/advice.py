"""Advice letter by letter, as the SMART check of goals and the PEA check of feedback give it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    letter: str  # "S", "M", … or "P", "E", "A"
    name: str  # "Specific", …
    ok: bool
    advice: str  # what is missing and how to fix it, or why it is fine
