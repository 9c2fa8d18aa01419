"""Traditional Chinese characters in a query read as the simplified ones an index holds, the same on both sides.

A reader in Taiwan or Hong Kong types ``項目`` where a simplified help center writes ``项目``; the two share no
index term, so without this the query finds nothing or the wrong article. Each language's manifest ships, as one
string of character pairs, the traditional forms of the simplified characters its index holds (and only those:
a character the index holds itself is never replaced), so the table costs a help center with little Han text
nothing and one with much of it a few kilobytes. The browser (``kb-search-core.js``, ``hanVariants``) and
tests/search/reference_search.py replace them in the query before it is analysed. The table is OpenCC's (see
``han_variants.tsv``); phrase-level differences (``軟件`` against ``软件``) are left to the characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from kbgen.search.tokenize import is_han

_TABLE = Path(__file__).with_name("han_variants.tsv")


@cache
def traditional_to_simplified() -> dict[str, str]:
    """Every traditional character of the table with its simplified form."""
    table: dict[str, str] = {}
    for line in _TABLE.read_text(encoding="utf-8").splitlines():
        if line[:1] != "#":
            traditional, simplified = line.split("\t")
            table[traditional] = simplified
    return table


def index_variants(terms: Iterable[str]) -> str:
    """The pairs a manifest ships for an index of ``terms``: each traditional character whose simplified form is in
    a Han term and which is in none itself, followed by that form; sorted, so a rebuild is byte-identical."""
    held = {ch for term in terms if is_han(term) for ch in term}
    if not held:
        return ""
    table = traditional_to_simplified()
    return "".join(t + s for t, s in sorted(table.items()) if s in held and t not in held)


def parse_variants(pairs: str) -> dict[str, str]:
    """The manifest's string of pairs as a mapping."""
    chars = list(pairs)
    return dict(zip(chars[::2], chars[1::2], strict=True))


def simplify(text: str, variants: Mapping[str, str]) -> str:
    """``text`` with each character the mapping names replaced."""
    return "".join(variants.get(ch, ch) for ch in text) if variants else text
