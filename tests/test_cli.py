"""The command line: exit codes, JSON shape, today resolution and clear errors."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable

import pytest
from click.testing import Result

from kbgen.cli import cli
from tests.support.project import REPO, Site, article

Run = Callable[..., Result]


def test_every_command_has_help(run_kbgen: Run) -> None:
    for name in cli.commands:  # type: ignore[attr-defined]
        result = run_kbgen(name, "--help")
        assert result.exit_code == 0
        assert "Usage:" in result.output


def test_check_clean_site_exits_0(site: Site, run_kbgen: Run) -> None:
    site.write("en/account/ok.md", article())
    result = run_kbgen("check", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert "today=2026-11-22 (from --today)" in result.stdout


def test_check_on_broken_front_matter_exits_1_and_names_file_and_line(site: Site, run_kbgen: Run) -> None:
    site.write("en/account/ok.md", article())
    site.write("en/account/broken.md", "---\ntitle: Broken\nowner: [a, b\nreviewed: 2026-01-01\n---\nbody\n")
    result = run_kbgen("check", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 1
    assert "content/en/account/broken.md:3:8: error KB101: YAML syntax error" in result.stdout


def test_check_json_shape(site: Site, run_kbgen: Run) -> None:
    site.write("en/account/a.md", article(reviewed="2026-02-30", extra="colour: red\n"))
    result = run_kbgen("check", "--today", "2026-11-22", "--format", "json", cwd=site.root)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"] == {"errors": 1, "warnings": 1, "info": 0}
    assert [(f["rule"], f["severity"], f["path"], f["line"]) for f in report["findings"]] == [
        ("invalid-date", "error", "content/en/account/a.md", 4),
        ("unknown-field", "warning", "content/en/account/a.md", 6),
    ]
    for finding in report["findings"]:
        assert {"code", "rule", "severity", "path", "line", "message"} <= set(finding)


def test_fail_on_controls_the_exit_code(site: Site, run_kbgen: Run) -> None:
    site.write("en/account/a.md", article(extra="colour: red\n"))
    assert run_kbgen("check", "--fail-on", "error", cwd=site.root).exit_code == 0
    assert run_kbgen("check", "--fail-on", "warning", cwd=site.root).exit_code == 1
    site.write("en/account/b.md", "no front matter\n")
    assert run_kbgen("check", "--fail-on", "never", cwd=site.root).exit_code == 0


def test_today_comes_from_the_environment_when_no_flag(site: Site, run_kbgen: Run, monkeypatch) -> None:
    site.write("en/account/ok.md", article())
    monkeypatch.setenv("KBGEN_TODAY", "2027-03-04")
    result = run_kbgen("check", cwd=site.root)
    assert "today=2027-03-04 (from KBGEN_TODAY)" in result.stdout
    result = run_kbgen("check", "--today", "2027-01-01", cwd=site.root)
    assert "today=2027-01-01 (from --today)" in result.stdout


def test_bad_today_and_bad_config_exit_2_with_a_clear_message(site: Site, run_kbgen: Run) -> None:
    result = run_kbgen("check", "--today", "22/11/2026", cwd=site.root)
    assert result.exit_code == 2
    assert "--today: '22/11/2026' is not a valid date" in result.stderr
    site.configure(review_interval=180)
    result = run_kbgen("check", cwd=site.root)
    assert result.exit_code == 2
    assert "'review_interval'" in result.stderr and "Traceback" not in result.output
    result = run_kbgen("check", "--config-file", "nope.yml", cwd=site.root)
    assert result.exit_code == 2 and "configuration file not found" in result.stderr


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (("  custom_dir: theme", " custom_dir: theme"), "mkdocs.yml:6:2: YAML syntax error: expected <block end>, but"),
        (("  custom_dir: theme", "   custom_dir: theme"), "mkdocs.yml:6:14: YAML syntax error: mapping values are not"),
        (("site_name:", "nav: [a\nsite_name:"), "mkdocs.yml:2:10: YAML syntax error: expected ',' or ']', but got"),
        (("site_name:", 'extra: "a\nsite_name:'), "mkdocs.yml:"),
    ],
)
def test_a_yaml_mistake_in_mkdocs_yml_is_named_by_line_and_column_on_one_line(
    site: Site, run_kbgen: Run, broken: tuple[str, str], expected: str
) -> None:
    """Not MkDocs' own message (several lines of the parser's wording, the absolute path twice): the place first,
    as for front matter, on one line a CI log shows whole."""
    config = site.config_file.read_text(encoding="utf-8")
    assert broken[0] in config
    site.config_file.write_text(config.replace(broken[0], broken[1], 1), encoding="utf-8")
    result = run_kbgen("check", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: mkdocs.yml:")
    assert line.startswith(f"error: {expected}"), line
    assert line.endswith(("with spaces", "quote a value that holds one", "that value opens", "'[' or '{'"))
    assert str(site.root) not in line


def test_check_output_file_keeps_summary_on_terminal(site: Site, run_kbgen: Run) -> None:
    site.write("en/account/a.md", article(extra="colour: red\n"))
    result = run_kbgen("check", "--format", "json", "--output", "report.json", cwd=site.root)
    assert json.loads((site.root / "report.json").read_text())["summary"]["warnings"] == 1
    assert result.stdout == ""
    assert "1 warning" in result.stderr


def test_build_command_writes_the_site(site: Site, run_kbgen: Run) -> None:
    site.write("en/account/ok.md", article())
    result = run_kbgen("build", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert (site.site_dir / "en/account/ok/index.html").exists()


def test_strict_build_exits_1_on_a_warning(site: Site, run_kbgen: Run) -> None:
    site.write("en/account/ok.md", article(extra="colour: red\n"))
    result = run_kbgen("build", "--strict", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 1
    assert "unknown key 'colour'" in result.stderr


def test_check_on_a_copy_of_the_sample_with_broken_front_matter(tmp_path, run_kbgen: Run) -> None:
    project = tmp_path / "sample"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "theme", project / "theme")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    target = project / "content/en/account/reset-your-password.md"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("owner:", "owner: [oops", 1), encoding="utf-8")
    result = run_kbgen("check", "--today", "2026-11-22", "--fail-on", "error", cwd=project)
    assert result.exit_code == 1
    assert "content/en/account/reset-your-password.md:3:" in result.stdout


def test_build_reports_each_broken_link_once_not_again_in_mkdocs_log(site: Site, run_kbgen: Run) -> None:
    # mkdocs.yml sets MkDocs' own link validation to info so that kbgen alone reports links (README)
    body = "See [gone](missing.md), [there](/en/account/elsewhere/) and [a picture](img/nope.png).\n"
    site.write("en/account/a.md", article(body=body))
    result = run_kbgen("build", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert sum("missing.md" in line for line in lines) == 1, result.stderr
    assert sum("nope.png" in line for line in lines) == 1, result.stderr
    assert "elsewhere" in result.stderr and "it was left as is" not in result.stderr


def test_a_line_break_in_the_output_folder_s_name_forges_no_line_in_the_output(site: Site, run_kbgen: Run) -> None:
    """CI reads kbgen's stderr line by line ('error:' lines, file:line findings): a folder name is shown on one line."""
    forged = "out\nerror: content/en/a.md:1:1: forged"
    built = run_kbgen("build", "--site-dir", forged, "--today", "2026-11-22", cwd=site.root)
    assert built.exit_code == 0, built.stderr
    assert "built out\\x0aerror: content/en/a.md:1:1: forged: " in built.stderr
    (site.root / "taken").write_text("a file, not a folder\n")
    refused = run_kbgen("build", "--site-dir", "taken/\nerror: forged", "--today", "2026-11-22", cwd=site.root)
    assert refused.exit_code == 2
    for result in (built, refused):
        assert not [
            line
            for line in result.stderr.splitlines()
            if "forged" in line and not line.startswith(("built", "error: "))
        ]
        assert not [line for line in result.stderr.splitlines() if line.startswith("error: content/")]
