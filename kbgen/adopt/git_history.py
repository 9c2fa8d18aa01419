"""What git knows about the source files: the repository's top folder and each file's last commit.

One `git log` walks the history once for the whole source folder (one process, not one per file), and the
first time a path appears is its latest commit, as `git log -1 -- <file>` would answer. The owner is that
commit's author e-mail (`%ae`): unique and stable where names are ambiguous and change spelling, and the form
CODEOWNERS also accepts. The date is the committer date (`%cs`): when the change landed, which is the last
moment the file is known to have been looked at; a rebased or cherry-picked author date can be years older.
Git missing, or a folder outside any repository, means "no history": never an error.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

_RECORD = "\x1e"
_FIELD = "\x1f"
_TIMEOUT = 120.0


@dataclass(frozen=True, slots=True)
class LastChange:
    author_email: str
    committed: date


@dataclass(slots=True)
class GitHistory:
    """`top` is None outside a repository; `changes` is keyed by path relative to `top`."""

    top: Path | None
    changes: dict[PurePosixPath, LastChange]
    problem: str = ""  # why there is no history, for the summary

    def last_change(self, path: Path) -> LastChange | None:
        rel = self.relative(path)
        return None if rel is None else self.changes.get(rel)

    def relative(self, path: Path) -> PurePosixPath | None:
        if self.top is None:
            return None
        try:
            return PurePosixPath(path.resolve().relative_to(self.top).as_posix())
        except ValueError:
            return None


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["git", "-c", "core.quotepath=off", "--literal-pathspecs", *args],
        cwd=cwd,
        capture_output=True,
        timeout=_TIMEOUT,
        check=False,
    )


def read_history(folder: Path) -> GitHistory:
    """The repository holding `folder` and the last commit of every file below it."""
    try:
        found = _git(["rev-parse", "--show-toplevel"], folder)
    except (OSError, subprocess.SubprocessError) as exc:
        return GitHistory(None, {}, f"git is not available ({exc})")
    if found.returncode != 0:
        reason = found.stderr.decode("utf-8", "replace").strip().splitlines()
        return GitHistory(None, {}, reason[-1].removeprefix("fatal: ") if reason else "not a git repository")
    top = Path(found.stdout.decode("utf-8", "surrogateescape").strip()).resolve()
    log = _git(["log", f"--format={_RECORD}%ae{_FIELD}%cs", "--name-only", "-z", "--", "."], folder)
    if log.returncode != 0:
        reason = log.stderr.decode("utf-8", "replace").strip().splitlines()
        return GitHistory(top, {}, reason[-1] if reason else "git log failed")
    return GitHistory(top, parse_log(log.stdout.decode("utf-8", "surrogateescape")))


def parse_log(output: str) -> dict[PurePosixPath, LastChange]:
    """`git log --format=<RS>%ae<US>%cs --name-only -z` output, newest first: keep each path's first sighting."""
    changes: dict[PurePosixPath, LastChange] = {}
    for record in output.split(_RECORD):
        header, _, names = record.partition("\0")
        email, _, day = header.partition(_FIELD)
        try:
            committed = date.fromisoformat(day.strip())
        except ValueError:
            continue
        for name in names.split("\0"):
            name = name.strip("\n")
            if name:
                changes.setdefault(PurePosixPath(name), LastChange(email.strip(), committed))
    return changes
