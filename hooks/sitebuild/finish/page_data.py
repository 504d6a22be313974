"""What a page tells readers and search engines about itself: review dates, structured data."""

from __future__ import annotations

import datetime as dt
import html
import json
from urllib.parse import urljoin

from sitebuild.check.page_standards import ClinicalReview


def long_date(day: dt.date) -> str:
    """25 November 2026: unambiguous for readers everywhere."""
    return f"{day.day} {day:%B %Y}"


def _time(day: dt.date) -> str:
    return f"<time datetime={day:%Y-%m-%d}>{long_date(day)}</time>"


def review_line(
    checked: dt.date, next_check: dt.date, cites_sources: bool, review: ClinicalReview | None = None
) -> str:
    """The line under the title: "checked against its sources" only for a page that cites some,
    a clinical review only when the front matter names the clinician."""
    checked_by = "Text last checked against its sources"
    if not cites_sources:
        checked_by = "This page cites no sources. Text last checked by the editors"
    reviewed = ""
    if review:
        who = f"{html.escape(review.name)}, {html.escape(review.credential)}"
        reviewed = f" · Clinically reviewed by {who}: {_time(review.date)}"
    line = f"{checked_by}: {_time(checked)} · Next check due: {_time(next_check)}{reviewed}"
    return f"<p class=page-review data-search-exclude>{line}</p>"


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
    """schema.org JSON-LD. The editors are `editor`, never `author` (the manuscript's author is
    not known); no FAQPage, which would present answers beyond the evidence as accepted ones;
    lastReviewed and reviewedBy only when the front matter names a clinician."""
    site = {"name": site_name, "url": site_url}
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": title,
        "headline": title,
        "description": description,
        "url": url,
        "inLanguage": "en",
        "isPartOf": {"@type": "WebSite", **site},
        "publisher": {"@type": "Organization", **site},
    }
    if editor:
        data["editor"] = {"@type": "Organization", "name": editor}
    if published:
        data["datePublished"] = f"{published:%Y-%m-%d}"
    if checked:
        data["dateModified"] = f"{checked:%Y-%m-%d}"
    if review := clinical_review:
        credential = {"@type": "EducationalOccupationalCredential", "name": review.credential}
        data["lastReviewed"] = f"{review.date:%Y-%m-%d}"
        data["reviewedBy"] = {"@type": "Person", "name": review.name, "hasCredential": credential}
    return data


def json_for_script(data: dict) -> str:
    """JSON that cannot end its <script> element early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def robots_txt(site_url: str) -> str:
    """Every page may be crawled; the sitemap lists them."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {urljoin(site_url, 'sitemap.xml')}\n"
