from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from mentorplan.accounts.http import MentorRequest
from mentorplan.groups.access import get_group, get_trainee
from mentorplan.groups.models import Trainee
from mentorplan.lib.timezones import zone_or_utc
from mentorplan.records.erase import erase_trainee, what_goes
from mentorplan.records.export import group_archive, to_json, trainee_data
from mentorplan.records.forms import EraseForm

FORMATS = {"", "json", "html"}


def _download(request: MentorRequest, body: str | bytes, kind: str, name: str) -> HttpResponse:
    """A file to save, named `name` with the reader's own today before its extension."""
    today = timezone.localdate(timezone.now(), zone_or_utc(request.user.timezone))
    stem, extension = name.rsplit(".", 1)
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{stem}-{today:%Y-%m-%d}.{extension}"'
    return response


@require_safe
def group_export(request: MentorRequest, key: str) -> HttpResponse:
    """A zip of the group as this mentor sees it: JSON, and each session as Markdown."""
    group, _ = get_group(request, key)
    archive = group_archive(group, request.user)
    return _download(request, archive, "application/zip", "mentorplan-group.zip")


@require_safe
def trainee_export(request: MentorRequest, key: str) -> HttpResponse:
    """Everything about one trainee: a page to read, or a file (JSON or HTML) to hand over."""
    trainee = get_trainee(request, key)
    fmt = request.GET.get("format", "")
    if fmt not in FORMATS:
        context = {"trainee": trainee, "nav": "groups", "bad_format": True, "data": None}
        return render(request, "records/trainee_export.html", context, status=400)
    data = trainee_data(trainee, request.user)
    if fmt == "json":
        return _download(request, to_json(data), "application/json", "trainee-record.json")
    if fmt == "html":
        page = render_to_string("records/trainee_record_file.html", {"data": data})
        return _download(request, page, "text/html; charset=utf-8", "trainee-record.html")
    context = {"trainee": trainee, "data": data, "nav": "groups", "bad_format": False}
    return render(request, "records/trainee_export.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def trainee_erase(request: MentorRequest, key: str) -> HttpResponse:
    trainee = get_trainee(request, key)
    form = EraseForm(request.POST or None, trainee=trainee)
    if request.method == "POST" and form.is_valid():
        group = trainee.group
        try:
            record = erase_trainee(trainee, user=request.user)
        except Trainee.DoesNotExist:
            messages.info(request, "Someone else erased this trainee a moment ago.")
        else:
            messages.success(
                request,
                "The trainee and everything about them are erased. "
                f"The erasure is recorded with the reference {record.key}.",
            )
        return redirect("groups:detail", key=group.key)
    context = {"trainee": trainee, "form": form, "goes": what_goes(trainee), "nav": "groups"}
    status = 400 if request.method == "POST" else 200
    return render(request, "records/trainee_erase.html", context, status=status)
