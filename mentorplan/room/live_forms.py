"""What a trainee sends during a live call, besides their word on a goal (`GoalReportForm`)."""

from django import forms

from mentorplan.lib.forms import VersionField
from mentorplan.recap.forms import TopicForm
from mentorplan.room.forms import RetroDraftForm
from mentorplan.room.presence import HandKind


class LiveRetroForm(RetroDraftForm):
    """The retro during the call: the same questions as before it, saved into the session's
    retro on the version the trainee saw (`version`), so a mentor's newer text is never lost."""

    TEXT_FIELDS = ("last_lesson", "homework", "not_understood")

    version = VersionField(
        widget=forms.HiddenInput, error_messages={"required": "Please try again."}
    )


class TopicLineForm(forms.Form):
    """Something the trainee still finds hard: it joins the group's topics as theirs."""

    title = forms.CharField(
        label="What do you still find hard?",
        max_length=200,
        error_messages=TopicForm.base_fields["title"].error_messages,
    )
    clean_title = TopicForm.clean_title


class HandForm(forms.Form):
    kind = forms.ChoiceField(
        choices=HandKind.choices,
        error_messages={
            "required": "Choose “I'm stuck” or “Need a minute”.",
            "invalid_choice": "Choose “I'm stuck” or “Need a minute”.",
        },
    )
