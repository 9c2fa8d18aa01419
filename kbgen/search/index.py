"""Builds one lunr index per language with lunr.py, tokenised and processed by kbgen's own pipeline."""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.token import Token

from kbgen.digests import add_framed
from kbgen.search.chinese import segment_for_index
from kbgen.search.documents import SearchDocument
from kbgen.search.languages import fold, normalize_word, pipeline_label, process_word, stop_words
from kbgen.search.term_memo import DocumentTerms, TermMemo
from kbgen.search.tokenize import words

# Field name and build-time boost; lunr folds the boost into each stored term weight.
FIELDS: tuple[tuple[str, int], ...] = (("title", 10), ("summary", 3), ("text", 1))


@dataclass(frozen=True, slots=True)
class LanguageIndex:
    """A built index: lunr.py's inverted index and field vectors, and the documents in ref order."""

    key: str
    documents: tuple[SearchDocument, ...]
    inverted_index: dict[str, dict[str, Any]]
    # term -> per field (FIELDS order) ``[ref gap, weight in thousandths, ...]``, refs ascending: lunr's stored
    # weights (its field vectors, to three decimals) grouped by term, as the shards keep them
    postings: dict[str, list[list[int]]]
    spellings: dict[str, int]  # lower-case word -> number of documents, for did-you-mean suggestions
    folded: dict[str, int]  # the same words folded (``şifre`` and ``sifre`` as one) -> documents, for typos


@cache
def pipeline_function(key: str) -> Callable[..., list[str]]:
    """The lunr pipeline function for ``key``, registered with lunr.py under ``kbgen-<key>``."""

    def run(token: Token, i: int = 0, tokens: object = None) -> list[str]:
        return list(process_word(str(token), key))

    Pipeline.register_function(run, pipeline_label(key))
    return run


def index_words(text: str) -> list[tuple[str, bool]]:
    """kbgen's tokenizer: ``(word, is_han)`` as the browser splits text, Han runs segmented by jieba."""
    found: list[tuple[str, bool]] = []
    for word, han in words(text):
        if han:
            found.extend((part, True) for part in segment_for_index(word))
        else:
            found.append((word, False))
    return found


def document_digest(doc: SearchDocument, key: str) -> str:
    """Names a document's terms: its pipeline and the three indexed texts, nothing else."""
    hasher = hashlib.sha256(key.encode())
    for text in (doc.title, doc.summary, doc.text):
        add_framed(hasher, text.encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()[:32]


def document_terms(doc: SearchDocument, key: str, process: Callable[[str], tuple[str, ...]]) -> DocumentTerms:
    """Tokenise, normalise and stem one document's fields as the browser's query pipeline would."""
    counts: list[dict[str, int]] = []
    lengths: list[int] = []
    seen: set[str] = set()
    for text in (doc.title, doc.summary, doc.text):
        found: dict[str, int] = {}
        length = 0
        for word, han in index_words(text):
            for term in process(word):
                found[term] = found.get(term, 0) + 1
                length += 1
            if not han:
                seen.add(normalize_word(word, key))
        counts.append(found)
        lengths.append(length)
    return DocumentTerms(tuple(counts), tuple(lengths), tuple(sorted(seen)))


class _Builder(Builder):  # type: ignore[misc]
    """lunr.py's builder fed by kbgen's tokenizer (lunr.py's own lower-cases first and loses Turkish ``I``).

    Documents arrive already analysed (:class:`DocumentTerms`): each word went through the same function the
    registered ``kbgen-<key>`` pipeline runs, called directly, since a lunr ``Token`` and a pipeline pass per word
    were a fifth of the build time at 10,000 articles.
    """

    def add_terms(self, ref: str, terms: DocumentTerms) -> None:
        self._documents[ref] = {}
        self.document_count += 1
        for field_name, counts, length in zip(self._fields, terms.fields, terms.lengths, strict=True):
            field_ref = f"{field_name}/{ref}"  # lunr's FieldRef text
            self.field_term_frequencies[field_ref] = counts
            self.field_lengths[field_ref] = length
            for term in counts:
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                posting[field_name].setdefault(ref, {})

    def postings(self) -> dict[str, list[list[int]]]:
        """lunr.py's ``_create_field_vectors``, the same BM25 arithmetic in the same order, but kept by term as the
        shards store them (:attr:`LanguageIndex.postings`): no ``Vector`` insert (a binary search and two list
        inserts) per term, and no regrouping by term, with its sort, after."""
        k1, b = self._k1, self._b
        number = {name: n for n, name in enumerate(self._fields)}
        slots: dict[str, tuple[list[list[int]], list[int], float]] = {}
        for field_ref, frequencies in self.field_term_frequencies.items():
            field_name, doc_ref = field_ref.split("/", 1)
            ref, n = int(doc_ref), number[field_name]
            field_length = self.field_lengths[field_ref]
            field_boost = self._fields[field_name].boost
            doc_boost = self._documents[doc_ref].get("boost", 1)
            average = self.average_field_length[field_name]
            for term, tf in frequencies.items():
                slot = slots.get(term)
                if slot is None:  # lunr.py's idf (a document counts once per field that holds the term), inline
                    posting = self.inverted_index[term]
                    df = sum(len(posting[name]) for name in number)
                    idf = math.log(1 + abs((self.document_count - df + 0.5) / (df + 0.5)))
                    slot = slots[term] = ([[] for _ in number], [0] * len(number), idf)
                fields, previous, weight = slot
                score = weight * ((k1 + 1) * tf) / (k1 * (1 - b + b * (field_length / average)) + tf)
                score *= field_boost
                score *= doc_boost
                fields[n] += (ref - previous[n], round(round(score, 3) * 1000))
                previous[n] = ref
        return {term: slots[term][0] for term in self.inverted_index}


def build_language_index(documents: Sequence[SearchDocument], key: str, memo: TermMemo | None = None) -> LanguageIndex:
    """Index ``documents`` (all of one language) with refs ``"0"``, ``"1"``, ... in URL order.

    ``memo`` answers for documents an earlier build analysed and records this build's analyses.
    """
    ordered = tuple(sorted(documents, key=lambda doc: doc.url))
    builder = _Builder()
    builder.ref("ref")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    builder.pipeline.add(pipeline_function(key))
    builder.search_pipeline.add(pipeline_function(key))
    processed: dict[str, tuple[str, ...]] = {}

    def process(word: str) -> tuple[str, ...]:
        terms = processed.get(word)
        if terms is None:
            terms = processed[word] = process_word(word, key)
        return terms

    stops = stop_words(key)
    folds: dict[str, str] = {}  # a word's folded spelling, once per distinct word
    spellings: Counter[str] = Counter()
    folded: Counter[str] = Counter()
    for ref, doc in enumerate(ordered):
        if memo is None:
            terms = document_terms(doc, key, process)
        else:
            terms = memo.terms(document_digest(doc, key), partial(document_terms, doc, key, process))
        builder.add_terms(str(ref), terms)
        spellings.update(w for w in terms.seen if len(w) >= 3 and not w.isdigit() and w not in stops)
        folded.update({folds[w] if w in folds else folds.setdefault(w, fold(w)) for w in terms.seen})
    builder._calculate_average_field_lengths()
    postings = builder.postings()
    return LanguageIndex(key, ordered, builder.inverted_index, postings, dict(spellings), dict(folded))
