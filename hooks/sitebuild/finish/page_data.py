"""What a page tells readers and search engines about itself: review dates, structured data, links.

Pure functions over strings and dates; the MkDocs glue is in page_extras.py.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from urllib.parse import urljoin

from sitebuild.check.manifest import KEY_POINTS_TITLE
from sitebuild.check.page_standards import ClinicalReview

FIRST_H1_END = re.compile(r"</h1>")
EXTERNAL_LINK = re.compile(r'<a href="(https?://[^"]+)"(?![^>]*\brel=)')
FAQ_QUESTION = re.compile(r'<details class="question"[^>]*>\s*<summary><h2[^>]*>(?P<question>.*?)</h2></summary>(?P<answer>.*?)</details>', re.S)
# Tags that end a block of text (a space between words) and the inline rest (<em>, <abbr>: nothing).
BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|div|br|h[1-6]|table|tr|td|th|dd|dt|dl)\b[^>]*>", re.I)
TAG = re.compile(r"<[^>]+>")
# The ¶ link toc puts in every heading (a FAQ question's sits before its answer): not part of the words.
PERMALINK = re.compile(r'<a\b[^>]*\bclass="headerlink"[^>]*>.*?</a>', re.S)
SOCIAL_CARD_DIR = "assets/images/social"
# The admonition type reserved for the site's own notes on the article (README: "Editor's notes").
EDITOR_NOTE_TYPE = "editor-note"
EDITOR_NOTE_BOX = re.compile(rf'<div class="admonition {EDITOR_NOTE_TYPE}">')
EDITOR_NOTE_LABEL = "Editor's note, not part of the article"
KEY_POINTS_BOX = re.compile(rf'<div class="admonition abstract"(?=>\s*<p class="admonition-title">{KEY_POINTS_TITLE}</p>)')
TABLE = re.compile(r"<table>.*?</table>", re.S)
HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
TABLE_ROW = re.compile(r"<tr>.*?</tr>", re.S)
DATA_CELL = re.compile(r"<td\b")


def long_date(day: dt.date) -> str:
    """25 November 2026: unambiguous for readers everywhere."""
    return f"{day.day} {day:%B %Y}"


def review_line(checked: dt.date, next_check: dt.date, clinical_review: ClinicalReview | None = None) -> str:
    """The line a reader sees under the page title: what was done to the text, and when.

    "Checked against its sources" is what the editors do; a clinical review is
    claimed only when the page's front matter names the clinician who did it.
    """
    reviewed = (
        f" · Clinically reviewed by {html.escape(clinical_review.name)}, {html.escape(clinical_review.credential)}:"
        f' <time datetime="{clinical_review.date:%Y-%m-%d}">{long_date(clinical_review.date)}</time>'
        if clinical_review
        else ""
    )
    return (
        '<p class="page-review" data-search-exclude>'
        f'Text last checked against its sources: <time datetime="{checked:%Y-%m-%d}">{long_date(checked)}</time>'
        " · "
        f'Next check due: <time datetime="{next_check:%Y-%m-%d}">{long_date(next_check)}</time>'
        f"{reviewed}</p>"
    )


def insert_after_title(page_html: str, snippet: str) -> str:
    """The snippet right after the page's <h1>, or first when there is none."""
    match = FIRST_H1_END.search(page_html)
    return page_html[: match.end()] + snippet + page_html[match.end() :] if match else snippet + page_html


def mark_editor_notes(page_html: str) -> str:
    """Each editor's note announced to screen readers as a note that is not the article."""
    return EDITOR_NOTE_BOX.sub(
        f'<div class="admonition {EDITOR_NOTE_TYPE}" role="note" aria-label="{html.escape(EDITOR_NOTE_LABEL, quote=True)}" data-search-exclude>', page_html
    )


def exclude_from_search(page_html: str) -> str:
    """Citations are for checking and key points repeat the page: keep both out of the search index.

    Editor's notes are left out too (mark_editor_notes): a search should land on the article's own words.
    """
    page_html = KEY_POINTS_BOX.sub(r"\g<0> data-search-exclude", page_html)
    return page_html.replace('<div class="footnote">', '<div class="footnote" data-search-exclude>')


def label_table_cells(page_html: str) -> str:
    """Each body cell gets its column's name (data-label), shown beside it when a table stacks on a phone."""

    def labelled(table: re.Match[str]) -> str:
        head, end_of_head, body = table[0].partition("</thead>")
        names = [html.escape(plain(name), quote=True) for name in HEADER_CELL.findall(head)]
        return head + end_of_head + TABLE_ROW.sub(lambda row: labelled_row(row[0], names), body)

    return TABLE.sub(labelled, page_html)


def labelled_row(row: str, names: list[str]) -> str:
    cells = iter(names)
    # A cell beyond the header's columns keeps no label rather than a wrong one.
    return DATA_CELL.sub(lambda cell: f'<td data-label="{name}"' if (name := next(cells, "")) else cell[0], row)


def mark_external_links(page_html: str) -> str:
    """rel="external" on links to other hosts, so print can show their address (internal links are relative)."""
    return EXTERNAL_LINK.sub(r'<a href="\1" rel="external"', page_html)


def plain(fragment: str) -> str:
    """HTML as the words a reader sees."""
    return " ".join(html.unescape(TAG.sub("", BLOCK_TAG.sub(" ", fragment))).split())


def faq_entries(page_html: str) -> list[tuple[str, str]]:
    """(question, answer) for each FAQ admonition, read from the rendered page itself."""
    return [(plain(PERMALINK.sub("", match["question"])), plain(PERMALINK.sub("", match["answer"]))) for match in FAQ_QUESTION.finditer(page_html)]


def structured_data(
    *,
    kind: str,
    title: str,
    description: str,
    url: str,
    site_name: str,
    site_url: str,
    checked: dt.date | None,
    published: dt.date | None = None,
    author: str = "",
    clinical_review: ClinicalReview | None = None,
    faq: list[tuple[str, str]] | None = None,
) -> dict:
    """schema.org JSON-LD: MedicalWebPage for the article, FAQPage for the questions, else WebPage.

    lastReviewed and reviewedBy tell search engines a clinician reviewed the
    page, so they appear only when the front matter names one; otherwise the
    date the text was last checked is its dateModified.
    """
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": title,
        "headline": title,
        "description": description,
        "url": url,
        "inLanguage": "en",
        "isPartOf": {"@type": "WebSite", "name": site_name, "url": site_url},
        "publisher": {"@type": "Organization", "name": site_name, "url": site_url},
    }
    if author:
        data["author"] = {"@type": "Organization", "name": author}
    if published:
        data["datePublished"] = f"{published:%Y-%m-%d}"
    if checked:
        data["dateModified"] = f"{checked:%Y-%m-%d}"
    if clinical_review:
        data["lastReviewed"] = f"{clinical_review.date:%Y-%m-%d}"
        data["reviewedBy"] = {
            "@type": "Person",
            "name": clinical_review.name,
            "hasCredential": {"@type": "EducationalOccupationalCredential", "name": clinical_review.credential},
        }
    if faq:
        data["mainEntity"] = [{"@type": "Question", "name": question, "acceptedAnswer": {"@type": "Answer", "text": answer}} for question, answer in faq]
    return data


def page_title(headline: str, site_name: str) -> str:
    """What a page is called in search results, shared links and the browser tab: its own subject, then the site."""
    return headline if not headline or headline == site_name else f"{headline} — {site_name}"


def json_for_script(data: dict) -> str:
    """JSON that cannot end its <script> element early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def social_card_path(page_url: str) -> str:
    """Where a page's card is written, from its URL: "" → index.png, "faq/" → faq.png."""
    return f"{SOCIAL_CARD_DIR}/{page_url.strip('/').replace('/', '-') or 'index'}.png"


def absolute(site_url: str, path: str) -> str:
    return urljoin(site_url, path)


def robots_txt(site_url: str) -> str:
    """Every page may be crawled; the sitemap lists them."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(site_url, 'sitemap.xml')}\n"
