"""The site's security policy: `_headers` for hosts that read it, a <meta> copy for those that cannot."""

from __future__ import annotations

import base64
import hashlib
import re
import urllib.request

from browser_support import headers_for, page_url, parse_headers_file, serve
from bs4 import BeautifulSoup
from site_support import PAGES, BuiltSite
from sitebuild.finish.security_policy import EXECUTABLE_TYPES, content_security_policy, headers_file
from sitebuild.finish.site import finished_page
from sitebuild.load.page import Page


def csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def directives(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def inline_script_hashes(html: str) -> set[str]:
    """What a browser needs allowed: each inline script it runs, outside the page's own content."""
    soup = BeautifulSoup(html, "html.parser")
    return {
        csp_hash(script.string or "")
        for script in soup.find_all("script")
        if not script.has_attr("src")
        and script.get("type", "").lower() in EXECUTABLE_TYPES
        and not script.find_parent("article")
    }


def policy_of(html: str) -> str:
    return BeautifulSoup(html, "html.parser").select_one(
        'meta[http-equiv="Content-Security-Policy"]'
    )["content"]


def test_only_scripts_the_browser_runs_are_hashed(bare_facts):
    html = (
        "<html><head><meta charset=utf-8><script>a()</script><script src=x.js></script>"
        '<script type="application/ld+json">{}</script><script type=application/json>{}</script></head>'
        "<body><script type=module>b()</script><article><script>c()</script></article></body></html>"
    )
    script_src = directives(policy_of(finished_page("404.html", html, *bare_facts)))["script-src"]
    assert set(script_src.split()) == {"'self'", csp_hash("a()"), csp_hash("b()")}, (
        "a script written in the page's content gets no hash"
    )


def test_the_policy_allows_only_the_sites_own_origin():
    policy = directives(content_security_policy({"'sha256-abc='"}))
    assert policy["script-src"] == "'self' 'sha256-abc='"
    assert policy["default-src"] == "'self'" and policy["img-src"] == "'self' data:"
    assert not {"font-src", "connect-src", "worker-src"} & set(policy), (
        "default-src already says 'self' for these"
    )
    assert (
        policy["object-src"] == "'none'"
        and policy["base-uri"] == "'self'"
        and policy["form-action"] == "'self'"
    )
    assert "frame-ancestors" not in policy, (
        "browsers ignore it in <meta> and say so; the header carries it"
    )


def test_the_meta_policy_goes_right_after_the_charset_whatever_its_quotes(bare_facts):
    for charset in ("<meta charset=utf-8>", '<meta charset="utf-8" >', "<META CHARSET='utf-8'/>"):
        finished = finished_page(
            "404.html",
            f"<html><head>{charset}<title>x</title></head><body></body></html>",
            *bare_facts,
        )
        assert finished.startswith(
            f"<html><head>{charset}<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self';"
        )


def test_the_meta_policy_comes_before_a_pages_structured_data_at_the_same_place(bare_facts):
    config, project = bare_facts
    project.pages = {"faq.md": Page.read("faq.md", '---\ndescription: "x"\n---\n\n# FAQ\n')}
    finished = finished_page(
        "faq/index.html", "<html><head><meta charset=utf-8></head>", *bare_facts
    )
    assert finished.startswith('<html><head><meta charset=utf-8><meta http-equiv="Content-Security')
    assert finished.index("Content-Security-Policy") < finished.index("application/ld+json")


def test_each_path_gets_one_cache_control():
    rules = parse_headers_file(headers_file(["/", "/faq/"], ["/assets/main.abc123.min.css"]))
    assert headers_for("/faq/", rules)["Cache-Control"] == "public, max-age=300, must-revalidate"
    assert (
        headers_for("/assets/main.abc123.min.css", rules)["Cache-Control"]
        == "public, max-age=31536000, immutable"
    )
    assert "Cache-Control" not in headers_for("/assets/images/favicon.png", rules)
    assert headers_for("/anything", rules)["X-Content-Type-Options"] == "nosniff"


def test_document_headers_go_to_pages_only():
    worker, stylesheet = (
        "/assets/javascripts/workers/search.abc123.min.js",
        "/assets/main.abc123.min.css",
    )
    rules = parse_headers_file(headers_file(["/faq/"], [stylesheet, worker]))
    assert headers_for("/faq/", rules)["Content-Security-Policy"] == "frame-ancestors 'none'"
    assert headers_for("/faq/", rules)["X-Frame-Options"] == "DENY"
    for asset in (stylesheet, worker):
        assert set(headers_for(asset, rules)) == {"X-Content-Type-Options", "Cache-Control"}


def test_each_page_allows_exactly_its_own_inline_scripts_and_nothing_unsafe(site: BuiltSite):
    for path in sorted(site.root.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        tags = BeautifulSoup(html, "html.parser").select(
            'meta[http-equiv="Content-Security-Policy"]'
        )
        assert len(tags) == 1, f"{path.relative_to(site.root)} has {len(tags)} meta policies"
        assert html.index("Content-Security-Policy") < html.index("<script"), (
            f"{path.relative_to(site.root)}: a script comes before the policy"
        )
        policy = directives(tags[0]["content"])
        assert (
            "unsafe-inline" not in policy["script-src"]
            and "unsafe-eval" not in policy["script-src"]
        )
        hashes = inline_script_hashes(html)
        assert hashes and set(policy["script-src"].split()) == {"'self'", *hashes}, (
            path.relative_to(site.root)
        )


def test_every_page_gets_the_document_headers(site: BuiltSite):
    rules = parse_headers_file((site.root / "_headers").read_text(encoding="utf-8"))
    for page in [*PAGES, "404.html"]:
        path = "/404.html" if page == "404.html" else page_url(page)
        headers = headers_for(path, rules)
        assert headers["Content-Security-Policy"] == "frame-ancestors 'none'", path
        for name in (
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Permissions-Policy",
            "Strict-Transport-Security",
            "X-Frame-Options",
        ):
            assert headers[name], f"{path} lacks {name}"


def test_fingerprinted_assets_are_cached_for_a_year_and_pages_briefly(site: BuiltSite):
    rules = parse_headers_file((site.root / "_headers").read_text(encoding="utf-8"))
    fingerprinted = [
        path
        for path in (site.root / "assets").rglob("*")
        if re.search(r"\.[0-9a-f]{6,}\.min\.(css|js)$", path.name)
    ]
    assert (
        len(fingerprinted) >= 3
    )  # Material's stylesheet, bundle and search worker (the site's own are inline)
    for path in fingerprinted:
        assert headers_for("/" + path.relative_to(site.root).as_posix(), rules)[
            "Cache-Control"
        ].endswith("immutable")
    for page in PAGES:
        assert "max-age=300" in headers_for(page_url(page), rules)["Cache-Control"]


def test_the_test_host_serves_the_headers(site: BuiltSite):
    with serve(site.root) as base_url:
        with urllib.request.urlopen(base_url + "faq/") as response:
            assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
            assert response.headers["Cache-Control"] == "public, max-age=300, must-revalidate"
