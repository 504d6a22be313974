"""Finish a built site in one pass, whichever builder wrote it: `python -m sitebuild finish site/`.

MkDocs and ProperDocs call finish_site from hooks/mkdocs_pipeline.py when the
site is written; `make build BUILDER=zensical` runs it after Zensical. Each
page is read once (page_reader.py) and gets, spliced in where the parser found
its place:

- its own Content-Security-Policy, listing the hashes of the inline scripts it carries;
- the site's own stylesheet and script, and Material's palette cut to the
  colours in use, written into the page; the favicon as a data: URI;
- the link to Material's main stylesheet, cut to the components the site shows;
- the line under its title saying when the text was checked, and when it is next due;
- its structured data (JSON-LD) for search engines;

and the site gets a social card per page, robots.txt and `_headers`. Every
problem is found before anything is written: a site is finished whole, or not touched.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitebuild.cache import cached_text, stable
from sitebuild.check.page_standards import clinical_review, front_matter, read_date
from sitebuild.finish import assets, page_data, security_policy, social_cards, unused_styles
from sitebuild.problems import Problem
from sitebuild.project import Project
from sitebuild.sources.references import cited_keys

if TYPE_CHECKING:
    from sitebuild.finish.page_reader import PageParts

# Material's fingerprinted palette and main stylesheets (Zensical keeps its themes' in classic/ and modern/).
PALETTE = re.compile(r"assets/stylesheets/(?:[a-z]+/)?palette\.[0-9a-f]+\.min\.css")
MAIN = re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css")
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")
# The first line of a refusal, as report() writes it (sitebuild/checks.py): what failed, and what became of the site.
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
    sources: dict[str, str]  # Markdown by docs path: for front matter
    kinds: dict[str, str]  # schema.org type by docs path
    unused_families: frozenset[str]
    cache: Path  # .cache/build
    card_cache: Path  # .cache/social-cards


def site_facts(config: Any, project: Project) -> SiteFacts:
    """What finishing needs, from a loaded mkdocs.yml (MkDocs' or ProperDocs' config object) and the project read once."""
    theme = config.theme
    manifest = project.manifest
    kinds = {page: "MedicalWebPage" for page in [*manifest.article_pages(), manifest.faq_page]} if manifest else {}
    favicon = str(theme["favicon"]) if "favicon" in theme else ""
    extra_css, extra_javascript = extra_files(config)
    return SiteFacts(
        site_name=config.site_name,
        site_url=config.site_url or "",
        editor=str(config.extra.get("editor", "")),
        published=read_date(config.extra.get("date_published"))[0],
        extra_css=extra_css,
        extra_javascript=extra_javascript,
        favicon=favicon,
        palette=theme["palette"] if "palette" in theme else None,
        sources=project.pages,
        kinds=kinds,
        unused_families=project.unused_families,
        cache=project.cache,
        card_cache=project.root / ".cache" / "social-cards",
    )


def extra_files(config: Any) -> tuple[list[str], list[str]]:
    """The site's own stylesheets and scripts that mkdocs.yml lists, by their paths in docs/ (and in the site)."""
    return [str(path) for path in config.extra_css], [str(getattr(script, "path", script)) for script in config.extra_javascript]


@dataclass
class _Site:
    """The finished site, in memory until every problem is known."""

    pages: dict[str, str] = field(default_factory=dict)  # site path → HTML
    files: dict[str, str | bytes] = field(default_factory=dict)  # site path → new content
    removed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cards: dict[str, tuple[str, str]] = field(default_factory=dict)  # site path → (headline, description) of its social card


def finish_site(site: Path, facts: SiteFacts) -> list[Problem]:
    """Finish every page and write the site's extra files; with any problem, write nothing and say what."""
    paths = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    if not paths:
        return [Problem(str(site), "folder", "holds no page", "build the site first (make build)")]
    # The pass writes _headers last, and no builder writes one (docs/ cannot publish it): a site that has it is finished.
    if (site / "_headers").exists():
        return [Problem(str(site), "folder", "is finished already", "build the site again before finishing it")]
    pages = {path: (site / path).read_text(encoding="utf-8") for path in paths}
    done = _Site()
    inline = _assets(site, facts, done)
    trimmed = _trimmed_main(site, facts, done)
    shared = stable([facts.site_name, facts.site_url, facts.editor, facts.published, facts.kinds, facts.unused_families, inline, trimmed])
    for path, html in pages.items():
        # A page finished before from the same text and facts is read back (sitebuild/cache.py), not parsed again.
        key = [path, html, facts.sources.get(source_page(path), ""), shared]
        result = json.loads(
            cached_text(facts.cache, "finished-page", key, lambda path=path, html=html: json.dumps(_finish(site, path, html, facts, inline, trimmed)))
        )
        done.pages[path] = result["html"]
        if result["card"]:
            done.cards[path] = tuple(result["card"])
        done.problems += [Problem(**fields) for fields in result["problems"]]
    if done.problems:
        return done.problems
    _write(site, done, facts, pages)
    return []


def _assets(site: Path, facts: SiteFacts, done: _Site) -> assets.Inline:
    """The texts pages carry inline, by site path; their files are taken out of the site."""
    inline = assets.Inline()
    wanted = [("extra_css", path) for path in facts.extra_css] + [("extra_javascript", path) for path in facts.extra_javascript]
    for key, path in wanted:
        if not (site / path).is_file():
            done.problems.append(Problem("mkdocs.yml", f"{key}: {path}", "is not in the built site", "correct the path under docs/, or remove the entry"))
    if done.problems:
        return inline
    for path in facts.extra_css:
        text = (site / path).read_text(encoding="utf-8")
        inline.styles[path] = cached_text(facts.cache, "min-css", [text], lambda text=text: assets.minified_css(text))
    colours = assets.palette_colours(facts.palette)
    for file in sorted(site.glob("assets/stylesheets/**/palette.*.min.css")):
        path = file.relative_to(site).as_posix()
        if PALETTE.fullmatch(path):
            text = file.read_text(encoding="utf-8")
            inline.styles[path] = cached_text(
                facts.cache, "palette", [text, stable(colours)], lambda text=text: assets.minified_css(assets.trimmed_palette(text, colours))
            )
            done.removed += [path, f"{path}.map"]
    for path in facts.extra_javascript:
        text = (site / path).read_text(encoding="utf-8")
        inline.scripts[path] = cached_text(facts.cache, "min-js", [text], lambda text=text: assets.minified_js(text))
    done.problems += [problem for path, text in inline.styles.items() if (problem := assets.closing_tag_problem(f"{site.name}/{path}", text, "style"))]
    done.problems += [problem for path, text in inline.scripts.items() if (problem := assets.closing_tag_problem(f"{site.name}/{path}", text, "script"))]
    if facts.favicon.endswith(".svg") and (site / facts.favicon).is_file():
        inline.icons[facts.favicon] = assets.svg_data_uri((site / facts.favicon).read_text(encoding="utf-8"))
    done.removed += [*facts.extra_css, *facts.extra_javascript, *inline.icons]
    return inline


def _trimmed_main(site: Path, facts: SiteFacts, done: _Site) -> dict[str, str]:
    """Material's main stylesheet without the families the site never shows, under a fingerprint of its own: {old path: new path}."""
    renamed = {}
    for file in sorted(site.glob("assets/stylesheets/main.*.min.css")):
        path = file.relative_to(site).as_posix()
        if not MAIN.fullmatch(path):
            continue
        # The source map describes Material's whole file, not the trimmed one.
        text = SOURCE_MAP.sub("", file.read_text(encoding="utf-8"))
        trimmed = cached_text(
            facts.cache,
            "trimmed-css",
            [text, *sorted(facts.unused_families)],
            lambda text=text: unused_styles.without_unused_rules(text, facts.unused_families),
        )
        new = unused_styles.fingerprinted(path, trimmed)
        renamed[path] = new
        done.files[new] = trimmed
        done.removed += [path, f"{path}.map"]
    return renamed


def _finish(site: Path, path: str, html: str, facts: SiteFacts, inline: assets.Inline, trimmed: dict[str, str]) -> dict[str, Any]:
    """{"html": the finished page, "problems": what keeps it from being finished}."""
    from sitebuild.finish.page_reader import read_parts  # only for a page not finished before (cached)

    parts = read_parts(html)
    page = source_page(path)
    # The page a maintainer edits, when there is one; else the built file (404.html comes from a template).
    name = f"docs/{page}" if page in facts.sources else f"{site.name}/{path}"
    problems = unused_styles.unused_classes(parts.class_names, name, facts.unused_families) if trimmed else []
    meta = front_matter(facts.sources[page])[0] if page in facts.sources else None
    card = [headline(meta, parts, facts.site_name), str(meta.get("description", ""))] if meta is not None else None
    return {"html": _finished_page(path, html, parts, facts, inline, trimmed), "problems": [asdict(problem) for problem in problems], "card": card}


def finished_page(path: str, html: str, facts: SiteFacts, inline: assets.Inline | None = None, renamed: dict[str, str] | None = None) -> str:
    """One page finished (no cache, no files written): what finish_site does to each page."""
    from sitebuild.finish.page_reader import read_parts

    return _finished_page(path, html, read_parts(html), facts, inline or assets.Inline(), renamed or {})


def _finished_page(path: str, html: str, parts: PageParts, facts: SiteFacts, inline: assets.Inline, renamed: dict[str, str]) -> str:
    """The page with every addition spliced in at the places the parser found."""
    edits: list[tuple[int, int, str]] = []
    # A script written in the page's content is not the build's: it gets no hash (the checks refuse it too, check/raw_html.py).
    scripts = [
        script.body
        for script in parts.scripts
        if not script.in_content and "src" not in script.tag.attributes and script.tag.attributes.get("type", "").lower() in security_policy.EXECUTABLE_TYPES
    ]
    for link in parts.links:
        href = link.attributes.get("href", "")
        target = assets.site_path(path, href)
        relation = link.attributes.get("rel", "").lower().split()
        if "stylesheet" in relation and target in inline.styles:
            edits.append((link.start, link.end, f"<style>{inline.styles[target]}</style>"))
        elif "stylesheet" in relation and target in renamed:
            new_href = posixpath.join(posixpath.dirname(href), posixpath.basename(renamed[target]))
            edits.append((link.start, link.end, start_tag("link", {**link.attributes, "href": new_href})))
        elif "icon" in relation and target in inline.icons:
            edits.append((link.start, link.end, start_tag("link", {**link.attributes, "href": inline.icons[target]})))
    for script in parts.scripts:
        target = assets.site_path(path, script.tag.attributes.get("src", ""))
        if "src" in script.tag.attributes and target in inline.scripts:
            kind = script.tag.attributes.get("type")
            edits.append((script.tag.start, script.tag.end, f"<script{' type=' + kind if kind else ''}>{inline.scripts[target]}</script>"))
            scripts.append(inline.scripts[target])
    page = source_page(path)
    meta = front_matter(facts.sources[page])[0] if page in facts.sources else None
    if meta is not None:
        checked, next_check = read_date(meta.get("reviewed"))[0], read_date(meta.get("next_review"))[0]
        if checked and next_check and parts.title_end is not None:
            cites = bool(cited_keys(facts.sources[page]))
            line = page_data.review_line(checked, next_check, cites, clinical_review(meta)[0])
            edits.append((parts.title_end, parts.title_end, line))
        if parts.head_end is not None:
            data = page_data.json_for_script(_structured_data(page, path, meta, parts, facts))
            edits.append((parts.head_end, parts.head_end, f"<script type=application/ld+json>{data}</script>"))
    if parts.charset_end is not None:
        policy = security_policy.content_security_policy(security_policy.script_hashes(scripts))
        edits.append((parts.charset_end, parts.charset_end, security_policy.meta_policy(policy)))
    return spliced(html, edits)


def _structured_data(page: str, path: str, meta: dict[str, Any], parts: PageParts, facts: SiteFacts) -> dict:
    checked = read_date(meta.get("reviewed"))[0]
    return page_data.structured_data(
        kind=facts.kinds.get(page, "WebPage"),
        title=page_title(meta, parts, facts.site_name),
        description=meta.get("description", ""),
        url=page_data.absolute(facts.site_url, page_url(path)),
        site_name=facts.site_name,
        site_url=facts.site_url,
        checked=checked,
        published=facts.published,
        editor=facts.editor,
        clinical_review=clinical_review(meta)[0],
    )


def headline(meta: dict[str, Any], parts: PageParts, site_name: str) -> str:
    """What the page is about: its headline (front matter), else its <h1>, else the site's name (as overrides/main.html has it)."""
    return str(meta.get("headline") or parts.title or site_name)


def page_title(meta: dict[str, Any], parts: PageParts, site_name: str) -> str:
    """The page's headline, then the site's name."""
    return page_data.page_title(headline(meta, parts, site_name), site_name)


def _write(site: Path, done: _Site, facts: SiteFacts, before: dict[str, str]) -> None:
    for path, html in done.pages.items():
        if html != before[path]:
            (site / path).write_text(html, encoding="utf-8")
    for path, content in done.files.items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content) if isinstance(content, bytes) else target.write_text(content, encoding="utf-8")
    for path in done.removed:
        (site / path).unlink(missing_ok=True)
    for path, (title, description) in done.cards.items():
        card = site / page_data.social_card_path(page_url(path))
        card.parent.mkdir(parents=True, exist_ok=True)
        card.write_bytes(social_cards.cached_card(facts.card_cache, facts.site_name, title, description))
    (site / "robots.txt").write_text(page_data.robots_txt(facts.site_url), encoding="utf-8")
    fingerprinted = [security_policy.url_path(path.relative_to(site).as_posix()) for path in site.rglob("*") if security_policy.FINGERPRINTED.search(path.name)]
    (site / "_headers").write_text(security_policy.headers_file([security_policy.url_path(path) for path in done.pages], fingerprinted), encoding="utf-8")


def spliced(html: str, edits: list[tuple[int, int, str]]) -> str:
    """The text with each (start, end, new) replacement made; from the last, so earlier offsets hold."""
    for start, end, new in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
        html = html[:start] + new + html[end:]
    return html


def start_tag(name: str, attributes: dict[str, str]) -> str:
    """A start tag with each value quoted only when it must be, as the minifier writes them."""
    written = []
    for key, value in attributes.items():
        if value == "":
            written.append(key)
        elif NEEDS_QUOTES.search(value):
            written.append(f'{key}="{value.replace("&", "&amp;").replace(chr(34), "&quot;")}"')
        else:
            written.append(f"{key}={value}")
    return f"<{name} {' '.join(written)}>" if written else f"<{name}>"


def source_page(path: str) -> str:
    """The Markdown page a built page comes from: index.html → index.md, faq/index.html → faq.md (404.html: none)."""
    return "index.md" if path == "index.html" else f"{path.removesuffix('/index.html')}.md" if path.endswith("/index.html") else ""


def page_url(path: str) -> str:
    """The page's address below the site's: faq/index.html → faq/."""
    return path.removesuffix("index.html")
