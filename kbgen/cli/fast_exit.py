"""Ends `kbgen build` and `kbgen check` without tearing down their heaps.

At exit, Python frees every object the process still holds, one by one: for a build of 10,000 articles (600 MB
to 1 GB of pages, navigation and search text) that took 1.5 s of a 12 s one-edit rebuild and 3 s of a full build,
after the site was already published. A command that asks for it (`skip_teardown`, once its work can end no
other way than by returning) is ended by `leave` with `os._exit` instead, once its output is flushed: mypy's
hard exit does the same. Only the `kbgen` entry point calls `leave`, so a command run in-process (click's test
runner, a script importing kbgen) never ends its caller; and under a profiler or coverage, which report at the
normal exit, it exits normally.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import NoReturn

_requested = False


def skip_teardown() -> None:
    """Let `leave` end this process at once: the running command keeps no thread, child or file to finish."""
    global _requested
    _requested = True


def leave(code: str | int | None) -> NoReturn:
    """Exit with `code` (a SystemExit's: None, a number or a message), skipping the teardown when asked to."""
    if not _requested or sys.gettrace() is not None or sys.getprofile() is not None:
        sys.exit(code)  # a profiler or coverage tracer writes its report at the normal exit
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    logging.shutdown()  # flushes every handler, as the normal exit would
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`kbgen check | head`): nothing more to say
            status = status or 1
    os._exit(status)
