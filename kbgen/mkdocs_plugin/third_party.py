"""Advice for a mkdocs.yml that asks the pages to load files from another site: material writes `extra_javascript`,
`extra_css`, `theme.logo`, `theme.favicon` and `extra.analytics` into every page as they are, but the pages' own
Content-Security-Policy loads nothing from another site, so a reader's browser refuses each one (the script never
runs, the logo is a broken image) while the HTML still names the other site. Saying so at build time is the only
place a site owner learns why, and how to keep the file on the help center itself."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig

_ELSEWHERE = ("http://", "https://", "//")


def third_party_note(config: MkDocsConfig) -> str | None:
    """A note naming the settings that load from another site; None when every one is the site's own."""
    theme = config.theme
    named: list[tuple[str, str]] = [
        *(("extra_javascript", str(getattr(item, "path", item))) for item in config.extra_javascript or ()),
        *(("extra_css", str(item)) for item in config.extra_css or ()),
        *((f"theme.{key}", str(theme[key])) for key in ("logo", "favicon") if _text(theme.get(key))),
    ]
    outside = [(key, value) for key, value in named if value.strip().lower().startswith(_ELSEWHERE)]
    extra: Any = config.extra
    analytics: Any = extra.get("analytics") if extra else None
    if isinstance(analytics, dict) and analytics.get("provider"):
        outside.append(("extra.analytics", f"provider {analytics['provider']}"))
    if not outside:
        return None
    listed = ", ".join(f"{key} ({value})" for key, value in outside)
    return (
        f"mkdocs.yml loads files from another site: {listed}; the pages' Content-Security-Policy refuses them, so "
        "readers never get them: copy each file into the content folder and name it by its path there, or remove it"
    )


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value)
