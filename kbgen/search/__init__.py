"""Search for kbgen sites: a per-language lunr index built in Python, sharded by term, searched by lunr.js.

The package imports nothing itself: `kbgen check` needs only :mod:`kbgen.search.folders`, not the index builder.
"""
