from django.contrib import messages
from django.db import transaction
from django.db.models import Count, F, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from mentorplan.accounts.http import MentorRequest
from mentorplan.plans.forms import PlanTemplateForm, SegmentForm
from mentorplan.plans.models import PlanSegment, PlanTemplate


def _get_template(request: MentorRequest, key: str, *, editable: bool = False) -> PlanTemplate:
    """A plan the mentor may see (built-in or their own), or only their own when editing."""
    plans = PlanTemplate.objects.for_user(request.user)
    if editable:
        plans = plans.filter(owner=request.user)
    template = plans.filter(key=key).first()
    if template is None:
        raise Http404("No such plan.")
    return template


def _get_segment(request: MentorRequest, key: str) -> PlanSegment:
    segment = (
        PlanSegment.objects.select_related("template")
        .filter(key=key, template__owner=request.user)
        .first()
    )
    if segment is None:
        raise Http404("No such segment.")
    return segment


def _render_editor(
    request: MentorRequest,
    template: PlanTemplate,
    *,
    bound: SegmentForm | None = None,
    add_form: SegmentForm | None = None,
    title_form: PlanTemplateForm | None = None,
    error: str = "",
) -> HttpResponse:
    segments = list(template.segments.all())
    forms = [
        bound
        if bound is not None and bound.instance.pk == segment.pk
        else SegmentForm(instance=segment)
        for segment in segments
    ]
    context = {
        "plan": template,
        "rows": list(zip(segments, forms, strict=True)),
        "total": sum(segment.minutes for segment in segments),
        "add_form": add_form or SegmentForm(prefix="new"),
        "title_form": title_form or PlanTemplateForm(instance=template),
        "editable": template.is_editable_by(request.user),
        "error": error,
        "nav": "plans",
    }
    name = "plans/detail.html#editor" if request.htmx else "plans/detail.html"
    return render(request, name, context)


def _done(request: MentorRequest, template: PlanTemplate, message: str = "") -> HttpResponse:
    if request.htmx:
        return _render_editor(request, template)
    if message:
        messages.success(request, message)
    return redirect("plans:detail", key=template.key)


@require_safe
def plan_list(request: MentorRequest) -> HttpResponse:
    plans = (
        PlanTemplate.objects.for_user(request.user)
        .annotate(total=Sum("segments__minutes"), count=Count("segments"))
        # Built-in plans first on every database (NULLs sort differently in SQLite and PostgreSQL).
        .order_by(F("owner_id").asc(nulls_first=True), "title")
    )
    return render(request, "plans/list.html", {"plans": plans, "nav": "plans"})


@require_safe
def plan_detail(request: MentorRequest, key: str) -> HttpResponse:
    return _render_editor(request, _get_template(request, key))


@require_POST
def plan_copy(request: MentorRequest, key: str) -> HttpResponse:
    original = _get_template(request, key)
    with transaction.atomic():
        copy = original.copy_for(request.user)
    messages.success(
        request, f"This is your own copy of “{original.title}”. Change anything you like."
    )
    return redirect("plans:detail", key=copy.key)


@require_POST
def plan_rename(request: MentorRequest, key: str) -> HttpResponse:
    template = _get_template(request, key, editable=True)
    form = PlanTemplateForm(request.POST, instance=template)
    if not form.is_valid():
        template.refresh_from_db()
        return _render_editor(request, template, title_form=form)
    form.save()
    return _done(request, template, "Plan name saved.")


@require_POST
def plan_delete(request: MentorRequest, key: str) -> HttpResponse:
    template = _get_template(request, key, editable=True)
    title = template.title
    template.delete()
    messages.success(request, f"“{title}” is deleted.")
    return redirect("plans:list")


@require_POST
def segment_add(request: MentorRequest, key: str) -> HttpResponse:
    template = _get_template(request, key, editable=True)
    form = SegmentForm(request.POST, prefix="new")
    if not form.is_valid():
        return _render_editor(request, template, add_form=form)
    with transaction.atomic():
        segment = form.save(commit=False)
        segment.template = template
        segment.position = template.segments.count() + 1
        segment.save()
        template.save(update_fields=["updated_at"])
    return _done(request, template, f"“{segment.title}” added.")


@require_POST
def segment_update(request: MentorRequest, key: str) -> HttpResponse:
    segment = _get_segment(request, key)
    form = SegmentForm(request.POST, instance=segment)
    if not form.is_valid():
        segment.refresh_from_db()
        return _render_editor(request, segment.template, bound=form)
    form.save()
    return _done(request, segment.template, f"“{segment.title}” saved.")


@require_POST
def segment_move(request: MentorRequest, key: str) -> HttpResponse:
    segment = _get_segment(request, key)
    template = segment.template
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return _render_editor(request, template, error="Choose to move the segment up or down.")
    with transaction.atomic():
        segments = list(template.segments.select_for_update())
        index = segments.index(segment)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(segments):
            segments[index], segments[other] = segments[other], segments[index]
            for position, item in enumerate(segments, start=1):
                item.position = position
            PlanSegment.objects.bulk_update(segments, ["position"])
    return _done(request, template)


@require_POST
def segment_delete(request: MentorRequest, key: str) -> HttpResponse:
    segment = _get_segment(request, key)
    template = segment.template
    with transaction.atomic():
        if template.segments.select_for_update().count() <= 1:
            return _render_editor(
                request, template, error="A plan needs at least one segment, so the last one stays."
            )
        segment.delete()
        template.renumber()
    return _done(request, template, f"“{segment.title}” removed.")
