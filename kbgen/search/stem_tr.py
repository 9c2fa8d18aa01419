"""Turkish stemming by suffix stripping, the same in ``kb-search-core.js`` (``turkishStem``).

Snowball's Turkish stemmer strips a bare noun as if it were inflected (``satır`` -> ``sa``, ``hata`` -> ``ha``,
``zaman`` -> ``zama``), so ``hata`` and ``hatası`` missed each other while unrelated words met, and it needs the
diacritics (``hatası`` and ``hatasi`` stemmed apart). This stemmer strips the endings of help-center Turkish:
plural, possessive, case (with their buffer consonants ``y``, ``n`` and ``s``), the verbal noun and infinitive,
the imperative and the passive present. Each ending is stripped only after the letter its spelling allows
(``-ya`` after a vowel, ``-ta`` after a voiceless consonant, ``-ı`` after a consonant), and never leaves fewer
than four letters (three for a verb, a plural or a possessive ``-ı``), so a short word (``hata``, ``tema``,
``veri``) is never cut into another. Endings come off in any order until none fits: the stem is the shortest
word left, its softened final consonant hardened back (``kaynağı`` -> ``kaynak``).

Vowels are compared without their marks (a reader types ``hatasi``), consonants with them: ``girişi`` is
``giriş`` + ``-i``, not ``giri`` + ``-si``. A word typed without marks is read as best it can be
(:func:`kbgen.search.languages.process_word` indexes both readings).
"""

from __future__ import annotations

VOWELS = frozenset("aeiou")  # ı, ö, ü, â, î, û are read as i, o, u, a, i, u (_VOWEL_MARKS)
VOICELESS = frozenset("cçfhkpsşt")  # ``c`` may be a ``ç`` typed without its mark, so it allows both
_VOWEL_MARKS = str.maketrans({"ı": "i", "ö": "o", "ü": "u", "â": "a", "î": "i", "û": "u", "ô": "o"})
# A stem keeps four letters, with a vowel among them: ``hata`` is not ``hat`` + ``-a``, nor ``satır`` ``sa``. A
# verb stem may be shorter (``sil``, ``seç``), and so may a noun before the plural (``roller``). ``kodu`` stays whole
# so that ``veri`` is not ``ver`` + ``-i``.
MIN_STEM = 4
MIN_SHORT = 3

# ending -> what must come before it: "v" a vowel, "p" the vowel of a possessive (i, u: ``projesi-nde``), "c" a
# consonant, "d" a vowel or a voiced consonant, "t" a voiceless consonant, "a" anything
ENDINGS: dict[str, str] = {
    # plural
    "lar": "a", "ler": "a",
    # possessive (1st, 2nd plural, 3rd person) and accusative / dative after a consonant
    "i": "c", "u": "c", "a": "c", "e": "c",
    "im": "c", "um": "c", "imiz": "c", "umuz": "c", "iniz": "c", "unuz": "c",
    "si": "v", "su": "v", "miz": "v", "muz": "v", "niz": "v", "nuz": "v",
    # case after a vowel: accusative, dative and genitive with their buffer
    "yi": "v", "yu": "v", "ya": "v", "ye": "v", "nin": "v", "nun": "v", "yla": "v", "yle": "v",
    # case after a 3rd person possessive, with its n
    "ni": "p", "nu": "p", "na": "p", "ne": "p", "nda": "p", "nde": "p", "ndan": "p", "nden": "p",
    "ndaki": "p", "ndeki": "p",
    # genitive (and 2nd person possessive) after a consonant
    "in": "c", "un": "c",
    # locative and ablative, voiced after a vowel or voiced consonant, voiceless after a voiceless one
    "da": "d", "de": "d", "dan": "d", "den": "d", "daki": "d", "deki": "d",
    "ta": "t", "te": "t", "tan": "t", "ten": "t", "taki": "t", "teki": "t",
    # imperative (``onaylayın``, ``seçiniz``) and passive present (``oluşturulur``, ``silinir``, ``eklenir``)
    "yin": "v", "yun": "v", "yiniz": "v", "yunuz": "v",
    "ilir": "c", "ulur": "c", "inir": "c", "unur": "c", "nir": "v", "nur": "v",
    # verbal noun and infinitive: a title's ``oluşturma``, a reader's ``oluşturmak``
    "ma": "a", "me": "a", "mak": "a", "mek": "a",
}  # fmt: skip
# Endings that may leave MIN_SHORT letters: those of verbs and the plural
_SHORT = frozenset(
    {"ma", "me", "mak", "mek", "iniz", "unuz", "yin", "yun", "yiniz", "yunuz", "in", "un"}
    | {"ilir", "ulur", "inir", "unur", "nir", "nur", "lar", "ler"}
)
# A verb of two letters keeps them under its imperative, verbal noun and infinitive (``açın``, ``açma``, ``açmak``): a
# help center's steps say "Ayarları açın" where a reader types "ayarları aç". Only these roots: ``ürün`` is not ``ür``
# + ``-ün``, ``ama`` not ``a`` + ``-ma``.
_VERB_ENDINGS = frozenset({"in", "un", "ma", "me", "mak", "mek"})
_TWO_LETTER_ROOTS = frozenset({"aç", "ac", "al", "at", "ol", "et"})  # ac: aç typed without its mark
_BY_LAST: dict[str, tuple[str, ...]] = {}
for _ending in sorted(ENDINGS):
    _BY_LAST[_ending[-1]] = (*_BY_LAST.get(_ending[-1], ()), _ending)
_HARD = {"b": "p", "d": "t", "g": "k", "ğ": "k", "c": "ç"}


def _fits(before: str, rule: str) -> bool:
    if rule == "a":
        return True
    if before in VOWELS:
        return rule in "vd" or (rule == "p" and before in "iu")
    return rule == "c" or (rule == "d" and before not in VOICELESS) or (rule == "t" and before in VOICELESS)


def _shorter(word: str) -> list[str]:
    """The words one ending shorter than ``word``."""
    found = []
    for ending in _BY_LAST.get(word[-1], ()):
        rest = len(word) - len(ending)
        if not word.endswith(ending):
            continue
        short = rest < (MIN_SHORT if ending in _SHORT else MIN_STEM)
        if short and not (ending in _VERB_ENDINGS and word[:rest] in _TWO_LETTER_ROOTS):
            continue
        stem = word[:rest]
        if _fits(stem[-1], ENDINGS[ending]) and any(ch in VOWELS for ch in stem):
            found.append(stem)
    return found


def stem_tr(word: str) -> str:
    """The stem of a lower-case Turkish word, vowels without their marks: the shortest word its endings can be
    stripped to (not cached: :func:`kbgen.search.languages.process_word` is)."""
    word = word.translate(_VOWEL_MARKS)
    shortest = word
    seen = {word}
    todo = [word]
    while todo:
        for stem in _shorter(todo.pop()):
            if stem not in seen:
                seen.add(stem)
                todo.append(stem)
                if len(stem) < len(shortest):
                    shortest = stem
    return shortest[:-1] + _HARD[shortest[-1]] if shortest[-1:] in _HARD else shortest
