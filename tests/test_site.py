"""The built site: every part of the article is there, findable, minified and self-hosted."""

from __future__ import annotations

import itertools
import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
from browser_support import page_url
from bs4 import BeautifulSoup
from site_support import PAGES, BuiltSite, reading_text
from sitebuild.check.manifest import Manifest
from sitebuild.check.manuscript import Unit
from sitebuild.check.page_text import normalize, sentences

ORIGIN = "http://127.0.0.1/"

# Link relations whose target the browser downloads by itself.
FETCHED_LINK_RELS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "manifest",
    "preconnect",
    "dns-prefetch",
}
# Elements whose attribute the browser downloads by itself.
FETCHED_ATTRIBUTES = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "track": "src",
    "object": "data",
}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")


def heading_text(heading) -> str:
    """A heading's words, without Material's permalink sign."""
    for link in heading.select("a.headerlink"):
        link.decompose()
    return heading.get_text(" ", strip=True)


def is_other_host(url: str) -> bool:
    return bool(urlsplit(urljoin(ORIGIN, url)).netloc not in ("127.0.0.1", ""))


def test_build_prints_no_warning(site: BuiltSite):
    noisy = [line for line in site.log.splitlines() if re.match(r"\s*(WARNING|ERROR)", line)]
    assert not noisy, "the build printed:\n" + "\n".join(noisy)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_built_and_in_the_navigation(site: BuiltSite, page: str):
    assert site.html_path(page).is_file(), f"{page} was not built"
    home = site.soup("index.md")
    nav_paths = {
        urlsplit(urljoin(ORIGIN, a["href"])).path
        for a in home.select("nav.md-nav--primary a.md-nav__link[href]")
    }
    assert page_url(page) in nav_paths, f"{page} is not in the navigation: {sorted(nav_paths)}"


def test_each_section_heading_appears_exactly_once_on_its_page(site: BuiltSite, manifest: Manifest):
    found: dict[str, list[str]] = {}
    for page in manifest.pages:
        for heading in site.article(page).select("h1, h2, h3, h4, h5, h6"):
            found.setdefault(heading_text(heading), []).append(page)
    for section in manifest.sections:
        assert found.get(section.heading) == [section.page], (
            f"{section.heading!r} found on {found.get(section.heading)}"
        )


def test_every_sentence_of_the_manuscript_is_on_its_built_page(
    site: BuiltSite, article_units: list[Unit]
):
    for unit in article_units:
        text = normalize(reading_text(without_site_marks(site.article(unit.page))))
        for sentence in sentences(unit.text):
            assert sentence in text, f"{unit.page} ({unit.section}) lost {sentence!r}"


def without_site_marks(article):
    """The article less footnote marks and permalinks, which sit between the author's words."""
    for mark in article.select("sup[id^=fnref], a.headerlink"):
        mark.decompose()
    return article


def test_home_page_carries_the_introduction(site: BuiltSite):
    # The first paragraph of the text itself, after the review dates and the key points.
    first_paragraph = reading_text(site.article("index.md").select_one("h1 ~ p:not(.page-review)"))
    assert first_paragraph.startswith("Chronic pain is a problem that affects thousands of people")
    assert first_paragraph.endswith("chronic pain resistant to treatment.")


def test_faq_questions_are_collapsible_with_answers(
    site: BuiltSite, manifest: Manifest, article_units: list[Unit]
):
    article = site.article(manifest.faq_page)
    details = article.select("details")
    for permalink in article.select("details a.headerlink"):
        permalink.decompose()  # the ¶ is a link to the question, not part of it or its answer
    questions = [d.summary.get_text(" ", strip=True) for d in details]
    assert questions == list(manifest.questions)
    answers = [
        unit.text
        for previous, unit in itertools.pairwise(article_units)
        if previous.kind == "question"
    ]
    for block, question, expected in zip(details, manifest.questions, answers, strict=True):
        block.summary.decompose()
        answer = normalize(reading_text(block))
        assert answer == expected, f"the answer to {question!r} is not the manuscript's: {answer!r}"
        assert "open" not in block.attrs, f"{question!r} should start closed"


def test_search_index_covers_every_page(
    site: BuiltSite, manifest: Manifest, article_units: list[Unit]
):
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = {"/" + doc["location"].split("#")[0] for doc in index["docs"]}
    assert {page_url(page) for page in manifest.pages} <= {
        path if path.endswith("/") else path + "/" for path in indexed
    }
    indexed_html = BeautifulSoup(
        " ".join(f"{doc['title']} {doc['text']}" for doc in index["docs"]), "html.parser"
    )
    for mark in indexed_html.select("sup"):
        mark.decompose()
    words = indexed_html.get_text().lower()
    for unit in article_units:
        first = sentences(unit.text)[0].lower().rstrip(".?")
        assert first in " ".join(words.split()), f"{unit.section!r} is not searchable: {first!r}"


def test_search_index_leaves_out_what_would_lead_searches_away_from_the_article(site: BuiltSite):
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(f"{doc['title']} {doc['text']}" for doc in index["docs"])
    assert "Key points" not in text, "key points repeat their page"
    assert "doi.org" not in text and "What it found" not in text, (
        "the reference list (every title says ketamine or pain)"
    )
    assert "ketosis" not in text, "the editorial notes quote the manuscript's wrong words"
    assert "Text last checked" not in text and "Read the article" not in text
    assert "This is not medical advice" in text, "the disclaimer stays findable"


def test_html_is_minified(site: BuiltSite):
    pages = sorted(site.root.rglob("*.html"))
    assert len(pages) >= len(PAGES) + 1  # every page and the 404 page
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "<!--" not in html, f"{path.relative_to(site.root)} keeps HTML comments"
        assert not re.search(r">\n\s+<", html), f"{path.relative_to(site.root)} is not minified"


def test_no_page_or_stylesheet_loads_from_another_host(site: BuiltSite):
    offenders = []
    for path in site.root.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in FETCHED_ATTRIBUTES.items():
            offenders += [
                (path.name, el[attribute])
                for el in soup.find_all(tag)
                if el.get(attribute) and is_other_host(el[attribute])
            ]
        for link in soup.find_all("link", href=True):
            if FETCHED_LINK_RELS & set(link.get("rel", [])) and is_other_host(link["href"]):
                offenders.append((path.name, link["href"]))
        for styled in soup.find_all(style=True):
            offenders += [
                (path.name, url) for url in CSS_URL.findall(styled["style"]) if is_other_host(url)
            ]
        # Material's bundle fetches Mermaid from a CDN only for a page with a diagram.
        assert not soup.select(".mermaid"), (
            f"{path} has a Mermaid diagram, which loads a script from a CDN"
        )
    for css in site.root.rglob("*.css"):
        offenders += [
            (css.name, url)
            for url in CSS_URL.findall(css.read_text(encoding="utf-8"))
            if is_other_host(url)
        ]
    assert not offenders, f"assets from other hosts: {offenders}"


def test_search_worker_and_language_files_are_self_hosted(site: BuiltSite):
    scripts = {p.name for p in (site.root / "assets" / "javascripts").rglob("*.js")}
    assert any(name.startswith("bundle.") for name in scripts)
    assert any(name.startswith("search.") for name in scripts), "the search worker is missing"


# The budget hooks/README.md states ("What the build refuses"); pages are capped at 40 kB each (hooks/sitebuild/load/inputs.py).
SEARCH_INDEX_BUDGET = 60_000


def test_the_search_index_stays_under_its_budget(site: BuiltSite):
    size = (site.root / "search" / "search_index.json").stat().st_size
    assert 0 < size < SEARCH_INDEX_BUDGET, f"the search index is {size:,} bytes"
