"""Article slugs from titles: Turkish and Romanian letters spelled as their readers would, nothing silently lost."""

from __future__ import annotations

import pytest

from kbgen.scaffold.slugs import MAX_SLUG_LENGTH, NoSlug, slug_from_title, slug_problem


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Reset your password", "reset-your-password"),
        ("  Two-factor   authentication (2FA)!  ", "two-factor-authentication-2fa"),
        ("Don't lose your work", "dont-lose-your-work"),
        ("What’s new in 4.0", "whats-new-in-4-0"),
        # Turkish: dotless ı, dotted İ, ş ğ ç ö ü in both cases
        ("Şifrenizi sıfırlayın", "sifrenizi-sifirlayin"),
        ("İki adımlı doğrulamayı açın", "iki-adimli-dogrulamayi-acin"),
        ("IŞIK ÇÖZÜMÜ ĞÜÖ", "isik-cozumu-guo"),
        ("Faturalarınızı indirin", "faturalarinizi-indirin"),
        # Romanian: ș ț with the comma below (correct) and with the cedilla (legacy keyboards), ă â î
        ("Resetați parola în șase pași", "resetati-parola-in-sase-pasi"),
        ("Resetaţi parola în şase paşi", "resetati-parola-in-sase-pasi"),
        ("ȘTERGEȚI CONTUL ŞI ŢARA", "stergeti-contul-si-tara"),
        ("Descărcați facturile pentru România", "descarcati-facturile-pentru-romania"),
        # other Latin letters: diacritics off through NFKD, and the ones NFKD leaves alone spelled out
        ("Crème brûlée à la carte", "creme-brulee-a-la-carte"),
        ("Año nuevo, señal débil", "ano-nuevo-senal-debil"),
        ("Große Straße in Øresund, Łódź", "grosse-strasse-in-oresund-lodz"),
        ("Ｆｕｌｌ width ｌｅｔｔｅｒｓ", "full-width-letters"),
    ],
)
def test_titles_become_readable_ascii_slugs(title: str, slug: str) -> None:
    assert slug_from_title(title) == slug


@pytest.mark.parametrize(
    "title",
    ["重置密码", "设置 Slack 集成", "Сбросить пароль", "パスワード", "Ρύθμιση 2FA"],
)
def test_titles_with_letters_that_have_no_latin_spelling_need_a_slug(title: str) -> None:
    with pytest.raises(NoSlug, match="--slug"):
        slug_from_title(title)


@pytest.mark.parametrize("title", ["2026", "!!!", "   ", "Index"])
def test_titles_that_give_no_usable_name_need_a_slug(title: str) -> None:
    with pytest.raises(NoSlug, match="--slug"):
        slug_from_title(title)


def test_long_titles_are_cut_at_a_word_boundary() -> None:
    title = "How to " + " ".join(["configure"] * 20) + " everything"
    slug = slug_from_title(title)
    assert len(slug) <= MAX_SLUG_LENGTH
    assert slug.startswith("how-to-configure-") and slug.endswith("configure")
    assert slug_from_title("a" * 100) == "a" * MAX_SLUG_LENGTH


@pytest.mark.parametrize(
    ("slug", "problem"),
    [
        ("reset-your-password", None),
        ("2fa", None),
        ("Reset", "not a slug"),
        ("reset_password", "not a slug"),
        ("reset--password", "not a slug"),
        ("-reset", "not a slug"),
        ("şifre", "not a slug"),
        ("../etc", "not a slug"),
        ("index", "reserved"),
        ("a" * (MAX_SLUG_LENGTH + 1), "limit"),
    ],
)
def test_slugs_given_by_hand_are_checked(slug: str, problem: str | None) -> None:
    found = slug_problem(slug)
    assert (found is None) if problem is None else (found is not None and problem in found)
