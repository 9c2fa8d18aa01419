"""The HTTP headers a server of the built site should send: `kbgen serve` sends exactly these, README lists them.

The page's CSP `<meta>` cannot cover everything: browsers ignore `frame-ancestors` in a `<meta>`, and a file
opened directly (an SVG, a PDF) has no `<meta>` at all, so only a header protects it.
"""

from __future__ import annotations

# The theme's <meta http-equiv="Content-Security-Policy"> (theme/partials/kb-head.html); a test keeps them equal.
SITE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", f"{SITE_POLICY}; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)
