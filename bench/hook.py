"""MkDocs hook for the kbgen bench site: collects every article page and builds kbgen's search assets.

It plays the part of the kbgen plugin (which needs kbgen front matter the generated articles do not carry)
and records how long ``build_search_assets`` takes, plus the documents, for bench/profile_build.py.
"""

from __future__ import annotations

import json
import time
from pathlib import Path, PurePosixPath
from typing import Any

from kbgen.render import i18n
from kbgen.search.build import build_search_assets
from kbgen.search.documents import SearchDocument
from kbgen.search.text import html_to_text

_documents: list[SearchDocument] = []


def on_config(config: Any) -> Any:
    _documents.clear()
    return config


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    parts = PurePosixPath(page.file.src_uri).parts
    if len(parts) >= 3 and parts[-1] != "index.md":  # an article, at any depth
        _documents.append(
            SearchDocument(
                url=page.url,
                title=page.meta.get("title", page.title or ""),
                summary=page.meta.get("description", ""),
                text=html_to_text(html),
                lang=parts[0],
                category=parts[1].replace("-", " ").capitalize(),
                versions=tuple(page.meta.get("versions") or ()),
            )
        )
    return html


def on_env(env: Any, config: Any, files: Any) -> Any:
    # The theme's search form looks its interface text up itself, through the globals the kbgen plugin sets.
    env.globals.update(kb_strings=i18n.strings, kb_script_strings=i18n.script_strings)
    return env


def on_post_page(output: str, page: Any, config: Any) -> str:
    # The kbgen plugin gives each page its article's language; Pagefind picks its per-language index by it.
    parts = PurePosixPath(page.file.src_uri).parts
    if len(parts) >= 3 and parts[-1] != "index.md":  # an article, at any depth
        return output.replace('<html lang="en"', f'<html lang="{parts[0]}"', 1)
    return output


def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    started = time.perf_counter()
    written = build_search_assets(_documents, site, contact=[("Contact support", "mailto:support@example.com")])
    seconds = time.perf_counter() - started
    out = site.parent
    (out / "kbgen-index-build.json").write_text(
        json.dumps({"seconds": seconds, "files": len(written), "documents": len(_documents)}), encoding="utf-8"
    )
    with (out / "documents.jsonl").open("w", encoding="utf-8") as handle:
        for d in _documents:
            handle.write(
                json.dumps(
                    {
                        "url": d.url,
                        "title": d.title,
                        "summary": d.summary,
                        "text": d.text,
                        "lang": d.lang,
                        "category": d.category,
                        "versions": list(d.versions),
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
