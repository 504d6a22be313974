"""Check the finished site as a reader gets it, whatever built it: `sitebuild verify site/`. The
content checks read the inputs; this reads what is published, so the README's promises hold even
when an input slipped past them, a builder changed or the hook never ran."""

import importlib.util
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import tinycss2

from sitebuild.finish import assets, security_policy
from sitebuild.finish.page_reader import PageParts, read_parts
from sitebuild.finish.site import source_page
from sitebuild.html_reading import Element, url_scheme
from sitebuild.load.inputs import decoded
from sitebuild.load.page import page_url
from sitebuild.load.project import Project
from sitebuild.problems import Problem, once_for_all_pages

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
HOLE = r"[\w./:#?=&%-]*"  # a {{ … }} in a template's script: a path or address, never code
FINISH = "build with make build, which finishes every page"
AGAIN = "finish the site again (make build)"
OWN_SCRIPTS = "; the site runs only the scripts its templates and docs/assets/javascripts write"
POLICY, ELSEWHERE = "Content-Security-Policy", "loads from another host"
TEMPLATES = "the templates (overrides/) or mkdocs.yml"  # what a page carries outside its article


@dataclass(frozen=True)
class VerifyFacts:
    pages: list[str]  # the manifest's pages (docs paths)
    own_hosts: frozenset[str]  # site_url's host: canonical links and social cards name it
    scripts: re.Pattern[str]  # the inline scripts the templates and extra_javascript write
    headings: list[tuple[str, str]]  # (page, heading): the manifest's sections, FAQ


def verify_facts(config: Any, project: Project) -> VerifyFacts:
    """Template scripts (the theme's, Zensical's) are patterns: Jinja writes paths into them."""
    docs, m, spec = Path(config.docs_dir), project.manifest, importlib.util.find_spec("zensical")
    scripts = [docs / path for path in assets.extra_files(config)[1] if (docs / path).is_file()]
    own = [re.escape(assets.minified_js(path.read_text(encoding="utf-8"))) for path in scripts]
    zensical = [Path(spec.origin).parent / "templates"] if spec and spec.origin else []
    for folder in filter(Path.is_dir, map(Path, [*config.theme.dirs, *zensical])):
        for path in sorted(folder.rglob("*.html")):
            for body in re.findall(r"<script>(.*?)</script>", path.read_text("utf-8"), re.S):
                if "{%" not in body and "{#" not in body and body.strip():  # else no entry
                    pieces = re.split(r"\{\{.*?\}\}", body.strip(), flags=re.S)
                    own.append(HOLE.join(map(re.escape, pieces)))
    host, scripts = urlparse(config.site_url or "").netloc, "|".join(f"(?:{s})" for s in own)
    pages, sections, questions = (list(m.pages), m.sections, m.questions) if m else ([], (), ())
    headings = [(s.page, s.heading) for s in sections] + [(m.faq_page, q) for q in questions]
    return VerifyFacts(pages, frozenset({host} - {""}), re.compile(scripts or "(?!)"), headings)


def verify_site(site: Path, facts: VerifyFacts) -> list[Problem]:
    """Every way the finished site breaks a promise, one Problem each."""
    if not site.is_dir() or not any(site.iterdir()):
        fix = "build the site first (make build)"
        return [Problem(str(site), "folder", "is empty or missing", fix)]
    if (site / "mkdocs.yml").exists():
        fix = "name the built site's folder (python -m sitebuild verify site/)"
        return [Problem(str(site), "folder", "is a project, not a built site", fix)]
    inside = {path: path.relative_to(site).as_posix() for path in sorted(site.rglob("*"))}
    fix = "remove it from docs/ (the site publishes only the project's own regular files)"
    wrong = {f"{site.name}/{at}": _unpublishable(path, at) for path, at in inside.items()}
    problems = [Problem(name, "file", said, fix) for name, said in wrong.items() if said]
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
    found, pages = [], 0  # on the pages: what a template wrote is on each, and said once
    for path, name, text in _texts(site.name, inside, (".html",), problems):
        pages += 1
        page = source_page(path, facts.pages)
        found += _page(name, text, facts, page)
        if page in facts.pages and security_policy.url_path(path) not in headers:
            found.append(Problem(name, "_headers", "has no rule for this page", AGAIN))
    problems += once_for_all_pages(found, pages)
    for path, name, text in _texts(site.name, inside, (".css", ".svg"), problems):
        svg = path.endswith(".svg")
        problems += _svg(name, text, facts) if svg else css_from_other_hosts(name, text)
    return problems


def _texts(folder: str, inside: dict, kinds: tuple, problems: list) -> Iterator[tuple]:
    """Each regular file of these kinds as (path, name, text); one not UTF-8 is a problem."""
    for file, path in inside.items():
        if file.suffix in kinds and file.is_file() and not file.is_symlink():
            text, unreadable = decoded(file.read_bytes(), f"{folder}/{path}", AGAIN)
            problems += unreadable
            if text is not None:
                yield path, f"{folder}/{path}", text


def _unpublishable(path: Path, at: str) -> str:
    """Why a built file is not one to publish, or "" (one in a .git folder: said of the folder)."""
    if any(part.startswith(".git") for part in at.split("/")[:-1]):  # `at`: its path in the site
        return ""
    if path.name.startswith(".git"):
        return "comes from the repository's .git"
    if path.is_symlink():
        return "is a symbolic link"
    if not path.is_file():
        return "" if path.is_dir() else "is not a regular file"
    if path.name in PUBLISHED_NAMES or path.suffix.lower() in PUBLISHED_SUFFIXES:
        return ""
    return f"is a {path.suffix or 'nameless'} file, not a type the site publishes"


def _page(name: str, html: str, facts: VerifyFacts, page: str) -> Iterator[Problem]:
    """A page's elements, its inline scripts (only the site's own) and its one policy."""
    parts, executable, foreign = read_parts(html), [], False
    where = f"docs/{page}" if page else TEMPLATES
    yield from _elements(name, parts, facts, where, TEMPLATES)
    for script, body in (each for each in parts.scripts if "src" not in each[0].attributes):
        fix = f"remove it from {where if script.in_content else TEMPLATES}"
        kind = script.attributes.get("type", "").lower()
        place, wrong = f"<script type={kind}>", ""
        if kind in DATA_TYPES:
            try:
                json.loads(body)
            except ValueError:
                wrong = "holds something other than JSON"
        elif kind not in security_policy.EXECUTABLE_TYPES:
            wrong = "is of a type the site does not write"
        elif script.in_content or not facts.scripts.fullmatch(body.strip()):
            fix, place, foreign = fix + OWN_SCRIPTS, "inline script", True
            wrong = f"{' '.join(body.split())[:40]!r}… is not one the site writes"
        else:
            executable.append(body)
        yield from [Problem(name, place, wrong, fix, script.line)] if wrong else []
    policies = [element for element in parts.elements if _is_policy(element)]
    expected = security_policy.content_security_policy(security_policy.script_hashes(executable))
    if len(policies) != 1:
        yield Problem(name, POLICY, f"the page has {len(policies)} policies, not 1", AGAIN)
    elif policies[0].attributes.get("content") != expected and not foreign:
        # A foreign script's hash in the policy is that script's problem, said once above.
        fix = f"{AGAIN}; the policy lists exactly the page's own scripts"
        yield Problem(name, POLICY, "does not match the page's own scripts", fix, policies[0].line)
    yield from _article_page(name, html, parts, page, facts) if page in facts.pages else []


def _elements(name: str, parts: PageParts, facts: VerifyFacts, where: str, outside: str = ""):
    """Each element's problems, to be fixed `where`: on a page, `outside` its article (the
    templates wrote it there, not the page's Markdown)."""
    for element in parts.elements:
        yield from _element(name, element, facts, where if element.in_content else outside or where)
    for line, text in parts.styles:
        yield from css_from_other_hosts(name, text, line)


def _is_policy(element: Element) -> bool:
    http_equiv = element.attributes.get("http-equiv", "").lower()
    return element.name == "meta" and http_equiv == POLICY.lower()


def _element(name: str, element: Element, facts: VerifyFacts, where: str) -> list[Problem]:
    """Embeds, redirects, runs script, hides article text, loads from or names (og:) other hosts."""
    tag, attributes, content = element.name, element.attributes, element.in_content
    bad = partial(Problem, name, fix=f"remove it from {where}", line=element.line)
    if tag in REFUSED_ELEMENTS:
        return [bad(f"<{tag}>", "is an element the site does not publish")]
    if tag == "meta" and "http-equiv" in attributes and not _is_policy(element):
        place = f"<meta http-equiv={attributes['http-equiv']}>"
        return [bad(place, "is not allowed (it can send readers elsewhere)")]
    animated = attributes.get("attributename", "").lower() in ("href", "xlink:href")
    if tag in ("animate", "set") and animated:
        return [bad(f"<{tag}>", "changes a link's address")]
    problems = [bad(f"<{tag} {a}>", w) for a, v in attributes.items() if (w := _scripted(a, v))]
    if content and tag not in CONTENT_ELEMENTS:
        return [*problems, bad(f"<{tag}>", "is not an element of article text")]
    problems += [bad(f"<{tag} {a}>", w) for a in attributes if content and (w := _visible(a))]
    if "style" in attributes:
        problems += css_from_other_hosts(name, attributes["style"], element.line, inline=True)
    unknown = sorted(set(attributes.get("rel", "").lower().split()) - LINK_RELATIONS)
    if tag == "link" and unknown:
        return [*problems, bad(f"<link rel={' '.join(unknown)}>", "is not a link the site writes")]
    own = facts.own_hosts if tag in ("link", "meta") else frozenset()
    for key in LOADED if tag == "a" else (*LOADED, "href"):
        value = attributes.get(key, "")  # an empty address is the page itself
        found = [each.split()[0] for each in value.split(",") if each.strip()]
        found = found if key == "srcset" else [value.strip()]
        problems += [bad(f"<{tag} {key}={a}>", ELSEWHERE) for a in found if _other_host(a, own)]
    card = attributes.get("content", "") if attributes.get("property", "").startswith("og:") else ""
    if card.startswith(("http://", "https://", "//")) and _other_host(card, facts.own_hosts):
        problems.append(bad(f"<meta property={attributes['property']}>", "names another host"))
    return problems


def _visible(attribute: str) -> str:
    """What an attribute of article text does wrong: hides it, or is not one Markdown writes."""
    if attribute in ("hidden", "style"):
        return "hides or restyles article text"
    known = attribute in CONTENT_ATTRIBUTES or _scripted(attribute, "")  # refused: said once
    return "" if known else "is not an attribute of article text"


def _scripted(attribute: str, value: str) -> str:
    """Any attribute's wrong; a scheme read as browsers do (case, spaces, controls aside)."""
    if attribute.startswith("on") or attribute in REFUSED_ATTRIBUTES:
        return "runs script or sends data"
    script = url_scheme(value) in ("javascript", "vbscript")
    return "holds a script address" if attribute in ("href", *LOADED) and script else ""


def _other_host(address: str, own_hosts: frozenset[str] = frozenset()) -> bool:
    """Not data: (the favicon), a site path, or own_hosts (the canonical link, social card)."""
    parsed = urlparse(address.strip())
    web = parsed.scheme in ("", "http", "https")
    return parsed.scheme != "data" and (not web or parsed.netloc not in {"", *own_hosts})


def css_from_other_hosts(name: str, css: str | list, line: int = 1, inline: bool = False) -> list:
    """url(), src() and @import reaching another host (check/run.py checks extra_css with it)."""
    if isinstance(css, str):
        css = (tinycss2.parse_blocks_contents if inline else tinycss2.parse_stylesheet)(css)
    problems, fix = [], "serve it from the site itself, or remove it"
    for node in css:
        at = line + (getattr(node, "source_line", 1) or 1) - 1
        named = node.type == "function" and node.lower_name in ("url", "src", "image-set")
        imported = node.type == "at-rule" and node.lower_at_keyword == "import"
        strings = node.arguments if named else node.prelude if imported else []
        found = [node.value] if node.type == "url" else []
        found += [token.value for token in strings if token.type == "string"]
        for address in filter(_other_host, found):
            problems.append(Problem(name, f"CSS url({address})", ELSEWHERE, fix, at))
        nested = ("arguments",) if named else ("prelude", "content", "value")  # a declaration
        for child in (getattr(node, each, None) for each in nested):
            problems += css_from_other_hosts(name, child, line) if isinstance(child, list) else []
    return problems


def _svg(name: str, text: str, facts: VerifyFacts) -> list[Problem]:
    parts, fix = read_parts(text), "remove the script from the SVG under docs/, or the SVG itself"
    lines = [element.line for element in parts.elements if element.name == "script"]
    problems = [Problem(name, "<script>", "an SVG may not carry a script", fix, s) for s in lines]
    return problems + list(_elements(name, parts, facts, "the SVG under docs/"))


def _article_page(name: str, html: str, parts: PageParts, page: str, facts: VerifyFacts) -> list:
    """An article page's title, the review line and JSON-LD finishing adds, and its headings."""
    problems = []
    if parts.title_end is None:
        wrong = f"has no <article> with a title: docs/{page} did not render as a page"
        problems.append(Problem(name, "article", wrong, FINISH))
    if "class=page-review" not in html and 'class="page-review"' not in html:
        problems.append(Problem(name, "review line", "is missing", FINISH))
    if "application/ld+json" not in {script.attributes.get("type") for script, _ in parts.scripts}:
        problems.append(Problem(name, "structured data", "is missing", FINISH))
    missing = [h for where, h in facts.headings if where == page and h not in parts.headings]
    fix = f"restore it in docs/{page}, and build again"
    wrong = "is not a heading of the published article"
    return problems + [Problem(name, f"section {h!r}", wrong, fix) for h in missing]


def verified(site: Path, config: Any, project: Project, found: list | tuple = ()) -> tuple:
    """The problems found before (`found`, which explain the site's) or by verify_site, and the
    refusal's two lines; on a problem the folder is emptied, if it is one to empty."""
    problems = found or verify_site(site, verify_facts(config, project))
    return problems, (REFUSAL[0], outcome(site, project.root, problems))


def outcome(site: Path, root: Path, problems: list) -> str:
    """What became of the site folder on a refusal: emptied, if it is one to empty."""
    return REFUSAL[1] if problems and leave_unpublishable(site, root) else KEPT


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
