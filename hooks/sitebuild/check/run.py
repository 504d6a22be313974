"""Every content check, in the two steps any builder runs, and the one report they make: inputs
before anything is rendered; then the pages as rendered, by the builder or by render_here (same
lines). Raw HTML may not run a script (it would run under the site's name), embed or hide."""

import datetime as dt
import re
from pathlib import Path
from typing import Any

from sitebuild.check import page_standards as standards
from sitebuild.check import references as refs
from sitebuild.check import site_words as own
from sitebuild.check.configuration import check_config, check_page_values
from sitebuild.check.manifest import KEY_POINTS_KIND, check_faq, check_pages
from sitebuild.check.page_text import EDITOR_NOTE, Reading, reading_of
from sitebuild.finish.assets import closing_tag_problem, extra_files
from sitebuild.finish.verify import css_from_other_hosts
from sitebuild.html_reading import read_html, url_scheme
from sitebuild.load.inputs import check_folders, check_templates, display, read_text
from sitebuild.load.project import Project
from sitebuild.problems import Problem

CHECKS_FAILED = ("The article failed its content checks", "nothing was built")
# Elements that run code or embed another document, redirect, load from elsewhere, or hide or
# restyle the article (verify checks too); attributes holding a URL a browser may follow or load.
FORBIDDEN = set("script iframe object embed frame frameset applet base meta link style".split())
FORBIDDEN |= {"noscript", "form", "template"}
URL_ATTRIBUTES = set("href src action formaction data poster background xlink:href".split())
# Markdown that reached the page as text: headings, bold, admonitions. (A footnote mark left
# as text is a citation's problem, reported by the check of the text it came with.)
STRANDED = re.compile(r"^#{1,6} \S|\*\*\S|^(?:!!!|\?\?\?)\+? ")
FIX_HTML = (
    "remove it: pages may hold text, links and images, not scripts, event handlers or embedded "
    "pages (hooks/README.md: What the build refuses)"
)
FIX_TEXT = "add `markdown` to the HTML element around it (<div markdown>), or remove the raw HTML"
FIX_BOX = (
    f"write the site's own notes as `!!! {EDITOR_NOTE} \"Editor's note\"` (README.md: Add an "
    "editor's note), or remove it"
)


def check_inputs(config: Any, project: Project, today: dt.date) -> tuple[list, list, bool]:
    """(errors, warnings, whether the pages can be rendered here): not when a setting changes the
    rendering (an extension removed), which then explains the pages' problems."""
    root, manifest, pages = project.root, project.manifest, project.pages
    settings = check_config(config, root, list(manifest.pages) if manifest else [])
    problems = settings + project.problems + check_folders(root)
    problems += check_templates(root / "overrides", config.theme.get_env().compile, root)
    if manifest:
        listed = None if config.nav is None else nav_pages(config.nav, pages)
        problems += check_pages(manifest, [*pages, *project.unreadable], listed)
        problems += check_faq(manifest, project.sources)
    # With no readable sources every key would look unknown: references.yml's own problem says why.
    unread = any(problem.file == refs.REFERENCES_NAME for problem in project.problems)
    references = {} if unread else project.references
    warnings = []
    for page, record in pages.items():
        errors, overdue = standards.check_front_matter(record, today)
        problems += errors + refs.check_citations(page, record.source, references)
        warnings += overdue
    problems += standards.check_unique_descriptions(pages)
    includes = {refs.GLOSSARY_NAME: project.raw.get(refs.GLOSSARY_NAME, "")}
    problems += check_page_values(root, pages, includes)
    for page in manifest.article_pages() if manifest else []:
        # A front matter problem is the page's one line: left open, it also pushes Key points down.
        if page in pages and not pages[page].meta_problem:
            problems += standards.check_key_points(page, pages[page].source)
    return problems + _check_extra_files(config, root), warnings, not settings


def _check_extra_files(config: Any, root: Path) -> list[Problem]:
    """The stylesheets and scripts mkdocs.yml lists: there, UTF-8, fit to be written into a page."""
    problems = []
    for key, paths in zip(("extra_css", "extra_javascript"), extra_files(config), strict=True):
        for path in paths:
            file, tag = Path(config.docs_dir) / path, "style" if key == "extra_css" else "script"
            if not file.is_file() and not file.is_symlink():  # a broken link: read_text says why
                wrong, fix = "no such file in docs/", "correct the path or remove the entry"
                problems.append(Problem("mkdocs.yml", f"{key}: {path}", wrong, fix))
                continue
            (text, found), name = read_text(file, root=root), display(file, root)
            if text is not None:
                found += [closing_tag_problem(name, text, tag)]
                found += css_from_other_hosts(name, text) if tag == "style" else []
            problems += filter(None, found)
    return problems


def check_rendered(project: Project, skip: frozenset[str] = frozenset()) -> list[Problem]:
    """No raw script, no stranded Markdown, the manuscript's text, key points and citations that
    match it. Pages in `skip` already have a problem."""
    from sitebuild.check.against_manuscript import check_article

    manifest, rendered = project.manifest, project.rendered
    article_pages = [*manifest.article_pages(), manifest.faq_page] if manifest else []
    problems = []
    # Raw HTML from the glossary or a source's finding is said once, in its own file.
    for name in (refs.GLOSSARY_NAME, refs.REFERENCES_NAME):
        text = project.raw.get(name, "")
        problems += _raw_html(name, reading_of(read_html(text)), text)
    said = {problem.problem for problem in problems}
    for page, record in rendered.items():
        found = _raw_html(f"docs/{page}", record.reading, record.source, page in article_pages)
        problems += [problem for problem in found if problem.problem not in said]
    skip = skip | pages_in(problems)
    if manifest and project.units:
        article = check_article(manifest, project.units, rendered, project.edits, skip=skip)
        problems += article
        skip |= pages_in(article)
    return problems + _editorial_problems(project, skip)


def _editorial_problems(project: Project, skip: frozenset[str]) -> list[Problem]:
    """Every footnote declared and supported; every key point and note tied to its words. Pages in
    `skip` have a problem in the author's text, which a mismatch here would only repeat."""
    problems: list[Problem] = []
    citations, words, vocabulary = project.citations, project.site_words, project.vocabulary
    for key, ref in project.references.items():
        quotes, at = " ".join(quote for quote, _ in ref.evidence), f"source {key!r} finding"
        problems += own.check_supported(
            refs.REFERENCES_NAME, at, ref.finding, quotes, ref.line or None
        )
    # With no readable sources or citation map, every key would look unknown: their lines say why.
    if project.references and citations is not None:
        found = refs.check_citation_map(project.sources, citations, set(project.references))
        problems += [p for p in found if not pages_in([p]) & skip]
        for c in citations:
            at = f"{c.page} [^{c.key}]"
            problems += own.check_supported(refs.CITATIONS_NAME, at, c.claim, c.support, c.line)
    if words:
        # A page the manifest lists but that is gone has its own line (manifest.py: check_pages).
        listed = set(project.manifest.pages) if project.manifest else set()
        problems += own.check_pages_named(words, {*project.pages, *project.unreadable, *listed})
    for record in [record for page, record in project.pages.items() if page not in skip]:
        cited = [(c.claim, c.support) for c in citations or () if c.page == record.path]
        # Key points are tied to their words only when the citations were read.
        tied = own.check_site_words(record, words, cited) if words and citations is not None else []
        # A bullet found to change its words' strength needs no second line for its vocabulary.
        said = {(problem.file, problem.line) for problem in tied}
        found = own.check_key_point_words(record, vocabulary) if vocabulary else []
        problems += tied + [p for p in found if (p.file, p.line) not in said]
    return problems


def _raw_html(file: str, reading: Reading, source: str, article: bool | None = None) -> list:
    """Scripts, event handlers, javascript: links, embedded documents; on a page (article not
    None), Markdown shown as text (raw HTML without the `markdown` attribute) and, on the
    article's, a box other than Key points or an editor's note: it passes as the author's."""
    found, kinds = _scan(reading)
    problems = [("raw HTML", w, FIX_HTML, _line(source, at)) for w, at in dict.fromkeys(found)]
    for block in reading.blocks if article is not None else []:
        if match := STRANDED.search(block.text):
            shown = block.text[match.start() : match.start() + 30].strip()
            line = _line(source, block.text[:30]) or _line(source, shown)
            what = f"readers see {shown!r}…, not its formatting"
            problems.append(("Markdown shown as text", what, FIX_TEXT, line))
    for kind in kinds if article else []:
        if kind not in (EDITOR_NOTE, KEY_POINTS_KIND):
            line = _line(source, f"!!! {kind}") or _line(source, f"??? {kind}")
            what = f"a box of type `{kind}` on a page of the article"
            problems.append(("admonition", what, FIX_BOX, line))
    return [Problem(file, *each) for each in problems]


def _scan(reading: Reading) -> tuple[list[tuple[str, str]], list[str]]:
    """What raw HTML does (what is wrong, a text to find its line by), and the boxes' types."""
    found, kinds = [], []
    for tag, attrs in reading.tags:
        if tag in FORBIDDEN:
            found.append((f"{'an' if tag[0] in 'aeio' else 'a'} <{tag}> element", f"<{tag}"))
        for name, value in attrs:
            scheme, words = url_scheme(value), (value or "").split()
            unsafe = scheme in ("javascript", "vbscript", "data") and (tag, name) != ("img", "src")
            if name.startswith("on"):
                found.append((f"an event handler ({name}=) on <{tag}>", name))
            elif name in ("ping", "style", "hidden"):
                found.append((f"a {name} attribute on <{tag}>", name))
            elif name in URL_ATTRIBUTES and unsafe:
                found.append((f"a {scheme}: address in {name}= on <{tag}>", f"{scheme}:"))
            elif name == "class" and tag == "div" and "admonition" in words:
                kinds.append(next((word for word in words if word != "admonition"), "note"))
    return found, kinds


def _line(source: str, needle: str) -> int | None:
    needle, lines = needle.casefold().strip(), enumerate(source.casefold().splitlines(), start=1)
    return next((number for number, line in lines if needle and needle in line), None)


def render_here(config: Any, project: Project, problems: list[Problem]) -> list[Problem]:
    """check_rendered without a builder's rendering: pages whose Markdown has a problem are left
    out; with the glossary or a data file the extensions read broken, nothing is rendered."""
    import markdown
    from mkdocs.utils.meta import get_data

    if any(problem.file.startswith(("includes/", "hooks/")) for problem in problems):
        return []
    troubled = pages_in(problems)
    options = {"extensions": config.markdown_extensions, "extension_configs": config.mdx_configs}
    for record in [record for page, record in project.pages.items() if page not in troubled]:
        record.html = markdown.markdown(get_data(record.source)[0], **options)
    return check_rendered(project, skip=troubled)


def nav_pages(nav: Any, pages: dict[str, Any]) -> list[str]:
    """The pages `nav:` in mkdocs.yml lists, in order."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    items = nav.values() if isinstance(nav, dict) else nav if isinstance(nav, list) else []
    return [page for item in items for page in nav_pages(item, pages)]


def report(problems: list[Problem], what=CHECKS_FAILED[0], outcome=CHECKS_FAILED[1]) -> str:
    """All problems, one line each (a problem two checks found, once), under what stopped."""
    problems = list(dict.fromkeys(problems))
    count = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
    return "\n".join([f"{what} ({count}); {outcome}:", *map(str, problems)])


def pages_in(problems: list[Problem]) -> frozenset[str]:
    """The pages (paths under docs/) that these problems are about."""
    about = [p for p in problems if p.page or p.file.startswith("docs/")]
    return frozenset(p.page or p.file.removeprefix("docs/") for p in about)
