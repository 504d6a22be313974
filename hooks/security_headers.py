"""Write the site's security policy: `site/_headers` for hosts that read it, and a <meta> copy in every page.

MkDocs glue over security_policy.py. It runs after every page is written
(and minified), hashes the inline scripts Material emits, and lists them in
script-src, so no 'unsafe-inline' is needed.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from security_policy import FINGERPRINTED, content_security_policy, headers_file, inline_script_hashes, with_meta_policy


def on_post_build(*, config: MkDocsConfig) -> None:
    """Hash the inline scripts of every page, then write the policy into the pages and `_headers`."""
    site = Path(config.site_dir)
    pages = sorted(site.rglob("*.html"))
    hashes = set().union(*(inline_script_hashes(page.read_text(encoding="utf-8")) for page in pages))
    meta_policy = content_security_policy(hashes, for_meta=True)
    for page in pages:
        page.write_text(with_meta_policy(page.read_text(encoding="utf-8"), meta_policy), encoding="utf-8")
    page_paths = [url_path(page.relative_to(site).as_posix()) for page in pages]
    assets = [url_path(path.relative_to(site).as_posix()) for path in site.rglob("*") if FINGERPRINTED.search(path.name)]
    (site / "_headers").write_text(headers_file(content_security_policy(hashes), page_paths, assets), encoding="utf-8")


def url_path(file: str) -> str:
    """The path a reader requests for a built file: faq/index.html → /faq/."""
    return "/" + file.removesuffix("index.html")
