"""The front door: `kbgen --version`, `python -m kbgen`, and runnable examples at the end of every --help."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import Result

from kbgen import __version__
from kbgen.cli import cli
from kbgen.cli.examples import EXAMPLES
from tests.support.project import REPO, Site, article

Run = Callable[..., Result]
COMMANDS = sorted(cli.commands)  # type: ignore[attr-defined]


def test_version_is_the_packaged_one(run_kbgen: Run) -> None:
    result = run_kbgen("--version")
    assert result.exit_code == 0
    assert result.stdout == f"kbgen, version {__version__}\n"
    assert tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"] == __version__


def python_m_kbgen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("KBGEN_TODAY", None)
    return subprocess.run([sys.executable, "-m", "kbgen", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip


def test_python_m_kbgen_is_the_same_command_line(site: Site) -> None:
    assert python_m_kbgen("--version", cwd=site.root).stdout == f"kbgen, version {__version__}\n"
    site.write("en/account/ok.md", article())
    clean = python_m_kbgen("check", "--today", "2026-11-22", cwd=site.root)
    assert clean.returncode == 0, clean.stderr
    site.write("en/account/bad.md", article(reviewed="2026-02-30"))
    failing = python_m_kbgen("check", "--today", "2026-11-22", cwd=site.root)
    assert failing.returncode == 1  # exit codes come through, not only the output
    assert "content/en/account/bad.md:4" in failing.stdout


def examples_in(help_text: str) -> list[str]:
    tail = help_text.split("\n  Examples:\n", 1)
    assert len(tail) == 2, "no Examples: block"
    lines = [line.strip() for line in tail[1].splitlines() if line.strip()]
    return [line for line in lines if not line.startswith("#")]


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_every_help_ends_with_examples(run_kbgen: Run, name: str) -> None:
    result = run_kbgen(*([name] if name else []), "--help")
    assert result.exit_code == 0
    commands = examples_in(result.stdout)
    assert commands, result.stdout
    prefix = f"kbgen {name}" if name else "kbgen"
    assert all(line == prefix or line.startswith(f"{prefix} ") for line in commands), commands


def test_every_command_has_its_own_examples() -> None:
    assert set(EXAMPLES) == {"", *COMMANDS}


@pytest.mark.parametrize(
    "example", [command for name in sorted(EXAMPLES) for _, command in EXAMPLES[name]], ids=lambda c: c[:60]
)
def test_every_example_parses_against_the_real_options(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, example: str
) -> None:
    """Each example is parsed as the command line would parse it, so none can show a flag that does not exist."""
    monkeypatch.chdir(REPO)  # examples name the sample content's files, as a reader in this repository would type
    kbgen, name, *args = shlex.split(example)
    if name == "adopt":  # adopting reads another checkout beside the help center, as the examples show
        (tmp_path / "docs-repo" / "articles").mkdir(parents=True)
        (tmp_path / "help-center").mkdir()
        monkeypatch.chdir(tmp_path / "help-center")
    assert kbgen == "kbgen"
    with cli.make_context("kbgen", [name, *args]) as parent:
        command = cli.get_command(parent, name)
        assert command is not None, f"no command '{name}'"
        command.make_context(name, args, parent=parent)


def test_a_wrong_example_would_be_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    with pytest.raises(click.UsageError), cli.make_context("kbgen", ["check"]) as parent:
        cli.commands["check"].make_context("check", ["--format", "yaml"], parent=parent)  # type: ignore[attr-defined]
