"""`kbgen adopt` on a Docusaurus translation folder (`i18n/fr/docusaurus-plugin-content-docs/current/`): its pages
land at the paths of their English sources, so kbgen pairs them, and its sections are named as the French
Docusaurus sidebar names them: the English `docs/` category files, their labels translated by `current.json`.

The site is tests/adopt/fixtures/docusaurus-i18n/ (Docusaurus' classic template, MIT; see its README).
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run, front_matter, suggested_foreign_keys
from tests.adopt.test_adopt_includes import summary_lines
from tests.support.project import Site

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "docusaurus-i18n" / "website"
FRENCH = Path("i18n/fr/docusaurus-plugin-content-docs/current")


def _site(tmp_path: Path) -> Path:
    website = tmp_path / "website"
    shutil.copytree(FIXTURE, website)
    return website


def _adopt(run_kbgen: Run, site: Site, source: Path, lang: str) -> tuple[int, list[str]]:
    result = run_kbgen("adopt", str(source), "--lang", lang, "--today", TODAY, "--owner", "docs", cwd=site.root)
    return result.exit_code, summary_lines(result.stdout, source.parents[3] if lang != "en" else source.parent)


def test_the_translation_pairs_with_its_source_and_names_its_sections_in_french(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    site.configure(languages=["en", "fr"])
    website = _site(tmp_path)
    _adopt(run_kbgen, site, website / "docs", "en")
    code, lines = _adopt(run_kbgen, site, website / FRENCH, "fr")
    assert code == 1 and not any("problems" in line or "left out" in line for line in lines), lines  # dates defaulted
    basics = front_matter((site.content / "fr" / "tutorial-basics" / "index.md").read_bytes())
    assert basics == {
        "title": "Tutoriel - Les bases",
        "order": 2,
        "summary": "5 minutes pour apprendre les concepts les plus importants de Docusaurus.",
    }
    # not translated in current.json: the English label, as the French Docusaurus sidebar shows it
    assert front_matter((site.content / "fr" / "tutorial-extras" / "index.md").read_bytes()) == {
        "title": "Tutorial - Extras",
        "order": 3,
    }
    assert front_matter((site.content / "en" / "tutorial-basics" / "index.md").read_bytes())["title"] == (
        "Tutorial - Basics"
    )
    assert (
        "a Docusaurus translation: sections named by 2 _category_ files of SRC/docs, 1 of their labels translated "
        "by SRC/i18n/fr/docusaurus-plugin-content-docs/current.json" in lines
    )
    status = run_kbgen("translate-status", "--format", "json", cwd=site.root)
    entries = {(e["lang"], e["path"]): e for e in json.loads(status.stdout)["translations"]}
    page = entries[("fr", "content/fr/tutorial-basics/create-a-document.md")]
    assert page["source"] == "content/en/tutorial-basics/create-a-document.md" and page["state"] == "unverified"


def test_the_built_french_site_shows_the_translated_section(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    site.configure(languages=["en", "fr"])
    website = _site(tmp_path)
    english = run_kbgen("adopt", str(website / "docs"), "--lang", "en", "--today", TODAY, "--owner", "d", cwd=site.root)
    site.configure(languages=["en", "fr"], foreign_keys=suggested_foreign_keys(english.stdout))
    _adopt(run_kbgen, site, website / FRENCH, "fr")
    build_site(site.config_file, site.site_dir, date.fromisoformat(TODAY), strict=False)
    section = site.read_output("fr/tutorial-basics/index.html")
    assert "Tutoriel - Les bases" in section and "Créer un document" in section
    assert "Tutorial - Basics" not in section


def test_a_label_of_the_translation_folders_own_category_file_loses_only_to_current_json(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    """Docusaurus does not read a category file in the translation folder; a writer who put one there meant its
    words, so they are used where current.json says nothing."""
    site.configure(languages=["en", "fr"])
    website = _site(tmp_path)
    for folder, label in (("tutorial-basics", "Les bases (fichier)"), ("tutorial-extras", "Pour aller plus loin")):
        (website / FRENCH / folder / "_category_.json").write_text(json.dumps({"label": label}), encoding="utf-8")
    _adopt(run_kbgen, site, website / FRENCH, "fr")
    fr = site.content / "fr"
    assert front_matter((fr / "tutorial-basics" / "index.md").read_bytes())["title"] == "Tutoriel - Les bases"
    assert front_matter((fr / "tutorial-extras" / "index.md").read_bytes())["title"] == "Pour aller plus loin"


def test_a_current_json_that_cannot_be_read_is_named_with_its_line(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    site.configure(languages=["en", "fr"])
    website = _site(tmp_path)
    translations = website / FRENCH.parent / "current.json"
    translations.write_text('{\n  "sidebar.tutorialSidebar.category.Tutorial - Basics": {"message": "x"},\n}\n')
    code, lines = _adopt(run_kbgen, site, website / FRENCH, "fr")
    assert code == 1
    assert (
        "  SRC/i18n/fr/docusaurus-plugin-content-docs/current.json:3: JSON syntax error: Expecting property name "
        "enclosed in double quotes; no category label is translated" in lines
    )
    assert front_matter((site.content / "fr" / "tutorial-basics" / "index.md").read_bytes())["title"] == (
        "Tutorial - Basics"
    )
    assert (site.content / "fr" / "tutorial-basics" / "create-a-document.md").is_file()


def test_a_current_json_nested_thousands_deep_is_named_not_an_internal_error(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    """json's decoder recurses once a level: 100,000 `[` ended adopt in RecursionError, with nothing adopted."""
    site.configure(languages=["en", "fr"])
    website = _site(tmp_path)
    (website / FRENCH.parent / "current.json").write_text("[" * 100_000 + "]" * 100_000)
    code, lines = _adopt(run_kbgen, site, website / FRENCH, "fr")
    assert code == 1
    assert (
        "  SRC/i18n/fr/docusaurus-plugin-content-docs/current.json:1: JSON nested too deep to read; no category "
        "label is translated" in lines
    )
    assert (site.content / "fr" / "tutorial-basics" / "create-a-document.md").is_file()


def test_a_translation_whose_docs_folder_is_elsewhere_is_adopted_and_says_so(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    site.configure(languages=["en", "fr"])
    website = _site(tmp_path)
    shutil.rmtree(website / "docs")
    code, lines = _adopt(run_kbgen, site, website / FRENCH, "fr")
    assert code == 1
    assert (
        f"  SRC/{FRENCH}: the default language's docs folder SRC/docs is not there; its category names are not used"
        in lines
    )
    assert (site.content / "fr" / "tutorial-basics" / "create-a-document.md").is_file()


def test_the_default_languages_folder_is_found_for_versions_and_docs_plugins(tmp_path: Path) -> None:
    from kbgen.adopt.docusaurus_i18n import translation_folder

    site = tmp_path / "web"
    i18n = site / "i18n" / "ja"
    assert translation_folder(i18n / "docusaurus-plugin-content-docs" / "current") == (
        site / "docs",
        i18n / "docusaurus-plugin-content-docs" / "current.json",
    )
    assert translation_folder(i18n / "docusaurus-plugin-content-docs" / "version-2.0") == (
        site / "versioned_docs" / "version-2.0",
        i18n / "docusaurus-plugin-content-docs" / "version-2.0.json",
    )
    assert translation_folder(i18n / "docusaurus-plugin-content-docs-community" / "current") == (
        site / "community",
        i18n / "docusaurus-plugin-content-docs-community" / "current.json",
    )
    assert translation_folder(i18n / "docusaurus-plugin-content-blog" / "current") is None
    assert translation_folder(site / "docs") is None


def test_links_to_pages_and_images_not_translated_lead_to_the_default_languages(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    """Docusaurus resolves a translated page's link against docs/ when the translation lacks the file; adopted, it
    leads to the default language's adopted file rather than nowhere in content/fr/."""
    site.configure(languages=["en", "fr"])
    website = _site(tmp_path)
    (website / "docs" / "intro.md").write_text("# Tutorial Intro\n\nLet's discover Docusaurus.\n", encoding="utf-8")
    (website / "docs" / "tutorial-basics" / "img").mkdir()
    (website / "docs" / "tutorial-basics" / "img" / "sidebar.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    page = website / FRENCH / "tutorial-basics" / "create-a-document.md"
    with page.open("a", encoding="utf-8") as text:
        text.write("\nVoir [l'introduction](../intro.md#tutorial-intro), [la suite](../intro) et ")
        text.write("![barre](./img/sidebar.png).\n")
        text.write("\n[Traduire](../tutorial-extras/translate-your-site.md)\n")
    english = run_kbgen("adopt", str(website / "docs"), "--lang", "en", "--today", TODAY, "--owner", "d", cwd=site.root)
    site.configure(languages=["en", "fr"], foreign_keys=suggested_foreign_keys(english.stdout))
    _, lines = _adopt(run_kbgen, site, website / FRENCH, "fr")
    body = (site.content / "fr" / "tutorial-basics" / "create-a-document.md").read_text(encoding="utf-8")
    assert (
        "Voir [l'introduction](../../en/intro.md#tutorial-intro), [la suite](../../en/intro.md) et "
        "![barre](../../en/tutorial-basics/img/sidebar.png)." in body
    )
    assert "[Traduire](../tutorial-extras/translate-your-site.md)" in body  # translated: stays in French
    assert any(line.startswith("3 links to pages and images not translated now lead") for line in lines), lines
    checked = run_kbgen("check", "--today", TODAY, cwd=site.root)
    assert "KB3" not in checked.output, checked.output  # no broken link
