"""`kbgen new`: a new article at a readable slug, with front matter that `kbgen check` accepts as it stands."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import frontmatter
import pytest
from click.testing import Result

from tests.support.project import Site, article

Run = Callable[..., Result]
TODAY = "2026-11-26"


def new(run_kbgen: Run, site: Site, *args: str) -> Result:
    return run_kbgen("new", *args, "--today", TODAY, cwd=site.root)


def check_clean(run_kbgen: Run, site: Site) -> None:
    """The whole site passes `kbgen check` with no finding at all, not even a warning."""
    result = run_kbgen("check", "--today", TODAY, "--format", "json", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["findings"] == []


def markdown_files(site: Site) -> set[str]:
    return {p.relative_to(site.content).as_posix() for p in site.content.rglob("*.md")}


def test_writes_complete_front_matter_that_check_accepts(site: Site, run_kbgen: Run) -> None:
    site.write("en/account/index.md", "---\ntitle: Your account\n---\n")
    result = new(run_kbgen, site, "Reset your password", "--category", "account", "--owner", "maria.popescu")
    assert result.exit_code == 0, result.output
    assert result.stdout == "content/en/account/reset-your-password.md\n"  # only the path: `$EDITOR $(kbgen new …)`
    post = frontmatter.load(site.content / "en/account/reset-your-password.md")
    assert post.metadata == {
        "title": "Reset your password",
        "owner": "maria.popescu",
        "reviewed": date(2026, 11, 26),
        "product_version": ["4.0"],  # the newest supported version
        "summary": "",
        "tags": [],
    }
    assert post.content.strip()  # a start for the writer, in the article's language
    check_clean(run_kbgen, site)


@pytest.mark.parametrize(
    ("args", "path"),
    [
        (["Reset your password"], "en/account/reset-your-password.md"),
        (["Şifrenizi sıfırlayın", "--lang", "tr"], "tr/account/sifrenizi-sifirlayin.md"),
        (["İki adımlı doğrulamayı açın", "--lang", "tr"], "tr/account/iki-adimli-dogrulamayi-acin.md"),
        (["Resetați parola în șase pași", "--lang", "ro"], "ro/account/resetati-parola-in-sase-pasi.md"),
        (["Resetaţi parola în şase paşi", "--lang", "ro"], "ro/account/resetati-parola-in-sase-pasi.md"),
        (["重置密码", "--lang", "zh", "--slug", "reset-your-password"], "zh/account/reset-your-password.md"),
    ],
)
def test_slugs_in_every_language_and_the_article_checks_clean(
    site: Site, run_kbgen: Run, args: list[str], path: str
) -> None:
    result = new(run_kbgen, site, *args, "--category", "account", "--owner", "emre.kaya")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"content/{path}\n"
    assert frontmatter.load(site.content / path).metadata["title"] == args[0]
    check_clean(run_kbgen, site)


@pytest.mark.parametrize("title", ["重置密码", "设置 Slack 集成"])
def test_a_chinese_title_needs_a_slug(site: Site, run_kbgen: Run, title: str) -> None:
    site.write("zh/account/index.md", "---\ntitle: 账户\n---\n")
    result = new(run_kbgen, site, title, "--lang", "zh", "--category", "account", "--owner", "li.wei")
    assert result.exit_code == 2
    assert "no Latin spelling" in result.stderr and "--slug" in result.stderr
    assert "Traceback" not in result.output
    assert markdown_files(site) == {"zh/account/index.md"}


@pytest.mark.parametrize("title", ["Reset your password", "Reset your password!", "RESET YOUR PASSWORD"])
def test_never_overwrites_an_article(site: Site, run_kbgen: Run, title: str) -> None:
    existing = site.write("en/account/reset-your-password.md", article(body="The writer's own words.\n"))
    before = existing.read_bytes()
    result = new(run_kbgen, site, title, "--category", "account", "--owner", "someone.else")
    assert result.exit_code == 2
    assert "content/en/account/reset-your-password.md already exists" in result.stderr
    assert existing.read_bytes() == before


def test_a_new_category_folder_is_created_with_a_title_page(site: Site, run_kbgen: Run) -> None:
    result = new(run_kbgen, site, "Download invoices", "--category", "billing-and-plans", "--owner", "ana")
    assert result.exit_code == 0, result.output
    assert "created the section folder content/en/billing-and-plans/" in result.stderr
    assert frontmatter.load(site.content / "en/billing-and-plans/index.md").metadata == {"title": "Billing and plans"}
    assert markdown_files(site) == {"en/billing-and-plans/index.md", "en/billing-and-plans/download-invoices.md"}
    check_clean(run_kbgen, site)


def test_an_existing_category_is_left_alone(site: Site, run_kbgen: Run) -> None:
    index = site.write("en/billing/index.md", "---\ntitle: Billing\nsummary: Plans and invoices.\n---\n")
    result = new(run_kbgen, site, "Download invoices", "--category", "billing", "--owner", "ana")
    assert result.exit_code == 0, result.output
    assert "created" not in result.stderr
    assert index.read_text(encoding="utf-8") == "---\ntitle: Billing\nsummary: Plans and invoices.\n---\n"


def test_a_category_folder_that_is_a_link_is_not_written_through(site: Site, tmp_path: Path, run_kbgen: Run) -> None:
    """content/en/billing -> a folder elsewhere received the new article, outside the content folder."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (site.content / "en").mkdir()
    (site.content / "en" / "billing").symlink_to(outside, target_is_directory=True)
    result = new(run_kbgen, site, "Download invoices", "--category", "billing/old", "--owner", "ana")
    assert result.exit_code == 2
    assert "content/en/billing is a symbolic link; kbgen new writes only into real folders" in result.stderr
    assert list(outside.iterdir()) == []


def due_of(run_kbgen: Run, site: Site, path: str) -> str:
    report = json.loads(run_kbgen("report", "--format", "json", "--today", TODAY, cwd=site.root).stdout)
    rows = [row for group in report["owners"] for row in group["articles"] if row["path"] == path]
    return str(rows[0]["due"])


def test_the_category_interval_is_shown_but_not_pinned(site: Site, run_kbgen: Run) -> None:
    site.configure(category_intervals={"billing": "90d"})
    result = new(run_kbgen, site, "Download invoices", "--category", "billing", "--owner", "ana")
    assert result.exit_code == 0, result.output
    text = (site.content / "en/billing/download-invoices.md").read_text(encoding="utf-8")
    assert "# due for review 90d after reviewed (the category 'billing' default); set review_interval:" in text
    assert "due for review 90d later (the category 'billing' default)" in result.stderr
    assert due_of(run_kbgen, site, "content/en/billing/download-invoices.md") == "2027-02-24"
    site.configure(category_intervals={"billing": "30d"})  # a later change of policy reaches the article
    assert due_of(run_kbgen, site, "content/en/billing/download-invoices.md") == "2026-12-26"


def test_the_site_interval_is_named_when_the_category_has_none(site: Site, run_kbgen: Run) -> None:
    site.configure(category_intervals={"billing": "90d"})
    assert new(run_kbgen, site, "Change your email", "--category", "account", "--owner", "ana").exit_code == 0
    text = (site.content / "en/account/change-your-email.md").read_text(encoding="utf-8")
    assert "# due for review 180d after reviewed (the site default)" in text


@pytest.mark.parametrize(
    ("plugin", "args", "versions"),
    [
        ({}, [], ["4.0"]),
        ({"supported_versions": ["3.1", "3.2"]}, [], ["3.2"]),
        ({"product_versions": ["9.2", "10.0", "9.10"], "supported_versions": ["10.0", "9.10"]}, [], ["10.0"]),
        ({"product_versions": [], "supported_versions": []}, [], ["all"]),
        ({}, ["--product-version", "3.2", "--product-version", "4.0"], ["3.2", "4.0"]),
        ({}, ["--product-version", "all"], ["all"]),
    ],
)
def test_product_versions_default_to_the_newest_supported(
    site: Site, run_kbgen: Run, plugin: dict[str, list[str]], args: list[str], versions: list[str]
) -> None:
    site.configure(**plugin)
    result = new(run_kbgen, site, "Track time", "--category", "projects", "--owner", "ana", *args)
    assert result.exit_code == 0, result.output
    assert frontmatter.load(site.content / "en/projects/track-time.md").metadata["product_version"] == versions
    check_clean(run_kbgen, site)


def test_an_unknown_version_is_refused_before_anything_is_written(site: Site, run_kbgen: Run) -> None:
    result = new(run_kbgen, site, "Track time", "--category", "projects", "--owner", "ana", "--product-version", "9.9")
    assert result.exit_code == 2
    assert "'product_version' '9.9' is not a known version" in result.stderr
    assert markdown_files(site) == set()


@pytest.mark.parametrize(
    "title", ["Yes", "Note: billing works differently", "#1 tip for new teams", "3.10", "[Beta] Timeline", "null"]
)
def test_titles_yaml_would_misread_are_quoted(site: Site, run_kbgen: Run, title: str) -> None:
    result = new(run_kbgen, site, title, "--category", "account", "--owner", "no", "--slug", "tricky")
    assert result.exit_code == 0, result.output
    metadata = frontmatter.load(site.content / "en/account/tricky.md").metadata
    assert (metadata["title"], metadata["owner"]) == (title, "no")
    check_clean(run_kbgen, site)


def git_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """git reads only this file: no system configuration, no ~/.gitconfig of whoever runs the tests."""
    config = tmp_path / "gitconfig"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.mark.parametrize(
    ("config", "owner"),
    [
        ("[user]\n\temail = maria@tessera.example\n\tname = Maria Popescu\n", "maria@tessera.example"),
        ("[user]\n\tname = Maria Popescu\n", "Maria Popescu"),
    ],
)
def test_the_owner_defaults_to_the_git_user(
    site: Site, run_kbgen: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str, owner: str
) -> None:
    git_config(tmp_path, monkeypatch, config)
    result = new(run_kbgen, site, "Track time", "--category", "projects")
    assert result.exit_code == 0, result.output
    assert frontmatter.load(site.content / "en/projects/track-time.md").metadata["owner"] == owner
    assert f"owner {owner} (from git config)" in result.stderr


def test_without_a_git_user_the_owner_must_be_given(
    site: Site, run_kbgen: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git_config(tmp_path, monkeypatch, "")
    result = new(run_kbgen, site, "Track time", "--category", "projects")
    assert result.exit_code == 2
    assert "pass --owner" in result.stderr
    assert markdown_files(site) == set()


def test_today_comes_from_the_environment_like_every_command(
    site: Site, run_kbgen: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KBGEN_TODAY", "2026-01-05")
    result = run_kbgen("new", "Track time", "--category", "projects", "--owner", "ana", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert frontmatter.load(site.content / "en/projects/track-time.md").metadata["reviewed"] == date(2026, 1, 5)


def test_a_category_path_under_content_names_the_language(site: Site, run_kbgen: Run) -> None:
    result = new(run_kbgen, site, "Faturalarınızı indirin", "--category", "content/tr/billing", "--owner", "emre")
    assert result.exit_code == 0, result.output
    assert result.stdout == "content/tr/billing/faturalarinizi-indirin.md\n"
    clash = new(run_kbgen, site, "Invoices", "--category", "content/tr/billing", "--lang", "ro", "--owner", "ana")
    assert clash.exit_code == 2 and "drop one of them" in clash.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--category", "account", "--lang", "de"], "'de' is not a configured language (en, tr, ro, zh)"),
        (["--category", "../outside"], "'..' is not a folder name"),
        (["--category", ".hidden"], "'.hidden' is not a folder name"),
        (["--category", "bad:name"], "Windows does not allow"),
        (["--category", "account", "--slug", "Reset Password"], "is not a slug"),
        (["--category", "account", "--slug", "index"], "reserved for the category page"),
    ],
)
def test_bad_names_are_refused_with_the_reason(site: Site, run_kbgen: Run, args: list[str], message: str) -> None:
    result = new(run_kbgen, site, "Reset your password", "--owner", "ana", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not list(site.root.rglob("*.md"))
    assert not (site.root / "outside").exists()


# --- nested sections: what a section's index.md sets is inherited, named in a comment, never copied ---

BILLING_INDEX = '---\ntitle: Billing\nowner: team-billing\nproduct_version: ["3.2", "4.0"]\nreview_interval: 90d\n---\n'


def test_a_sections_owner_versions_and_interval_are_inherited_not_copied(
    site: Site, run_kbgen: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git_config(tmp_path, monkeypatch, "[user]\n\temail = maria@tessera.example\n")  # the section still wins
    index = site.write("en/billing/index.md", BILLING_INDEX)
    result = new(run_kbgen, site, "Download invoices", "--category", "billing")
    assert result.exit_code == 0, result.output
    path = site.content / "en/billing/download-invoices.md"
    text = path.read_text(encoding="utf-8")
    assert "owner" not in frontmatter.load(path).metadata and "product_version" not in frontmatter.load(path).metadata
    assert "# owner: team-billing (from content/en/billing/index.md); set owner: to change it\n" in text
    assert '# product_version: ["3.2", "4.0"] (from content/en/billing/index.md); set product_version:' in text
    assert "# due for review 90d after reviewed (from content/en/billing/index.md)" in text
    assert "owner team-billing (from content/en/billing/index.md)" in result.stderr
    check_clean(run_kbgen, site)
    assert due_of(run_kbgen, site, "content/en/billing/download-invoices.md") == "2027-02-24"
    index.write_text(BILLING_INDEX.replace("team-billing", "team-finance").replace("90d", "30d"), encoding="utf-8")
    report = json.loads(run_kbgen("report", "--format", "json", "--today", TODAY, cwd=site.root).stdout)
    (group,) = report["owners"]
    assert group["owner"] == "team-finance" and group["articles"][0]["due"] == "2026-12-26"  # the change reaches it


def test_values_given_on_the_command_line_beat_the_section(site: Site, run_kbgen: Run) -> None:
    site.write("en/billing/index.md", BILLING_INDEX)
    args = ("--category", "billing", "--owner", "ana", "--product-version", "4.0")
    assert new(run_kbgen, site, "Download invoices", *args).exit_code == 0
    metadata = frontmatter.load(site.content / "en/billing/download-invoices.md").metadata
    assert (metadata["owner"], metadata["product_version"]) == ("ana", ["4.0"])
    check_clean(run_kbgen, site)


@pytest.mark.parametrize(
    ("intervals", "expected"),
    [
        ({"billing": "90d"}, "45d after reviewed (from content/en/billing/invoices/index.md)"),
        ({"billing/invoices/tax": "60d"}, "60d after reviewed (the section 'billing/invoices/tax' default in"),
    ],
)
def test_nested_sections_take_the_nearest_interval(
    site: Site, run_kbgen: Run, intervals: dict[str, str], expected: str
) -> None:
    site.configure(category_intervals=intervals)
    site.write("en/billing/index.md", "---\ntitle: Billing\nowner: team-billing\n---\n")
    site.write("en/billing/invoices/index.md", "---\ntitle: Invoices\nreview_interval: 45d\n---\n")
    result = new(run_kbgen, site, "Tax-exempt organisations", "--category", "billing/invoices/tax")
    assert result.exit_code == 0, result.output
    assert result.stdout == "content/en/billing/invoices/tax/tax-exempt-organisations.md\n"
    assert "created the section folder content/en/billing/invoices/tax/" in result.stderr
    text = (site.content / "en/billing/invoices/tax/tax-exempt-organisations.md").read_text(encoding="utf-8")
    assert f"# due for review {expected}" in text
    assert frontmatter.load(site.content / "en/billing/invoices/tax/index.md").metadata == {"title": "Tax"}
    check_clean(run_kbgen, site)


def test_deeper_than_max_depth_is_refused(site: Site, run_kbgen: Run) -> None:
    site.configure(max_depth=2)
    result = new(run_kbgen, site, "Deep", "--category", "a/b/c", "--owner", "ana")
    assert result.exit_code == 2
    assert "is 3 section folders deep; the limit is max_depth: 2" in result.stderr
    assert not (site.content / "en").exists()


def test_an_article_under_an_internal_section_is_announced_as_unpublished(site: Site, run_kbgen: Run) -> None:
    site.write("en/runbooks/index.md", "---\ntitle: Runbooks\naudience: internal\n---\n")
    result = new(run_kbgen, site, "Restart the sync worker", "--category", "runbooks", "--owner", "ops")
    assert result.exit_code == 0, result.output
    assert "note: content/en/runbooks/index.md makes this section internal" in result.stderr
    check_clean(run_kbgen, site)
