"""Romanian words are stemmed by the compiled Snowball (PyStemmer): the same stems, forty times faster (Turkish has
kbgen's own stemmer, tests/search/test_turkish_stems.py)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import Stemmer
from snowballstemmer.romanian_stemmer import RomanianStemmer

from kbgen.search.languages import _stemmer, fold, normalize_word
from kbgen.search.tokenize import words

FIXTURES = Path(__file__).parent / "fixtures"
_ENDINGS = {
    "ro": ["", "ul", "ului", "ele", "elor", "ii", "ilor", "ă", "ei", "ați", "ează", "ările", "ațiile", "ește"],
}


def _vocabulary(lang: str) -> set[str]:
    found: set[str] = set()
    for path in FIXTURES.rglob("*"):
        if path.is_file() and path.suffix in {".md", ".json", ".jsonl", ".txt"}:
            for word, han in words(path.read_text(encoding="utf-8", errors="ignore")):
                if not han:
                    normal = normalize_word(word, lang)
                    found |= {normal, fold(normal)}
    stems = sorted(found)[:400]
    found |= {stem + ending for stem, ending in itertools.product(stems, _ENDINGS[lang])}
    return found


@pytest.mark.parametrize(("lang", "name", "pure_python"), [("ro", "romanian", RomanianStemmer)])
def test_the_compiled_stemmer_gives_the_pure_python_snowball_stems(lang: str, name: str, pure_python: type) -> None:
    vocabulary = sorted(_vocabulary(lang))
    assert len(vocabulary) > 2000
    compiled, reference = Stemmer.Stemmer(name), pure_python()
    assert [compiled.stemWord(w) for w in vocabulary] == [reference.stemWord(w) for w in vocabulary]
    assert _stemmer(lang).__self__.__class__ is Stemmer.Stemmer  # the index build uses the compiled one
