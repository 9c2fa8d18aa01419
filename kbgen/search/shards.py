"""Lays a built language index out as small files the browser fetches on demand.

Terms are sorted in UTF-16 order (the order JavaScript compares strings in, and the order lunr.js's TokenSet
builder insists on) and cut into shards of about ``SHARD_BYTES``; the language manifest lists where each shard
begins (the shortest start of its first term that sorts after the shard before it: the manifest is fetched before
every first query), so a query fetches only the shards holding its terms. Title keys (:mod:`titles`), each with the
documents of that title, are hashed into title files of about ``TITLE_BYTES``: they are looked up whole, never by
a range, and their long keys kept the manifest's shard boundaries long. A posting keeps lunr's stored weight
(three decimals, as thousandths) per field and document: lunr scores a match as ``dot(query, document) /
|query|``, so these weights are all the browser needs to score exactly as lunr.py does over the whole index.

A term shard is a line of JSON (each term with its index and posting counts per field) and then
the terms' postings in binary (:func:`encode_postings`), read by ``readShard`` in kb-search-core.js.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kbgen.search.index import FIELDS, LanguageIndex
from kbgen.search.languages import pipeline_label, stop_words
from kbgen.search.synonyms import Group
from kbgen.search.titles import title_key, title_shard

# 2: content-hashed file names listed in the language manifest; 3: binary postings; 4: versions in their own file;
# 5: title keys in title files
FORMAT = 5
# How many files of each kind share one content-derived name in the manifest (kbgen.search.build.group_name):
# result fragments (d), title files (h), typo neighbourhood shards (n) and term shards (t).
FILE_GROUPS = {"d": 256, "h": 16, "n": 16, "t": 16}
SHARD_BYTES = 12_000  # binary postings are about half the size of the JSON ones: as many shards as then, each smaller
TITLE_BYTES = 3_000  # a title file holds some 80 keys: about 1 KB gzipped fetched for a query's title
MAX_FRAGMENT_TEXT = 20_000
MAX_VOCABULARY = 20_000


def utf16_key(term: str) -> bytes:
    return term.encode("utf-16-be")


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _varints(values: Sequence[int]) -> bytes:
    """Each value in 7-bit groups, low group first, the high bit set on all but the last (unsigned LEB128)."""
    if not values or max(values) < 0x80:
        return bytes(values)  # the usual case: gaps between refs and the weights' high parts are small
    out = bytearray()
    for value in values:
        while value >= 0x80:
            out.append(value & 0x7F | 0x80)
            value >>= 7
        out.append(value)
    return bytes(out)


def encode_postings(fields: Sequence[Sequence[int]]) -> bytes:
    """One term's postings (the flat lists of :attr:`LanguageIndex.postings`), field by field: the ref gaps, the
    weights' high parts (``weight >> 8``) and the weights' low bytes, each run on its own. Runs of like values
    compress far better than the JSON lists did: at 100,000 articles, "expense approval" fetches 71 KB of
    postings, not 87 KB."""
    parts: list[bytes] = []
    for flat in fields:
        weights = flat[1::2]
        parts += (_varints(flat[0::2]), _varints([w >> 8 for w in weights]), bytes(w & 0xFF for w in weights))
    return b"".join(parts)


def title_keys(index: LanguageIndex) -> dict[str, list[int]]:
    """Title key -> the refs of the documents with that title, ascending."""
    found: dict[str, list[int]] = {}
    for ref, doc in enumerate(index.documents):
        key = title_key(doc.title, index.key)
        if key:
            found.setdefault(key, []).append(ref)
    return found


def title_files(index: LanguageIndex) -> list[bytes]:
    """The title keys in files of about :data:`TITLE_BYTES`, key ``k`` in file ``title_shard(k, count)``; none
    when no document has a title key."""
    titles = title_keys(index)
    size = sum(len(dumps([key, refs])) for key, refs in titles.items())
    count = -(-size // TITLE_BYTES)
    files: list[dict[str, list[int]]] = [{} for _ in range(count)]
    for key, refs in titles.items():
        files[title_shard(key, count)][key] = refs
    return [dumps(found) for found in files]


def boundary(previous: str, first: str) -> str:
    """The shortest start of `first` that sorts after `previous` (UTF-16 order): every term of a shard sorts at or
    after its boundary and every term of the shard before it sorts below, which is all a lookup needs."""
    after = utf16_key(previous)
    return next(first[:n] for n in range(1, len(first) + 1) if utf16_key(first[:n]) > after)


def shard_files(index: LanguageIndex) -> tuple[list[str], list[bytes]]:
    """Where every shard begins (a term, or a start of one) and every shard's bytes."""
    postings = index.postings
    firsts: list[str] = []
    shards: list[bytes] = []
    entries: list[list[Any]] = []
    binary: list[bytes] = []
    size = 0
    previous = ""
    for name in sorted(postings, key=utf16_key):
        fields = postings[name]
        entry = [name, index.terms[name], *(len(flat) // 2 for flat in fields)]
        encoded = encode_postings(fields)
        entry_size = len(dumps(entry)) + len(encoded)
        if size and size + entry_size > SHARD_BYTES:
            shards.append(dumps({"terms": entries}) + b"\n" + b"".join(binary))
            entries, binary, size = [], [], 0
        if not size:
            firsts.append(boundary(previous, name) if firsts else name)
        entries.append(entry)
        binary.append(encoded)
        size += entry_size
        previous = name
    if size:
        shards.append(dumps({"terms": entries}) + b"\n" + b"".join(binary))
    return firsts, shards


def fragment(index: LanguageIndex, ref: int) -> bytes:
    """What a result shows: title, URL, category, versions, summary and the text snippets are cut from."""
    doc = index.documents[ref]
    shown: dict[str, object] = {
        "c": doc.category,
        "s": doc.summary,
        "t": doc.title,
        "u": doc.url,
        "v": [] if doc.all_versions else sorted(set(doc.versions)),
        "x": doc.text[:MAX_FRAGMENT_TEXT],
    }
    if doc.section and doc.section != doc.category:
        shown["p"] = doc.section  # the section path, only where it says more than the category
    return dumps(shown)


def vocabulary(index: LanguageIndex) -> bytes:
    """The most common spellings of indexed words with their document counts, for did-you-mean suggestions."""
    common = sorted(index.spellings.items(), key=lambda item: (-item[1], item[0]))[:MAX_VOCABULARY]
    return dumps({"words": sorted([word, df] for word, df in common)})


def versions(index: LanguageIndex) -> bytes:
    """Each document's product versions, for the version filter: ``versionSets`` lists each distinct set once
    (``[]`` for all versions) and ``docVersions[ref]`` points into it. Fetched only once a reader filters."""
    version_sets: list[list[str]] = []
    known: dict[tuple[str, ...], int] = {}
    doc_versions: list[int] = []
    for doc in index.documents:
        found = () if doc.all_versions else tuple(sorted(set(doc.versions)))
        if found not in known:
            known[found] = len(version_sets)
            version_sets.append(list(found))
        doc_versions.append(known[found])
    return dumps({"docVersions": doc_versions, "versionSets": version_sets})


def manifest(
    index: LanguageIndex,
    lang: str,
    firsts: list[str],
    files: dict[str, Any],
    synonyms: list[Group],
    counts: dict[str, int],
) -> bytes:
    """Everything a query needs before its first shard: where each shard begins and every file's name.

    ``files`` names the content-derived files below ``immutable/<lang>/``: ``v`` the vocabulary
    (``v/<name>.kbs``) and ``r`` the documents' versions (``r/<name>.kbs``, :func:`versions`); ``t`` term
    shards, ``n`` neighbourhood shards (``neighbours`` of them), ``h`` title files (``titles``) and ``d``
    fragments one name a group of ``fileGroups`` of them, file ``k`` being
    ``<kind>/<files[kind][k // fileGroups[kind]]>-<k>.kbs``. ``counts`` gives ``neighbours`` and ``titles``.
    """
    return dumps(
        {
            "docs": len(index.documents),
            "fields": [name for name, _ in FIELDS],
            "files": files,
            "format": FORMAT,
            "key": index.key,
            "lang": lang,
            "fileGroups": FILE_GROUPS,
            "neighbours": counts["neighbours"],
            "pipeline": [pipeline_label(index.key)],
            "shards": firsts,
            "stopWords": sorted(stop_words(index.key)),
            "synonyms": synonyms,
            "titles": counts["titles"],
        }
    )
