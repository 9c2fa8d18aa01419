"""The typo neighbourhood shards miss no word within reach of a query word, and a query reads only a few."""

from __future__ import annotations

import json
import random

import pytest

from kbgen.search.shards import dumps
from kbgen.search.typos import NEIGHBOUR_BYTES, max_edits, neighbourhood, pair_shard, pairs, typo_form, typo_words
from tests.search.reference_search import corrections, osa_distance
from tests.support.search import load_articles

LETTERS = "abcdefghijklmnopqrstuvwxyzşıçğöüăâîţ"


def edits(word: str, rng: random.Random) -> str:
    chars = list(word)
    at = rng.randrange(len(chars) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        del chars[at]
    elif kind == 1:
        chars.insert(at, rng.choice(LETTERS))
    elif kind == 2:
        chars[at], chars[at + 1] = chars[at + 1], chars[at]
    else:
        chars[at] = rng.choice(LETTERS)
    return "".join(chars)


def looked_up(shards: list[dict[str, list[list[str | int]]]], query: str) -> dict[str, int]:
    """What the browser reads for ``query``: the words filed under its pairs, in the shards of those pairs."""
    found: dict[str, int] = {}
    for pair in pairs(query, max_edits(len(query))):
        for word, count in shards[pair_shard(pair, len(shards))].get(pair, []):
            found[str(word)] = int(count)
    return found


@pytest.fixture(scope="module")
def vocabulary() -> dict[str, int]:
    counts: dict[str, int] = {}
    for doc in load_articles():
        if doc.lang in ("en", "tr", "ro"):
            for word in {typo_form(w, doc.lang) for w in f"{doc.title} {doc.text}".split()}:
                if word.isalpha():
                    counts[word] = counts.get(word, 0) + 1
    return typo_words(counts, "en")


def test_every_word_within_reach_is_found(vocabulary: dict[str, int]) -> None:
    shards = neighbourhood(vocabulary)
    rng = random.Random(16)
    words = sorted(vocabulary)
    checked = 0
    for word in rng.sample(words, 300):
        query = edits(word, rng)
        if rng.random() < 0.4:
            query = edits(query, rng)  # two edits: only long words may be corrected that far
        limit = max_edits(len(query))
        if not limit:
            continue
        within = {w for w in vocabulary if osa_distance(query, w, limit) <= limit}
        assert within <= set(looked_up(shards, query)), query
        expected = corrections(query, vocabulary.items(), limit, 5)
        assert corrections(query, looked_up(shards, query).items(), limit, 5) == expected
        checked += bool(within)
    assert checked > 200


@pytest.mark.parametrize(("length", "most"), [(5, 3), (8, 3), (9, 6), (14, 6)])
def test_a_query_word_reads_three_or_six_shards(length: int, most: int) -> None:
    word = "abcdefghijklmnopqrstuvwxyz"[:length]
    assert len(pairs(word, max_edits(length))) == most


def test_shards_stay_small(vocabulary: dict[str, int]) -> None:
    many = {f"{w}{suffix}": n for w, n in vocabulary.items() for suffix in ("", "s", "ed", "ing", "ment")}
    shards = neighbourhood(many)
    sizes = [len(dumps(shard)) for shard in shards]
    assert len(shards) > 10
    assert sum(sizes) / len(sizes) <= NEIGHBOUR_BYTES
    assert max(sizes) <= 3 * NEIGHBOUR_BYTES
    assert json.loads(dumps(shards[0])) == shards[0]


def test_short_words_numbers_and_stop_words_are_never_corrections(monkeypatch: pytest.MonkeyPatch) -> None:
    given = {"sifre": 3, "key": 9, "12345": 5, "icin": 7, "olarak": 4, "sifirlama": 2}
    assert typo_words(given, "tr") == {"sifre": 3, "sifirlama": 2}
    monkeypatch.setattr("kbgen.search.typos.MAX_WORDS", 1)
    assert typo_words(given, "tr") == {"sifre": 3}  # the commonest are kept


def test_typos_are_measured_after_the_languages_own_folding() -> None:
    assert typo_form("ŞİFRE", "tr") == typo_form("şifre", "tr") == "sifre"
    assert typo_form("SIFIRLAMA", "tr") == "sifirlama"
    assert typo_form("Preţuri", "ro") == typo_form("prețuri", "ro") == "preturi"
