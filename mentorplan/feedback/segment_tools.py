"""Feedback for the course team, offered beside the technical mentoring tool."""

from typing import Any

from mentorplan.calls.tools import ToolBase
from mentorplan.feedback import pea
from mentorplan.feedback.forms import FeedbackForm
from mentorplan.feedback.models import Feedback

FEEDBACK = "feedback"  # the tool's name in the registry


def feedback_context(
    base: ToolBase, *, failed: dict[int, FeedbackForm] | None = None, just_saved: int | None = None
) -> dict[str, Any]:
    """One form per trainee, or the one that `failed`. The one just saved (a trainee's id) stays
    open, with its PEA check in view."""
    given = {f.trainee_id: f for f in Feedback.objects.filter(call=base.call)}
    rows = []
    for trainee in base.call.group.trainees.active():
        feedback = given.get(trainee.pk)
        form = (failed or {}).get(trainee.pk) or FeedbackForm(
            instance=feedback, prefix=f"f{trainee.pk}"
        )
        findings = (
            pea.check(feedback.precise, feedback.evidence, feedback.actionable) if feedback else []
        )
        rows.append({"trainee": trainee, "form": form, "feedback": feedback, "findings": findings})
    return {"feedback_rows": rows, "just_saved": just_saved}
