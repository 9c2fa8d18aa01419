"""Finds who is writing: the git identity, so a new article is owned by the person who made it unless told otherwise.

The e-mail wins over the name: it is unique, has no spaces to quote in `kbgen report --owner`, and reaches the
person when the article falls due.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

_GIT_TIMEOUT = 10  # seconds; a hung credential helper or network mount must not hang `kbgen new`


def git_identity(cwd: Path) -> str | None:
    """`git config user.email`, else `user.name`, as git would read them in `cwd`; None when git has neither."""
    for key in ("user.email", "user.name"):
        value = _git_config(key, cwd)
        if value:
            return value
    return None


def _git_config(key: str, cwd: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", "config", "--get", key],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=_GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):  # no git installed, or it did not answer
        return None
    value = done.stdout.strip()
    return value if done.returncode == 0 and value else None
