"""Fixtures for the search tests: the sample articles, a built kb-search folder served on 127.0.0.1, node.

Chromium (``browser``) and the loopback server (``serve``) come from tests/conftest.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jinja2.utils import htmlsafe_json_dumps

from kbgen.render.i18n import script_strings
from kbgen.search.build import build_search_assets
from kbgen.search.documents import SearchDocument
from kbgen.search.folders import PREFIX
from tests.support.search import ASSETS, CONTACT, HERE, SYNONYMS, load_articles, run_node


@pytest.fixture(scope="session")
def articles() -> list[SearchDocument]:
    return load_articles()


@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory, articles: list[SearchDocument]) -> Path:
    """A static folder holding the built search assets, the client files and one test page per language."""
    site_dir = tmp_path_factory.mktemp("search-site")
    build_search_assets(articles, site_dir, contact=CONTACT, synonyms=SYNONYMS)
    shutil.copytree(ASSETS, site_dir / "assets" / "search")
    page = (HERE / "site" / "page.html").read_text(encoding="utf-8")
    for lang in ("en", "tr", "ro", "zh"):
        text = htmlsafe_json_dumps(script_strings(lang), sort_keys=True)  # as the search form's `tojson`
        (site_dir / f"{lang}.html").write_text(page.replace("{lang}", lang).replace("{text}", text), encoding="utf-8")
    return site_dir


@pytest.fixture(scope="session")
def search_root(search_site: Path) -> Path:
    return search_site / PREFIX


@pytest.fixture(scope="session")
def base_url(search_site: Path, serve: Callable[[Path], str]) -> str:
    return serve(search_site)


@pytest.fixture(scope="session")
def node(search_root: Path) -> Iterator[Any]:
    yield lambda tasks: run_node(search_root, tasks)
