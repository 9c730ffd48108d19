"""Read the wrap-up pages the way a mentor reads them."""

import re

from django.http import HttpResponse

from mentorplan.testing import page_text


def text_of(response: HttpResponse) -> str:
    """The page's text as page_text gives it, without the space a closing tag leaves before
    punctuation ("<strong>Amal</strong>: …" reads "Amal: …")."""
    return re.sub(r" ([:.,])", r"\1", page_text(response))
