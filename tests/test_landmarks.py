"""The built pages' landmarks and controls: no empty table of contents, no unlabelled control, no two landmarks of a kind with one name."""

from __future__ import annotations

from collections import Counter

import pytest
from bs4 import BeautifulSoup, Tag
from site_support import BuiltSite

# The landmark role an element has without a role attribute (HTML-AAM); header
# and footer only when they are not inside an article, aside, main, nav or section.
IMPLICIT_ROLES = {
    "nav": "navigation",
    "main": "main",
    "aside": "complementary",
    "header": "banner",
    "footer": "contentinfo",
}
SECTIONING = ("article", "aside", "main", "nav", "section")
LANDMARK_ROLES = {
    "banner",
    "complementary",
    "contentinfo",
    "form",
    "main",
    "navigation",
    "region",
    "search",
}


def html_pages(site: BuiltSite) -> list[str]:
    pages = sorted(str(path.relative_to(site.root)) for path in site.root.rglob("*.html"))
    assert "faq/index.html" in pages and "404.html" in pages
    return pages


def read(site: BuiltSite, page: str) -> BeautifulSoup:
    return BeautifulSoup((site.root / page).read_text(encoding="utf-8"), "html.parser")


def accessible_name(element: Tag, soup: BeautifulSoup) -> str:
    if element.get("aria-labelledby"):
        return " ".join(
            soup.find(id=ref).get_text(" ", strip=True)
            for ref in element["aria-labelledby"].split()
            if soup.find(id=ref)
        )
    return element.get("aria-label", "").strip()


def landmark_role(element: Tag, soup: BeautifulSoup) -> str | None:
    role = element.get("role") or IMPLICIT_ROLES.get(element.name)
    if (
        element.name in ("header", "footer")
        and not element.get("role")
        and element.find_parent(SECTIONING)
    ):
        return None
    if element.name in ("form", "section") and not element.get("role"):
        role = (
            ("form" if element.name == "form" else "region")
            if accessible_name(element, soup)
            else None
        )
    return role if role in LANDMARK_ROLES else None


def landmarks(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(role, accessible name) of each landmark on the page."""
    return [
        (role, accessible_name(element, soup))
        for element in soup.find_all(True)
        if (role := landmark_role(element, soup))
    ]


def test_the_landmark_reader_sees_landmarks_and_their_names():
    soup = BeautifulSoup(
        '<header></header><article><header></header></article><nav aria-label="A"></nav><form></form><div role="search"></div>',
        "html.parser",
    )
    assert landmarks(soup) == [("banner", ""), ("navigation", "A"), ("search", "")]


@pytest.fixture(scope="module")
def pages(site: BuiltSite) -> dict[str, BeautifulSoup]:
    return {page: read(site, page) for page in html_pages(site)}


def test_no_two_landmarks_of_a_kind_share_a_name(pages: dict[str, BeautifulSoup]):
    repeated = {
        page: [
            f"{count} × {role} {name!r}"
            for (role, name), count in Counter(landmarks(soup)).items()
            if count > 1
        ]
        for page, soup in pages.items()
    }
    assert {page: found for page, found in repeated.items() if found} == {}


def test_every_table_of_contents_lists_something(pages: dict[str, BeautifulSoup]):
    empty = [
        page
        for page, soup in pages.items()
        for nav in soup.select("nav.md-nav--secondary")
        if not nav.select("a.md-nav__link[href]")
    ]
    assert empty == []
    without = [
        page
        for page, soup in pages.items()
        if soup.select_one("article h2[id]")
        and not soup.select_one(".md-sidebar--secondary nav [data-md-component=toc]")
    ]
    assert without == [], "a page with sections has no table of contents"


def test_every_form_control_has_a_label(pages: dict[str, BeautifulSoup]):
    def labelled(control: Tag, soup: BeautifulSoup) -> bool:
        by_for = control.get("id") and soup.select_one(f'label[for="{control["id"]}"]')
        return bool(
            by_for
            or control.find_parent("label")
            or control.get("aria-label")
            or control.get("aria-labelledby")
        )

    unlabelled = [
        f"{page}: {control}"
        for page, soup in pages.items()
        for control in soup.select("input:not([type=hidden]), select, textarea")
        if not labelled(control, soup)
    ]
    assert unlabelled == []


def test_a_page_without_sections_has_no_table_of_contents(pages: dict[str, BeautifulSoup]):
    bare = [
        page
        for page, soup in pages.items()
        if not soup.select_one("article h2[id], article h3[id]")
    ]
    assert bare, "no page to check: every page has sections"
    assert [page for page in bare if pages[page].select_one("#__toc, nav.md-nav--secondary")] == []
