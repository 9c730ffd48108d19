"""A deterministic check that feedback to the course team is Precise, Evidence-based and Actionable.

Like the SMART check, it explains and never blocks.
"""

import re

from mentorplan.lib.advice import Finding

# Words that say how things feel, not what: on their own they could describe anyone.
VAGUE = {
    "struggling", "struggles", "struggle", "lost", "generally", "general", "overall", "fine",
    "ok", "okay", "good", "bad", "great", "well", "doing", "everything", "anything", "stuff",
    "things", "thing", "lot", "lots", "bit", "behind", "confused", "hard", "difficult", "issues",
    "problems", "trouble", "progress", "coding", "programming", "skills", "basics",
}  # fmt: skip
# Little words that carry no subject of their own.
COMMON = {
    "a", "an", "the", "and", "or", "but", "so", "with", "without", "in", "on", "at", "of", "to",
    "for", "from", "by", "about", "is", "are", "was", "were", "be", "been", "am", "has", "have",
    "had", "do", "does", "did", "not", "no", "she", "he", "they", "her", "his", "him", "their",
    "them", "it", "its", "this", "that", "i", "we", "you", "me", "my", "all", "some", "any",
    "what", "how", "exactly", "sure", "unsure", "still", "just", "also", "very", "really",
    "quite", "much", "more", "seems", "seem",
}  # fmt: skip
EVIDENCE_WORDS = {
    "homework", "coursework", "pr", "pull", "exercise", "exercises", "kata", "katas", "code",
    "commit", "test", "tests", "quiz", "project", "wrote", "write", "couldn't", "cannot", "can't",
    "unable", "said", "told", "asked", "answered", "explained", "showed", "watched", "session",
    "sessions", "call", "class", "classes", "missed", "attended", "submitted", "deadline",
    "sprint", "week", "repo", "github", "codewars", "error", "function", "review", "assignment",
    "task", "tasks", "ticket", "slack", "message",
}  # fmt: skip
EVIDENCE_PHRASES = ("could not", "was not able", "were not able")
# Concrete next steps; wishes (“should try harder”, “more effort”) are not among them.
ACTION_WORDS = {
    "recommend", "suggest", "pair", "pairing", "review", "extension", "extra", "revisit",
    "another", "again", "repeat", "give", "send", "share", "offer", "check", "follow", "invite",
    "book", "schedule", "plan", "ask", "message", "talk", "call", "meet", "catch", "walk", "show",
    "explain", "session", "workshop", "practice", "practise", "stretch", "challenge", "challenges",
    "kata", "katas", "exercise", "exercises", "module", "resources", "link",
}  # fmt: skip


def _tokens(text: str) -> list[str]:
    """The words of `text`, lower case, with a phone's curly apostrophe read as a straight one."""
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def _words(text: str) -> set[str]:
    return set(_tokens(text))


def _vague(text: str) -> bool:
    """Vague when fewer than two words name a subject, or feelings outnumber them."""
    words = _tokens(text)
    subject = [w for w in words if w not in VAGUE and w not in COMMON]
    feelings = [w for w in words if w in VAGUE]
    return len(subject) < 2 or len(feelings) >= len(subject)


def _has_evidence(text: str) -> bool:
    lowered = " ".join(_tokens(text))
    return (
        "http" in text
        or bool(_words(text) & EVIDENCE_WORDS)
        or any(phrase in lowered for phrase in EVIDENCE_PHRASES)
    )


def check(precise: str, evidence: str, actionable: str) -> list[Finding]:
    """One finding per part: the first advice whose test the text fails, or why it is fine."""
    parts = [
        (
            "P",
            "Precise",
            [
                (
                    bool(precise.strip()),
                    "Name the exact skill or topic, for example “returning a value from a"
                    " function”.",
                ),
                (
                    not _vague(precise),
                    "This could describe many things. Which skill or topic exactly?",
                ),
            ],
            "Says exactly what.",
        ),
        (
            "E",
            "Evidence",
            [
                (
                    bool(evidence.strip()),
                    "How do we know? Point to the homework, a pull request or the code they"
                    " could not write.",
                ),
                (
                    _has_evidence(evidence),
                    "Add something the team can check: a link, an exercise, or what happened"
                    " in the session.",
                ),
            ],
            "Backed by something the team can check.",
        ),
        (
            "A",
            "Actionable",
            [
                (
                    bool(actionable.strip()),
                    "What could the team or the trainee do next? For example “another session"
                    " on functions”.",
                ),
                (
                    bool(_words(actionable) & ACTION_WORDS) and len(_words(actionable)) >= 4,
                    "Say what should happen next, and who could do it.",
                ),
            ],
            "Clear next step.",
        ),
    ]
    findings = []
    for letter, name, tests, fine in parts:
        failed = next((advice for passed, advice in tests if not passed), None)
        findings.append(Finding(letter, name, failed is None, failed or fine))
    return findings
