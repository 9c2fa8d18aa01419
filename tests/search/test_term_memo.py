"""Each document's analysis is kept between builds: the index is the same with or without it, a rebuild analyses
only what changed, and a damaged memo costs time, never a wrong index."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lunr.builder import Builder

from kbgen.search import term_memo
from kbgen.search.build import search_files
from kbgen.search.documents import SearchDocument
from kbgen.search.index import (
    FIELDS,
    LanguageIndex,
    _Builder,
    build_language_index,
    document_digest,
    document_terms,
)
from kbgen.search.languages import language_key, process_word
from kbgen.search.term_memo import TermMemo, TermStore
from tests.support.search import field_vectors, load_articles, record_analysed_documents, shaped_documents


@pytest.fixture(scope="module")
def articles() -> list[SearchDocument]:
    return load_articles()


def _as_lunr_adds(builder: _Builder) -> dict[str, dict[str, Any]]:
    """The inverted index lunr.py's own ``Builder.add`` keeps for the same fields (kbgen's builder keeps none):
    each term numbered in the order it first appears, and every ref of every field that holds it."""
    index: dict[str, dict[str, Any]] = {}
    for field_ref, counts in builder.field_term_frequencies.items():
        field, ref = field_ref.split("/", 1)
        for term in counts:
            if term not in index:
                index[term] = {"_index": len(index), **{name: {} for name, _ in FIELDS}}
            index[term][field][ref] = {}
    return index


def _ours_and_lunrs(docs: list[SearchDocument], key: str) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """kbgen's postings read back as field vectors, and lunr.py's own field vectors for the same builder."""
    builder = _Builder()
    builder.ref("ref")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for ref, doc in enumerate(docs):
        builder.add_terms(str(ref), document_terms(doc, key, lambda word: process_word(word, key)))
    builder._calculate_average_field_lengths()
    postings = builder.postings()
    ours = field_vectors(LanguageIndex(key, tuple(docs), builder.numbers, postings, {}, {}))
    builder.inverted_index = _as_lunr_adds(builder)
    Builder._create_field_vectors(builder)
    # an empty field's vector is empty: no posting reads back as it
    return ours, {ref: vector.elements for ref, vector in builder.field_vectors.items() if vector.elements}


@pytest.mark.parametrize("lang", ["en", "tr", "ro", "zh"])
def test_vectors_are_lunr_py_own(articles: list[SearchDocument], lang: str) -> None:
    """kbgen computes the BM25 weights itself, straight into per-term postings; read back as field vectors, they
    must be exactly lunr.py's for the same builder."""
    docs = sorted((a for a in articles if a.lang == lang), key=lambda a: a.url)
    assert len(docs) >= 5
    ours, lunrs = _ours_and_lunrs(docs, language_key(lang))
    assert ours == lunrs


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 40), st.integers(0, 400), st.integers(1, 6)), min_size=1))
def test_vectors_are_lunr_py_own_for_any_field_lengths(shapes: list[tuple[int, int, int, int]]) -> None:
    """Every weight is lunr.py's to the last of its three decimals, whatever the field lengths and counts (every
    weight kbgen stores takes a quicker rounding than lunr.py's unless it is a hair from a half), and an index
    whose documents all leave a field empty has no weights in it rather than failing."""
    docs = shaped_documents(shapes)
    ours, lunrs = _ours_and_lunrs(docs, language_key("en"))
    assert ours == lunrs


def test_an_index_built_from_remembered_terms_is_the_same_files(articles: list[SearchDocument], tmp_path: Path) -> None:
    store = TermStore(f"{tmp_path}/t-", f"{tmp_path}/t-", "code-1")
    assert search_files(articles, terms=store) == search_files(articles)  # first build: everything analysed, kept
    edited = list(articles)
    first_en = next(i for i, a in enumerate(edited) if a.lang == "en")
    edited[first_en] = replace(edited[first_en], text=edited[first_en].text + " Freshly added words.")
    assert search_files(edited, terms=store) == search_files(edited)


def test_a_rebuild_analyses_only_the_changed_document(
    articles: list[SearchDocument],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = TermStore(f"{tmp_path}/t-", f"{tmp_path}/t-", "code-1")
    search_files(articles, terms=store)
    analysed = record_analysed_documents(monkeypatch)
    edited = list(articles)
    changed = next(i for i, a in enumerate(edited) if a.lang == "tr")
    edited[changed] = replace(edited[changed], title=edited[changed].title + " yeni")
    search_files(edited, terms=store)
    assert analysed == [edited[changed].url]


@pytest.mark.parametrize(
    "damage",
    [
        "not json",
        json.dumps({"format": 1, "key": "code-0", "documents": {}}),  # made by other code
        "garbage-counts",
        "short-entry",
        "title-key-not-text",
        "no-tab",
        json.dumps([1, 2, 3]),
    ],
)
def test_a_damaged_or_foreign_memo_is_analysed_again(
    articles: list[SearchDocument],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    damage: str,
) -> None:
    store = TermStore(f"{tmp_path}/t-", f"{tmp_path}/t-", "code-1")
    search_files(articles, terms=store)
    memo_file = tmp_path / "t-en.json"
    header, *lines = memo_file.read_text(encoding="utf-8").splitlines()
    digest, _, first = lines[0].partition("\t")
    entry = json.loads(first)
    if damage == "garbage-counts":
        entry[0][2] = {"reset": "many"}
    elif damage == "title-key-not-text":
        entry[3] = ["a", "list"]
    elif damage == "short-entry":
        entry = [[{}], [0]]
    if damage in ("garbage-counts", "title-key-not-text", "short-entry"):
        text = "\n".join([header, f"{digest}\t{json.dumps(entry)}", *lines[1:]])
    elif damage == "no-tab":
        text = "\n".join([header, digest + first, *lines[1:]])
    else:
        text = damage
    memo_file.write_text(text, encoding="utf-8")
    analysed = record_analysed_documents(monkeypatch)
    remembered = search_files(articles, terms=store)
    assert sorted(analysed) == sorted(a.url for a in articles if a.lang == "en")  # English afresh, nothing else
    assert remembered == search_files(articles)


def test_a_language_saved_again_keeps_each_unchanged_analysis_as_it_was_written(
    articles: list[SearchDocument], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving after a one-article edit writes back the lines read for the analyses that did not change (printing
    4,000 of them again was a quarter of a second), and the edited article's new one."""
    store = TermStore(f"{tmp_path}/t-", f"{tmp_path}/t-", "code-1")
    search_files(articles, terms=store)
    before = set((tmp_path / "t-en.json").read_text(encoding="utf-8").splitlines()[1:])
    edited = list(articles)
    changed = next(i for i, a in enumerate(edited) if a.lang == "en")
    edited[changed] = replace(edited[changed], text=edited[changed].text + " Freshly added words.")
    printed: list[object] = []
    original = json.dumps

    def printing(value: object, **options: Any) -> str:
        printed.append(value)
        return original(value, **options)

    monkeypatch.setattr(term_memo.json, "dumps", printing)
    search_files(edited, terms=store)
    monkeypatch.undo()
    after = set((tmp_path / "t-en.json").read_text(encoding="utf-8").splitlines()[1:])
    assert len(after - before) == 1 and len(before - after) == 1  # the edited article's analysis, replaced
    assert sum(isinstance(value, list) for value in printed) == 1  # and only it printed
    assert search_files(edited, terms=store) == search_files(edited)


def test_the_memo_names_documents_by_their_texts_only(articles: list[SearchDocument]) -> None:
    doc = articles[0]
    assert document_digest(replace(doc, url="elsewhere/", versions=("9",)), "en") == document_digest(doc, "en")
    assert document_digest(replace(doc, summary=doc.summary + "x"), "en") != document_digest(doc, "en")
    assert document_digest(doc, "en") != document_digest(doc, "tr")  # another pipeline, other terms
    # moving text between fields is another document, though the concatenation is the same
    assert document_digest(replace(doc, title="ab", summary="c"), "en") != document_digest(
        replace(doc, title="a", summary="bc"), "en"
    )


def test_build_language_index_with_an_empty_memo_records_every_document(articles: list[SearchDocument]) -> None:
    english = [a for a in articles if a.lang == "en"]
    memo = TermMemo()
    assert build_language_index(english, "en", memo) == build_language_index(english, "en")
    assert memo.analysed == len(english) and len(memo.used) == len(english)


def test_analyses_read_ahead_serve_the_next_load_of_each_language_once(
    articles: list[SearchDocument], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild's search process reads the analyses while its build loads the content: the index then uses
    what it read, and a later load reads the file again."""
    store = TermStore(f"{tmp_path}/t-", f"{tmp_path}/t-", "code-1")
    search_files(articles, terms=store)
    store.read_ahead()
    for memo_file in tmp_path.glob("t-*.json"):
        memo_file.write_text("damaged after it was read", encoding="utf-8")
    analysed = record_analysed_documents(monkeypatch)
    remembered = search_files(articles, terms=store)
    assert analysed == []  # every analysis came from what was read ahead, none from the damaged files
    assert remembered == search_files(articles)
    assert store.load("en").known == {}  # taken once: the damaged file is read now


def test_analyses_read_ahead_for_named_languages_leave_the_others_to_their_load(tmp_path: Path) -> None:
    """A rebuild reads ahead only the languages its edits touched: the others are read when (if ever) asked for."""
    english = SearchDocument("en/a/", "Reset your password", "", "Open the security page.", "en", "Account")
    turkish = SearchDocument("tr/b/", "Şifrenizi sıfırlayın", "", "Güvenlik sayfasını açın.", "tr", "Hesap")
    store = TermStore(f"{tmp_path}/t-", f"{tmp_path}/t-", "code-1")
    search_files([english, turkish], terms=store)
    store.read_ahead(["en"])
    for memo_file in tmp_path.glob("t-*.json"):
        memo_file.write_text("damaged after the read ahead", encoding="utf-8")
    assert len(store.load("en").known) == 1  # read before the damage
    assert store.load("tr").known == {}  # not read ahead: read now, from the damaged file
