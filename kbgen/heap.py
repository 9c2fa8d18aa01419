"""Keeps Python's cycle collector off the build `kbgen serve` keeps for patching.

At 10,000 articles a session holds millions of objects (the corpus, MkDocs' files, pages and navigation; in the
search process, every document's analysis) for as long as it shows the site. Each full collection walks all of
them and frees none: 0.8-1.0 s of each patch. `gc.freeze` moves what exists into a generation the collector never
walks; objects made later are collected as before, and `thaw` hands the kept ones back when the session goes.
(Freezing inside a one-shot build saved nothing: rendering makes most of what it keeps after the last point to
freeze at, and full collections came twice as often over the rest.)
"""

from __future__ import annotations

import gc


def keep_until_thawed() -> None:
    """The objects made so far live until `thaw` (for serve: until the session's next build, or its end)."""
    gc.freeze()


def thaw() -> None:
    """Hand every kept object back to the collector, whose next full pass frees those no longer used."""
    gc.unfreeze()
