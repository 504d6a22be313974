"""The site published is the site checked (issue 22): each way a careless or hostile change could
break a promise of the README fails the build with one line, and leaves nothing to publish.

Each test builds a copy of the project with one defect, as the tests' session build does
(mkdocs build --strict, then python -m sitebuild verify: tests/site_support.py), and
expects exit 1, the one line, no traceback, and no file left in the site folder. The
classes are the issue's: script in the page, files from outside, hidden article text,
pages gone, other hosts, and what used to end in a traceback, a hang or a wrong message.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from site_support import PAGES, ROOT, BuiltSite, edit, mkdocs_build, refusal, verify

PAGE = "docs/safety.md"
FRONT = "---\ndescription:"
ADVANTAGE = "This is an advantage."
RAW = "remove it: pages may hold text, links and images, not scripts, event handlers or embedded pages (hooks/README.md: What the build refuses)."


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def front_matter(line: str) -> Callable[[Path], None]:
    """A line added at the top of docs/safety.md's front matter (its line 2)."""
    return lambda p: edit(p / PAGE, FRONT, f"---\n{line}\ndescription:")


def config(old: str, new: str) -> Callable[[Path], None]:
    return lambda p: edit(p / "mkdocs.yml", old, new)


def page_text(text: str, *, after: str = ADVANTAGE + "\n") -> Callable[[Path], None]:
    """Markdown added to docs/safety.md, after a paragraph of its article text (or right under it)."""
    return lambda p: edit(p / PAGE, ADVANTAGE + "\n", f"{after}\n{text}\n")


def wrapped(template: str) -> Callable[[Path], None]:
    """A sentence of docs/safety.md's article text wrapped in raw HTML."""
    return lambda p: edit(p / PAGE, ADVANTAGE, template.format(ADVANTAGE))


def git_link(p: Path) -> None:
    (p / ".git").mkdir()
    (p / ".git/config").write_text("[core]\n", encoding="utf-8")
    (p / "docs/history").symlink_to("../.git")


def folder_link_out(p: Path) -> None:
    """A folder link that stays in the project, to a folder whose file links out."""
    (p / "notes").mkdir()
    (p / "notes/leak.css").symlink_to("/etc/passwd")
    (p / "docs/more").symlink_to("../notes")


def svg_with_script(p: Path) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n'
    (p / "docs/assets/images/chart.svg").write_text(svg, encoding="utf-8")


def other_docs_dir(p: Path) -> None:
    (p / "docs").rename(p / "pages")
    append(p / "mkdocs.yml", "docs_dir: pages\n")


def upper_case_page(p: Path) -> None:
    (p / "docs/notes.MD").write_text("# Notes\n\n<script>alert(1)</script>\n", encoding="utf-8")


def named_pipe(p: Path) -> None:
    os.mkfifo(p / "docs/notes.md")


def import_in_css(p: Path) -> None:
    css = p / "docs/assets/stylesheets/extra.css"
    css.write_text(
        "@import url(https://fonts.example/x.css);\n" + css.read_text(encoding="utf-8"),
        encoding="utf-8",
    )


EXTRA_CSS = "docs/assets/stylesheets/extra.css"
REMOTE = "https://t.example/x.png"
SVG_LINK = '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)">x</a></svg>'
# Nine levels of nine would be 9**9 items once copied; the build refuses the first anchor.
LEVELS = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
LEVELS += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
ALIAS_BOMB = "\n".join(LEVELS)
# The example, made long enough for the description's own length rule.
DESCRIPTION = (
    """description: 'Side effects x"><script>alert(document.domain)</script> of infusions' # \""""
)

DEFECTS: dict[str, tuple[Callable[[Path], None], str]] = {
    # Script in the page, which the site's own policy would allow.
    "script in a description": (
        lambda p: edit(p / PAGE, 'description: "', DESCRIPTION),
        "docs/safety.md:2: front matter: description: holds '\"', which would be markup in the page. Fix: write plain text.",
    ),
    "script in copyright": (
        config("copyright: General", "copyright: <script>alert(1)</script> General"),
        "mkdocs.yml:7: copyright: holds '<', which would be markup in every page. Fix: write plain text.",
    ),
    "SVG with a script": (
        svg_with_script,
        "site/assets/images/chart.svg:1: <script>: an SVG may not carry a script. Fix: remove the script from the SVG under docs/, or the SVG itself.",
    ),
    "meta refresh in a page": (
        page_text('<meta http-equiv="refresh" content="0; url=https://example.org/">'),
        f"docs/safety.md:36: raw HTML: a <meta> element. Fix: {RAW}",
    ),
    # Files from outside the repository, or from .git.
    ".git linked into docs": (
        git_link,
        "docs/history: file: is a link into .git. Fix: remove the link.",
    ),
    "folder link to a file outside": (
        folder_link_out,
        "docs/more/leak.css: file: is a link to /etc/passwd, outside the project. Fix: replace the link with the file itself, or remove it.",
    ),
    "folder link loop": (
        lambda p: (p / "docs/loop").symlink_to(".."),
        "docs/loop: file: is a link to a folder that holds it. Fix: remove the link.",
    ),
    "snippet outside includes": (
        page_text('--8<-- "mkdocs.yml"'),
        "docs/safety.md:36: snippet 'mkdocs.yml': is not in includes/. Fix: keep included text in includes/, and name it from there.",
    ),
    "snippets from another folder": (
        config("base_path: [!relative $config_dir]", "base_path: [!relative $config_dir/..]"),
        "mkdocs.yml:117: pymdownx.snippets: base_path is not the project's folder. Fix: set base_path: [!relative $config_dir].",
    ),
    "docs_dir elsewhere": (
        other_docs_dir,
        "mkdocs.yml:137: docs_dir: is not docs/. Fix: remove docs_dir: the site's pages and their checks are in docs/.",
    ),
    "page named .MD": (
        upper_case_page,
        "docs/notes.MD: file: ends in .MD, not .md. Fix: rename it notes.md.",
    ),
    # Article text hidden while the checks count it present.
    "style attribute": (
        page_text('{ style="display:none" }', after=ADVANTAGE),
        f"docs/safety.md:35: raw HTML: a style attribute on <p>. Fix: {RAW}",
    ),
    "hidden span": (
        wrapped("<span hidden>{}</span>"),
        f"docs/safety.md:34: raw HTML: a hidden attribute on <span>. Fix: {RAW}",
    ),
    "noscript": (
        wrapped("<noscript>{}</noscript>"),
        f"docs/safety.md:34: raw HTML: a <noscript> element. Fix: {RAW}",
    ),
    "style element": (
        page_text("<style>p::after { content: 'safe' }</style>"),
        f"docs/safety.md:36: raw HTML: a <style> element. Fix: {RAW}",
    ),
    # Whole pages gone with a green build.
    "exclude_docs": (
        lambda p: append(p / "mkdocs.yml", "exclude_docs: safety.md\n"),
        "mkdocs.yml:137: exclude_docs: leaves out safety.md, a page of the article. Fix: remove exclude_docs.",
    ),
    "draft_docs": (
        lambda p: append(p / "mkdocs.yml", "draft_docs: safety.md\n"),
        "mkdocs.yml:137: draft_docs: leaves out safety.md, a page of the article. Fix: remove draft_docs.",
    ),
    "page template": (
        front_matter("template: 404.html"),
        "docs/safety.md:2: front matter: template: gives the page a template of its own. Fix: remove it: every page uses the site's (overrides/main.html).",
    ),
    "use_directory_urls": (
        lambda p: append(p / "mkdocs.yml", "use_directory_urls: false\n"),
        "mkdocs.yml:137: use_directory_urls: is false. Fix: remove it: every page is finished at its folder's index.html.",
    ),
    "offline plugin": (
        config("  - minify:", "  - offline\n  - minify:"),
        "mkdocs.yml:94: plugins: material/offline is not one of the site's plugins. Fix: remove it (material/search, minify, search only).",
    ),
    "no hook": (
        config("hooks:\n  - hooks/mkdocs_pipeline.py", "hooks: []"),
        "mkdocs.yml:83: hooks: hooks/mkdocs_pipeline.py is not registered. Fix: list it under hooks: (it checks and finishes every page).",
    ),
    # Other hosts.
    "remote image": (
        page_text("![x](https://tracker.example/p.gif)"),
        "site/safety/index.html:1: <img src=https://tracker.example/p.gif>: loads from another host. Fix: remove it from docs/safety.md.",
    ),
    "stylesheet link": (
        page_text('<link rel="stylesheet" href="https://cdn.example/x.css">'),
        f"docs/safety.md:36: raw HTML: a <link> element. Fix: {RAW}",
    ),
    "import in extra.css": (
        import_in_css,
        "docs/assets/stylesheets/extra.css:1: CSS url(https://fonts.example/x.css): loads from another host. Fix: serve it from the site itself, or remove it.",
    ),
    "preconnect": (
        page_text('<link rel="preconnect" href="https://fonts.example">'),
        f"docs/safety.md:36: raw HTML: a <link> element. Fix: {RAW}",
    ),
    "ping": (
        lambda p: edit(
            p / PAGE,
            "This is an advantage.",
            '<a href="https://doi.org/" ping="https://t.example/">This is an advantage.</a>',
        ),
        f"docs/safety.md:34: raw HTML: a ping attribute on <a>. Fix: {RAW}",
    ),
    "theme.font": (
        config("  font: false", "  font:\n    text: Roboto"),
        "mkdocs.yml:22: theme: font is set: every page would load fonts from Google. Fix: set font: false.",
    ),
    "extra.analytics": (
        config(
            "  generator: false",
            "  generator: false\n  analytics:\n    provider: google\n    property: G-X",
        ),
        "mkdocs.yml:60: extra: analytics is set: every page would load a tracker. Fix: remove analytics.",
    ),
    # What ended in a traceback, a hang or a misleading message.
    "missing snippet": (
        page_text('--8<-- "includes/nosuch.md"'),
        "docs/safety.md:36: snippet 'includes/nosuch.md': no such file in includes/. Fix: keep included text in includes/, and name it from there.",
    ),
    "missing template": (
        front_matter("template: nosuch.html"),
        "docs/safety.md:2: front matter: template: gives the page a template of its own. Fix: remove it: every page uses the site's (overrides/main.html).",
    ),
    "named pipe": (
        named_pipe,
        "docs/notes.md: file: is a named pipe or other special file. Fix: remove it.",
    ),
    "alias bomb": (
        front_matter(ALIAS_BOMB),
        "docs/safety.md:2: front matter: it uses the anchor &a0. Fix: write the value out in full (the site's YAML uses no anchors or aliases).",
    ),
    "list as a YAML key": (
        front_matter("[a, b]: c"),
        "docs/safety.md:2: front matter: a key is a list or a mapping. Fix: use a word or a number as the key.",
    ),
    "raw HTML in the glossary": (
        lambda p: append(p / "includes/glossary.md", '*[CRPS2]: <img src=x onerror="alert(1)">\n'),
        f"includes/glossary.md:30: raw HTML: an event handler (onerror=) on <img>. Fix: {RAW}",
    ),
    "raw HTML in a finding": (
        lambda p: edit(
            p / "hooks/references.yml",
            "    US medical societies",
            '    <img src=x onerror="alert(1)"> US medical societies',
        ),
        f"hooks/references.yml:27: raw HTML: an event handler (onerror=) on <img>. Fix: {RAW}",
    ),
    "repo_url": (
        lambda p: append(p / "mkdocs.yml", "repo_url: https://github.com/example/site\n"),
        "mkdocs.yml:137: repo_url: is set: every page would fetch the repository's facts from its host. Fix: remove repo_url.",
    ),
    "footnotes removed": (
        config("  - footnotes\n", ""),
        "mkdocs.yml:102: markdown_extensions: footnotes is missing. Fix: list it again (the article needs it).",
    ),
    "snippets removed": (
        # Its own settings go with it: only the missing extension is said.
        lambda p: (p / "mkdocs.yml").write_text(
            re.sub(
                r"  - pymdownx.snippets:\n(?:      .*\n)+",
                "",
                (p / "mkdocs.yml").read_text(encoding="utf-8"),
            ),
            encoding="utf-8",
        ),
        "mkdocs.yml:102: markdown_extensions: pymdownx.snippets is missing. Fix: list it again (the article needs it).",
    ),
    "snippets listed again under another name": (
        # It would replace the checked one, and read files outside the project.
        config(
            "  - pymdownx.snippets:\n",
            "  - pymdownx.snippets:SnippetExtension:\n      base_path: [/etc]\n"
            "      restrict_base_path: false\n  - pymdownx.snippets:\n",
        ),
        "mkdocs.yml:102: markdown_extensions: pymdownx.snippets:SnippetExtension is not one of the site's. Fix: remove it (REQUIRED_EXTENSIONS in hooks/sitebuild/check/configuration.py lists them).",
    ),
    "remote image in a template": (
        # On every page, said once, with the fix where it is: not in any page's Markdown.
        lambda p: (p / "overrides/partials/footer.html").write_text(
            f'<footer><img src="{REMOTE}"></footer>', encoding="utf-8"
        ),
        f"site/404.html:1: <img src={REMOTE}>: loads from another host (and on {len(PAGES)} other pages). Fix: remove it from the templates (overrides/) or mkdocs.yml.",
    ),
    # Beyond the examples.
    "srcset from another host": (
        page_text(f'<img alt="x" src="../assets/images/favicon.svg" srcset="{REMOTE} 2x">'),
        "site/safety/index.html:1: <img srcset=https://t.example/x.png>: loads from another host. Fix: remove it from docs/safety.md.",
    ),
    "video": (
        page_text('<video src="https://t.example/v.mp4"></video>'),
        "site/safety/index.html:1: <video>: is not an element of article text. Fix: remove it from docs/safety.md.",
    ),
    "protocol-relative url in extra.css": (
        lambda p: append(p / EXTRA_CSS, "\nbody { background: url(//t.example/x.png) }\n"),
        "docs/assets/stylesheets/extra.css:223: CSS url(//t.example/x.png): loads from another host. Fix: serve it from the site itself, or remove it.",
    ),
    "another custom_dir": (
        config("  custom_dir: overrides", "  custom_dir: docs"),
        "mkdocs.yml:22: theme: is not Material with overrides/. Fix: set name: material and custom_dir: overrides.",
    ),
    "markup in a title": (
        front_matter("title: '<b>Safety</b>'"),
        "docs/safety.md:2: front matter: title: holds '<', which would be markup in the page. Fix: write plain text.",
    ),
    "markup in a nav title": (
        config("  - Safety: safety.md", "  - '<img src=x onerror=alert(1)>': safety.md"),
        "mkdocs.yml:9: nav: the title '<img src=x onerror=alert(1)>' holds markup. Fix: write plain text.",
    ),
    "SVG with a javascript: link": (
        lambda p: (p / "docs/assets/images/a.svg").write_text(SVG_LINK, encoding="utf-8"),
        "site/assets/images/a.svg:1: <a href>: holds a script address. Fix: remove it from the SVG under docs/.",
    ),
}


def test_an_alias_bomb_in_mkdocs_yml_is_refused_before_mkdocs_reads_it(project: Path):
    # MkDocs reads mkdocs.yml itself, for minutes with this; make build's first step refuses it.
    bomb = "\n".join(f"  {line}" for line in ALIAS_BOMB.splitlines())
    edit(project / "mkdocs.yml", "  generator: false", f"  generator: false\n{bomb}")
    env = {**os.environ, "PYTHONPATH": str(project / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "sitebuild", "check"]
    result = subprocess.run(
        command,
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and result.stderr.splitlines() == [
        "mkdocs.yml:63: YAML: it uses the anchor &a0. Fix: write the value out in full (the site's YAML uses no anchors or aliases)."
    ], result.stderr


@pytest.mark.parametrize(("breakage", "expected"), DEFECTS.values(), ids=DEFECTS.keys())
def test_a_broken_promise_fails_the_build_with_one_line(
    project: Path,
    breakage: Callable[[Path], None],
    expected: str,
):
    breakage(project)
    site = project / "site"
    result = mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode == 1, f"the build did not fail:\n{output}"
    assert "Traceback" not in output, output
    assert refusal(output) == [expected]
    left = [path for path in site.rglob("*") if path.is_file()] if site.exists() else []
    assert not left, f"left to publish: {left[:5]}"


# --- verify alone, on a finished site changed after the build -------------------------------

SAFETY = "safety/index.html"
ARTICLE = '<article class="md-content__inner md-typeset">'


def in_page(old: str, new: str, page: str = SAFETY) -> Callable[[Path], None]:
    """A change to the finished page, as a builder or a later step could make it."""
    return lambda site: edit(site / page, old, new)


def symlink_out(site: Path) -> None:
    (site / "assets/passwd.txt").symlink_to("/etc/passwd")


def git_folder(site: Path) -> None:
    (site / ".git").mkdir()
    (site / ".git/config").write_text("[core]\n", encoding="utf-8")


def no_policy_hash(site: Path) -> None:
    page = site / SAFETY
    html = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r" 'sha256-[^']+'", "", html, count=1), encoding="utf-8")


SITE_FIX = "Fix: remove it from docs/safety.md."
# Outside the article, a page carries what the templates wrote, not what its Markdown did.
TEMPLATE_FIX = "Fix: remove it from the templates (overrides/) or mkdocs.yml."
CANDIDATE = "Who Is a Candidate for Ketamine Therapy?"
VERIFY_DEFECTS: dict[str, tuple[Callable[[Path], None], str]] = {
    "foreign inline script": (
        in_page("</body>", "<script>alert(1)</script></body>"),
        "site/safety/index.html:12: inline script: 'alert(1)'… is not one the site writes. Fix: remove it from"
        " the templates (overrides/) or mkdocs.yml; the site runs only the scripts its templates and"
        " docs/assets/javascripts write.",
    ),
    "policy short of a hash": (
        no_policy_hash,
        "site/safety/index.html:1: Content-Security-Policy: does not match the page's own scripts."
        " Fix: finish the site again (make build); the policy lists exactly the page's own scripts.",
    ),
    "meta refresh": (
        in_page("</head>", '<meta http-equiv=refresh content="0;url=https://x.example/"></head>'),
        f"site/safety/index.html:1: <meta http-equiv=refresh>: is not allowed (it can send readers elsewhere). {TEMPLATE_FIX}",
    ),
    "hidden paragraph": (
        in_page("</h1>", "</h1><p hidden>Hidden.</p>"),
        f"site/safety/index.html:1: <p hidden>: hides or restyles article text. {SITE_FIX}",
    ),
    "style element in the article": (
        in_page(ARTICLE, ARTICLE + "<style>p{display:none}</style>"),
        f"site/safety/index.html:1: <style>: is not an element of article text. {SITE_FIX}",
    ),
    "noscript": (
        in_page(ARTICLE, ARTICLE + "<noscript>x</noscript>"),
        f"site/safety/index.html:1: <noscript>: is an element the site does not publish. {SITE_FIX}",
    ),
    "preconnect": (
        in_page("</head>", "<link rel=preconnect href=https://fonts.example></head>"),
        f"site/safety/index.html:1: <link rel=preconnect>: is not a link the site writes. {TEMPLATE_FIX}",
    ),
    "ping": (
        in_page("</h1>", "</h1><a href=https://doi.org/ ping=https://t.example/>x</a>"),
        f"site/safety/index.html:1: <a ping>: runs script or sends data. {SITE_FIX}",
    ),
    "remote image": (
        in_page("</h1>", "</h1><img src=https://t.example/p.gif alt=x>"),
        f"site/safety/index.html:1: <img src=https://t.example/p.gif>: loads from another host. {SITE_FIX}",
    ),
    "@import in a style": (
        in_page("</head>", "<style>@import url(https://t.example/x.css);</style></head>"),
        "site/safety/index.html:1: CSS url(https://t.example/x.css): loads from another host. Fix: serve it from the site itself, or remove it.",
    ),
    "remote image in a style attribute outside the article": (
        in_page("<body", '<body style="background:url(https://t.example/p.png)"'),
        "site/safety/index.html:1: CSS url(https://t.example/p.png): loads from another host. Fix: serve it from the site itself, or remove it.",
    ),
    "page not UTF-8": (
        lambda site: (site / SAFETY).write_bytes(b"\xe9" + (site / SAFETY).read_bytes()),
        "site/safety/index.html:1: file: is not UTF-8 (byte 0xe9 at line 1). Fix: finish the site again (make build).",
    ),
    "link out of the site": (
        symlink_out,
        "site/assets/passwd.txt: file: is a symbolic link. Fix: remove it from docs/ (the site publishes only the project's own regular files).",
    ),
    ".git": (
        git_folder,
        "site/.git: file: comes from the repository's .git. Fix: remove it from docs/ (the site publishes only the project's own regular files).",
    ),
    "page missing": (
        lambda site: (site / SAFETY).unlink(),
        "site/safety/index.html: page: is missing: docs/safety.md was not published. Fix: publish"
        " docs/safety.md (use_directory_urls, exclude_docs, draft_docs, template in mkdocs.yml).",
    ),
    "section heading gone": (
        in_page(f">{CANDIDATE}<a", ">Who Is a Candidate?<a", "treatment/index.html"),
        "site/treatment/index.html: section 'Who Is a Candidate for Ketamine Therapy?': is not a heading"
        " of the published article. Fix: restore it in docs/treatment.md, and build again.",
    ),
    "review line missing": (
        in_page("<p class=page-review", "<p class=page"),
        "site/safety/index.html: review line: is missing. Fix: build with make build, which finishes every page.",
    ),
    "never finished": (
        lambda site: (site / "_headers").unlink(),
        "site: folder: was never finished (no _headers). Fix: build with make build, which finishes the site (hooks/mkdocs_pipeline.py or sitebuild finish).",
    ),
}


@pytest.mark.parametrize(
    ("breakage", "expected"),
    VERIFY_DEFECTS.values(),
    ids=VERIFY_DEFECTS.keys(),
)
def test_verify_refuses_a_finished_site_that_breaks_a_promise(
    site: BuiltSite,
    tmp_path: Path,
    breakage: Callable[[Path], None],
    expected: str,
):
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    breakage(copy)
    result = verify(ROOT, copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert refusal(result.stderr) == [expected]
    assert not any(copy.iterdir()), "verify left files to publish"


def test_verify_passes_the_unbroken_site(site: BuiltSite):
    result = verify(ROOT, site.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"sitebuild verify: {site.root} keeps every promise\n"


def test_verify_never_empties_the_project_named_by_mistake(project: Path):
    result = verify(project, project)
    assert result.returncode == 1 and result.stderr.splitlines() == [
        "The built site failed verification (1 problem); the folder was left as it was:",
        f"{project}: folder: is a project, not a built site. Fix: name the built site's folder (python -m sitebuild verify site/).",
    ], result.stderr
    assert (project / "mkdocs.yml").is_file() and (project / "docs/index.md").is_file()
