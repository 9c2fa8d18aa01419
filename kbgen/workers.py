"""Runs a loop over independent items (files to load, pages to read and write) on every core.

Workers are forked, not spawned: a forked worker starts with everything loaded so far (the corpus, the navigation,
the Jinja environment, the plugins) already in memory, so nothing but results ever crosses a pipe. Each worker takes
every n-th item (neighbouring items cost alike, so the shares stay even) and sends back each item's result and the
log records it wrote, which are handled here in item order (so `--strict` counts a worker's warnings and a
failure names its page). The outcome is the loop's own, run in one process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import sys
import threading
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from kbgen.config.settings import ConfigError

# Below this many items in auto mode, forking costs more than a second core saves.
PARALLEL_FROM = 150

T = TypeVar("T")
Work = Callable[[Any], Any]  # runs in a worker; returns what `apply` needs in this process (picklable)
Apply = Callable[[Any, Any], None]


class WorkerFailed(RuntimeError):
    """A worker ended without an answer (killed, out of memory): the run fails; nothing is published."""


@dataclass
class _Share:
    results: list[tuple[int, Any]] = field(default_factory=list)
    records: list[tuple[int, logging.LogRecord]] = field(default_factory=list)
    error: tuple[int, BaseException] | None = None


def jobs_setting(environ: Mapping[str, str]) -> int | None:
    """KBGEN_JOBS: how many processes (1 = this one alone); None when unset (every core, for enough items)."""
    setting = environ.get("KBGEN_JOBS", "").strip()
    if not setting:
        return None
    if not setting.isdigit() or int(setting) < 1:
        raise ConfigError(f"KBGEN_JOBS={setting!r}: expected a whole number of processes, 1 or more")
    return int(setting)


def worker_count(jobs: int | None, items: int) -> int:
    """`jobs` processes (never more than items), or with None every core this process may use, from
    PARALLEL_FROM items on."""
    if not _can_fork():
        return 1
    if jobs is not None:
        return max(1, min(jobs, items))
    if items < PARALLEL_FROM:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, items // (PARALLEL_FROM // 2)))


def _can_fork() -> bool:
    # Linux only: macOS system libraries are not fork-safe (Python spawns there), and Windows has no fork.
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def run_shared(items: Sequence[Any], work: Work, apply: Apply, workers: int) -> None:
    """`work` on every item, shared among `workers` processes; `apply` each result here, in item order.

    The outcome is the same as `for item in items: apply(item, work(item))` in this process: the same results, the
    same log records in the same order (all handled once every share is back), and the first failing item's own
    exception.
    """
    if workers < 2 or len(items) < 2:
        for item in items:
            apply(item, work(item))
        return
    children: list[tuple[Any, Any]] = []
    try:
        with warnings.catch_warnings():
            # Python 3.12+ warns on forking a threaded process (`kbgen serve`, pytest-xdist). The workers only
            # convert and render items: they take no lock another thread could hold (logging is captured).
            warnings.simplefilter("ignore", DeprecationWarning)
            for number in range(1, workers):
                children.append(_fork(items, work, number, workers))
    except OSError:
        # The machine allows fewer (open files, processes, memory; KBGEN_JOBS asked for many): the shares are
        # fixed by `workers`, so the started ones are stopped and this process does the whole loop.
        for process, receiver in children:
            process.terminate()
            process.join()
            receiver.close()
        run_shared(items, work, apply, 1)
        return
    try:
        shares = [_run_share(items, work, 0, workers)]
        for process, receiver in children:
            try:
                shares.append(receiver.recv())
            except (EOFError, OSError):
                process.join()
                raise WorkerFailed(
                    f"a worker process ended without an answer (exit code {process.exitcode}); "
                    "set KBGEN_JOBS=1 to build in one process"
                ) from None
    finally:
        for process, receiver in children:
            receiver.close()
            process.join()
    _merge(items, shares, apply)


class Aside(Generic[T]):
    """One piece of work started beside this process by `start_aside`; `result` waits for it."""

    def __init__(self, work: Callable[[], T], process: Any = None, receiver: Any = None) -> None:
        self._work, self._process, self._receiver = work, process, receiver

    def result(self) -> T:
        """The work's result, its log records handled here first, as if it had run here; when the process ended
        without an answer (killed, out of memory) or none could be started, the work is done here and now."""
        process, receiver, self._process, self._receiver = self._process, self._receiver, None, None
        if process is None:
            return self._work()
        try:
            share: _Share | None = receiver.recv()
        except (EOFError, OSError):
            share = None
        finally:
            receiver.close()
            process.join()
        if share is None:
            return self._work()
        found: list[T] = []
        _merge([None], [share], lambda _item, result: found.append(result))
        return found[0]


def start_aside(work: Callable[[], T]) -> Aside[T]:
    """Start `work` in a forked process now, beside this one (which goes on with other work), where the system
    forks (kbgen.workers' rules); else it runs when its result is asked for. Nothing it changes in its copy of
    this process' memory comes back: only its result, and its log records."""
    if not _can_fork():
        return Aside(work)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # as in run_shared
        try:
            process, receiver = _fork([None], lambda _item: work(), 0, 1)
        except OSError:
            return Aside(work)
    return Aside(work, process, receiver)


def _fork(items: Sequence[Any], work: Work, number: int, workers: int) -> tuple[Any, Any]:
    """A forked process working share `number` of `workers` of `items` (`_child`), started, and the end of the
    pipe its share comes back on."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(items, work, number, workers, sender), daemon=True)
    try:
        process.start()
    except OSError:
        receiver.close()
        raise
    finally:
        sender.close()
    return process, receiver


def _merge(items: Sequence[Any], shares: list[_Share], apply: Apply) -> None:
    """Log records and results in item order; stop at the first item that failed, as the loop itself would."""
    failed = min((share.error for share in shares if share.error is not None), default=None, key=lambda e: e[0])
    stop = failed[0] if failed is not None else len(items)
    records = sorted((r for share in shares for r in share.records if r[0] <= stop), key=lambda r: r[0])
    results = dict(r for share in shares for r in share.results if r[0] < stop)
    records_at = 0
    for index in range(min(stop + 1, len(items))):
        while records_at < len(records) and records[records_at][0] == index:
            record = records[records_at][1]
            logging.getLogger(record.name).handle(record)
            records_at += 1
        if index in results:
            apply(items[index], results[index])
    if failed is not None:
        raise failed[1]


def _child(items: Sequence[Any], work: Work, number: int, workers: int, sender: Any) -> None:
    """A worker process: its share, sent back whole; it never returns into the build (os._exit)."""
    code = 0
    try:
        share = _run_share(items, work, number, workers)
        try:
            sender.send(share)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            index = share.error[0] if share.error else (share.results[0][0] if share.results else 0)
            sender.send(_Share(error=(index, WorkerFailed(f"a result cannot be sent back: {exc}"))))
        sender.close()
    except BaseException:  # nothing may unwind into the parent's build from a forked copy
        code = 1
    finally:
        os._exit(code)


def _run_share(items: Sequence[Any], work: Work, number: int, workers: int) -> _Share:
    share = _Share()
    current = [number]
    capture = _capture_records(share, current)
    try:
        for index in range(number, len(items), workers):
            current[0] = index
            try:
                result = work(items[index])
            except Exception as exc:  # the parent raises it, after the earlier items' records
                share.error = (index, _sendable(exc))
                break
            share.results.append((index, result))
    finally:
        capture()
    return share


def _capture_records(share: _Share, current: list[int]) -> Callable[[], None]:
    """Every log record this thread sends to a handler is kept, tagged with its item, to be handled in item order."""
    original = logging.Logger.callHandlers
    thread = threading.get_ident()

    def keep(logger: logging.Logger, record: logging.LogRecord) -> None:
        if threading.get_ident() != thread:  # another thread's (`kbgen serve`'s server): not an item's
            original(logger, record)
            return
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        share.records.append((current[0], record))

    logging.Logger.callHandlers = keep  # type: ignore[method-assign,assignment]  # until the share ends: see restore

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
