"""`kbgen check --external` against a web server on 127.0.0.1 only: reachable, 404, slow, cached."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import Result

from kbgen.config.settings import KbConfig
from kbgen.links.external import CACHE_FILE, check_external
from kbgen.loading.loader import load_corpus
from tests.support.project import Site, article


class _Handler(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, str]]] = []

    def _answer(self) -> None:
        self.seen.append((self.command, self.path))
        if self.path.startswith("/slow"):
            time.sleep(1.5)
        if self.path.startswith("/no-head") and self.command == "HEAD":
            self.send_response(405)
        else:
            self.send_response(200 if self.path.startswith(("/ok", "/slow", "/no-head")) else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    _Handler.seen = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_unreachable_links_are_warnings_with_their_line(
    site: Site, server: str, run_kbgen: Callable[..., Result]
) -> None:
    body = f"[ok]({server}/ok) [gone]({server}/gone#part)\n\n[refuses HEAD]({server}/no-head)\n"
    site.write("en/billing/a.md", article(title="A", body=body))
    result = run_kbgen("check", "--external", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 0  # warnings only
    column = len(f"[ok]({server}/ok) ") + 1
    assert (
        f"content/en/billing/a.md:8:{column}: warning KB309: external link '{server}/gone' is unreachable "
        "(HTTP 404); fix or remove it [external-link-unreachable]"
    ) in result.stdout
    assert result.stdout.count("KB309") == 1
    assert ("GET", "/no-head") in _Handler.seen
    cache = json.loads((site.root / CACHE_FILE).read_text())
    assert cache[f"{server}/ok"]["ok"] is True
    assert run_kbgen("check", "--today", "2026-11-22", cwd=site.root).stdout.count("KB309") == 0  # offline default


def test_answers_are_cached_and_slow_servers_time_out(site: Site, server: str, tmp_path: Path) -> None:
    site.write("en/billing/a.md", article(title="A", body=f"[ok]({server}/ok) [slow]({server}/slow)\n"))
    corpus = load_corpus(site.content, KbConfig(), "content/")
    cache = tmp_path / "cache.json"
    started = time.monotonic()
    findings = check_external(corpus, cache, timeout=0.3, workers=2)
    assert time.monotonic() - started < 1.4
    assert [f.message for f in findings] == [
        f"external link '{server}/slow' is unreachable (timed out after 0.3 s); fix or remove it"
    ]
    _Handler.seen = []
    check_external(corpus, cache, timeout=0.3, workers=2)
    assert ("HEAD", "/ok") not in _Handler.seen  # a good answer is reused for a day; the failure is asked again
