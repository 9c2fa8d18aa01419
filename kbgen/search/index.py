"""Builds one lunr index per language with lunr.py, tokenised and processed by kbgen's own pipeline."""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from itertools import chain

import numpy as np
from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.token import Token

from kbgen.digests import add_framed
from kbgen.search.chinese import load_dictionary, segment_for_index
from kbgen.search.documents import SearchDocument
from kbgen.search.languages import fold, language_key, normalize_word, pipeline_label, process_word, stop_words
from kbgen.search.posting_bytes import encoded_terms
from kbgen.search.term_memo import DocumentTerms, TermMemo
from kbgen.search.titles import title_key
from kbgen.search.tokenize import words

# Field name and build-time boost; lunr folds the boost into each stored term weight.
FIELDS: tuple[tuple[str, int], ...] = (("title", 10), ("summary", 3), ("text", 1))


@dataclass(frozen=True, slots=True)
class LanguageIndex:
    """A built index: lunr.py's term numbers and stored weights, and the documents in ref order."""

    key: str
    documents: tuple[SearchDocument, ...]
    # term -> lunr's term index (its number in the order terms first appear), in that order
    terms: dict[str, int]
    # term -> per field (FIELDS order) ``[ref gap, weight in thousandths, ...]``, refs ascending: lunr's stored
    # weights (its field vectors, to three decimals) grouped by term, as the shards keep them
    postings: dict[str, list[list[int]]]
    spellings: dict[str, int]  # lower-case word -> number of documents, for did-you-mean suggestions
    folded: dict[str, int]  # the same words folded (``şifre`` and ``sifre`` as one) -> documents, for typos
    title_keys: tuple[str, ...] = ()  # each document's title key, in ref order (none: worked out when asked)
    encoded: dict[str, bytes] = field(default_factory=dict)  # term -> postings as a shard stores them untiered


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


def prepare_analysis(languages: Iterable[str]) -> None:
    """Build now what analysing `languages` needs on first use in a process: the word pattern, each language's
    stop words and stemmer, jieba's dictionary for Chinese (0.2 s and 0.7 s). A rebuild's search process does it
    while the build loads its content, so the language an edit changed is indexed without that wait."""
    for lang in languages:
        key = language_key(lang)
        for word, _ in index_words("articles"):
            process_word(word, key)
        if key == "zh":
            load_dictionary()


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
    return DocumentTerms(tuple(counts), tuple(lengths), tuple(sorted(seen)), title_key(doc.title, key))


class _Builder(Builder):  # type: ignore[misc]
    """lunr.py's builder fed by kbgen's tokenizer (lunr.py's own lower-cases first and loses Turkish ``I``).

    Documents arrive already analysed (:class:`DocumentTerms`): each word went through the same function the
    registered ``kbgen-<key>`` pipeline runs, called directly, since a lunr ``Token`` and a pipeline pass per word
    were a fifth of the build time at 10,000 articles. lunr's inverted index (term -> field -> ref -> {}) is not
    kept: the weights need only each term's number in the order terms first appear and the number of fields
    holding it, both worked out from the documents' counts in C (:meth:`postings`).
    """

    def __init__(self) -> None:
        super().__init__()
        self.counts: list[dict[str, int]] = []  # per document and field (FIELDS order), in ref order
        self.numbers: dict[str, int] = {}  # term -> lunr's term index, filled by `postings`
        self.encoded: dict[str, bytes] = {}  # term -> its postings as a shard stores them, filled by `postings`

    def add_terms(self, ref: str, terms: DocumentTerms) -> None:
        self._documents[ref] = {}
        self.document_count += 1
        for field_name, counts, length in zip(self._fields, terms.fields, terms.lengths, strict=True):
            field_ref = f"{field_name}/{ref}"  # lunr's FieldRef text
            self.field_term_frequencies[field_ref] = counts
            self.field_lengths[field_ref] = length
            self.counts.append(counts)

    def postings(self) -> dict[str, list[list[int]]]:
        """lunr.py's ``_create_field_vectors``, the same BM25 arithmetic on every posting, but worked out on
        arrays (numpy: each operation the same IEEE double operation Python does, so the same weights, bit for
        bit) and kept by term as the shards store them (:attr:`LanguageIndex.postings`). The 760,000 postings of a
        4,000-article language took 0.7 s one by one in Python, a quarter of re-indexing it after one edit.

        lunr's three-decimal rounding takes the quick way (to the nearest, halves to even, as ``round`` does)
        unless the product is within a hair of a half, where lunr's own ``round(score, 3)`` decides."""
        fields = len(self._fields)
        self.numbers = numbers = {term: n for n, term in enumerate(dict.fromkeys(chain.from_iterable(self.counts)))}
        sizes = np.fromiter(map(len, self.counts), dtype=np.int64, count=len(self.counts))
        total = int(sizes.sum())
        postings: dict[str, list[list[int]]] = {name: [[] for _ in range(fields)] for name in numbers}
        if not total:
            return postings  # no document holds a term
        term = np.fromiter(
            chain.from_iterable(map(numbers.__getitem__, counts) for counts in self.counts), np.int64, total
        )
        tf = np.fromiter(chain.from_iterable(counts.values() for counts in self.counts), np.float64, total)
        # a document counts once per field that holds the term
        df = np.bincount(term, minlength=len(numbers)).tolist()
        count = self.document_count
        idf = np.array([math.log(1 + abs((count - d + 0.5) / (d + 0.5))) for d in df], dtype=np.float64)
        k1, b = self._k1, self._b
        averages = [self.average_field_length[name] for name in self._fields]
        lengths = self.field_lengths.values()  # in the order of self.counts: ref, then field
        # a field's length norm, once per document and field (an empty one is never used: it holds no posting)
        norm = np.array(
            [
                k1 * (1 - b + b * (length / averages[n % fields])) if size else 0.0
                for n, (length, size) in enumerate(zip(lengths, sizes.tolist(), strict=True))
            ],
            dtype=np.float64,
        )
        boosts = np.array([float(self._fields[name].boost) for name in self._fields], dtype=np.float64)
        row = np.repeat(np.arange(len(self.counts)), sizes)
        field, ref = row % fields, row // fields
        score = idf[term] * ((k1 + 1) * tf) / (norm[row] + tf)
        score = score * boosts[field]  # x 1.0 leaves a weight as it is, as lunr's own ``score *= 1`` does
        thousandths = score * 1000
        stored = np.rint(thousandths)
        weight = stored.astype(np.int64)
        near = np.flatnonzero(~(np.abs(thousandths - stored) < 0.4999))
        for i in near.tolist():  # near a half: lunr's own rounding decides
            weight[i] = round(round(float(score[i]), 3) * 1000)
        # by term, then field, then ref (the rows come in ref order, so a stable sort keeps it within a group)
        order = np.argsort(term * fields + field, kind="stable")
        key, ref, weight = (term * fields + field)[order], ref[order], weight[order]
        starts = np.flatnonzero(np.diff(key, prepend=-1))
        gaps = np.diff(ref, prepend=0)
        gaps[starts] = ref[starts]  # a group's first gap is from ref 0
        flat = np.empty(2 * total, dtype=np.int64)
        flat[0::2], flat[1::2] = gaps, weight
        values = flat.tolist()
        groups = key[starts].tolist()
        ends = [*starts[1:].tolist(), total]
        names = list(numbers)
        for group, start, end in zip(groups, starts.tolist(), ends, strict=True):
            postings[names[group // fields]][group % fields] = values[2 * start : 2 * end]
        self.encoded = encoded_terms(key[starts], starts, gaps, weight, fields, names)
        return postings


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

    seen: list[tuple[str, ...]] = []
    titles: list[str] = []
    for ref, doc in enumerate(ordered):
        if memo is None:
            terms = document_terms(doc, key, process)
        else:
            terms = memo.terms(document_digest(doc, key), partial(document_terms, doc, key, process))
        builder.add_terms(str(ref), terms)
        seen.append(terms.seen)
        titles.append(terms.title_key)
    builder._calculate_average_field_lengths()
    postings = builder.postings()
    numbers = builder.numbers
    spellings, folded = _word_documents(seen, key)
    return LanguageIndex(key, ordered, numbers, postings, spellings, folded, tuple(titles), builder.encoded)


def _word_documents(seen: Sequence[tuple[str, ...]], key: str) -> tuple[dict[str, int], dict[str, int]]:
    """How many documents hold each word (`seen`: each document's distinct words), stop words, digits and words
    under three letters left out; and each folded spelling (``şifre`` and ``sifre`` as one). Counted in C per
    document, then worked out once per distinct word: a document counts once for a folded spelling even when it
    holds two words that fold to it, so only those words are looked for again."""
    documents: Counter[str] = Counter()
    for held in seen:
        documents.update(held)
    stops = stop_words(key)
    spellings = {w: n for w, n in documents.items() if len(w) >= 3 and not w.isdigit() and w not in stops}
    spelled: dict[str, list[str]] = {}  # folded spelling -> the words that fold to it
    for word in documents:
        spelled.setdefault(fold(word), []).append(word)
    folded = {f: documents[spellings_of[0]] for f, spellings_of in spelled.items() if len(spellings_of) == 1}
    shared = {word: f for f, spellings_of in spelled.items() if len(spellings_of) > 1 for word in spellings_of}
    if shared:
        both: Counter[str] = Counter()
        looked_for = set(shared)
        for held in seen:
            found = looked_for.intersection(held)
            if found:
                both.update({shared[word] for word in found})
        folded.update(both)
    return spellings, folded
