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
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import tinycss2

from sitebuild.finish import assets, security_policy
from sitebuild.problems import Problem

if TYPE_CHECKING:
    from sitebuild.finish.page_reader import Element, PageParts
    from sitebuild.project import Project

# The first line of a refusal (sitebuild/checks.py: report) and what became of the site.
REFUSAL = ("The built site failed verification", "the site folder was emptied: nothing to publish")
# What a builder writes and the finishing pass keeps (README: "What verify checks").
PUBLISHED_SUFFIXES = frozenset(
    {
        ".html",
        ".css",
        ".js",
        ".map",
        ".json",
        ".xml",
        ".txt",
        ".gz",
        ".png",
        ".svg",
        ".jpg",
        ".jpeg",
        ".webp",
    }
)
PUBLISHED_NAMES = frozenset({"_headers", "LICENSE"})  # Zensical ships its scripts' licence
# What Markdown writes into an article, and the attributes it gives them; anything else
# (meta, link, style, form, iframe, object, embed, noscript, svg, ...) was written in by hand.
CONTENT_ELEMENTS = frozenset(
    "a abbr article b blockquote br caption code dd del details div dl dt em figcaption figure h1 h2 h3"
    " h4 h5 h6 hr i img ins kbd li mark ol p pre q s small span strong sub summary sup table tbody td"
    " tfoot th thead time tr u ul".split()
)
CONTENT_ATTRIBUTES = frozenset(
    "alt aria-label class colspan data-label data-search-exclude datetime height href id lang open rel role rowspan scope src tabindex title width".split()
)
# Elements no page of this site carries anywhere: they load, embed, redirect or hide.
REFUSED_ELEMENTS = frozenset("applet base embed foreignobject frame frameset iframe noscript object portal template".split())
# Attributes that run script, send data or load a page, wherever they are.
REFUSED_ATTRIBUTES = frozenset({"ping", "srcdoc", "formaction", "background"})
# Attributes holding addresses the browser loads by itself.
LOADED = ("src", "srcset", "poster", "data", "action", "xlink:href")
# Link relations the templates write; preconnect, preload and the like reach other hosts early.
LINK_RELATIONS = frozenset({"canonical", "prev", "next", "icon", "stylesheet", "alternate", "search"})
# Script types that are data, not code; their text must be JSON.
DATA_TYPES = frozenset({"application/json", "application/ld+json"})
# A {{ … }} in a template's script: the builder writes a path or address there, never code.
HOLE = r"[\w./:#?=&%-]*"
TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
TEMPLATE_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)


@dataclass(frozen=True)
class VerifyFacts:
    """What verify compares the site with, read from the project by the caller."""

    pages: list[str]  # the manifest's pages (docs paths)
    own_hosts: frozenset[str]  # site_url's host: canonical links and social cards name it
    template_scripts: list[re.Pattern[str]]  # inline scripts the templates write
    own_scripts: frozenset[str]  # the site's extra_javascript, as finish/site.py writes it inline


def verify_facts(config: Any, project: Project, template_dirs: list[Path]) -> VerifyFacts:
    """The facts, from a loaded mkdocs.yml and the project read once."""
    from sitebuild.cache import cached_text
    from sitebuild.finish.site import extra_files

    docs = Path(config.docs_dir)
    own = set()
    for path in extra_files(config)[1]:
        if (docs / path).is_file():
            text = (docs / path).read_text(encoding="utf-8")
            own.add(cached_text(project.cache, "min-js", [text], lambda text=text: assets.minified_js(text)))
    host = urlparse(config.site_url or "").netloc
    return VerifyFacts(
        pages=list(project.manifest.pages) if project.manifest else [],
        own_hosts=frozenset({host} if host else set()),
        template_scripts=template_scripts(template_dirs),
        own_scripts=frozenset(own),
    )


def template_dirs(config: Any) -> list[Path]:
    """The theme's template folders (overrides/, Material's), and Zensical's when it is installed."""
    import importlib.util

    dirs = [Path(folder) for folder in config.theme.dirs]
    spec = importlib.util.find_spec("zensical")
    if spec and spec.origin:
        dirs.append(Path(spec.origin).parent / "templates")
    return dirs


def template_scripts(dirs: list[Path]) -> list[re.Pattern[str]]:
    """Each inline script in the templates, as a pattern: its text, with a path where Jinja writes one."""
    patterns = {}
    for folder in dirs:
        for path in sorted(folder.rglob("*.html")) if folder.is_dir() else []:
            for body in TEMPLATE_SCRIPT.findall(path.read_text(encoding="utf-8")):
                if "{%" in body or "{#" in body or not body.strip():
                    continue  # none of the themes' scripts has either; such a text is no allow-list entry
                pieces = TEMPLATE_EXPRESSION.split(body.strip())
                patterns[body.strip()] = re.compile(HOLE.join(map(re.escape, pieces)))
    return list(patterns.values())


def verify_site(site: Path, facts: VerifyFacts) -> list[Problem]:
    """Every way the finished site breaks a promise, one Problem each."""
    from sitebuild.finish.page_reader import read_parts

    if not site.is_dir() or not any(site.iterdir()):
        return [Problem(str(site), "folder", "is empty or missing", "build the site first (make build)")]
    problems = _files(site)
    if not (site / "_headers").is_file():
        # The finishing pass never ran (a builder without the hook, or `hooks:` emptied): every
        # page would lack its policy; one line says why.
        fix = "build with make build, which finishes the site (hooks/mkdocs_pipeline.py or sitebuild finish)"
        return [*problems, Problem(site.name, "folder", "was never finished (no _headers)", fix)]
    headers = (site / "_headers").read_text(encoding="utf-8").splitlines()
    for page in facts.pages:
        path = built_path(page)
        if not (site / path).is_file():
            fix = f"publish docs/{page} (use_directory_urls, exclude_docs, draft_docs, template in mkdocs.yml)"
            problems.append(Problem(f"{site.name}/{path}", "page", f"is missing: docs/{page} was not published", fix))
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
            if security_policy.url_path(path) not in headers:
                fix = "finish the site again (make build)"
                problems.append(Problem(name, "_headers", "has no rule for this page", fix))
    for file in sorted(site.rglob("*.css")):
        if _regular(file):
            name = f"{site.name}/{file.relative_to(site).as_posix()}"
            problems += _css(name, file.read_text(encoding="utf-8"), 1, facts)
    for file in sorted(site.rglob("*.svg")):
        if _regular(file):
            problems += _svg(
                f"{site.name}/{file.relative_to(site).as_posix()}",
                file.read_text(encoding="utf-8"),
                facts,
            )
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
    for current, folders, files in os.walk(site):
        base = Path(current)
        for entry in sorted([*folders, *files]):
            path = base / entry
            name = f"{site.name}/{path.relative_to(site).as_posix()}"
            mode = os.lstat(path).st_mode
            fix = "remove it from docs/ (the site publishes only the project's own regular files)"
            if entry == ".git" or entry.startswith(".git"):
                problems.append(Problem(name, "file", "comes from the repository's .git", fix))
            elif stat.S_ISLNK(mode):
                problems.append(Problem(name, "file", "is a symbolic link", fix))
            elif stat.S_ISDIR(mode):
                continue
            elif not stat.S_ISREG(mode):
                problems.append(Problem(name, "file", "is not a regular file", fix))
            elif entry not in PUBLISHED_NAMES and path.suffix.lower() not in PUBLISHED_SUFFIXES:
                problems.append(
                    Problem(
                        name,
                        "file",
                        f"is a {path.suffix or 'nameless'} file, not a type the site publishes",
                        fix,
                    )
                )
        # A refused folder is reported once, not file by file.
        folders[:] = [entry for entry in folders if not entry.startswith(".git") and not (base / entry).is_symlink()]
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
        if "src" in script.tag.attributes:
            continue  # its address is checked with the other elements
        if kind in DATA_TYPES:
            try:
                json.loads(script.body)
            except ValueError:
                problems.append(
                    Problem(
                        name,
                        f"<script type={kind}>",
                        "holds something other than JSON",
                        f"remove it from {where}",
                        line,
                    )
                )
            continue
        if kind not in security_policy.EXECUTABLE_TYPES:
            problems.append(
                Problem(
                    name,
                    f"<script type={kind}>",
                    "is of a type the site does not write",
                    f"remove it from {where}",
                    line,
                )
            )
            continue
        body = script.body.strip()
        ours = body in facts.own_scripts or any(pattern.fullmatch(body) for pattern in facts.template_scripts)
        if not ours or script.in_content:
            shown = " ".join(body.split())[:40]
            fix = f"remove it from {where}; the site runs only the scripts its templates and docs/assets/javascripts write"
            problems.append(Problem(name, "inline script", f"{shown!r}… is not one the site writes", fix, line))
            foreign = True
        else:
            executable.append(script.body)
    policies = [
        element for element in parts.elements if element.name == "meta" and element.attributes.get("http-equiv", "").lower() == "content-security-policy"
    ]
    expected = security_policy.content_security_policy(security_policy.script_hashes(executable))
    if len(policies) != 1:
        problems.append(
            Problem(
                name,
                "Content-Security-Policy",
                f"the page has {len(policies)} policies, not 1",
                "finish the site again (make build)",
            )
        )
    elif policies[0].attributes.get("content") != expected and not foreign:
        # A foreign script's hash in the policy is that script's problem, said once above.
        fix = "finish the site again (make build); the policy lists exactly the page's own scripts"
        problems.append(
            Problem(
                name,
                "Content-Security-Policy",
                "does not match the page's own scripts",
                fix,
                policies[0].line,
            )
        )
    return problems


def _element(name: str, element: Element, facts: VerifyFacts, where: str) -> list[Problem]:
    tag, attributes, line = element.name, element.attributes, element.line
    fix = f"remove it from {where}"
    if tag in REFUSED_ELEMENTS:
        return [Problem(name, f"<{tag}>", "is an element the site does not publish", fix, line)]
    if tag == "meta" and attributes.get("http-equiv", "content-security-policy").lower() != "content-security-policy":
        return [
            Problem(
                name,
                f"<meta http-equiv={attributes['http-equiv']}>",
                "is not allowed (it can send readers elsewhere)",
                fix,
                line,
            )
        ]
    if tag in ("animate", "set") and attributes.get("attributename", "").lower() in (
        "href",
        "xlink:href",
    ):
        return [Problem(name, f"<{tag}>", "changes a link's address", fix, line)]
    problems = []
    for attribute, value in attributes.items():
        if attribute.startswith("on") or attribute in REFUSED_ATTRIBUTES:
            problems.append(Problem(name, f"<{tag} {attribute}>", "runs script or sends data", fix, line))
        elif attribute in ("href", *LOADED) and value.strip().lower().startswith(("javascript:", "vbscript:")):
            problems.append(Problem(name, f"<{tag} {attribute}>", "holds a script address", fix, line))
    if element.in_content:
        if tag not in CONTENT_ELEMENTS:
            return [
                *problems,
                Problem(name, f"<{tag}>", "is not an element of article text", fix, line),
            ]
        for attribute in attributes:
            if attribute in ("hidden", "style"):
                problems.append(Problem(name, f"<{tag} {attribute}>", "hides or restyles article text", fix, line))
            elif attribute not in CONTENT_ATTRIBUTES and not attribute.startswith(("on", "ping")):
                problems.append(
                    Problem(
                        name,
                        f"<{tag} {attribute}>",
                        "is not an attribute of article text",
                        fix,
                        line,
                    )
                )
    if "style" in attributes:
        problems += _css(name, attributes["style"], line, facts, declarations=True)
    if tag == "link":
        relations = set(attributes.get("rel", "").lower().split())
        if not relations <= LINK_RELATIONS:
            relation = " ".join(sorted(relations - LINK_RELATIONS))
            return [
                *problems,
                Problem(name, f"<link rel={relation}>", "is not a link the site writes", fix, line),
            ]
    for attribute in (*LOADED, *(("href",) if tag != "a" else ())):
        for address in _addresses(attribute, attributes.get(attribute, "")):
            if _other_host(address, facts, allow_own=tag in ("link", "meta")):
                problems.append(Problem(name, f"<{tag} {attribute}={address}>", "loads from another host", fix, line))
    if tag == "meta" and attributes.get("property", "").startswith("og:"):
        content = attributes.get("content", "")
        if content.startswith(("http://", "https://", "//")) and _other_host(content, facts, allow_own=True):
            problems.append(
                Problem(
                    name,
                    f"<meta property={attributes['property']}>",
                    "names another host",
                    fix,
                    line,
                )
            )
    return problems


def _addresses(attribute: str, value: str) -> list[str]:
    if not value:
        return []
    if attribute == "srcset":
        return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
    return [value.strip()]


def _other_host(address: str, facts: VerifyFacts, *, allow_own: bool) -> bool:
    """Whether the browser would fetch the address from a host other than the site's."""
    parsed = urlparse(address.strip())
    if parsed.scheme == "data":
        return False  # inline: loads nothing (the favicon)
    if parsed.scheme in ("", "http", "https") and not parsed.netloc:
        return False  # a path on the site itself
    # The site's own address, in the places the templates write it (canonical link, social card).
    return not (allow_own and parsed.scheme in ("", "http", "https") and parsed.netloc in facts.own_hosts)


def _css(name: str, text: str, line: int, facts: VerifyFacts, *, declarations: bool = False) -> list[Problem]:
    """url() and @import in a stylesheet, a <style> or a style attribute: nothing from another host."""
    nodes = tinycss2.parse_blocks_contents(text) if declarations else tinycss2.parse_stylesheet(text)
    problems = []
    for address, offset in _css_addresses(nodes):
        if _other_host(address, facts, allow_own=False):
            fix = "serve it from the site itself, or remove it"
            problems.append(Problem(name, f"CSS url({address})", "loads from another host", fix, line + offset))
    return problems


def css_from_other_hosts(name: str, text: str) -> list[Problem]:
    """A stylesheet's url() and @import that reach another host (the content checks ask this of extra_css)."""
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
    """A published SVG: an image, without scripts, handlers or addresses elsewhere (it can be opened on its own)."""
    from sitebuild.finish.page_reader import read_parts

    parts = read_parts(text)
    fix = "remove the script from the SVG under docs/, or the SVG itself"
    problems = [Problem(name, "<script>", "an SVG may not carry a script", fix, element.line) for element in parts.elements if element.name == "script"]
    for element in parts.elements:
        problems += _element(name, element, facts, "the SVG under docs/")
    for line, css in parts.styles:
        problems += _css(name, css, line, facts)
    return problems


def _article_page(name: str, html: str, parts: PageParts, page: str) -> list[Problem]:
    """An article page: its article and title, the review line and structured data the finishing pass adds."""
    problems = []
    fix = "build with make build, which finishes every page"
    if parts.title_end is None:
        problems.append(
            Problem(
                name,
                "article",
                f"has no <article> with a title: docs/{page} did not render as a page",
                fix,
            )
        )
    if "class=page-review" not in html and 'class="page-review"' not in html:
        problems.append(Problem(name, "review line", "is missing", fix))
    if not any(script.tag.attributes.get("type") == "application/ld+json" for script in parts.scripts):
        problems.append(Problem(name, "structured data", "is missing", fix))
    return problems


def leave_unpublishable(site: Path, root: Path) -> None:
    """Empty the site folder: a site that failed verification must not be uploaded by mistake.

    Never the project's folder, one above it, or one that holds a mkdocs.yml (a folder named by
    mistake). A .git inside the site is emptied too: whatever put it there, it must not be published.
    """
    site, root = site.resolve(), root.resolve()
    if root.is_relative_to(site) or (site / "mkdocs.yml").exists():
        return
    for entry in list(site.iterdir()):
        if entry.is_dir() and not entry.is_symlink():
            import shutil

            shutil.rmtree(entry)
        else:
            entry.unlink()
