"""`kbgen init`: a help-center repository that passes `kbgen check` and builds as soon as it is written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import frontmatter
import pytest
import yaml
from click.testing import Result

Run = Callable[..., Result]
TODAY = "2026-11-26"
REPOSITORY_FILES = {
    "README.md", "mkdocs.yml", "requirements.txt", ".gitignore", ".pre-commit-config.yaml",
    ".github/workflows/kbgen-check.yml", ".github/workflows/kbgen-scan.yml", ".gitlab-ci.yml",
}  # fmt: skip
STARTER = ("index.md", "getting-started/index.md", "getting-started/welcome.md")


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml names kbgen's slugify with a !!python/name tag; read it without importing anything."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: f"!{suffix}")


def files_in(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and ".git" not in p.parts}


def mkdocs_config(project: Path) -> dict[str, object]:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)


def test_a_new_repository_checks_clean_and_builds(tmp_path: Path, run_kbgen: Run) -> None:
    project = tmp_path / "help"
    result = run_kbgen("init", str(project), "--lang", "en", "--lang", "tr", "--lang", "ro", "--lang", "zh",
                       "--lang", "de", "--owner", "docs-team", "--today", TODAY)  # fmt: skip
    assert result.exit_code == 0, result.output
    languages = ("en", "tr", "ro", "zh", "de")
    assert files_in(project) == REPOSITORY_FILES | {f"content/{lang}/{rel}" for lang in languages for rel in STARTER}
    assert "note: no starter text in 'de': content/de/ holds the English one to translate" in result.stderr

    checked = run_kbgen("check", "--today", TODAY, "--format", "json", cwd=project)
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.stdout)["findings"] == []

    built = run_kbgen("build", "--today", TODAY, cwd=project)
    assert built.exit_code == 0, built.output
    assert "built site: 0 error(s), 0 warning(s)" in built.stderr
    site = project / "site"
    welcome = {
        "en": "Welcome to the help center", "tr": "Yardım merkezine hoş geldiniz",
        "ro": "Bun venit în centrul de ajutor", "zh": "欢迎使用帮助中心", "de": "Welcome to the help center",
    }  # fmt: skip
    for lang, title in welcome.items():
        page = (site / lang / "getting-started" / "welcome" / "index.html").read_text(encoding="utf-8")
        assert title in page and 'datetime="2026-11-26"' in page
        assert (site / lang / "index.html").is_file()
    turkish = (site / "tr" / "getting-started" / "welcome" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../en/getting-started/welcome/" hreflang="en"' in turkish  # the translations are paired


def test_a_new_repository_shows_github_and_docfx_alerts_as_boxes(tmp_path: Path, run_kbgen: Run) -> None:
    """An article brought from GitHub or Microsoft Learn writes its notes as `> [!NOTE]`: a box, not a quote."""
    project = tmp_path / "help"
    assert run_kbgen("init", str(project), "--owner", "docs-team", "--today", TODAY).exit_code == 0
    welcome = project / "content/en/getting-started/welcome.md"
    welcome.write_text(welcome.read_text(encoding="utf-8") + "\n> [!WARNING]\n> Back up first.\n", "utf-8")
    built = run_kbgen("build", "--today", TODAY, cwd=project)
    assert built.exit_code == 0, built.output
    page = (project / "site/en/getting-started/welcome/index.html").read_text(encoding="utf-8")
    assert '<div class="admonition warning">' in page and "[!WARNING]" not in page


def test_a_new_repository_shows_definition_lists_and_content_tabs(tmp_path: Path, run_kbgen: Run) -> None:
    """Hugo's docs write `Term` then `: definition` (gohugoio/hugoDocs, directory-structure.md, Apache-2.0), and
    adopted Docusaurus tabs are content tabs: a list and tabs, not paragraphs that print the markers."""
    project = tmp_path / "help"
    assert run_kbgen("init", str(project), "--owner", "docs-team", "--today", TODAY).exit_code == 0
    welcome = project / "content/en/getting-started/welcome.md"
    added = (
        '\n`archetypes`\n: Templates for new content.\n\n=== "Windows"\n    Press Ctrl.\n=== "macOS"\n    Press Cmd.\n'
    )
    welcome.write_text(welcome.read_text(encoding="utf-8") + added, "utf-8")
    built = run_kbgen("build", "--today", TODAY, cwd=project)
    assert built.exit_code == 0, built.output
    page = (project / "site/en/getting-started/welcome/index.html").read_text(encoding="utf-8")
    assert "<dl>\n<dt><code>archetypes</code></dt>\n<dd>Templates for new content.</dd>\n</dl>" in page
    assert '<div class="tabbed-set tabbed-alternate"' in page and '<label for="__tabbed_1_2">macOS</label>' in page
    assert "=== " not in page and ": Templates" not in page


def test_a_new_repository_numbers_steps_split_by_screenshots_as_written(tmp_path: Path, run_kbgen: Run) -> None:
    """Microsoft Learn numbers steps `1.`, `2.`, `3.` with a screenshot between them: indented three spaces it
    belongs to the step above (one list of three steps); unindented it ends the list, and the steps after it
    must still show their own numbers (`sane_lists` in the new mkdocs.yml), not 1 again."""
    project = tmp_path / "help"
    assert run_kbgen("init", str(project), "--owner", "docs-team", "--today", TODAY).exit_code == 0
    welcome = project / "content/en/getting-started/welcome.md"
    steps = "\n1. Open **Settings**.\n\n   ![The settings.](shot.png)\n\n2. Choose *Billing*.\n\n   Then wait.\n"
    steps += "\n3. Save.\n\n## Undo\n\n1. Open *History*.\n\n![The history.](shot.png)\n\n2. Select **Undo**.\n"
    welcome.write_text(welcome.read_text(encoding="utf-8") + steps, "utf-8")
    (welcome.parent / "shot.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    built = run_kbgen("build", "--today", TODAY, cwd=project)
    assert built.exit_code == 0, built.output
    page = (project / "site/en/getting-started/welcome/index.html").read_text(encoding="utf-8")
    steps_list = page[page.index("<li>\n<p>Open <strong>Settings") : page.index('<h2 id="undo"')]
    assert steps_list.count("<li>") == 3 and "<ol" not in steps_list and "The settings." in steps_list
    assert "<ol>\n<li>Open <em>History</em>" in page and '<ol start="2">\n<li>Select <strong>Undo' in page


def test_english_only_by_default_with_the_plugin_configured(tmp_path: Path, run_kbgen: Run) -> None:
    result = run_kbgen("init", str(tmp_path / "help"), "--owner", "docs-team", "--today", TODAY)
    assert result.exit_code == 0, result.output
    project = tmp_path / "help"
    assert {p.name for p in (project / "content").iterdir()} == {"en"}
    config = mkdocs_config(project)
    assert config["docs_dir"] == "content"
    assert config["theme"] == {
        "name": "material", "language": "en",
        "features": ["navigation.tabs", "navigation.indexes", "navigation.prune", "navigation.top"],
    }  # fmt: skip
    assert "custom_dir" not in config["theme"]  # type: ignore[operator]  # the theme ships in the package
    assert config["plugins"] == [{"kbgen": {
        "review_interval": "180d", "due_soon": "30d", "product_versions": ["1.0"], "supported_versions": ["1.0"],
        "languages": ["en"],
    }}]  # fmt: skip
    toc = [ext for ext in config["markdown_extensions"] if isinstance(ext, dict) and "toc" in ext]  # type: ignore[attr-defined]
    assert toc == [{"toc": {"permalink": True, "slugify": "!tag:yaml.org,2002:python/name:kbgen.links.slugs.slugify"}}]
    assert "/site/" in (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert run_kbgen("check", "--today", TODAY, cwd=project).exit_code == 0


def test_the_starter_articles_are_reviewed_today_by_the_owner(tmp_path: Path, run_kbgen: Run) -> None:
    result = run_kbgen("init", str(tmp_path / "help"), "--lang", "tr", "--owner", "Ayşe Yılmaz", "--today", TODAY)
    assert result.exit_code == 0, result.output
    metadata = frontmatter.load(tmp_path / "help/content/tr/getting-started/welcome.md").metadata
    assert (metadata["owner"], str(metadata["reviewed"]), metadata["product_version"]) == ("Ayşe Yılmaz", TODAY, "all")
    # the day the starter falls due is the first day the scheduled scan has something to say
    assert run_kbgen("check", "--today", "2027-05-25", cwd=tmp_path / "help").exit_code == 0
    assert run_kbgen("check", "--today", "2027-05-26", cwd=tmp_path / "help").exit_code == 1


def test_without_an_owner_the_git_user_or_a_team_placeholder_owns_the_starter(
    tmp_path: Path, run_kbgen: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    gitconfig = tmp_path / "gitconfig"
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    gitconfig.write_text("[user]\n\temail = emre@tessera.example\n", encoding="utf-8")
    result = run_kbgen("init", str(tmp_path / "a"), "--today", TODAY)
    assert frontmatter.load(tmp_path / "a/content/en/getting-started/welcome.md")["owner"] == "emre@tessera.example"
    assert "owner is emre@tessera.example (from git config)" in result.stderr
    gitconfig.write_text("", encoding="utf-8")
    result = run_kbgen("init", str(tmp_path / "b"), "--today", TODAY)
    assert frontmatter.load(tmp_path / "b/content/en/getting-started/welcome.md")["owner"] == "docs-team"
    assert "owner is docs-team (git has no user.email or user.name); set it with --owner" in result.stderr


@pytest.mark.parametrize("occupant", ["notes.txt", ".env", "content/", "mkdocs.yml", ".github/"])
def test_refuses_a_folder_that_is_not_empty(tmp_path: Path, run_kbgen: Run, occupant: str) -> None:
    project = tmp_path / "existing"
    target = project / occupant.rstrip("/")
    if occupant.endswith("/"):
        target.mkdir(parents=True)
    else:
        project.mkdir()
        target.write_text("someone's work\n", encoding="utf-8")
    before = files_in(project) | {p.name for p in project.iterdir()}
    result = run_kbgen("init", str(project), "--owner", "docs-team")
    assert result.exit_code == 2
    assert f"{project} is not empty (it holds {occupant.rstrip('/')})" in result.stderr
    assert "Traceback" not in result.output
    assert files_in(project) | {p.name for p in project.iterdir()} == before
    if not occupant.endswith("/"):
        assert target.read_text(encoding="utf-8") == "someone's work\n"


def test_a_fresh_clone_holding_only_git_is_empty_enough(tmp_path: Path, run_kbgen: Run) -> None:
    (tmp_path / "clone" / ".git").mkdir(parents=True)
    (tmp_path / "clone" / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    result = run_kbgen("init", str(tmp_path / "clone"), "--owner", "docs-team", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "clone" / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert (tmp_path / "clone" / "mkdocs.yml").is_file()


def test_the_current_folder_by_default(tmp_path: Path, run_kbgen: Run) -> None:
    result = run_kbgen("init", "--owner", "docs-team", "--today", TODAY, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mkdocs.yml").is_file() and (tmp_path / "content/en/getting-started/welcome.md").is_file()
    assert 'next: kbgen serve, then kbgen new "Title" --category getting-started' in result.stderr
    again = run_kbgen("init", "--owner", "docs-team", cwd=tmp_path)
    assert again.exit_code == 2 and "is not empty" in again.stderr


def test_missing_parent_folders_are_created(tmp_path: Path, run_kbgen: Run) -> None:
    result = run_kbgen("init", str(tmp_path / "a" / "b" / "help"), "--owner", "docs-team")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a/b/help/mkdocs.yml").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "English"], "'English' is not a language code"),
        (["--lang", "en", "--lang", "../x"], "'../x' is not a language code"),
        (["--site-name", "  "], "--site-name is empty"),
        (["--today", "26.11.2026"], "--today: '26.11.2026' is not a valid date"),
    ],
)
def test_bad_values_are_refused_before_anything_is_written(
    tmp_path: Path, run_kbgen: Run, args: list[str], message: str
) -> None:
    result = run_kbgen("init", str(tmp_path / "help"), "--owner", "docs-team", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "help").exists()


def test_a_file_in_the_way_is_refused(tmp_path: Path, run_kbgen: Run) -> None:
    (tmp_path / "help").write_text("not a folder\n", encoding="utf-8")
    result = run_kbgen("init", str(tmp_path / "help"), "--owner", "docs-team")
    assert result.exit_code == 2
    assert "is a file" in result.stderr or "is not empty" in result.stderr or "directory" in result.stderr


def test_a_site_name_yaml_would_misread_is_kept(tmp_path: Path, run_kbgen: Run) -> None:
    name = "Acme: Help & Support #1"
    result = run_kbgen("init", str(tmp_path / "help"), "--site-name", name, "--owner", "docs-team")
    assert result.exit_code == 0, result.output
    assert mkdocs_config(tmp_path / "help")["site_name"] == name
    assert (tmp_path / "help/README.md").read_text(encoding="utf-8").startswith(f"# {name}\n")
