"""Ships the search scripts (theme/assets/search/*.js) minified: a reader's first search downloads them all.

The theme keeps them readable for the people who work on them; the site gets them with comments and
whitespace dropped (rjsmin, as for lunr.js in kbgen.search.vendor), about a third fewer bytes after gzip.
"""

from __future__ import annotations

from pathlib import Path

import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

SEARCH_SCRIPTS = (
    "assets/search/kb-search.js",
    "assets/search/kb-search-core.js",
    "assets/search/kb-search-worker.js",
)


def minified(script: Path) -> str:
    """The text a site ships for a search script."""
    return str(rjsmin.jsmin(script.read_text(encoding="utf-8")))


def minify_search_scripts(files: Files, config: MkDocsConfig) -> None:
    """Replace each search script copied from a file on disk with its minified text, written by MkDocs."""
    for uri in SEARCH_SCRIPTS:
        found = files.get_file_from_path(uri)
        if found is None or found.generated_by is not None or not found.abs_src_path:
            continue
        files.remove(found)
        files.append(File.generated(config, uri, content=minified(Path(found.abs_src_path))))
