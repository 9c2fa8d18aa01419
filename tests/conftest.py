"""Shared fixtures: a small help center in a temporary folder, the CLI, a loopback server and Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import socketserver
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from kbgen.cli import cli
from tests.support.project import REPO, SAMPLE_TODAY, Site
from tests.support.static_server import QuietServer

# The suite is a gate: the same examples on every run, so a red CI means a change broke something, not that a
# new random draw found an old bug. `pytest --hypothesis-profile=explore` draws fresh, more numerous examples
# (run it when touching parsing or options; add what it finds as an @example). No deadline: an example that took
# over 200 ms on a loaded runner failed the gate, and speed is the benchmarks' to measure, never a test's.
settings.register_profile("gate", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", max_examples=500, deadline=None)
settings.load_profile("gate")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path / "project")


@pytest.fixture
def run_kbgen(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Invoke the CLI in-process from a project folder; stdout and stderr are kept apart."""
    monkeypatch.delenv("KBGEN_TODAY", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    # No git identity from this machine: `kbgen review` would record it as the reviewer.
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")

    def invoke(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own sample help center, built once per test session with a pinned today."""
    from kbgen.publishing.site_build import build_site

    out = tmp_path_factory.mktemp("sample") / "site"
    build_site(REPO / "mkdocs.yml", out, today=SAMPLE_TODAY, strict=False)
    return out


@pytest.fixture(scope="session")
def rich_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/rich_article/'s article (tabs, notes, task list, icons, wide table...) built once per test session."""
    from tests.support.rich_article import build_rich_site

    return build_rich_site(tmp_path_factory.mktemp("rich") / "project")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve folders on 127.0.0.1 (a free port each); returns the base URL ending in '/'."""
    servers: list[socketserver.TCPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = QuietServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One real headless Chromium (Debian's) for the session, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that fails the test on any uncaught script error."""
    context = browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not errors, f"uncaught page errors: {errors}"
