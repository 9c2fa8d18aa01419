"""Starts help-center work from nothing: `kbgen init` lays out a repository, `kbgen new` writes an article.

The core of both commands lives here without click, so it is tested on plain values; kbgen/cli only parses flags.
"""

from __future__ import annotations

import contextlib
from pathlib import Path


class ScaffoldRefused(Exception):
    """kbgen will not write what was asked (bad name, existing file, ...); the message says what to change."""


def take_back(made: list[Path]) -> None:
    """Removes what a write that then failed (disk full) had created, newest first: left half-made, a project or
    article would make the retry refuse its folder or name as taken."""
    for path in reversed(made):
        with contextlib.suppress(OSError):
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink()
