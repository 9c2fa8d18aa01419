"""Which findings a run judges: all of them, or those in some files plus the links that point into those files.

`kbgen check PATH...` reports only what is in scope; `kbgen check --changed-since REF` reports everything but
lets only what is in scope fail the run. The whole corpus is always loaded, since a link is judged against the
whole site; scoping happens on the findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kbgen.model import Finding


@dataclass(frozen=True, slots=True)
class Scope:
    """Files and folders as findings name them (`content/en/a/b.md`, `content/en/a`); `everything` covers all."""

    files: frozenset[str] = frozenset()
    folders: tuple[str, ...] = ()
    everything: bool = False

    @classmethod
    def of(cls, paths: Iterable[Path], content_root: Path, display_prefix: str) -> Scope:
        """Paths below the content root (existing or deleted); others are not content and are left out."""
        files: set[str] = set()
        folders: list[str] = []
        for path in paths:
            rel = content_relative(path, content_root)
            if rel is None:
                continue
            if rel == ".":
                return cls(everything=True)
            if path.is_dir():
                folders.append(display_prefix + rel)
            else:
                files.add(display_prefix + rel)
        return cls(frozenset(files), tuple(sorted(folders)))

    def covers(self, path: str) -> bool:
        if self.everything or path in self.files:
            return True
        return any(path.startswith(folder + "/") for folder in self.folders)

    def judges(self, finding: Finding) -> bool:
        """A finding in a file in scope, or a link elsewhere that points into one."""
        return self.covers(finding.path) or (bool(finding.target) and self.covers(finding.target))


def content_relative(path: Path, content_root: Path) -> str | None:
    """`path` relative to the content root ('.' for the root itself), or None when it is outside.

    The folders' links are resolved but not the name's own, so a symbolic link inside the tree stays inside.
    """
    path = path.absolute()
    real = path.parent.resolve() / path.name if path.name not in ("", ".", "..") else path.resolve()
    try:
        return real.relative_to(content_root.resolve()).as_posix()
    except ValueError:
        return None


def only_in_scope(findings: Iterable[Finding], scope: Scope) -> list[Finding]:
    return [finding for finding in findings if scope.judges(finding)]


def gate_on_scope(findings: Iterable[Finding], scope: Scope) -> list[Finding]:
    """Findings outside the scope stay in the report for information but no longer fail the run."""
    return [finding if scope.judges(finding) else finding.as_info() for finding in findings]
