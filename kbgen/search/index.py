"""Builds one lunr index per language with lunr.py, tokenised and processed by kbgen's own pipeline."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from lunr.builder import Builder
from lunr.field_ref import FieldRef
from lunr.pipeline import Pipeline
from lunr.token import Token

from kbgen.search.chinese import segment_for_index
from kbgen.search.documents import SearchDocument
from kbgen.search.languages import fold, normalize_word, pipeline_label, process_word, stop_words
from kbgen.search.tokenize import words

# Field name and build-time boost; lunr folds the boost into each stored term weight.
FIELDS: tuple[tuple[str, int], ...] = (("title", 10), ("summary", 3), ("text", 1))


@dataclass(frozen=True, slots=True)
class LanguageIndex:
    """A built index: lunr.py's inverted index and field vectors, and the documents in ref order."""

    key: str
    documents: tuple[SearchDocument, ...]
    inverted_index: dict[str, dict[str, Any]]
    field_vectors: dict[str, list[float]]
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


class _Builder(Builder):  # type: ignore[misc]
    """lunr.py's builder fed by kbgen's tokenizer (lunr.py's own lower-cases first and loses Turkish ``I``).

    Each word goes through the same function the registered ``kbgen-<key>`` pipeline runs, called directly:
    a lunr ``Token`` and a pipeline pass per word were a fifth of the build time at 10,000 articles.
    """

    def add_document(self, ref: str, fields: dict[str, list[str]], process: Callable[[str], tuple[str, ...]]) -> None:
        self._documents[ref] = {}
        self.document_count += 1
        for field_name in self._fields:
            terms = [term for word in fields[field_name] for term in process(word)]
            field_ref = str(FieldRef(ref, field_name))
            frequencies: dict[str, int] = defaultdict(int)
            self.field_term_frequencies[field_ref] = frequencies
            self.field_lengths[field_ref] = len(terms)
            for term in terms:
                frequencies[term] += 1
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                posting[field_name].setdefault(ref, {})


def build_language_index(documents: Sequence[SearchDocument], key: str) -> LanguageIndex:
    """Index ``documents`` (all of one language) with refs ``"0"``, ``"1"``, ... in URL order."""
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
    spellings: Counter[str] = Counter()
    folded: Counter[str] = Counter()
    for ref, doc in enumerate(ordered):
        fields = {"title": doc.title, "summary": doc.summary, "text": doc.text}
        split = {name: index_words(fields[name]) for name, _ in FIELDS}
        builder.add_document(str(ref), {name: [w for w, _ in split[name]] for name in split}, process)
        seen = {normalize_word(w, key) for found in split.values() for w, han in found if not han}
        spellings.update(w for w in seen if len(w) >= 3 and not w.isdigit() and w not in stops)
        folded.update({fold(w) for w in seen})
    builder._calculate_average_field_lengths()
    builder._create_field_vectors()
    vectors = {ref: vector.elements for ref, vector in builder.field_vectors.items()}
    return LanguageIndex(key, ordered, builder.inverted_index, vectors, dict(spellings), dict(folded))
