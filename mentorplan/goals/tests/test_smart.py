"""The SMART checker on example goals, letter by letter.

Each row says what a mentor reading the goal would say: which of Specific, Measurable,
Achievable, Relevant and Time-bound it already is (a capital letter) and which it is not (a dot).
"""

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from mentorplan.goals.smart import check

TODAY = date(2030, 1, 14)  # a Monday
NEXT_SESSION = TODAY + timedelta(days=14)


@dataclass(frozen=True)
class Example:
    expected: str  # "SMART" with a dot for each letter the goal misses, e.g. "..ART"
    text: str
    measure: str = ""
    due_in: int | None = 7  # days from today; None for no deadline
    topic: str = ""
    busy: int = 0  # the owner's other open goals due around the same time

    def findings(self):
        return check(
            text=self.text,
            measure=self.measure,
            deadline=None if self.due_in is None else TODAY + timedelta(days=self.due_in),
            topic=self.topic,
            today=TODAY,
            next_session=NEXT_SESSION,
            other_open_due_near=self.busy,
        )


EXAMPLES = {
    # Vague wishes: no action you could watch someone do, nothing to count.
    "get-better-at-js": Example("..ART", "get better at JS"),
    "learn-react": Example("..ART", "learn React", due_in=14),
    "improve-my-css": Example("..ART", "improve my CSS"),
    "understand-promises": Example("..ART", "understand how promises work"),
    "work-on-portfolio": Example("..ART", "work on my portfolio"),
    "do-some-coding": Example("..ART", "do some coding every day"),
    "study-one-word": Example("..A.T", "study"),
    "js-one-word": Example("..ART", "JS"),
    "keyboard-mash": Example("..A.T", "asdfgh"),
    "practise-no-topic": Example("..A.T", "practise every day"),
    "practise-with-topic": Example("..ART", "practise every day", topic="Data structures"),
    "learn-more-with-measure": Example(
        ".MART", "learn more about git", measure="I can explain rebase and merge to the group"
    ),
    "mentor-be-patient": Example("..A.T", "be more patient", due_in=14),
    # An action, but nothing that says when it is done.
    "read-about-closures": Example("S.ART", "read about closures"),
    "watch-videos": Example("S.ART", "watch videos about async"),
    "mentor-bring-resources": Example("S.ART", "bring resources on CSS grid", due_in=14),
    # Good goals.
    "katas-by-friday": Example("SMART", "finish 3 katas on arrays by Friday", due_in=4),
    "eloquent-js-chapter": Example("SMART", "read chapter 4 of Eloquent JavaScript"),
    "quiz-app-pr": Example("SMART", "open a pull request for the quiz app"),
    "scoring-with-measure": Example(
        "SMART",
        "build the scoring for the quiz app",
        measure="the pull request is merged",
        due_in=10,
    ),
    "sprint-exercises": Example("SMART", "finish the exercises in sprint 2", due_in=10),
    "fix-a-bug": Example("SMART", "fix the bug in my to-do list app where deleted items come back"),
    "deploy-portfolio": Example("SMART", "deploy my portfolio website to Netlify"),
    "landing-page": Example("SMART", "make a landing page for my portfolio"),
    "react-hooks-by-building": Example(
        "SMART", "learn React hooks by building a counter component", due_in=14
    ),
    "vague-made-concrete": Example("SMART", "get better at JS by finishing 5 katas"),
    "coursework-module": Example("SMART", "complete the HTML/CSS module coursework", due_in=21),
    "submit-cv": Example("SMART", "submit my CV to the careers team for feedback"),
    "push-due-today": Example(
        "SMART", "push my code to GitHub", measure="new commits show on GitHub", due_in=0
    ),
    "minutes-a-day": Example("SMART", "spend 30 minutes a day on Codewars"),
    "date-in-the-text": Example(
        "SMART", "finish the scoring feature of the quiz app by 20 January", due_in=6
    ),
    "sql-questions-tomorrow": Example("SMART", "answer 10 questions on the SQL quiz", due_in=1),
    "fifty-katas-in-a-month": Example("SMART", "finish 50 katas", due_in=30),
    # Mentors set goals too, to lead by example.
    "mentor-review-prs": Example("SMART", "review 2 pull requests for the group"),
    "mentor-three-resources": Example(
        "SMART", "bring 3 resources on CSS grid to the next session", due_in=14
    ),
    "mentor-share-notes": Example(
        "SMART",
        "share my notes on recursion with the group",
        measure="posted in the group's Slack channel",
    ),
    "mentor-demo": Example("SMART", "prepare a 10 minute demo of debugging in Chrome"),
    # Too much for the time there is.
    "fifty-katas-in-two-days": Example("SM.RT", "finish 50 katas", due_in=2),
    "twenty-katas-by-tomorrow": Example("SM.RT", "finish 20 katas by tomorrow", due_in=1),
    "many-goals-due-together": Example("SM.RT", "finish 2 katas on loops", busy=3),
    "a-few-goals-due-together": Example("SMART", "finish 2 katas on loops", busy=2),
    # Not about the course.
    "read-novels": Example("SMA.T", "read 2 novels this month", due_in=30),
    "go-running": Example("SMA.T", "run 5 km every morning"),
    # Deadlines.
    "deadline-passed": Example("SMAR.", "finish 3 katas on arrays", due_in=-2),
    "no-deadline": Example("SMAR.", "write 2 functions that use array methods", due_in=None),
}


def _letters(findings) -> str:
    return "".join(f.letter if f.ok else "." for f in findings)


@pytest.mark.parametrize("example", EXAMPLES.values(), ids=EXAMPLES.keys())
def test_findings_letter_by_letter(example):
    findings = example.findings()

    assert [f.letter for f in findings] == list("SMART")
    assert _letters(findings) == example.expected, [f.advice for f in findings if not f.ok]


def test_the_table_is_big_enough_and_has_good_and_bad_goals():
    expectations = [example.expected for example in EXAMPLES.values()]

    assert len(EXAMPLES) >= 30
    for position, letter in enumerate("SMART"):
        assert any(e[position] == letter for e in expectations)
        assert any(e[position] == "." for e in expectations)


# How a failing letter tells the writer what to do: each advice names the fix.
FIXES = {
    "S": ("build", "write", "finish", "read", "fix"),
    "M": ("number", "pull request", "done"),
    "A": ("smaller", "more time", "fewer", "drop", "move"),
    "R": ("topic", "module", "aim"),
    "T": ("deadline", "date"),
}


@pytest.mark.parametrize("example", EXAMPLES.values(), ids=EXAMPLES.keys())
def test_advice_for_a_missing_letter_says_how_to_fix_it(example):
    for finding in example.findings():
        assert finding.advice.strip()
        if not finding.ok:
            advice = finding.advice.lower()
            assert any(fix in advice for fix in FIXES[finding.letter]), finding.advice
            assert finding.advice.endswith((".", "”")), finding.advice


def test_the_advice_names_what_is_vague_and_how_much_is_too_much():
    vague = Example("..ART", "get better at JS").findings()[0]
    heavy = Example("SM.RT", "finish 50 katas", due_in=2).findings()[2]
    busy = Example("SM.RT", "finish 2 katas on loops", busy=4).findings()[2]
    past = Example("SMAR.", "finish 3 katas", due_in=-2).findings()[4]

    assert "“get better”" in vague.advice
    assert "50 in 2 days" in heavy.advice
    assert "4 open goals" in busy.advice
    assert "already passed" in past.advice


def test_a_lot_of_work_is_fine_when_a_session_comes_before_the_deadline():
    """The next session can review the goal before it is due, so the checker trusts the plan."""
    findings = check(
        text="finish 20 katas",
        deadline=TODAY + timedelta(days=3),
        today=TODAY,
        next_session=TODAY + timedelta(days=2),
    )

    assert findings[2].ok


def test_the_same_goal_always_gets_the_same_advice():
    for example in EXAMPLES.values():
        assert example.findings() == example.findings()


_PRINT_ALL = """
from mentorplan.goals.tests.test_smart import EXAMPLES
for name, example in EXAMPLES.items():
    print(name, [(f.ok, f.advice) for f in example.findings()])
"""


def test_the_advice_does_not_depend_on_the_process():
    """Python orders sets differently in each process; the advice must not follow that order."""
    outputs = set()
    for seed in ("1", "2", "3"):
        result = subprocess.run(
            [sys.executable, "-c", _PRINT_ALL],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(result.stdout)

    assert len(outputs) == 1
    assert "get-better-at-js" in outputs.pop()
