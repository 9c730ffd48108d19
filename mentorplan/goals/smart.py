"""A deterministic SMART check for a goal, letter by letter.

It gives advice, never a verdict: each finding says what is missing and how to fix it, in words
a trainee can learn from. No network, no model: the same goal always gets the same advice.
"""

import re
from datetime import date

from mentorplan.lib.advice import Finding
from mentorplan.lib.dates import date_problem

# Verbs you can watch someone do: on their own they make a goal specific.
ACTION_WORDS = {
    "add", "answer", "apply", "ask", "attend", "book", "bring", "build", "change", "collect",
    "complete", "contribute", "create", "debug", "deploy", "design", "draft", "draw", "email",
    "explain", "finish", "fix", "give", "host", "implement", "join", "lead", "list", "meet",
    "merge", "open", "organise", "organize", "pair", "pass", "plan", "post", "prepare",
    "present", "publish", "push", "read", "rebuild", "record", "redo", "refactor", "rewrite",
    "review", "revise", "run", "schedule", "send", "set", "share", "ship", "sign", "solve",
    "submit", "summarise", "summarize", "teach", "test", "translate", "update", "upload",
    "write",
}  # fmt: skip
# Verbs that are only specific with a thing to show or a number: "do 3 katas", not "do coding".
WEAK_ACTIONS = {
    "code", "do", "go", "keep", "learn", "make", "practice", "practise", "spend", "start",
    "study", "try", "use", "watch", "work",
}  # fmt: skip
VAGUE_PHRASES = (
    "get better",
    "be better",
    "improve",
    "learn more",
    "more confident",
    "understand",
    "work on",
    "get good",
    "keep going",
    "try harder",
    "do more",
    "look at",
    "know more",
)
# Things you can show when they are done.
DELIVERABLES = {
    "app", "article", "blog", "bug", "challenge", "chapter", "commit", "component",
    "coursework", "cv", "demo", "exercise", "feature", "form", "function", "issue", "kata",
    "lesson", "module", "page", "post", "pr", "presentation", "project", "question", "quiz",
    "repo", "repository", "resource", "slide", "sprint", "talk", "test", "ticket", "video",
    "website",
}  # fmt: skip
# Words before a plural that make it a known set: "the exercises", not just "exercises".
DETERMINERS = {"all", "both", "each", "every", "my", "our", "the", "these", "this", "those"}
# Words of the course and of getting a job in tech.
COURSE_WORDS = {
    "accessibility", "algorithm", "algorithms", "api", "apis", "app", "array", "arrays", "async",
    "backend", "bash", "bug", "career", "careers", "closure", "closures", "code", "codewars",
    "coding", "component", "coursework", "css", "cv", "database", "debugging", "dom", "exercise",
    "exercises", "express", "fetch", "flexbox", "frontend", "function", "functions", "git",
    "github", "grid", "homework", "html", "interview", "javascript", "job", "js", "kata", "katas",
    "linkedin", "loop", "loops", "module", "node", "object", "objects", "portfolio", "postgres",
    "pr", "programming", "promise", "promises", "prs", "pull", "python", "react", "recursion",
    "repo", "repository", "slack", "sprint", "sql", "terminal", "testing", "typescript", "unix",
    "website",
}  # fmt: skip
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "once": 1, "twice": 2, "dozen": 12,
}  # fmt: skip
# A number after these names something ("chapter 4", "sprint 2"); it does not count anything.
LABELS = {
    "chapter", "day", "es", "exercise", "lesson", "level", "module", "number", "page", "part",
    "section", "sprint", "step", "task", "unit", "version", "week",
}  # fmt: skip
MONTHS = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december",
}  # fmt: skip
# A number before these is a length of time or a frequency, not an amount of work.
TIME_UNITS = {
    "am", "pm", "h", "hour", "hours", "hr", "hrs", "min", "mins", "minute", "minutes", "day",
    "days", "week", "weeks", "month", "months", "time", "times", "x",
}  # fmt: skip
# Small pieces of work: many of them fit in a day.
SMALL_UNITS = {"commit", "flashcard", "line", "page", "question", "test"}
DONE_WORDS = ("done when", "merged", "submitted", "published", "passes", "passing", "deployed")
BUSY_LIMIT = 3  # open goals due within a week of this one before we suggest fewer
PER_DAY_LIMIT = 3  # units of work a day that starts to look like a lot
SMALL_PER_DAY_LIMIT = 15  # the same, for small units such as quiz questions
# Dates written in the text ("2030-01-20", "20/1") are not amounts.
DATES = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b")


def _words(text: str) -> list[str]:
    text = DATES.sub(" ", text.lower().replace("’", "'"))
    return [word.removesuffix("'s") for word in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)]


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _verb_forms(word: str) -> set[str]:
    """The word and the base verbs it may be a form of: "building" → build, "writing" → write."""
    forms = {word}
    for suffix in ("ing", "ed"):
        stem = word.removesuffix(suffix)
        if stem != word and len(stem) >= 2:
            forms |= {stem, stem + "e"}
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])  # "submitted" → submit, "running" → run
    return forms


def _number(word: str) -> int | None:
    if word.isdigit() and len(word) <= 4:
        return int(word)
    return NUMBER_WORDS.get(word)


def _counts(words: list[str]) -> list[tuple[int, str]]:
    """The numbers that count something, each with the word after it: (3, "katas")."""
    found = []
    for i, word in enumerate(words):
        value = _number(word)
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        if value is None or before in LABELS or before in MONTHS or after in MONTHS:
            continue
        if word.isdigit() and 1900 <= value <= 2200:
            continue  # a year
        found.append((value, after))
    return found


def _deliverables(words: list[str]) -> list[str]:
    """Things to show: a singular deliverable ("a pull request"), or a plural one that is a known
    set ("the exercises", "3 katas"). A bare plural ("watch videos") says nothing about how many."""
    found = []
    for i, word in enumerate(words):
        singular = _singular(word)
        if singular not in DELIVERABLES and not (word == "pull" and "request" in words[i : i + 2]):
            continue
        plural = singular != word or words[i + 1 : i + 2] == ["requests"]
        before = words[max(0, i - 2) : i]
        if not plural or any(w in DETERMINERS or _number(w) is not None for w in before):
            found.append(singular)
    return found


def check(
    *,
    text: str,
    measure: str = "",
    deadline: date | None,
    topic: str = "",
    today: date,
    next_session: date | None = None,
    other_open_due_near: int = 0,
) -> list[Finding]:
    words = _words(text)
    all_words = _words(f"{text} {measure}")
    return [
        _specific(text, words),
        _measurable(f"{text} {measure}", measure, all_words),
        _achievable(all_words, deadline, today, next_session, other_open_due_near),
        _relevant(topic, all_words),
        _time_bound(deadline, today),
    ]


def _specific(text: str, words: list[str]) -> Finding:
    lowered = " ".join(words)
    if len(words) < 3:
        return Finding(
            "S",
            "Specific",
            False,
            "Say what you will do, and to what: a verb and a thing, "
            "for example “build the quiz page”.",
        )
    forms = set().union(*(_verb_forms(word) for word in words))
    if forms & ACTION_WORDS:
        return Finding("S", "Specific", True, "Clear about what will be done.")
    vague = next((phrase for phrase in VAGUE_PHRASES if phrase in lowered), None)
    if vague:
        return Finding(
            "S",
            "Specific",
            False,
            f"“{vague}” is hard to see from outside. Name the "
            "action that gets you there, for example “write three functions that use "
            "array methods”.",
        )
    weak = next((word for word in words if word in WEAK_ACTIONS), None)
    things = any(_singular(word) in DELIVERABLES for word in words)
    if weak and (things or _counts(words)):
        return Finding("S", "Specific", True, "Clear about what will be done.")
    if weak:
        return Finding(
            "S",
            "Specific",
            False,
            f"“{weak}” on its own could mean anything. Say what you will make, read or finish, "
            "for example “finish 2 katas on loops”.",
        )
    return Finding(
        "S",
        "Specific",
        False,
        "Start with an action you can do, such as build, write, finish, read or fix.",
    )


def _measurable(both: str, measure: str, all_words: list[str]) -> Finding:
    has_number = bool(_counts(all_words))
    has_deliverable = bool(_deliverables(all_words))
    has_done = len(_words(measure)) >= 3 or any(p in both.lower() for p in DONE_WORDS)
    if has_number or has_deliverable or has_done:
        return Finding("M", "Measurable", True, "Everyone can tell when it is done.")
    return Finding(
        "M",
        "Measurable",
        False,
        "How will we know it is done? Add a number (“3 katas”), "
        "a thing to show (“a pull request”), or say when it counts as done.",
    )


def _amount(words: list[str]) -> tuple[int, int] | None:
    """The biggest amount of work the goal names, and how much of it fits in a day."""
    amounts = [
        (value, SMALL_PER_DAY_LIMIT if _singular(unit) in SMALL_UNITS else PER_DAY_LIMIT)
        for value, unit in _counts(words)
        if unit not in TIME_UNITS
    ]
    return max(amounts, key=lambda amount: amount[0] / amount[1]) if amounts else None


def _achievable(
    words: list[str],
    deadline: date | None,
    today: date,
    next_session: date | None,
    other_open_due_near: int,
) -> Finding:
    if other_open_due_near >= BUSY_LIMIT:
        return Finding(
            "A",
            "Achievable",
            False,
            f"There are already {other_open_due_near} open "
            "goals due around the same time. Fewer goals that get done beat many that "
            "don't: consider dropping or moving one.",
        )
    amount = _amount(words)
    if deadline is not None and deadline >= today and amount:
        size, per_day = amount
        days = max(1, (deadline - today).days)
        if size / days > per_day and (next_session is None or deadline < next_session):
            return Finding(
                "A",
                "Achievable",
                False,
                f"{size} in {days} day"
                f"{'s' if days != 1 else ''} is a lot. Make it smaller, or give it "
                "more time.",
            )
    return Finding("A", "Achievable", True, "Looks possible in the time there is.")


def _relevant(topic: str, all_words: list[str]) -> Finding:
    if topic.strip() or set(all_words) & COURSE_WORDS:
        return Finding("R", "Relevant", True, "Linked to the course or a topic.")
    return Finding(
        "R",
        "Relevant",
        False,
        "Connect it to the course: name the topic, module or "
        "the aim it serves (for example “JavaScript arrays” or “my portfolio”).",
    )


def _time_bound(deadline: date | None, today: date) -> Finding:
    if deadline is None:
        return Finding("T", "Time-bound", False, "Set a deadline, so we know when to check.")
    if deadline < today:
        return Finding(
            "T", "Time-bound", False, "The deadline has already passed. Pick a date from today on."
        )
    if problem := date_problem(deadline, today):
        return Finding("T", "Time-bound", False, problem)
    return Finding("T", "Time-bound", True, f"Due {deadline:%a} {deadline.day} {deadline:%b}.")
