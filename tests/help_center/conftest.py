"""The sample help center built with a feedback endpoint on loopback, and served the way a static host serves it."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.project import REPO
from tests.support.static_server import QuietServer


class FeedbackEndpoint(http.server.ThreadingHTTPServer):
    """Records each JSON body posted to it; answers CORS preflights as a real cross-origin endpoint must."""

    received: list[Any]
    status: int  # what POSTs get back; a test sets 500 to see the widget's error


class _FeedbackHandler(http.server.BaseHTTPRequestHandler):
    server: FeedbackEndpoint

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self._cors()
        self.end_headers()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.received.append(
            {"path": self.path, "type": self.headers.get("Content-Type"), "body": json.loads(body)}
        )
        self.send_response(self.server.status)
        self._cors()
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="session")
def feedback_endpoint() -> Iterator[FeedbackEndpoint]:
    server = FeedbackEndpoint(("127.0.0.1", 0), _FeedbackHandler)
    server.received, server.status = [], 204
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def help_site(tmp_path_factory: pytest.TempPathFactory, feedback_endpoint: FeedbackEndpoint) -> Path:
    """The repository's sample (mkdocs.yml and content/) with feedback_url pointing at the loopback endpoint."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    work = tmp_path_factory.mktemp("help-center-sample")

    class _Reader(yaml.SafeLoader):
        """Reads mkdocs.yml only to copy its plugin list; tags such as !!python/name are left unresolved."""

    _Reader.add_multi_constructor("", lambda loader, suffix, node: None)
    plugins = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Reader)["plugins"]
    for plugin in plugins:
        if isinstance(plugin, dict) and "kbgen" in plugin:
            port = feedback_endpoint.server_address[1]
            plugin["kbgen"]["feedback_url"] = f"http://127.0.0.1:{port}/feedback"
    config = {
        "INHERIT": str(REPO / "mkdocs.yml"),  # MkDocs replaces lists when merging, hence the whole plugin list
        "docs_dir": str(REPO / "content"),
        "site_dir": str(work / "site"),
        "theme": {"custom_dir": str(REPO / "theme")},
        "plugins": plugins,
    }
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    build(load_config(str(config_file)))
    return work / "site"


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    """Answers a missing address with the site's 404.html and status 404, as GitHub Pages or Netlify do."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def help_url(help_site: Path) -> Iterator[str]:
    server = QuietServer(("127.0.0.1", 0), functools.partial(_StaticHost, directory=str(help_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
