"""Give each page its review dates, its data for search engines and sharing, and printable links.

MkDocs glue over page_metadata.py and social_cards.py. The page dates and
description come from front matter, which guard_content.py has already
checked; the FAQ's structured data is read from the rendered page itself.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext
from sitebuild.check.manifest import Manifest, load_manifest
from sitebuild.check.page_standards import clinical_review, read_date
from sitebuild.finish.page_data import (
    absolute,
    exclude_from_search,
    faq_entries,
    insert_after_title,
    json_for_script,
    label_table_cells,
    mark_editor_notes,
    mark_external_links,
    page_title,
    review_line,
    robots_txt,
    social_card_path,
    structured_data,
)
from sitebuild.finish.social_cards import cached_card

# The manifest of the current build, read in on_config (each `mkdocs serve` rebuild reads it again).
manifest: Manifest | None = None


def on_config(config: MkDocsConfig) -> None:
    """Read the manifest once for this build's pages."""
    global manifest
    manifest, _ = load_manifest()


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check dates under the title; table cells labelled for phones; external links marked for print; citations and key points not searched."""
    checked, _ = read_date(page.meta.get("reviewed"))
    next_check, _ = read_date(page.meta.get("next_review"))
    if checked and next_check:
        html = insert_after_title(html, review_line(checked, next_check, clinical_review(page.meta)[0]))
    return exclude_from_search(mark_editor_notes(mark_external_links(label_table_cells(html))))


def on_page_context(context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    """Hand the templates the page's JSON-LD and social card address."""
    checked, _ = read_date(page.meta.get("reviewed"))
    published, _ = read_date(config.extra.get("date_published"))
    title = page_title(page.meta.get("headline") or page.title or config.site_name, config.site_name)
    context["page_title"] = title
    context["structured_data"] = json_for_script(
        structured_data(
            kind=page_kind(page.file.src_uri, manifest),
            title=title,
            description=page.meta.get("description", ""),
            url=page.canonical_url or "",
            site_name=config.site_name,
            site_url=config.site_url or "",
            checked=checked,
            published=published,
            author=config.extra.get("author", ""),
            clinical_review=clinical_review(page.meta)[0],
            faq=faq_entries(page.content or ""),
        )
    )
    context["social_card"] = absolute(config.site_url or "", social_card_path(page.url))
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    """Write robots.txt; social cards are drawn per page in on_post_page."""
    Path(config.site_dir, "robots.txt").write_text(robots_txt(config.site_url or ""), encoding="utf-8")


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    """Draw the page's social card beside the page."""
    card = Path(config.site_dir, social_card_path(page.url))
    card.parent.mkdir(parents=True, exist_ok=True)
    cache = Path(config.config_file_path).parent / ".cache" / "social-cards"
    card.write_bytes(cached_card(cache, config.site_name, page.meta.get("headline") or page.title or config.site_name, page.meta.get("description", "")))
    return output


def page_kind(page: str, manifest: Manifest | None) -> str:
    """MedicalWebPage for the article's pages, FAQPage for the questions, WebPage for the rest."""
    if manifest is None:
        return "WebPage"
    if page == manifest.faq_page:
        return "FAQPage"
    return "MedicalWebPage" if page in manifest.article_pages() else "WebPage"
