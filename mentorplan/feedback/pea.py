"""A deterministic check that feedback to the course team is Precise, Evidence-based and Actionable.

Like the SMART check, it explains and never blocks.
"""

import re
from dataclasses import dataclass

VAGUE = (
    "struggling", "struggles", "lost", "generally", "in general", "fine", "ok", "okay", "good",
    "bad", "everything", "stuff", "things", "a lot", "not great", "doing well", "behind",
)
EVIDENCE_WORDS = {
    "homework", "pr", "pull", "exercise", "exercises", "kata", "katas", "code", "commit", "test",
    "tests", "quiz", "project", "wrote", "write", "could", "couldn't", "cannot", "can't", "said",
    "explained", "session", "sessions", "missed", "attended", "submitted", "sprint", "week",
    "repo", "github", "error", "function", "showed", "review",
}  # fmt: skip
ACTION_WORDS = {
    "needs", "need", "should", "could", "recommend", "suggest", "pair", "pairing", "review",
    "extension", "extra", "more", "revisit", "give", "send", "offer", "check", "follow",
    "invite", "book", "help", "session", "practice", "practise", "stretch", "challenge",
}  # fmt: skip


@dataclass(frozen=True)
class Finding:
    letter: str
    name: str
    ok: bool
    advice: str


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text.lower()))


def _vague(text: str) -> bool:
    lowered = f" {text.lower()} "
    return len(_words(text)) < 5 or (
        any(f" {v} " in lowered or f" {v}." in lowered for v in VAGUE) and len(_words(text)) < 12
    )


def check(precise: str, evidence: str, actionable: str) -> list[Finding]:
    findings = []
    if not precise.strip():
        findings.append(Finding("P", "Precise", False, "Name the exact skill or topic, for example "
                                "“returning a value from a function”."))
    elif _vague(precise):
        findings.append(Finding("P", "Precise", False, "This could describe many things. Which "
                                "skill or topic exactly?"))
    else:
        findings.append(Finding("P", "Precise", True, "Says exactly what."))
    if not evidence.strip():
        findings.append(Finding("E", "Evidence", False, "How do we know? Point to the homework, a "
                                "pull request or the code they could not write."))
    elif "http" not in evidence and not _words(evidence) & EVIDENCE_WORDS:
        findings.append(Finding("E", "Evidence", False, "Add something the team can check: a "
                                "link, an exercise, or what happened in the session."))
    else:
        findings.append(Finding("E", "Evidence", True, "Backed by something the team can check."))
    if not actionable.strip():
        findings.append(Finding("A", "Actionable", False, "What could the team or the trainee do "
                                "next? For example “another session on functions”."))
    elif not _words(actionable) & ACTION_WORDS or len(_words(actionable)) < 4:
        findings.append(Finding("A", "Actionable", False, "Say what should happen next, and who "
                                "could do it."))
    else:
        findings.append(Finding("A", "Actionable", True, "Clear next step."))
    return findings
