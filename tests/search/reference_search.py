"""Searches a built language index in Python exactly as the browser searches its shards.

This is the reference kb-search-core.js is tested against (same query analysis, same synonyms, same typo
corrections, same lunr scoring, same filtering and ordering). kbgen itself never searches, so it lives beside
the tests: the build only writes the index (kbgen/search/), with the word processing both sides share
(kbgen/search/languages.py). Where the browser finds typo candidates in the neighbourhood shards, this
reference compares the query word with every word of the language, so the parity tests also prove that the
shards miss no candidate.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.token_set import TokenSet
from lunr.vector import Vector

from kbgen.search.han_variants import index_variants, parse_variants, simplify
from kbgen.search.index import FIELDS, LanguageIndex
from kbgen.search.languages import fold, normalize_word, pipeline_label, process_word, stop_words
from kbgen.search.shards import title_keys
from kbgen.search.synonyms import Group, manifest_synonyms
from kbgen.search.titles import key_from_parts
from kbgen.search.tokenize import is_han, normalize_text, words
from kbgen.search.typos import max_edits, typo_words
from tests.support.search import field_vectors, inverted_index

MAX_QUERY_CHARS = 256
# Informative words a query is read up to (informative_words); a Han run counts as one
MAX_WORDS = 12
MIN_PREFIX = 3
# Longest index term (in code points) looked for when segmenting a Han query; jieba words are rarely longer.
MAX_TERM = 8
# Corrections kept per query word, and the boost their terms get (exact words always rank above anyway).
MAX_CORRECTIONS = 3
CORRECTION_BOOST = 0.3
# A complete word found in at most this many documents is corrected too: it may be a typo the corpus shares.
POOR_DOCUMENTS = 1
# Characters a Han query may hold beyond an article's title, at its start or its end (around_keys).
HAN_AROUND = 3


def to_lunr_index(index: LanguageIndex) -> Index:
    """A queryable lunr.py ``Index`` over the whole language."""
    return Index(
        inverted_index=inverted_index(index),
        field_vectors={ref: Vector(list(elements)) for ref, elements in field_vectors(index).items()},
        token_set=TokenSet.from_list(sorted(index.terms)),
        fields=[name for name, _ in FIELDS],
        pipeline=Pipeline.load([pipeline_label(index.key)]),
    )


@dataclass(frozen=True, slots=True)
class Searchable:
    """What the browser knows of a language, whole: the lunr index, title keys, typo words and synonyms."""

    index: Index
    key: str
    titles: dict[str, list[int]]
    typo_words: dict[str, int]
    synonyms: list[Group]
    terms: list[str] = field(default_factory=list)  # sorted, for prefix lookups
    variants: dict[str, str] = field(default_factory=dict)  # traditional Han characters -> simplified ones

    def has_term(self, term: str) -> bool:
        return term in self.index.inverted_index

    def has_prefix(self, prefix: str) -> bool:
        at = bisect.bisect_left(self.terms, prefix)
        return at < len(self.terms) and self.terms[at].startswith(prefix)

    def documents(self, terms: Iterable[str]) -> int:
        """How many documents hold any of ``terms``."""
        refs: set[str] = set()
        for term in terms:
            posting = self.index.inverted_index[term]
            for name, _ in FIELDS:
                refs.update(posting[name])
        return len(refs)


def searchable(index: LanguageIndex, synonyms: Sequence[Sequence[str]] = ()) -> Searchable:
    return Searchable(
        to_lunr_index(index),
        index.key,
        title_keys(index),
        typo_words(index.folded, index.key),
        manifest_synonyms(synonyms, index.key),
        sorted(index.terms),
        parse_variants(index_variants(index.terms)),
    )


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One typed word: ``terms`` are exact index terms, ``prefix`` is set while the word is being typed.

    ``han`` holds the raw run for Han text, whose terms are only known once the index is consulted; while it is
    typed, its last character is its ``prefix`` (han_prefix says when that character begins a word). A word
    or words that said a synonym phrase become one ``QueryWord`` whose ``terms`` and ``phrases`` (phrases of
    several terms, each wanting all) are its group's. ``typo`` is the folded spelling of a word long enough
    to be corrected. A word being typed that may yet become a stop word (``wit``, ``veya`` as ``vey``) is
    ``optional``: an article need not hold it, since the word meant may be one no index holds.
    """

    text: str
    terms: tuple[str, ...] = ()
    prefix: str | None = None
    han: str | None = None
    phrases: tuple[tuple[str, ...], ...] = ()
    typo: str | None = None
    optional: bool = False


@dataclass(frozen=True, slots=True)
class Analysis:
    """The query's words, and its title key's parts (folded terms and Han runs, before any synonym)."""

    words: list[QueryWord]
    title_terms: list[str]
    title_han: list[str]


def prefix_form(word: str, key: str) -> str:
    """The unstemmed, folded form of a word still being typed, matched as a prefix of index terms."""
    return fold(normalize_word(word, key))


def word_key(word: str, key: str) -> str:
    """What a query word is matched on against synonym phrases (as kbgen.search.synonyms.phrase_keys)."""
    terms = process_word(word, key)
    return terms[-1] if terms else fold(normalize_word(word, key))


def split_han(run: str, pieces: Sequence[str]) -> list[str]:
    """``run`` cut around the Han synonym phrases ``pieces`` (longest first) it contains, leftmost first."""
    out: list[str] = []
    start = i = 0
    while i < len(run):
        piece = next((p for p in pieces if run.startswith(p, i)), None)
        if piece is None:
            i += 1
            continue
        if start < i:
            out.append(run[start:i])
        out.append(piece)
        i += len(piece)
        start = i
    if start < len(run):
        out.append(run[start:])
    return out


def plain_word(word: str, han: bool, typing: bool, key: str) -> QueryWord | None:
    if han:
        # a Han word being typed ends on the first character of the next word (not a stop word): a prefix
        return QueryWord(text=word, han=word, prefix=word[-1] if typing and process_word(word[-1], key) else None)
    terms = list(process_word(word, key))
    prefix = None
    form = prefix_form(word, key)
    if typing and terms and len(form) >= MIN_PREFIX:
        prefix = form
        for cut in range(max(4, len(form) - 2), len(form)):
            if form[:cut] not in terms:
                terms.append(form[:cut])
    if not terms:
        return None
    optional = prefix is not None and any(stop.startswith(prefix) for stop in stop_words(key))
    typo = form if max_edits(len(form)) else None
    return QueryWord(text=word, terms=tuple(terms), prefix=prefix, typo=typo, optional=optional)


def synonym_word(tokens: Sequence[tuple[str, bool, bool]], group: Group, key: str) -> QueryWord:
    """The word(s) that said a phrase of ``group``: met by any phrase of it (and by the word itself)."""
    own = plain_word(*tokens[0], key) if len(tokens) == 1 else None
    terms = list(own.terms) if own else []
    for _, phrase in group:
        if len(phrase) == 1 and phrase[0] not in terms:
            terms.append(phrase[0])
    phrases = tuple(tuple(phrase) for _, phrase in group if len(phrase) > 1)
    text = " ".join(token for token, _, _ in tokens)
    return QueryWord(text=text, terms=tuple(terms), prefix=own.prefix if own else None, phrases=phrases)


def informative_words(found: Sequence[tuple[str, bool]], key: str) -> list[tuple[str, bool]]:
    """The words of a query up to its ``MAX_WORDS``-th informative one, a repeated word dropped.

    Stop words and repeats do not count, so a question (``how do I ... when ... in project operations``) keeps the
    words it ends with; stop words stay for the synonym phrases that hold them (``sign in``). What a query costs
    stays bounded by its ``MAX_WORDS`` informative words and its ``MAX_QUERY_CHARS`` characters.
    """
    kept: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for word, han in found:
        terms = (word,) if han else process_word(word, key)
        if not terms:
            kept.append((word, han))
        elif terms[-1] not in seen:
            if len(seen) == MAX_WORDS:
                break
            seen.add(terms[-1])
            kept.append((word, han))
    return kept


def analyse(
    query: str, key: str, *, complete: bool, synonyms: Sequence[Group] = (), variants: Mapping[str, str] | None = None
) -> Analysis:
    """The words of ``query`` for the pipeline ``key``; stop words vanish.

    ``complete`` is False while the reader is typing: then a last word not yet followed by a space or
    punctuation is also matched as a prefix, and shortened by up to two letters, so that ``configura`` meets
    the stem ``configur``; a last Han character no longer term holds is a word begun (``项目预`` meets
    ``预算``). Synonym phrases are matched longest first, then in file order. Traditional Han characters
    ``variants`` names are read as their simplified forms first.
    """
    text = simplify(normalize_text(query[:MAX_QUERY_CHARS]), variants or {})
    found = informative_words(words(text), key)
    title_terms = [process_word(w, key)[-1] for w, han in found if not han and process_word(w, key)]
    title_han = [w for w, han in found if han]
    phrases = sorted(
        ((tuple(keys), g) for g, group in enumerate(synonyms) for keys, _ in group), key=lambda item: -len(item[0])
    )
    pieces = sorted(
        {k for keys, _ in phrases for k in keys if is_han(k)}, key=lambda k: (-len(k), k.encode("utf-16-be"))
    )
    tokens: list[tuple[str, bool, bool]] = []
    for position, (word, han) in enumerate(found):
        if han:
            cut = split_han(word, pieces)
            typing = not complete and position == len(found) - 1 and text.endswith(word)
            tokens.extend((piece, True, typing and k == len(cut) - 1) for k, piece in enumerate(cut))
        else:
            tokens.append((word, False, not complete and position == len(found) - 1 and text.endswith(word)))
    keys = [token if han else word_key(token, key) for token, han, _ in tokens]
    result: list[QueryWord] = []
    i = 0
    while i < len(tokens):
        match = next(((len(k), g) for k, g in phrases if tuple(keys[i : i + len(k)]) == k), None)
        if match is not None:
            result.append(synonym_word(tokens[i : i + match[0]], synonyms[match[1]], key))
            i += match[0]
            continue
        if (word := plain_word(*tokens[i], key)) is not None:
            result.append(word)
        i += 1
    return Analysis(result, title_terms, title_han)


def segment_query(run: str, has_term: Callable[[str], bool]) -> list[tuple[str, ...]]:
    """Split a Han query run into segments by greedy longest match against the index's terms.

    The browser has no jieba, so a query is matched against the terms the index holds instead. Each segment
    becomes one requirement, satisfied by the segment itself or by any index term of two or more characters
    inside it. Characters no index term covers are dropped, as stop words are.
    """
    chars = list(run)
    groups: list[tuple[str, ...]] = []
    i = 0
    while i < len(chars):
        end = next((j for j in range(min(len(chars), i + MAX_TERM), i, -1) if has_term("".join(chars[i:j]))), None)
        if end is None:
            i += 1
            continue
        segment = chars[i:end]
        alternatives = ["".join(segment)]
        for a in range(len(segment)):
            for b in range(a + 2, len(segment) + 1):
                inner = "".join(segment[a:b])
                if (a, b) != (0, len(segment)) and inner not in alternatives and has_term(inner):
                    alternatives.append(inner)
        groups.append(tuple(alternatives))
        i = end
    return groups


@dataclass(frozen=True, slots=True)
class Requirement:
    """What one query word needs from a document: any of ``terms``, any term starting with ``prefix``, every
    term of one of ``phrases``, or, less good, any of the corrected ``fuzzy`` terms. An ``optional`` one (a Han
    character that may begin a word, han_needs, or a word that may become a stop word) only ranks: a document
    without it still matches every word."""

    terms: tuple[str, ...]
    prefix: str | None = None
    phrases: tuple[tuple[str, ...], ...] = ()
    fuzzy: tuple[str, ...] = ()
    optional: bool = False

    def exactly(self, matched: Sequence[str]) -> bool:
        return any(t in self.terms or (self.prefix is not None and t.startswith(self.prefix)) for t in matched) or any(
            all(t in matched for t in phrase) for phrase in self.phrases
        )

    def met_by(self, matched: Sequence[str]) -> bool:
        return self.exactly(matched) or any(t in self.fuzzy for t in matched)

    def without_its_word(self, matched: Sequence[str]) -> bool:
        """A corrected word the document holds only as one of its corrections, or not at all: either way the
        reader's word is not there, so a document lacking the word never ranks above one holding its correction."""
        return bool(self.fuzzy) and not self.exactly(matched)


@dataclass(frozen=True, slots=True)
class Hit:
    ref: int
    score: float
    terms: tuple[str, ...]
    title_terms: tuple[str, ...] = ()  # those of `terms` found in the article's title


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Ranked hits; ``partial`` when no document had every word and any-word matches are shown instead.

    ``corrections`` maps each corrected query word to the indexed words it was read as, closest first.
    """

    hits: tuple[Hit, ...]
    partial: bool
    missing: tuple[str, ...]
    corrections: dict[str, tuple[str, ...]] = field(default_factory=dict)


def osa_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a transposition is one edit), or ``limit + 1`` once it is above."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i]
        for k in range(1, len(b) + 1):
            value = min(previous[k] + 1, row[k - 1] + 1, previous[k - 1] + (a[i - 1] != b[k - 1]))
            if before is not None and k > 1 and a[i - 1] == b[k - 2] and a[i - 2] == b[k - 1]:
                value = min(value, before[k - 2] + 1)
            row.append(value)
        if min(row) > limit:
            return limit + 1
        before, previous = previous, row
    return previous[len(b)]


def corrections(word: str, candidates: Iterable[tuple[str, int]], edits: int, limit: int) -> list[tuple[str, int]]:
    """The closest ``limit`` candidates within ``edits`` of ``word``: nearest, then commonest, then by spelling."""
    scored = {(osa_distance(word, w, edits), -count, w.encode("utf-16-be"), w) for w, count in candidates if w != word}
    return [(w, d) for d, _, _, w in sorted(s for s in scored if s[0] <= edits)[:limit]]


def wants_correction(word: QueryWord, s: Searchable) -> bool:
    """A word that matches nothing, or a complete word found in hardly any document."""
    if word.typo is None:
        return False
    present = [t for t in word.terms if s.has_term(t)]
    if word.prefix is not None:
        return not present and not s.has_prefix(word.prefix)
    return not present or s.documents(present) <= POOR_DOCUMENTS


def correction_terms(
    word: QueryWord, found: Sequence[tuple[str, int]], key: str, has_term: Callable[[str], bool]
) -> tuple[str, ...]:
    terms: list[str] = []
    for candidate, _ in found:
        term = process_word(candidate, key)[-1]
        if has_term(term) and term not in word.terms and term not in terms:
            terms.append(term)
    return tuple(terms)


def ends_on_word_begun(run: str, groups: Sequence[tuple[str, ...]]) -> bool:
    """Whether no segment of two characters or more ends ``run`` (the browser fetches the shards of the word begun
    only then, once the shards of the run's own candidates have told it so)."""
    return not (groups and len(groups[-1][0]) > 1 and run.endswith(groups[-1][0]))


def han_needs(word: QueryWord, has_term: Callable[[str], bool], has_prefix: Callable[[str], bool]) -> list[Requirement]:
    """A Han run's segments; while it is typed, a last character that no longer term ends on begins a word.

    That character, alone or as the last segment, is then met by any term it starts (``预`` by ``预算``); a
    segment of two characters or more that ends the run is a word already complete and stays as it is. A
    character no term covered was dropped before: as a word begun it only ranks, since the greedy segments
    before it may have taken the start of its word (``...关键概念`` cut ``的关``, ``键概``, then ``念``).
    """
    assert word.han is not None
    groups = segment_query(word.han, has_term)
    needs = [Requirement(group) for group in groups]
    last = word.prefix
    if last is None or not ends_on_word_begun(word.han, groups) or not has_prefix(last):
        return needs
    if groups and groups[-1][0] == last:
        return [*needs[:-1], Requirement(groups[-1], last)]
    return [*needs, Requirement((), last, optional=True)]


def requirements(
    analysed: Sequence[QueryWord],
    has_term: Callable[[str], bool],
    fuzzy: dict[int, tuple[str, ...]] | None = None,
    has_prefix: Callable[[str], bool] = lambda prefix: False,
) -> tuple[list[Requirement], list[str]]:
    """Resolve analysed words against an index's terms; words it cannot match at all are ``missing``."""
    needs: list[Requirement] = []
    missing: list[str] = []
    for i, word in enumerate(analysed):
        if word.han is not None:
            found = han_needs(word, has_term, has_prefix)
            needs.extend(found)
            if not found:
                missing.append(word.text)
            continue
        present = tuple(t for t in word.terms if has_term(t))
        phrases = tuple(p for p in word.phrases if all(has_term(t) for t in p))
        corrected = (fuzzy or {}).get(i, ())
        if present or phrases or corrected or word.prefix:
            needs.append(Requirement(present, word.prefix, phrases, corrected, word.optional))
        else:
            missing.append(word.text)
    return needs, missing


def rank_key(ref: int, score: float) -> tuple[int, int]:
    """Best first, ties by ref; scores compared to 1e-6 so that float summation order cannot reorder ties."""
    return (-math.floor(score * 1e6 + 0.5), ref)


def finish(
    raw: Sequence[Hit],
    needs: Sequence[Requirement],
    missing: Sequence[str],
    allowed: Callable[[int], bool],
    titled: Iterable[int] = (),
    nearly_titled: Iterable[int] = (),
    around_titled: Iterable[int] = (),
) -> SearchResult:
    """Version filter, then every-word matches, falling back to any-word matches; shared with the browser.

    Articles whose title the query says come first, then those that needed fewer corrections, then those
    whose title the corrected query says, then those whose title holds every word of the query, then those
    whose whole title the query says with one word more (``around_titled``, shown even without that word), then
    by score.
    """
    candidates = [hit for hit in raw if allowed(hit.ref)]
    around = set(around_titled)
    every = [hit for hit in candidates if all(n.optional or n.met_by(hit.terms) for n in needs)] if not missing else []
    if every:
        met = {hit.ref for hit in every}
        chosen, partial = [hit for hit in candidates if hit.ref in met or hit.ref in around], False
    else:
        chosen, partial = candidates, bool(candidates)
    title_refs, nearly = set(titled), set(nearly_titled)

    def order(hit: Hit) -> tuple[bool, int, bool, int, tuple[int, int]]:
        corrected = sum(need.without_its_word(hit.terms) for need in needs)
        covers = bool(needs) and all(need.met_by(hit.title_terms) for need in needs)
        cover = 0 if covers else 1 if hit.ref in around else 2
        return (hit.ref not in title_refs, corrected, hit.ref not in nearly, cover, rank_key(hit.ref, hit.score))

    return SearchResult(tuple(sorted(chosen, key=order)), partial, tuple(missing))


def around_keys(terms: Sequence[str], han: Sequence[str]) -> list[str]:
    """Title keys of the query with one word of its own left out: a term, the Han text, or up to ``HAN_AROUND``
    characters at either end of the Han text (``如何`` before a title, ``是什么`` after one), sorted.

    A reader who asks ``how do I ...``, ``... nasıl yapılır`` or ``如何...`` says a title and one word more;
    stop words already drop the question words of most languages, but not every one, and never in Han text.
    What is left keeps two words at least (a Han text counts as one): a query of two words says one-word titles
    (``Estimări``) too often to mean them.
    """
    unique = sorted(set(terms))
    joined = "".join(han)
    found: set[str] = set()
    if len(unique) + bool(joined) >= 3:
        found |= {key_from_parts([t for t in unique if t != left_out], han) for left_out in unique}
    if len(unique) >= 2 and joined:
        found.add(key_from_parts(unique, []))
    for cut in range(1, HAN_AROUND + 1):
        if len(joined) - cut >= 2:
            found |= {key_from_parts(unique, [joined[cut:]]), key_from_parts(unique, [joined[:-cut]])}
    found.discard(key_from_parts(unique, han))
    found.discard("")
    return sorted(found, key=lambda k: k.encode("utf-16-be"))


def completions(s: Searchable, prefix: str) -> list[tuple[str, float]]:
    """The index terms a word being typed may become, each boosted by its share of the documents holding any.

    Together they weigh what one typed word does, shared by how likely the reader means each: ``proj`` is far
    likelier ``project`` than ``projector``. Lunr's own wildcard gives every completion a whole word's weight,
    so a document holding several rare ones (a rare word's idf is high) outranked one holding the word meant.
    """
    at = bisect.bisect_left(s.terms, prefix)
    found = list(itertools.takewhile(lambda term: term.startswith(prefix), s.terms[at:]))
    counts = [s.documents([term]) for term in found]
    total = sum(counts)
    return [(term, count / total) for term, count in zip(found, counts, strict=True)]


def search(
    s: Searchable,
    query: str,
    *,
    complete: bool = True,
    allowed: Callable[[int], bool] = lambda ref: True,
) -> SearchResult:
    """Search a language as the browser does, over the whole of it at once."""
    analysis = analyse(query, s.key, complete=complete, synonyms=s.synonyms, variants=s.variants)
    analysed = analysis.words
    fuzzy: dict[int, tuple[str, ...]] = {}
    corrected: dict[str, tuple[str, ...]] = {}
    replace: dict[str, str] = {}
    for i, word in enumerate(analysed):
        if word.typo is None or not wants_correction(word, s):
            continue
        found = corrections(word.typo, s.typo_words.items(), max_edits(len(word.typo)), MAX_CORRECTIONS)
        corrected[word.text] = tuple(w for w, _ in found)
        fuzzy[i] = correction_terms(word, found, s.key, s.has_term)
        if found and (own := process_word(word.text, s.key)):
            replace[own[-1]] = process_word(found[0][0], s.key)[-1]
    needs, missing = requirements(analysed, s.has_term, fuzzy, s.has_prefix)
    exact = sorted({t for need in needs for t in (*need.terms, *(t for p in need.phrases for t in p))})
    prefixes = sorted({need.prefix for need in needs if need.prefix})
    loose = sorted({t for need in needs for t in need.fuzzy} - set(exact))
    if not exact and not prefixes and not loose:
        return SearchResult((), False, tuple(missing), corrected)
    lunr_query = s.index.create_query()
    for term in exact:
        lunr_query.term(term, use_pipeline=False)
    for prefix in prefixes:
        for term, boost in completions(s, prefix):
            lunr_query.term(term, use_pipeline=False, boost=boost)
    for term in loose:
        lunr_query.term(term, use_pipeline=False, boost=CORRECTION_BOOST)
    raw = [
        Hit(
            int(match["ref"]),
            match["score"],
            tuple(sorted(match["match_data"].metadata)),
            tuple(sorted(t for t, fields in match["match_data"].metadata.items() if "title" in fields)),
        )
        for match in s.index.query(lunr_query)
    ]
    title = key_from_parts(analysis.title_terms, analysis.title_han)
    titled = s.titles.get(title, []) if title else []
    nearly = key_from_parts([replace.get(t, t) for t in analysis.title_terms], analysis.title_han) if replace else ""
    nearly_titled = s.titles.get(nearly, []) if nearly else []
    around = {ref for k in around_keys(analysis.title_terms, analysis.title_han) for ref in s.titles.get(k, [])}
    result = finish(raw, needs, missing, allowed, titled, nearly_titled, around)
    return SearchResult(result.hits, result.partial, result.missing, corrected)
