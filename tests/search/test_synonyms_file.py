"""synonyms/<lang>.yml: read with file:line findings by `kbgen check`, shipped to the browser by the build."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kbgen.config.settings import KbConfig
from kbgen.loading.synonyms import load_synonyms
from kbgen.search.synonyms import manifest_synonyms
from tests.support.project import Site, article

Run = Callable[..., Result]
CONFIG = KbConfig(languages=("en", "tr", "ro", "zh"))


def write(root: Path, name: str, text: str) -> None:
    (root / "synonyms").mkdir(parents=True, exist_ok=True)
    (root / "synonyms" / name).write_text(text, encoding="utf-8")


def findings(root: Path) -> list[str]:
    return [f.format() for f in load_synonyms(root, CONFIG).findings]


def test_groups_are_read_per_language(tmp_path: Path) -> None:
    write(tmp_path, "en.yml", "# comment\n- [invoice, bill]\n- [log in, 'sign  in', login]\n")
    write(tmp_path, "tr.yaml", "- [şifre, parola]\n")
    loaded = load_synonyms(tmp_path, CONFIG)
    assert loaded.findings == ()
    assert loaded.by_language() == {
        "en": [["invoice", "bill"], ["log in", "sign in", "login"]],
        "tr": [["şifre", "parola"]],
    }
    assert [g.line for g in loaded.files[0].groups] == [2, 3]


def test_no_folder_means_no_synonyms(tmp_path: Path) -> None:
    assert load_synonyms(tmp_path, CONFIG).by_language() == {}


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        ("- [invoice, bill\n- [a, b]\n", "synonyms/en.yml:1:3: error KB501", "YAML syntax error"),
        ("invoice: bill\n", "synonyms/en.yml:1:1: error KB501", "expected a list of synonym groups"),
        ("- [invoice, bill]\n- invoice\n", "synonyms/en.yml:2:3: error KB501", "list of two or more phrases"),
        ("- [invoice]\n", "synonyms/en.yml:1:3: error KB501", "needs two or more phrases (found 1)"),
        ("- [invoice, bill]\n- [version, 3.10]\n", "synonyms/en.yml:2:13: error KB501", 'quote it: "3.10"'),
        ("- [invoice, [bill, check]]\n", "synonyms/en.yml:1:13: error KB501", "not a nested list"),
        ("- [invoice, '   ']\n", "synonyms/en.yml:1:13: error KB501", "1 to 100 characters"),
        ("- [invoice, null]\n", "synonyms/en.yml:1:13: error KB501", "quote it"),
    ],
)
def test_bad_files_are_findings_with_file_and_line(tmp_path: Path, text: str, where: str, says: str) -> None:
    write(tmp_path, "en.yml", text)
    [found] = findings(tmp_path)
    assert found.startswith(where), found
    assert says in found


def test_a_bad_group_drops_only_itself(tmp_path: Path) -> None:
    write(tmp_path, "en.yml", "- [invoice, bill]\n- [lonely]\n- [login, sign in]\n")
    loaded = load_synonyms(tmp_path, CONFIG)
    assert loaded.by_language() == {"en": [["invoice", "bill"], ["login", "sign in"]]}
    assert len(loaded.findings) == 1


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"- [fatura, hesap]\n- [\xff]\n", "synonyms/en.yml:2:4: error KB130"), (b"\xff\xfe-", "KB130")],
)
def test_a_file_that_is_not_utf8_is_a_finding(tmp_path: Path, data: bytes, code: str) -> None:
    (tmp_path / "synonyms").mkdir()
    (tmp_path / "synonyms" / "en.yml").write_bytes(data)
    [found] = findings(tmp_path)
    assert code in found


def test_unknown_language_is_an_error_and_is_not_read(tmp_path: Path) -> None:
    write(tmp_path, "de.yml", "- [Rechnung, Beleg]\n")
    write(tmp_path, "notes.txt", "not a synonyms file")
    loaded = load_synonyms(tmp_path, CONFIG)
    assert loaded.by_language() == {}
    [found] = [f.format() for f in loaded.findings]
    assert found.startswith("synonyms/de.yml:1:1: error KB502: synonyms for language 'de'")
    assert "en, tr, ro, zh" in found


def test_aliases_cannot_blow_up(tmp_path: Path) -> None:
    write(tmp_path, "en.yml", "- &a [lol, lol]\n- [*a, *a]\n")
    [found] = findings(tmp_path)
    assert found.startswith("synonyms/en.yml:1:3: error KB501: anchors and aliases")


def test_the_manifest_form_matches_words_and_terms() -> None:
    assert manifest_synonyms([["log in", "Signing in", "login"], ["the", "a"], ["x", "x"]], "en") == [
        [[["log", "in"], ["log"]], [["sign", "in"], ["sign"]], [["login"], ["login"]]],
    ]
    assert manifest_synonyms([["Şifre", "parola"]], "tr") == [[[["sifr"], ["sifr"]], [["parol"], ["parol"]]]]
    assert manifest_synonyms([["上传收据", "小票"]], "zh") == [
        [[["上传收据"], ["上传", "传收", "收据"]], [["小票"], ["小票"]]],
    ]


def test_check_warns_about_groups_no_article_uses(site: Site, run_kbgen: Run) -> None:
    site.write("en/account/reset.md", article(body="Sign in and reset your password.\n"))
    # a step's imperative (açın) is a use of the verb a reader types (aç); a word the index reads two ways
    # (iletişime: iletişim + -e, or ilet + -işime) is a use of either
    body = "Oturum açın. Şifrenizi girin. Sorun sürerse iletişime geçin.\n"
    site.write("tr/hesap/sifre.md", article(title="Şifrenizi sıfırlayın", body=body))
    write(site.root, "en.yml", "- [password, passcode]\n- [invoice, bill]\n- [the, a, an]\n")
    write(site.root, "tr.yml", "- [ŞİFRE, parola]\n- [oturum aç, giriş yap]\n- [iletişim, irtibat]\n")
    result = run_kbgen("check", "--today", "2026-11-22", cwd=site.root)
    lines = [line for line in result.stdout.splitlines() if "synonyms/" in line]
    stop = "is only stop words and matches nothing; use a more specific phrase [synonyms-unused]"
    assert lines == [
        "synonyms/en.yml:2:1: warning KB503: no en article uses any of [invoice, bill]; add the word the articles"
        " use to the group [synonyms-unused]",
        "synonyms/en.yml:3:1: warning KB503: no en article uses any of [the, a, an]; add the word the articles"
        " use to the group [synonyms-unused]",
        f"synonyms/en.yml:3:1: warning KB503: synonym 'a' {stop}",
        f"synonyms/en.yml:3:1: warning KB503: synonym 'an' {stop}",
        f"synonyms/en.yml:3:1: warning KB503: synonym 'the' {stop}",
    ]
    assert result.exit_code == 0


def test_check_fails_on_a_broken_synonyms_file(site: Site, run_kbgen: Run) -> None:
    site.write("en/account/reset.md", article())
    write(site.root, "en.yml", "- [password, passcode\n")
    result = run_kbgen("check", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 1
    assert "synonyms/en.yml:1:3: error KB501: YAML syntax error" in result.stdout


def test_build_ships_the_synonyms_in_the_language_manifest(site: Site, run_kbgen: Run) -> None:
    site.write("en/account/reset.md", article(body="Sign in and reset your password.\n"))
    write(site.root, "en.yml", "- [password, passcode]\n")
    result = run_kbgen("build", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 0, result.output
    manifest = json.loads(gzip.decompress((site.site_dir / "kb-search" / "en" / "manifest.kbs").read_bytes()))
    assert manifest["synonyms"] == [[[["password"], ["password"]], [["passcod"], ["passcod"]]]]
    assert not (site.site_dir / "synonyms").exists()
