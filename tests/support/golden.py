"""The golden-file update switch (KBGEN_UPDATE_GOLDEN=1), refused under CI so a run cannot pass by rewriting its
own expectations."""

from __future__ import annotations

import os
from collections.abc import Mapping

UPDATE_VAR = "KBGEN_UPDATE_GOLDEN"


class GoldenUpdateRefused(AssertionError):
    """Raised instead of rewriting expectations when the CI environment variable is set."""


def updating_golden(environ: Mapping[str, str] = os.environ) -> bool:
    """True when a developer asked to rewrite the expected files; fails loudly if that is asked for in CI."""
    if not environ.get(UPDATE_VAR):
        return False
    if environ.get("CI"):
        raise GoldenUpdateRefused(
            f"{UPDATE_VAR} is set while CI={environ['CI']!r}: CI must compare against the committed expectations, "
            f"never rewrite them. Unset {UPDATE_VAR} (rewrite golden files locally and review the diff)."
        )
    return True
