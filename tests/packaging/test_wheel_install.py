"""What a user gets from the wheel alone: in a fresh virtualenv holding only the built kbgen wheel, a project of
content/ and a minimal mkdocs.yml builds the whole kbgen site, with the theme read from inside the package.

The venv sees the system's packages (kbgen's dependencies, offline) but imports its own kbgen, never a checkout's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.project import REPO, article

SOURCE_FILES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md")
SOURCE_DIRS = ("kbgen", "theme")
MINIMAL_CONFIG = "site_name: Minimal Help\ndocs_dir: content\ntheme: {name: material}\nplugins: [kbgen]\n"


def _run(command: list[str | Path], cwd: Path, what: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "KBGEN_TODAY")}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    hint = ""
    if "invalid command 'bdist_wheel'" in done.stdout + done.stderr:
        hint = "\nthis setuptools needs the `wheel` package to build wheels: pip install -e '.[test]'"
    assert done.returncode == 0, f"{what} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}{hint}"
    return done.stdout


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtualenv with the freshly built kbgen wheel installed (no network: no index, no build isolation)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a clean copy, so the build leaves nothing in the repository
    source.mkdir()
    for name in SOURCE_FILES:
        shutil.copy2(REPO / name, source / name)
    for name in SOURCE_DIRS:
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = work / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", dist,
          source], work, "building the wheel")  # fmt: skip
    wheels = list(dist.glob("kbgen-*.whl"))
    assert len(wheels) == 1, wheels
    env_dir = work / "venv"
    _run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", env_dir], work, "creating the venv")
    python = env_dir / "bin" / "python"
    # pip comes from the system site-packages; --ignore-installed because the system may hold an editable kbgen
    _run([python, "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed", "-q", wheels[0]], work,
         "installing the wheel")  # fmt: skip
    return env_dir


def test_the_venv_imports_its_own_kbgen_and_theme(venv: Path) -> None:
    probe = (
        "import json, kbgen, kbgen.mkdocs_plugin.theme as t; print(json.dumps([kbgen.__file__, str(t.theme_dir())]))"
    )
    module, theme = json.loads(_run([venv / "bin" / "python", "-c", probe], venv, "importing kbgen"))
    site_packages = next((venv / "lib").glob("python3*/site-packages")).resolve()
    assert Path(module).resolve().is_relative_to(site_packages), module
    assert Path(theme).resolve() == site_packages / "kbgen" / "theme"
    # the traditional-to-simplified table search reads, with the licence of the data it is derived from
    assert (site_packages / "kbgen" / "search" / "han_variants.tsv").is_file()
    assert "Apache License" in (site_packages / "kbgen" / "search" / "han_variants.LICENSE").read_text("utf-8")


def test_minimal_project_builds_the_full_site_from_the_wheel(venv: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    for rel, title in [("en/account/reset-password.md", "Reset your password"),
                       ("en/account/change-email.md", "Change your email"),
                       ("en/billing/invoices.md", "Download invoices")]:  # fmt: skip
        path = project / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(title=title, body="See [the other](change-email.md).\n"), encoding="utf-8")
    (project / "mkdocs.yml").write_text(MINIMAL_CONFIG, encoding="utf-8")

    _run([venv / "bin" / "kbgen", "build", "--today", "2026-11-22"], project, "kbgen build")

    site = project / "site"
    home = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert ('class="kb-home' in home and "Download invoices" in home) or "Billing" in home
    category = (site / "en" / "account" / "index.html").read_text(encoding="utf-8")
    assert 'class="kb-category' in category and "Reset your password" in category
    page = (site / "en" / "account" / "reset-password" / "index.html").read_text(encoding="utf-8")
    assert 'class="kb-meta__reviewed" datetime="2026-09-01"' in page  # kbgen's article meta
    assert 'http-equiv="Content-Security-Policy"' in page and "fonts.googleapis" not in page
    for asset in ("assets/search/kb-search.js", "assets/search/kb-search-worker.js", "assets/kbgen.css",
                  "assets/kb-md-base.js", "kb-search/index.json", "kb-search/en/manifest.kbs"):  # fmt: skip
        assert (site / asset).is_file(), asset
    assert not (project / "theme").exists()  # nothing was copied into the project


def test_kbgen_init_from_the_wheel_checks_and_builds(venv: Path, tmp_path: Path) -> None:
    """The starter templates are package data: a repository made by the installed kbgen alone works at once."""
    kbgen = venv / "bin" / "kbgen"
    _run([kbgen, "init", "help", "--lang", "en", "--lang", "zh", "--owner", "docs-team", "--today", "2026-11-26"],
         tmp_path, "kbgen init")  # fmt: skip
    project = tmp_path / "help"
    assert (project / ".github" / "workflows" / "kbgen-scan.yml").is_file()
    assert (project / ".gitlab-ci.yml").is_file() and (project / ".pre-commit-config.yaml").is_file()
    _run([kbgen, "check", "--today", "2026-11-26"], project, "kbgen check")
    _run([kbgen, "build", "--today", "2026-11-26"], project, "kbgen build")
    assert "欢迎使用帮助中心" in (project / "site/zh/getting-started/welcome/index.html").read_text(encoding="utf-8")
