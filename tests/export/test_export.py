"""`kbgen export`: the public articles as records, with the site search's articles and text, in any engine's shape."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from kbgen.export.shapes import ALGOLIA_RECORD_BYTES
from kbgen.publishing.site_build import configure_logging
from tests.support.project import REPO, SAMPLE_TODAY, Site, article

TODAY = SAMPLE_TODAY.isoformat()
SAMPLE = str(REPO / "mkdocs.yml")


def records(result: Result) -> list[dict[str, Any]]:
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("\n")
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def sample_export() -> list[dict[str, Any]]:
    """The repository's sample help center exported once (in-process, as `run_kbgen` does)."""
    from click.testing import CliRunner

    from kbgen.cli import cli

    result = CliRunner().invoke(cli, ["export", "-f", SAMPLE, "--today", TODAY], catch_exceptions=False)
    return records(result)


def by_path(found: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {record["path"]: record for record in found}


def test_a_sample_record_field_by_field(sample_export: list[dict[str, Any]]) -> None:
    record = by_path(sample_export)["en/account/change-your-email-address/"]
    assert record["id"] == hashlib.sha256(b"en/account/change-your-email-address/").hexdigest()[:16]
    assert record["url"] == "https://help.example.com/en/account/change-your-email-address/"  # the sample sets site_url
    assert record["title"] == "Change your e-mail address"
    assert record["summary"].startswith("Update the e-mail address you use to sign in")
    assert (record["language"], record["versions"], record["section"]) == ("en", [], ["Your account"])
    assert record["tags"] == ["profile", "login", "email"]
    assert record["headings"][:3] == [
        "Change your sign-in e-mail", "If you no longer have access to your old address", "Billing e-mails",
    ]  # fmt: skip
    assert record["body"].startswith("Your e-mail address is how you sign in to Tessera")
    assert "**" not in record["body"] and "<" not in record["body"]
    assert (record["reviewed"], record["review_due"], record["stale"]) == ("2026-03-10", "2026-09-06", True)
    assert record["translation_key"] == "account/change-your-email-address"
    assert sorted(record) == sorted(
        ["body", "headings", "id", "language", "path", "review_due", "reviewed", "section", "stale", "summary",
         "tags", "title", "translation_key", "url", "versions"]
    )  # fmt: skip


def test_nested_sections_and_versions(sample_export: list[dict[str, Any]]) -> None:
    found = by_path(sample_export)
    vat = found["en/billing/invoices/tax/add-your-vat-id/"]
    assert vat["section"] == ["Billing and plans", "Invoices and receipts", "Tax and VAT"]  # titles, not folders
    assert found["en/billing/invoices/pay-an-overdue-invoice/"]["versions"] == ["3.2", "4.0"]
    assert all(v != "all" for r in sample_export for v in r["versions"])


def test_internal_and_draft_sample_articles_are_not_exported(sample_export: list[dict[str, Any]]) -> None:
    paths = set(by_path(sample_export))
    assert "en/billing/escalating-a-billing-dispute/" not in paths  # audience: internal
    assert "en/integrations/zapier-integration/" not in paths  # status: draft
    text = json.dumps(sample_export, ensure_ascii=False)
    assert "support staff only" not in text and "Zapier connects Tessera" not in text


def test_the_export_holds_exactly_the_search_index_articles_and_text(
    sample_export: list[dict[str, Any]], sample_site: Path
) -> None:
    fragments = {}
    for path in (sample_site / "kb-search").glob("immutable/*/d/*.kbs"):
        fragment = json.loads(gzip.decompress(path.read_bytes()))
        fragments[fragment["u"]] = fragment
    exported = by_path(sample_export)
    assert set(exported) == set(fragments)
    for url, fragment in fragments.items():
        record = exported[url]
        assert record["body"][: len(fragment["x"])] == fragment["x"], url
        assert (record["title"], record["summary"]) == (fragment["t"], fragment["s"]), url
        assert " › ".join(record["section"]) == fragment.get("p", fragment["c"]), url


def test_every_language_with_its_own_text(sample_export: list[dict[str, Any]]) -> None:
    assert {r["language"] for r in sample_export} == {"en", "tr", "ro", "zh"}
    assert all(r["path"].startswith(r["language"] + "/") for r in sample_export)
    keys: dict[str, set[str]] = {}
    for record in sample_export:
        keys.setdefault(record["translation_key"], set()).add(record["language"])
    assert max(len(langs) for langs in keys.values()) == 4  # one article in all four languages
    zh = [r for r in sample_export if r["language"] == "zh"]
    assert all(re.search(r"[\u4e00-\u9fff]", r["body"]) for r in zh)


def test_records_are_sorted_and_ids_unique(sample_export: list[dict[str, Any]]) -> None:
    paths = [r["path"] for r in sample_export]
    assert paths == sorted(paths)
    assert len({r["id"] for r in sample_export}) == len(sample_export)


def test_same_content_and_day_give_the_same_bytes(
    run_kbgen: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run_kbgen("export", "-f", SAMPLE, "--today", TODAY)
    again = run_kbgen("export", "-f", SAMPLE, "--today", TODAY)
    monkeypatch.setenv("KBGEN_TODAY", TODAY)
    from_env = run_kbgen("export", "-f", SAMPLE)
    assert first.stdout_bytes == again.stdout_bytes == from_env.stdout_bytes
    later = records(run_kbgen("export", "-f", SAMPLE, "--today", "2030-01-01"))
    assert all(r["stale"] for r in later if r["review_due"])  # the day decides staleness, and only that
    assert [{**r, "stale": None} for r in later] == [{**r, "stale": None} for r in records(first)]


# --- a project of its own ---------------------------------------------------------------------------------


@pytest.fixture
def project(site: Site) -> Site:
    """One public article beside an internal, a draft and an archived one, and a section with only internal ones."""
    site.write("en/account/public.md", article(title="Public article", body="## Steps\n\nA *visible* step.\n"))
    hidden = {
        "en/account/staff.md": ("Staff notes", "audience: internal"),
        "en/account/wip.md": ("Work in progress", "status: draft"),
        "en/account/old.md": ("Old", "status: archived"),
        "en/staff-only/runbook.md": ("Runbook", "audience: internal"),
    }
    for rel, (title, extra) in hidden.items():
        site.write(rel, article(title=title, body=f"Secret{rel.replace('/', '')}word.\n", extra=extra))
    return site


def test_internal_draft_and_archived_articles_never_reach_any_shape(
    project: Site, run_kbgen: Callable[..., Result]
) -> None:
    for shape in ("jsonl", "meilisearch", "typesense", "algolia"):
        result = run_kbgen("export", "--format", shape, "--today", TODAY, cwd=project.root)
        found = records(result)
        assert [r["title"] for r in found] == ["Public article"], shape
        assert "Secret" not in result.stdout and "Staff" not in result.stdout and "staff-only" not in result.stdout


def test_site_url_makes_urls_absolute(project: Site, run_kbgen: Callable[..., Result]) -> None:
    text = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(text + "site_url: https://help.example.com/docs\n", encoding="utf-8")
    [record] = records(run_kbgen("export", "--today", TODAY, cwd=project.root))
    assert record["url"] == "https://help.example.com/docs/en/account/public/"
    assert record["path"] == "en/account/public/"


def test_meilisearch_shape(project: Site, run_kbgen: Callable[..., Result]) -> None:
    [record] = records(run_kbgen("export", "--format", "meilisearch", "--today", TODAY, cwd=project.root))
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,511}", record["id"])
    assert record["reviewed_timestamp"] == 1788220800  # 2026-09-01T00:00:00Z
    assert record["review_due"] == "2027-02-28" and record["review_due_timestamp"] == 1803772800


def test_typesense_shape_leaves_out_what_is_not_there(project: Site, run_kbgen: Callable[..., Result]) -> None:
    project.write("en/account/public.md", article(title="Public article", extra="evergreen: true"))
    [record] = records(run_kbgen("export", "--format", "typesense", "--today", TODAY, cwd=project.root))
    assert isinstance(record["id"], str) and re.fullmatch(r"[a-f0-9]+", record["id"])
    assert None not in record.values()
    assert "review_due" not in record and "review_due_timestamp" not in record
    assert isinstance(record["reviewed_timestamp"], int) and record["stale"] is False


def test_algolia_cuts_a_long_article_into_records_under_the_size_limit(
    project: Site, run_kbgen: Callable[..., Result]
) -> None:
    words = [f"şifre{n}" for n in range(6000)]  # two-byte letters: the limit counts bytes, not characters
    body = "\n\n".join(" ".join(words[i : i + 50]) + ' "quoted" \\ back' for i in range(0, len(words), 50))
    project.write("en/account/long.md", article(title="Long article", body=body + "\n"))
    lines = run_kbgen("export", "--format", "algolia", "--today", TODAY, cwd=project.root).stdout.splitlines()
    parts = [json.loads(line) for line in lines if json.loads(line)["title"] == "Long article"]
    assert len(parts) > 5
    assert all(len(line.encode("utf-8")) <= ALGOLIA_RECORD_BYTES for line in lines)
    assert [p["part"] for p in parts] == list(range(len(parts)))
    assert [p["objectID"] for p in parts] == [f"{parts[0]['id']}-{n}" for n in range(len(parts))]
    exported = records(run_kbgen("export", "--today", TODAY, cwd=project.root))
    [jsonl] = [r for r in exported if r["title"] == "Long article"]
    assert " ".join(p["body"] for p in parts) == jsonl["body"]  # cut between words, nothing lost
    short = [json.loads(line) for line in lines if json.loads(line)["title"] == "Public article"]
    assert [p["objectID"] for p in short] == [f"{short[0]['id']}-0"]


def test_a_word_longer_than_a_record_is_cut_too(project: Site, run_kbgen: Callable[..., Result]) -> None:
    project.write("en/account/key.md", article(title="Key", body="Paste " + "k" * 25_000 + " here.\n"))
    lines = run_kbgen("export", "--format", "algolia", "--today", TODAY, cwd=project.root).stdout.splitlines()
    parts = [json.loads(line) for line in lines if json.loads(line)["title"] == "Key"]
    assert len(parts) >= 3 and all(len(line.encode()) <= ALGOLIA_RECORD_BYTES for line in lines)
    assert "".join(p["body"] for p in parts).replace(" ", "") == "Paste" + "k" * 25_000 + "here."


def test_output_file_is_written_whole_and_reported(project: Site, run_kbgen: Callable[..., Result]) -> None:
    out = project.root / "export.jsonl"
    out.write_text("old export\n", encoding="utf-8")
    result = run_kbgen("export", "--today", TODAY, "--output", "export.jsonl", cwd=project.root)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "Public article"
    assert "exported 1 article (1 jsonl record) to export.jsonl: 0 error(s)" in result.stderr
    assert [p.name for p in project.root.iterdir() if "kbgen-tmp" in p.name] == []


def test_findings_are_reported_and_the_broken_article_left_out(project: Site, run_kbgen: Callable[..., Result]) -> None:
    project.write("en/account/broken.md", "---\ntitle: Broken\nowner: x\nreviewed: 8/03/2018\n---\nBody.\n")
    result = run_kbgen("export", "--today", TODAY, cwd=project.root)
    assert result.exit_code == 0
    assert "content/en/account/broken.md:4:11: error KB120" in result.stderr
    assert [r["title"] for r in records(result)] == ["Public article"]


def test_strict_writes_nothing_on_a_finding(project: Site, run_kbgen: Callable[..., Result]) -> None:
    project.write("en/account/broken.md", "---\ntitle: Broken\nowner: x\nreviewed: 8/03/2018\n---\nBody.\n")
    out = project.root / "export.jsonl"
    out.write_text("last good export\n", encoding="utf-8")
    result = run_kbgen("export", "--strict", "--today", TODAY, "-o", "export.jsonl", cwd=project.root)
    assert result.exit_code == 1
    assert "nothing was exported" in result.stderr
    assert out.read_text(encoding="utf-8") == "last good export\n"


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda s: s.config_file.unlink(), "configuration file not found"),
        (lambda s: s.config_file.write_text("site_name: [unclosed\n", encoding="utf-8"), "mkdocs.yml"),
        (
            lambda s: s.config_file.write_text(
                s.config_file.read_text(encoding="utf-8").replace("- admonition", "- no_such_extension"),
                encoding="utf-8",
            ),
            "no_such_extension",
        ),
        (
            lambda s: s.config_file.write_text(
                s.config_file.read_text(encoding="utf-8").replace("docs_dir: content", "docs_dir: missing"),
                encoding="utf-8",
            ),
            "is not a folder",
        ),
    ],
    ids=["no-mkdocs-yml", "broken-yaml", "unknown-markdown-extension", "missing-docs-dir"],
)
def test_a_bad_project_is_one_clear_error(
    project: Site, run_kbgen: Callable[..., Result], setup: Callable[[Site], object], message: str
) -> None:
    configure_logging()  # as after a build in the same process: MkDocs' own log then reaches stderr
    setup(project)
    result = run_kbgen("export", "--today", TODAY, cwd=project.root)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_an_unwritable_output_is_a_tool_error(project: Site, run_kbgen: Callable[..., Result]) -> None:
    result = run_kbgen("export", "--today", TODAY, "-o", "no/such/folder/export.jsonl", cwd=project.root)
    assert result.exit_code == 2
    assert "cannot write no/such/folder/export.jsonl" in result.stderr and "Traceback" not in result.stderr


def test_what_mkdocs_warns_about_is_said_once_and_the_export_made(
    project: Site, run_kbgen: Callable[..., Result]
) -> None:
    configure_logging()
    text = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(text + "not_a_mkdocs_setting: 1\n", encoding="utf-8")
    result = run_kbgen("export", "--today", TODAY, cwd=project.root)
    assert [r["title"] for r in records(result)] == ["Public article"]
    warned = [line for line in result.stderr.splitlines() if "not_a_mkdocs_setting" in line]
    assert len(warned) == 1 and warned[0].startswith("warning: ") and "mkdocs.yml" in warned[0]
