"""What `kbgen serve` prints in the terminal: every finding once, then, build after build, only what changed.

The first build prints its findings as `kbgen build` does. After that a save printed the whole list again: on a
help center with 2,400 overdue articles, 4,280 lines per save, with the one error the save brought somewhere in
the middle. Now each later build prints the findings it has that the build before it did not, then each one it
no longer has as `fixed: ...`, then its outcome line with the totals.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kbgen.model import Finding
from kbgen.safe_text import one_line
from kbgen.wording import plural


class Terminal:
    """The findings last told, to tell the next build's news against."""

    def __init__(self, say: Callable[[str], None]) -> None:
        self.say = say
        self.findings: list[Finding] = []  # the latest build's, sorted
        self._told: set[Finding] | None = None

    def tell(self, findings: list[Finding], outcome: str) -> None:
        current = sorted(findings, key=Finding.sort_key)
        if self._told is None:
            lines = [finding.format() for finding in current]
        else:
            lines = [finding.format() for finding in current if finding not in self._told]
            gone = sorted(self._told - set(current), key=Finding.sort_key)
            lines += [f"fixed: {finding.format()}" for finding in gone]
        for line in lines:
            self.say(one_line(line))  # a file named with a terminal escape is shown, not obeyed
        self.say(outcome)
        self.findings, self._told = current, set(current)


def change_reason(before: Mapping[str, tuple[int, int]], after: Mapping[str, tuple[int, int]], root: str) -> str:
    """What a save that is built in full changed, in a writer's words: the files it added, removed, renamed or
    changed (by size and mtime, as the watcher saw them), by their paths in the project (`root`: its folder,
    ending in a separator)."""
    if (moved := renamed(before, after)) is not None:
        return f"{moved[0].removeprefix(root)} renamed to {moved[1].removeprefix(root)}"
    added, removed = sorted(after.keys() - before.keys()), sorted(before.keys() - after.keys())
    changed = sorted(name for name in after.keys() & before.keys() if after[name] != before[name])
    parts = [f"{_names(names, root)} {what}" for names, what in ((added, "added"), (removed, "removed")) if names]
    if changed:
        parts.append(f"{_names(changed, root)} changed")
    return "; ".join(parts) or "a watched file changed"


def renamed(before: Mapping[str, tuple[int, int]], after: Mapping[str, tuple[int, int]]) -> tuple[str, str] | None:
    """The one file a save renamed (gone, and one of the same size and mtime come), as (old, new); else None."""
    added, removed = after.keys() - before.keys(), before.keys() - after.keys()
    if len(added) != 1 or len(removed) != 1:
        return None
    (new,), (old,) = added, removed
    same = all(after[name] == before[name] for name in after.keys() & before.keys())
    return (old, new) if same and after[new] == before[old] else None


def _names(names: list[str], root: str) -> str:
    first = names[0].removeprefix(root)
    return first if len(names) == 1 else f"{first} and {plural(len(names) - 1, 'other file')}"
