"""Fixtures for the hardening tests: a tiny valid site."""

from __future__ import annotations

import pytest

from tests.support.project import Site, article


@pytest.fixture
def small_site(site: Site) -> Site:
    """Two public articles in one category, enough for a real build."""
    site.write("en/account/alpha.md", article(title="Alpha article", body="Alpha body with a [link](beta.md).\n"))
    site.write("en/account/beta.md", article(title="Beta article", body="## Steps\n\n1. One\n2. Two\n"))
    return site
