"""Check the finished site, whatever built it: `python -m sitebuild verify site/`.

The content checks read the inputs; this reads what will be published, so the README's promises
hold even when an input slipped past them, a builder changed, or the hook never ran: every page
there with its article, review line and structured data; article text visible and of Markdown's
elements only; only the templates' and the site's own inline scripts, hashed by each page's
policy; nothing loaded from another host; only regular files of published types, none from .git.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import tinycss2

from sitebuild.finish import assets, security_policy
from sitebuild.finish.page_reader import Element, PageParts, read_parts
from sitebuild.finish.site import extra_files, source_page
from sitebuild.problems import Problem

if TYPE_CHECKING:
    from sitebuild.project import Project

# The first line of a refusal (sitebuild/checks.py: report) and what became of the site.
REFUSAL = ("The built site failed verification", "the site folder was emptied: nothing to publish")
# When the folder named is not one to empty (missing, or the project itself).
KEPT = "the folder was left as it was"
# What a builder writes and the finishing pass keeps (README: "What verify checks"); Zensical
# ships its scripts' LICENSE.
PUBLISHED_SUFFIXES = frozenset(
    ".html .css .js .map .json .xml .txt .gz .png .svg .jpg .jpeg .webp".split()
)
PUBLISHED_NAMES = frozenset({"_headers", "LICENSE"})
# What Markdown writes into an article, and the attributes it gives them; anything else
# (meta, link, style, form, iframe, object, embed, noscript, svg, ...) was written in by hand.
CONTENT_ELEMENTS = frozenset(
    """a abbr article b blockquote br caption code dd del details div dl dt em figcaption figure
    h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s small span strong sub summary sup
    table tbody td tfoot th thead time tr u ul""".split()
)
CONTENT_ATTRIBUTES = frozenset(
    """alt aria-label class colspan data-label data-search-exclude datetime height href id lang
    open rel role rowspan scope src srcset tabindex title width""".split()
)
# Elements no page of this site carries anywhere: they load, embed, redirect or hide.
REFUSED_ELEMENTS = frozenset(
    "applet base embed foreignobject frame frameset iframe noscript object portal template".split()
)
# Attributes that run script, send data or load a page, wherever they are.
REFUSED_ATTRIBUTES = frozenset({"ping", "srcdoc", "formaction", "background"})
# Attributes holding addresses the browser loads by itself.
LOADED = ("src", "srcset", "poster", "data", "action", "xlink:href")
# Link relations the templates write; preconnect, preload and the like reach other hosts early.
LINK_RELATIONS = frozenset("canonical prev next icon stylesheet alternate search".split())
DATA_TYPES = frozenset({"application/json", "application/ld+json"})  # their text must be JSON
# A {{ … }} in a template's script: the builder writes a path or address there, never code.
HOLE = r"[\w./:#?=&%-]*"
TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
TEMPLATE_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
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
    docs, manifest = Path(config.docs_dir), project.manifest
    scripts = [docs / path for path in extra_files(config)[1] if (docs / path).is_file()]
    host = urlparse(config.site_url or "").netloc
    headings = []
    if manifest:
        headings = [(section.page, section.heading) for section in manifest.sections]
        headings += [(manifest.faq_page, question) for question in manifest.questions]
    return VerifyFacts(
        pages=list(manifest.pages) if manifest else [],
        own_hosts=frozenset({host} if host else set()),
        template_scripts=template_scripts(template_dirs),
        own_scripts=frozenset(
            assets.minified_js(path.read_text(encoding="utf-8")) for path in scripts
        ),
        headings=tuple(headings),
    )


def template_dirs(config: Any) -> list[Path]:
    """The theme's template folders (overrides/, Material's), and Zensical's when installed."""
    spec = importlib.util.find_spec("zensical")
    zensical = [Path(spec.origin).parent / "templates"] if spec and spec.origin else []
    return [*(Path(folder) for folder in config.theme.dirs), *zensical]


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
    if not site.is_dir() or not any(site.iterdir()):
        return [
            Problem(str(site), "folder", "is empty or missing", "build the site first (make build)")
        ]
    if (site / "mkdocs.yml").exists():
        fix = "name the built site's folder (python -m sitebuild verify site/)"
        return [Problem(str(site), "folder", "is a project, not a built site", fix)]
    problems = _files(site)
    if not (site / "_headers").is_file():
        # The finishing pass never ran (a builder without the hook): one line says why.
        fix = "build with make build, which finishes the site (hooks/mkdocs_pipeline.py or sitebuild finish)"
        return [*problems, Problem(site.name, "folder", "was never finished (no _headers)", fix)]
    headers = (site / "_headers").read_text(encoding="utf-8").splitlines()
    for page in facts.pages:
        path = built_path(page)
        if not (site / path).is_file():
            fix = f"publish docs/{page} (use_directory_urls, exclude_docs, draft_docs, template in mkdocs.yml)"
            missing = f"is missing: docs/{page} was not published"
            problems.append(Problem(f"{site.name}/{path}", "page", missing, fix))
    for file in sorted(site.rglob("*.html")):
        path = file.relative_to(site).as_posix()
        if not _regular(file):
            continue
        name, page = f"{site.name}/{path}", source_page(path)
        problems += _page(name, file.read_text(encoding="utf-8"), facts, page)
        if page in facts.pages and security_policy.url_path(path) not in headers:
            fix = "finish the site again (make build)"
            problems.append(Problem(name, "_headers", "has no rule for this page", fix))
    for file in sorted([*site.rglob("*.css"), *site.rglob("*.svg")]):
        if _regular(file):
            name, text = (
                f"{site.name}/{file.relative_to(site).as_posix()}",
                file.read_text(encoding="utf-8"),
            )
            problems += (
                _svg(name, text, facts) if file.suffix == ".svg" else _css(name, text, 1, facts)
            )
    return problems


def built_path(page: str) -> str:
    """Where a page is published with directory URLs: safety.md → safety/index.html."""
    stem = page.removesuffix(".md")
    return "index.html" if stem == "index" else f"{stem}/index.html"


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
            if entry.startswith(".git"):
                problems.append(Problem(name, "file", "comes from the repository's .git", fix))
            elif stat.S_ISLNK(mode):
                problems.append(Problem(name, "file", "is a symbolic link", fix))
            elif not stat.S_ISDIR(mode) and not stat.S_ISREG(mode):
                problems.append(Problem(name, "file", "is not a regular file", fix))
            elif (
                stat.S_ISREG(mode)
                and entry not in PUBLISHED_NAMES
                and path.suffix.lower() not in PUBLISHED_SUFFIXES
            ):
                wrong = f"is a {path.suffix or 'nameless'} file, not a type the site publishes"
                problems.append(Problem(name, "file", wrong, fix))
        # A refused folder is reported once, not file by file.
        folders[:] = [
            entry
            for entry in folders
            if not (base / entry).is_symlink() and not entry.startswith(".git")
        ]
    return problems


def _page(name: str, html: str, facts: VerifyFacts, page: str) -> list[Problem]:
    """One published page: its elements, scripts, styles and policy; an article page's parts."""
    parts = read_parts(html)
    where = f"docs/{page}" if page else "the templates (overrides/) or mkdocs.yml"
    problems = _elements(name, parts, facts, where)
    executable, foreign = [], False
    for script in parts.scripts:
        line = html.count("\n", 0, script.tag.start) + 1
        kind = script.tag.attributes.get("type", "").lower()
        place, fix, body = f"<script type={kind}>", f"remove it from {where}", script.body.strip()
        if "src" in script.tag.attributes:
            continue  # its address is checked with the other elements
        if kind in DATA_TYPES and not _json(script.body):
            problems.append(Problem(name, place, "holds something other than JSON", fix, line))
        elif kind not in DATA_TYPES and kind not in security_policy.EXECUTABLE_TYPES:
            problems.append(Problem(name, place, "is of a type the site does not write", fix, line))
        elif kind in DATA_TYPES:
            continue
        elif script.in_content or not (
            body in facts.own_scripts
            or any(pattern.fullmatch(body) for pattern in facts.template_scripts)
        ):
            fix += (
                "; the site runs only the scripts its templates and docs/assets/javascripts write"
            )
            wrong = f"{' '.join(body.split())[:40]!r}… is not one the site writes"
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
    return problems + (_article_page(name, html, parts, page, facts) if page in facts.pages else [])


def _elements(name: str, parts: PageParts, facts: VerifyFacts, where: str) -> list[Problem]:
    """Every element and <style> of a page or SVG."""
    problems = [
        problem for element in parts.elements for problem in _element(name, element, facts, where)
    ]
    return problems + [
        problem for line, text in parts.styles for problem in _css(name, text, line, facts)
    ]


def _json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _is_policy(element: Element) -> bool:
    http_equiv = element.attributes.get("http-equiv", "").lower()
    return element.name == "meta" and http_equiv == "content-security-policy"


def _element(name: str, element: Element, facts: VerifyFacts, where: str) -> list[Problem]:
    """One element anywhere in a page or SVG (in the article, against the content allow-list)."""
    tag, attributes, line = element.name, element.attributes, element.line
    fix = f"remove it from {where}"
    if tag in REFUSED_ELEMENTS:
        return [Problem(name, f"<{tag}>", "is an element the site does not publish", fix, line)]
    if tag == "meta" and "http-equiv" in attributes and not _is_policy(element):
        place = f"<meta http-equiv={attributes['http-equiv']}>"
        return [Problem(name, place, "is not allowed (it can send readers elsewhere)", fix, line)]
    if tag in ("animate", "set") and attributes.get("attributename", "").lower() in (
        "href",
        "xlink:href",
    ):
        return [Problem(name, f"<{tag}>", "changes a link's address", fix, line)]
    problems = []
    for attribute, value in attributes.items():
        if _refused_attribute(attribute):
            problems.append(
                Problem(name, f"<{tag} {attribute}>", "runs script or sends data", fix, line)
            )
        elif attribute in ("href", *LOADED) and _scheme(value) in ("javascript", "vbscript"):
            problems.append(
                Problem(name, f"<{tag} {attribute}>", "holds a script address", fix, line)
            )
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
    content = (
        attributes.get("content", "") if attributes.get("property", "").startswith("og:") else ""
    )
    if content.startswith(("http://", "https://", "//")) and _other_host(
        content, facts, allow_own=True
    ):
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
    if attribute == "srcset":
        return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
    return [value.strip()] if value else []


def _other_host(address: str, facts: VerifyFacts, *, allow_own: bool) -> bool:
    """Whether the browser would fetch the address from a host other than the site's: not for
    data: (the favicon), a path on the site, or where the templates write the site's own address
    (canonical link, social card)."""
    parsed = urlparse(address.strip())
    web = parsed.scheme in ("", "http", "https")
    if parsed.scheme == "data" or (web and not parsed.netloc):
        return False
    return not (allow_own and web and parsed.netloc in facts.own_hosts)


def _css(
    name: str, text: str, line: int, facts: VerifyFacts, *, declarations: bool = False
) -> list[Problem]:
    """url() and @import in a stylesheet, a <style> or a style attribute: nothing from elsewhere."""
    parse = tinycss2.parse_blocks_contents if declarations else tinycss2.parse_stylesheet
    fix = "serve it from the site itself, or remove it"
    return [
        Problem(name, f"CSS url({address})", "loads from another host", fix, line + offset)
        for address, offset in _css_addresses(parse(text))
        if _other_host(address, facts, allow_own=False)
    ]


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
            found += [(token.value, offset) for token in node.arguments if token.type == "string"]
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
    parts = read_parts(text)
    fix = "remove the script from the SVG under docs/, or the SVG itself"
    scripts = [element for element in parts.elements if element.name == "script"]
    problems = [
        Problem(name, "<script>", "an SVG may not carry a script", fix, script.line)
        for script in scripts
    ]
    return problems + _elements(name, parts, facts, "the SVG under docs/")


def _article_page(
    name: str, html: str, parts: PageParts, page: str, facts: VerifyFacts
) -> list[Problem]:
    """An article page: its article and title, the review line and JSON-LD finishing adds, and the
    manifest's sections and questions as headings of its article."""
    problems = []
    if parts.title_end is None:
        wrong = f"has no <article> with a title: docs/{page} did not render as a page"
        problems.append(Problem(name, "article", wrong, FINISH))
    if "class=page-review" not in html and 'class="page-review"' not in html:
        problems.append(Problem(name, "review line", "is missing", FINISH))
    if "application/ld+json" not in {script.tag.attributes.get("type") for script in parts.scripts}:
        problems.append(Problem(name, "structured data", "is missing", FINISH))
    wrong, fix = (
        "is not a heading of the published article",
        f"restore it in docs/{page}, and build again",
    )
    return problems + [
        Problem(name, f"section {heading!r}", wrong, fix)
        for where, heading in facts.headings
        if where == page and heading not in parts.headings
    ]


def leave_unpublishable(site: Path, root: Path) -> bool:
    """Empty the site folder, so a site that failed verification cannot be uploaded by mistake;
    never the project's folder, one above it, or one with a mkdocs.yml (named by mistake)."""
    site, root = site.resolve(), root.resolve()
    if not site.is_dir() or root.is_relative_to(site) or (site / "mkdocs.yml").exists():
        return False
    for entry in list(site.iterdir()):
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    return True
