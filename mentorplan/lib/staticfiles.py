"""Static files as production serves them: minified, named by a hash of their content, compressed.

`collectstatic` copies the files in `static/` as they are; this storage then minifies each
stylesheet and script (tdewolff's minify, which parses them: comments and spaces out, a
function's local names shortened, nothing a page or another module can see renamed) before
WhiteNoise's storage names them by hash and writes their gzip and Brotli copies. The files in
`static/` stay readable, and development (DEBUG) serves them as they are.

Only the project's own files (STATICFILES_DIRS) are minified. Those of installed apps (the
admin's, htmx) are served as their authors ship them, and the project's tests check that its
own scripts still parse once minified.

Scripts import each other by relative path (`import { clockText } from "./clock-text.js"`);
the imports are rewritten to the hashed names, so a module and everything it imports are
cached for good and change together.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import minify as tdewolff
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from whitenoise.storage import CompressedManifestStaticFilesStorage

MEDIA_TYPES = {".js": "application/javascript", ".css": "text/css"}


def minify(name: str, text: str) -> str:
    """The text of the stylesheet or script `name`, minified; any other file's text as it is.
    A file whose name says it is minified already (`htmx.min.js`) is left alone."""
    stem, dot, extension = name.rpartition(".")
    media_type = MEDIA_TYPES.get(dot + extension)
    if media_type is None or stem.endswith(".min"):
        return text
    return str(tdewolff.string(media_type, text)).strip() + "\n"


def _is_own(source: Storage) -> bool:
    """Whether `source`, where collectstatic found a file, is one of STATICFILES_DIRS."""
    location = getattr(source, "location", None)
    roots = {entry[1] if isinstance(entry, tuple) else entry for entry in settings.STATICFILES_DIRS}
    return location is not None and Path(location).resolve() in {Path(r).resolve() for r in roots}


class MinifiedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed, hashed storage, with stylesheets and scripts minified first."""

    # The project's scripts import each other by relative path; Django rewrites those imports to
    # the hashed names (its "JS module import aggregation"), but only in the project's js/ folder:
    # installed apps' scripts are not written for it (htmx's extensions name a file that is not
    # there).
    patterns = (
        *CompressedManifestStaticFilesStorage.patterns,
        ("js/*.js", CompressedManifestStaticFilesStorage._js_module_import_aggregation_patterns[1]),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        """The address of `name`, worked out once per process: the manifest a server reads at its
        start does not change while it runs, and every page names a dozen static files."""
        if force or name is None:
            return super().url(name, force)
        found = self._urls.get(name)
        if found is None:
            found = self._urls[name] = super().url(name)
        return found

    def post_process(
        self, paths: dict[str, tuple[Storage, str]], dry_run: bool = False, **options: Any
    ) -> Iterator[tuple[str, str | None, Any]]:
        if not dry_run:
            paths = {name: self._minified(name, *source) for name, source in paths.items()}
        yield from super().post_process(paths, dry_run=dry_run, **options)

    def _minified(self, name: str, source: Storage, path: str) -> tuple[Storage, str]:
        """Replace the collected copy of `name`, one of the project's stylesheets or scripts, by
        its minified text, and have hashing and compression read that copy instead."""
        if not name.endswith(tuple(MEDIA_TYPES)) or not _is_own(source):
            return source, path
        with source.open(path) as file:
            text = file.read().decode("utf-8")
        minified = minify(name, text)
        if minified == text:
            return source, path
        if self.exists(name):
            self.delete(name)
        self._save(name, ContentFile(minified.encode("utf-8")))
        return self, name
