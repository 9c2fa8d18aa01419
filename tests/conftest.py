"""Shared fixtures: a small help center in a temporary folder, the CLI, a loopback server and Chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import socketserver
import textwrap
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from kbgen.cli import cli

REPO = Path(__file__).resolve().parent.parent
SAMPLE_TODAY = date(2026, 11, 22)  # the date the sample content's stale/due-soon states are written for
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

BASE_PLUGIN_CONFIG: dict[str, Any] = {
    "review_interval": "180d",
    "due_soon": "30d",
    "product_versions": ["3.0", "3.1", "3.2", "4.0"],
    "supported_versions": ["3.2", "4.0"],
    "languages": ["en", "tr", "ro", "zh"],
}


def article(
    title: str = "Reset your password",
    owner: str = "maria.popescu",
    reviewed: str = "2026-09-01",
    versions: str = '["3.2", "4.0"]',
    body: str = "Open **Settings** and choose *Security*.\n",
    extra: str = "",
) -> str:
    """A valid article as text; tests change one thing at a time."""
    front = f"title: {title}\nowner: {owner}\nreviewed: {reviewed}\nproduct_version: {versions}\n{extra}"
    return f"---\n{front.rstrip()}\n---\n\n{textwrap.dedent(body)}"


class _PythonName:
    """Dumped as `!!python/name:...` so MkDocs imports the function, as in the real mkdocs.yml."""

    def __init__(self, name: str) -> None:
        self.name = name


yaml.SafeDumper.add_representer(_PythonName, lambda dumper, value: dumper.represent_scalar(
    f"tag:yaml.org,2002:python/name:{value.name}", ""))  # fmt: skip
TOC_SLUGIFY = _PythonName("kbgen.links.slugs.slugify")
# kbgen's link checks replace MkDocs' own (mkdocs.yml does the same), so nothing is reported twice.
VALIDATION = {
    "links": {"not_found": "info", "anchors": "info", "absolute_links": "info", "unrecognized_links": "info"},
}


class Site:
    """A throwaway kbgen project: mkdocs.yml, content/ and the real theme/."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.content.mkdir(parents=True)
        shutil.copytree(REPO / "theme", root / "theme")
        self.configure()

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def configure(self, **plugin: Any) -> None:
        config = {
            "site_name": "Test Help Center",
            "docs_dir": "content",
            "site_dir": "site",
            "theme": {"name": "material", "custom_dir": "theme", "language": "en", "font": False,
                      "features": ["navigation.tabs", "navigation.indexes", "navigation.prune"]},
            "plugins": [{"kbgen": {**BASE_PLUGIN_CONFIG, **plugin}}],
            "markdown_extensions": ["admonition", "attr_list", "tables", "pymdownx.superfences",
                                    {"toc": {"permalink": True, "slugify": TOC_SLUGIFY}}],
            "validation": VALIDATION,
        }  # fmt: skip
        self.config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def read_output(self, rel: str) -> str:
        return (self.site_dir / rel).read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path / "project")


@pytest.fixture
def run_kbgen(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Invoke the CLI in-process from a project folder; stdout and stderr are kept apart."""
    monkeypatch.delenv("KBGEN_TODAY", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)

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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve folders on 127.0.0.1 (a free port each); returns the base URL ending in '/'."""
    servers: list[socketserver.TCPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
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
