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

A common word's body postings are tiered (:func:`tier`): at 100,000 articles its body weights are most of the
bytes a query fetches, and the first page of results rarely needs them. The shard keeps every ref (so which
documents match, and how many, is known at once) and the weights that can decide a first page: those of the
documents holding the word in their title or summary, and the largest others. The other weights go to the
shard's tail file (``w``, same number); the shard bounds each of them by its bucket, one of sixteen a few
percent wide. The browser ranks with the bounds, and when they order the first page for certain (each hit's
lowest possible score above the next one's highest), it shows that page before fetching the tail
(``LanguageIndex.search`` in kb-search-core.js).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from kbgen.search.han_variants import index_variants
from kbgen.search.index import FIELDS, LanguageIndex
from kbgen.search.languages import pipeline_label, stop_words
from kbgen.search.synonyms import Group
from kbgen.search.titles import title_key, title_shard

# 2: content-hashed file names listed in the language manifest; 3: binary postings; 4: versions in their own file;
# 5: title keys in title files; 6: common words' body weights tiered into tail files
FORMAT = 6
# How many files of each kind share one content-derived name in the manifest (kbgen.search.build.group_name):
# result fragments (d), title files (h), typo neighbourhood shards (n), term shards (t) and their tails (w).
FILE_GROUPS = {"d": 256, "h": 16, "n": 16, "t": 16, "w": 16}
SHARD_BYTES = 12_000  # binary postings are about half the size of the JSON ones: as many shards as then, each smaller
TITLE_BYTES = 3_000  # a title file holds some 80 keys: about 1 KB gzipped fetched for a query's title
# A word's body postings are tiered from this many on; the largest TIER_KEEP of the weights not already kept
# stay in the shard, so a one-word query ranked by body text alone finds its first page there too.
TIER_FROM = 512
TIER_KEEP = 64
TIER_BUCKETS = 16
MAX_FRAGMENT_TEXT = 20_000
MAX_VOCABULARY = 20_000


def utf16_key(term: str) -> bytes:
    return term.encode("utf-16-be")


# one encoder for every file: json.dumps with options makes a new one per call, 18,000 calls in re-indexing a
# language of 4,000 articles
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps(value: Any) -> bytes:
    return _ENCODER.encode(value).encode("utf-8")


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


def _weights(weights: Sequence[int]) -> bytes:
    """The weights' high parts (``weight >> 8``) and then their low bytes, each run on its own."""
    return _varints([w >> 8 for w in weights]) + bytes(w & 0xFF for w in weights)


class Tier(NamedTuple):
    """How a word's body postings are split: ``extra`` the positions (in ref order) of the weights kept for being
    among the largest, ``edges`` the :data:`TIER_BUCKETS` + 1 weights bounding the buckets of those left to the
    tail, ``kept`` the kept weights and ``tail`` the others, both in ref order, ``buckets`` each tail weight's
    bucket (``edges[k] <= weight <= edges[k + 1]``)."""

    extra: list[int]
    edges: list[int]
    kept: list[int]
    tail: list[int]
    buckets: bytes


def bucket_edges(low: int, high: int) -> list[int]:
    """:data:`TIER_BUCKETS` + 1 whole weights from `low` to `high`, spaced evenly on a log scale (a bucket is then
    a few percent wide whatever the weights), each at least the one before."""
    ratio = high / max(low, 1)
    edges = [low, *(max(low, round(max(low, 1) * ratio ** (k / TIER_BUCKETS))) for k in range(1, TIER_BUCKETS)), high]
    return [min(edge, high) for edge in edges]


def tier(fields: Sequence[Sequence[int]]) -> Tier | None:
    """Splits the last field's postings (the body) when it has :data:`TIER_FROM` or more: kept are the weights of
    documents that hold the word in an earlier field (they are the ones its title and summary boosts rank first)
    and the :data:`TIER_KEEP` largest others (ties by ref); the tail holds the rest, each bounded in the shard by
    its bucket. None when nothing is left for the tail. Worked out on arrays: a common word has thousands of
    postings, and a few hundred such words were a third of laying a language's shards out."""
    if len(fields[-1]) < 2 * TIER_FROM:
        return None
    *earlier, body = fields
    pairs = np.fromiter(body, np.int64, len(body))
    refs, weights = np.cumsum(pairs[0::2]), pairs[1::2]
    holding = np.zeros(int(refs[-1]) + 1, dtype=bool)  # by ref: holds the word in an earlier field
    for flat in earlier:
        held = np.cumsum(np.fromiter(flat[0::2], np.int64, len(flat) // 2))
        holding[held[held <= refs[-1]]] = True
    keep = holding[refs]
    others = np.flatnonzero(~keep)
    if len(others) <= TIER_KEEP:
        return None
    other_weights = weights[others]
    cut = np.partition(other_weights, len(others) - TIER_KEEP)[len(others) - TIER_KEEP]  # the smallest kept
    above = others[other_weights > cut]
    ties = others[other_weights == cut][: TIER_KEEP - len(above)]  # ties go by ref
    extra = np.sort(np.concatenate([above, ties]))
    keep[extra] = True
    tail = weights[~keep]
    edges = bucket_edges(int(tail.min()), int(tail.max()))
    # bucket k holds edges[k] <= weight < edges[k + 1] (the last one up to edges[-1] too): the number of inner
    # edges at or below the weight
    buckets = np.searchsorted(np.array(edges[1:-1], dtype=np.int64), tail, side="right").astype(np.uint8)
    return Tier(extra.tolist(), edges, weights[keep].tolist(), tail.tolist(), buckets.tobytes())


def encode_postings(fields: Sequence[Sequence[int]], tiered: Tier | None = None) -> bytes:
    """One term's postings (the flat lists of :attr:`LanguageIndex.postings`), field by field: the ref gaps, the
    weights' high parts (``weight >> 8``) and the weights' low bytes, each run on its own. Runs of like values
    compress far better than the JSON lists did: at 100,000 articles, "expense approval" fetches 71 KB of
    postings, not 87 KB. With ``tiered``, the last field's weights are only the kept ones, after the gaps
    between the extra positions, and then the tail weights' buckets, a byte each."""
    parts: list[bytes] = []
    for n, flat in enumerate(fields):
        parts.append(_varints(flat[0::2]))
        if tiered is not None and n == len(fields) - 1:
            extra = tiered.extra
            gaps = [b - a for a, b in zip([-1, *extra], extra, strict=False)]
            parts += (_varints(gaps), _weights(tiered.kept), tiered.buckets)
        else:
            parts.append(_weights(flat[1::2]))
    return b"".join(parts)


def title_keys(index: LanguageIndex) -> dict[str, list[int]]:
    """Title key -> the refs of the documents with that title, ascending."""
    found: dict[str, list[int]] = {}
    keys = index.title_keys or [title_key(doc.title, index.key) for doc in index.documents]
    for ref, key in enumerate(keys):
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


class Shards(NamedTuple):
    """Where every shard begins (a term, or a start of one), every shard's bytes and every shard's tail (the
    tiered words' tail weights, in shard order; empty when the shard has none)."""

    firsts: list[str]
    shards: list[bytes]
    tails: list[bytes]


def shard_files(index: LanguageIndex) -> Shards:
    """The terms in shards of about :data:`SHARD_BYTES` (tails not counted), in UTF-16 order.

    An entry is ``[term, index, count per field]``, and for a tiered word also its bucket edges and the number
    of extra kept weights (:class:`Tier`)."""
    postings = index.postings
    out = Shards([], [], [])
    entries: list[list[Any]] = []
    binary: list[bytes] = []
    tails: list[bytes] = []
    size = 0
    previous = ""

    def close() -> None:
        out.shards.append(dumps({"terms": entries}) + b"\n" + b"".join(binary))
        out.tails.append(b"".join(tails))

    for name in sorted(postings, key=utf16_key):
        fields = postings[name]
        entry = [name, index.terms[name], *(len(flat) // 2 for flat in fields)]
        tiered = tier(fields)
        if tiered is not None:
            entry += [tiered.edges, len(tiered.extra)]
        encoded = index.encoded.get(name) if tiered is None else None
        if encoded is None:
            encoded = encode_postings(fields, tiered)
        entry_size = len(dumps(entry)) + len(encoded)
        if size and size + entry_size > SHARD_BYTES:
            close()
            entries, binary, tails, size = [], [], [], 0
        if not size:
            out.firsts.append(boundary(previous, name) if out.firsts else name)
        entries.append(entry)
        binary.append(encoded)
        if tiered is not None:
            tails.append(_weights(tiered.tail))
        size += entry_size
        previous = name
    if size:
        close()
    return out


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
    shards, ``w`` their tails (only the shards with a tiered word have one), ``n`` neighbourhood shards
    (``neighbours`` of them), ``h`` title files (``titles``) and ``d`` fragments one name a group of
    ``fileGroups`` of them, file ``k`` being
    ``<kind>/<files[kind][k // fileGroups[kind]]>-<k>.kbs``. ``counts`` gives ``neighbours`` and ``titles``.
    ``hanVariants``, when the index holds Han text, pairs traditional characters with its simplified ones
    (:mod:`han_variants`).
    """
    variants = index_variants(index.terms)
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
        | ({"hanVariants": variants} if variants else {})
    )
