"""A docs repository in tmp_path, made from the attributed fixtures with real git commits, for `kbgen adopt`."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from tests.support.project import Site

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
ANN = ("Ann Writer", "ann@example.com")
BOB = ("Bob Editor", "bob@example.com")
Run = Callable[..., Result]
TODAY = "2026-11-26"


def adopt(run_kbgen: Run, site: Site, source: Path, *extra: str) -> Result:
    return run_kbgen("adopt", str(source), "--lang", "en", "--today", TODAY, *extra, cwd=site.root)


def body_of(data: bytes) -> bytes:
    """What follows the front matter, found independently of kbgen's own splitter."""
    if not data.startswith(b"---\n"):
        return data
    end = data.index(b"\n---\n", 3)
    return data[end + len(b"\n---\n") :]


def front_matter(data: bytes) -> dict[str, object]:
    loaded = yaml.safe_load(data[4 : data.index(b"\n---\n", 3)].decode("utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def suggested_foreign_keys(output: str) -> list[str]:
    (line,) = [line.strip() for line in output.splitlines() if line.strip().startswith("foreign_keys:")]
    patterns = yaml.safe_load(line)["foreign_keys"]
    assert isinstance(patterns, list)
    return patterns


def git(repo: Path, *args: str, author: tuple[str, str] = ANN, authored: str = "", committed: str = "") -> None:
    """Run git with a fixed identity and dates and no user or system configuration."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": author[0],
        "GIT_AUTHOR_EMAIL": author[1],
        "GIT_COMMITTER_NAME": "Merge Bot",
        "GIT_COMMITTER_EMAIL": "bot@example.com",
    }
    if authored:
        env["GIT_AUTHOR_DATE"] = authored
    if committed:
        env["GIT_COMMITTER_DATE"] = committed
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def commit(repo: Path, message: str, author: tuple[str, str], authored: str, committed: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, author=author, authored=authored, committed=committed)


def tree_hashes(root: Path) -> dict[str, str]:
    """Every file below root (git's own files included) with its content hash and mode."""
    return {
        path.relative_to(root).as_posix(): f"{hashlib.sha256(path.read_bytes()).hexdigest()} {path.stat().st_mode:o}"
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def docs_repo(tmp_path: Path) -> Path:
    """`<repo>/articles` holds the fixtures. History: Ann commits everything on 2026-06-01; Bob then changes
    time/time-entry-overview.md (authored 2026-07-10, landed 2026-07-15). CODEOWNERS gives time/ui-behavior-time.md
    to a team."""
    repo = tmp_path / "docs-repo"
    shutil.copytree(FIXTURES, repo / "articles")
    overview = repo / "articles" / "time" / "time-entry-overview.md"
    final = overview.read_bytes()
    overview.write_bytes(b"# Time overview\n\nA first draft.\n")
    (repo / ".github").mkdir()
    (repo / ".github" / "CODEOWNERS").write_text(
        "# docs owners\n*.png @contoso/design\n/articles/time/ui-behavior-time.md @contoso/docs-platform @ann\n",
        encoding="utf-8",
    )
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    commit(repo, "Import the docs", ANN, "2026-06-01T09:00:00+00:00", "2026-06-01T09:00:00+00:00")
    overview.write_bytes(final)
    commit(repo, "Rewrite the time overview", BOB, "2026-07-10T12:00:00+00:00", "2026-07-15T08:30:00+00:00")
    return repo
