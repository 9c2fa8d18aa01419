"""Runs one of MkDocs' page loops on every core: pages are independent once the site map and navigation exist.

Workers are forked, not spawned: a forked worker starts with the loaded corpus, navigation, Jinja environment and
plugins already in memory, so nothing but page results ever crosses a pipe. Each worker takes every n-th page
(neighbouring pages cost alike, so the shares stay even), runs MkDocs' own function on it, and sends back what the
page loop would have left behind in this process: the page's fields, each plugin's per-page state, and the log
records, which are handled here in page order (so `--strict` counts a worker's warnings and a failure names its page).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mkdocs.exceptions import MkDocsException
from mkdocs.structure.pages import Page

# Below this many pages in auto mode, forking costs more than a second core saves.
PARALLEL_FROM = 150

PageWork = Callable[[Page], Any]  # runs in a worker; returns what `apply` needs in this process (picklable)
PageApply = Callable[[Page, Any], None]


class WorkerFailed(MkDocsException):
    """A worker ended without an answer (killed, out of memory): the build fails; nothing is published."""


@dataclass
class _Share:
    results: list[tuple[int, Any]] = field(default_factory=list)
    records: list[tuple[int, logging.LogRecord]] = field(default_factory=list)
    error: tuple[int, BaseException] | None = None


def worker_count(environ: dict[str, str] | os._Environ[str], pages: int) -> int:
    """KBGEN_JOBS when set (1 = one process), else every core this process may use, from PARALLEL_FROM pages on."""
    if not _can_fork():
        return 1
    setting = environ.get("KBGEN_JOBS", "").strip()
    if setting:
        if not setting.isdigit() or int(setting) < 1:
            raise MkDocsException(f"KBGEN_JOBS={setting!r}: expected a whole number of processes, 1 or more")
        return max(1, min(int(setting), pages))
    if pages < PARALLEL_FROM:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, pages // (PARALLEL_FROM // 2)))


def _can_fork() -> bool:
    # Linux only: macOS system libraries are not fork-safe (Python spawns there), and Windows has no fork.
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def run_pages(pages: Sequence[Page], work: PageWork, apply: PageApply, workers: int) -> None:
    """`work` on every page, shared among `workers` processes; `apply` each result here, in page order.

    The outcome is the same as `for page in pages: apply(page, work(page))` in this process: the same results, the
    same log records in the same order (all handled once every share is back), and the first failing page's own
    exception.
    """
    if workers < 2 or len(pages) < 2:
        for page in pages:
            apply(page, work(page))
        return
    context = multiprocessing.get_context("fork")
    children = []
    with warnings.catch_warnings():
        # Python 3.12+ warns on forking a threaded process (`kbgen serve`, pytest-xdist). The workers only convert
        # and render pages: they take no lock another thread could hold (logging is captured, nothing printed).
        warnings.simplefilter("ignore", DeprecationWarning)
        for number in range(1, workers):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(pages, work, number, workers, sender), daemon=True)
            process.start()
            sender.close()
            children.append((process, receiver))
    try:
        shares = [_run_share(pages, work, 0, workers)]
        for process, receiver in children:
            try:
                shares.append(receiver.recv())
            except (EOFError, OSError):
                process.join()
                raise WorkerFailed(
                    f"a page worker process ended without an answer (exit code {process.exitcode}); "
                    "set KBGEN_JOBS=1 to build in one process"
                ) from None
    finally:
        for process, receiver in children:
            receiver.close()
            process.join()
    _merge(pages, shares, apply)


def _merge(pages: Sequence[Page], shares: list[_Share], apply: PageApply) -> None:
    """Log records and results in page order; stop at the first page that failed, as the loop itself would."""
    failed = min((share.error for share in shares if share.error is not None), default=None, key=lambda e: e[0])
    stop = failed[0] if failed is not None else len(pages)
    records = sorted((r for share in shares for r in share.records if r[0] <= stop), key=lambda r: r[0])
    results = dict(r for share in shares for r in share.results if r[0] < stop)
    records_at = 0
    for index in range(min(stop + 1, len(pages))):
        while records_at < len(records) and records[records_at][0] == index:
            record = records[records_at][1]
            logging.getLogger(record.name).handle(record)
            records_at += 1
        if index in results:
            apply(pages[index], results[index])
    if failed is not None:
        raise failed[1]


def _child(pages: Sequence[Page], work: PageWork, number: int, workers: int, sender: Any) -> None:
    """A worker process: its share, sent back whole; it never returns into the build (os._exit)."""
    code = 0
    try:
        share = _run_share(pages, work, number, workers)
        try:
            sender.send(share)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            index = share.error[0] if share.error else (share.results[0][0] if share.results else 0)
            sender.send(_Share(error=(index, MkDocsException(f"a page result cannot be sent back: {exc}"))))
        sender.close()
    except BaseException:  # nothing may unwind into the parent's build from a forked copy
        code = 1
    finally:
        os._exit(code)


def _run_share(pages: Sequence[Page], work: PageWork, number: int, workers: int) -> _Share:
    share = _Share()
    current = [number]
    capture = _capture_records(share, current)
    try:
        for index in range(number, len(pages), workers):
            current[0] = index
            try:
                result = work(pages[index])
            except Exception as exc:  # the parent raises it, after the earlier pages' records
                share.error = (index, _sendable(exc))
                break
            share.results.append((index, result))
    finally:
        capture()
    return share


def _capture_records(share: _Share, current: list[int]) -> Callable[[], None]:
    """Every log record this thread sends to a handler is kept, tagged with its page, to be handled in page order."""
    original = logging.Logger.callHandlers
    thread = threading.get_ident()

    def keep(logger: logging.Logger, record: logging.LogRecord) -> None:
        if threading.get_ident() != thread:  # another thread's (`kbgen serve`'s server): not a page's
            original(logger, record)
            return
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        share.records.append((current[0], record))

    logging.Logger.callHandlers = keep  # type: ignore[method-assign]  # until the share ends: see restore

    def restore() -> None:
        logging.Logger.callHandlers = original  # type: ignore[method-assign]

    return restore


def _sendable(exc: BaseException) -> BaseException:
    """The exception itself when it survives pickling, else one with the same type name and message."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # any failure to round-trip means: send a plain copy
        return RuntimeError(f"{type(exc).__name__}: {exc}")
