"""One updating status line on stderr during long runs, shown only to a person at a terminal.

A CI log is not a terminal (or has `CI` set, as every CI service does): there the line would be noise, so
nothing is written at all.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from typing import TextIO

_EVERY = 0.1  # seconds between redraws: smooth to the eye, cheap for a run over 100,000 files


class Progress:
    def __init__(self, stream: TextIO | None = None, environ: Mapping[str, str] = os.environ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream) and environ.get("CI", "").lower() in ("", "0", "false")
        self._drawn = 0
        self._last = 0.0

    def show(self, text: str, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self._last < _EVERY):
            return
        self._last = now
        self.stream.write("\r" + text.ljust(self._drawn))
        self.stream.flush()
        self._drawn = len(text)

    def counter(self, what: str) -> Callable[[int, int], None]:
        """A `progress(done, total)` callback that draws `what 1,234/5,678…`."""

        def update(done: int, total: int) -> None:
            self.show(f"{what} {done:,}/{total:,}…", force=done == total)

        return update

    def clear(self) -> None:
        """Erase the line, so the report that follows starts on a clean one."""
        if self.enabled and self._drawn:
            self.stream.write("\r" + " " * self._drawn + "\r")
            self.stream.flush()
            self._drawn = 0


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False
