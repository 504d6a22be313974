"""Finish a built site in one pass, whichever builder wrote it: `python -m sitebuild finish site/`.
Each page is read once and its additions spliced in where the parser found their place, so the
rest keeps the builder's bytes. Every problem is found before anything is written."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from sitebuild.check.page_standards import ClinicalReview, clinical_review, read_date
from sitebuild.check.page_text import SEARCH_EXCLUDE
from sitebuild.check.references import cited_keys
from sitebuild.finish import assets, security_policy, social_cards
from sitebuild.finish.assets import Inline
from sitebuild.finish.page_reader import PageParts, read_parts
from sitebuild.finish.security_policy import EXECUTABLE_TYPES, FINGERPRINTED
from sitebuild.load.page import Page, page_url
from sitebuild.load.project import Project
from sitebuild.problems import Problem, once_for_all_pages

# The first line of a refusal (sitebuild/check/run.py: report), and what became of the site.
REFUSAL = ("The built site cannot be finished", "the site folder was left as it was")


def finish_site(site: Path, config: Any, project: Project) -> list[Problem]:
    """Finish every page and write the site's extra files; with any problem, write nothing."""
    paths = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    if not paths:
        fix = "build the site first (make build); if it was, overrides/main.html wrote no page"
        return [Problem(str(site), "folder", "holds no page", fix)]
    # The pass writes _headers last, and no builder writes one: a site that has it is finished.
    if (site / "_headers").exists():
        fix = "build the site again before finishing it"
        return [Problem(str(site), "folder", "is finished already", fix)]
    pages = {path: (site / path).read_text(encoding="utf-8") for path in paths}
    parts = {path: read_parts(html) for path, html in pages.items()}
    sources = {path: source_page(path, project.pages) for path in paths}
    inline, trimmed, problems = assets.inline_assets(site, config, project.unused_families)
    url, site_name = config.site_url or "", config.site_name
    cards, found = _cards(site, url, sources, parts)
    found += _dropped_classes(site, sources, parts, project.unused_families) if trimmed else []
    if problems := problems + found:
        return problems
    inline.renamed = {old: new for old, (new, _) in trimmed.items()}
    for path, html in pages.items():
        if (finished := finished_page(path, html, config, project, inline, parts[path])) != html:
            (site / path).write_text(finished, encoding="utf-8")
    folder = social_cards.card_folder(project.root)
    for path, card in cards.items():
        # The page's title, less the site's name the template adds after it.
        title = parts[path].head_title.removesuffix(f" — {site_name}")
        description = str(project.pages[sources[path]].meta.get("description", ""))
        card.parent.mkdir(parents=True, exist_ok=True)
        card.write_bytes(social_cards.cached_card(folder, site_name, title, description))
    maps = [f"{path}.map" for path in [*filter(assets.PALETTE.fullmatch, inline.styles), *trimmed]]
    for path in [*inline.styles, *inline.scripts, *inline.icons, *trimmed, *maps]:
        (site / path).unlink(missing_ok=True)
    for path, text in [*trimmed.values(), ("robots.txt", robots_txt(url))]:
        (site / path).write_text(text, encoding="utf-8")
    files = [path.relative_to(site).as_posix() for path in site.rglob("*")]
    fingerprinted = [path for path in files if FINGERPRINTED.search(path)]
    urls = [list(map(security_policy.url_path, found)) for found in (paths, fingerprinted)]
    (site / "_headers").write_text(security_policy.headers_file(*urls), encoding="utf-8")
    return []


def _dropped_classes(site: Path, sources: dict, parts: dict, families: frozenset) -> list:
    """Each class of a dropped family the built pages carry, once for all the pages with it."""
    found = []
    for path, page in sources.items():
        # The page a maintainer edits, when there is one; else the built file (404.html).
        name = f"docs/{page}" if page else f"{site.name}/{path}"
        found += assets.unused_classes(parts[path].class_names, name, families)
    return once_for_all_pages(found, len(sources))


def _cards(site: Path, url: str, sources: dict, parts: dict) -> tuple[dict[str, Path], list]:
    """Each page's social card, drawn where its og:image says: a PNG under site_url, in site/."""
    cards, problems, pages = {}, [], [(path, page) for path, page in sources.items() if page]
    for path, page in pages:
        card = cards[path] = site / parts[path].card.removeprefix(url)
        own = bool(url) and parts[path].card.startswith(url) and card.suffix == ".png"
        if not (own and card.resolve().is_relative_to(site.resolve())):
            said = "names no card of the site's own (og:image)"
            fix = "set site_url in mkdocs.yml, and keep og:image in overrides/main.html"
            problems.append(Problem(f"docs/{page}", "page", said, fix))
    return cards, once_for_all_pages(problems, len(pages))


def finished_page(
    path: str, html: str, config: Any, project: Project, inline: Inline | None = None, parts=None
) -> str:
    """One page finished (no files written), its additions spliced in where the parser found
    their place, so the rest keeps the builder's bytes."""
    parts, inline, edits, scripts = parts or read_parts(html), inline or Inline(), [], []
    for script, body in parts.scripts:
        src, kind = script.attributes.get("src"), script.attributes.get("type")
        if src is not None and (target := assets.site_path(path, src)) in inline.scripts:
            text = f"{f'<script type={kind}>' if kind else '<script>'}{inline.scripts[target]}"
            edits.append((script.start, html.find(">", script.close) + 1, f"{text}</script>"))
            scripts.append(inline.scripts[target])
        # One written in the page's content is not the build's: no hash (and it is refused).
        elif src is None and not script.in_content and (kind or "").lower() in EXECUTABLE_TYPES:
            scripts.append(body)
    for link in (element for element in parts.elements if element.name == "link"):
        edits += assets.link_edit(path, link, inline)
    policy = security_policy.content_security_policy(security_policy.script_hashes(scripts))
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    inserts = []
    if (record := project.pages.get(page := source_page(path, project.pages))) is not None:
        inserts += _page_data(path, page, parts, config, project.manifest, record)
    # The policy last: of two inserts at one place the last applied comes first, and the policy
    # must come right after the charset, before anything a browser could act on.
    inserts.append((parts.charset_end, tag))
    edits += [(at, at, text) for at, text in inserts if at is not None]
    for start, end, new in sorted(edits, key=lambda edit: edit[:2], reverse=True):
        html = html[:start] + new + html[end:]  # from the last, so earlier offsets hold
    return html


def _page_data(path: str, page: str, parts: PageParts, config: Any, manifest: Any, record: Page):
    """The review line under the title, and the page's JSON-LD at the end of <head>."""
    meta, review, extra = record.meta, clinical_review(record.meta)[0], config.extra
    site_url = config.site_url or ""
    medical = [*manifest.article_pages(), manifest.faq_page] if manifest else []
    checked, next_check = (read_date(meta.get(key))[0] for key in ("reviewed", "next_review"))
    data = structured_data(
        kind="MedicalWebPage" if page in medical else "WebPage",
        title=parts.head_title,
        description=meta.get("description", ""),
        url=urljoin(site_url, path.removesuffix("index.html")),  # faq/index.html → faq/
        site_name=config.site_name,
        site_url=site_url,
        checked=checked,
        published=read_date(extra.get("date_published"))[0],
        editor=str(extra.get("editor", "")),
        clinical_review=review,
    )
    script = f"<script type=application/ld+json>{json_for_script(data)}</script>"
    if not (checked and next_check):
        return [(parts.head_end, script)]
    line = review_line(checked, next_check, bool(cited_keys(record.source)), review)
    return [(parts.head_end, script), (parts.title_end, line)]


def source_page(path: str, pages: Iterable[str]) -> str:
    """The page of `pages` a built file comes from (page_url's rule backwards), or "" (404.html)."""
    return next((page for page in pages if f"{page_url(page)}index.html" == path), "")


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
    no_sources = "This page cites no sources. Text last checked by the editors"
    checked_by = "Text last checked against its sources" if cites_sources else no_sources
    line = f"{checked_by}: {_time(checked)} · Next check due: {_time(next_check)}"
    if review:
        who = f"{escape(review.name)}, {escape(review.credential)}"
        line += f" · Clinically reviewed by {who}: {_time(review.date)}"
    return f"<p class=page-review {SEARCH_EXCLUDE}>{line}</p>"


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
    site, review = {"name": site_name, "url": site_url}, clinical_review
    data = {"@context": "https://schema.org", "@type": kind, "name": title, "headline": title}
    data |= {"description": description, "url": url, "inLanguage": "en"}
    publisher = {"@type": "Organization", **site}
    data |= {"isPartOf": {"@type": "WebSite", **site}, "publisher": publisher}
    data |= {"editor": {"@type": "Organization", "name": editor}} if editor else {}
    days = {"datePublished": published, "dateModified": checked}
    days["lastReviewed"] = review and review.date
    data |= {key: f"{day:%Y-%m-%d}" for key, day in days.items() if day}
    if review:
        credential = {"@type": "EducationalOccupationalCredential", "name": review.credential}
        data["reviewedBy"] = {"@type": "Person", "name": review.name, "hasCredential": credential}
    return data


def json_for_script(data: dict) -> str:
    """JSON that cannot end its <script> element early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def robots_txt(site_url: str) -> str:
    """Every page may be crawled; the sitemap lists them."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {urljoin(site_url, 'sitemap.xml')}\n"
