"""How long Python's cycle collector runs during one kbgen command, per generation.

    python bench/gc_time.py build --clean --today 2026-11-26 -d /tmp/out   (from a project folder)

Runs the `kbgen` command line in this process with a `gc.callbacks` timer, and prints on exit the collector's
total seconds, the number of collections of each generation and their seconds. Only this process is timed: the
search processes a build spawns are not. kbgen.heap sets the thresholds; `KBGEN_GC_DEFAULT=1` keeps CPython's
own, for a side-by-side run.
"""

from __future__ import annotations

import atexit
import gc
import os
import runpy
import sys
import time
from typing import Any

_spent = {"total": 0.0, "counts": [0, 0, 0], "seconds": [0.0, 0.0, 0.0]}
_started = [0.0]


def _timer(phase: str, info: dict[str, Any]) -> None:
    if phase == "start":
        _started[0] = time.perf_counter()
        return
    took = time.perf_counter() - _started[0]
    generation = info["generation"]
    _spent["total"] += took
    _spent["counts"][generation] += 1
    _spent["seconds"][generation] += took


def _report() -> None:
    seconds = ", ".join(f"{s:.2f}" for s in _spent["seconds"])
    print(
        f"gc: {_spent['total']:.2f} s; collections per generation {_spent['counts']}, seconds [{seconds}]; "
        f"thresholds {gc.get_threshold()}",
        file=sys.stderr,
    )


def main() -> None:
    if os.environ.get("KBGEN_GC_DEFAULT"):
        import kbgen.heap

        kbgen.heap.THRESHOLDS = gc.get_threshold()
    gc.callbacks.append(_timer)
    atexit.register(_report)
    sys.argv = ["kbgen", *sys.argv[1:]]
    runpy.run_module("kbgen", run_name="__main__")


if __name__ == "__main__":
    main()
