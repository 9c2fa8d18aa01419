"""What git knows about the project: the repository root, and the files a branch changed since a base ref.

`kbgen check --changed-since` gates a pull request on what it changed, and SARIF and GitHub annotations name
files from the repository root; both ask git here, by running the `git` command, never by reading `.git`.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """Git is missing, the folder is not in a repository, or a ref does not name a commit; the message says which."""


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} did not answer within 60 seconds") from None


def repository_root(folder: Path) -> Path | None:
    """The top folder of the git work tree holding `folder`, or None outside one (or without git)."""
    try:
        done = _git(folder, "rev-parse", "--show-toplevel")
    except GitError:
        return None
    if done.returncode != 0:
        return None
    return Path(done.stdout.decode("utf-8", "surrogateescape").strip())


def repository_prefix(folder: Path) -> str:
    """What to put before a path relative to `folder` to make it relative to the repository root: `help/` when
    the folder is `help/` in the repository, "" at the root and outside a repository."""
    root = repository_root(folder)
    if root is None:
        return ""
    try:
        rel = folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return ""
    return "" if rel == "." else rel + "/"


def changed_files(folder: Path, ref: str) -> set[Path]:
    """Every file the work tree changed since it branched from `ref`: committed, staged, unstaged or untracked.

    The diff is taken from the merge base of `ref` and HEAD (what `git diff REF...HEAD` compares), so commits
    that landed on the base branch after the branch point do not count as changes of this branch. Deleted and
    renamed-away paths are included: links that still point at them are broken by this change.
    """
    root = repository_root(folder)
    if root is None:
        raise GitError(f"{folder} is not inside a git repository; --changed-since needs one")
    if ref.startswith("-") or _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        raise GitError(
            f"'{ref}' is not a commit in this repository; fetch it first (e.g. `git fetch origin main` and "
            "--changed-since origin/main; a shallow CI checkout needs the base branch's history)"
        )
    base = _git(root, "merge-base", ref, "HEAD")
    if base.returncode != 0:
        raise GitError(f"'{ref}' and HEAD have no common ancestor here; fetch more history (e.g. fetch-depth: 0 in CI)")
    merge_base = base.stdout.decode().strip()
    diff = _git(root, "diff", "--name-status", "-z", "--find-renames", merge_base, "--")
    untracked = _git(root, "ls-files", "-z", "--others", "--exclude-standard", "--")
    for done in (diff, untracked):
        if done.returncode != 0:
            raise GitError(f"git failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    names = _diff_paths(diff.stdout) + _split(untracked.stdout)
    return {root / name for name in names}


def _split(output: bytes) -> list[str]:
    return [item.decode("utf-8", "surrogateescape") for item in output.split(b"\0") if item]


def _diff_paths(output: bytes) -> list[str]:
    """Paths from `--name-status -z`: a status, then one path, or two for a rename or copy (old, then new).

    A renamed file's old path counts (it is gone); a copied file's source does not (it is unchanged).
    """
    items = _split(output)
    paths: list[str] = []
    index = 0
    while index < len(items):
        status = items[index][:1]
        count = 2 if status in ("R", "C") else 1
        named = items[index + 1 : index + 1 + count]
        paths.extend(named[1:] if status == "C" else named)
        index += 1 + count
    return paths
