"""Fixtures for the search tests: the sample articles, a built kb-search folder served on 127.0.0.1, node.

Chromium (``browser``) and the loopback server (``serve``) come from tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kbgen.search.documents import SearchDocument
from kbgen.search.folders import PREFIX
from tests.support.search import CONTACT, SYNONYMS, load_articles, run_node, write_search_site


@pytest.fixture(scope="session")
def articles() -> list[SearchDocument]:
    return load_articles()


@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory, articles: list[SearchDocument]) -> Path:
    """A static folder holding the built search assets, the client files and one test page per language."""
    site_dir = tmp_path_factory.mktemp("search-site")
    return write_search_site(site_dir, articles, ("en", "tr", "ro", "zh"), contact=CONTACT, synonyms=SYNONYMS)


@pytest.fixture(scope="session")
def search_root(search_site: Path) -> Path:
    return search_site / PREFIX


@pytest.fixture(scope="session")
def base_url(search_site: Path, serve: Callable[[Path], str]) -> str:
    return serve(search_site)


@pytest.fixture(scope="session")
def node(search_root: Path) -> Iterator[Any]:
    yield lambda tasks: run_node(search_root, tasks)
