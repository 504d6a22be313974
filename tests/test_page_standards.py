"""Unit tests of the health-information checks and helpers, without a build."""

from __future__ import annotations

import datetime as dt
import io
import json
import struct

import markdown
from site_support import key_points
from sitebuild.check.page_standards import (
    check_front_matter,
    check_key_points,
    check_unique_descriptions,
    read_date,
)
from sitebuild.check.references import (
    check_citations,
    cited_keys,
    glossary_list,
    parse_glossary,
    parse_references,
    references_list,
    with_source_footnotes,
)
from sitebuild.finish.site import finished_page, json_for_script, review_line, robots_txt
from sitebuild.finish.social_cards import draw_card
from sitebuild.load.page import Page
from sitebuild.render.page_markup import PageMarkupExtension

TODAY = dt.date(2027, 3, 1)
DESCRIPTION = "What ketamine is, and how it blocks pain signals in the brain."
GOOD_PAGE = f"""---
description: "{DESCRIPTION}"
reviewed: 2026-11-25
next_review: 2027-11-25
---

# Ketamine

!!! abstract "Key points"

    - One.
    - Two.
    - Three.

Text.
"""
REFERENCES = """
smith2020:
  authors: Smith A, Jones B
  title: A trial of something.
  journal: Journal of Things
  published: 2020;1(2):3–4
  doi: 10.1234/abc.5
  finding: It helped a little.
  evidence:
    - quote: It helped a little.
      where: Abstract (PubMed 1).
"""


def page(**front_matter: str) -> str:
    lines = "".join(f"{key}: {value}\n" for key, value in front_matter.items())
    return f"---\n{lines}---\n\n# Title\n"


def messages(problems) -> list[str]:
    return [str(problem) for problem in problems]


# --- front matter: description and review dates -----------------------------


def test_a_complete_page_has_no_problem_and_no_warning():
    assert check_front_matter(Page.read("ketamine.md", GOOD_PAGE), TODAY) == ([], [])


def test_missing_description_and_dates_are_errors_with_a_fix():
    errors, warnings = check_front_matter(Page.read("ketamine.md", "# Ketamine\n"), TODAY)
    assert messages(errors) == [
        "docs/ketamine.md:1: front matter `description`: it is missing. Fix: add `description:`, one sentence saying what the page covers.",
        "docs/ketamine.md:1: front matter `reviewed`: it is missing. Fix: add `reviewed: YYYY-MM-DD`, the date the text was last checked against its sources.",
        "docs/ketamine.md:1: front matter `next_review`: it is missing. Fix: add `next_review: YYYY-MM-DD`, the date its next check is due.",
    ]
    assert warnings == []


def test_a_malformed_date_is_an_error():
    source = page(description=f'"{DESCRIPTION}"', reviewed="2026-13-01", next_review="soon")
    errors, _ = check_front_matter(Page.read("ketamine.md", source), TODAY)
    assert messages(errors) == [
        "docs/ketamine.md:1: front matter `reviewed`: '2026-13-01' is not a date. Fix: add `reviewed: YYYY-MM-DD`, the date the text was last checked against its sources.",
        "docs/ketamine.md:1: front matter `next_review`: 'soon' is not a date. Fix: add `next_review: YYYY-MM-DD`, the date its next check is due.",
    ]


def test_a_next_review_before_the_last_one_is_an_error():
    source = page(description=f'"{DESCRIPTION}"', reviewed="2026-11-25", next_review="2026-01-01")
    errors, _ = check_front_matter(Page.read("ketamine.md", source), TODAY)
    assert messages(errors) == [
        "docs/ketamine.md:1: front matter `next_review`: it is not after `reviewed`. Fix: set the next review after the last one."
    ]


def test_a_page_past_its_review_date_is_a_warning_on_the_day_after():
    errors, warnings = check_front_matter(
        Page.read("ketamine.md", GOOD_PAGE), dt.date(2027, 11, 26)
    )
    assert errors == []
    assert messages(warnings) == [
        "docs/ketamine.md:1: review: the page was due to be checked against its sources on 2027-11-25. Fix: check the page against its sources, then update `reviewed` and `next_review`."
    ]
    assert check_front_matter(Page.read("ketamine.md", GOOD_PAGE), dt.date(2027, 11, 25)) == (
        [],
        [],
    ), "due today is not overdue"


def test_broken_front_matter_is_one_error():
    errors, _ = check_front_matter(
        Page.read("ketamine.md", "---\ndescription: a: b\n---\n# Title\n"), TODAY
    )
    assert (
        len(errors) == 1
        and errors[0].place == "front matter"
        and "does not parse" in errors[0].problem
    )


def test_a_description_must_be_a_useful_length():
    errors, _ = check_front_matter(
        Page.read("ketamine.md", GOOD_PAGE.replace(DESCRIPTION, "Ketamine.")), TODAY
    )
    assert messages(errors) == [
        "docs/ketamine.md:1: front matter `description`: it is 9 characters long. Fix: write 50 to 160 characters."
    ]


def test_two_pages_may_not_share_a_description():
    problems = check_unique_descriptions(
        {
            name: Page.read(name, text)
            for name, text in {
                "a.md": GOOD_PAGE,
                "b.md": GOOD_PAGE,
                "c.md": page(description="Other."),
            }.items()
        }
    )
    assert messages(problems) == [
        "docs/b.md:1: front matter `description`: it is the same as docs/a.md's. Fix: describe what this page alone covers."
    ]


def test_dates_read_from_yaml_or_text():
    assert read_date(dt.date(2026, 1, 2)) == (dt.date(2026, 1, 2), "")
    assert read_date("2026-01-02") == (dt.date(2026, 1, 2), "")
    assert read_date(None) == (None, "it is missing")


# --- key points ---------------------------------------------------------------


def test_key_points_need_a_box_of_three_to_five_bullets():
    assert check_key_points("ketamine.md", GOOD_PAGE) == []
    assert key_points(GOOD_PAGE) == ["One.", "Two.", "Three."]
    assert messages(check_key_points("ketamine.md", "# Ketamine\n\nText.\n")) == [
        'docs/ketamine.md: Key points: the page has no key points box. Fix: add `!!! abstract "Key points"` with 3 to 5 bullets under the title.'
    ]
    two = GOOD_PAGE.replace("    - Three.\n", "")
    assert messages(check_key_points("ketamine.md", two)) == [
        "docs/ketamine.md:9: Key points: it has 2 bullets. Fix: give 3 to 5 bullets, each a claim the page makes."
    ]


# --- sources and glossary -----------------------------------------------------


def test_references_parse_into_citations_with_doi_links():
    references, problems = parse_references(REFERENCES)
    assert problems == []
    assert references["smith2020"].citation() == (
        "Smith A, Jones B. A trial of something. *Journal of Things*. 2020;1(2):3–4. [doi:10.1234/abc.5](https://doi.org/10.1234/abc.5)"
    )
    assert "1.  Smith A, Jones B." in references_list(references)
    assert "**What it found:** It helped a little." in references_list(references)


def test_a_bad_references_file_names_the_source_and_the_field():
    _, problems = parse_references(
        REFERENCES.replace("  doi: 10.1234/abc.5\n", "  doi: https://doi.org/10.1234/abc.5\n")
    )
    assert messages(problems) == [
        "hooks/references.yml:3: source 'smith2020': 'https://doi.org/10.1234/abc.5' is not a DOI. Fix: write the DOI as 10.xxxx/…, without https://doi.org/."
    ]
    _, problems = parse_references(REFERENCES.replace("  finding: It helped a little.\n", ""))
    assert messages(problems) == [
        "hooks/references.yml:3: source 'smith2020': lacks finding (or is not text). Fix: give every field, checked against the publisher's listing."
    ]
    _, problems = parse_references("smith2020: [unclosed\n")
    assert problems[0].place == "YAML" and problems[0].line == 1, (
        "where the bracket opens, not where the file ends"
    )


def test_a_page_cites_known_sources_and_gets_their_footnotes():
    references, _ = parse_references(REFERENCES)
    markdown = "# Page\n\nA claim.[^smith2020] Another.[^smith2020]\n"
    assert cited_keys(markdown) == ["smith2020"]
    assert check_citations("page.md", markdown, references) == []
    filled = with_source_footnotes(markdown, references)
    assert filled.endswith(
        "[^smith2020]: "
        + references["smith2020"].citation()
        + " What it found: It helped a little.\n"
    )
    assert with_source_footnotes("# Page\n", references) == "# Page\n"


def test_a_page_defines_no_footnote_of_its_own():
    # A definition in the page would replace the checked citation, or cite what nobody checked.
    references, _ = parse_references(REFERENCES)
    problems = check_citations(
        "page.md",
        "# Page\n\nA claim.[^smith2020]\n\n[^smith2020]: Made-up.\n[^own]: A note.\n",
        references,
    )
    assert messages(problems) == [
        "docs/page.md:5: footnote [^smith2020]: is defined in the page, replacing the checked source of that key. Fix: remove the definition: the build writes each footnote from hooks/references.yml.",
        "docs/page.md:6: footnote [^own]: is defined in the page. Fix: remove the definition: the build writes each footnote from hooks/references.yml.",
    ]


def test_an_unknown_source_is_named_with_its_line():
    references, _ = parse_references(REFERENCES)
    problems = check_citations("page.md", "# Page\n\nA claim.[^smyth2020]\n", references)
    assert messages(problems) == [
        "docs/page.md:3: footnote [^smyth2020]: names no source in hooks/references.yml. Fix: use one of smith2020, or add the checked source there."
    ]


def test_the_glossary_reads_terms_and_lists_them_alphabetically():
    glossary, problems = parse_glossary(
        "<!-- note\n   on two lines -->\n\n*[NMDA]: A receptor.\n*[anesthetic]: Stops pain.\n"
    )
    assert problems == [] and glossary == {"NMDA": "A receptor.", "anesthetic": "Stops pain."}
    assert glossary_list(glossary) == "**anesthetic**\n: Stops pain.\n\n**NMDA**\n: A receptor."


# --- page metadata ------------------------------------------------------------


def marked_up(text: str) -> str:
    return markdown.markdown(
        text, extensions=["admonition", "footnotes", "tables", PageMarkupExtension()]
    )


def test_the_review_line_goes_under_the_article_title(bare_facts):
    assert review_line(dt.date(2026, 11, 25), dt.date(2027, 5, 1), True) == (
        "<p class=page-review data-search-exclude>Text last checked against its sources: <time datetime=2026-11-25>25 November 2026</time>"
        " · Next check due: <time datetime=2027-05-01>1 May 2027</time></p>"
    )
    line = review_line(
        dt.date(2026, 11, 25), dt.date(2027, 5, 1), False
    )  # the page below cites no source
    assert line.startswith(
        "<p class=page-review data-search-exclude>This page cites no sources. Text last checked by the editors: "
    )
    config, project = bare_facts
    project.pages = {
        "faq.md": Page.read(
            "faq.md", "---\nreviewed: 2026-11-25\nnext_review: 2027-05-01\n---\n# Title\n"
        )
    }
    page = '<html><head><meta charset=utf-8></head><body><h1>Site</h1><article><h1 id="t">Title</h1><p>Text</p></article></body></html>'
    finished = finished_page("faq/index.html", page, config, project)
    assert f'<article><h1 id="t">Title</h1>{line}<p>Text</p></article>' in finished, (
        "under the article's title, not another <h1>"
    )


def test_only_links_to_other_hosts_are_marked_external():
    html = marked_up(
        '[doi](https://doi.org/10.1/x) [FAQ](../faq/) <a href="http://a.org" rel="nofollow">a</a>'
    )
    assert (
        html
        == '<p><a href="https://doi.org/10.1/x" rel="external">doi</a> <a href="../faq/">FAQ</a> <a href="http://a.org" rel="nofollow">a</a></p>'
    )


def test_structured_data_cannot_end_its_script_element():
    assert "</script" not in json_for_script({"text": "</script>"})
    assert json.loads(json_for_script({"text": "</script>"})) == {"text": "</script>"}


def test_robots_txt_names_the_sitemap():
    assert (
        robots_txt("https://x.org/site/")
        == "User-agent: *\nAllow: /\n\nSitemap: https://x.org/site/sitemap.xml\n"
    )


def test_a_social_card_is_a_1200_by_630_png_and_the_same_every_time():
    card = draw_card(
        "Site",
        "A page title that is long enough to wrap onto a second line",
        "What the page covers.",
    )
    assert card[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", card[16:24]) == (1200, 630)
    assert card == draw_card(
        "Site",
        "A page title that is long enough to wrap onto a second line",
        "What the page covers.",
    )
    assert card != draw_card("Site", "Another title", "What the page covers.")
    assert io.BytesIO(card).getbuffer().nbytes < 100_000


def test_a_cached_social_card_is_drawn_once_and_reused(tmp_path, monkeypatch):
    from sitebuild.finish import social_cards
    from sitebuild.finish.social_cards import cached_card, card_folder

    folder = card_folder(tmp_path)
    first = cached_card(folder, "Site", "Title", "What the page covers.")
    assert first == draw_card("Site", "Title", "What the page covers.")
    (cached,) = folder.glob("*.png")
    cached.write_bytes(b"kept")  # a second call reads the cache instead of drawing
    assert cached_card(folder, "Site", "Title", "What the page covers.") == b"kept"
    assert cached_card(folder, "Site", "Other title", "What the page covers.") != b"kept"
    # After `make lock` moves any library (here Pillow) to another version, the card is drawn again.
    bumped = [
        entry + "+1" if entry.lower().startswith("pillow==") else entry
        for entry in social_cards.installed_versions()
    ]
    monkeypatch.setattr(social_cards, "installed_versions", lambda: bumped)
    assert card_folder(tmp_path) != folder
    assert cached_card(card_folder(tmp_path), "Site", "Title", "What the page covers.") == first


def test_footnotes_and_key_points_are_left_out_of_search():
    html = marked_up(
        '!!! abstract "Key points"\n\n    - One\n\n!!! abstract "In short"\n\n    Two\n\nText.[^a]\n\n[^a]: A source.\n'
    )
    assert (
        '<div class="admonition abstract" data-search-exclude="">\n<p class="admonition-title">Key points</p>'
        in html
    )
    assert '<div class="admonition abstract">\n<p class="admonition-title">In short</p>' in html
    assert '<div class="footnote" data-search-exclude="">' in html


def test_table_cells_are_labelled_with_their_column_for_phones():
    html = marked_up("| Page | Why & how |\n|---|---|\n| FAQ | x | extra |\n")
    assert (
        '<td data-label="Page">FAQ</td>' in html and '<td data-label="Why &amp; how">x</td>' in html
    )
    assert "<td>extra</td>" in html or "extra" not in html, (
        "a cell past the header's columns gets no label"
    )


def test_a_page_has_one_address_for_the_search_index_verify_and_the_finishing_pass():
    from sitebuild.finish.site import source_page
    from sitebuild.load.page import page_url

    pages = ["index.md", "faq.md", "guide/index.md", "guide/dosing.md"]
    assert [page_url(page) for page in pages] == ["", "faq/", "guide/", "guide/dosing/"]
    built = ["index.html", "faq/index.html", "guide/index.html", "guide/dosing/index.html"]
    assert [source_page(path, pages) for path in built] == pages
    assert source_page("404.html", pages) == ""
