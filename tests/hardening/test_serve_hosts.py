"""`kbgen serve` answers only requests addressed to it by a loopback name, sends the production security headers,
takes its port before building, and treats a malformed `--dev-addr` as a usage error.

A page on `evil.example` whose DNS name is re-pointed at 127.0.0.1 (DNS rebinding) reaches the preview with
`Host: evil.example:PORT`; without the Host check it could read `/__kbgen__/state`, which names files and owners.
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from kbgen.publishing import serve
from kbgen.publishing.security_headers import SECURITY_HEADERS, SITE_POLICY
from tests.support.project import REPO, Site


@pytest.fixture
def server(tmp_path: Path) -> Iterator[int]:
    """A preview showing a prepared folder (no build needed to test the HTTP layer); yields its port."""
    shown = tmp_path / "shown"
    (shown / "en").mkdir(parents=True)
    (shown / "index.html").write_text("<html><head></head><body>home</body></html>", encoding="utf-8")
    (shown / "en/diagram.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    preview = serve.Preview(tmp_path / "mkdocs.yml", None, [])
    preview.shown, preview.problems = shown, ["content/en/a.md:1:1: error KB110: owner of canary-owner is missing"]
    httpd = serve.make_server(preview, port=0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield int(httpd.server_address[1])
    httpd.shutdown()
    httpd.server_close()
    preview.stop()


def request(port: int, head: str) -> tuple[int, dict[str, str], bytes]:
    """Send exactly these request lines (no client adds or fixes a Host header)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(head.encode("latin-1") + b"Connection: close\r\n\r\n")
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    raw_head, _, body = data.partition(b"\r\n\r\n")
    lines = raw_head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, body


def get(port: int, path: str, host: str | None) -> tuple[int, dict[str, str], bytes]:
    return request(port, f"GET {path} HTTP/1.1\r\n" + (f"Host: {host}\r\n" if host is not None else ""))


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}", "[::1]:{port}"])
def test_loopback_names_on_the_right_port_are_answered(server: int, host: str) -> None:
    for path in ("/", "/__kbgen__/state"):
        status, _, _ = get(server, path, host.format(port=server))
        assert status == 200, (host, path)


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:{port}",
        "localhost.evil.example:{port}",
        "127.0.0.1.nip.io:{port}",
        "localhost.:{port}",
        "127.0.0.1:{other}",
        "127.0.0.1",
        "localhost",
        "[::1]:{other}",
        "0.0.0.0:{port}",
        "evil.example:{port}@127.0.0.1:{port}",
        "127.0.0.1:{port}, evil.example",
    ],
)
def test_any_other_host_is_refused_and_learns_nothing(server: int, host: str) -> None:
    value = host.format(port=server, other=server + 1)
    for path in ("/", "/__kbgen__/state", "/en/diagram.svg"):
        status, headers, body = get(server, path, value)
        assert status == 421, (value, path)
        assert b"canary-owner" not in body and b"home" not in body
        assert headers["Content-Security-Policy"] == f"{SITE_POLICY}; frame-ancestors 'none'"


@pytest.mark.parametrize(
    "head",
    [
        "GET /__kbgen__/state HTTP/1.1\r\n",  # no Host
        "GET /__kbgen__/state HTTP/1.1\r\nHost: \r\n",  # empty Host
        "GET /__kbgen__/state HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\n",  # two Hosts
        "GET /__kbgen__/state HTTP/1.0\r\n",  # HTTP/1.0 without Host
        "GET http://evil.example/__kbgen__/state HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n",  # absolute form
    ],
)
def test_a_missing_empty_doubled_or_overridden_host_is_a_bad_request(server: int, head: str) -> None:
    status, _, body = request(server, head.format(port=server))
    assert status in (400, 421)
    assert b"canary-owner" not in body


@pytest.mark.parametrize("path", ["/", "/en/diagram.svg", "/__kbgen__/state", "/missing", "/en", "/__kbgen__/x"])
def test_every_response_carries_the_security_headers(server: int, path: str) -> None:
    _, headers, _ = get(server, path, f"127.0.0.1:{server}")
    assert {name: headers.get(name) for name, _ in SECURITY_HEADERS} == dict(SECURITY_HEADERS)


def test_errors_from_the_http_layer_carry_the_headers_too(server: int) -> None:
    status, headers, _ = request(server, f"POST / HTTP/1.1\r\nHost: 127.0.0.1:{server}\r\nContent-Length: 0\r\n")
    assert status == 501
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("path", "status"), [("/", 200), ("/en/diagram.svg", 200), ("/missing", 404), ("/en", 301)])
def test_head_answers_as_get_does_without_the_body(server: int, path: str, status: int) -> None:
    """HEAD was 501 Unsupported method: a link checker run against the preview reported every page broken."""
    got, got_headers, body = get(server, path, f"127.0.0.1:{server}")
    head, headers, nothing = request(server, f"HEAD {path} HTTP/1.1\r\nHost: 127.0.0.1:{server}\r\n")
    assert (head, got) == (status, status)
    assert nothing == b""
    assert headers.get("Content-Length") == got_headers.get("Content-Length")
    assert headers.get("Content-Type") == got_headers.get("Content-Type")
    if status == 200:
        assert int(headers["Content-Length"]) == len(body) > 0


def test_the_header_policy_is_the_themes_meta_policy_plus_frame_ancestors() -> None:
    meta = (REPO / "theme/partials/kb-head.html").read_text(encoding="utf-8")
    # the plugin's kb_csp is site_policy(feedback_url); the template's fallback is the same policy
    fallback = r'http-equiv="Content-Security-Policy" content="\{\{ kb_csp \| d\("([^"]*)"'
    assert re.findall(fallback, meta) == [SITE_POLICY]
    assert dict(SECURITY_HEADERS)["Content-Security-Policy"] == SITE_POLICY + "; frame-ancestors 'none'"


def test_the_readme_lists_the_headers_serve_sends() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Headers a host should send") :]
    for name, value in SECURITY_HEADERS:
        assert f"{name}: {value}" in section


@pytest.fixture
def no_build(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record (and skip) any build the serve command starts, to prove a refused start costs none."""
    builds: list[str] = []
    monkeypatch.setattr(serve.Preview, "rebuild", lambda self: builds.append("build"))
    return builds


def test_a_busy_port_fails_before_the_build(
    small_site: Site, run_kbgen: Callable[..., Result], no_build: list[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_kbgen("serve", "--dev-addr", f"127.0.0.1:{port}", cwd=small_site.root)
    assert result.exit_code == 2
    assert f"error: cannot listen on 127.0.0.1:{port}: port {port} is already in use" in result.stderr
    assert "Traceback" not in result.stderr and "serving on" not in result.stderr
    assert no_build == []


@pytest.mark.parametrize(
    "value",
    ["127.0.0.1:99999", "127.0.0.1:65536", "127.0.0.1:abc", "127.0.0.1:-1", "127.0.0.1:0", ":8000", "127.0.0.1:",
     "8000", "", "::1:8000", "127.0.0.1:８０００", "127.0.0.1: 8000"],
)  # fmt: skip
def test_a_malformed_address_is_a_usage_error_naming_it(
    small_site: Site, run_kbgen: Callable[..., Result], no_build: list[str], value: str
) -> None:
    result = run_kbgen("serve", "--dev-addr", value, cwd=small_site.root)
    assert result.exit_code == 2
    assert f"--dev-addr '{value}'" in result.stderr
    assert "Traceback" not in result.stderr
    assert no_build == []


def test_ipv6_loopback_in_brackets_is_served_and_answers_its_bracketed_name(tmp_path: Path) -> None:
    assert serve.parse_address("[::1]:8123") == ("::1", 8123)
    assert serve.parse_address("localhost:1") == ("localhost", 1)
    preview = serve.Preview(tmp_path / "mkdocs.yml", None, [])
    httpd = serve.make_server(preview, "::1", 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    port = httpd.server_address[1]
    try:
        with socket.create_connection(("::1", port), timeout=10) as connection:
            head = f"GET /__kbgen__/state HTTP/1.1\r\nHost: [::1]:{port}\r\nConnection: close\r\n\r\n"
            connection.sendall(head.encode())
            assert connection.recv(65536).startswith(b"HTTP/1.0 200 ")
    finally:
        httpd.shutdown()
        httpd.server_close()
        preview.stop()


@pytest.mark.parametrize("error", [BrokenPipeError, ConnectionResetError])
def test_a_browser_that_left_before_its_answer_prints_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], error: type[ConnectionError]
) -> None:
    """A tab closed or a page reloaded while the preview wrote its answer filled the writer's terminal with a
    20-line socketserver traceback each time; a real failure of a request is still printed."""
    preview = serve.Preview(tmp_path / "mkdocs.yml", None, [])
    httpd = serve.make_server(preview, port=0)
    try:
        with socket.socket() as request:
            for raised in (error(32, "gone"), ValueError("a real bug")):
                try:
                    raise raised
                except Exception:
                    httpd.handle_error(request, ("127.0.0.1", 50000))
    finally:
        httpd.server_close()
        preview.stop()
    err = capsys.readouterr().err
    assert "gone" not in err and error.__name__ not in err
    assert err.count("Traceback") == 1 and "ValueError: a real bug" in err


@pytest.mark.parametrize("path", ["/" + "a" * 300, "/en/" + "a" * 300 + "/", "/en/" + "b" * 256 + "/x.html"])
def test_a_name_longer_than_the_file_system_takes_is_not_found(server: int, path: str) -> None:
    """A segment over 255 bytes raised ENAMETOOLONG in the handler: the browser got no answer and the writer's
    terminal a socketserver traceback."""
    status, _, body = get(server, path, f"127.0.0.1:{server}")
    assert status == 404 and b"not found" in body
    assert get(server, "/", f"127.0.0.1:{server}")[0] == 200  # the server still answers
