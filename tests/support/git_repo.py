"""A real git repository in a temporary folder, with commits at chosen dates and no identity from this machine."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

# No user or system configuration (signing, hooks, templates) leaks in; every commit has a fixed author.
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Test Writer",
    "GIT_AUTHOR_EMAIL": "writer@example.test",
    "GIT_COMMITTER_NAME": "Test Writer",
    "GIT_COMMITTER_EMAIL": "writer@example.test",
}


class GitRepo:
    """`git init` in `root`; `commit(when)` records the whole working tree as of that day (noon UTC)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        env = {**os.environ, **GIT_ENV}
        done = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True)
        return done.stdout

    def commit(self, when: str, message: str = "edit") -> str:
        """`when` is YYYY-MM-DD or a full ISO date-time with offset; returns the commit id."""
        stamp = when if "T" in when else f"{when}T12:00:00+00:00"
        self.git("add", "-A")
        env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", message], cwd=self.root, env=env, check=True)
        return self.git("rev-parse", "HEAD").strip()

    def move(self, old: str, new: str) -> None:
        (self.root / new).parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", old, new)


# For tests of branches and changed files (kbgen check --changed-since): a repository with a user configured.
# No user or system configuration reaches the tests' git: same behaviour on every machine.
BRANCH_ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"}


class Repo:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Test Writer")
        self.git("config", "user.email", "writer@example.com")

    def git(self, *args: str) -> str:
        done = subprocess.run(["git", *args], cwd=self.root, env=BRANCH_ENV, capture_output=True, text=True, check=True)
        return done.stdout

    def commit_all(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def branch(self, name: str) -> None:
        self.git("checkout", "-q", "-b", name)
