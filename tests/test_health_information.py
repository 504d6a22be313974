"""What trusted health sites give readers: disclaimer, review dates, sources, plain words, sharing data."""

from __future__ import annotations

import datetime as dt
import json
import re
import struct
from urllib.parse import urljoin, urlsplit

import pyphen
import pytest
from browser_support import page_url
from site_support import PAGES, ROOT, BuiltSite, key_points
from sitebuild.check.manifest import Manifest, load_manifest
from sitebuild.check.page_standards import front_matter, read_date
from sitebuild.check.references import load_glossary, load_references
from sitebuild.finish.site import long_date

SITE_URL = "https://ketamine-for-chronic-pain.example.org/"
MAX_GRADE = 8
HYPHENATOR = pyphen.Pyphen(lang="en_US")
ARTICLE_PAGES = load_manifest()[0].article_pages()


def meta(page: str) -> dict:
    """Front matter, with the review dates as dates."""
    data = front_matter((ROOT / "docs" / page).read_text(encoding="utf-8"))[0]
    return {**data, **{field: read_date(data[field])[0] for field in ("reviewed", "next_review")}}


def structured(site: BuiltSite, page: str) -> dict:
    scripts = site.soup(page).select('script[type="application/ld+json"]')
    assert len(scripts) == 1, f"{page}: expected one JSON-LD block"
    return json.loads(scripts[0].string)


def words_of(text: str) -> str:
    return " ".join(text.split())


# --- disclaimer and review dates ----------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_every_page_carries_the_disclaimer_above_its_header(site: BuiltSite, page: str):
    banner = site.soup(page).select_one("aside.md-banner .disclaimer")
    assert banner is not None
    text = words_of(banner.get_text(" "))
    for promise in (
        "not medical advice",
        "qualified clinician before starting or stopping any treatment",
        "emergency number",
    ):
        assert promise in text
    link = urljoin(SITE_URL + page_url(page).lstrip("/"), banner.select_one("a")["href"])
    assert link == SITE_URL + "about/#this-is-not-medical-advice"
    assert site.soup("about.md").select_one("#this-is-not-medical-advice") is not None


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_its_review_dates_from_front_matter(site: BuiltSite, page: str):
    line = site.article(page).select_one("h1 + p.page-review")
    assert line is not None, f"{page}: no review line under the title"
    reviewed, next_review = meta(page)["reviewed"], meta(page)["next_review"]
    # "Checked against its sources" only where the page cites some; otherwise the line says it cites none.
    cites = "[^" in (ROOT / "docs" / page).read_text(encoding="utf-8")
    checked = (
        "Text last checked against its sources"
        if cites
        else "This page cites no sources. Text last checked by the editors"
    )
    assert (
        words_of(line.get_text())
        == f"{checked}: {long_date(reviewed)} · Next check due: {long_date(next_review)}"
    )
    assert "reviewed" not in line.get_text().lower(), (
        "no page claims a clinical review until its front matter names the reviewer"
    )


# --- sources --------------------------------------------------------------------


def test_the_references_page_lists_every_checked_source_with_its_doi(site: BuiltSite):
    references, problems = load_references()
    assert problems == [] and len(references) == 7
    article = site.article("references.md")
    entries = article.select("ol > li")
    assert len(entries) == len(references)
    for entry, reference in zip(entries, references.values(), strict=True):
        assert entry.select_one(f'a[href="https://doi.org/{reference.doi}"]') is not None
        assert words_of(reference.finding) in words_of(entry.get_text())


def test_every_source_is_cited_and_every_footnote_links_to_its_doi(site: BuiltSite):
    references, _ = load_references()
    cited = set()
    for page in PAGES:
        for note in site.article(page).select(".footnote li[id^='fn:']"):
            key = note["id"].removeprefix("fn:")
            cited.add(key)
            assert (
                note.select_one(f'a[href="https://doi.org/{references[key].doi}"]') is not None
            ), f"{page}: {key} has no DOI link"
            assert "What it found:" in note.get_text()
    assert cited == set(references), f"never cited: {set(references) - cited}"


@pytest.mark.parametrize(
    ("page", "claim", "key"),
    [
        ("index.md", "51.6 million people", "rikard2023"),
        ("chronic-pain.md", "more than three months", "treede2019"),
        ("treatment.md", "weak or no evidence for other conditions", "cohen2018"),
        ("treatment.md", "moderate evidence", "cohen2018"),
        ("safety.md", "and of nausea increased with ketamine", "orhurhu2019"),
        ("safety.md", "urological and liver adverse effects", "bell2017"),
        ("ketamine.md", "introduced into clinical practice by 1970", "gao2016"),
        ("evidence.md", "up to 2 weeks after the infusion", "orhurhu2019"),
        ("evidence.md", "at 1, 2, 8 and 12 weeks", "michelet2018"),
    ],
)
def test_a_supported_claim_has_a_footnote_to_its_source(
    site: BuiltSite, page: str, claim: str, key: str
):
    text = [
        p for p in site.article(page).select("p, li") if not p.find_parent(class_="abstract")
    ]  # key points cite nothing
    paragraph = next(p for p in text if claim in words_of(p.get_text(" ")))
    assert paragraph.select_one(f'sup a[href="#fn:{key}"]') is not None, (
        f"{page}: {claim!r} has no footnote to {key}"
    )


@pytest.mark.parametrize(
    ("page", "claim"),
    [
        ("index.md", "thousands of people all over the globe"),
        ("chronic-pain.md", "three or six months"),
        ("treatment.md", "have experienced significant improvements with ketamine therapy"),
        ("safety.md", "dizziness or hallucinations"),
        ("evidence.md", "improve living quality for numerous patients"),
    ],
)
def test_a_claim_its_sources_contradict_has_no_footnote_and_an_editors_note_after_it(
    site: BuiltSite, page: str, claim: str
):
    paragraph = next(
        p for p in site.article(page).select("p") if claim in words_of(p.get_text(" "))
    )
    assert paragraph.select_one("sup a[href^='#fn:']") is None, (
        f"{page}: a footnote still vouches for {claim!r}"
    )
    note = paragraph.find_next_sibling()
    assert note is not None and "editor-note" in note.get("class", []), (
        f"{page}: no editor's note right after {claim!r}"
    )
    assert note.select_one("sup a[href^='#fn:']") is not None, (
        f"{page}: the editor's note cites no source"
    )


def test_the_research_page_has_an_editors_note_about_the_evidence(site: BuiltSite):
    note = next(
        box
        for box in site.article("evidence.md").select(".admonition.editor-note")
        if "about the evidence" in box.get_text().lower()
    )
    text = words_of(note.get_text(" "))
    for finding in (
        "211 patients",
        "up to 2 weeks",
        "99 patients given ketamine, 96 given a placebo",
        "at 4 weeks",
        "quality of life",
        "Side effects",
        "risk of bias",
    ):
        assert finding in text
    assert note["role"] == "note" and note["aria-label"] == "Editor's note, not part of the article"


@pytest.mark.parametrize("page", ARTICLE_PAGES)
def test_editors_notes_are_labelled_notes_and_searched_as_notes(site: BuiltSite, page: str):
    notes = site.article(page).select(".admonition.editor-note")
    assert notes, f"{page}: no editor's note"
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))[
        "docs"
    ]
    location = "" if page == "index.md" else page.removesuffix(".md") + "/"
    for note in notes:
        assert note["role"] == "note" and note.get("aria-label"), (
            f"{page}: an editor's note is not announced as a note"
        )
        title = note.select_one(".admonition-title").get_text()
        assert title.startswith("Editor's note")
        first_words = words_of(note.select_one("p:not(.admonition-title)").get_text(" "))[:40]
        # Found by search, under the note's own title, and not inside the author's section.
        entries = [
            doc
            for doc in index
            if doc["location"].split("#")[0] == location and first_words in words_of(doc["text"])
        ]
        assert [(doc["location"], doc["title"]) for doc in entries] == [
            (f"{location}#{note['id']}", title)
        ], page


# --- plain language ---------------------------------------------------------------


def syllables(word: str) -> int:
    """pyphen's hyphenation points, or vowel groups when those find more: offline, and never flattering."""
    word = word.lower()
    vowel_groups = len(re.findall(r"[aeiouy]+", word)) - (
        1 if word.endswith("e") and not word.endswith(("le", "ee")) else 0
    )
    return max(1, vowel_groups, len(HYPHENATOR.positions(word)) + 1)


def flesch_kincaid_grade(bullets: list[str]) -> float:
    """Grade = 0.39 × words per sentence + 11.8 × syllables per word − 15.59; each bullet is at least one sentence."""
    words = [word for bullet in bullets for word in re.findall(r"[A-Za-z][A-Za-z'-]*", bullet)]
    sentences = sum(max(1, len(re.findall(r"[.!?](?:\s|$)", bullet))) for bullet in bullets)
    return 0.39 * len(words) / sentences + 11.8 * sum(map(syllables, words)) / len(words) - 15.59


def test_the_grade_formula_tells_easy_from_hard_text():
    assert flesch_kincaid_grade(["The cat sat on the mat."]) < 2
    assert (
        flesch_kincaid_grade(
            [
                "Pharmacological antagonism of glutamatergic neurotransmission attenuates nociceptive hypersensitivity."
            ]
        )
        > 16
    )


@pytest.mark.parametrize("page", ARTICLE_PAGES)
def test_key_points_read_at_grade_eight_or_below(site: BuiltSite, page: str, record_property):
    bullets = key_points((ROOT / "docs" / page).read_text(encoding="utf-8"))
    assert 3 <= len(bullets) <= 5
    box = site.article(page).select_one("h1 ~ .admonition.abstract")
    assert box is not None and "Key points" in box.get_text(), (
        f"{page}: the key points box is not at the top"
    )
    grade = flesch_kincaid_grade(bullets)
    record_property(
        "reading grade", f"{page}: Flesch-Kincaid grade {grade:.1f} (at most {MAX_GRADE})"
    )  # printed by conftest
    assert grade <= MAX_GRADE, f"{page}: key points read at grade {grade:.1f}"


def test_every_glossary_term_is_explained_on_the_glossary_page_and_as_tooltips(site: BuiltSite):
    glossary, problems = load_glossary(ROOT / "includes" / "glossary.md")
    assert problems == []
    assert {
        "NMDA",
        "CRPS",
        "NSAIDs",
        "intravenous",
        "neuropathic",
        "off-label",
        "meta-analyses",
    } <= set(glossary)
    listed = {
        words_of(dt.get_text()): words_of(dt.find_next_sibling("dd").get_text())
        for dt in site.article("glossary.md").select("dl > dt")
    }
    assert listed == glossary
    tooltips = {
        abbr.get_text(): abbr["title"]
        for page in PAGES
        if page != "glossary.md"
        for abbr in site.article(page).select("abbr[title]")
    }
    assert set(tooltips) == set(glossary), (
        f"terms never shown as a tooltip: {set(glossary) - set(tooltips)}"
    )
    assert all(tooltips[term] == meaning for term, meaning in glossary.items())


# --- sharing and search engines ---------------------------------------------------


def test_descriptions_come_from_front_matter_and_are_unique(site: BuiltSite):
    descriptions = {}
    for page in PAGES:
        tag = site.soup(page).select_one('meta[name="description"]')
        assert tag["content"] == meta(page)["description"]
        descriptions[page] = tag["content"]
    assert len(set(descriptions.values())) == len(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_each_page_has_canonical_open_graph_and_twitter_tags_and_a_card(site: BuiltSite, page: str):
    soup = site.soup(page)
    canonical = soup.select_one('link[rel="canonical"]')["href"]
    assert canonical.startswith(SITE_URL)
    tags = {
        tag.get("property") or tag.get("name"): tag["content"]
        for tag in soup.select('meta[property^="og:"], meta[name^="twitter:"]')
    }
    assert tags["og:url"] == canonical
    assert tags["og:description"] == meta(page)["description"]
    # X reads the title, description and image from Open Graph; it only needs the card type.
    assert tags["twitter:card"] == "summary_large_image"
    assert not {"twitter:title", "twitter:description", "twitter:image"} & set(tags)
    card = site.root / urlsplit(tags["og:image"]).path.removeprefix(urlsplit(SITE_URL).path)
    header = card.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert (
        struct.unpack(">II", header[16:24])
        == (1200, 630)
        == (int(tags["og:image:width"]), int(tags["og:image:height"]))
    )


@pytest.mark.parametrize("page", PAGES)
def test_structured_data_says_what_each_page_is(site: BuiltSite, manifest: Manifest, page: str):
    data = structured(site, page)
    assert data["@context"] == "https://schema.org"
    assert data["url"] == site.soup(page).select_one('link[rel="canonical"]')["href"]
    assert "lastReviewed" not in data and "reviewedBy" not in data, (
        f"{page}: no clinician has reviewed it, and its front matter names none"
    )
    assert data["dateModified"] == meta(page)["reviewed"].isoformat()
    assert dt.date.fromisoformat(data["datePublished"]) <= dt.date.fromisoformat(
        data["dateModified"]
    )
    assert (
        data["editor"]["name"]
        and data["editor"]["@type"] == "Organization"
        and "author" not in data
    )
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Ketamine for Chronic Pain",
        "url": SITE_URL,
    }
    og_title = site.soup(page).select_one('meta[property="og:title"]')["content"]
    assert data["name"] == og_title == site.soup(page).title.get_text()
    assert (
        og_title == "Ketamine for Chronic Pain"
        if page == "index.md"
        else og_title == f"{meta(page)['headline']} — Ketamine for Chronic Pain"
    )
    expected = "MedicalWebPage" if page in [*ARTICLE_PAGES, manifest.faq_page] else "WebPage"
    assert data["@type"] == expected


def test_the_faq_is_not_handed_to_search_engines_as_accepted_answers(
    site: BuiltSite, manifest: Manifest
):
    """Some of the author's answers go beyond the evidence (the page's notes say so): none is an acceptedAnswer."""
    data = structured(site, manifest.faq_page)
    assert data["@type"] == "MedicalWebPage" and "mainEntity" not in data
    assert (
        "acceptedAnswer"
        not in site.soup(manifest.faq_page).select_one('script[type="application/ld+json"]').string
    )


def test_the_sitemap_lists_every_page_and_robots_txt_points_at_it(site: BuiltSite):
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert sorted(locations) == sorted(
        SITE_URL + ("" if page == "index.md" else page.removesuffix(".md") + "/") for page in PAGES
    )
    assert (site.root / "robots.txt").read_text(
        encoding="utf-8"
    ) == f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n"


def test_search_finds_the_text_not_the_review_dates_or_footnotes(site: BuiltSite):
    docs = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))[
        "docs"
    ]
    searched = " ".join(
        doc["text"] for doc in docs if not doc["location"].startswith("references/")
    )  # that page lists them on purpose
    assert "Text last checked" not in searched and "What it found" not in searched
    assert "fibromyalgia" in searched


def test_page_titles_name_the_page_then_the_site_and_differ(site: BuiltSite):
    titles = [site.soup(page).select_one('meta[property="og:title"]')["content"] for page in PAGES]
    assert len(set(titles)) == len(PAGES)
    assert (
        site.soup("safety.md").select_one('meta[property="og:title"]')["content"]
        == "Safety and side effects — Ketamine for Chronic Pain"
    )


def test_the_about_page_says_who_edited_the_text_that_no_clinician_reviewed_it_and_how_to_report_an_error(
    site: BuiltSite,
):
    text = words_of(site.article("about.md").get_text(" "))
    assert "edited by the site's editorial team" in text
    assert "No clinician has reviewed this text." in text
    assert "If you find an error" in text
