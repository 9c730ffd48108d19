"""The PEA checker on example feedback, letter by letter.

Each row says what a mentor reading the feedback would say: which of Precise, Evidence based and
Actionable it already is (a capital letter) and which it is not (a dot). When the checker and a
mentor disagree, the checker is wrong.
"""

from dataclasses import dataclass

import pytest

from mentorplan.feedback.pea import check

LOST = "Struggling with JavaScript and generally lost"
GOOD = (
    "could not return a value from a function in last week's homework, so functions need "
    "another session"
)


@dataclass(frozen=True)
class Example:
    expected: str  # "PEA" with a dot for each part that misses, e.g. "P.A"
    precise: str
    evidence: str = ""
    actionable: str = ""


EXAMPLES = {
    # The course's own examples: the vague one fails everything, the good one passes everything,
    # whether it is typed in one box or split over the three.
    "lost-in-every-box": Example("...", LOST, LOST, LOST),
    "lost-in-the-first-box": Example("...", LOST),
    "good-in-every-box": Example("PEA", GOOD, GOOD, GOOD),
    "good-split": Example(
        "PEA",
        "Returning a value from a function",
        "Could not return a value from a function in last week's homework",
        "Functions need another session",
    ),
    # Nothing written.
    "empty": Example("...", "", "", ""),
    "blank": Example("...", "   ", "\n", "\t"),
    # Vague on every count.
    "doing-fine": Example("...", "Doing fine", "I think so", "Keep going"),
    "everything": Example("...", "Everything", "Everything", "Everything"),
    "javascript": Example("...", "JavaScript", "You can tell", "More effort"),
    "in-general": Example(
        "...", "JavaScript in general, not sure what exactly", "Seems lost", "Try harder"
    ),
    # Short and exact is precise; a title need not be a sentence.
    "short-title": Example("P..", "Returning values from functions"),
    "two-words": Example("P..", "Array destructuring"),
    "recursion": Example("P..", "Recursion: base cases"),
    # A vague word beside an exact skill still names the skill.
    "not-great-at-hooks": Example(
        "PEA",
        "Not great at React hooks, useEffect dependency arrays",
        "Her PR for the weather app re-fetches on every render",
        "Pair on a useEffect kata next session",
    ),
    "behind-on-katas": Example(
        "PEA",
        "Behind on the sprint 3 array katas",
        "Submitted 2 of the 6 katas by the deadline",
        "Book an extra session on map and filter",
    ),
    # Evidence the team can check: a link, the homework, something seen or said in the call.
    "link": Example(
        "PEA",
        "CSS flexbox: aligning items in a row",
        "https://github.com/example/portfolio/pull/12 positions everything with floats",
        "Suggest Flexbox Froggy before the next sprint",
    ),
    "told-me": Example(
        "PEA",
        "Keeping up with the sprint 3 coursework",
        "She told me she has not opened the coursework since last Tuesday",
        "Ask the course team to check in with her about a study plan",
    ),
    "missed": Example(
        "PEA",
        "Attendance at the Saturday classes",
        "Missed the last two classes without a message",
        "Message him in Slack and offer a catch-up call",
    ),
    "seen-in-the-call": Example(
        "PEA",
        "Reading error messages in the console",
        "In our call he could not say what a TypeError meant",
        "Walk through three error messages together next session",
    ),
    # Evidence that is only an impression.
    "impression": Example(
        "P.A",
        "Using git branches and merging them",
        "Seems confused about it",
        "Review branching with her in the next session",
    ),
    "could-do-better": Example(
        "P.A",
        "Writing tests with Jest",
        "She could do better",
        "Pair on writing one test for her last kata",
    ),
    # A wish is not a next step.
    "good-luck": Example(
        "PE.",
        "Reading error messages in the console",
        "In the session he could not say what TypeError meant",
        "Good luck",
    ),
    "try-harder": Example(
        "PE.",
        "Array methods: map and filter",
        "His homework used for loops where map was asked for",
        "He should try harder next time",
    ),
    "more-effort": Example(
        "PE.",
        "Array methods: map and filter",
        "His homework used for loops where map was asked for",
        "More effort would help him",
    ),
    "needs-more-practice": Example(
        "PE.",
        "Array methods: map and filter",
        "His homework used for loops where map was asked for",
        "Needs more practice",
    ),
    # Beyond: extension work is the next step.
    "beyond": Example(
        "PEA",
        "Async/await and promise chaining, ahead of the class",
        "Submitted the sprint 2 project three days early, with tests",
        "Offer stretch challenges on promise chaining",
    ),
    "beyond-extension": Example(
        "PEA",
        "Building REST APIs with Express",
        "Her PR added pagination that the exercise did not ask for",
        "Needs extension work: give her the optional database module",
    ),
}


def _letters(findings) -> str:
    return "".join(f.letter if f.ok else "." for f in findings)


@pytest.mark.parametrize("example", EXAMPLES.values(), ids=EXAMPLES.keys())
def test_findings_letter_by_letter(example):
    findings = check(example.precise, example.evidence, example.actionable)

    assert [f.letter for f in findings] == list("PEA")
    assert _letters(findings) == example.expected, [f.advice for f in findings if not f.ok]


def test_every_finding_that_misses_says_what_to_do():
    for finding in check(LOST, "", "Good luck"):
        assert not finding.ok
        assert len(finding.advice) > 20


def test_an_empty_part_and_a_vague_part_get_different_advice():
    empty = check("", "", "")
    vague = check("Doing fine", "I think so", "Good luck")

    for a, b in zip(empty, vague, strict=True):
        assert a.advice != b.advice, a.letter


def test_the_table_is_big_enough_to_mean_something():
    assert len(EXAMPLES) >= 15
    for letter, position in [("P", 0), ("E", 1), ("A", 2)]:
        assert any(e.expected[position] == letter for e in EXAMPLES.values())
        assert any(e.expected[position] == "." for e in EXAMPLES.values())


def test_a_curly_apostrophe_from_a_phone_reads_like_a_straight_one():
    from mentorplan.feedback.pea import check

    # "She could do it" is no evidence; "couldn't do it" is, however the apostrophe was typed.
    assert not check("Returning values from functions", "She could do it", "")[1].ok
    assert check("Returning values from functions", "She couldn't do it", "")[1].ok
    assert check("Returning values from functions", "She couldn’t do it", "")[1].ok
