"""The loopback HTTP server the browser tests serve built sites from."""

from __future__ import annotations

import http.server
import sys
from typing import Any


class QuietServer(http.server.ThreadingHTTPServer):
    """A threaded server that does not print a traceback when the browser hangs up mid-response (it moved on to
    the next page): that is how browsers behave, not a failure. Any other error is printed as before."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)
