"""Each page's Content-Security-Policy and the `_headers` file static hosts read. The policy lists
the hashes of the page's inline scripts, so it needs no 'unsafe-inline'; it sits in a <meta>
every host serves, and `_headers` adds what only a header can carry."""

import base64
import hashlib
import re

# Material's fingerprinted files, like main.57a0d79d.min.css (the site's own CSS and JS are inline).
FINGERPRINTED = re.compile(r"\.[0-9a-f]{6,}\.min\.(?:css|js)$")
# Scripts a browser runs; JSON and JSON-LD blocks are data and need no hash.
EXECUTABLE_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
# Only on pages (on other files they cost about a kilobyte each for nothing); the first is the one
# directive a <meta> policy cannot carry, the rest of the policy is in each page.
PAGE_HEADERS = [
    "  Content-Security-Policy: frame-ancestors 'none'",
    "  Referrer-Policy: no-referrer",
    "  Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "  Strict-Transport-Security: max-age=63072000; includeSubDomains",
    "  X-Frame-Options: DENY",
    "  Cache-Control: public, max-age=300, must-revalidate",
]


def script_hashes(bodies: list[str]) -> set[str]:
    """CSP sources ('sha256-…') for inline scripts, each body exactly as the page carries it."""
    digests = (hashlib.sha256(body.encode("utf-8")).digest() for body in bodies)
    return {f"'sha256-{base64.b64encode(digest).decode('ascii')}'" for digest in digests}


def content_security_policy(script_hashes: set[str]) -> str:
    """Only the site's own origin: its files, the page's own inline scripts, the search worker
    (Material sets inline styles from its scripts; fonts, fetches and workers default to 'self')."""
    scripts = " ".join(["'self'", *sorted(script_hashes)])
    policy = f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
    return policy + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"


def headers_file(page_paths: list[str], fingerprinted: list[str]) -> str:
    """`_headers` (Netlify, Cloudflare Pages): nosniff everywhere, caching per file. Hosts join
    every rule a path matches, so each rule but the first names one exact path."""
    lines = ["/*", "  X-Content-Type-Options: nosniff", ""]
    for path in sorted(page_paths):
        lines += [path, *PAGE_HEADERS, ""]
    for path in sorted(fingerprinted):
        lines += [path, "  Cache-Control: public, max-age=31536000, immutable", ""]
    return "\n".join(lines)


def url_path(file: str) -> str:
    """The path a reader requests for a built file: faq/index.html → /faq/."""
    return "/" + file.removesuffix("index.html")
