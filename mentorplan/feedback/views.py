from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST, require_safe

from mentorplan.accounts.http import MentorRequest
from mentorplan.calls.access import get_call, get_trainee_of
from mentorplan.calls.conflicts import answer_conflict
from mentorplan.calls.models import held_at_expression
from mentorplan.calls.tools import answer
from mentorplan.feedback import pea
from mentorplan.feedback.export import csv_response
from mentorplan.feedback.forms import FeedbackForm
from mentorplan.feedback.models import Feedback
from mentorplan.feedback.panels import team_rows
from mentorplan.feedback.segment_tools import FEEDBACK
from mentorplan.groups.access import get_group
from mentorplan.lib.http import form_errors
from mentorplan.lib.timezones import zone_or_utc
from mentorplan.recap.models import Topic

TEAM_VIEW_ROWS = 100  # the newest; the CSV has every row
NEWEST = held_at_expression("call__")  # feedback in the order its sessions took place


@require_POST
def feedback_save(request: MentorRequest, key: str, trainee: str) -> HttpResponse:
    call = get_call(request, key)
    person = get_trainee_of(call, trainee)
    existing = Feedback.objects.filter(call=call, trainee=person).first()
    form = FeedbackForm(request.POST, instance=existing, prefix=f"f{person.pk}")
    if not form.is_valid():
        error = f"The feedback was not saved: {form_errors(form)}"
        return answer(request, call, FEEDBACK, error=error, failed={person.pk: form})
    form.save_for(call, person, request.user)
    if form.conflict:
        what = f"the feedback on {person.name}"
        return answer_conflict(
            request, call, FEEDBACK, form.conflict, what, failed={person.pk: form}
        )
    saved = f"Feedback on {person.name} saved."
    return answer(request, call, FEEDBACK, saved=saved, just_saved=person.pk)


@require_POST
def pea_check(request: MentorRequest, key: str) -> HttpResponse:
    """Advice on the PEA parts being typed, for any prefix of the feedback form. Saves nothing;
    it is a POST only because three long notes do not fit in a URL."""
    get_group(request, key)
    values = {name.rsplit("-", 1)[-1]: str(value)[:4000] for name, value in request.POST.items()}
    findings = pea.check(
        values.get("precise", ""), values.get("evidence", ""), values.get("actionable", "")
    )
    return render(request, "feedback/includes/pea.html", {"findings": findings})


@require_safe
def team_view(request: MentorRequest, key: str) -> HttpResponse:
    group, _ = get_group(request, key)
    context = {"group": group, "rows": team_rows(group), "nav": "groups", "on_group_page": False}
    if request.htmx:  # the check-ins panel of the group page needs nothing more
        return render(request, "feedback/team.html#checkins", context)
    feedback = list(
        Feedback.objects.filter(call__group=group)
        .select_related("call", "trainee", "author")
        .order_by(NEWEST.desc(), "trainee__name")[: TEAM_VIEW_ROWS + 1]
    )
    context["feedback"] = feedback[:TEAM_VIEW_ROWS]
    context["more_feedback"] = len(feedback) > TEAM_VIEW_ROWS
    context["patterns"] = [
        topic
        for topic in Topic.objects.filter(group=group).prefetch_related("people__trainee")
        if topic.people.count() > 1
    ]
    return render(request, "feedback/team.html", context)


@require_safe
def export_csv(request: MentorRequest, key: str) -> HttpResponse:
    """The course tracker's mentoring sheet for this group."""
    group, _ = get_group(request, key)
    return csv_response(
        Feedback.objects.filter(call__group=group)
        .select_related("call__group", "trainee", "author")
        .order_by(NEWEST.asc(), "trainee__name"),
        zone_or_utc(request.user.timezone),
    )
