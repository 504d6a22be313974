"""Check the finished site, whatever built it: `python -m sitebuild verify site/`.

The content checks read the inputs; this reads what will be published, so a
promise the README makes about the site holds even when an input slipped past
them, a builder changed, or the hook never ran. One Problem per thing wrong:

- every page of the manifest is there, with its article, review line and structured data;
- the article text is visible: no `hidden`, `style` or <noscript> in it, and
  no element or attribute outside the allow-list for article content;
- every inline script is one the templates or the site's own scripts emit
  (by content), and the page's policy hashes exactly those;
- nothing the browser loads comes from another host (src, href, srcset, CSS
  url() and @import); only links a reader clicks (<a href>) may leave the site;
- every published file is a regular file of a published type, nothing from
  .git, SVGs without scripts or event handlers; `_headers` lists every page.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import tinycss2

from sitebuild.finish import assets, security_policy
from sitebuild.problems import Problem

if TYPE_CHECKING:
    from sitebuild.finish.page_reader import PageParts
    from sitebuild.html_reading import Element
    from sitebuild.project import Project

# The first line of a refusal (sitebuild/checks.py: report) and what became of the site.
REFUSAL = ("The built site failed verification", "the site folder was emptied: nothing to publish")
# When the folder named is not one to empty (missing, or the project itself).
KEPT = "the folder was left as it was"
# What a builder writes and the finishing pass keeps (README: "What verify checks").
PUBLISHED_SUFFIXES = frozenset(
    ".html .css .js .map .json .xml .txt .gz .png .svg .jpg .jpeg .webp".split(),
)
PUBLISHED_NAMES = frozenset({"_headers", "LICENSE"})  # Zensical ships its scripts' licence
# What Markdown writes into an article, and the attributes it gives them; anything else
# (meta, link, style, form, iframe, object, embed, noscript, svg, ...) was written in by hand.
CONTENT_ELEMENTS = frozenset(
    [
        *"a abbr article b blockquote br caption code dd del details div dl dt em".split(),
        *"figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s".split(),
        *"small span strong sub summary sup table tbody td tfoot th thead time tr u ul".split(),
    ],
)
CONTENT_ATTRIBUTES = frozenset(
    [
        *"alt aria-label class colspan data-label data-search-exclude datetime height".split(),
        *"href id lang open rel role rowspan scope src srcset tabindex title width".split(),
    ],
)
# Elements no page of this site carries anywhere: they load, embed, redirect or hide.
REFUSED_ELEMENTS = frozenset(
    "applet base embed foreignobject frame frameset iframe noscript object portal template".split(),
)
# Attributes that run script, send data or load a page, wherever they are.
REFUSED_ATTRIBUTES = frozenset({"ping", "srcdoc", "formaction", "background"})
# Attributes holding addresses the browser loads by itself.
LOADED = ("src", "srcset", "poster", "data", "action", "xlink:href")
# Link relations the templates write; preconnect, preload and the like reach other hosts early.
LINK_RELATIONS = frozenset("canonical prev next icon stylesheet alternate search".split())
# Script types that are data, not code; their text must be JSON.
DATA_TYPES = frozenset({"application/json", "application/ld+json"})
# A {{ … }} in a template's script: the builder writes a path or address there, never code.
HOLE = r"[\w./:#?=&%-]*"
TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
TEMPLATE_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
POLICY = "content-security-policy"
FINISH = "build with make build, which finishes every page"


@dataclass(frozen=True)
class VerifyFacts:
    """What verify compares the site with, read from the project by the caller."""

    pages: list[str]  # the manifest's pages (docs paths)
    own_hosts: frozenset[str]  # site_url's host: canonical links and social cards name it
    template_scripts: list[re.Pattern[str]]  # inline scripts the templates write
    own_scripts: frozenset[str]  # the site's extra_javascript, as finish/site.py writes it inline
    headings: tuple[tuple[str, str], ...] = ()  # (page, heading): the manifest's sections, FAQ


def verify_facts(config: Any, project: Project, template_dirs: list[Path]) -> VerifyFacts:
    """The facts, from a loaded mkdocs.yml and the project read once."""
    from sitebuild.cache import cached_text
    from sitebuild.finish.site import extra_files

    docs = Path(config.docs_dir)
    own = set()
    for path in extra_files(config)[1]:
        if (docs / path).is_file():
            text = (docs / path).read_text(encoding="utf-8")
            own.add(cached_text(project.cache, "min-js", [text], partial(assets.minified_js, text)))
    host = urlparse(config.site_url or "").netloc
    return VerifyFacts(
        pages=list(project.manifest.pages) if project.manifest else [],
        own_hosts=frozenset({host} if host else set()),
        template_scripts=template_scripts(template_dirs),
        own_scripts=frozenset(own),
        headings=_headings(project),
    )


def _headings(project: Project) -> tuple[tuple[str, str], ...]:
    """Each section's heading and FAQ question, with the page that shows it (hooks/manifest.yml)."""
    manifest = project.manifest
    if not manifest:
        return ()
    sections = [(section.page, section.heading) for section in manifest.sections]
    return (*sections, *((manifest.faq_page, question) for question in manifest.questions))


def template_dirs(config: Any) -> list[Path]:
    """The theme's template folders (overrides/, Material's), and Zensical's when installed."""
    import importlib.util

    dirs = [Path(folder) for folder in config.theme.dirs]
    spec = importlib.util.find_spec("zensical")
    if spec and spec.origin:
        dirs.append(Path(spec.origin).parent / "templates")
    return dirs


def template_scripts(dirs: list[Path]) -> list[re.Pattern[str]]:
    """Each inline script in the templates as a pattern: its text, a path where Jinja writes."""
    patterns = {}
    for folder in dirs:
        for path in sorted(folder.rglob("*.html")) if folder.is_dir() else []:
            for body in TEMPLATE_SCRIPT.findall(path.read_text(encoding="utf-8")):
                if "{%" in body or "{#" in body or not body.strip():
                    continue  # no theme's script has either: such a text is no allow-list entry
                pieces = TEMPLATE_EXPRESSION.split(body.strip())
                patterns[body.strip()] = re.compile(HOLE.join(map(re.escape, pieces)))
    return list(patterns.values())


def verify_site(site: Path, facts: VerifyFacts) -> list[Problem]:
    """Every way the finished site breaks a promise, one Problem each."""
    from sitebuild.finish.page_reader import read_parts

    if not site.is_dir() or not any(site.iterdir()):
        fix = "build the site first (make build)"
        return [Problem(str(site), "folder", "is empty or missing", fix)]
    if (site / "mkdocs.yml").exists():
        fix = "name the built site's folder (python -m sitebuild verify site/)"
        return [Problem(str(site), "folder", "is a project, not a built site", fix)]
    problems = _files(site)
    if not (site / "_headers").is_file():
        # The finishing pass never ran (a builder without the hook, or `hooks:` emptied): every
        # page would lack its policy; one line says why.
        fix = "build with make build, which finishes the site"
        fix += " (hooks/mkdocs_pipeline.py or sitebuild finish)"
        return [*problems, Problem(site.name, "folder", "was never finished (no _headers)", fix)]
    headers = (site / "_headers").read_text(encoding="utf-8").splitlines()
    for page in facts.pages:
        path = built_path(page)
        if not (site / path).is_file():
            fix = f"publish docs/{page}"
            fix += " (use_directory_urls, exclude_docs, draft_docs, template in mkdocs.yml)"
            missing = f"is missing: docs/{page} was not published"
            problems.append(Problem(f"{site.name}/{path}", "page", missing, fix))
    for file in sorted(site.rglob("*.html")):
        path = file.relative_to(site).as_posix()
        if not _regular(file):
            continue
        html = file.read_text(encoding="utf-8")
        parts = read_parts(html)
        page = source_page(path)
        name = f"{site.name}/{path}"
        problems += _page(name, html, parts, facts, page)
        if page in facts.pages:
            problems += _article_page(name, html, parts, page)
            problems += _sections(name, parts, page, facts)
            if security_policy.url_path(path) not in headers:
                fix = "finish the site again (make build)"
                problems.append(Problem(name, "_headers", "has no rule for this page", fix))
    for file in sorted([*site.rglob("*.css"), *site.rglob("*.svg")]):
        if _regular(file):
            name = f"{site.name}/{file.relative_to(site).as_posix()}"
            text = file.read_text(encoding="utf-8")
            svg = file.suffix == ".svg"
            problems += _svg(name, text, facts) if svg else _css(name, text, 1, facts)
    return problems


def built_path(page: str) -> str:
    """Where a page is published with directory URLs: safety.md → safety/index.html."""
    stem = page.removesuffix(".md")
    return "index.html" if stem == "index" else f"{stem}/index.html"


def source_page(path: str) -> str:
    """The docs page a published page comes from ("" for 404.html)."""
    if path == "index.html":
        return "index.md"
    return f"{path.removesuffix('/index.html')}.md" if path.endswith("/index.html") else ""


def _regular(file: Path) -> bool:
    return stat.S_ISREG(os.lstat(file).st_mode)


def _files(site: Path) -> list[Problem]:
    """Every published file: a regular file, of a published type, not from .git."""
    problems = []
    fix = "remove it from docs/ (the site publishes only the project's own regular files)"
    for current, folders, files in os.walk(site):
        base = Path(current)
        for entry in sorted([*folders, *files]):
            path = base / entry
            name = f"{site.name}/{path.relative_to(site).as_posix()}"
            mode = os.lstat(path).st_mode
            kind = path.suffix.lower()
            if entry.startswith(".git"):
                problems.append(Problem(name, "file", "comes from the repository's .git", fix))
            elif stat.S_ISLNK(mode):
                problems.append(Problem(name, "file", "is a symbolic link", fix))
            elif stat.S_ISDIR(mode):
                continue
            elif not stat.S_ISREG(mode):
                problems.append(Problem(name, "file", "is not a regular file", fix))
            elif entry not in PUBLISHED_NAMES and kind not in PUBLISHED_SUFFIXES:
                wrong = f"is a {path.suffix or 'nameless'} file, not a type the site publishes"
                problems.append(Problem(name, "file", wrong, fix))
        # A refused folder is reported once, not file by file.
        kept = [entry for entry in folders if not (base / entry).is_symlink()]
        folders[:] = [entry for entry in kept if not entry.startswith(".git")]
    return problems


def _page(name: str, html: str, parts: PageParts, facts: VerifyFacts, page: str) -> list[Problem]:
    """One published page: its elements, scripts, styles and policy."""
    where = f"docs/{page}" if page else "the templates (overrides/) or mkdocs.yml"
    problems = []
    for element in parts.elements:
        problems += _element(name, element, facts, where)
    for line, text in parts.styles:
        problems += _css(name, text, line, facts)
    executable, foreign = [], False
    for script in parts.scripts:
        line = html.count("\n", 0, script.tag.start) + 1
        kind = script.tag.attributes.get("type", "").lower()
        place = f"<script type={kind}>"
        if "src" in script.tag.attributes:
            continue  # its address is checked with the other elements
        if kind in DATA_TYPES:
            if not _json(script.body):
                fix = f"remove it from {where}"
                problems.append(Problem(name, place, "holds something other than JSON", fix, line))
            continue
        if kind not in security_policy.EXECUTABLE_TYPES:
            fix = f"remove it from {where}"
            problems.append(Problem(name, place, "is of a type the site does not write", fix, line))
            continue
        body = script.body.strip()
        emitted = any(pattern.fullmatch(body) for pattern in facts.template_scripts)
        ours = body in facts.own_scripts or emitted
        if not ours or script.in_content:
            shown = " ".join(body.split())[:40]
            fix = f"remove it from {where}; the site runs only the scripts its templates"
            fix += " and docs/assets/javascripts write"
            wrong = f"{shown!r}… is not one the site writes"
            problems.append(Problem(name, "inline script", wrong, fix, line))
            foreign = True
        else:
            executable.append(script.body)
    policies = [element for element in parts.elements if _is_policy(element)]
    expected = security_policy.content_security_policy(security_policy.script_hashes(executable))
    place, fix = "Content-Security-Policy", "finish the site again (make build)"
    if len(policies) != 1:
        problems.append(Problem(name, place, f"the page has {len(policies)} policies, not 1", fix))
    elif policies[0].attributes.get("content") != expected and not foreign:
        # A foreign script's hash in the policy is that script's problem, said once above.
        fix += "; the policy lists exactly the page's own scripts"
        wrong = "does not match the page's own scripts"
        problems.append(Problem(name, place, wrong, fix, policies[0].line))
    return problems


def _json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _is_policy(element: Element) -> bool:
    return element.name == "meta" and element.attributes.get("http-equiv", "").lower() == POLICY


def _element(name: str, element: Element, facts: VerifyFacts, where: str) -> list[Problem]:
    """One element anywhere in a page or SVG (in the article, against the content allow-list)."""
    tag, attributes, line = element.name, element.attributes, element.line
    fix = f"remove it from {where}"
    if tag in REFUSED_ELEMENTS:
        return [Problem(name, f"<{tag}>", "is an element the site does not publish", fix, line)]
    if tag == "meta" and "http-equiv" in attributes and not _is_policy(element):
        place = f"<meta http-equiv={attributes['http-equiv']}>"
        return [Problem(name, place, "is not allowed (it can send readers elsewhere)", fix, line)]
    animated = attributes.get("attributename", "").lower()
    if tag in ("animate", "set") and animated in ("href", "xlink:href"):
        return [Problem(name, f"<{tag}>", "changes a link's address", fix, line)]
    problems = []
    for attribute, value in attributes.items():
        place = f"<{tag} {attribute}>"
        if _refused_attribute(attribute):
            problems.append(Problem(name, place, "runs script or sends data", fix, line))
        elif attribute in ("href", *LOADED) and _scheme(value) in ("javascript", "vbscript"):
            problems.append(Problem(name, place, "holds a script address", fix, line))
    if element.in_content:
        problems += _content(name, element, fix)
        if tag not in CONTENT_ELEMENTS:
            return problems
    if "style" in attributes:
        problems += _css(name, attributes["style"], line, facts, declarations=True)
    relations = set(attributes.get("rel", "").lower().split()) if tag == "link" else set()
    if not relations <= LINK_RELATIONS:
        place = f"<link rel={' '.join(sorted(relations - LINK_RELATIONS))}>"
        return [*problems, Problem(name, place, "is not a link the site writes", fix, line)]
    for attribute in (*LOADED, *(("href",) if tag != "a" else ())):
        for address in _addresses(attribute, attributes.get(attribute, "")):
            if _other_host(address, facts, allow_own=tag in ("link", "meta")):
                place = f"<{tag} {attribute}={address}>"
                problems.append(Problem(name, place, "loads from another host", fix, line))
    shared = attributes.get("property", "").startswith("og:")
    content = attributes.get("content", "") if shared else ""
    address = content.startswith(("http://", "https://", "//"))
    if address and _other_host(content, facts, allow_own=True):
        place = f"<meta property={attributes['property']}>"
        problems.append(Problem(name, place, "names another host", fix, line))
    return problems


def _content(name: str, element: Element, fix: str) -> list[Problem]:
    """An element in <article>: one Markdown writes, with attributes that leave its text visible."""
    tag, line = element.name, element.line
    if tag not in CONTENT_ELEMENTS:
        return [Problem(name, f"<{tag}>", "is not an element of article text", fix, line)]
    problems = []
    for attribute in element.attributes:
        place = f"<{tag} {attribute}>"
        if attribute in ("hidden", "style"):
            problems.append(Problem(name, place, "hides or restyles article text", fix, line))
        elif attribute not in CONTENT_ATTRIBUTES and not _refused_attribute(attribute):
            problems.append(Problem(name, place, "is not an attribute of article text", fix, line))
    return problems


def _refused_attribute(attribute: str) -> bool:
    return attribute.startswith("on") or attribute in REFUSED_ATTRIBUTES


def _scheme(address: str) -> str:
    """An address's scheme as a browser reads it: case, spaces and control characters aside."""
    cleaned = "".join(character for character in address if character > " ").lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned else ""


def _addresses(attribute: str, value: str) -> list[str]:
    if not value:
        return []
    if attribute == "srcset":
        return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
    return [value.strip()]


def _other_host(address: str, facts: VerifyFacts, *, allow_own: bool) -> bool:
    """Whether the browser would fetch the address from a host other than the site's."""
    parsed = urlparse(address.strip())
    web = parsed.scheme in ("", "http", "https")
    if parsed.scheme == "data":
        return False  # inline: loads nothing (the favicon)
    if web and not parsed.netloc:
        return False  # a path on the site itself
    # The site's own address, in the places the templates write it (canonical link, social card).
    return not (allow_own and web and parsed.netloc in facts.own_hosts)


def _css(
    name: str,
    text: str,
    line: int,
    facts: VerifyFacts,
    *,
    declarations: bool = False,
) -> list[Problem]:
    """url() and @import in a stylesheet, a <style> or a style attribute: nothing from elsewhere."""
    parse = tinycss2.parse_blocks_contents if declarations else tinycss2.parse_stylesheet
    problems = []
    fix = "serve it from the site itself, or remove it"
    for address, offset in _css_addresses(parse(text)):
        if _other_host(address, facts, allow_own=False):
            place = f"CSS url({address})"
            problems.append(Problem(name, place, "loads from another host", fix, line + offset))
    return problems


def css_from_other_hosts(name: str, text: str) -> list[Problem]:
    """A stylesheet's url() and @import that reach another host (extra_css, before a build)."""
    return _css(name, text, 1, VerifyFacts([], frozenset(), [], frozenset()))


def _css_addresses(nodes: list[Any]) -> list[tuple[str, int]]:
    found = []
    for node in nodes:
        offset = (getattr(node, "source_line", 1) or 1) - 1
        if node.type == "url":
            found.append((node.value, offset))
        elif node.type == "function" and node.lower_name in ("url", "src", "image-set"):
            strings = [token.value for token in node.arguments if token.type == "string"]
            found += [(value, offset) for value in strings]
            found += _css_addresses(node.arguments)
        elif node.type == "at-rule" and node.lower_at_keyword == "import":
            found += [(token.value, offset) for token in node.prelude if token.type == "string"]
        for child in ("prelude", "content", "arguments"):
            value = getattr(node, child, None)
            if isinstance(value, list) and not (node.type == "function" and child == "arguments"):
                found += _css_addresses(value)
    return found


def _svg(name: str, text: str, facts: VerifyFacts) -> list[Problem]:
    """A published SVG: an image, without scripts, handlers or addresses elsewhere."""
    from sitebuild.finish.page_reader import read_parts

    parts = read_parts(text)
    fix = "remove the script from the SVG under docs/, or the SVG itself"
    scripts = [element for element in parts.elements if element.name == "script"]
    wrong = "an SVG may not carry a script"
    problems = [Problem(name, "<script>", wrong, fix, script.line) for script in scripts]
    for element in parts.elements:
        problems += _element(name, element, facts, "the SVG under docs/")
    for line, css in parts.styles:
        problems += _css(name, css, line, facts)
    return problems


def _sections(name: str, parts: PageParts, page: str, facts: VerifyFacts) -> list[Problem]:
    """The manifest's sections and questions on their page, as headings of its article."""
    problems = []
    for where, heading in facts.headings:
        if where == page and heading not in parts.headings:
            wrong = "is not a heading of the published article"
            fix = f"restore it in docs/{page}, and build again"
            problems.append(Problem(name, f"section {heading!r}", wrong, fix))
    return problems


def _article_page(name: str, html: str, parts: PageParts, page: str) -> list[Problem]:
    """An article page: its article and title, and the review line and JSON-LD finishing adds."""
    problems = []
    if parts.title_end is None:
        wrong = f"has no <article> with a title: docs/{page} did not render as a page"
        problems.append(Problem(name, "article", wrong, FINISH))
    if "class=page-review" not in html and 'class="page-review"' not in html:
        problems.append(Problem(name, "review line", "is missing", FINISH))
    kinds = {script.tag.attributes.get("type") for script in parts.scripts}
    if "application/ld+json" not in kinds:
        problems.append(Problem(name, "structured data", "is missing", FINISH))
    return problems


def leave_unpublishable(site: Path, root: Path) -> bool:
    """Empty the site folder: a site that failed verification must not be uploaded by mistake.

    Never the project's folder, one above it, or one that holds a mkdocs.yml (a folder named by
    mistake). A .git inside the site is emptied too: whatever put it there, it is not published.
    """
    import shutil

    site, root = site.resolve(), root.resolve()
    if not site.is_dir() or root.is_relative_to(site) or (site / "mkdocs.yml").exists():
        return False
    for entry in list(site.iterdir()):
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    return True
