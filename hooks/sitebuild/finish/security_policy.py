"""The site's Content-Security-Policy and the `_headers` file static hosts read.

Pure functions over the built site's text; the MkDocs glue is security_headers.py.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
SCRIPT_TYPE = re.compile(r"""\btype=["']?([^"'\s>]+)""", re.I)
# Scripts a browser runs; JSON and JSON-LD blocks are data and need no hash.
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
# Material names its fingerprinted files like main.57a0d79d.min.css (the site's own CSS and JS are inline).
FINGERPRINTED = re.compile(r"\.[0-9a-f]{6,}\.min\.(?:css|js)$")
META_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)

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


def inline_script_hashes(html: str, *, not_from: str = "") -> set[str]:
    """CSP sources ('sha256-…') for each inline script the browser would run, less any that stands in `not_from`.

    `not_from` is the page's own content, as Markdown rendered it: a script a
    maintainer wrote there is not the build's, and gets no hash (the build
    also refuses it, hooks/raw_html.py).
    """
    authored = {body for _, body in inline_scripts(not_from)} if not_from else set()
    hashes = set()
    for kind, body in inline_scripts(html):
        if kind in EXECUTABLE_TYPES and body not in authored:
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
            hashes.add(f"'sha256-{digest}'")
    return hashes


def inline_scripts(html: str) -> list[tuple[str, str]]:
    """(type, body) of each <script> without src, the body exactly as written.

    A pattern, not a parser: it runs over every whole page, where Python's HTML
    parser would cost a tenth of the build; a script's body cannot contain
    "</script" (the assets step refuses one that does), so the pattern is exact.
    """
    scripts = []
    for match in INLINE_SCRIPT.finditer(html):
        attributes = match["attributes"]
        if re.search(r"\bsrc=", attributes, re.I):
            continue
        kind = SCRIPT_TYPE.search(attributes)
        scripts.append(((kind.group(1) if kind else "").lower(), match["body"]))
    return scripts


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


def with_meta_policy(html: str, policy: str) -> str:
    """The page with its policy as a <meta http-equiv> right after <meta charset>, before anything it governs."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    match = META_CHARSET.search(html)
    return html[: match.end()] + tag + html[match.end() :] if match else html


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


def parse_headers_file(text: str) -> list[tuple[str, dict[str, str]]]:
    """(path pattern, headers) rules, as a host reads `_headers`."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1][name.strip()] = value.strip()
    return rules


def headers_for(path: str, rules: list[tuple[str, dict[str, str]]]) -> dict[str, str]:
    """The headers a host sends for a path: every matching rule's, joined."""
    found: dict[str, str] = {}
    for pattern, headers in rules:
        if re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), path):
            for name, value in headers.items():
                found[name] = f"{found[name]}, {value}" if name in found else value
    return found
