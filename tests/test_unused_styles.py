"""Material's stylesheet trimmed to the components the site shows (hooks/sitebuild/finish/assets.py): the pure functions, the built site, a browser."""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import material
import pytest
import tinycss2
from browser_support import DESKTOP, PHONE, page_url
from site_support import PAGES, ROOT, BuiltSite, edit, mkdocs_build, refusal, search
from sitebuild.finish.assets import (
    UNUSED_NAME,
    fingerprinted,
    in_family,
    parse_unused,
    selector_classes,
    unused_classes,
    without_unused_rules,
)
from sitebuild.finish.page_reader import read_parts
from sitebuild.problems import Problem

FAMILIES = frozenset({"tabbed", "md-tag"})
MATERIAL_CSS = next(
    (Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css")
)
# Every class on every element, kept from the moment the page starts: also those Material's script adds and takes away.
CLASS_RECORDER = """
window.__classes = new Set();
const note = (element) => element.classList && element.classList.forEach((name) => window.__classes.add(name));
new MutationObserver((changes) => changes.forEach((change) => {
  note(change.target);
  change.addedNodes.forEach((node) => { note(node); node.querySelectorAll && node.querySelectorAll("[class]").forEach(note); });
})).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ["class"]});
"""


def load_unused() -> tuple[frozenset[str], list[Problem]]:
    return parse_unused((ROOT / UNUSED_NAME).read_text(encoding="utf-8"))


def families_without_rules(css: str, families: frozenset[str]) -> list[Problem]:
    """A Problem for each family no selector in the stylesheet names: a stale line after an upgrade."""
    named = set()
    for rule in tinycss2.parse_stylesheet(css):
        if rule.type == "at-rule" and rule.content is not None:
            named |= {
                name
                for inner in tinycss2.parse_stylesheet(rule.content)
                if inner.type == "qualified-rule"
                for name in all_classes(inner.prelude)
            }
        elif rule.type == "qualified-rule":
            named |= set(all_classes(rule.prelude))
    return [
        Problem(
            UNUSED_NAME, family, "matches no rule in Material's main stylesheet", "remove the line"
        )
        for family in sorted(families)
        if not any(in_family(name, {family}) for name in named)
    ]


def all_classes(tokens: list) -> list[str]:
    """Every class a selector list names, inside :not(…) and :is(…) too."""
    found = selector_classes(tokens)
    for token in tokens:
        if token.type == "function":
            found += all_classes(token.arguments)
    return found


def test_a_family_covers_its_own_classes_and_not_lookalikes():
    assert (
        in_family("md-tag", FAMILIES)
        and in_family("md-tag-icon", FAMILIES)
        and in_family("tabbed-set", FAMILIES)
    )
    assert in_family("md-tag__name", FAMILIES) and in_family("md-tag--shadow", FAMILIES)
    assert (
        not in_family("md-tags", FAMILIES)
        and not in_family("md-tabs", FAMILIES)
        and not in_family("tabbedx", FAMILIES)
    )


def test_rules_that_need_an_unused_class_are_dropped_and_the_rest_kept():
    css = (
        '@charset "utf-8";.md-nav{a:b}.tabbed-set>input,.md-nav__link{c:d}.md-typeset .tabbed-labels{e:f}'
        "@media print{.tabbed-set{g:h}}@media screen{.md-tag,.md-nav{i:j}}@keyframes tabbed{0%{k:l}}"
    )
    assert without_unused_rules(css, FAMILIES) == (
        '@charset "utf-8";.md-nav{a:b}.md-nav__link{c:d}@media screen{.md-nav{i:j}}@keyframes tabbed{0%{k:l}}'
    )


def test_a_class_inside_a_pseudo_class_argument_does_not_drop_its_selector():
    css = ".md-typeset :not(.tabbed-set)>p{a:b}.md-nav:is(.md-tag,.x){c:d}.md-tag:not(.x){e:f}"
    assert (
        without_unused_rules(css, FAMILIES)
        == ".md-typeset :not(.tabbed-set)>p{a:b}.md-nav:is(.md-tag,.x){c:d}"
    )


def test_the_list_reports_every_bad_line_at_once():
    families, problems = parse_unused("tabbed: content tabs\nmd tag: tags\nkeys:\n3: numbers\n")
    assert "tabbed" in families
    assert [str(problem) for problem in problems] == [
        f"hooks/unused_styles.yml: {name}: is not a CSS class name with a reason after it. Fix: write `class-name: why the site never shows it`."
        for name in ("md tag", "keys", "3")
    ]


def test_a_list_that_is_not_yaml_names_its_line():
    _, problems = parse_unused("tabbed: tabs\nkeys: keys: keyboard\n")
    assert [str(problem) for problem in problems] == [
        "hooks/unused_styles.yml:2: YAML: it does not parse (mapping values are not allowed in this context). Fix: correct the colons or quotes there."
    ]


def test_a_family_no_rule_names_is_reported_as_stale():
    problems = families_without_rules(".tabbed-set{a:b}", frozenset({"tabbed", "md-old"}))
    assert [str(problem) for problem in problems] == [
        "hooks/unused_styles.yml: md-old: matches no rule in Material's main stylesheet. Fix: remove the line."
    ]


def test_a_page_using_a_dropped_class_is_named_with_the_fix():
    html = '<div class="tabbed-set tabbed-alternate"><p class=md-tag>x</p><p class="md-tags">y</p></div>'
    assert [
        str(problem)
        for problem in unused_classes(read_parts(html).class_names, "site/faq/index.html", FAMILIES)
    ] == [
        f'site/faq/index.html: class "{name}": has no styles: hooks/unused_styles.yml drops them. Fix: take its family off hooks/unused_styles.yml (or stop using the class).'
        for name in ("md-tag", "tabbed-alternate", "tabbed-set")
    ]


def test_the_trimmed_file_gets_a_fingerprint_of_its_own():
    name = fingerprinted("assets/stylesheets/main.57a0d79d.min.css", "a{b:c}")
    assert name == f"assets/stylesheets/main.{hashlib.sha256(b'a{b:c}').hexdigest()[:8]}.min.css"


def test_the_project_list_is_valid_and_every_family_matches_a_rule():
    families, problems = load_unused()
    assert not problems, "\n".join(map(str, problems))
    assert len(families) > 20
    assert families_without_rules(MATERIAL_CSS.read_text(encoding="utf-8"), families) == []


# --- the built site --------------------------------------------------------------


def test_pages_link_the_trimmed_stylesheet_under_its_own_fingerprint(site: BuiltSite):
    (stylesheet,) = site.root.glob("assets/stylesheets/main.*.min.css")
    text = stylesheet.read_text(encoding="utf-8")
    assert stylesheet.name == Path(fingerprinted(MATERIAL_CSS.name, text)).name != MATERIAL_CSS.name
    assert "sourceMappingURL" not in text and not list(site.root.glob("assets/stylesheets/*.map"))
    for page in PAGES:
        assert (
            site.soup(page)
            .select_one("link[rel=stylesheet]")["href"]
            .endswith(f"assets/stylesheets/{stylesheet.name}")
        ), page
    assert f"/assets/stylesheets/{stylesheet.name}" in (site.root / "404.html").read_text(
        encoding="utf-8"
    )
    material, ours = (
        len(gzip.compress(data, 9)) for data in (MATERIAL_CSS.read_bytes(), text.encode())
    )
    assert ours < 0.7 * material, (
        f"the trimmed stylesheet is {ours} bytes gzipped, Material's {material}"
    )
    assert (
        ".md-nav__link" in text
        and ".md-search-result" in text
        and ".md-top" in text
        and ".tabbed-set" not in text
    )


def test_a_page_using_a_dropped_class_fails_the_build_with_its_name(project: Path):
    edit(
        project / "docs/about.md",
        "# About This Site\n",
        '# About This Site\n\n<div class="grid cards" markdown>\n\n- One\n\n</div>\n',
    )
    result = mkdocs_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    lines = output[output.index("The built site cannot be finished (2 problems)") :].splitlines()[
        1:3
    ]
    assert lines == [
        f'docs/about.md: class "{name}": has no styles: hooks/unused_styles.yml drops them. Fix: take its family off hooks/unused_styles.yml (or stop using the class).'
        for name in ("cards", "grid")
    ]
    # The pages MkDocs wrote were never finished: the build leaves nothing to upload.
    assert "the site folder was emptied: nothing to publish" in output
    assert not any((project / "site").iterdir())


def test_a_dropped_class_on_every_page_is_one_line(project: Path):
    # Material writes extra.social's links into every page (and 404.html): one line for each class.
    edit(
        project / "mkdocs.yml",
        "extra:\n",
        "extra:\n  social:\n    - icon: fontawesome/brands/github\n      link: https://github.com/x\n",
    )
    result = mkdocs_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert refusal(output) == [
        f'site/404.html: class "{name}": has no styles: hooks/unused_styles.yml drops them (and on {len(PAGES)} other pages). Fix: take its family off hooks/unused_styles.yml (or stop using the class).'
        for name in ("md-social", "md-social__link")
    ]


def test_a_broken_list_fails_the_build_with_its_line(project: Path):
    edit(
        project / "hooks/unused_styles.yml",
        "mermaid: diagrams\n",
        "mermaid: diagrams: flowcharts\n",
    )
    result = mkdocs_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert re.search(
        r"^hooks/unused_styles\.yml:\d+: YAML: it does not parse \(mapping values are not allowed in this context\)\. Fix: correct the colons or quotes there\.$",
        output,
        re.M,
    ), output


# --- in a browser ------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_element_ever_carries_a_class_whose_rules_were_dropped(visit, viewport: dict):
    families, _ = load_unused()
    tab = visit(viewport=viewport)
    tab.context.add_init_script(CLASS_RECORDER)
    seen: set[str] = set()
    for page in PAGES:
        tab.goto(page_url(page))
        seen |= set(tab.page.evaluate("[...window.__classes]"))
    # What a reader does that makes Material's script add elements: menu, search, back to top, glossary, palette.
    if viewport is PHONE:
        tab.page.click("button.md-header__button[for='__drawer']")
        tab.page.keyboard.press("Escape")
    search(tab, "infusion")
    tab.page.keyboard.press("Escape")
    tab.page.mouse.wheel(0, 4000)
    tab.page.mouse.wheel(0, -400)
    tab.page.locator(".md-content abbr").first.click()
    tab.page.click("form[data-md-component=palette] label:not([hidden])")
    tab.page.wait_for_timeout(500)
    seen |= set(tab.page.evaluate("[...window.__classes]"))
    assert "md-search-result__item" in seen and "md-top" in seen, (
        "the recorder missed Material's own elements"
    )
    dropped = sorted(name for name in seen if in_family(name, families))
    assert not dropped, (
        f"Material's script added classes whose rules hooks/unused_styles.yml drops: {', '.join(dropped)}"
    )
