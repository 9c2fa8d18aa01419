"""Who is recording a review, and which source a translation was checked against: what `kbgen review` writes
besides the date."""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

from kbgen.loading.frontmatter import decode, parse_document
from kbgen.translations.source_hash import source_hash, source_rel

_GIT_TIMEOUT = 10  # seconds; `git config` answers at once unless something is badly wrong


def git_reviewer(cwd: Path) -> str | None:
    """`git config user.email`, else `user.name`, as git would sign a commit made here; None without git
    or without either setting."""
    for key in ("user.email", "user.name"):
        try:
            found = subprocess.run(
                ["git", "config", "--get", key], cwd=cwd, capture_output=True, text=True, timeout=_GIT_TIMEOUT,
                check=False,
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError):
            return None
        value = found.stdout.strip()
        if found.returncode == 0 and value:
            return value
    return None


def reviewer_problem(name: str) -> str | None:
    """Why `--by NAME` cannot be recorded, or None: it must be one line of printable text."""
    if not name.strip():
        return "--by: give a name or e-mail address"
    if any(not ch.isprintable() for ch in name):
        return "--by: the name must be one line of printable text"
    return None


def current_source_hash(content_root: Path, rel: PurePosixPath, default_language: str) -> tuple[str | None, str]:
    """For a translation, the hash its source has now and the source's path; (None, reason) when there is
    no source to record (a default-language article, or a source that is missing or unreadable)."""
    origin = source_rel(rel, default_language)
    if origin is None:
        return None, ""
    path = content_root / origin
    try:
        text, _ = decode(path.read_bytes(), str(origin))
    except FileNotFoundError:
        return None, f"its source {origin} does not exist; source_hash left as it was"
    except OSError as exc:
        return None, f"source {origin} cannot be read ({exc.strerror or exc}); source_hash left as it was"
    if text is None:
        return None, f"source {origin} is not UTF-8; source_hash left as it was"
    return source_hash(parse_document(text, str(origin)).body), ""
