"""`kbgen adopt` end to end: a Microsoft Learn style tree in a git repository becomes kbgen content as it is."""

from __future__ import annotations

import json
import posixpath
import re
from datetime import date
from pathlib import Path

import pytest

from kbgen.links.extract import extract_links
from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run, adopt, body_of, front_matter, suggested_foreign_keys, tree_hashes
from tests.support.project import Site

ADOPTED_ARTICLES = 7
INCLUDED = {  # the fixture's include fragments, not adopted as pages: their text is in the pages that include them
    "includes/banner.md",
    "includes/cc-applies-to-psa-app-3x.md",
    "includes/footer-banner.md",
    "includes/psa-now-project-operations.md",
    "includes/task-guide-banner.md",  # nothing includes it (as in the corpus): named in the summary
}


def test_the_tree_keeps_its_folders_names_and_bodies_byte_for_byte(docs_repo: Path, site: Site, run_kbgen: Run) -> None:
    source = docs_repo / "articles"
    result = adopt(run_kbgen, site, source)
    adopted = site.content / "en"
    source_files = sorted(p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file())
    kept = [rel for rel in source_files if rel not in INCLUDED]
    assert sorted(p.relative_to(adopted).as_posix() for p in adopted.rglob("*") if p.is_file()) == kept
    for rel in kept:
        data, written = (source / rel).read_bytes(), (adopted / rel).read_bytes()
        if not rel.endswith(".md"):
            assert written == data, rel  # images are copied as they are
        elif b"[!INCLUDE" not in data:
            assert body_of(written) == body_of(data), rel
        else:  # every line but the directives is kept, in order; no directive is left
            lines = iter(body_of(written).splitlines())
            assert all(line in lines for line in body_of(data).splitlines() if b"[!INCLUDE" not in line), rel
            assert b"[!INCLUDE" not in written, rel
    assert f"adopted {source.as_posix()} into content/en/: {ADOPTED_ARTICLES} articles" in result.stdout


def test_the_source_repository_is_not_touched(docs_repo: Path, site: Site, run_kbgen: Run) -> None:
    before = tree_hashes(docs_repo)
    adopt(run_kbgen, site, docs_repo / "articles")
    assert tree_hashes(docs_repo) == before


def test_fields_come_from_the_front_matter_then_codeowners_then_git(
    docs_repo: Path, site: Site, run_kbgen: Run
) -> None:
    adopt(run_kbgen, site, docs_repo / "articles")
    meta = {
        rel: front_matter((site.content / "en" / rel).read_bytes())
        for rel in (
            "welcome-to-project-operations.md",
            "expense/basic-expense.md",
            "time/time-entry-overview.md",
            "time/ui-behavior-time.md",
        )
    }
    welcome = meta["welcome-to-project-operations.md"]  # ms.* keys, MM/DD/YYYY
    assert (welcome["owner"], str(welcome["reviewed"]), welcome["product_version"]) == (
        "johnmichalak",
        "2026-01-30",
        "all",
    )
    assert welcome["ms.date"] == "01/30/2026" and welcome["ms.author"] == "johnmichalak"  # kept as they were
    assert welcome["summary"] == "This article provides information about Dynamics 365 Project operations."
    basic = meta["expense/basic-expense.md"]  # author, ISO date, intro
    assert (basic["owner"], str(basic["reviewed"])) == ("mohitmenon", "2026-02-04")
    assert basic["summary"] == "Learn how to manage expense entries in Project Operations Core."
    overview = meta["time/time-entry-overview.md"]  # no front matter, no CODEOWNERS entry: the last commit
    assert (overview["title"], overview["owner"]) == ("Time overview", "bob@example.com")
    assert str(overview["reviewed"]) == "2026-07-15"  # the day it landed, not the day it was written (07-10)
    assert str(overview["summary"]).startswith("Time entry is the process of recording the actual time")
    broken = meta["time/ui-behavior-time.md"]  # invalid front matter: nothing taken from it; CODEOWNERS (first
    assert (broken["title"], broken["owner"], str(broken["reviewed"])) == (  # listed owner), last commit
        "Time entry UI behavior",
        "@contoso/docs-platform",
        "2026-06-01",
    )
    assert set(broken) == {"title", "summary", "owner", "reviewed", "product_version"}


def test_invalid_front_matter_is_kept_as_comments(docs_repo: Path, site: Site, run_kbgen: Run) -> None:
    adopt(run_kbgen, site, docs_repo / "articles")
    text = (site.content / "en" / "time" / "ui-behavior-time.md").read_text(encoding="utf-8")
    assert "# kbgen adopt: the source front matter below was not used (YAML syntax error" in text
    assert "# title: Time entry: UI behavior\n" in text
    assert "# ms.author: mohitmenon\n" in text


def test_the_summary_names_defaults_and_unmapped_values_with_file_and_line(
    docs_repo: Path, site: Site, run_kbgen: Run
) -> None:
    source = (docs_repo / "articles").as_posix()
    result = adopt(run_kbgen, site, docs_repo / "articles")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert "  owner: 5 from author, 1 from git author, 1 from .github/CODEOWNERS:3" in lines
    assert "  reviewed: 4 from ms.date, 2 from git, 1 from date" in lines
    assert "needed a default" not in result.stdout
    assert "could not be mapped (2):" in lines
    audience = "'audience' is 'Admin'; expected one of public, internal; kept as 'source.audience'"
    assert f"  {source}/psa/actuals.md:13: {audience}" in lines
    assert any(line.startswith(f"  {source}/time/ui-behavior-time.md:2: YAML syntax error") for line in lines)
    assert "left out" not in result.stdout and "not overwritten" not in result.stdout
    assert "includes not expanded" not in result.stdout
    included = "; 4 included files not adopted as pages (their text is in the pages that include them)"
    assert f"includes: 10 [!INCLUDE] directives expanded, 0 left as written{included}" in lines
    assert lines[lines.index(f"includes: 10 [!INCLUDE] directives expanded, 0 left as written{included}") + 2] == (
        f"  {source}/includes/task-guide-banner.md"
    )
    assert suggested_foreign_keys(result.stdout) == [
        "author",
        "date",
        "intro",
        "ms.*",
        "search.*",
        "source.*",
        "topics",
    ]


def test_a_clean_tree_exits_0(docs_repo: Path, site: Site, run_kbgen: Run) -> None:
    for path in (docs_repo / "articles" / "expense").glob("*.md"):  # their includes are outside expense/
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^\[!INCLUDE.*\n", "", text, flags=re.M), encoding="utf-8")
    result = adopt(run_kbgen, site, docs_repo / "articles" / "expense")
    assert result.exit_code == 0, result.output
    assert "needed a default" not in result.stdout and "could not be mapped" not in result.stdout
    assert (site.content / "en" / "expense-overview.md").is_file()


def test_nothing_in_the_content_folder_is_overwritten(docs_repo: Path, site: Site, run_kbgen: Run) -> None:
    mine = site.write("en/expense/expense-overview.md", "mine\n")
    result = adopt(run_kbgen, site, docs_repo / "articles")
    assert result.exit_code == 1
    assert "not overwritten (1):" in result.stdout
    assert "  content/en/expense/expense-overview.md: already exists; not overwritten" in result.stdout
    assert mine.read_text(encoding="utf-8") == "mine\n"
    assert (site.content / "en" / "expense" / "basic-expense.md").is_file()  # the rest is adopted
    again = adopt(run_kbgen, site, docs_repo / "articles")
    assert again.exit_code == 1 and f"not overwritten ({ADOPTED_ARTICLES + 1}):" in again.stdout


def test_a_file_not_written_again_is_not_said_to_need_defaults(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = tmp_path / "notes"
    source.mkdir()
    (source / "faq.md").write_text("# FAQ\n\nAnswers.\n", encoding="utf-8")  # no owner, no date: defaults
    first = adopt(run_kbgen, site, source)
    assert "needed a default (1 file):" in first.stdout
    again = adopt(run_kbgen, site, source)
    assert "already exists; not overwritten" in again.stdout
    assert "needed a default" not in again.stdout  # of a file it did not write: nothing to say


def test_dry_run_writes_nothing(docs_repo: Path, site: Site, run_kbgen: Run) -> None:
    result = adopt(run_kbgen, site, docs_repo / "articles", "--dry-run")
    assert result.exit_code == 1
    assert "would adopt" in result.stdout and "(dry run: nothing written)" in result.stdout
    assert list(site.content.rglob("*")) == []


def test_adopted_tree_passes_check_and_builds_with_its_links_working(
    docs_repo: Path, site: Site, run_kbgen: Run
) -> None:
    result = adopt(run_kbgen, site, docs_repo / "articles")
    site.configure(foreign_keys=suggested_foreign_keys(result.stdout))
    check = run_kbgen("check", "--today", TODAY, "--format", "json", "--fail-on", "never", cwd=site.root)
    rules = {finding["rule"] for finding in json.loads(check.stdout)["findings"]}
    assert rules <= {"stale", "due-soon"}, check.stdout  # psa/actuals.md was last reviewed in 2025
    built = build_site(site.config_file, site.site_dir, date.fromisoformat(TODAY), strict=False)
    assert not [f for f in built.findings if f.rule not in ("stale", "due-soon")]
    home = site.read_output("en/index.html")
    assert 'href="welcome-to-project-operations/"' in home  # an article directly in the language folder
    welcome = site.read_output("en/welcome-to-project-operations/index.html")
    assert 'href="../expense/expense-overview/"' in welcome and "[!INCLUDE" not in welcome
    actuals = site.read_output("en/psa/actuals/index.html")
    assert '<div class="admonition important">' in actuals and "Applies to Project Service app version 3.x" in actuals
    assert (site.site_dir / "en" / "psa" / "media" / "basic-guide-18.png").is_file()


def test_relative_links_resolve_after_adoption_as_they_did_before(docs_repo: Path, site: Site, run_kbgen: Run) -> None:
    source = docs_repo / "articles"
    adopt(run_kbgen, site, source)
    adopted = site.content / "en"
    checked = 0
    for path in source.rglob("*.md"):
        rel = path.relative_to(source).as_posix()
        body = body_of(path.read_bytes()).decode("utf-8")
        for link in extract_links(re.sub(r"\[!INCLUDE.*", "", body)):  # an include is no link once expanded
            target = link.target.split("#")[0]
            if not target or re.match(r"^[a-z]+:|^/", target):
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
            assert (adopted / resolved).exists() == (source / resolved).exists() == True, (rel, target)  # noqa: E712
            checked += 1
    assert checked >= 6


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "de"], "--lang 'de' is not a configured language (en, tr, ro, zh)"),
        (["--lang", "en", "--date-format", "%d.%m"], "--date-format '%d.%m' does not read a whole date back"),
        (["--lang", "en", "--product-version", "9.9"], "--product-version '9.9' is not in product_versions"),
        (["--lang", "en", "--owner", " "], "--owner is empty"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(
    docs_repo: Path, site: Site, run_kbgen: Run, args: list[str], message: str
) -> None:
    result = run_kbgen("adopt", str(docs_repo / "articles"), *args, cwd=site.root)
    assert result.exit_code == 2
    assert f"error: {message}" in result.stderr
    assert list(site.content.rglob("*")) == []


def test_adopting_the_project_into_itself_is_refused(site: Site, run_kbgen: Run) -> None:
    result = run_kbgen("adopt", str(site.root), "--lang", "en", cwd=site.root)
    assert result.exit_code == 2 and "is inside the source" in result.stderr
    missing = run_kbgen("adopt", str(site.root / "nowhere"), "--lang", "en", cwd=site.root)
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
