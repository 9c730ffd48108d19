"""Static files as `collectstatic` writes them for production: the project's stylesheets and
scripts minified (and still valid), the imports between scripts pointing at the hashed names,
installed apps' files as their authors ship them, and a Brotli copy of each."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from mentorplan.conftest import IN_CI
from mentorplan.lib.staticfiles import MinifiedStaticFilesStorage, minify
from mentorplan.testing.weight import collected, collected_static

SOURCE = Path(settings.BASE_DIR) / "static"


def own_files(extension: str) -> list[str]:
    return sorted(str(path.relative_to(SOURCE)) for path in SOURCE.rglob(f"*{extension}"))


@pytest.mark.parametrize("name", own_files(".js") + own_files(".css"))
def test_the_projects_stylesheets_and_scripts_are_served_minified_with_a_brotli_copy(name):
    source = (SOURCE / name).read_text()
    served = collected(name)

    text = served.read_text()
    assert len(text) < len(source), "not minified"
    assert "\n//" not in text and "/*" not in text and "\n  " not in text, "not minified"
    assert served.with_name(served.name + ".br").stat().st_size < served.stat().st_size


def test_the_source_files_stay_as_they_are_written():
    notes = (SOURCE / "js" / "notes.js").read_text()

    assert notes.startswith("// ")  # the comments that explain the module are still there
    assert minify("js/notes.js", notes) != notes


def test_a_script_imports_the_hashed_names_of_the_modules_it_uses():
    served = collected("js/autosave.js").read_text()

    imported = re.findall(r"""from\s*"\./([^"]+)\"""", served)
    assert imported == [collected("js/drafts.js").name]


@pytest.mark.parametrize("name", ["django_htmx/htmx-2.min.js", "django_htmx/django-htmx.js"])
def test_installed_apps_files_are_served_as_shipped(name):
    shipped = finders.find(name)

    assert isinstance(shipped, str)
    assert collected(name).read_bytes() == Path(shipped).read_bytes()


def test_each_minified_script_is_still_valid_javascript():
    """The minifier rewrites each script (shorter local names, fewer statements): what it
    writes must still parse, as a module, by a JavaScript engine of its own."""
    node = shutil.which("node")
    if node is None:
        message = "node is not installed (apt-get install nodejs), so scripts cannot be checked."
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    for name in own_files(".js"):
        result = subprocess.run(
            [node, "--input-type=module", "--check"],
            input=collected(name).read_bytes(),
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, f"{name}: {result.stderr.decode()}"


def test_each_static_address_is_worked_out_once_per_process(monkeypatch):
    storage = MinifiedStaticFilesStorage(location=collected_static())
    hashed = collected("css/mentorplan.css").relative_to(collected_static())
    assert storage.url("css/mentorplan.css").endswith(f"/{hashed}")

    def read_again(*args: object) -> str:
        raise AssertionError("the manifest was read again")

    monkeypatch.setattr(storage, "stored_name", read_again)
    assert storage.url("css/mentorplan.css").endswith(f"/{hashed}")
    with pytest.raises(AssertionError):
        storage.url("js/notes.js")  # one not asked for before is worked out
