"""Where kbgen's index build time goes, against plain lunr.py on the same documents.

    python bench/profile_build.py bench/out/10000/documents.jsonl

Reads the documents the bench hook saved, times plain lunr.py (``lunr.lunr`` with its own tokenizer,
English pipeline, one index for everything), then kbgen's ``search_files`` under cProfile, and prints the
functions where kbgen spends its time.
"""

from __future__ import annotations

import cProfile
import io
import json
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from kbgen.search import build  # noqa: E402
from kbgen.search.build import search_files  # noqa: E402
from kbgen.search.documents import SearchDocument  # noqa: E402


def load(path: Path) -> list[SearchDocument]:
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        docs.append(SearchDocument(**{**d, "versions": tuple(d["versions"])}))
    return docs


def main() -> None:
    docs = load(Path(sys.argv[1]))
    from lunr import lunr

    started = time.perf_counter()
    lunr(
        ref="url",
        fields=[{"field_name": "title", "boost": 10}, "summary", "text"],
        documents=[{"url": d.url, "title": d.title, "summary": d.summary, "text": d.text} for d in docs],
    )
    print(f"plain lunr.py, one index, {len(docs)} documents: {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    files = search_files(docs)
    print(f"kbgen search_files, languages in parallel: {time.perf_counter() - started:.1f} s, {len(files)} files")

    build.PARALLEL_FROM = len(docs) + 1  # profile in this process
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    search_files(docs)
    profiler.disable()
    print(f"kbgen search_files, serial, under cProfile: {time.perf_counter() - started:.1f} s")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(18)
    print(out.getvalue())


if __name__ == "__main__":
    main()
