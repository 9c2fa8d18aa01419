"""`kbgen serve`: a loopback preview that rebuilds once per edit and keeps the last good site on a broken one.

Why not `mkdocs serve`: it serves whatever the latest build produced (a broken article simply vanishes), runs
the plugin outside `kbgen build`'s confined walk, and its livereload loop has a history of rebuild storms. This
server is small: every build goes through `site_build` into a fresh folder under the system temp dir (never
the content root, so the watcher never sees kbgen's own writes), and requests are answered only from the folder of
the site currently shown. A build that adds error findings is not shown; its findings appear in a banner on every
page until an edit fixes them (kbgen.publishing.serve_notice). The terminal prints the first build's findings, then
each build's news (kbgen.publishing.serve_terminal). Pages long-poll `/__kbgen__/state` (a same-origin script, so
a strict CSP still holds) and reload the moment the generation changes.

Save-to-reload is the watcher's poll plus one settle check (about 0.1 s each on a small site), the build, and the
reload; templates are compiled once per process (Jinja's bytecode cache, keyed by each template's source, so an
edited template is compiled again) instead of once per rebuild, and each rebuild reuses the unchanged pages of
the site shown (kbgen.mkdocs_plugin.incremental), so a save rewrites only the pages it changed. A save that
changes only articles' text is not rebuilt at all: it is patched into the site shown (kbgen.publishing.patch).

A loopback server is still reachable from any web page the developer opens: a page on `evil.example` whose DNS
name is re-pointed at 127.0.0.1 (DNS rebinding) could read the preview, and `/__kbgen__/state` names files and
owners. So requests are answered only when their `Host` is a loopback name on the right port, and every response
carries the headers a production host should send (kbgen.publishing.security_headers).
"""

from __future__ import annotations

import contextlib
import http.server
import ipaddress
import json
import os
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from kbgen.config.settings import ConfigError
from kbgen.finding_formats.context import Counts
from kbgen.heap import keep_until_thawed, thaw
from kbgen.loading.editor_files import is_editor_scratch
from kbgen.mkdocs_plugin.config_file import load_project
from kbgen.model import Finding, Severity
from kbgen.publishing.build_cache import discard_all
from kbgen.publishing.patch import Broken, Patch, Session, apply, prepare
from kbgen.publishing.security_headers import SECURITY_HEADERS, security_headers
from kbgen.publishing.serve_notice import decorate, errors_by_page, page_key
from kbgen.publishing.serve_terminal import Terminal, change_reason, renamed
from kbgen.publishing.site_build import BuildError, BuildFailed, build_site
from kbgen.safe_text import one_line
from kbgen.wording import plural

_ASSETS = Path(__file__).parent / "serve_assets"
Snapshot = tuple[tuple[str, int, int], ...]  # name, size and mtime of each watched file
_LONG_POLL = 25.0  # seconds a page's state request may wait for a rebuild before it asks again
_MIN_INTERVAL = 0.1  # seconds between two looks at the watched files on a small site
_SETTLE = 0.25  # at most this long between the look that saw a change and the one that checks it is over


class _Patched(Enum):
    """What became of an edit `Preview._patch` was given."""

    BUILT = "patched: shown, or refused and kept for the next patch"
    BROKEN = "refused at once: it leaves an article failing to load"
    DECLINED = "needs a build"


class _TemplateCache(BytecodeCache):
    """Compiled templates kept in memory across rebuilds; Jinja checks each against its template's source."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _remove_site(site: Path) -> None:
    discard_all(site)
    shutil.rmtree(site, ignore_errors=True)


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
    ".svg": "image/svg+xml", ".png": "image/png", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
}  # fmt: skip


class Preview:
    """The build side: which site folder is shown, what is wrong with the latest edit, and the rebuild loop."""

    def __init__(
        self,
        config_file: Path,
        today: date | None,
        watched: list[Path],
        say: Callable[[str], None] = _to_stderr,
        seed: Path | None = None,
        inputs: Callable[[], list[Path]] | None = None,
    ) -> None:
        """`seed`: a site `kbgen build` made of this project, whose unchanged pages the first build reuses (read,
        never written: each is linked or copied into the preview's own folder). `inputs`: what to watch, asked
        again before each build, since an edit of mkdocs.yml may name another custom_dir, INHERIT or roster."""
        self.seed = seed
        self.inputs = inputs
        self.config_file = config_file
        self.today = today
        self.watched = watched
        self.terminal = Terminal(say)  # each build's news (new and fixed findings) and outcome, one line each
        self.workdir = Path(tempfile.mkdtemp(prefix="kbgen-serve-"))
        self.shown: Path | None = None
        self.shown_errors: set[Finding] = set()
        self.problems: list[str] = []  # why the latest edit is not shown: its new errors, or the failed build
        self.building: str | None = None  # why a full build is under way, until it is published (open pages say so)
        self.moved: dict[str, str] = {}  # the address of the page a shown build renamed, by its old one
        self._renamed: tuple[str, str] | None = None  # the file the edit being built renamed (project paths)
        self.page_errors: dict[str, list[str]] = {}  # the shown site's errors, by page (serve_notice.page_key)
        self.error_total = 0  # errors in the shown site, with those of files that are no page
        self.generation = 0
        self.rebuilds = 0
        self.headers = SECURITY_HEADERS  # the shown site's: its CSP lets scripts post to its feedback endpoint
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._stop = threading.Event()
        self._nudged = threading.Event()  # set by the file system's change events (_Nudge)
        self._templates = _TemplateCache()
        self.session: Session | None = None  # the shown site's build, kept for patching the next edit
        self.session_read: Snapshot | None = None  # the watched files as the session's build and patches read them
        self.patches = 0

    def take(self, before: Snapshot, after: Snapshot, read: Snapshot | None = None) -> None:
        """Build the edit the watcher saw between two looks (`read`: the files as the build will find them, when
        the watch took up new ones since `after`). A patch compares the files with those the session read,
        which a refused rebuild leaves as they were: a file renamed in a refused save is still a rename when the
        next save fixes the error, and only a text edit away from the site shown is patched."""
        docs, root = self._docs(), os.path.abspath(self.config_file.parent) + os.sep  # noqa: PTH100 - as text
        old, new = _read_files(before, docs), _read_files(after, docs)
        moved = renamed(old, new)
        self._renamed = (moved[0].removeprefix(root), moved[1].removeprefix(root)) if moved is not None else None
        changed = self.changed_articles(self.session_read or before, after)
        self.rebuild(changed, change_reason(old, new, root), read=read or after)

    def rebuild(
        self, changed: list[str] | None = None, why: str = "a watched file changed", read: Snapshot | None = None
    ) -> None:
        """Patch the shown site when the edit changed only the text of the articles at `changed` (paths under the
        content folder) and the patch can build it exactly (kbgen.publishing.patch); otherwise build into a new
        folder, having told the terminal and the open pages `why` (serve_terminal.change_reason). Either way the
        edit is shown unless it brings errors the shown site did not have. `read`: the watched files as this
        edit left them (see `take`)."""
        renamed_file, self._renamed = self._renamed, None
        if changed is not None and self.session is not None:
            patched = self._patch(changed)
            if patched is _Patched.BUILT:
                self.session_read = read  # the session's objects hold the edit, shown or pending
            if patched is not _Patched.DECLINED:
                return  # a broken article leaves them as they were: its next save is told against them again
            why = f"{why}; not patched: {self.session.declined}"
        if self.rebuilds:  # the first build has a page of its own that says so
            self._announce(one_line(why))
        # The session stays until a build is shown: after a refused one, the next text edit is still patched.
        session, self.session = self.session, None
        if session is not None:
            session.close()  # its search process: a kept session starts another
            session.save_cache()  # as the patches left the shown site, so the build reuses it
        self.rebuilds += 1
        target = self.workdir / f"site-{self.rebuilds}"
        started = time.monotonic()
        try:
            result = build_site(
                self.config_file, target, self.today, strict=False, template_cache=self._templates,
                reuse_from=self.shown or self.seed, keep=True,
            )  # fmt: skip
            findings = result.findings
        except (BuildFailed, BuildError) as exc:
            findings = getattr(exc, "findings", [])
            self._tell(findings, f"build failed: {exc}")
            self._publish(None, set(), [str(exc), *(f.format() for f in findings)])
            self._keep(session)
            return
        finally:
            (self.workdir / f".{target.name}.kbgen.lock").unlink(missing_ok=True)
        took = f"{'rebuilt' if self.rebuilds > 1 else 'built'} in {time.monotonic() - started:.1f} s"
        if self._refused(findings, took, changed):
            _remove_site(target)
            self._keep(session)
            return
        was = session.kept.page_urls() if session is not None and renamed_file is not None else {}
        self._drop(session)
        # the build just read the same file; a config edit in between waits for the next rebuild
        with contextlib.suppress(ConfigError):
            self.headers = security_headers(load_project(self.config_file).kb.feedback_url)
        pages = result.kept.page_urls() if result.kept is not None else {}
        old, new = renamed_file or ("", "")
        moved = {f"/{was[old]}": f"/{pages[new]}"} if old in was and new in pages else {}
        self._show(target, findings, took, pages, moved)
        self.session = Session.of(result.kept, target) if result.kept is not None else None
        self.session_read = read
        if self.session is not None:
            keep_until_thawed()  # the session's build lives until a build replaces it

    def _keep(self, session: Session | None) -> None:
        """After a build that is not shown: keep patching the site shown with `session`, if it still describes
        it and the files it was made from are known (`session_read`: the next edit is told against them)."""
        if session is None or not session.matches_site or self.session_read is None:
            self._drop(session)
            return
        self.session = session
        session.start_indexer()

    def _drop(self, session: Session | None) -> None:
        if session is not None:
            self.session_read = None
            session.close()
            thaw()  # its build objects, kept from the collector while it lived, are garbage now

    def _patch(self, changed: list[str]) -> _Patched:
        """Patch the shown site in place (see `rebuild`); DECLINED when the edit needs a build."""
        assert self.session is not None
        self.patches += 1
        scratch = self.workdir / f"patch-{self.patches}"
        started = time.monotonic()
        try:
            patch = prepare(self.session, changed, scratch, self.today)
        except Exception:  # whatever went wrong, the build that follows reports it properly
            patch = None
        if not isinstance(patch, Patch):
            shutil.rmtree(scratch, ignore_errors=True)
            return self._broken(patch, changed, started) if isinstance(patch, Broken) else _Patched.DECLINED
        took = f"patched {plural(len(patch.pages), 'page')} in {time.monotonic() - started:.1f} s"
        if self._refused(patch.findings, took, changed):
            shutil.rmtree(scratch, ignore_errors=True)  # the session keeps the pages, to write with the next patch
            return _Patched.BUILT
        try:
            apply(self.session, patch)
        except OSError:
            self.session.matches_site = False  # some files moved in: only a build can tell what the site is
            self.session.declined = "its files could not be moved into the site"
            return _Patched.DECLINED  # a rebuild from the shown folder relinks only what its stamps still vouch for
        self._show(self.session.site, patch.findings, took, self.session.kept.page_urls())
        return _Patched.BUILT

    def _broken(self, broken: Broken, changed: list[str], started: float) -> _Patched:
        """A save that leaves an article failing to load brings an error no shown site has: refused at once, its
        errors told in place of what was last told of those files, where a full build (a minute at 10,000 articles)
        would end refused the same way. DECLINED (build it) when the shown site has those errors already."""
        told = [finding for finding in self.terminal.findings if finding.path not in broken.files]
        took = f"checked {plural(len(broken.files), 'file')} in {time.monotonic() - started:.1f} s"
        return _Patched.BROKEN if self._refused([*told, *broken.errors], took, changed) else _Patched.DECLINED

    def _announce(self, why: str) -> None:
        """A full build takes 20 to 100 s on a large help center, where a patch takes a second: say so once, in
        the terminal and on the open pages (live.js shows a status line until the new page loads)."""
        self.terminal.say(f"rebuilding (full): {why}")
        with self._lock:
            self.building = why
            self._changed.notify_all()

    def _refused(self, findings: list[Finding], took: str, changed: list[str] | None) -> bool:
        """True, having said so, when `findings` bring errors the site shown did not have: it stays shown. The
        banner names those of the files the edit changed (`changed`, paths under the content folder) first: a
        broken front matter is the cause, the links into the page it unpublished the consequence."""
        errors = {f for f in findings if f.severity is Severity.ERROR}
        if self.shown is None or errors <= self.shown_errors:
            return False
        edited = tuple(f"/{rel}" for rel in changed or ())
        new = sorted(errors - self.shown_errors, key=lambda f: (not f"/{f.path}".endswith(edited), f.sort_key()))
        kept = f"not shown: the last good site stays up until you fix the {plural(len(new), 'new error')}"
        self._tell(findings, f"{took}: {Counts.of(findings)}; {kept}")
        self._publish(None, self.shown_errors, [f.format() for f in new])
        return True

    def _show(
        self,
        site: Path,
        findings: list[Finding],
        took: str,
        pages: Mapping[str, str],
        moved: dict[str, str] | None = None,
    ) -> None:
        """Print the findings and the outcome, then show `site`, each page with the errors of its own file (`pages`:
        each page's address by its file as findings name it); `moved`: the new address of a page the edit renamed,
        by its old one, where its open tab goes instead of reloading into a 404."""
        errors = {f for f in findings if f.severity is Severity.ERROR}
        self._tell(findings, f"{took}: {Counts.of(findings)}")
        self._publish(site, errors, [], errors_by_page(errors, pages), moved)

    def changed_articles(self, before: Snapshot, after: Snapshot) -> list[str] | None:
        """The Markdown files under the content folder that an edit changed, as paths under it; None when it
        also added, removed or changed anything else kbgen reads (then only a build will do). Dot-files and
        dot-folders in the content folder (an editor's swap file) are never read, so they do not count."""
        if self.session is None:
            return None
        docs = self._docs()
        old, new = _read_files(before, docs), _read_files(after, docs)
        if old.keys() != new.keys():
            return None
        found: list[str] = []
        for name in sorted(name for name in new if new[name] != old[name]):
            if not name.startswith(docs) or not name.endswith(".md"):
                return None
            found.append(Path(name.removeprefix(docs)).as_posix())
        return found

    def _unread(self, before: Snapshot, after: Snapshot) -> bool:
        """True when the only files that changed are ones no build reads (kbgen.loading.editor_files)."""
        docs = self._docs()
        return _read_files(before, docs) == _read_files(after, docs)

    def _docs(self) -> str:
        """The content folder as a prefix of absolute paths; without a build to tell, one no path has."""
        if self.session is None:
            return "\0"
        return os.path.abspath(self.session.kept.config.docs_dir) + os.sep  # noqa: PTH100 - compared as text

    def _tell(self, findings: list[Finding], outcome: str) -> None:
        self.terminal.tell(findings, outcome)

    def _publish(
        self, site: Path | None, errors: set[Finding], problems: list[str], by_page: dict[str, list[str]] | None = None,
        moved: dict[str, str] | None = None,
    ) -> None:  # fmt: skip
        with self._lock:
            old = self.shown if site is not None else None
            if site is not None:
                self.shown, self.shown_errors = site, errors
                self.page_errors, self.error_total = by_page or {}, len(errors)
            self.problems, self.building, self.moved = problems, None, moved or {}
            self.generation += 1
            self._changed.notify_all()
        if old is not None and old != site:
            _remove_site(old)

    def state(self, after: int | None = None, timeout: float = _LONG_POLL, building: bool = False) -> dict[str, object]:
        """The generation shown, its problems and why a full build is under way (or None); with `after`, wait until
        the generation differs from it or a full build starts or ends (`building`: whether the page knows one is)."""
        with self._changed:
            if after is not None:
                self._changed.wait_for(
                    lambda: self.generation != after or (self.building is not None) != building or self._stop.is_set(),
                    timeout,
                )
            state = {"building": self.building, "generation": self.generation, "problems": list(self.problems)}
            return {**state, "moved": dict(self.moved)}

    def snapshot(self) -> Snapshot:
        """Name, size and mtime of every watched file, without following links (a loop cannot hang the watcher).
        os.scandir and strings: a look at a help center of 10,000 articles is 12,000 stat calls or more."""
        entries: list[tuple[str, int, int]] = []
        for root in self.watched:
            if root.is_file():
                stat = root.stat()
                entries.append((str(root), stat.st_size, stat.st_mtime_ns))
            elif root.is_dir():
                _scan(str(root), entries)
        return tuple(entries)

    def watch(self, interval: float | None = None, since: Snapshot | None = None) -> None:
        """Poll; after a change, wait until the tree stops changing, then rebuild exactly once.

        Without an interval, the pause between looks is 0.1 s, or four times what a look costs on a large site,
        so the watcher never takes more than a fifth of a core. The file system's own change events (watchdog:
        inotify on Linux) end a pause early, so a save is seen at once rather than up to a pause later (about
        0.8 s at 10,000 articles); the look, never the event, decides what changed. `since`: the files as the
        site shown was built from them, when the watcher starts after that build.
        """
        pause = interval if interval is not None else _MIN_INTERVAL
        observer = self._observe()
        try:
            last = since if since is not None else self.snapshot()
            while self._pause(pause):
                looked = time.monotonic()
                current = self.snapshot()
                if interval is None:
                    pause = max(_MIN_INTERVAL, 4 * (time.monotonic() - looked))
                if current == last:
                    continue
                while not self._stop.wait(min(pause, _SETTLE)):
                    settled = self.snapshot()
                    if settled == current:
                        break
                    current = settled
                if self._unread(last, current):
                    last = current
                    continue  # an editor's swap or backup file came or went: nothing to build, no reload
                before, last = last, current
                if (rewatched := self._rewatch(last)) is not None:
                    last = rewatched
                    if observer is not None:
                        observer.stop()
                    observer = self._observe()
                self.take(before, current, last)
        finally:
            if observer is not None:
                observer.stop()

    def _rewatch(self, last: Snapshot) -> Snapshot | None:
        """Before a build, watch what the configuration names now (an edit of mkdocs.yml may name another
        custom_dir, INHERIT or roster); when that changed, the files to compare the next look with, else None.
        The newly watched files count as the build about to run reads them, unless a watched file changed since
        the last look: then the next look builds again, as it would have anyway. A configuration that cannot be
        read keeps the watch as it is."""
        try:
            watched = self.inputs() if self.inputs is not None else self.watched
        except (ConfigError, OSError, RuntimeError):  # RuntimeError: a symbolic link loop, from Path.resolve
            return None
        if watched == self.watched:
            return None
        unchanged = self.snapshot() == last
        self.watched = watched
        return self.snapshot() if unchanged else last

    def _pause(self, seconds: float) -> bool:
        """Wait `seconds`, or less when the file system reports a change; False once serving stops."""
        self._nudged.wait(seconds)
        self._nudged.clear()
        return not self._stop.is_set()

    def _observe(self) -> BaseObserver | None:
        """Start watchdog's observer on the watched files; None where it cannot start (too many folders for the
        system's inotify limit, an unsupported file system): the watcher then polls alone, as it always could."""
        handler = _Nudge(self._nudged)
        observer = Observer()
        observer.daemon = True
        try:
            for root in self.watched:
                if root.is_dir():
                    observer.schedule(handler, str(root), recursive=True, event_filter=_CHANGES)
                elif root.parent.is_dir():
                    observer.schedule(handler, str(root.parent), recursive=False, event_filter=_CHANGES)
            observer.start()
        except Exception:  # watchdog's errors differ by platform and file system; polling alone still works
            return None
        return observer

    def stop(self) -> None:
        self._stop.set()
        self._nudged.set()  # a watcher in its pause ends now
        session, self.session = self.session, None
        if session is not None:
            session.close()
            thaw()
        with self._changed:
            self._changed.notify_all()  # waiting page requests answer now
        shutil.rmtree(self.workdir, ignore_errors=True)


# What a save, a new file, a deletion or a rename reports. Reads (a build's, the watcher's own looks) are not asked
# for, so the kernel does not queue an event per file for every build or look (12,000 at 10,000 articles).
_CHANGES: list[type[FileSystemEvent]] = [
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


class _Nudge(FileSystemEventHandler):
    """Ends the watcher's pause when the file system reports any change below a watched folder."""

    def __init__(self, nudged: threading.Event) -> None:
        self.nudged = nudged

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.nudged.set()


def _scan(folder: str, entries: list[tuple[str, int, int]]) -> None:
    """Each file below folder, depth first in name order, with its size and mtime; links are listed, not followed."""
    try:
        with os.scandir(folder) as listed:
            found = sorted(listed, key=lambda entry: entry.name)
    except OSError:
        return
    for entry in found:
        try:
            if entry.is_dir(follow_symlinks=False):
                _scan(entry.path, entries)
            else:
                stat = entry.stat(follow_symlinks=False)
                entries.append((entry.path, stat.st_size, stat.st_mtime_ns))
        except OSError:
            continue


def _read_files(snapshot: Snapshot, docs: str) -> dict[str, tuple[int, int]]:
    """Each watched file kbgen may read, by absolute path, with its size and mtime: not an editor's scratch file
    anywhere (a template's swap file is no template), nor a file in a dot-folder of the content folder."""
    found: dict[str, tuple[int, int]] = {}
    for name, size, mtime in snapshot:
        path = os.path.abspath(name)  # noqa: PTH100 - compared as text
        if is_editor_scratch(os.path.basename(path)):  # noqa: PTH119 - compared as text
            continue
        if path.startswith(docs) and any(part.startswith(".") for part in Path(path.removeprefix(docs)).parts):
            continue
        found[path] = (size, mtime)
    return found


class AddressError(ValueError):
    """A `--dev-addr` value that is not HOST:PORT with a port from 1 to 65535."""


def parse_address(value: str) -> tuple[str, int]:
    """`127.0.0.1:8000`, `localhost:8000` or `[::1]:8000` as (host, port); the error names the value and the fix."""
    host, separator, port = value.rpartition(":")
    expected = f"--dev-addr '{value}': expected HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:8000"
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    elif ":" in host:
        raise AddressError(f"--dev-addr '{value}': write an IPv6 address in brackets, e.g. [::1]:8000")
    if not separator or not host or not re.fullmatch(r"[0-9]{1,5}", port) or not 1 <= int(port) <= 65535:
        raise AddressError(expected)
    return host, int(port)


def accepted_hosts(bind_host: str, port: int) -> frozenset[str]:
    """`Host` values this server answers: loopback names, and the address it was told to bind, on its port."""
    names = {"localhost", "127.0.0.1", "[::1]"}
    if bind_host not in ("0.0.0.0", "::"):
        names.add(f"[{bind_host}]" if ":" in bind_host else bind_host.lower())
    return frozenset({f"{name}:{port}" for name in names} | (names if port == 80 else set()))


def _is_ip_literal(host: str) -> bool:
    """An IP address, not a name: a DNS-rebinding page always reaches the server under a name."""
    name = host[1:].partition("]")[0] if host.startswith("[") else host.rpartition(":")[0] or host
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    hosts: frozenset[str] = frozenset()
    any_ip: bool = False  # bound to 0.0.0.0 or ::, so other machines may use this machine's address

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        """A browser that left before its answer was written (a tab closed, a link followed, a reload while a page
        loads) is no error: socketserver printed a 20-line traceback in the writer's terminal for each."""
        if isinstance(sys.exc_info()[1], ConnectionError):  # broken pipe, connection reset or aborted
            return
        super().handle_error(request, client_address)


class _Server6(_Server):
    address_family = socket.AF_INET6


class _Handler(http.server.BaseHTTPRequestHandler):
    preview: Preview
    server_version = "kbgen"
    sys_version = ""
    _headers_only = False  # a HEAD request: the answer a GET gets, without its body

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        for name, value in self.preview.headers:
            self.send_header(name, value)
        super().end_headers()

    def _host_refused(self) -> bool:
        """Answer 400 or 421 unless the request names this server by a loopback (or the bound) address."""
        assert isinstance(self.server, _Server)
        given = self.headers.get_all("Host") or []
        port = self.server.server_address[1]
        if len(given) != 1 or not self.path.startswith("/"):
            self._send(400, "text/plain; charset=utf-8", b"bad request: exactly one Host header is required\n")
            return True
        host = given[0].strip().lower()
        if host in self.server.hosts or (self.server.any_ip and _is_ip_literal(host) and host.endswith(f":{port}")):
            return False
        message = f"kbgen serve answers only for localhost; open http://127.0.0.1:{port}/\n"
        self._send(421, "text/plain; charset=utf-8", message.encode())
        return True

    def do_GET(self) -> None:
        if self._host_refused():
            return
        url = urlsplit(self.path)
        path = url.path
        if path.startswith("/__kbgen__/"):
            self._internal(path.removeprefix("/__kbgen__/"), url.query)
            return
        with self.preview._lock:
            shown, problems, generation = self.preview.shown, list(self.preview.problems), self.preview.generation
            own, total = self.preview.page_errors.get(page_key(path), []), self.preview.error_total
        if shown is None:
            page = _BUILDING_PAGE if generation == 0 else _ERROR_PAGE
            self._send(503, _TYPES[".html"], decorate(page, generation, problems, shown=False))
            return
        target = resolve_request(shown, path)
        if target is None:
            self._not_found(shown, path, problems, generation)
        elif target.is_dir():
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.end_headers()
        else:
            try:
                body = target.read_bytes()
            except OSError:  # gone between the lookup and the read (a patch removes the search files it replaced)
                self._not_found(shown, path, problems, generation)
                return
            kind = _TYPES.get(target.suffix, "application/octet-stream")
            page = decorate(body, generation, problems, own, total) if target.suffix == ".html" else body
            self._send(200, kind, page)

    def do_HEAD(self) -> None:
        """As GET without the body: link checkers and `curl -I` ask this way, and a 501 read as a broken page."""
        self._headers_only = True
        self.do_GET()

    def _not_found(self, shown: Path, path: str, problems: list[str], generation: int) -> None:
        """The site's own 404 page with status 404, as a host serves it; plain text only if the site has none."""
        page = not_found_page(shown, path)
        try:
            body = page.read_bytes() if page is not None else None
        except OSError:
            body = None
        if body is None:
            self._send(404, "text/plain; charset=utf-8", b"not found\n")
        else:
            self._send(404, _TYPES[".html"], decorate(body, generation, problems))

    def _internal(self, name: str, query: str) -> None:
        if name == "state":
            asked = parse_qs(query)
            after, building = asked.get("after", [""])[0], asked.get("building", [""])[0] == "1"
            state = self.preview.state(int(after) if after.lstrip("-").isdigit() else None, building=building)
            self._send(200, _TYPES[".json"], json.dumps(state, sort_keys=True).encode())
        elif name in ("live.js", "serve.css"):
            self._send(200, _TYPES[Path(name).suffix], (_ASSETS / name).read_bytes())
        else:
            self._send(404, "text/plain; charset=utf-8", b"not found\n")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not self._headers_only:
            self.wfile.write(body)


def resolve_request(root: Path, url_path: str) -> Path | None:
    """The file a URL path names inside root, or None; decoded once, and no '..' survives in any spelling."""
    decoded = unquote(url_path)
    if "\x00" in decoded or "\\" in decoded:
        return None
    parts = [part for part in decoded.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None
    candidate = root.joinpath(*parts)
    try:  # a name over 255 bytes raises ENAMETOOLONG, which no file of the site has
        real, real_root = Path(os.path.realpath(candidate)), Path(os.path.realpath(root))
        if real != real_root and real_root not in real.parents:
            return None
        if real.is_dir():
            if not url_path.endswith("/"):
                return real
            real = real / "index.html"
        return real if real.is_file() else None
    except OSError:
        return None


def not_found_page(root: Path, url_path: str) -> Path | None:
    """The 404 page a reader of the address sees: `tr/404.html` (kbgen writes one per language) for a missing
    `tr/...` address, else the site's `404.html`, as a host that serves the nearest 404 page (Cloudflare Pages)
    or the README's hosting setup does; None when the site has neither."""
    first = next((part for part in unquote(url_path).split("/") if part not in ("", ".")), "")
    folders = [first, ""] if first and first != ".." else [""]
    for folder in folders:
        page = resolve_request(root, f"/{folder}/404.html" if folder else "/404.html")
        if page is not None:
            return page
    return None


_ERROR_PAGE = b"<!doctype html><html><head><title>kbgen: build failed</title></head><body></body></html>"
_BUILDING_PAGE = (
    b"<!doctype html><html><head><title>kbgen: building</title></head><body><p>kbgen is building the site; this "
    b"page opens by itself when it is ready.</p></body></html>"
)


def make_server(preview: Preview, host: str = "127.0.0.1", port: int = 8000) -> _Server:
    """Bind now (a busy port fails here, with OSError); port 0 picks a free one."""
    handler = type("Handler", (_Handler,), {"preview": preview})
    server = (_Server6 if ":" in host else _Server)((host, port), handler)
    server.hosts = accepted_hosts(host, server.server_address[1])
    server.any_ip = host in ("0.0.0.0", "::")
    return server


def _build_then_watch(preview: Preview) -> None:
    """The first build, then the watcher, told of the files as they were before that build: a save during it
    (a minute or more on a large help center) is built next, not lost until the following one."""
    before = preview.snapshot()
    preview.rebuild(read=before)
    preview.watch(since=before)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(
    config_file: Path, today: date | None, watched: list[Path], host: str, port: int,
    announce: Callable[[str], None] = print, seed: Path | None = None,
    inputs: Callable[[], list[Path]] | None = None,
) -> None:  # fmt: skip
    """Take the port, serve, build once (reusing what `seed`, the project's built site, still has right), and
    rebuild on every edit until interrupted. Pages are answered from the start: while the first build runs (a
    minute or more on a large help center) a page says so and opens by itself when the site is ready, where the
    browser used to wait on the printed address with no answer, or give up."""
    preview = Preview(config_file, today, watched, seed=seed, inputs=inputs)
    try:
        server = make_server(preview, host, port)  # before the build: a busy port should not cost a build
    except OSError:
        preview.stop()
        raise
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` cleans up the temp folder like Ctrl+C does
    announce(f"http://{f'[{host}]' if ':' in host else host}:{server.server_address[1]}/")
    try:
        threading.Thread(target=_build_then_watch, args=(preview,), daemon=True).start()
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        preview.stop()
