from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_POST

from mentorplan.accounts.http import MentorRequest
from mentorplan.calls.access import get_call, get_trainee_of
from mentorplan.calls.conflicts import answer_conflict
from mentorplan.calls.models import Call
from mentorplan.calls.tools import answer, refuse
from mentorplan.recap import actions
from mentorplan.recap.forms import MethodForm, RetroForm, TopicForm, TopicStatusForm, WorkForm
from mentorplan.recap.models import Method, Topic, TopicWork
from mentorplan.recap.segment_tools import RECAP, TECHNICAL, methods_for


def _get_topic(call: Call, key: str) -> Topic:
    try:
        return Topic.objects.get(key=key, group=call.group)
    except (Topic.DoesNotExist, ValueError, ValidationError):
        raise Http404("No such topic in this group.") from None


@require_POST
def retro_save(request: MentorRequest, key: str, trainee: str) -> HttpResponse:
    call = get_call(request, key)
    person = get_trainee_of(call, trainee)
    form = RetroForm(request.POST, prefix=f"r{person.pk}")
    if not form.is_valid():
        what = f"{person.name}'s retro was not saved"
        return refuse(request, call, RECAP, form, what, failed={person.pk: form})
    actions.save_retro_form(call, person, form, request.user)
    if form.conflict:
        what = f"{person.name}'s retro"
        return answer_conflict(request, call, RECAP, form.conflict, what, failed={person.pk: form})
    return answer(request, call, RECAP)


@require_POST
def topic_status(request: MentorRequest, key: str, topic: str) -> HttpResponse:
    call = get_call(request, key)
    subject = _get_topic(call, topic)
    form = TopicStatusForm(request.POST, people=subject.people.all())
    if not form.is_valid() or form.person is None:
        failed = (subject.pk, form.person.pk if form.person else None)
        return refuse(request, call, TECHNICAL, form, failed_status=failed)
    changed = form.person.set_status(form.cleaned_data["status"], call=call)
    return answer(request, call, TECHNICAL, changed=changed)


@require_POST
def work_save(request: MentorRequest, key: str, topic: str) -> HttpResponse:
    call = get_call(request, key)
    subject = _get_topic(call, topic)
    work = TopicWork.objects.filter(call=call, topic=subject).first()
    methods = methods_for(call)
    form = WorkForm(request.POST, instance=work, methods=methods, prefix=f"w{subject.pk}")
    if not form.is_valid():
        what = f"The notes on “{subject.title}” were not saved"
        return refuse(request, call, TECHNICAL, form, what, failed_work=(subject.pk, form))
    actions.save_work(call, subject, form, request.user)
    if form.conflict:
        what = f"the notes on “{subject.title}”"
        state = {"failed_work": (subject.pk, form)}
        return answer_conflict(request, call, TECHNICAL, form.conflict, what, **state)
    return answer(request, call, TECHNICAL)


@require_POST
def topic_add(request: MentorRequest, key: str) -> HttpResponse:
    call = get_call(request, key)
    trainees = list(call.group.trainees.active())
    form = TopicForm(request.POST, trainees=[(str(t.key), t.name) for t in trainees])
    if not form.is_valid():
        return refuse(request, call, TECHNICAL, form, topic_form=form)
    chosen = [t for t in trainees if str(t.key) in form.cleaned_data["trainees"]]
    with transaction.atomic():
        actions.add_topic(call, form.cleaned_data["title"].strip(), chosen)
    return answer(request, call, TECHNICAL)


@require_POST
def method_add(request: MentorRequest, key: str) -> HttpResponse:
    call = get_call(request, key)
    # The mentor's own method: co-mentors see it too (`methods_for`).
    form = MethodForm(request.POST, instance=Method(owner=request.user))
    if not form.is_valid():
        what = "The method was not added"
        return refuse(request, call, TECHNICAL, form, what, method_form=form)
    form.save()
    return answer(request, call, TECHNICAL)
