"""Write the site's security policy: a Content-Security-Policy in every page, and `site/_headers` for hosts that read it.

MkDocs glue over security_policy.py. Each page's policy lists the hashes of
the inline scripts that page carries (Material's and the site's own), so no
'unsafe-inline' is needed. It sits in a <meta> tag, which every host serves;
`_headers` adds what only a header can carry (frame-ancestors, HSTS, …).
Runs after minify and inline_assets.py have had the page, so it hashes the
scripts as the reader gets them.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from sitebuild.finish.security_policy import FINGERPRINTED, content_security_policy, headers_file, inline_script_hashes, with_meta_policy


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    """Put the page's own policy at the top of its <head>."""
    return with_own_policy(output, page.content or "")


def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    """The same for pages built from a template alone (404.html)."""
    return with_own_policy(output_content) if template_name.endswith(".html") else output_content


def on_post_build(*, config: MkDocsConfig) -> None:
    """Write `_headers`: document headers for every page, caching for every file."""
    site = Path(config.site_dir)
    page_paths = [url_path(page.relative_to(site).as_posix()) for page in site.rglob("*.html")]
    assets = [url_path(path.relative_to(site).as_posix()) for path in site.rglob("*") if FINGERPRINTED.search(path.name)]
    (site / "_headers").write_text(headers_file(page_paths, assets), encoding="utf-8")


def with_own_policy(html: str, content: str = "") -> str:
    """The policy admits the scripts the templates and hooks emit, not one written into the page's content."""
    return with_meta_policy(html, content_security_policy(inline_script_hashes(html, not_from=content)))


def url_path(file: str) -> str:
    """The path a reader requests for a built file: faq/index.html → /faq/."""
    return "/" + file.removesuffix("index.html")
