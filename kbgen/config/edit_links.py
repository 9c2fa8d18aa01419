"""The "edit this file" link of a source file, from mkdocs.yml's `repo_url` and `edit_uri` (or
`edit_uri_template`), joined the way MkDocs joins them for its own edit buttons.

kbgen does not guess: MkDocs' default `edit_uri` for GitHub assumes a `docs/` folder on `master`, so without
an explicit `edit_uri` (or template) there is no link. Only http(s) links are made.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote, urljoin, urlsplit


def edit_url(repo_url: str, edit_uri: str, edit_uri_template: str, src_uri: str) -> str:
    """`src_uri` is the file's path under the content folder (`en/billing/x.md`); "" when no link applies."""
    path = quote(src_uri, safe="/")
    if edit_uri_template:
        try:
            file_uri = edit_uri_template.format(path=path, path_noext=posixpath.splitext(path)[0])
        except (KeyError, IndexError, ValueError):
            return ""
    elif edit_uri:
        file_uri = (edit_uri if edit_uri.endswith("/") else edit_uri + "/") + path
    else:
        return ""
    base = repo_url
    if base and not file_uri.startswith(("?", "#")) and not base.endswith("/"):
        base += "/"
    url = urljoin(base, file_uri)
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else ""
