"""Catalogue I (SV01-SV02): `kbgen serve` stays on loopback, inside the build, and on the last good site."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kbgen.cli.build import serve_command
from kbgen.publishing import serve
from kbgen.publishing.serve import Preview, make_server
from tests.support.hardening import snapshot_tree
from tests.support.project import SAMPLE_TODAY, Site, article
from tests.support.waiting import wait_until


class Running:
    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self.base = ""
        self.port = 0
        self.scans = 0  # how many times the watcher has looked at the watched files
        snapshot = preview.snapshot

        def counted() -> tuple[tuple[str, int, int], ...]:
            taken = snapshot()
            self.scans += 1
            return taken

        preview.snapshot = counted  # type: ignore[method-assign]

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def wait_for_rebuilds(self, count: int) -> None:
        preview = self.preview
        wait_until(lambda: preview.rebuilds >= count and preview.generation >= count, f"rebuild {count} to finish")

    def wait_for_quiet_scans(self) -> None:
        """Let the watcher look three more times: a file written since the last build would have started a rebuild
        by then (one scan sees the change, the next finds it settled, then the rebuild starts before the third)."""
        target = self.scans + 3
        wait_until(lambda: self.scans >= target, "three more scans by the watcher")


@pytest.fixture
def running(small_site: Site) -> Iterator[Running]:
    with _serving(small_site) as shown:
        yield shown


@contextlib.contextmanager
def _serving(small_site: Site) -> Iterator[Running]:
    preview = Preview(small_site.config_file, SAMPLE_TODAY, [small_site.content, small_site.config_file])
    preview.rebuild()
    server = make_server(preview, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    running = Running(preview)
    host, port = server.server_address[:2]
    running.base, running.port = f"http://{host}:{port}/", int(port)
    watcher = threading.Thread(target=preview.watch, kwargs={"interval": 0.1}, daemon=True)
    watcher.start()
    wait_until(lambda: running.scans >= 1, "the watcher's first snapshot")  # edits after this are seen as edits
    yield running
    preview.stop()
    server.shutdown()
    server.server_close()
    watcher.join(timeout=5)


def _raw_get(port: int, path: str) -> tuple[int, bytes]:
    """Send the path exactly as written (no client-side normalisation, like curl --path-as-is)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_sv01_listens_on_loopback_by_default(running: Running) -> None:
    assert running.base.startswith("http://127.0.0.1:")
    default = next(p for p in serve_command.params if p.name == "dev_addr").default
    assert default == "127.0.0.1:8000"


@pytest.mark.parametrize(
    "path",
    [
        "/%2e%2e/%2e%2e/etc/passwd",
        "/../../etc/passwd",
        "/..%2f..%2fetc/passwd",
        "/en/../../../etc/passwd",
        "/%2E%2E%5C%2E%2E%5Cetc%5Cpasswd",
        "/%252e%252e/%252e%252e/etc/passwd",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "//etc/passwd",
        "/%00/../secret.txt",
    ],
)
def test_sv01_no_request_reaches_outside_the_build(running: Running, path: str) -> None:
    (running.preview.workdir / "secret.txt").write_text("CANARY-SERVE-SECRET\n")
    status, body = _raw_get(running.port, path)
    assert status == 404
    assert b"root:" not in body and b"CANARY-SERVE-SECRET" not in body


def test_sv01_pages_and_folders_are_served(running: Running) -> None:
    status, body = running.get("en/account/alpha/")
    assert status == 200 and "Alpha article" in body
    assert '<script src="/__kbgen__/live.js"' in body
    assert _raw_get(running.port, "/en/account/alpha")[0] == 301


def test_sv02_one_rebuild_per_edit_broken_edit_keeps_last_good_site_then_recovers(
    running: Running, small_site: Site
) -> None:
    alpha = small_site.content / "en/account/alpha.md"
    alpha.write_text(article(title="Alpha edited"), encoding="utf-8")
    running.wait_for_rebuilds(2)
    running.wait_for_quiet_scans()
    assert running.preview.rebuilds == 2, "kbgen's own writes must not trigger rebuilds"
    assert "Alpha edited" in running.get("en/account/alpha/")[1]
    content_before = snapshot_tree(small_site.content)

    alpha.write_text("---\ntitle: Alpha broken\nowner: [a, b\n---\nbody\n", encoding="utf-8")
    wait_until(lambda: running.preview.generation >= 3, "the broken edit to be refused")
    running.wait_for_quiet_scans()
    assert running.preview.rebuilds == 2  # refused at once: no build could show it
    status, body = running.get("en/account/alpha/")
    assert status == 200 and "Alpha edited" in body  # the last good page, not a 404
    assert "kbgen-serve-problems" in body
    assert "content/en/account/alpha.md:3:8: error KB101: YAML syntax error" in body
    assert "kbgen-serve-problems" in running.get("en/account/beta/")[1]

    alpha.write_text(article(title="Alpha fixed"), encoding="utf-8")
    running.wait_for_rebuilds(3)
    running.wait_for_quiet_scans()
    assert running.preview.rebuilds == 3
    status, body = running.get("en/account/alpha/")
    assert "Alpha fixed" in body and "kbgen-serve-problems" not in body
    after = snapshot_tree(small_site.content)
    assert set(after) == set(content_before)  # nothing written into the content root
    assert not list(small_site.root.glob(".site*")) and not small_site.site_dir.exists()


def test_sv02_problem_text_is_escaped_in_the_banner(running: Running, small_site: Site) -> None:
    small_site.write("en/account/x.md", "---\ntitle: <img src=x onerror=alert(1)>\nowner: [\n---\n")
    running.wait_for_rebuilds(2)
    body = running.get("en/account/alpha/")[1]
    assert "kbgen-serve-problems" in body and "<img src=x" not in body


@pytest.mark.browser
def test_sv02_open_page_reloads_itself_after_an_edit(running: Running, small_site: Site, page: Callable) -> None:
    page.goto(running.base + "en/account/beta/")
    assert "Beta article" in page.inner_text("h1")
    (small_site.content / "en/account/beta.md").write_text(article(title="Beta renamed"), encoding="utf-8")
    # a locator wait runs in Playwright's own world, so the page's strict CSP (no eval) does not block it
    page.locator("h1", has_text="renamed").wait_for(timeout=30_000)
    assert running.preview.rebuilds == 2


def test_sv_startup_with_no_good_build_shows_an_error_page(site: Site) -> None:
    site.config_file.write_text(site.config_file.read_text() + "nav: 12\n")
    preview = Preview(site.config_file, SAMPLE_TODAY, [site.content])
    preview.rebuild()
    server = make_server(preview, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        status, body = _raw_get(int(server.server_address[1]), "/")
    finally:
        server.shutdown()
        server.server_close()
        preview.stop()
    assert status == 503 and b"kbgen-serve-problems" in body and b"nav" in body
    assert not Path(preview.workdir).exists()


def test_a_missing_page_is_the_sites_own_404_page_in_the_language_of_its_folder(small_site: Site) -> None:
    """The preview answered a mistyped address with the words "not found" in plain text; a host serves the site's
    styled 404 page, so the preview does too: the language's own under a language folder, with status 404."""
    small_site.write("tr/hesap/alfa.md", article(title="Alfa makalesi", body="Alfa.\n"))
    with _serving(small_site) as running:
        turkish, english, anywhere = (running.get(path) for path in ("tr/hesap/yok/", "en/account/gone", "nowhere"))
    assert turkish[0] == english[0] == anywhere[0] == 404
    assert '<html lang="tr"' in turkish[1] and "<h1>Sayfa bulunamadı</h1>" in turkish[1]
    assert '<html lang="en"' in english[1] and "<h1>Page not found</h1>" in english[1]
    assert "kb-not-found--every-language" in anywhere[1] and "Sayfa bulunamadı" in anywhere[1]
    assert all('<script src="/__kbgen__/live.js"' in body for _, body in (turkish, english, anywhere))


def test_a_file_gone_between_lookup_and_read_is_answered_404(running: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    """A patch swaps the search folder with two renames; a request that falls between them gets a plain 404, and
    the terminal no traceback."""
    assert running.preview.shown is not None
    gone = running.preview.shown / "kb-search" / "index.json.gone"
    monkeypatch.setattr(serve, "resolve_request", lambda root, path: gone)
    assert running.get("kb-search/index.json")[0] == 404


def test_a_save_is_seen_at_once_not_at_the_next_look(small_site: Site) -> None:
    """The file system's change event ends the watcher's pause: with looks 60 s apart, a save is still shown within
    seconds, and an idle watcher does not look again and again (reading the content for a build is no edit)."""
    preview = Preview(small_site.config_file, SAMPLE_TODAY, [small_site.content, small_site.config_file])
    preview.rebuild()
    looks: list[float] = []
    snapshot = preview.snapshot

    def counted() -> serve.Snapshot:
        looks.append(0.0)
        return snapshot()

    preview.snapshot = counted  # type: ignore[method-assign]
    watcher = threading.Thread(target=preview.watch, kwargs={"interval": 60}, daemon=True)
    watcher.start()
    try:
        wait_until(lambda: looks, "the watcher's first look")
        page = small_site.content / "en" / "billing" / "pay.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(article(title="Pay an invoice", body="Pay it.\n"), encoding="utf-8")
        wait_until(lambda: preview.generation >= 2, "the save to be shown", timeout=15)
        settled = len(looks)
        threading.Event().wait(1.0)
        assert len(looks) <= settled + 1  # after the build, at most the one look its own reading may have nudged
    finally:
        preview.stop()
        watcher.join(timeout=5)
    assert not watcher.is_alive()


def test_an_editors_scratch_files_neither_rebuild_nor_hold_back_an_edit(running: Running, small_site: Site) -> None:
    """Vim rewrites `.name.md.swp` every few seconds while the writer types: each write rebuilt the whole site (a
    minute on a large help center) and reloaded the page; an Emacs backup (`name.md~`) left after the first save
    was a new error, so the edit that made it was not shown."""
    folder = small_site.content / "en/account"
    scratch = [(".beta.md.swp", "swap 1"), (".beta.md.swp", "swap 2, longer"), ("4913", ""), ("#beta.md#", "x")]
    for name, text in scratch:
        (folder / name).write_text(text, encoding="utf-8")
        running.wait_for_quiet_scans()
    (folder / "4913").unlink()
    running.wait_for_quiet_scans()
    assert (running.preview.rebuilds, running.preview.generation) == (1, 1)

    (folder / "beta.md~").write_text(article(title="Beta article"), encoding="utf-8")
    (folder / "beta.md").write_text(article(title="Beta saved with a backup"), encoding="utf-8")
    wait_until(lambda: running.preview.generation >= 2, "the save to be shown")
    status, body = running.get("en/account/beta/")
    assert status == 200 and "Beta saved with a backup" in body and "kbgen-serve-problems" not in body


def test_pages_are_answered_while_the_first_build_runs(small_site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """`kbgen serve` printed its address, then built before answering: on a large help center the browser waited a
    minute or more on a blank tab, or gave up. It now answers at once with a page that opens itself when ready."""
    release, seen = threading.Event(), []
    build = serve.build_site

    def slow(*args: object, **kwargs: object) -> object:
        release.wait(30)
        return build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(serve, "build_site", slow)
    addresses: list[str] = []

    def visit() -> None:
        wait_until(lambda: addresses, "the address")
        with urllib.request.urlopen(addresses[0] + "__kbgen__/state", timeout=10) as response:
            seen.append(json.loads(response.read()))
        try:
            urllib.request.urlopen(addresses[0] + "en/account/alpha/", timeout=10)
        except urllib.error.HTTPError as error:
            seen.append((error.code, error.read().decode("utf-8")))
        release.set()
        with urllib.request.urlopen(addresses[0] + "__kbgen__/state?after=0", timeout=30) as response:
            seen.append(json.loads(response.read()))
        os.kill(os.getpid(), signal.SIGTERM)  # as `kill` stops the server

    previous = signal.getsignal(signal.SIGTERM)
    visitor = threading.Thread(target=visit, daemon=True)
    visitor.start()
    try:
        serve.run(small_site.config_file, SAMPLE_TODAY, [small_site.content], "127.0.0.1", 0, addresses.append)
    finally:
        signal.signal(signal.SIGTERM, previous)
        release.set()
    visitor.join(timeout=10)
    assert seen[0] == {"building": None, "generation": 0, "moved": {}, "problems": []}
    status, body = seen[1]
    assert status == 503 and "kbgen is building the site" in body
    assert '<script src="/__kbgen__/live.js" data-generation="0"' in body
    assert seen[2] == {"building": None, "generation": 1, "moved": {}, "problems": []}


def test_a_save_during_the_first_build_is_built_next(small_site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """The watcher took its first look after the first build: a save made while it ran (a minute on a large help
    center, and the page now answers during it) was never built, and the preview showed the text before it."""
    started, release = threading.Event(), threading.Event()
    build = serve.build_site

    def slow(*args: object, **kwargs: object) -> object:
        built = build(*args, **kwargs)  # type: ignore[arg-type]
        started.set()  # the content is read: a save now is one the build did not see
        release.wait(30)
        return built

    monkeypatch.setattr(serve, "build_site", slow)
    preview = Preview(small_site.config_file, SAMPLE_TODAY, [small_site.content])
    worker = threading.Thread(target=serve._build_then_watch, args=(preview,), daemon=True)
    worker.start()
    try:
        started.wait(10)
        small_site.write("en/account/alpha.md", article(title="Alpha saved during the first build"))
        release.set()
        wait_until(lambda: preview.generation >= 2, "the save to be built", timeout=30)
        assert preview.shown is not None
        assert "Alpha saved during the first build" in (preview.shown / "en/account/alpha/index.html").read_text()
    finally:
        release.set()
        preview.stop()
        worker.join(timeout=10)
