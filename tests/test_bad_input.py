"""Bad input from a careless or hurried maintainer: one clear line each, never a traceback, nothing written.

Every test breaks one input of a temporary copy of the project the way a
maintainer might, builds it, and checks the exit code, the exact problem
lines and that the build wrote nothing into the site folder.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from site_support import ROOT, edit, mkdocs_build

HEADER = "The article failed its content checks"
PREFIXES = ("docs/", "hooks/", "includes/", "manuscript/", "overrides/", "mkdocs.yml")
SETTINGS_LINES, TEMPLATE_LINES = (
    len((ROOT / name).read_text(encoding="utf-8").splitlines())
    for name in ("mkdocs.yml", "overrides/main.html")
)
EXTRA_LINE = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index("extra:") + 1
# A file left from an earlier, good build: a failed build must not touch it, or write anything beside it.
LAST_GOOD = "last-good.html"


def problems_of(project: Path) -> list[str]:
    """Build the broken copy; the problem lines it prints, after checking it failed cleanly and wrote nothing."""
    site = project / "site"
    site.mkdir(exist_ok=True)
    (site / LAST_GOOD).write_text("<p>The last good build.</p>", encoding="utf-8")
    result = mkdocs_build(project, site, strict=True)
    output = result.stdout + result.stderr
    assert result.returncode == 1, f"the build did not fail:\n{output}"
    assert "Traceback" not in output, output
    written = sorted(
        path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()
    )
    assert written in ([LAST_GOOD], []), f"the failed build wrote {written[:5]}"
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(HEADER))
    return [line for line in lines[start + 1 :] if line.startswith(PREFIXES)]


def append(path: Path, text: str | bytes) -> None:
    with path.open("ab") as file:
        file.write(text.encode("utf-8") if isinstance(text, str) else text)


def relinked(path: Path, target: str) -> None:
    """The file replaced by a symbolic link to `target`."""
    path.unlink()
    path.symlink_to(target)


def to_utf16(path: Path) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))


def key_points_last(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    start, end = (
        text.index('!!! abstract "Key points"'),
        text.index("The development of ketamine began"),
    )
    path.write_text(text[:start] + text[end:].rstrip() + "\n\n" + text[start:end], encoding="utf-8")


def wrap_in_div(path: Path) -> None:
    edit(
        path,
        "## Who Is a Candidate for Ketamine Therapy?",
        "<div>\n\n## Who Is a Candidate for Ketamine Therapy?",
    )
    append(path, "\n</div>\n")


QUESTION = '??? question "Can ketamine infusions be covered under insurance?"'

CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "raw script": (
        lambda p: append(p / "docs/evidence.md", '\n<script>document.title="XSS"</script>\n'),
        [
            "docs/evidence.md:54: raw HTML: a <script> element. Fix: remove it: pages may hold text, links and images, not scripts, event handlers or embedded pages (hooks/README.md: What the build refuses)."
        ],
    ),
    "event handler and javascript: link": (
        lambda p: append(
            p / "docs/about.md",
            '\n<img src="x.png" alt="" onerror="alert(1)"> [x](javascript:alert(1))\n',
        ),
        [
            "docs/about.md:50: raw HTML: an event handler (onerror=) on <img>. Fix: remove it: pages may hold text, links and images, not scripts, event handlers or embedded pages (hooks/README.md: What the build refuses).",
            "docs/about.md:50: raw HTML: a javascript: address in href= on <a>. Fix: remove it: pages may hold text, links and images, not scripts, event handlers or embedded pages (hooks/README.md: What the build refuses).",
        ],
    ),
    "embedded page": (
        lambda p: append(p / "docs/about.md", '\n<iframe src="https://example.com/"></iframe>\n'),
        [
            "docs/about.md:50: raw HTML: an <iframe> element. Fix: remove it: pages may hold text, links and images, not scripts, event handlers or embedded pages (hooks/README.md: What the build refuses)."
        ],
    ),
    "link to a private file": (
        lambda p: (p / "docs/leak.txt").symlink_to("/etc/passwd"),
        [
            "docs/leak.txt: file: is a link to /etc/passwd, outside the project. Fix: replace the link with the file itself, or remove it."
        ],
    ),
    "a snippet in hooks/ linked from outside": (
        # check_folders does not walk hooks/: the snippets setting's own rule refuses it.
        lambda p: (
            (p / "hooks/extra.md").symlink_to("/etc/passwd"),
            edit(
                p / "mkdocs.yml",
                "        - includes/glossary.md\n",
                "        - includes/glossary.md\n        - hooks/extra.md\n",
            ),
        ),
        [
            "mkdocs.yml:117: pymdownx.snippets: auto_append hooks/extra.md is not in includes/. Fix: keep snippets in includes/."
        ],
    ),
    "glossary linked from outside": (
        # One line: not "auto_append … is not in includes/" for mkdocs.yml as well.
        lambda p: relinked(p / "includes/glossary.md", "/etc/passwd"),
        [
            "includes/glossary.md: file: is a link to /etc/passwd, outside the project. Fix: replace the link with the file itself, or remove it."
        ],
    ),
    "linked folder": (
        lambda p: (p / "overrides/partials/etc").symlink_to("/etc"),
        [
            "overrides/partials/etc: file: is a link to /etc, outside the project. Fix: replace the link with the file itself, or remove it."
        ],
    ),
    "link to itself": (
        lambda p: (p / "docs/loop.md").symlink_to("loop.md"),
        ["docs/loop.md: file: is a link that leads back to itself. Fix: remove the link."],
    ),
    "data file linked to a file that is gone": (
        lambda p: relinked(p / "hooks/citations.yml", "old.yml"),
        [
            "hooks/citations.yml: file: is a link to hooks/old.yml, which is missing. Fix: replace the link with the file it should be."
        ],
    ),
    "site_url removed from mkdocs.yml": (
        # Said once, not once for each page that could not name its social card.
        lambda p: edit(p / "mkdocs.yml", "site_url: !ENV", "# site_url: !ENV"),
        [
            "mkdocs.yml: site_url: is not set: no page could name its social card. Fix: restore site_url: !ENV [SITE_URL, …]."
        ],
    ),
    "the stylesheet a link to itself": (
        # One line: not "no such file" for mkdocs.yml's extra_css as well.
        lambda p: relinked(p / "docs/assets/stylesheets/extra.css", "extra.css"),
        [
            "docs/assets/stylesheets/extra.css: file: is a link that leads back to itself. Fix: remove the link."
        ],
    ),
    "a setting given twice in mkdocs.yml": (
        lambda p: append(p / "mkdocs.yml", "site_name: Another name\n"),
        [
            f"mkdocs.yml:{SETTINGS_LINES + 1}: YAML: the key 'site_name' appears a second time. Fix: keep one (YAML keeps only the last)."
        ],
    ),
    "a publication date that is not a date": (
        lambda p: edit(
            p / "mkdocs.yml", '  date_published: "2026-11-25"', '  date_published: "2026-13-25"'
        ),
        [
            f"mkdocs.yml:{EXTRA_LINE}: extra: date_published: '2026-13-25' is not a date. Fix: write the date the site was first published as YYYY-MM-DD."
        ],
    ),
    "a template block defined twice": (
        lambda p: append(p / "overrides/main.html", "\n{% block scripts %}{% endblock %}\n"),
        [
            f"overrides/main.html:{TEMPLATE_LINES + 2}: template: it does not parse (block 'scripts' defined twice). Fix: correct the Jinja syntax there."
        ],
    ),
    "unpublished file type": (
        lambda p: (p / "docs/notes.docx").write_bytes(b"PK"),
        [
            "docs/notes.docx: file: is a .docx file, which the site does not publish. Fix: remove it; docs/ holds only .md, .css, .js, .svg, .png, .jpg, .jpeg, .webp files (hooks/sitebuild/load/inputs.py)."
        ],
    ),
    "footnote defined in a page": (
        lambda p: append(p / "docs/treatment.md", "\n[^cohen2018]: Made-up.\n"),
        [
            "docs/treatment.md:38: footnote [^cohen2018]: is defined in the page, replacing the checked source of that key. Fix: remove the definition: the build writes each footnote from hooks/references.yml."
        ],
    ),
    "page in UTF-16": (
        lambda p: to_utf16(p / "docs/faq.md"),
        ["docs/faq.md:1: file: is not UTF-8 (byte 0xff at line 1). Fix: save it as UTF-8."],
    ),
    "page with a Latin-1 byte": (
        lambda p: append(p / "docs/faq.md", b"\xe9\n"),
        ["docs/faq.md:44: file: is not UTF-8 (byte 0xe9 at line 44). Fix: save it as UTF-8."],
    ),
    "empty page": (
        lambda p: (p / "docs/faq.md").write_text("", encoding="utf-8"),
        [
            "docs/faq.md: page: is empty. Fix: restore it (git checkout -- docs/faq.md), or remove it."
        ],
    ),
    "5 MB page": (
        lambda p: append(p / "docs/evidence.md", "\n\n" + ("Padding text. " * 400 + "\n\n") * 1000),
        [
            "docs/evidence.md: page: is 5,606,593 bytes, over the limit of 40,000. Fix: remove what was pasted in by mistake, or split the page (the limit is in hooks/sitebuild/load/inputs.py)."
        ],
    ),
    "references deleted": (
        lambda p: (p / "hooks/references.yml").unlink(),
        [
            "hooks/references.yml: file: is missing. Fix: restore it (git checkout -- hooks/references.yml)."
        ],
    ),
    "manifest deleted": (
        lambda p: (p / "hooks/manifest.yml").unlink(),
        [
            "hooks/manifest.yml: file: is missing. Fix: restore it (git checkout -- hooks/manifest.yml)."
        ],
    ),
    "citation map deleted": (
        lambda p: (p / "hooks/citations.yml").unlink(),
        [
            "hooks/citations.yml: file: is missing. Fix: restore it (git checkout -- hooks/citations.yml)."
        ],
    ),
    "glossary deleted": (
        lambda p: (p / "includes/glossary.md").unlink(),
        [
            "includes/glossary.md: file: is missing. Fix: restore it (git checkout -- includes/glossary.md)."
        ],
    ),
    "manuscript deleted": (
        lambda p: (p / "manuscript/ketamine-for-chronic-pain.txt").unlink(),
        [
            "manuscript/ketamine-for-chronic-pain.txt: file: is missing. Fix: restore it (git checkout -- manuscript/ketamine-for-chronic-pain.txt)."
        ],
    ),
    "manuscript emptied": (
        lambda p: (p / "manuscript/ketamine-for-chronic-pain.txt").write_text(
            "\n", encoding="utf-8"
        ),
        [
            "manuscript/ketamine-for-chronic-pain.txt: file: is empty. Fix: restore it (git checkout -- manuscript/ketamine-for-chronic-pain.txt)."
        ],
    ),
    "page template deleted": (
        lambda p: (p / "overrides/main.html").unlink(),
        [
            "overrides/main.html: file: is missing. Fix: restore it (git checkout -- overrides/main.html)."
        ],
    ),
    "page template emptied": (
        lambda p: (p / "overrides/main.html").write_text("\n", encoding="utf-8"),
        [
            "overrides/main.html: file: is empty. Fix: restore it (git checkout -- overrides/main.html)."
        ],
    ),
    "manifest with a Latin-1 byte": (
        lambda p: append(p / "hooks/manifest.yml", b"\xe9\n"),
        [
            "hooks/manifest.yml:72: file: is not UTF-8 (byte 0xe9 at line 72). Fix: save it as UTF-8."
        ],
    ),
    "references with a Latin-1 byte": (
        lambda p: append(p / "hooks/references.yml", b"\xe9\n"),
        [
            "hooks/references.yml:281: file: is not UTF-8 (byte 0xe9 at line 281). Fix: save it as UTF-8."
        ],
    ),
    "glossary with a Latin-1 byte": (
        lambda p: append(p / "includes/glossary.md", b"\xe9\n"),
        [
            "includes/glossary.md:30: file: is not UTF-8 (byte 0xe9 at line 30). Fix: save it as UTF-8."
        ],
    ),
    "ledger with a Latin-1 byte": (
        lambda p: append(p / "manuscript/edits.yml", b"\xe9"),
        [
            "manuscript/edits.yml:254: file: is not UTF-8 (byte 0xe9 at line 254). Fix: save it as UTF-8."
        ],
    ),
    "script with a Latin-1 byte": (
        lambda p: append(p / "docs/assets/javascripts/extra.js", b"\xe9"),
        [
            "docs/assets/javascripts/extra.js:161: file: is not UTF-8 (byte 0xe9 at line 161). Fix: save it as UTF-8."
        ],
    ),
    "template that does not parse": (
        lambda p: append(p / "overrides/main.html", "{% block x %}\n"),
        [
            "overrides/main.html:75: template: it does not parse (Unexpected end of template. Jinja was looking for the following tags: 'endblock'. The innermost block that needs to be closed is 'block'.). Fix: correct the Jinja syntax there."
        ],
    ),
    "description as a list": (
        lambda p: edit(
            p / "docs/ketamine.md",
            'description: "What ketamine is',
            'description: ["What ketamine is"]\nold: "',
        ),
        [
            "docs/ketamine.md:1: front matter `description`: it is a list, not text. Fix: write one sentence in quotes."
        ],
    ),
    "section wrapped in raw HTML": (
        lambda p: wrap_in_div(p / "docs/treatment.md"),
        [
            "docs/treatment.md:30: Markdown shown as text: readers see '## Who Is a Candidate for Keta'…, not its formatting. Fix: add `markdown` to the HTML element around it (<div markdown>), or remove the raw HTML."
        ],
    ),
    "second sections key": (
        lambda p: append(
            p / "hooks/manifest.yml", "sections:\n  - heading: Conclusion\n    page: outlook.md\n"
        ),
        [
            "hooks/manifest.yml:72: YAML: the key 'sections' appears a second time. Fix: keep one (YAML keeps only the last)."
        ],
    ),
    "glossary line without its colon": (
        lambda p: edit(p / "includes/glossary.md", "*[CRPS]:", "*[CRPS]"),
        [
            "includes/glossary.md:7: glossary: line '*[CRPS] Complex regional pain syndrome: ' is not an entry. Fix: write it as `*[term]: meaning`."
        ],
    ),
    "glossary term left open": (
        lambda p: edit(p / "includes/glossary.md", "*[NSAIDs]:", "*[NSAIDs:"),
        [
            "includes/glossary.md:16: glossary: line '*[NSAIDs: Non-steroidal anti-inflammator' is not an entry. Fix: write it as `*[term]: meaning`."
        ],
    ),
    "FAQ as a note": (
        lambda p: edit(p / "docs/faq.md", QUESTION, QUESTION.replace("question", "note", 1)),
        [
            "docs/faq.md:29: question 'Can ketamine infusions be covered under insurance?': is a `note` admonition. Fix: use the `question` type: search engines read only those as questions."
        ],
    ),
    "FAQ open by default": (
        lambda p: edit(p / "docs/faq.md", QUESTION, QUESTION.replace("???", "???+")),
        [
            "docs/faq.md:29: question 'Can ketamine infusions be covered under insurance?': opens by default (???+). Fix: start it with ??? so that it starts closed."
        ],
    ),
    "FAQ question with a word changed": (
        lambda p: edit(p / "docs/faq.md", "covered under insurance", "covered by insurance"),
        [
            "docs/faq.md:29: question 'Can ketamine infusions be covered under insurance?': is missing; this line asks 'Can ketamine infusions be covered by insurance?' instead. Fix: restore the question's words, or change it in hooks/manifest.yml too (with its entry in manuscript/edits.yml)."
        ],
    ),
    "key points moved to the end": (
        lambda p: key_points_last(p / "docs/ketamine.md"),
        [
            "docs/ketamine.md:22: Key points: the box is not at the top of the page. Fix: move it right under the page's title."
        ],
    ),
    "Key Points with a capital P": (
        lambda p: edit(p / "docs/safety.md", '"Key points"', '"Key Points"'),
        [
            "docs/safety.md:10: Key points: the box is titled 'Key Points'. Fix: title it exactly \"Key points\"."
        ],
    ),
    "manifest with an unclosed quote": (
        lambda p: edit(
            p / "hooks/manifest.yml",
            "heading: What the Research Says",
            'heading: "What the Research Says',
        ),
        [
            "hooks/manifest.yml:50: YAML: it does not parse (while scanning a quoted scalar: found unexpected end of stream). Fix: correct the indentation, quotes or colons there."
        ],
    ),
    "front matter left open": (
        # MkDocs would publish its lines as text, and no description: one line says why.
        lambda p: edit(
            p / "docs/outlook.md", "next_review: 2027-11-29\n---\n", "next_review: 2027-11-29\n"
        ),
        [
            "docs/outlook.md:1: front matter: MkDocs finds no line that closes it (--- or ..., then a line break). Fix: end it with a line of ---."
        ],
    ),
    "front matter that does not parse": (
        lambda p: edit(p / "docs/outlook.md", "reviewed: 2026-11-29", "reviewed: [2026"),
        [
            "docs/outlook.md:4: front matter: it does not parse (while parsing a flow sequence: did not find expected ',' or ']'). Fix: correct the YAML between the --- lines."
        ],
    ),
    "a date that is not a date in a data file": (
        lambda p: edit(
            p / "hooks/references.yml", "  published: 2018;43(5):521–546", "  published: 2018-13-01"
        ),
        [
            "hooks/references.yml:24: YAML: '2018-13-01' is not a date (month must be in 1..12). Fix: write a real date as YYYY-MM-DD, or put the text in quotes."
        ],
    ),
    "broken references": (
        lambda p: append(p / "hooks/references.yml", "oops: [\n"),
        [
            "hooks/references.yml:282: YAML: it does not parse (while parsing a flow node: did not find expected node content). Fix: correct the YAML syntax."
        ],
    ),
    "manifest naming an unknown page": (
        lambda p: edit(
            p / "hooks/manifest.yml", "    page: ketamine.md", "    page: ketamine-old.md"
        ),
        [
            "hooks/manifest.yml:35: section 'What Is Ketamine and How Does It Work?': names unknown page 'ketamine-old.md'. Fix: use one of the pages listed under pages: index.md, chronic-pain.md, ketamine.md, treatment.md, safety.md, evidence.md, outlook.md, faq.md, references.md, glossary.md, about.md."
        ],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_clear_line_and_nothing_is_written(project: Path, case: str):
    damage, expected = CASES[case]
    damage(project)
    assert problems_of(project) == expected


def test_spaces_after_the_front_matter_dashes_are_read_as_mkdocs_reads_them(project: Path):
    edit(project / "docs/safety.md", "---\ndescription:", "--- \ndescription:")
    result = mkdocs_build(project, project / "site", strict=True)
    assert result.returncode == 0, result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (a local server)
        return response.read().decode("utf-8")


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_serve_reports_a_broken_data_file_at_once_and_keeps_serving_the_last_good_site(
    project: Path, tmp_path: Path
):
    # The build stops before it cleans the site folder, and the hook tells the server so: it serves the last good site.
    port = free_port()
    log = tmp_path / "serve.log"
    manifest = project / "hooks/manifest.yml"
    good = manifest.read_text(encoding="utf-8")
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}/faq/"

        def serving() -> bool:
            try:
                return "Frequently Asked Questions" in fetch(url)
            except OSError:
                return False

        assert wait_for(serving, 60), log.read_text()
        append(manifest, "pages: []\n")  # a second `pages:` key, in a file outside docs/
        problem = "hooks/manifest.yml:72: YAML: the key 'pages' appears a second time. Fix: keep one (YAML keeps only the last)."
        assert wait_for(lambda: problem in log.read_text(), 30), log.read_text()[-2000:]
        assert "Traceback" not in log.read_text()
        assert serving(), "the last good site is no longer served"
        manifest.write_text(good, encoding="utf-8")
        assert wait_for(lambda: log.read_text().count("Documentation built") >= 2, 30), (
            log.read_text()[-2000:]
        )
        assert serving()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_every_case_names_a_file_the_maintainer_can_open():
    lines = [line for _, expected in CASES.values() for line in expected]
    assert lines and all(re.match(r"^[\w./-]+(:\d+)?: ", line) for line in lines)


def check_alone(project: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """`python -m sitebuild check` (or another command) in the copy, with its own package."""
    env = {**os.environ, "PYTHONPATH": str(project / "hooks")}
    command = [sys.executable, "-m", "sitebuild", *(command or ["check"])]
    return subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False
    )


def test_a_bad_date_is_the_same_line_from_the_check_alone(project: Path):
    # Zensical's builds rely on `python -m sitebuild check`: it says what a MkDocs build says.
    breakage, expected = CASES["a date that is not a date in a data file"]
    breakage(project)
    check = check_alone(project)
    assert check.returncode == 1 and check.stderr.splitlines()[1:] == expected, check.stderr


def test_a_byte_order_mark_and_windows_line_endings_are_read_as_mkdocs_reads_them(project: Path):
    # A page, and the glossary every page includes (pymdownx.snippets reads it).
    for path in (project / "docs" / "faq.md", project / "includes" / "glossary.md"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    pages = (project / "site").rglob("*.html")
    assert not [page for page in pages if "\ufeff" in page.read_text(encoding="utf-8")]
    check = check_alone(project)
    assert (
        check.returncode == 0
        and check.stdout.strip() == "sitebuild check: every content check passed"
    ), check.stdout + check.stderr


def test_snippets_must_read_a_byte_order_mark_as_mkdocs_reads_pages(project: Path):
    # Without it, a glossary saved with a BOM puts an invisible stray character on every page.
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"\n *encoding: utf-8-sig[^\n]*", "", text), encoding="utf-8")
    assert check_alone(project).stderr.splitlines()[1:] == [
        "mkdocs.yml:117: pymdownx.snippets: encoding is not utf-8-sig. Fix: set encoding: utf-8-sig."
    ]


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda p: p.write_text("42\n"), "mkdocs.yml:1: top level: is not a mapping of settings."),
        (lambda p: (p.unlink(), p.mkdir()), "mkdocs.yml: file: is a folder, not a file."),
    ],
    ids=["not a mapping", "a folder"],
)
def test_a_settings_file_that_is_no_mapping_is_one_line_before_mkdocs_reads_it(
    project: Path, damage: Callable[[Path], object], expected: str
):
    damage(project / "mkdocs.yml")
    preflight = check_alone(project, "preflight")
    assert preflight.returncode == 1 and preflight.stderr.startswith(expected), preflight.stderr
    assert len(preflight.stderr.splitlines()) == 1 and "Traceback" not in preflight.stderr


def test_a_settings_file_linked_from_outside_is_one_line_from_the_preflight_and_the_build(
    project: Path, tmp_path_factory: pytest.TempPathFactory
):
    # The project is where mkdocs.yml stands, as MkDocs takes it; its text may not come from
    # outside the repository, as no other input's may.
    outside = tmp_path_factory.mktemp("elsewhere") / "mkdocs.yml"
    (project / "mkdocs.yml").rename(outside)
    (project / "mkdocs.yml").symlink_to(outside)
    expected = (
        f"mkdocs.yml: file: is a link to {outside.resolve()}, outside the project."
        " Fix: replace the link with the file itself, or remove it."
    )
    preflight = check_alone(project, "preflight")
    assert preflight.returncode == 1 and preflight.stderr.splitlines() == [expected]
    assert problems_of(project) == [expected]


def test_the_settings_file_named_with_f_is_the_one_checked(
    project: Path, tmp_path_factory: pytest.TempPathFactory
):
    # MkDocs reads the file -f names (or mkdocs.yaml): the checks read that one, not mkdocs.yml.
    (project / "mkdocs.yml").rename(project / "site.yml")
    check = check_alone(project, "check", "-f", "site.yml")
    assert check.returncode == 0, check.stdout + check.stderr
    outside = tmp_path_factory.mktemp("elsewhere") / "site.yml"
    (project / "site.yml").rename(outside)
    (project / "site.yml").symlink_to(outside)
    build = mkdocs_build(project, project / "site", config="site.yml")
    expected = (
        f"site.yml: file: is a link to {outside.resolve()}, outside the project."
        " Fix: replace the link with the file itself, or remove it."
    )
    output = (build.stdout + build.stderr).splitlines()
    assert build.returncode == 1 and expected in output and "Traceback" not in build.stderr
    assert not (project / "site").exists()


def test_verify_names_a_template_that_is_not_utf8_instead_of_failing(project: Path):
    template = project / "overrides/main.html"
    template.write_bytes(b"\xe9" + template.read_bytes())
    verify = check_alone(project, "verify", "site")
    assert verify.returncode == 1 and verify.stderr.splitlines()[1:] == [
        "overrides/main.html:1: file: is not UTF-8 (byte 0xe9 at line 1). Fix: save it as UTF-8."
    ], verify.stderr
