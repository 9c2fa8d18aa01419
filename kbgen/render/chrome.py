"""The text around every page (site name, footer, contact options, feedback) in the page's own language.

One view per language, shared by the header, the footer, the `<title>`, the 404 page and the search form, so a
Turkish page never shows the English site name or English contact labels.
"""

from __future__ import annotations

import html
from typing import Any

from kbgen.config.settings import KbConfig, LinkOption, localized
from kbgen.model import page_url
from kbgen.render.branding import STYLESHEET
from kbgen.render.i18n import script_strings, strings


def chrome_view(
    kb: KbConfig,
    lang: str,
    site_name: str,
    site_description: str = "",
    directory_urls: bool = True,
    copyright_notice: str = "",
) -> dict[str, Any]:
    """The other arguments are mkdocs.yml's (`copyright_notice` is its `copyright`); its names are used where the
    plugin options give no text."""
    default = kb.default_language
    return {
        "lang": lang,
        "t": strings(lang),
        "site_name": localized(kb.site_name, lang, default) if kb.site_name else site_name,
        "site_description": localized(kb.site_description, lang, default) if kb.site_description else site_description,
        "home_url": page_url(f"{lang}/index.md", directory_urls),
        "contact": links(kb.contact, lang, default),
        "footer_links": links(kb.footer_links, lang, default),
        "feedback_url": kb.feedback_url,
        "brand_css": STYLESHEET if kb.primary_color or kb.accent_color else "",
        "copyright": copyright_text(copyright_notice),
    }


def copyright_text(written: str) -> str:
    """mkdocs-material documents entities in `copyright` (`&copy; 2026`): they are decoded once, here, and the
    footer escapes the text, so `&copy;` shows © while a tag shows as the text written and cannot add markup."""
    return html.unescape(written)


def links(options: tuple[LinkOption, ...], lang: str, default: str) -> list[dict[str, str]]:
    return [{"label": option.label(lang, default), "url": option.url} for option in options]


def search_script_data(kb: KbConfig, lang: str) -> dict[str, Any]:
    """What the search script gets from the page: its text, and the contact options for a search with no match."""
    return {**script_strings(lang), "contact": links(kb.contact, lang, kb.default_language)}
