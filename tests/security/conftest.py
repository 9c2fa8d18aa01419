"""The canary help center, built once per session (tests/security/canary_corpus.py says how)."""

from __future__ import annotations

import pytest
from canary_corpus import Canary, build_canary


@pytest.fixture(scope="session")
def canary(tmp_path_factory: pytest.TempPathFactory) -> Canary:
    return build_canary(tmp_path_factory.mktemp("canary") / "project")
