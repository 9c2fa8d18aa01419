"""Builds one lunr index per language with lunr.py, tokenised and processed by kbgen's own pipeline."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from lunr.builder import Builder
from lunr.field_ref import FieldRef
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.token import Token
from lunr.token_set import TokenSet

from kbgen.search.chinese import segment_for_index
from kbgen.search.documents import SearchDocument
from kbgen.search.languages import SUPPORTED, pipeline_label, process_word
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


@cache
def pipeline_function(key: str) -> Callable[..., list[str]]:
    """The lunr pipeline function for ``key``, registered with lunr.py under ``kbgen-<key>``."""

    def run(token: Token, i: int = 0, tokens: object = None) -> list[str]:
        return list(process_word(str(token), key))

    Pipeline.register_function(run, pipeline_label(key))
    return run


def register_pipelines() -> None:
    for key in (*SUPPORTED, "none"):
        pipeline_function(key)


def tokenize(text: str) -> list[Token]:
    """kbgen's tokenizer: words as the browser splits them, Han runs segmented by jieba. Case is kept."""
    tokens: list[Token] = []
    for word, han in words(text):
        if han:
            tokens.extend(Token(part) for part in segment_for_index(word))
        else:
            tokens.append(Token(word))
    return tokens


class _Builder(Builder):  # type: ignore[misc]
    """lunr.py's builder with kbgen's tokenizer; lunr.py's own lower-cases first and loses Turkish ``I``."""

    def add_document(self, ref: str, fields: dict[str, str]) -> None:
        self._documents[ref] = {}
        self.document_count += 1
        for field_name in self._fields:
            terms = self.pipeline.run(tokenize(fields[field_name]), field_name)
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
    for ref, doc in enumerate(ordered):
        builder.add_document(str(ref), {"title": doc.title, "summary": doc.summary, "text": doc.text})
    builder._calculate_average_field_lengths()
    builder._create_field_vectors()
    vectors = {ref: vector.elements for ref, vector in builder.field_vectors.items()}
    return LanguageIndex(key, ordered, builder.inverted_index, vectors)


def to_lunr_index(index: LanguageIndex) -> Index:
    """A queryable lunr.py ``Index`` over the whole language (the reference the browser must agree with)."""
    from lunr.vector import Vector

    return Index(
        inverted_index=index.inverted_index,
        field_vectors={ref: Vector(list(elements)) for ref, elements in index.field_vectors.items()},
        token_set=TokenSet.from_list(sorted(index.inverted_index)),
        fields=[name for name, _ in FIELDS],
        pipeline=Pipeline.load([pipeline_label(index.key)]),
    )
