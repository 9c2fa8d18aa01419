"""Search for kbgen sites: a per-language lunr index built in Python, sharded by term, searched by lunr.js."""

from kbgen.search.build import build_search_assets
from kbgen.search.documents import SearchDocument

__all__ = ["SearchDocument", "build_search_assets"]
