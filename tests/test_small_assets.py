"""Small assets written into pages (hooks/sitebuild/finish/site.py): the pure functions, then the built site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tinycss2
from bs4 import BeautifulSoup
from site_support import PAGES, BuiltSite, edit, mkdocs_build
from sitebuild.finish.assets import (
    Inline,
    closing_tag_problem,
    palette_colours,
    site_path,
    split_selectors,
    svg_data_uri,
    trimmed_palette,
)
from sitebuild.finish.site import finish_site, finished_page
from sitebuild.load.page import Page

USED = {"scheme": {"default", "slate"}, "primary": {"indigo"}, "accent": {"indigo"}}


def test_the_palette_setting_names_the_colours_in_use():
    palette = [{"media": "(prefers-color-scheme)"}, {"scheme": "slate", "primary": "Deep Purple"}]
    assert palette_colours(palette) == {
        "scheme": {"default", "slate"},
        "primary": {"indigo", "deep-purple"},
        "accent": {"indigo"},
    }
    assert palette_colours({"scheme": "default"}) == {
        "scheme": {"default"},
        "primary": {"indigo"},
        "accent": {"indigo"},
    }
    assert palette_colours(None) == {"scheme": set(), "primary": set(), "accent": set()}
    # An entry that is not a mapping (a hurried edit) shows Material's defaults, not a traceback.
    assert palette_colours(["slate"]) == palette_colours([{}])


def test_a_page_whose_card_address_is_not_the_sites_is_refused_before_anything_is_written(
    bare_facts, tmp_path: Path
):
    config, project = bare_facts
    project.pages = {"index.md": Page.read("index.md", '---\ndescription: "x"\n---\n\n# Home\n')}
    site = tmp_path / "site"
    site.mkdir()
    page = "<html><head><meta charset=utf-8><meta property=og:image content=https://else.example/c.png></head></html>"
    (site / "index.html").write_text(page, encoding="utf-8")
    assert [str(p) for p in finish_site(site, config, project)] == [
        "docs/index.md: page: names no card of the site's own (og:image). Fix: set site_url in"
        " mkdocs.yml, and keep og:image in overrides/main.html."
    ]
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == page


def test_the_palette_keeps_only_rules_for_colours_in_use_and_not_its_switching_rule():
    css = (
        '@charset "utf-8";'
        "[data-md-color-scheme=slate]{color-scheme:dark}"
        "[data-md-color-primary=pink]{--a:1}"
        "[data-md-color-primary=indigo],[data-md-color-primary=pink]{--b:2}"
        "@media screen{[data-md-color-primary=pink] .x{--c:3}}"
        "@media screen{[data-md-color-scheme=slate][data-md-color-primary=indigo]{--d:4}}"
        "[data-md-color-primary=lime]:not([data-md-color-scheme=slate]){--e:5}"
        "[data-md-color-switching] *{transition:none}"
    )
    assert trimmed_palette(css, USED) == (
        '@charset "utf-8";'
        "[data-md-color-scheme=slate]{color-scheme:dark}"
        "[data-md-color-primary=indigo]{--b:2}"
        "@media screen{[data-md-color-scheme=slate][data-md-color-primary=indigo]{--d:4}}"
    )


def test_a_negated_colour_does_not_stop_a_rule():
    css = "[data-md-color-primary=indigo]:not([data-md-color-scheme=black]){--a:1}"
    assert trimmed_palette(css, USED) == css


@pytest.mark.parametrize(
    ("prelude", "selectors"),
    [
        (".a, .b>p", [".a", ".b>p"]),
        (".a:not(.b,.c),.d", [".a:not(.b,.c)", ".d"]),
        (".a:is(.b:not(.c,.d),.e),.f", [".a:is(.b:not(.c,.d),.e)", ".f"]),
        (".a:is(.b:has(:not(.c,.d))),.e", [".a:is(.b:has(:not(.c,.d)))", ".e"]),
        ('[title="a,b"],.c', ['[title="a,b"]', ".c"]),  # a comma in a string is no separator
    ],
)
def test_a_selector_list_splits_only_at_its_top_level_commas(prelude: str, selectors: list[str]):
    split = split_selectors(tinycss2.parse_component_value_list(prelude))
    assert [tinycss2.serialize(selector).strip() for selector in split] == selectors


def test_rules_nested_in_grouping_rules_are_trimmed_and_other_at_rules_kept_whole():
    css = "@supports (color:red){@media screen{[data-md-color-primary=pink]{--a:1}.x{--b:2}}}@keyframes k{0%{--c:3}}"
    assert (
        trimmed_palette(css, USED)
        == "@supports (color:red){@media screen{.x{--b:2}}}@keyframes k{0%{--c:3}}"
    )


def test_links_are_resolved_from_the_page_they_are_on():
    assert site_path("faq/", "../assets/x.css") == "assets/x.css"
    assert site_path("", "assets/x.css") == "assets/x.css"
    assert site_path("404.html", "/assets/x.css") == "assets/x.css"


def finished_head(html: str, facts, inline: Inline) -> str:
    """The page's <head> after finishing, less the policy it gains."""
    finished = finished_page(
        "faq/index.html",
        f"<html><head><meta charset=utf-8>{html}</head><body></body></html>",
        *facts,
        inline,
    )
    return (
        finished.split("<head><meta charset=utf-8>", 1)[1]
        .split(">", 1)[1]
        .removesuffix("</head><body></body></html>")
    )


def test_listed_files_are_written_into_the_page_and_others_keep_their_tags(bare_facts):
    html = (
        '<link rel=stylesheet href=../assets/main.css><link href="../assets/extra.css" rel="stylesheet">'
        "<script src=../assets/bundle.js></script><script src=../assets/extra.js></script>"
    )
    inline = Inline(styles={"assets/extra.css": "a{b:c}"}, scripts={"assets/extra.js": "go()"})
    assert finished_head(html, bare_facts, inline) == (
        "<link rel=stylesheet href=../assets/main.css><style>a{b:c}</style><script src=../assets/bundle.js></script><script>go()</script>"
    )


def test_an_inline_module_stays_a_module(bare_facts):
    html = '<script defer src=../assets/extra.js type="module"></script>'
    assert (
        finished_head(html, bare_facts, Inline(scripts={"assets/extra.js": "go()"}))
        == "<script type=module>go()</script>"
    )


def test_a_listed_icon_becomes_a_data_uri_and_others_keep_their_link(bare_facts):
    html = '<link rel=icon href=../assets/logo.svg><link rel="icon" href="../assets/other.svg">'
    assert finished_head(
        html, bare_facts, Inline(icons={"assets/logo.svg": "data:image/svg+xml,x"})
    ) == ('<link rel=icon href=data:image/svg+xml,x><link rel="icon" href="../assets/other.svg">')


def test_an_svg_becomes_a_data_uri_a_validator_accepts():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">\n  <rect fill="#4051b5"/></svg>'
    assert svg_data_uri(svg) == (
        "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20viewBox='0%200%2024%2024'%3E%3Crect%20fill='%234051b5'/%3E%3C/svg%3E"
    )


def test_a_file_that_would_end_its_element_early_is_a_problem():
    assert str(closing_tag_problem("docs/assets/extra.js", 'x = "</script>"', "script")) == (
        "docs/assets/extra.js: inline <script>: contains '</script', which would end the element early. Fix: split the string, e.g. '<\\/script>'."
    )
    assert closing_tag_problem("assets/extra.css", "a{b:c}", "style") is None


def test_pages_link_one_stylesheet_and_one_script_and_carry_the_rest(site: BuiltSite):
    for page in [*PAGES, "404.html"]:
        soup = (
            site.soup(page)
            if page in PAGES
            else BeautifulSoup((site.root / page).read_text(encoding="utf-8"), "html.parser")
        )
        stylesheets = [link["href"] for link in soup.select("link[rel=stylesheet]")]
        scripts = [script["src"] for script in soup.select("script[src]")]
        assert len(stylesheets) == 1 and "/main." in stylesheets[0], f"{page}: {stylesheets}"
        assert len(scripts) == 1 and "/bundle." in scripts[0], f"{page}: {scripts}"
        styles = " ".join(style.get_text() for style in soup.select("style"))
        assert "[data-md-color-scheme=slate]" in styles and ".md-banner .disclaimer" in styles, page
        assert "data-md-color-primary=pink" not in styles, (
            f"{page} carries palette colours the site never shows"
        )
        assert "/*" not in styles and "\n" not in styles, f"{page}: inline CSS is not minified"
        assert any(
            "Open the navigation menu" in script.get_text()
            for script in soup.select("script:not([src])")
        ), page
        assert [link["href"][:19] for link in soup.select("link[rel=icon]")] == [
            "data:image/svg+xml,"
        ], f"{page}: the favicon is not inline"
    assert not list(site.root.glob("assets/stylesheets/palette.*")), (
        "the palette is inline; no copy is needed"
    )
    assert not (site.root / "assets/images/favicon.svg").exists(), (
        "the favicon is inline; no copy is needed"
    )
    assert not list(site.root.glob("assets/*/extra.*")), (
        "extra.css and extra.js are inline; no copy is needed"
    )


def test_a_missing_asset_stops_the_build_with_its_name(project: Path):
    edit(
        project / "mkdocs.yml",
        "  - assets/stylesheets/extra.css\n",
        "  - assets/stylesheets/extra.css\n  - assets/stylesheets/gone.css\n",
    )
    result = mkdocs_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert (
        "mkdocs.yml: extra_css: assets/stylesheets/gone.css: no such file in docs/. Fix: correct the path or remove the entry."
        in output
    )
    assert "Traceback" not in output


def test_a_site_without_a_palette_setting_builds(project: Path):
    config = project / "mkdocs.yml"
    config.write_text(
        re.sub(r"^  palette:\n(?:    .*\n)+", "", config.read_text(encoding="utf-8"), flags=re.M),
        encoding="utf-8",
    )
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[data-md-color-scheme=slate]" not in (
        project / "site" / "faq" / "index.html"
    ).read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_inline_palette_colours_the_page(visit, scheme: str):
    tab = visit(color_scheme=scheme)
    tab.goto("/faq/")
    red, green, blue = tab.page.evaluate(
        "getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).slice(0, 3).map(Number)"
    )
    assert ((red + green + blue) / 3 < 128) == (scheme == "dark"), (
        f"the {scheme} scheme shows a background of rgb({red}, {green}, {blue})"
    )
