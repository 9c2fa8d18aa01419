"""Turkish words meet their inflections, typed with or without diacritics, and short words keep apart, in the
index's Python and in the browser core alike.

The word families are common words of the Turkish d365-project-operations articles (Microsoft Learn, CC BY 4.0,
see tests/search/fixtures/articles.json for the attribution); the pairs that must stay apart are the ones
Snowball's Turkish stemmer ran together there (``satır`` and ``sayı`` both ``sa``, ``hata`` and ``hayı`` ``ha``).
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from kbgen.search.languages import fold, process_word, stop_words
from kbgen.search.stem_tr import MIN_SHORT, stem_tr

FAMILIES = {
    "hata": ["hatası", "hataları", "hatayı", "hatalar", "hatada", "hatadan", "hatanın", "hataya", "hatasını"],
    "satır": ["satırı", "satırlar", "satırları", "satırda", "satırında", "satırına", "satırın", "satırlarındaki"],
    "fatura": ["faturası", "faturalar", "faturayı", "faturanın", "faturasında", "faturaları", "faturadaki"],
    "zaman": ["zamanı", "zamanlar", "zamanda", "zamandan", "zamanınız"],
    "proje": ["projesi", "projeler", "projeyi", "projenin", "projesini", "projelerinde", "projeden"],
    "kaynak": ["kaynağı", "kaynaklar", "kaynakları", "kaynağında", "kaynaktan", "kaynağa"],
    "sözleşme": ["sözleşmesi", "sözleşmeler", "sözleşmede", "sözleşmenin"],
    "rol": ["roller", "rolleri", "rollerin"],
    # a title's verbal noun, a reader's infinitive, imperative or passive
    "oluşturma": ["oluşturmak", "oluşturun", "oluşturulur", "oluşturmayı"],
    "onaylama": ["onaylamak", "onaylayın", "onaylayınız", "onayla"],
    "ekleme": ["eklemek", "ekleyin", "eklenir", "ekle"],
    "silme": ["silmek", "silinir", "sil"],
    # a step's imperative, of a root of two or three letters (Ayarları açın, Kaydı silin, Planı seçin)
    "aç": ["açın", "açmak", "açma"],
    "al": ["alın", "almak"],
    "seç": ["seçin", "seçmek"],
    "yap": ["yapın", "yapınız"],
}
APART = [
    ("satır", "sayı"), ("hata", "hayı"), ("hata", "hat"), ("tanım", "taşınız"), ("veri", "vermek"),
    ("zaman", "zam"), ("tema", "tem"), ("giriş", "girmek"), ("ürün", "ür"), ("ama", "a"),
]  # fmt: skip


def _meet(a: str, b: str) -> bool:
    return bool(set(process_word(a, "tr")) & set(process_word(b, "tr")))


@pytest.mark.parametrize("bare", sorted(FAMILIES))
def test_an_inflected_word_meets_its_bare_form_with_or_without_diacritics(bare: str) -> None:
    for word in FAMILIES[bare]:
        for typed, other in itertools.product((word, fold(word)), (bare, fold(bare))):
            assert _meet(typed, other), (typed, other)


@pytest.mark.parametrize(("one", "other"), APART)
def test_short_words_are_not_cut_into_another(one: str, other: str) -> None:
    assert not _meet(one, other)
    assert not _meet(fold(one), fold(other))


def test_a_consonant_keeps_its_marks_while_a_vowel_need_not() -> None:
    # ``girişi`` is giriş + -i, not giri + -si (the buffer s of ``projesi``); ``hatası`` typed as ``hatasi`` is hatası
    for word in ("girişi", "girişler", "girişleri", "girişte", "girişini"):
        assert _meet(word, "giriş") and _meet(word, "giris"), word
        assert _meet(fold(word), word), word  # typed without marks, it still finds the word as written
    assert process_word("hatasi", "tr") == process_word("hatası", "tr") == ("hata",)


def test_no_stem_is_shorter_than_three_letters_unless_the_word_was_or_is_a_verb_of_two() -> None:
    words = [w for family in FAMILIES.items() for w in (family[0], *family[1])]
    words += [w + ending for w in ("ad", "ay", "iş", "su", "ara", "ana") for ending in ("", "ı", "da", "lar", "ya")]
    for word in words:
        stem = stem_tr(word.lower())
        verb = stem in ("aç", "al") and word.startswith(stem)  # açın, alın: a step's imperative of aç, al
        assert len(stem) >= min(MIN_SHORT, len(word)) or verb, (word, stem)


def _vocabulary() -> list[str]:
    stems = sorted({w for family in FAMILIES.items() for w in (family[0], *family[1])} | {"ağaç", "kitap", "renk"})
    endings = ["", "ı", "i", "u", "ü", "a", "e", "sı", "si", "yı", "ya", "nın", "nin", "ın", "in", "da", "de", "ta"]
    endings += ["dan", "tan", "lar", "ler", "ları", "leri", "larında", "nda", "ndan", "ki", "yla", "ma", "mak", "yın"]
    return sorted({w + e for w, e in itertools.product(stems, endings)} | {fold(w + e) for w in stems for e in endings})


def test_the_browser_core_stems_turkish_as_python_does(node: Any) -> None:
    vocabulary = _vocabulary()
    assert len(vocabulary) > 2000
    task = {"op": "words", "key": "tr", "texts": [" ".join(vocabulary)], "stopWords": sorted(stop_words("tr"))}
    [[js]] = node([task])
    assert [(w, terms) for w, _, terms in js] == [(w, list(process_word(w, "tr"))) for w in vocabulary]
