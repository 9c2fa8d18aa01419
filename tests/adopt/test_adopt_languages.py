"""`kbgen adopt` on a tree that keeps every language in one folder, telling them apart by the file name
(`markdown.fr.md` beside `markdown.en.md` and `tags.md`), as Hugo and mkdocs-static-i18n do: each language is adopted
on its own, under the names without the language, so kbgen pairs each translation with its source.

The tree is tests/adopt/fixtures/hugo-suffix/ (from the Hugo Relearn theme's example site, MIT; see its README).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path, PurePosixPath

from kbgen.adopt.page_languages import language_of, sort_by_language
from tests.adopt.conftest import TODAY, Run, front_matter, suggested_foreign_keys
from tests.adopt.test_adopt_includes import summary_lines
from tests.support.project import Site

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "hugo-suffix"


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "relearn" / "content"
    shutil.copytree(FIXTURE, source, ignore=shutil.ignore_patterns("README.md"))
    return source


def _adopt(run_kbgen: Run, site: Site, source: Path, lang: str, *extra: str) -> list[str]:
    result = run_kbgen("adopt", str(source), "--lang", lang, "--today", TODAY, "--owner", "docs", *extra, cwd=site.root)
    assert result.exit_code in (0, 1), result.output
    return summary_lines(result.stdout, source)


def _adopted(site: Site, lang: str) -> list[str]:
    folder = site.content / lang
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_each_language_takes_its_own_files_under_the_names_without_the_language(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    site.configure(languages=["en", "fr"])
    source = _source(tmp_path)
    before = sorted(p.name for p in (source / "cont").iterdir())
    french = _adopt(run_kbgen, site, source, "fr")
    english = _adopt(run_kbgen, site, source, "en")
    assert _adopted(site, "fr") == ["cont/index.md", "cont/markdown.md"]
    assert _adopted(site, "en") == ["cont/index.md", "cont/markdown.md", "cont/tags.md"]
    assert front_matter((site.content / "fr" / "cont" / "index.md").read_bytes())["title"] == "Contenu"
    assert front_matter((site.content / "en" / "cont" / "markdown.md").read_bytes())["title"] == "Markdown syntax"
    # a link to the French section page by its source name now names the adopted file
    assert "[le contenu](index.md)" in (site.content / "fr" / "cont" / "markdown.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in (source / "cont").iterdir()) == before  # the source is only read
    assert any("2 files adopted under the name without the language" in line for line in french)
    # `tags.pir.md`: no list knows the code, but beside `tags.md` its name is shaped as a language's
    assert any("pages in other languages not adopted (en 3, pir 1)" in line for line in french)
    assert any("pages in other languages not adopted (fr 2, pir 1)" in line for line in english)

    status = run_kbgen("translate-status", "--format", "json", cwd=site.root)
    entries = {(e["lang"], e["path"]): e for e in json.loads(status.stdout)["translations"]}
    markdown = entries[("fr", "content/fr/cont/markdown.md")]
    assert markdown["source"] == "content/en/cont/markdown.md" and markdown["state"] == "unverified"
    assert entries[("fr", "content/fr/cont/tags.md")]["state"] == "missing"


def test_a_language_the_project_lists_is_read_from_the_name_whatever_its_code(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    site.configure(languages=["en", "fr", "pir"])
    source = _source(tmp_path)
    lines = _adopt(run_kbgen, site, source, "pir")
    assert _adopted(site, "pir") == ["cont/tags.md"]
    assert any("pages in other languages not adopted (en 3, fr 2)" in line for line in lines)
    _adopt(run_kbgen, site, source, "en")
    assert "cont/tags.pir.md" not in _adopted(site, "en")


def test_a_page_named_in_the_default_language_twice_keeps_the_one_that_says_so(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    site.configure(languages=["en", "fr"])
    source = _source(tmp_path)
    shutil.copy(source / "cont" / "tags.md", source / "cont" / "tags.en.md")
    (source / "cont" / "tags.en.md").write_text("---\ntitle: Tags (en)\n---\n\nTagged.\n", encoding="utf-8")
    lines = _adopt(run_kbgen, site, source, "en")
    assert front_matter((site.content / "en" / "cont" / "tags.md").read_bytes())["title"] == "Tags (en)"
    assert "  SRC/cont/tags.md: tags.en.md is its version in the same language, adopted as tags.md" in lines


def test_the_language_of_names_that_carry_none_can_be_named(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    """A site whose default language is French writes its French pages without a suffix."""
    site.configure(languages=["en", "fr"])
    source = tmp_path / "site"
    (source / "guide").mkdir(parents=True)
    (source / "guide" / "install.md").write_text("---\ntitle: Installer\n---\n\nTexte.\n", encoding="utf-8")
    (source / "guide" / "install.en.md").write_text("---\ntitle: Install\n---\n\nText.\n", encoding="utf-8")
    _adopt(run_kbgen, site, source, "fr", "--untagged-lang", "fr")
    _adopt(run_kbgen, site, source, "en", "--untagged-lang", "fr")
    assert front_matter((site.content / "fr" / "guide" / "install.md").read_bytes())["title"] == "Installer"
    assert front_matter((site.content / "en" / "guide" / "install.md").read_bytes())["title"] == "Install"
    result = run_kbgen("adopt", str(source), "--lang", "fr", "--untagged-lang", "French", cwd=site.root)
    assert result.exit_code == 2 and "--untagged-lang 'French' is not a language code" in result.output


def test_the_built_site_pairs_the_adopted_translations(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    site.configure(languages=["en", "fr"])
    source = _source(tmp_path)
    english = run_kbgen("adopt", str(source), "--lang", "en", "--today", TODAY, "--owner", "docs", cwd=site.root)
    site.configure(languages=["en", "fr"], foreign_keys=suggested_foreign_keys(english.stdout))
    _adopt(run_kbgen, site, source, "fr")
    checked = run_kbgen("check", "--today", TODAY, cwd=site.root)
    assert "tags.pir" not in checked.output
    assert "broken" not in checked.output, checked.output
    built = run_kbgen("build", "--today", TODAY, cwd=site.root)
    assert built.exit_code == 0, built.output
    french = site.read_output("fr/cont/markdown/index.html")
    assert "Syntaxe Markdown" in french and 'hreflang="en"' in french


def test_names_carry_a_language_only_when_it_is_a_code() -> None:
    assert language_of("install.fr.md", ()) == ("install.md", "fr")
    assert language_of("_index.pt-BR.md", ()) == ("_index.md", "pt-br")
    assert language_of("index.zh_CN.md", ()) == ("index.md", "zh-cn")
    assert language_of("logo.de.png", ()) == ("logo.png", "de")
    assert language_of("tags.pir.md", ()) is None  # not ISO 639-1
    assert language_of("tags.pir.md", ("pir",)) == ("tags.md", "pir")
    assert language_of("v1.2.md", ()) is None and language_of("notes.md", ()) is None
    assert language_of(".fr.md", ()) is None


def test_a_made_up_code_is_a_language_beside_the_page_it_translates() -> None:
    files = [PurePosixPath(p) for p in ("tags.md", "tags.pir.md", "tags.fr.md", "notes.old.md")]
    chosen = sort_by_language(files, "en", "en", ("en", "fr"))
    assert chosen.others == {"fr": 1, "pir": 1}
    assert PurePosixPath("notes.old.md") not in chosen.skipped  # no `notes.md`: a name, not a language


def test_a_tree_without_twins_is_taken_whole_whatever_its_names() -> None:
    """`what.is.md` reads as Icelandic; without a page in two languages the tree is not named by language."""
    files = [PurePosixPath(p) for p in ("faq/what.is.md", "faq/how.md", "img/logo.png")]
    chosen = sort_by_language(files, "en", "en", ("en",))
    assert not chosen.named and not chosen.skipped and not chosen.renamed


def test_an_image_without_a_language_is_shared_unless_the_language_has_its_own() -> None:
    files = [PurePosixPath(p) for p in ("a.md", "a.fr.md", "logo.png", "logo.fr.png", "map.png", "map.de.png")]
    chosen = sort_by_language(files, "fr", "en", ("en", "fr"))
    kept = sorted(
        str(chosen.name(f)) + ("" if chosen.name(f) == f else f" <- {f}") for f in files if f not in chosen.skipped
    )
    assert kept == ["a.md <- a.fr.md", "logo.png <- logo.fr.png", "map.png"]
    assert chosen.others == {"en": 1}  # pages only: images are not counted
    assert chosen.twins == []  # logo.png was every language's; fr has its own, nothing to tell


def test_an_mkdocs_static_i18n_suffix_tree_is_read_the_same_way(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    """mkdocs-static-i18n's `docs_structure: suffix` is Hugo's shape: `installation.zh.md` beside `installation.md`."""
    source = tmp_path / "static-i18n" / "docs"
    shutil.copytree(FIXTURE.parent / "static-i18n", source, ignore=shutil.ignore_patterns("README.md"))
    _adopt(run_kbgen, site, source, "en")
    lines = _adopt(run_kbgen, site, source, "zh")
    assert _adopted(site, "zh") == ["getting-started/installation.md"]
    assert front_matter((site.content / "zh" / "getting-started" / "installation.md").read_bytes())["title"] == "安装"
    assert any("pages in other languages not adopted (en 1)" in line for line in lines)
    status = run_kbgen("translate-status", "--format", "json", cwd=site.root)
    entries = {(e["lang"], e["path"]): e for e in json.loads(status.stdout)["translations"]}
    zh = entries[("zh", "content/zh/getting-started/installation.md")]
    assert zh["source"] == "content/en/getting-started/installation.md" and zh["state"] == "unverified"


def test_a_tree_with_a_folder_per_language_is_adopted_one_folder_at_a_time(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    """Hugo's `content/en/` and `content/fr/` (and mkdocs-static-i18n's `docs/en/`, `docs/fr/`): adopting the parent
    would write content/fr/en/ and content/fr/fr/; kbgen says which folder to adopt and writes nothing."""
    site.configure(languages=["en", "fr"])
    content = tmp_path / "hugo" / "content"
    for lang, title in (("en", "Install"), ("fr", "Installer")):
        (content / lang / "guide").mkdir(parents=True)
        (content / lang / "guide" / "install.md").write_text(f"---\ntitle: {title}\n---\n\nText.\n", encoding="utf-8")
    whole = run_kbgen("adopt", str(content), "--lang", "fr", "--today", TODAY, cwd=site.root)
    assert whole.exit_code == 2
    assert (
        f"{content.as_posix()} holds a folder per language (en/, fr/); adopted whole, each would land inside "
        f"content/fr/. Adopt {(content / 'fr').as_posix()} with --lang fr, and each other folder with its own --lang"
    ) in whole.output
    assert not (site.content / "fr").exists()
    for lang in ("en", "fr"):
        _adopt(run_kbgen, site, content / lang, lang)
    assert front_matter((site.content / "fr" / "guide" / "install.md").read_bytes())["title"] == "Installer"
    status = run_kbgen("translate-status", "--format", "json", cwd=site.root)
    (entry,) = json.loads(status.stdout)["translations"]
    assert (entry["path"], entry["source"]) == ("content/fr/guide/install.md", "content/en/guide/install.md")


def test_an_image_named_for_its_language_is_written_under_the_name_pages_use(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    """mkdocs-static-i18n's own home page links `image.png`; `image.fr.png` is what the French site shows there."""
    site.configure(languages=["en", "fr"])
    source = tmp_path / "static-i18n" / "docs"
    shutil.copytree(FIXTURE.parent / "static-i18n-image", source, ignore=shutil.ignore_patterns("README.md"))
    _adopt(run_kbgen, site, source, "en")
    _adopt(run_kbgen, site, source, "fr")
    assert _adopted(site, "fr") == ["image.png", "index.md"]
    assert _adopted(site, "en") == ["image.png", "index.md"]
    assert (site.content / "fr" / "image.png").read_bytes() == (source / "image.fr.png").read_bytes()
    assert (site.content / "en" / "image.png").read_bytes() == (source / "image.en.png").read_bytes()
    assert "![localized image](image.png)" in (site.content / "fr" / "index.md").read_text(encoding="utf-8")
    checked = run_kbgen("check", "--today", TODAY, cwd=site.root)
    assert "image" not in checked.output, checked.output
