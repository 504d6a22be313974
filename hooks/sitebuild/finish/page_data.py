"""What a page tells readers and search engines about itself: review dates, structured data, links.

Pure functions over strings and dates; finish/site.py puts what they make into each built page.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from urllib.parse import urljoin

from sitebuild.check.page_standards import ClinicalReview

SOCIAL_CARD_DIR = "assets/images/social"


def long_date(day: dt.date) -> str:
    """25 November 2026: unambiguous for readers everywhere."""
    return f"{day.day} {day:%B %Y}"


def review_line(checked: dt.date, next_check: dt.date, cites_sources: bool, clinical_review: ClinicalReview | None = None) -> str:
    """The line a reader sees under the page title: what was done to the text, and when.

    "Checked against its sources" is said only of a page that cites sources; a
    page that cites none says so. A clinical review is claimed only when the
    page's front matter names the clinician who did it.
    """
    reviewed = (
        f" · Clinically reviewed by {html.escape(clinical_review.name)}, {html.escape(clinical_review.credential)}:"
        f" <time datetime={clinical_review.date:%Y-%m-%d}>{long_date(clinical_review.date)}</time>"
        if clinical_review
        else ""
    )
    checked_by = "Text last checked against its sources" if cites_sources else "This page cites no sources. Text last checked by the editors"
    return (
        "<p class=page-review data-search-exclude>"
        f"{checked_by}: <time datetime={checked:%Y-%m-%d}>{long_date(checked)}</time>"
        " · "
        f"Next check due: <time datetime={next_check:%Y-%m-%d}>{long_date(next_check)}</time>"
        f"{reviewed}</p>"
    )


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
    editor: str = "",
    clinical_review: ClinicalReview | None = None,
) -> dict:
    """schema.org JSON-LD: MedicalWebPage for the article's pages, else WebPage.

    The team that edited the text is its `editor`, never its `author`: the
    manuscript's author is not known to the site. The FAQ page is no FAQPage:
    that type would hand the author's answers to search engines as accepted
    answers, and some of them go beyond the evidence (the page's notes say so).
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
    if editor:
        data["editor"] = {"@type": "Organization", "name": editor}
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
