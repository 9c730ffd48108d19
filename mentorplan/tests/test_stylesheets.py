"""Each page loads the stylesheets of what it shows, and no other.

Every page loads `mentorplan.css`. What only a few pages show (tables and charts: `reports.css`;
the plan editor: `plans.css`) has a stylesheet of its own, which only those pages load, so the
live session, drawn on a slow phone connection every week, does not download them. A page that
shows something styled there without loading it would look broken; a page that loads it
without showing anything of it would download it for nothing."""

import re
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from mentorplan.testing.pages import FRAGMENT, every_page

OWN_SHEETS = ["reports.css", "plans.css"]
# A selector's pseudo-classes and -elements (":first-child", "::before", ":nth-child(2)") and
# attribute tests ("[open]"): what is left names classes and elements.
PSEUDO = re.compile(r"::?[\w-]+(\([^)]*\))?|\[[^\]]*\]")


@cache
def _selectors(sheet: str) -> list[tuple[set[str], set[str]]]:
    """Each selector of `sheet`, as the classes and the elements a page must have for it to
    match anything. Read once a sheet, not once a page."""
    path = Path(settings.BASE_DIR) / "static" / "css" / sheet
    text = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.DOTALL)
    found = []
    for selectors in re.findall(r"([^{}]+)\{", text):
        if selectors.lstrip().startswith("@"):
            continue
        for selector in selectors.split(","):
            plain = PSEUDO.sub("", selector)
            classes = set(re.findall(r"\.([\w-]+)", plain))
            elements = set(re.findall(r"(?<![\w.#-])([a-z][a-z0-9]*)", plain))
            found.append((classes, elements))
    return found


def _shows(page: BeautifulSoup, sheet: str) -> bool:
    used = {name for tag in page.find_all(class_=True) for name in tag["class"]}
    present = {tag.name for tag in page.find_all(True)}
    return any(classes <= used and elements <= present for classes, elements in _selectors(sheet))


def _loads(page: BeautifulSoup, sheet: str) -> bool:
    links = page.select('link[rel="stylesheet"][href]')
    return any(Path(str(link["href"])).name.split(".")[0] == sheet.split(".")[0] for link in links)


def test_a_selector_is_read_as_what_it_needs():
    assert _selectors("reports.css")[:2] == [({"table-wrap"}, set()), (set(), {"table"})]
    assert ({"barlist"}, {"li"}) in _selectors("reports.css")
    assert ({"feedback-table"}, {"td"}) in _selectors("reports.css")  # td:nth-child(2)
    assert ({"segment-form", "field"}, set()) in _selectors("plans.css")


@pytest.mark.django_db
@pytest.mark.parametrize("sheet", OWN_SHEETS)
def test_a_page_loads_a_sheet_exactly_when_it_shows_what_it_styles(client, sheet):
    pages = {
        name: BeautifulSoup(html, "html.parser")
        for name, html in every_page(client).items()
        if not html.startswith(FRAGMENT.split("{}")[0])  # a part: drawn into a page
    }

    shows = {name for name, page in pages.items() if _shows(page, sheet)}
    loads = {name for name, page in pages.items() if _loads(page, sheet)}

    assert shows, f"no page shows anything {sheet} styles"
    assert shows == loads, f"showing {sorted(shows)}, loading {sorted(loads)}"
