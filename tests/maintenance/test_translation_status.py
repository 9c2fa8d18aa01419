"""Translations that keep up: the source hash, KB410-KB413, `kbgen translate-status` and `kbgen review`."""

from __future__ import annotations

import csv
import io
import json
import pickle
import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import PurePosixPath

import pytest
from click.testing import Result

from kbgen.model import Article, Source
from kbgen.publishing.site_build import build_site
from kbgen.translations.source_hash import normalise_body, source_hash
from tests.support.git_repo import GitRepo
from tests.support.project import SAMPLE_TODAY, Site, article

TODAY = "2026-11-22"
BODY = "Open **Settings** and choose *Security*.\n\nThen pick a new password.\n"


def translation(hash_line: str = "", body: str = "Ayarlar'ı açın.\n", **kwargs: str) -> str:
    extra = f"source_hash: {hash_line}\n" if hash_line else ""
    return article(title="Şifre", body=body, extra=extra + kwargs.pop("extra", ""), **kwargs)


def findings(run_kbgen: Callable[..., Result], site: Site, *args: str) -> list[dict[str, object]]:
    result = run_kbgen("check", "--today", TODAY, "--format", "json", *args, cwd=site.root)
    return [f for f in json.loads(result.stdout)["findings"] if str(f["code"]).startswith("KB4")]


def codes(found: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(f["path"], f["code"]) for f in found]


@pytest.mark.parametrize(
    "variant",
    [
        BODY.replace("\n", "\r\n"),  # Windows line endings
        BODY.replace(".\n", ".   \n"),  # trailing spaces
        BODY.replace("\n\n", "\n\n\n\n"),  # a run of blank lines
        "\n\n" + BODY + "\n\n",  # blank lines around it
    ],
)
def test_edits_nobody_would_call_a_change_keep_the_hash(variant: str) -> None:
    assert source_hash(variant) == source_hash(BODY)


def test_composed_and_decomposed_unicode_hash_alike_and_real_edits_do_not() -> None:
    text = "Ayarlar'ı açın ve Güvenlik'i seçin.\n"
    assert source_hash(unicodedata.normalize("NFD", text)) == source_hash(unicodedata.normalize("NFC", text))
    assert source_hash(BODY.replace("new password", "new passphrase")) != source_hash(BODY)
    assert source_hash(BODY.replace("\n\n", "\n")) != source_hash(BODY)  # a paragraph joined is a change
    assert normalise_body("a  \r\n\r\n\r\nb\r\n") == "a\n\nb" and len(source_hash(BODY)) == 12


def test_an_article_carries_its_body_s_hash_and_a_changed_body_a_new_one() -> None:
    """The status compares each translation with its source's hash, kept on the article from when it was made (a
    rebuild takes it from the load memo); an article made from another with a new body gets its own."""
    source = Article(Source(PurePosixPath("en/a/b.md"), "content/en/a/b.md"), "en", "a", "b", "B", "ana",
                     date(2026, 1, 5), ("all",), body=BODY)  # fmt: skip
    assert source.body_hash == source_hash(BODY)
    edited = replace(source, body=BODY + "\nOne more step.\n")
    assert edited.body_hash == source_hash(edited.body) != source.body_hash
    assert pickle.loads(pickle.dumps(edited)).body_hash == edited.body_hash


def test_a_current_translation_then_an_edited_source_then_a_review(
    run_kbgen: Callable[..., Result], site: Site
) -> None:
    site.write("en/a/reset.md", article(body=BODY))
    tr = site.write("tr/a/reset.md", translation(source_hash(BODY)))
    assert findings(run_kbgen, site) == []
    site.write("en/a/reset.md", article(body=BODY.replace("new password", "new passphrase")))
    [outdated] = findings(run_kbgen, site)
    assert (outdated["code"], outdated["rule"], outdated["severity"]) == ("KB410", "translation-outdated", "warning")
    assert outdated["path"] == "content/tr/a/reset.md" and outdated["line"] == 6  # the source_hash line
    assert "the source content/en/a/reset.md changed" in str(outdated["message"])
    assert "run 'kbgen review content/tr/a/reset.md'" in str(outdated["message"])
    result = run_kbgen("review", "--today", TODAY, "--by", "emre", str(tr), cwd=site.root)
    assert result.exit_code == 0, result.output
    new_hash = source_hash(BODY.replace("new password", "new passphrase"))
    assert f"source_hash {source_hash(BODY)} -> {new_hash}" in result.stdout
    text = tr.read_text(encoding="utf-8")  # a new key follows `reviewed`; an existing one keeps its place
    assert f"reviewed: {TODAY}\nreviewed_by: emre\nproduct_version: " in text and f"\nsource_hash: {new_hash}\n" in text
    assert findings(run_kbgen, site) == []


def test_reviewing_again_on_the_same_day_records_the_new_source(run_kbgen: Callable[..., Result], site: Site) -> None:
    site.write("en/a/reset.md", article(body=BODY + "\nA new paragraph.\n"))
    tr = site.write("tr/a/reset.md", translation(source_hash(BODY), reviewed=TODAY))
    result = run_kbgen("review", "--today", TODAY, str(tr), cwd=site.root)
    assert result.exit_code == 0 and "source_hash" in result.stdout
    expected = translation(source_hash(BODY + "\nA new paragraph.\n"), reviewed=TODAY)
    assert tr.read_text(encoding="utf-8") == expected  # only the hash changed


def test_a_translation_without_a_hash_is_unverified_until_reviewed(
    run_kbgen: Callable[..., Result], site: Site
) -> None:
    site.write("en/a/reset.md", article(body=BODY))
    tr = site.write("tr/a/reset.md", translation())
    [unverified] = findings(run_kbgen, site)
    assert (unverified["code"], unverified["severity"]) == ("KB412", "warning")
    assert "no 'source_hash'" in str(unverified["message"]) and "content/en/a/reset.md" in str(unverified["message"])
    assert run_kbgen("review", "--today", TODAY, str(tr), cwd=site.root).exit_code == 0
    assert f"source_hash: {source_hash(BODY)}" in tr.read_text(encoding="utf-8")
    assert findings(run_kbgen, site) == []


def test_a_deleted_source_orphans_its_translation(run_kbgen: Callable[..., Result], site: Site) -> None:
    site.write("tr/a/gone.md", translation(source_hash(BODY)))
    [orphan] = findings(run_kbgen, site)
    assert (orphan["code"], orphan["path"]) == ("KB411", "content/tr/a/gone.md")
    assert "translation of content/en/a/gone.md, which no longer exists" in str(orphan["message"])


def test_a_moved_source_is_found_by_its_hash(run_kbgen: Callable[..., Result], site: Site) -> None:
    site.write("en/b/reset-password.md", article(body=BODY))  # was en/a/reset.md, moved unchanged
    site.write("tr/a/reset.md", translation(source_hash(BODY)))
    [orphan] = findings(run_kbgen, site)
    message = str(orphan["message"])
    assert orphan["code"] == "KB411" and "moved to content/en/b/reset-password.md" in message
    assert "move this file to content/tr/b/reset-password.md" in message


def test_outdated_translations_can_be_errors(run_kbgen: Callable[..., Result], site: Site) -> None:
    site.configure(outdated_translations="error")
    site.write("en/a/reset.md", article(body=BODY))
    site.write("tr/a/reset.md", translation("0123456789ab"))
    [outdated] = findings(run_kbgen, site)
    assert (outdated["code"], outdated["severity"]) == ("KB410", "error")
    assert run_kbgen("check", "--today", TODAY, cwd=site.root).exit_code == 1


@pytest.mark.parametrize(("written", "why"), [("ABCDEF012345", "lower-case"), ("abc", "12"), ("[a]", "text")])
def test_a_malformed_hash_is_named(run_kbgen: Callable[..., Result], site: Site, written: str, why: str) -> None:
    site.write("en/a/reset.md", article(body=BODY))
    site.write("tr/a/reset.md", translation(written))
    result = run_kbgen("check", "--today", TODAY, "--format", "json", cwd=site.root)
    [bad] = [f for f in json.loads(result.stdout)["findings"] if f["path"] == "content/tr/a/reset.md"]
    assert bad["code"] in ("KB116", "KB112") and "source_hash" in bad["message"] and why in bad["message"]


def test_required_languages_list_missing_articles(run_kbgen: Callable[..., Result], site: Site) -> None:
    site.configure(required_languages=["tr", "zh"])
    site.write("en/a/reset.md", article(body=BODY))
    site.write("en/a/draft.md", article(extra="status: draft"))  # not public: nobody needs it translated yet
    site.write("tr/a/reset.md", translation(source_hash(BODY)))
    [missing] = findings(run_kbgen, site)
    assert (missing["code"], missing["path"], missing["severity"]) == ("KB413", "content/en/a/reset.md", "warning")
    assert "no translation in zh (required_languages); translate it as content/zh/a/reset.md" in str(missing["message"])


def project(site: Site) -> Site:
    """tr: one current, one outdated; ro: one orphan; zh: one unverified; en/a/only-en.md is nowhere else."""
    site.write("en/a/reset.md", article(body=BODY))
    site.write("en/a/edited.md", article(body="Edited since.\n"))
    site.write("en/a/only-en.md", article())
    site.write("tr/a/reset.md", translation(source_hash(BODY)))
    site.write("tr/a/edited.md", translation(source_hash("As translated.\n")))
    site.write("ro/a/gone.md", translation(source_hash("Gone.\n")))
    site.write("zh/a/reset.md", translation())
    return site


def test_translate_status_table_counts_and_exit_code(run_kbgen: Callable[..., Result], site: Site) -> None:
    result = run_kbgen("translate-status", cwd=project(site).root)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[2].split() == ["LANG", "UP-TO-DATE", "OUTDATED", "UNVERIFIED", "ORPHANED", "UNREADABLE", "MISSING"]
    assert [line.split() for line in lines[3:6]] == [
        ["tr", "1", "1", "0", "0", "0", "1"],
        ["ro", "0", "0", "0", "1", "0", "3"],
        ["zh", "0", "0", "1", "0", "0", "2"],
    ]
    assert "  content/tr/a/edited.md  (source content/en/a/edited.md changed: " in result.stdout
    assert "  content/ro/a/gone.md  (source content/en/a/gone.md no longer exists)" in result.stdout
    assert result.stdout.endswith("2 to fix (outdated, orphaned, unreadable, or missing in a required language)\n")


def test_translate_status_json_csv_and_one_language(run_kbgen: Callable[..., Result], site: Site) -> None:
    project(site)
    document = json.loads(run_kbgen("translate-status", "--format", "json", cwd=site.root).stdout)
    assert document["languages"]["tr"] == {
        "up-to-date": 1, "outdated": 1, "unverified": 0, "orphaned": 0, "unreadable": 0, "missing": 1,
    }  # fmt: skip
    assert document["failing"] == 2
    zh = run_kbgen("translate-status", "--lang", "zh", "--format", "csv", cwd=site.root)
    assert zh.exit_code == 0  # unverified and missing in a language nobody requires do not fail
    rows = list(csv.DictReader(io.StringIO(zh.stdout, newline="")))
    assert {(r["state"], r["path"]) for r in rows} == {
        ("unverified", "content/zh/a/reset.md"), ("missing", "content/zh/a/edited.md"),
        ("missing", "content/zh/a/only-en.md"),
    }  # fmt: skip
    site.configure(required_languages=["zh"])
    assert run_kbgen("translate-status", "--lang", "zh", cwd=site.root).exit_code == 1
    unknown = run_kbgen("translate-status", "--lang", "de", cwd=site.root)
    assert unknown.exit_code == 2 and "not a translated language (translated languages: tr, ro, zh)" in unknown.stderr


@pytest.mark.parametrize(
    ("damage", "written"),
    [
        ("UTF-16", translation(source_hash(BODY)).encode("utf-16")),
        ("front matter", b"---\ntitle: [Sifre\n---\nAyarlar.\n"),
    ],
)
def test_a_translation_that_fails_to_load_is_unreadable_not_missing(
    run_kbgen: Callable[..., Result], site: Site, damage: str, written: bytes
) -> None:
    """A translator told "missing" writes the article again; the file is there and only needs mending."""
    site.write("en/a/reset.md", article(body=BODY))
    (site.content / "tr/a").mkdir(parents=True)
    (site.content / "tr/a/reset.md").write_bytes(written)
    result = run_kbgen("translate-status", cwd=site.root)
    assert result.exit_code == 1, damage
    assert "tr: unreadable" in result.stdout
    assert "  content/tr/a/reset.md  (failed to load: 'kbgen check' says why; source content/en/a/reset.md)" in (
        result.stdout
    )
    document = json.loads(run_kbgen("translate-status", "--format", "json", cwd=site.root).stdout)
    assert document["languages"]["tr"]["unreadable"] == 1 and document["languages"]["tr"]["missing"] == 0
    assert run_kbgen("check", "--today", TODAY, cwd=site.root).exit_code == 1  # check names what is wrong


def test_the_html_and_json_reports_show_translations(run_kbgen: Callable[..., Result], site: Site) -> None:
    project(site)
    html = run_kbgen("report", "--today", TODAY, "--format", "html", cwd=site.root).stdout
    assert "<h2>Translations</h2>" in html
    assert '<td class="kb-translation--outdated">outdated</td><td><code>content/tr/a/edited.md</code></td>' in html
    document = json.loads(run_kbgen("report", "--today", TODAY, "--format", "json", cwd=site.root).stdout)
    assert {(e["state"], e["path"]) for e in document["translations"]["to_check"]} == {
        ("outdated", "content/tr/a/edited.md"), ("orphaned", "content/ro/a/gone.md"),
        ("unverified", "content/zh/a/reset.md"),
    }  # fmt: skip


def test_translation_status_across_commits_and_a_rename(run_kbgen: Callable[..., Result], site: Site) -> None:
    """In a real repository: an English rewrite makes the English article edited-without-review and its
    translation outdated; reviewing the English clears only the first; a later `git mv` orphans the translation
    and the hash says where its source went."""
    repo = GitRepo(site.root)
    rewritten = " ".join(f"new{n}" for n in range(30)) + "\n"
    en = site.write("en/a/reset.md", article(reviewed="2026-09-01", body=BODY))
    tr = site.write("tr/a/reset.md", translation(source_hash(BODY), reviewed="2026-09-01"))
    repo.commit("2026-08-30", "write and translate")
    en.write_text(article(reviewed="2026-09-01", body=rewritten), encoding="utf-8")
    repo.commit("2026-10-01", "rewrite the English")
    assert codes(findings(run_kbgen, site)) == [("content/en/a/reset.md", "KB421"), ("content/tr/a/reset.md", "KB410")]
    assert run_kbgen("review", "--today", TODAY, "--by", "ana", str(en), cwd=site.root).exit_code == 0
    repo.commit("2026-11-22", "reviewed")
    assert codes(findings(run_kbgen, site)) == [("content/tr/a/reset.md", "KB410")]
    assert run_kbgen("review", "--today", TODAY, "--by", "emre", str(tr), cwd=site.root).exit_code == 0
    assert findings(run_kbgen, site) == []
    repo.move("content/en/a/reset.md", "content/en/b/reset-password.md")
    repo.commit("2026-11-22", "move the English article")
    [orphan] = findings(run_kbgen, site)
    assert orphan["code"] == "KB411" and "move this file to content/tr/b/reset-password.md" in str(orphan["message"])


@pytest.mark.parametrize(
    ("source_extra", "shown"),
    [
        ("audience: internal\n", "audience: internal"),
        ("status: draft\n", "status: draft"),
        ("status: archived\n", "status: archived"),
    ],
)
def test_a_public_translation_of_a_withdrawn_source_is_named_with_the_key_to_set(
    run_kbgen: Callable[..., Result], site: Site, source_extra: str, shown: str
) -> None:
    """Pulling an article back left its translations public with only KB412's generic word: its content leaked."""
    site.write("en/a/reset.md", article(body=BODY, extra=source_extra))
    site.write("tr/a/reset.md", translation(source_hash(BODY)))
    site.write("ro/a/reset.md", translation())  # no source_hash: the finding points at the front matter's start
    found = [f for f in findings(run_kbgen, site) if f["code"] == "KB414"]
    assert [(f["path"], f["line"], f["rule"], f["severity"], f["message"]) for f in found] == [
        (
            f"content/{lang}/a/reset.md", line, "translation-of-unpublished", "warning",
            f"this translation is public but its source content/en/a/reset.md is not ({shown}), so the site still "
            f"publishes its content in {lang}; set '{shown}' here too, or publish the source",
        )
        for lang, line in (("ro", 1), ("tr", 6))
    ]  # fmt: skip
    site.write("tr/a/reset.md", translation(source_hash(BODY), extra=source_extra))  # following the advice
    site.write("ro/a/reset.md", translation(extra=source_extra))
    assert [f for f in findings(run_kbgen, site) if f["code"] == "KB414"] == []


def test_a_source_made_internal_by_its_section_names_the_section(run_kbgen: Callable[..., Result], site: Site) -> None:
    site.write("en/a/index.md", "---\ntitle: A\naudience: internal\n---\n")
    site.write("en/a/reset.md", article(body=BODY))
    site.write("tr/a/reset.md", translation(source_hash(BODY)))
    [found] = [f for f in findings(run_kbgen, site) if f["code"] == "KB414"]
    assert "is not (audience: internal, set by content/en/a/index.md)," in str(found["message"])


@pytest.mark.parametrize("source_extra", ["status: draft\n", "status: archived\n", "audience: internal\n"])
def test_the_outdated_notice_of_a_withdrawn_sources_translation_links_nowhere(site: Site, source_extra: str) -> None:
    """ "Read the original" leads to the source's page; a withdrawn source has none, so the notice names no address
    (a guard: checked while looking for a 404 or a leak there, and found right)."""
    site.write("en/a/reset.md", article(body=BODY, extra=source_extra))
    site.write("tr/a/reset.md", translation("0123456789ab"))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    page = site.read_output("tr/a/reset/index.html")
    notice = re.search(r'<aside class="kb-translation-notice.*?</aside>', page, re.S)
    assert notice is not None and "<a " not in notice.group(0)
    assert "en/a/reset" not in page and not (site.site_dir / "en/a/reset").exists()
