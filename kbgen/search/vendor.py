"""Finds lunr.js and the lunr-languages files the browser needs inside the installed mkdocs / material
packages.

They are copied from there at build time, never fetched from a CDN and never committed to this repository, and
minified on the way (rjsmin: comments and whitespace only), their licence header kept; lunr.js also loses the parts
the browser never runs (:data:`_UNUSED`).
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

import rjsmin

# Output name -> candidate locations (package, path inside it), first existing wins. Material's copies of the
# language files are minified; lunr.js itself only ships standalone with mkdocs. Turkish is stemmed by kbgen itself
# (kbgen/search/stem_tr.py and kb-search-core.js), so lunr.tr.js is not shipped.
_SOURCES: dict[str, tuple[tuple[str, str], ...]] = {
    "lunr.js": (("mkdocs", "contrib/search/templates/search/lunr.js"),),
    "lunr.stemmer.support.js": (
        ("material", "templates/assets/javascripts/lunr/min/lunr.stemmer.support.min.js"),
        ("mkdocs", "contrib/search/lunr-language/lunr.stemmer.support.js"),
    ),
    "lunr.ro.js": (
        ("material", "templates/assets/javascripts/lunr/min/lunr.ro.min.js"),
        ("mkdocs", "contrib/search/lunr-language/lunr.ro.js"),
    ),
}


_HEADER = re.compile(r"\A\s*/\*.*?\*/\s*", re.S)  # lunr.js opens with its name, version, copyright and licence

# Parts of lunr.js (2.3) the browser never runs, each from its first line up to the next part kept: kbgen scores
# from its own shards (kb-search-core.js), splits words and drops stop words itself, and takes from lunr only its
# tokens, pipeline registry (for lunr-languages), stemmer, stop word filter factory (lunr-languages) and TokenSet,
# for wildcards. Dropped: FieldRef, Set and idf; the tokenizer; Vector; English's stop word list and the trimmer;
# Index, Builder, MatchData, Query and its parser. About 6 KB of the 10 KB (gzip) a reader's first search fetched.
# A lunr.js without these markers is shipped whole.
_UNUSED = (
    ("\nlunr.FieldRef = ", "\n/**\n * A token wraps"),
    ("/*!\n * lunr.tokenizer\n", "/*!\n * lunr.Pipeline\n"),
    ("/*!\n * lunr.Vector\n", "/*!\n * lunr.stemmer\n"),
    ("lunr.stopWordFilter = lunr.generateStopWordFilter([", "/*!\n * lunr.TokenSet\n"),
    ("/*!\n * lunr.Index\n", "\n  /**\n   * export the module"),
)


class VendorFileMissing(RuntimeError):
    """The installed mkdocs/material packages do not contain a lunr file kbgen needs (a tool failure)."""


def _package_dir(package: str) -> Path | None:
    # find_spec locates a top-level package without importing it, so the core never imports mkdocs.
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def vendor_sources() -> dict[str, Path]:
    """Output file name -> the installed file it is copied from."""
    found: dict[str, Path] = {}
    for name, candidates in _SOURCES.items():
        for package, relative in candidates:
            root = _package_dir(package)
            if root is not None and (root / relative).is_file():
                found[name] = root / relative
                break
        else:
            raise VendorFileMissing(f"{name} not found in the installed mkdocs or mkdocs-material package")
    return found


def without_unused(text: str) -> str:
    """lunr.js without the parts in _UNUSED, or as it is when any of their markers is missing."""
    kept = text
    for start, end in _UNUSED:
        begin = kept.find(start)
        stop = kept.find(end, begin + 1) if begin >= 0 else -1
        if stop < 0:
            return text
        kept = kept[:begin] + kept[stop:]
    return kept


@cache
def vendor_files() -> dict[str, bytes]:
    """Output file name -> its minified text, the leading comment (name, version, licence) kept as written."""
    files: dict[str, bytes] = {}
    for name, source in vendor_sources().items():
        text = source.read_text(encoding="utf-8")
        if name == "lunr.js":
            text = without_unused(text)
        header = _HEADER.match(text)
        kept = header.group(0).strip() + "\n" if header else ""
        files[name] = (kept + rjsmin.jsmin(text[header.end() if header else 0 :])).encode("utf-8")
    return files
