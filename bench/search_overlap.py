"""The search index built inline or in a background process while pages render: wall, CPU and the wait for it.

    python bench/search_overlap.py PROJECT/mkdocs.yml inline
    python bench/search_overlap.py PROJECT/mkdocs.yml background

PROJECT is a kbgen project such as `bench/build_scale.py --keep DIR` leaves in DIR/<N>. Each run builds in this
process (the mode forces kbgen.mkdocs_plugin.search.BACKGROUND_FROM) and prints its wall time, its own CPU
time and its children's (the background worker), and how long on_post_build spent writing or waiting for the
index.
"""

from __future__ import annotations

import resource
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kbgen.mkdocs_plugin import search  # noqa: E402
from kbgen.publishing.site_build import build_site  # noqa: E402


def main() -> None:
    config, mode = Path(sys.argv[1]), sys.argv[2]
    if mode == "inline":
        search.BACKGROUND_FROM = 10**9
    waited: list[float] = []
    write = search.SearchCollector.write

    def timed(self: search.SearchCollector, *args: Any, **kwargs: Any) -> None:
        started = time.perf_counter()
        write(self, *args, **kwargs)
        waited.append(time.perf_counter() - started)

    search.SearchCollector.write = timed  # type: ignore[method-assign]
    started = time.perf_counter()
    build_site(config, config.parent / f"site-{mode}", date(2026, 11, 26), strict=False)
    wall = time.perf_counter() - started
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"{mode}: wall {wall:.1f} s, CPU here {me.ru_utime + me.ru_stime:.1f} s, "
        f"CPU of children {kids.ru_utime + kids.ru_stime:.1f} s, search write/wait {waited[0]:.1f} s"
    )


if __name__ == "__main__":  # the background worker is spawned and imports this module again
    main()
