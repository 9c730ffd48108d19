"""Pages travel compressed by zlib-ng, as Django's own middleware would send them: gzip any
reader decompresses, a random padding against BREACH, the same headers."""

import gzip
import subprocess
from typing import Any

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.test import RequestFactory
from django.urls import reverse
from zlib_ng import gzip_ng

from mentorplan.lib import middleware
from mentorplan.lib.middleware import GZipMiddleware, compress
from mentorplan.testing import make_call, make_group, make_mentor, start_call

PAGE = ("<!doctype html><title>Session</title><h1>Welcome & chit chat</h1>" * 40).encode()


def answered(response: HttpResponseBase, *, accepts: bool = True) -> Any:
    """The response as the middleware sends it, to a browser that accepts gzip or not."""
    headers = {"Accept-Encoding": "gzip, deflate, br"} if accepts else {}
    request = RequestFactory().get("/", headers=headers)
    return GZipMiddleware(lambda request: response).process_response(request, response)


def test_a_page_decompresses_to_itself_in_python_and_with_the_gzip_command():
    sent = compress(PAGE, 100)

    assert gzip.decompress(sent) == PAGE
    read = subprocess.run(["gzip", "-dc"], input=sent, capture_output=True, check=True)
    assert read.stdout == PAGE


def test_each_answer_is_padded_by_a_random_number_of_bytes():
    sizes = {len(compress(PAGE, 100)) for _ in range(50)}

    assert len(sizes) > 10
    assert max(sizes) - min(sizes) < 100


def test_the_answer_carries_what_django_s_middleware_gives_it():
    page = HttpResponse(PAGE)
    page["ETag"] = '"v42"'

    response = answered(page)

    assert response["Content-Encoding"] == "gzip"
    assert response["Content-Length"] == str(len(response.content))
    assert "Accept-Encoding" in response["Vary"]
    assert response["ETag"] == 'W/"v42"'
    assert gzip.decompress(response.content) == PAGE


def test_without_gzip_accepted_or_for_a_few_bytes_the_answer_is_sent_as_it_is():
    plain = answered(HttpResponse(PAGE), accepts=False)
    short = answered(HttpResponse(b"<p>Saved</p>"))

    assert "Content-Encoding" not in plain
    assert plain.content == PAGE
    assert "Accept-Encoding" in plain["Vary"]
    assert "Content-Encoding" not in short


def test_a_streamed_answer_is_compressed_as_django_compresses_it():
    response = answered(StreamingHttpResponse(iter([PAGE, PAGE])))

    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(b"".join(response.streaming_content)) == PAGE * 2


@pytest.mark.django_db
def test_the_runner_is_compressed_by_zlib_ng(client, monkeypatch):
    used = []
    original = gzip_ng.compress

    def counted(data: bytes, **options: int) -> bytes:
        used.append(len(data))
        return original(data, **options)

    monkeypatch.setattr(middleware.gzip_ng, "compress", counted)
    mentor = make_mentor()
    call = start_call(make_call(make_group(mentor)))
    client.force_login(mentor)

    response = client.get(
        reverse("calls:detail", args=[call.key]), headers={"Accept-Encoding": "gzip"}
    )

    assert response["Content-Encoding"] == "gzip"
    assert used and used[-1] == len(gzip.decompress(response.content))
