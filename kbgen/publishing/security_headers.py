"""The HTTP headers a server of the built site should send: `kbgen serve` sends exactly these, README lists them.

The page's CSP `<meta>` cannot cover everything: browsers ignore `frame-ancestors` in a `<meta>`, and a file
opened directly (an SVG, a PDF) has no `<meta>` at all, so only a header protects it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

# The theme's <meta http-equiv="Content-Security-Policy"> (theme/partials/kb-head.html); a test keeps them equal.
SITE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)


def site_policy(feedback_url: str = "") -> str:
    """The site's policy; a feedback endpoint on another origin is the one address scripts may also send to.

    The URL was validated by kbgen.config.settings (a plain http(s) host and port), so its origin is a valid
    CSP source; a path on the site needs nothing more than 'self'.
    """
    parts = urlsplit(feedback_url)
    if not (parts.scheme and parts.netloc):
        return SITE_POLICY
    origin = f"{parts.scheme}://{parts.netloc}"
    if any(char in origin for char in " ;,'\"<>&"):  # the template prints the policy unescaped
        raise ValueError(f"feedback_url {feedback_url!r} has no plain origin")
    return SITE_POLICY.replace("connect-src 'self'", f"connect-src 'self' {origin}")


def security_headers(feedback_url: str = "") -> tuple[tuple[str, str], ...]:
    return (("Content-Security-Policy", f"{site_policy(feedback_url)}; frame-ancestors 'none'"), *SECURITY_HEADERS[1:])


SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", f"{SITE_POLICY}; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)
