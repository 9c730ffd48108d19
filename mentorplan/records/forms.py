from django import forms

from mentorplan.groups.models import Trainee
from mentorplan.records.erase import confirms


class EraseForm(forms.Form):
    """Erasing cannot be undone, so the mentor types the trainee's name to say they mean it."""

    name = forms.CharField(label="Type their name to confirm", max_length=200)

    def __init__(self, *args: object, trainee: Trainee, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.trainee = trainee

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        if not confirms(self.trainee, name):
            raise forms.ValidationError(
                "That is not the name shown above, so nothing was erased. "
                "Type the name exactly as it appears on this page."
            )
        return name
