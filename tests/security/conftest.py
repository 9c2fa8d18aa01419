"""The canary help center, built once per session (tests/support/canary.py says how)."""

from __future__ import annotations

import pytest

from tests.support.canary import Canary, build_canary


@pytest.fixture(scope="session")
def canary(tmp_path_factory: pytest.TempPathFactory) -> Canary:
    return build_canary(tmp_path_factory.mktemp("canary") / "project")
