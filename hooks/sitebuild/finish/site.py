"""Finish a built site in one pass, whichever builder wrote it: `python -m sitebuild finish site/`.

Each page is read once and its additions spliced in where the parser found their place, so the
rest keeps the builder's bytes. Every problem is found before anything is written.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from sitebuild.check.page_standards import clinical_review, read_date
from sitebuild.check.references import cited_keys
from sitebuild.finish import assets, page_data, security_policy, social_cards, unused_styles
from sitebuild.finish.assets import Inline
from sitebuild.finish.page_reader import PageParts, read_parts
from sitebuild.load.page import Page, page_url
from sitebuild.load.project import Project
from sitebuild.problems import Problem

# Material's fingerprinted stylesheets (Zensical keeps its themes' palettes in classic/, modern/).
PALETTE = re.compile(r"assets/stylesheets/(?:[a-z]+/)?palette\.[0-9a-f]+\.min\.css")
MAIN = re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css")
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")
# The first line of a refusal (sitebuild/check/run.py: report), and what became of the site.
REFUSAL = ("The built site cannot be finished", "the site folder was left as it was")
# Quotes an attribute value needs (the rest is written bare, as the minifier writes it).
NEEDS_QUOTES = re.compile(r"[\s\"'=<>`]")


@dataclass(frozen=True)
class SiteFacts:
    """What finishing needs to know of the project, read once by the caller."""

    site_name: str
    site_url: str
    editor: str  # who edited the text (the structured data's `editor`)
    published: dt.date | None
    extra_css: list[str]
    extra_javascript: list[str]
    favicon: str
    palette: Any
    pages: dict[str, Page]  # the pages read (their front matter and Markdown), by docs path
    kinds: dict[str, str]  # schema.org type by docs path
    unused_families: frozenset[str]
    card_cache: Path  # social_cards.card_folder


def site_facts(config: Any, project: Project) -> SiteFacts:
    """The facts, from a loaded mkdocs.yml (MkDocs' or ProperDocs') and the project read once."""
    theme, manifest, (css, javascript) = config.theme, project.manifest, extra_files(config)
    pages = [*manifest.article_pages(), manifest.faq_page] if manifest else []
    return SiteFacts(
        site_name=config.site_name,
        site_url=config.site_url or "",
        editor=str(config.extra.get("editor", "")),
        published=read_date(config.extra.get("date_published"))[0],
        extra_css=css,
        extra_javascript=javascript,
        favicon=str(theme["favicon"]) if "favicon" in theme else "",
        palette=theme["palette"] if "palette" in theme else None,
        pages=project.pages,
        kinds=dict.fromkeys(pages, "MedicalWebPage"),
        unused_families=project.unused_families,
        card_cache=social_cards.card_folder(project.root),
    )


def extra_files(config: Any) -> tuple[list[str], list[str]]:
    """The stylesheets and scripts mkdocs.yml lists, by their paths in docs/ (and in the site)."""
    scripts = [str(getattr(script, "path", script)) for script in config.extra_javascript]
    return [str(path) for path in config.extra_css], scripts


def finish_site(site: Path, facts: SiteFacts) -> list[Problem]:
    """Finish every page and write the site's extra files; with any problem, write nothing."""
    paths = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    if not paths:
        return [Problem(str(site), "folder", "holds no page", "build the site first (make build)")]
    # The pass writes _headers last, and no builder writes one: a site that has it is finished.
    if (site / "_headers").exists():
        fix = "build the site again before finishing it"
        return [Problem(str(site), "folder", "is finished already", fix)]
    pages = {path: (site / path).read_text(encoding="utf-8") for path in paths}
    parts = {path: read_parts(html) for path, html in pages.items()}
    inline, trimmed, problems = _assets(site, facts)
    for path in paths if trimmed else []:
        # The page a maintainer edits, when there is one; else the built file (404.html).
        page = source_page(path, facts.pages)
        name = f"docs/{page}" if page in facts.pages else f"{site.name}/{path}"
        classes = parts[path].class_names
        problems += unused_styles.unused_classes(classes, name, facts.unused_families)
    if problems:
        return problems
    inline.renamed = {old: new for old, (new, _) in trimmed.items()}
    for path, html in pages.items():
        if (finished := finished_page(path, html, facts, inline, parts[path])) != html:
            (site / path).write_text(finished, encoding="utf-8")
        if (record := facts.pages.get(source_page(path, facts.pages))) is not None:
            # The page's title, less the site's name the template adds after it.
            title = parts[path].head_title.removesuffix(f" — {facts.site_name}")
            card = site / parts[path].card.removeprefix(facts.site_url)
            card.parent.mkdir(parents=True, exist_ok=True)
            text = (facts.site_name, title, str(record.meta.get("description", "")))
            card.write_bytes(social_cards.cached_card(facts.card_cache, *text))
    for new, text in trimmed.values():
        (site / new).write_text(text, encoding="utf-8")
    palettes = [path for path in inline.styles if PALETTE.fullmatch(path)]
    maps = [f"{path}.map" for path in [*palettes, *trimmed]]
    for path in [*inline.styles, *inline.scripts, *inline.icons, *trimmed, *maps]:
        (site / path).unlink(missing_ok=True)
    (site / "robots.txt").write_text(page_data.robots_txt(facts.site_url), encoding="utf-8")
    files = [path.relative_to(site).as_posix() for path in site.rglob("*")]
    fingerprinted = [path for path in files if security_policy.FINGERPRINTED.search(path)]
    urls = [list(map(security_policy.url_path, found)) for found in (paths, fingerprinted)]
    (site / "_headers").write_text(security_policy.headers_file(*urls), encoding="utf-8")
    return []


def _assets(site: Path, facts: SiteFacts) -> tuple[Inline, dict, list[Problem]]:
    """The site's CSS and JS, its palette and favicon, as pages carry them inline; Material's main
    stylesheet without the unused families, {old path: (new path, text)}."""
    trimmed = {}
    for file in sorted(site.glob("assets/stylesheets/main.*.min.css")):
        if MAIN.fullmatch(path := file.relative_to(site).as_posix()):
            # The source map describes Material's whole file, not the trimmed one.
            text = SOURCE_MAP.sub("", file.read_text(encoding="utf-8"))
            text = unused_styles.without_unused_rules(text, facts.unused_families)
            trimmed[path] = (unused_styles.fingerprinted(path, text), text)
    wanted = [("extra_css", path) for path in facts.extra_css]
    wanted += [("extra_javascript", path) for path in facts.extra_javascript]
    fix = "correct the path under docs/, or remove the entry"
    inline, missing = Inline(), []
    for key, path in wanted:
        if not (site / path).is_file():
            missing.append(Problem("mkdocs.yml", f"{key}: {path}", "is not in the built site", fix))
    if missing:
        return inline, trimmed, missing
    texts = {path: (site / path).read_text(encoding="utf-8") for _, path in wanted}
    inline.styles = {path: assets.minified_css(texts[path]) for path in facts.extra_css}
    inline.scripts = {path: assets.minified_js(texts[path]) for path in facts.extra_javascript}
    colours = assets.palette_colours(facts.palette)
    for file in sorted(site.glob("assets/stylesheets/**/palette.*.min.css")):
        if PALETTE.fullmatch(path := file.relative_to(site).as_posix()):
            palette = assets.trimmed_palette(file.read_text(encoding="utf-8"), colours)
            inline.styles[path] = assets.minified_css(palette)
    if facts.favicon.endswith(".svg") and (site / facts.favicon).is_file():
        icon = (site / facts.favicon).read_text(encoding="utf-8")
        inline.icons[facts.favicon] = assets.svg_data_uri(icon)
    found = [("style", inline.styles), ("script", inline.scripts)]
    closing = assets.closing_tag_problem
    problems = [
        closing(f"{site.name}/{p}", text, tag) for tag, texts in found for p, text in texts.items()
    ]
    return inline, trimmed, [problem for problem in problems if problem]


def finished_page(
    path: str,
    html: str,
    facts: SiteFacts,
    inline: Inline | None = None,
    parts: PageParts | None = None,
) -> str:
    """One page finished (no files written), its additions spliced in where the parser found
    their place, so the rest keeps the builder's bytes."""
    parts = parts or read_parts(html)
    edits, scripts = _asset_edits(path, html, parts, inline or Inline())
    if (record := facts.pages.get(source_page(path, facts.pages))) is not None:
        edits += _page_data(path, parts, facts, record)
    if parts.charset_end is not None:
        policy = security_policy.content_security_policy(security_policy.script_hashes(scripts))
        tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        edits.append((parts.charset_end, parts.charset_end, tag))
    for start, end, new in sorted(edits, key=lambda edit: edit[:2], reverse=True):
        html = html[:start] + new + html[end:]  # from the last, so earlier offsets hold
    return html


def _page_data(path: str, parts: PageParts, facts: SiteFacts, record: Page) -> list:
    """The review line under the title, and the page's JSON-LD at the end of <head>."""
    meta, edits = record.meta, []
    checked, next_check = (read_date(meta.get(key))[0] for key in ("reviewed", "next_review"))
    review = clinical_review(meta)[0]
    if checked and next_check and parts.title_end is not None:
        line = page_data.review_line(checked, next_check, bool(cited_keys(record.source)), review)
        edits.append((parts.title_end, parts.title_end, line))
    if parts.head_end is not None:
        data = page_data.structured_data(
            kind=facts.kinds.get(source_page(path, facts.pages), "WebPage"),
            title=parts.head_title,
            description=meta.get("description", ""),
            url=urljoin(facts.site_url, path.removesuffix("index.html")),  # faq/index.html → faq/
            site_name=facts.site_name,
            site_url=facts.site_url,
            checked=checked,
            published=facts.published,
            editor=facts.editor,
            clinical_review=review,
        )
        script = f"<script type=application/ld+json>{page_data.json_for_script(data)}</script>"
        edits.append((parts.head_end, parts.head_end, script))
    return edits


def _asset_edits(path: str, html: str, parts: PageParts, inline: Inline) -> tuple[list, list]:
    """The links and scripts replaced by inline text or renamed; the page's executable scripts."""
    edits = []
    # A script written in the page's content is not the build's: it gets no hash (and is refused).
    own = [(s, body) for s, body in parts.scripts if not s.in_content and "src" not in s.attributes]
    executable = security_policy.EXECUTABLE_TYPES
    scripts = [body for s, body in own if s.attributes.get("type", "").lower() in executable]
    for link in (element for element in parts.elements if element.name == "link"):
        href = link.attributes.get("href", "")
        target = assets.site_path(path, href)
        relation = link.attributes.get("rel", "").lower().split()
        if "stylesheet" in relation and target in inline.styles:
            new = f"<style>{inline.styles[target]}</style>"
        elif "stylesheet" in relation and target in inline.renamed:
            renamed = posixpath.basename(inline.renamed[target])
            moved = posixpath.join(posixpath.dirname(href), renamed)
            new = start_tag("link", {**link.attributes, "href": moved})
        elif "icon" in relation and target in inline.icons:
            new = start_tag("link", {**link.attributes, "href": inline.icons[target]})
        else:
            continue
        edits.append((link.start, link.end, new))
    for script, _ in parts.scripts:
        target = assets.site_path(path, script.attributes.get("src", ""))
        if "src" in script.attributes and target in inline.scripts:
            kind = script.attributes.get("type")
            written = f"{f'<script type={kind}>' if kind else '<script>'}{inline.scripts[target]}"
            edits.append((script.start, html.find(">", script.close) + 1, f"{written}</script>"))
            scripts.append(inline.scripts[target])
    return edits, scripts


def start_tag(name: str, attributes: dict[str, str]) -> str:
    """A start tag with each value quoted only when it must be, as the minifier writes them."""
    written = [name]
    for key, value in attributes.items():
        if value == "":
            written.append(key)
        elif NEEDS_QUOTES.search(value):
            written.append(f'{key}="{value.replace("&", "&amp;").replace(chr(34), "&quot;")}"')
        else:
            written.append(f"{key}={value}")
    return f"<{' '.join(written)}>"


def source_page(path: str, pages: Iterable[str]) -> str:
    """The page of `pages` a built file comes from (page_url's rule backwards), or "" (404.html)."""
    return next((page for page in pages if f"{page_url(page)}index.html" == path), "")
