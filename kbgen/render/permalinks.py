"""The tooltip of a heading's permalink (the ¶ beside it) in the page's language instead of English.

Python-Markdown's toc extension writes `title="Permanent link"` on every page whatever its language. Only that
default is replaced: a `permalink_title` set in mkdocs.yml is the site's own choice and stays as written.
"""

from __future__ import annotations

import html
import re

from kbgen.render.i18n import strings

_DEFAULT_TITLE = "Permanent link"  # toc's own default for `permalink_title`
_HEADERLINK = re.compile(rf'(<a class="headerlink" href="[^"<>]*" title=")({_DEFAULT_TITLE})(">)')


def localize_permalinks(content: str, lang: str) -> str:
    """`content` with each heading permalink's default tooltip in `lang`."""
    title = html.escape(strings(lang)["permalink_title"])
    return _HEADERLINK.sub(lambda match: f"{match.group(1)}{title}{match.group(3)}", content)
