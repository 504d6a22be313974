"""Unit tests of the build-time checks: text in, problems out, no build."""

from __future__ import annotations

import ast
import dataclasses

import pytest
from site_support import ROOT
from sitebuild.check.manifest import (
    Manifest,
    Problem,
    Section,
    check_faq,
    check_pages,
    parse_manifest,
)
from sitebuild.check.outline import read_admonitions, read_headings
from sitebuild.check.run import report
from sitebuild.problems import once_for_all_pages

TINY = Manifest(
    pages=("index.md", "a.md", "faq.md"),
    introduction=Section("", "index.md"),
    sections=(
        Section("First Part", "a.md"),
        Section("Second Part", "a.md"),
        Section("Questions", "faq.md"),
    ),
    faq_page="faq.md",
    questions=("Why?", "How?"),
)
GOOD_FAQ = '# Questions\n\n??? question "Why?"\n\n    Because of reasons.\n\n??? question "How?"\n\n    Carefully and slowly.\n'


def messages(problems: list[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


# --- reading Markdown -------------------------------------------------------


def test_headings_keep_file_line_numbers_and_their_part_of_the_text():
    source = "---\ndescription: x\n---\n\n# Title\n\nIntro.\n\n## One {#one}\n\nText one.\n\n```\n# not a heading\n```\n\n## Two ##\n\nText two.\n"
    headings = read_headings(source)
    assert [(h.level, h.text, h.line) for h in headings] == [
        (1, "Title", 5),
        (2, "One", 9),
        (2, "Two", 17),
    ]
    assert "Text one." in headings[1].body and "Text two." not in headings[1].body
    assert "Text two." in headings[0].body  # a level-1 part runs to the end


def test_admonitions_know_whether_they_collapse_and_where_the_answer_ends():
    source = '??? question "Q1"\n\n    Answer one\n    goes on.\n\nAfter.\n\n!!! note "Q2"\n    Two.\n\n???+ question "Q3"\n'
    blocks = read_admonitions(source)
    assert [(b.marker, b.title, b.line, b.collapsible) for b in blocks] == [
        ("???", "Q1", 1, True),
        ("!!!", "Q2", 8, False),
        ("???+", "Q3", 11, True),
    ]
    assert blocks[0].body.split() == ["Answer", "one", "goes", "on."]
    assert blocks[2].body == ""


# --- the manifest -----------------------------------------------------------


def test_the_projects_manifest_is_valid_and_complete():
    manifest, problems = parse_manifest((ROOT / "hooks/manifest.yml").read_text(encoding="utf-8"))
    assert problems == []
    assert len(manifest.sections) == 11 and len(manifest.questions) == 4
    assert sorted(manifest.pages) == sorted(p.name for p in (ROOT / "docs").glob("*.md"))


def test_a_manifest_yaml_error_names_its_line():
    _, problems = parse_manifest("pages:\n  - a.md\n  b: [c\n")
    assert (
        len(problems) == 1
        and problems[0].line == 3
        and "YAML: it does not parse" in str(problems[0])
    )


def test_a_manifest_that_is_not_a_mapping_is_one_problem():
    assert messages(parse_manifest("- just\n- a list\n")[1]) == [
        "hooks/manifest.yml:1: file: is not a mapping with pages, introduction, sections and faq. Fix: restore its layout from git.",
    ]


def test_a_manifest_without_its_list_of_pages_is_one_line():
    # Every section names a page: with no list to look in, none is "unknown" too.
    text = "pages: {index.md: 1}\nintroduction: {page: index.md}\nsections:\n"
    text += "  - {heading: A, page: a.md}\nfaq: {page: a.md, questions: [Q]}\n"
    assert messages(parse_manifest(text)[1]) == [
        "hooks/manifest.yml: pages: is missing or not a list. Fix: give it a list of entries."
    ]


def test_a_value_of_the_wrong_type_is_named_as_yaml_names_it():
    text = "pages: [{index.md: 1}]\nintroduction: {page: index.md}\nsections:\n"
    text += "  - {heading: A, page: index.md}\nfaq: {page: index.md, questions: [Q]}\n"
    assert messages(parse_manifest(text)[1])[:1] == [
        "hooks/manifest.yml: pages[0]: is a mapping, not text. Fix: give it a text value."
    ]


def test_every_manifest_mistake_is_reported_together():
    text = """
pages: [index.md, a.md, a.md]
introduction: {page: index.md}
sections:
  - {heading: Same, page: a.md}
  - {heading: Same, page: gone.md}
  - {page: a.md}
faq: {page: a.md, questions: [Q, Q]}
"""
    manifest, problems = parse_manifest(text)
    assert manifest is None
    assert messages(problems) == [
        "hooks/manifest.yml:7: sections[2].heading: is missing or empty. Fix: give it a text value.",
        "hooks/manifest.yml: pages: lists 'a.md' more than once. Fix: list each page once.",
        "hooks/manifest.yml:6: section 'Same': names unknown page 'gone.md'. Fix: use one of the pages listed under pages: index.md, a.md, a.md.",
        "hooks/manifest.yml: sections: lists the heading 'Same' more than once. Fix: list each section once.",
        "hooks/manifest.yml: faq.questions: lists the question 'Q' more than once. Fix: list each question once.",
    ]


# --- pages and navigation ---------------------------------------------------


def test_pages_missing_unlisted_or_out_of_the_navigation():
    problems = check_pages(
        TINY, doc_pages=["index.md", "faq.md", "draft.md"], nav_pages=["index.md", "draft.md"]
    )
    assert messages(problems) == [
        "docs/a.md: page: the file is missing, and with it the sections 'First Part' and 'Second Part'. Fix: restore it (git checkout -- docs/a.md), or remove it from pages in hooks/manifest.yml and move its sections.",
        "mkdocs.yml: nav: the page 'faq.md' is not in the navigation. Fix: add it to nav in mkdocs.yml, in the manuscript's order.",
        "docs/draft.md: page: is not listed in hooks/manifest.yml. Fix: add it to pages in hooks/manifest.yml and to nav in mkdocs.yml, or delete it.",
    ]


def test_pages_out_of_the_manuscripts_order_in_the_navigation():
    problems = check_pages(
        TINY, doc_pages=list(TINY.pages), nav_pages=["index.md", "faq.md", "a.md"]
    )
    assert messages(problems) == [
        "mkdocs.yml: nav: 'faq.md' comes before 'a.md', against the manuscript's order. Fix: list 'a.md' before 'faq.md' in nav.",
    ]


def test_no_navigation_at_all_is_one_line():
    # MkDocs would list every page by file name: one line, not one per pair out of order.
    assert messages(check_pages(TINY, doc_pages=list(TINY.pages), nav_pages=None)) == [
        "mkdocs.yml: nav: is missing: the menu would list pages by name. Fix: list the pages in the manuscript's order.",
    ]


# --- frequently asked questions ---------------------------------------------


@pytest.mark.parametrize(
    ("faq", "expected"),
    [
        (
            GOOD_FAQ.replace('??? question "How?"', "## How?"),
            "docs/faq.md:7: question 'How?': is a heading, not a collapsible admonition. Fix: write it as ??? question \"How?\" with the answer indented by four spaces below.",
        ),
        (
            GOOD_FAQ.replace('??? question "How?"', "**How?**"),
            "docs/faq.md:7: question 'How?': is plain text, not a collapsible admonition. Fix: write it as ??? question \"How?\" with the answer indented by four spaces below.",
        ),
        (
            GOOD_FAQ.replace('??? question "How?"', '!!! question "How?"'),
            "docs/faq.md:7: question 'How?': is an admonition that does not collapse (!!!). Fix: start it with ??? instead of !!!.",
        ),
        (
            GOOD_FAQ.replace("    Because of reasons.\n", ""),
            "docs/faq.md:3: question 'Why?': has no answer. Fix: write the answer below the question, indented by four spaces.",
        ),
        (
            GOOD_FAQ + '\n??? question "Why?"\n\n    Because of reasons.\n',
            "docs/faq.md:11: question 'Why?': appears 2 times. Fix: keep one.",
        ),
        (
            GOOD_FAQ.split('??? question "How?"')[0],
            "docs/faq.md: question 'How?': is missing. Fix: add it as ??? question \"How?\" with the answer indented by four spaces below.",
        ),
    ],
    ids=["heading", "paragraph", "not collapsible", "no answer", "twice", "missing"],
)
def test_a_damaged_question_is_one_clear_problem(faq: str, expected: str):
    assert messages(check_faq(TINY, {"faq.md": faq})) == [expected]


def test_a_missing_question_is_quoted_as_written():
    """The fix quotes the question whole, even one that says "write it" (it was once rewritten)."""
    manifest = dataclasses.replace(TINY, questions=("Why?", "Can I write it down?"))
    expected = (
        "docs/faq.md: question 'Can I write it down?': is missing. Fix: add it as ??? question"
        ' "Can I write it down?" with the answer indented by four spaces below.'
    )
    assert messages(check_faq(manifest, {"faq.md": GOOD_FAQ})) == [expected]


# --- the whole site, and the report -----------------------------------------


def test_the_projects_own_pages_pass_every_check(manifest: Manifest):
    sources = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md")}
    assert (
        check_pages(manifest, list(sources), list(manifest.pages)) + check_faq(manifest, sources)
        == []
    )


def test_the_report_counts_problems_and_gives_one_line_each():
    one = Problem("docs/a.md", "section 'A'", "the heading is missing", "restore it", 3)
    assert (
        report([one])
        == "The article failed its content checks (1 problem); nothing was built:\ndocs/a.md:3: section 'A': the heading is missing. Fix: restore it."
    )
    other = Problem("docs/b.md", "page", "is empty", "restore it")
    assert report([one, other]).splitlines()[0].endswith("(2 problems); nothing was built:")
    assert report([one, other, one]).count("docs/a.md:3") == 1, (
        "a problem two checks both found is said once"
    )


def test_the_build_holds_no_module_state_between_builds():
    # What one build reads lives in its Project (hooks/sitebuild/load/project.py), so a `mkdocs serve` rebuild starts afresh.
    files = [ROOT / "hooks/mkdocs_pipeline.py", *sorted((ROOT / "hooks/sitebuild").rglob("*.py"))]
    assert len(files) > 20
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not [node for node in ast.walk(tree) if isinstance(node, ast.Global)], (
            f"{path.relative_to(ROOT)} rebinds a module global"
        )
        for node in tree.body:
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            for target in targets:
                name = target.id if isinstance(target, ast.Name) else ""
                mutable = isinstance(
                    node.value,
                    (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp),
                )
                assert not (mutable and name and not name.isupper()), (
                    f"{path.relative_to(ROOT)}: {name} is module state"
                )


# --- one line for what a template writes on every page -----------------------


def test_a_problem_on_every_page_is_one_line_and_one_on_some_pages_is_said_for_each():
    a, b, c = (Problem(f"docs/{name}.md", "x", "is wrong", "fix it") for name in "abc")
    assert messages(once_for_all_pages([a, b, c], pages=3)) == [
        "docs/a.md: x: is wrong (and on 2 other pages). Fix: fix it."
    ]
    # On some pages only, each page wrote its own: each is named.
    assert once_for_all_pages([a, b], pages=3) == [a, b]
