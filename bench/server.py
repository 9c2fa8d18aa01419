"""A loopback static server for the bench that compresses text responses as hosting CDNs do.

Run: python bench/server.py <folder> <port-file>. It binds 127.0.0.1 on a free port and writes the port to
<port-file>. HTML, JS, CSS, JSON and XML go out gzip'd when the browser accepts it (material's
search_index.json included); files that are already compressed (kbgen's .kbs, Pagefind's .pf_*) go out as is.
"""

from __future__ import annotations

import gzip
import http.server
import sys
from functools import lru_cache, partial
from pathlib import Path

COMPRESSIBLE = {".html", ".js", ".css", ".json", ".xml", ".svg", ".txt", ".map"}


@lru_cache(maxsize=4096)
def _gzip(path: str, mtime: float) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6)


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle on, delayed ACKs stall each response by ~40 ms.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        encoding = None
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = _gzip(str(path), path.stat().st_mtime)
            encoding = "gzip"
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the page moved on mid-response (Pagefind's UI drops requests): no traceback


def main() -> None:
    folder, port_file = sys.argv[1], sys.argv[2]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=folder))
    Path(port_file).write_text(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
