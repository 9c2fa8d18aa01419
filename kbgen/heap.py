"""Keeps Python's cycle collector from walking, again and again, the objects kbgen keeps.

CPython collects young objects every 700 allocations (less frees) and the whole heap every hundred such passes,
a schedule for programs that keep little. kbgen keeps most of what it makes: a corpus, MkDocs' files and pages,
an index's analyses. At 10,000 articles the collector took 11 s of a 198 s build and a quarter of `kbgen check`,
walking objects that live on. `collect_less` gives every kbgen process the thresholds mypy runs with, a program
of the same shape: a young collection every 200,000 allocations.

At 10,000 articles a session holds millions of objects (the corpus, MkDocs' files, pages and navigation; in the
search process, every document's analysis) for as long as it shows the site. Each full collection walks all of
them and frees none: 0.8-1.0 s of each patch. `gc.freeze` moves what exists into a generation the collector never
walks; objects made later are collected as before, and `thaw` hands the kept ones back when the session goes.
(Freezing inside a one-shot build saved nothing: rendering makes most of what it keeps after the last point to
freeze at, and full collections came twice as often over the rest.)
"""

from __future__ import annotations

import gc

# Young objects between collections, then young and middle collections between older ones (CPython: 700, 10, 10).
THRESHOLDS = (200_000, 30, 30)


def collect_less() -> None:
    """For a kbgen process (the command line, and the search processes it spawns): collect less often."""
    gc.set_threshold(*THRESHOLDS)


def keep_until_thawed() -> None:
    """The objects made so far live until `thaw` (for serve: until the session's next build, or its end)."""
    gc.freeze()


def thaw() -> None:
    """Hand every kept object back to the collector, whose next full pass frees those no longer used."""
    gc.unfreeze()
