"""The site's Content-Security-Policy and the `_headers` file static hosts read.

Pure functions; finish/site.py puts each page's policy in the page. The
policy lists the hashes of the inline scripts the page carries (Material's and
the site's own), so no 'unsafe-inline' is needed. It sits in a <meta> tag,
which every host serves; `_headers` adds what only a header can carry
(frame-ancestors, HSTS, …).
"""

from __future__ import annotations

import base64
import hashlib
import re

# Material names its fingerprinted files like main.57a0d79d.min.css (the site's own CSS and JS are inline).
FINGERPRINTED = re.compile(r"\.[0-9a-f]{6,}\.min\.(?:css|js)$")

# Scripts a browser runs; JSON and JSON-LD blocks are data and need no hash.
EXECUTABLE_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})

NOSNIFF = "nosniff"
DOCUMENT_HEADERS = {
    # The one directive a <meta> policy cannot carry; the rest of the policy is in each page.
    "Content-Security-Policy": "frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Frame-Options": "DENY",
}
HTML_CACHE = "public, max-age=300, must-revalidate"
ASSET_CACHE = "public, max-age=31536000, immutable"


def script_hashes(bodies: list[str]) -> set[str]:
    """CSP sources ('sha256-…') for inline scripts, each body exactly as the page carries it."""
    return {f"'sha256-{base64.b64encode(hashlib.sha256(body.encode('utf-8')).digest()).decode('ascii')}'" for body in bodies}


def content_security_policy(script_hashes: set[str]) -> str:
    """Only the site's own origin: its files, the page's own inline scripts, the search worker."""
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *sorted(script_hashes)]),
        # Material sets inline styles from its scripts (sidebar heights, tooltips).
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data:",
        # Fonts, fetches, workers and the manifest fall back to default-src (workers via script-src): 'self'.
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def meta_policy(policy: str) -> str:
    """The policy as a <meta http-equiv>, which finish/site.py puts right after <meta charset>, before anything it governs."""
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


def headers_file(page_paths: list[str], fingerprinted: list[str]) -> str:
    """`_headers` (Netlify, Cloudflare Pages): nosniff everywhere, the document headers on pages, caching per file.

    Document headers do nothing on a stylesheet, script or image, and would
    cost a reader about a kilobyte per file, so only pages get them. Hosts join
    the headers of every rule a path matches, so each rule but the first names
    one exact path.
    """
    lines = ["/*", f"  X-Content-Type-Options: {NOSNIFF}", ""]
    document = [f"  {name}: {value}" for name, value in DOCUMENT_HEADERS.items()]
    for path in sorted(page_paths):
        lines += [path, *document, f"  Cache-Control: {HTML_CACHE}", ""]
    for path in sorted(fingerprinted):
        lines += [path, f"  Cache-Control: {ASSET_CACHE}", ""]
    return "\n".join(lines)


def url_path(file: str) -> str:
    """The path a reader requests for a built file: faq/index.html → /faq/."""
    return "/" + file.removesuffix("index.html")
