"""Check the finished site as a reader gets it, whatever built it: `sitebuild verify site/`.

The content checks read the inputs; this reads what is published, so the README's promises hold
even when an input slipped past them, a builder changed or the hook never ran.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import tinycss2

from sitebuild.finish import assets, security_policy
from sitebuild.finish.page_reader import PageParts, read_parts
from sitebuild.finish.site import source_page
from sitebuild.html_reading import Element
from sitebuild.load.page import page_url
from sitebuild.problems import Problem

if TYPE_CHECKING:
    from sitebuild.load.project import Project

# The first line of a refusal (sitebuild/check/run.py: report) and what became of the site.
REFUSAL = ("The built site failed verification", "the site folder was emptied: nothing to publish")
KEPT = "the folder was left as it was"  # when the folder is not one to empty
# What a builder writes and the finishing pass keeps (Zensical ships its scripts' LICENSE).
PUBLISHED_SUFFIXES = ".html .css .js .map .json .xml .txt .gz .png .svg .jpg .jpeg .webp".split()
PUBLISHED_NAMES = ("_headers", "LICENSE")
# What Markdown writes into an article, and its attributes; anything else was written by hand.
CONTENT_ELEMENTS = """a abbr article b blockquote br caption code dd del details div dl dt em
    figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s small span strong
    sub summary sup table tbody td tfoot th thead time tr u ul""".split()
CONTENT_ATTRIBUTES = """alt aria-label class colspan data-label data-search-exclude datetime
    height href id lang open rel role rowspan scope src srcset tabindex title width""".split()
# Elements no page of this site carries anywhere: they load, embed, redirect or hide.
REFUSED_ELEMENTS = """applet base embed foreignobject frame frameset iframe noscript object
    portal template""".split()
# Attributes that run script, send data or load a page (and every on…), wherever they are.
REFUSED_ATTRIBUTES = ("ping", "srcdoc", "formaction", "background")
LOADED = ("src", "srcset", "poster", "data", "action", "xlink:href")  # loaded by the browser
# Link relations the templates write; preconnect, preload and the like reach other hosts early.
LINK_RELATIONS = frozenset("canonical prev next icon stylesheet alternate search".split())
DATA_TYPES = ("application/json", "application/ld+json")  # their text must be JSON
# A {{ … }} in a template's script: the builder writes a path or address there, never code.
HOLE = r"[\w./:#?=&%-]*"
FINISH = "build with make build, which finishes every page"


@dataclass(frozen=True)
class VerifyFacts:
    pages: list[str]  # the manifest's pages (docs paths)
    own_hosts: frozenset[str]  # site_url's host: canonical links and social cards name it
    template_scripts: list[re.Pattern[str]]  # inline scripts the templates write
    own_scripts: frozenset[str]  # the site's extra_javascript, as finish/site.py inlines it
    headings: tuple[tuple[str, str], ...]  # (page, heading): the manifest's sections, FAQ


def verify_facts(config: Any, project: Project) -> VerifyFacts:
    """What the site is compared with, from a loaded mkdocs.yml and the project read once. Each
    inline script of the templates (the theme's, and Zensical's when it is installed) is a
    pattern: its text, with a path where Jinja writes one."""
    docs, manifest, patterns = Path(config.docs_dir), project.manifest, {}
    spec = importlib.util.find_spec("zensical")
    zensical = [Path(spec.origin).parent / "templates"] if spec and spec.origin else []
    for folder in filter(Path.is_dir, map(Path, [*config.theme.dirs, *zensical])):
        for path in sorted(folder.rglob("*.html")):
            for body in re.findall(r"<script>(.*?)</script>", path.read_text("utf-8"), re.S):
                if "{%" not in body and "{#" not in body and body.strip():  # else no entry
                    pieces = re.split(r"\{\{.*?\}\}", body.strip(), flags=re.S)
                    patterns[body.strip()] = re.compile(HOLE.join(map(re.escape, pieces)))
    scripts = [docs / path for path in assets.extra_files(config)[1] if (docs / path).is_file()]
    host = urlparse(config.site_url or "").netloc
    sections = [(part.page, part.heading) for part in manifest.sections] if manifest else []
    questions = [(manifest.faq_page, q) for q in manifest.questions] if manifest else []
    return VerifyFacts(
        list(manifest.pages) if manifest else [],
        frozenset({host} if host else set()),
        list(patterns.values()),
        frozenset(assets.minified_js(path.read_text(encoding="utf-8")) for path in scripts),
        (*sections, *questions),
    )


def verify_site(site: Path, facts: VerifyFacts) -> list[Problem]:
    """Every way the finished site breaks a promise, one Problem each."""
    if not site.is_dir() or not any(site.iterdir()):
        fix = "build the site first (make build)"
        return [Problem(str(site), "folder", "is empty or missing", fix)]
    if (site / "mkdocs.yml").exists():
        fix = "name the built site's folder (python -m sitebuild verify site/)"
        return [Problem(str(site), "folder", "is a project, not a built site", fix)]
    problems = _files(site)
    if not (site / "_headers").is_file():  # a builder without the hook: one line says why
        fix = "build with make build, which finishes the site"
        fix += " (hooks/mkdocs_pipeline.py or sitebuild finish)"
        return [*problems, Problem(site.name, "folder", "was never finished (no _headers)", fix)]
    headers = (site / "_headers").read_text(encoding="utf-8").splitlines()
    for page in facts.pages:
        path = f"{page_url(page)}index.html"  # published with directory URLs
        if not (site / path).is_file():
            fix = f"publish docs/{page}"
            fix += " (use_directory_urls, exclude_docs, draft_docs, template in mkdocs.yml)"
            missing = f"is missing: docs/{page} was not published"
            problems.append(Problem(f"{site.name}/{path}", "page", missing, fix))
    for file in filter(_regular, sorted(site.rglob("*.html"))):
        path = file.relative_to(site).as_posix()
        name, page = f"{site.name}/{path}", source_page(path, facts.pages)
        problems += _page(name, file.read_text(encoding="utf-8"), facts, page)
        if page in facts.pages and security_policy.url_path(path) not in headers:
            fix = "finish the site again (make build)"
            problems.append(Problem(name, "_headers", "has no rule for this page", fix))
    for file in filter(_regular, sorted([*site.rglob("*.css"), *site.rglob("*.svg")])):
        name, text = f"{site.name}/{file.relative_to(site).as_posix()}", file.read_text("utf-8")
        problems += _svg(name, text, facts) if file.suffix == ".svg" else _css(name, text)
    return problems


def _regular(file: Path) -> bool:
    return stat.S_ISREG(os.lstat(file).st_mode)


def _files(site: Path) -> list[Problem]:
    problems = []
    fix = "remove it from docs/ (the site publishes only the project's own regular files)"
    for current, folders, files in os.walk(site):
        for entry in sorted([*folders, *files]):
            path = Path(current) / entry
            mode, kind = os.lstat(path).st_mode, path.suffix.lower()
            if entry.startswith(".git"):
                wrong = "comes from the repository's .git"
            elif stat.S_ISLNK(mode):
                wrong = "is a symbolic link"
            elif stat.S_ISDIR(mode):
                continue
            elif not stat.S_ISREG(mode):
                wrong = "is not a regular file"
            elif entry in PUBLISHED_NAMES or kind in PUBLISHED_SUFFIXES:
                continue
            else:
                wrong = f"is a {path.suffix or 'nameless'} file, not a type the site publishes"
            name = f"{site.name}/{path.relative_to(site).as_posix()}"
            problems.append(Problem(name, "file", wrong, fix))
        # A refused folder is reported once, not file by file.
        kept = [folder for folder in folders if not (Path(current) / folder).is_symlink()]
        folders[:] = [folder for folder in kept if not folder.startswith(".git")]
    return problems


def _page(name: str, html: str, facts: VerifyFacts, page: str) -> list[Problem]:
    parts = read_parts(html)
    where = f"docs/{page}" if page else "the templates (overrides/) or mkdocs.yml"
    problems = _elements(name, parts, facts, where)
    executable, foreign = [], False
    for script, body in parts.scripts:
        if "src" in script.attributes:
            continue  # its address is checked with the other elements
        kind, fix = script.attributes.get("type", "").lower(), f"remove it from {where}"
        place, wrong, text = f"<script type={kind}>", "", body.strip()
        ours = text in facts.own_scripts or any(p.fullmatch(text) for p in facts.template_scripts)
        if kind in DATA_TYPES:
            try:
                json.loads(body)
            except ValueError:
                wrong = "holds something other than JSON"
        elif kind not in security_policy.EXECUTABLE_TYPES:
            wrong = "is of a type the site does not write"
        elif script.in_content or not ours:
            fix += "; the site runs only the scripts its templates"
            fix += " and docs/assets/javascripts write"
            place, foreign = "inline script", True
            wrong = f"{' '.join(body.split())[:40]!r}… is not one the site writes"
        else:
            executable.append(body)
        if wrong:
            problems.append(Problem(name, place, wrong, fix, script.line))
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
    found = [_element(name, element, facts, where) for element in parts.elements]
    found += [_css(name, text, line) for line, text in parts.styles]
    return [problem for problems in found for problem in problems]


def _is_policy(element: Element) -> bool:
    http_equiv = element.attributes.get("http-equiv", "").lower()
    return element.name == "meta" and http_equiv == "content-security-policy"


def _element(name: str, element: Element, facts: VerifyFacts, where: str) -> list[Problem]:
    tag, attributes = element.name, element.attributes
    bad = partial(Problem, name, fix=f"remove it from {where}", line=element.line)
    if tag in REFUSED_ELEMENTS:
        return [bad(f"<{tag}>", "is an element the site does not publish")]
    if tag == "meta" and "http-equiv" in attributes and not _is_policy(element):
        place = f"<meta http-equiv={attributes['http-equiv']}>"
        return [bad(place, "is not allowed (it can send readers elsewhere)")]
    animated = attributes.get("attributename", "").lower()
    if tag in ("animate", "set") and animated in ("href", "xlink:href"):
        return [bad(f"<{tag}>", "changes a link's address")]
    wrongs = {attribute: _scripted(attribute, value) for attribute, value in attributes.items()}
    problems = [bad(f"<{tag} {attribute}>", wrong) for attribute, wrong in wrongs.items() if wrong]
    if element.in_content:
        problems += _content(element, bad)
        if tag not in CONTENT_ELEMENTS:
            return problems
    if "style" in attributes:
        problems += _css(name, attributes["style"], element.line, declarations=True)
    relations = set(attributes.get("rel", "").lower().split()) if tag == "link" else set()
    if not relations <= LINK_RELATIONS:
        place = f"<link rel={' '.join(sorted(relations - LINK_RELATIONS))}>"
        return [*problems, bad(place, "is not a link the site writes")]
    return problems + _loads(tag, attributes, facts, bad)


def _loads(tag: str, attributes: dict, facts: VerifyFacts, bad: Callable) -> list[Problem]:
    """What an element makes the browser load, or names as the page's card: the site's own."""
    problems, own = [], facts.own_hosts if tag in ("link", "meta") else frozenset()
    for attribute in (*LOADED, *(("href",) if tag != "a" else ())):
        value = attributes.get(attribute, "")  # an empty address is the page itself
        srcset = [each.split()[0] for each in value.split(",") if each.strip()]
        for address in srcset if attribute == "srcset" else [value.strip()]:
            if _other_host(address, own):
                problems.append(bad(f"<{tag} {attribute}={address}>", "loads from another host"))
    shared = attributes.get("property", "").startswith("og:")  # the page's social card
    content = attributes.get("content", "") if shared else ""
    if content.startswith(("http://", "https://", "//")) and _other_host(content, facts.own_hosts):
        problems.append(bad(f"<meta property={attributes['property']}>", "names another host"))
    return problems


def _content(element: Element, bad: Callable[[str, str], Problem]) -> list[Problem]:
    """An element in <article>: one Markdown writes, with attributes that leave its text visible."""
    if element.name not in CONTENT_ELEMENTS:
        return [bad(f"<{element.name}>", "is not an element of article text")]
    problems = []
    for attribute in element.attributes:
        place = f"<{element.name} {attribute}>"
        if attribute in ("hidden", "style"):
            problems.append(bad(place, "hides or restyles article text"))
        elif attribute not in CONTENT_ATTRIBUTES and not _refused(attribute):
            problems.append(bad(place, "is not an attribute of article text"))
    return problems


def _refused(attribute: str) -> bool:
    return attribute.startswith("on") or attribute in REFUSED_ATTRIBUTES


def _scripted(attribute: str, value: str) -> str:
    """What an attribute does wrong anywhere: runs script, sends data, or holds a script address
    (its scheme read as a browser reads it: case, spaces and control characters aside)."""
    if _refused(attribute):
        return "runs script or sends data"
    cleaned = "".join(character for character in value if character > " ").lower()
    scheme, colon, _ = cleaned.partition(":")
    script = colon and scheme in ("javascript", "vbscript")
    return "holds a script address" if attribute in ("href", *LOADED) and script else ""


def _other_host(address: str, own_hosts: frozenset[str] = frozenset()) -> bool:
    """Whether the browser would fetch the address from another host: not data: (the favicon),
    a path on the site, or the site's own address where the templates write it (canonical link,
    social card)."""
    parsed = urlparse(address.strip())
    web = parsed.scheme in ("", "http", "https")
    if parsed.scheme == "data" or (web and not parsed.netloc):
        return False
    return not (web and parsed.netloc in own_hosts)


def _css(name: str, text: str, line: int = 1, declarations: bool = False) -> list[Problem]:
    """url() and @import in a stylesheet, a <style> or a style attribute that reach another host
    (extra_css is checked before a build, too)."""
    parse = tinycss2.parse_blocks_contents if declarations else tinycss2.parse_stylesheet
    fix = "serve it from the site itself, or remove it"
    return [
        Problem(name, f"CSS url({address})", "loads from another host", fix, line + offset)
        for address, offset in _css_addresses(parse(text))
        if _other_host(address)
    ]


css_from_other_hosts = _css  # extra_css, before a build (check/run.py)


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
    parts = read_parts(text)
    fix = "remove the script from the SVG under docs/, or the SVG itself"
    scripts = [element.line for element in parts.elements if element.name == "script"]
    problems = [Problem(name, "<script>", "an SVG may not carry a script", fix, s) for s in scripts]
    return problems + _elements(name, parts, facts, "the SVG under docs/")


def _article_page(name: str, html: str, parts: PageParts, page: str, facts: VerifyFacts) -> list:
    """An article page's article and title, the review line and JSON-LD finishing adds, and the
    manifest's sections and questions as its headings."""
    problems = []
    if parts.title_end is None:
        wrong = f"has no <article> with a title: docs/{page} did not render as a page"
        problems.append(Problem(name, "article", wrong, FINISH))
    if "class=page-review" not in html and 'class="page-review"' not in html:
        problems.append(Problem(name, "review line", "is missing", FINISH))
    if "application/ld+json" not in {script.attributes.get("type") for script, _ in parts.scripts}:
        problems.append(Problem(name, "structured data", "is missing", FINISH))
    wrong = "is not a heading of the published article"
    fix = f"restore it in docs/{page}, and build again"
    sections = [heading for where, heading in facts.headings if where == page]
    missing = [heading for heading in sections if heading not in parts.headings]
    return problems + [Problem(name, f"section {heading!r}", wrong, fix) for heading in missing]


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
