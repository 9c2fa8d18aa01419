"""Answers "who owns this file?" from a GitHub CODEOWNERS file, as GitHub itself would (the last match wins).

GitHub's syntax is a subset of .gitignore: `*`, `**` and `?` wildcards; a pattern with a slash at its start or
in its middle is anchored to the repository root, any other matches at every depth; a trailing slash matches
a folder and everything in it, and so does a plain pattern that names a folder. GitHub ignores lines it
cannot use (`!` negation, `[...]` ranges), and so does kbgen. A matching line with no owners means "nobody":
that file falls through to the next source of an owner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# Where GitHub looks, in the order it looks: the first file found is the only one used.
_INLINE_COMMENT = re.compile(r"\s#")
LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")


@dataclass(frozen=True, slots=True)
class Rule:
    pattern: str
    owners: tuple[str, ...]
    line: int
    regex: re.Pattern[str]
    folder_only: bool  # a trailing slash: the folder's contents, not a file of that name
    files_only: bool  # a last segment of `*`: `docs/*` owns docs/a.md but not docs/sub/b.md


def _translate(pattern: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("/**", index) and index + 3 == len(pattern):
            out.append("/.*")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif pattern[index] == "*":
            out.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append("[^/]")
            index += 1
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    return "".join(out)


def _rule(text: str, line: int) -> Rule | None:
    fields = text.split()
    pattern, owners = fields[0], tuple(fields[1:])
    if pattern.startswith("!") or "[" in pattern or pattern.startswith("\\#"):
        return None  # unsupported by GitHub: it skips the line, so must we
    folder_only = pattern.endswith("/")
    body = pattern.rstrip("/")
    if not body:
        return None
    anchored = "/" in body
    body = body.lstrip("/")
    regex = ("" if anchored else "(?:.*/)?") + _translate(body)
    files_only = body == "*" or body.endswith("/*")
    return Rule(pattern, owners, line, re.compile(regex), folder_only, files_only)


class CodeOwners:
    """The rules of one CODEOWNERS file, in file order."""

    def __init__(self, text: str, display: str = "CODEOWNERS") -> None:
        self.display = display
        self.rules: list[Rule] = []
        for number, raw in enumerate(text.splitlines(), start=1):
            stripped = raw.strip()
            if not stripped or stripped.startswith("#"):
                continue
            rule = _rule(_INLINE_COMMENT.split(stripped, maxsplit=1)[0], number)
            if rule is not None:
                self.rules.append(rule)

    def match(self, path: PurePosixPath) -> Rule | None:
        """The last rule that matches a file path (relative to the repository root), or None."""
        folders = [str(parent) for parent in reversed(path.parents) if str(parent) != "."]
        for rule in reversed(self.rules):
            candidates = [str(path)] if rule.files_only else folders if rule.folder_only else [*folders, str(path)]
            if any(rule.regex.fullmatch(candidate) for candidate in candidates):
                return rule
        return None

    def owner_of(self, path: PurePosixPath) -> tuple[str, int] | None:
        """The first owner named by the winning rule, with that rule's line; None when nobody owns the file."""
        rule = self.match(path)
        if rule is None or not rule.owners:
            return None
        return rule.owners[0], rule.line


def find_codeowners(top: Path) -> CodeOwners | None:
    """The repository's CODEOWNERS file, or None; an unreadable file counts as none."""
    for location in LOCATIONS:
        path = top / location
        if path.is_file():
            try:
                return CodeOwners(path.read_text(encoding="utf-8-sig", errors="replace"), location)
            except OSError:
                return None
    return None
