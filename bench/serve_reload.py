"""Save-to-reload time of `kbgen serve` on the sample help center, as a writer sees it in a browser.

    python bench/serve_reload.py [--edits 5] [--edit body|title]

Copies the repository's sample (mkdocs.yml, content/, theme/) to a temporary folder, starts `kbgen serve` on
a free loopback port, opens an article in headless Chromium and, for each edit, adds a sentence to the article's
body (`--edit body`, the default: serve patches it into the site shown) or rewrites its title (`--edit title`:
every page's navigation shows it, so serve rebuilds) and measures from the write to the moment the open page
shows it (the watcher noticing, the patch or rebuild, the page learning of it and reloading). Prints each time,
the median, and what serve logged for each edit.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLE = "content/en/account/reset-your-password.md"
URL_PATH = "en/account/reset-your-password/"
CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"kbgen serve did not answer at {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--edit", choices=["body", "title"], default="body")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="kbgen-serve-bench-") as tmp:
        project = Path(tmp)
        shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copytree(REPO / "content", project / "content")
        shutil.copytree(REPO / "theme", project / "theme")
        port = free_port()
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        log = (project / "serve.log").open("w", encoding="utf-8")
        server = subprocess.Popen(
            [sys.executable, "-m", "kbgen", "serve", "--today", "2026-11-22", "-a", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}/"
        article = project / ARTICLE
        original = article.read_text(encoding="utf-8")
        times: list[float] = []
        try:
            wait_for(base + URL_PATH)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
                page = browser.new_page()
                page.goto(base + URL_PATH)
                for edit in range(1, args.edits + 1):
                    time.sleep(1.0)  # let the watcher and the page settle between edits
                    marker = f"Edited {edit}"
                    started = time.monotonic()
                    if args.edit == "title":
                        article.write_text(re.sub(r"^title: .*$", f"title: {marker}", original, count=1, flags=re.M))
                        page.locator("h1", has_text=marker).wait_for(timeout=60_000)
                    else:
                        article.write_text(f"{original}\n{marker} to the end of this article.\n")
                        page.locator("article p", has_text=marker).wait_for(timeout=60_000)
                    times.append(time.monotonic() - started)
                    print(f"edit {edit}: {times[-1]:.2f} s", flush=True)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
        builds = [
            line
            for line in (project / "serve.log").read_text().splitlines()
            if re.match(r"(built|rebuilt|patched) ", line)
        ]
        print("serve logged:", "; ".join(line.split(":")[0] for line in builds))
    print(f"median save-to-reload: {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f})")


if __name__ == "__main__":
    main()
