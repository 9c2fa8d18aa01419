"""One catalogue of interface text (kbgen/render/i18n.py): complete in the four languages, English only as a
listed fallback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kbgen.render import i18n
from tests.support.project import REPO

LANGS = ("en", "tr", "ro", "zh")


def test_which_keys_fall_back_to_english() -> None:
    """The list is empty for the four languages the sample is written in: every key has its own text."""
    assert {lang: i18n.fallback_keys(lang) for lang in LANGS} == {"en": [], "tr": [], "ro": [], "zh": []}


def test_a_language_without_a_table_falls_back_to_english_for_every_key() -> None:
    assert i18n.fallback_keys("de") == sorted(i18n.STRINGS["en"])
    assert i18n.strings("de") == i18n.STRINGS["en"]


@pytest.mark.parametrize("lang", LANGS[1:])
def test_no_language_has_keys_english_lacks(lang: str) -> None:
    assert sorted(set(i18n.STRINGS[lang]) - set(i18n.STRINGS["en"])) == []


@pytest.mark.parametrize("lang", LANGS[1:])
def test_each_text_keeps_the_placeholders_of_the_english(lang: str) -> None:
    placeholders = re.compile(r"\{(\w+)\}")
    differ = {
        key: text
        for key, text in i18n.STRINGS[lang].items()
        if set(placeholders.findall(text)) != set(placeholders.findall(i18n.STRINGS["en"][key]))
    }
    assert differ == {}


@pytest.mark.parametrize("lang", LANGS[1:])
def test_interface_text_is_translated_not_copied(lang: str) -> None:
    """A text identical to the English is a forgotten translation, except words that are the same in both."""
    same = {key for key, text in i18n.STRINGS[lang].items() if text == i18n.STRINGS["en"][key]}
    assert same <= {"admonition_important"}


def test_every_key_the_theme_uses_is_in_the_catalogue() -> None:
    used: set[str] = set()
    for template in (REPO / "theme").rglob("*.html"):
        used.update(re.findall(r"\.t\.(\w+)", template.read_text(encoding="utf-8")))
    used -= {"t"}
    assert used and sorted(used - set(i18n.STRINGS["en"])) == []


def test_every_admonition_type_material_styles_has_a_label() -> None:
    css = next(Path(__import__("material").__file__).parent.glob("templates/assets/stylesheets/main.*.min.css"))
    types = set(re.findall(r"\.md-typeset \.admonition\.([a-z]+)", css.read_text(encoding="utf-8")))
    assert types and sorted(kind for kind in types if i18n.admonition_label(kind, "tr") is None) == []
