"""Keeps Python's cycle collector from walking, again and again, the objects kbgen keeps.

CPython collects young objects every 700 allocations (less frees), and the whole heap after every tenth pass over
the middle generation: a schedule for programs that keep little. kbgen keeps most of what it makes (a corpus,
MkDocs' files and pages, an index's analyses), so at 10,000 articles the collector took 11 s of a build, 7 of
them in 23-44 walks of the whole heap that freed next to nothing, and a tenth of `kbgen check`. `collect_less`
keeps the young and middle schedule and walks the whole heap a hundred times less often: the build's collections
took 3.6 s. (mypy's larger young generation, 200,000, cost more here than it saved: 6.5 s.)

`kbgen serve` also keeps a build for its session: at 10,000 articles, millions of objects (the corpus, MkDocs'
files, pages and navigation; in the search process, every document's analysis) for as long as it shows the site.
Each full collection walks all of them and frees none: 0.8-1.0 s of each patch. `gc.freeze` moves what exists
into a generation the collector never walks; objects made later are collected as before, and `thaw` hands the
kept ones back when the session goes. (Freezing inside a one-shot build saved nothing: rendering makes most of
what it keeps after the last point to freeze at, and full collections came twice as often over the rest.)
"""

from __future__ import annotations

import atexit
import gc
import os

# Allocations between young collections, young between middle ones, middle between whole-heap ones (CPython: 700,
# 10, 10).
THRESHOLDS = (700, 10, 1000)


def collect_less() -> None:
    """For a kbgen process (the command line, and the search processes it spawns): collect less often."""
    gc.set_threshold(*THRESHOLDS)


def collect_less_and_end_at_once() -> None:
    """For a worker process that keeps a large heap to its end (a build's search process: every document's
    analysis): collect less often, and once the worker has ended its work and flushed its output, leave the heap
    to the system instead of freeing it object by object at interpreter exit (a tenth of a second at 10,000
    articles, which the build waited for)."""
    collect_less()
    atexit.register(os._exit, 0)  # the last handler registered runs first: nothing after it needs running


def keep_until_thawed() -> None:
    """The objects made so far live until `thaw` (for serve: until the session's next build, or its end)."""
    gc.freeze()


def thaw() -> None:
    """Hand every kept object back to the collector, whose next full pass frees those no longer used."""
    gc.unfreeze()
