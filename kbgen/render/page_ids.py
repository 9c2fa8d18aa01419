"""The ids kbgen's own templates give a section page, a language home or the site's root: the ones besides its
text's headings that a link's `#fragment` may name.

Only the headings a template draws count, exactly when it draws them. A section page (theme/kb_category.html)
and the root's language chooser (the root branch of theme/kb_home.html) draw none with an id. The other ids on
such a page name no place a reader is sent to, and articles do not count them either: material's toggles and
its config script (`__drawer`, `__search`, `__palette_0`, `__config`; `__nav_1_4` even moves with the
navigation), the search form's fields (`kb-search-bar-input`...) and the footer's (`kb-footer-contact`), all on
every page.
"""

from __future__ import annotations

from kbgen.config.settings import KbConfig
from kbgen.render.chrome import links
from kbgen.render.tree import SiteTree
from kbgen.render.views import home_view

# Each heading of a language home (theme/kb_home.html, and partials/kb-contact.html for the contact card) with
# the list it is drawn for: a key of views.home_view, "contact" for the contact options, "" when always drawn.
# tests/links/test_section_anchors.py holds this to the templates' ids and to the built pages.
HOME_HEADINGS: tuple[tuple[str, str], ...] = (
    ("kb-hero-title", ""),
    ("kb-categories-title", "categories"),
    ("kb-articles-title", "articles"),
    ("kb-featured-title", "featured"),
    ("kb-recent-title", "recent"),
    ("kb-contact-title", "contact"),
)


def home_headings(tree: SiteTree, config: KbConfig, lang: str) -> tuple[str, ...]:
    """The ids of the headings kb_home.html draws on `lang`'s home, in page order; none on an unpublished one."""
    if tree.home(lang) is None:
        return ()
    default = config.default_language
    drawn = {**home_view(tree, lang, default), "contact": links(config.contact, lang, default)}
    return tuple(heading for heading, shown in HOME_HEADINGS if not shown or drawn[shown])
