"""What `kbgen serve` prints in the terminal: every finding once, then, build after build, only what changed.

The first build prints its findings as `kbgen build` does. After that a save printed the whole list again: on a
help center with 2,400 overdue articles, 4,280 lines per save, with the one error the save brought somewhere in
the middle. Now each later build prints the findings it has that the build before it did not, then each one it
no longer has as `fixed: ...`, then its outcome line with the totals.
"""

from __future__ import annotations

from collections.abc import Callable

from kbgen.model import Finding


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
            self.say(line)
        self.say(outcome)
        self.findings, self._told = current, set(current)
