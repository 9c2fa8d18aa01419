"""Runs a MkDocs build into a staging folder beside the output and swaps it in only on success.

A failed, strict-failed, crashed or killed build therefore leaves the previous site exactly as it was. The
build holds a lock, walks only the content root, pins the build date to "today" so the output is reproducible,
and writes a sha256 manifest of what it built. Pages whose inputs did not change since the previous build are
hard-linked from it into the staging folder rather than built again (kbgen.mkdocs_plugin.incremental).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, TemplateSyntaxError
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from kbgen.config.settings import ConfigError
from kbgen.mkdocs_plugin.build_loop import build
from kbgen.mkdocs_plugin.config_file import load_project
from kbgen.mkdocs_plugin.confinement import confined_walk
from kbgen.mkdocs_plugin.plugin import KbgenPlugin
from kbgen.model import Finding
from kbgen.publishing import links_ahead
from kbgen.publishing.build_cache import (
    BuildCache,
    cache_folder,
    compiled_templates,
    discard_cache,
    load_cache,
    ownership_record,
    save_cache,
    stamp,
    stamp_search,
)
from kbgen.publishing.output_dir import (
    STAGING_MARK,
    OutputError,
    build_lock,
    check_placement,
    check_theme_placement,
    make_staging,
    recover,
    remove_detached,
    staging_dir_for,
    swap_in,
)
from kbgen.publishing.ownership import NotKbgenOutput, check_replaceable, keep_check, kept_check
from kbgen.publishing.site_finish import Prepared, prepare

__all__ = ["STAGING_MARK", "BuildError", "BuildFailed", "BuildResult", "InternalError", "build_site", "staging_dir_for"]


class BuildFailed(Exception):
    """The content failed the build (exit 1); the site was not replaced and the message says why."""

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


class BuildError(Exception):
    """The tool could not build (exit 2): configuration, lock, disk; the site was not replaced."""


class InternalError(BuildError):
    """A bug or an unforeseen input crashed the build; `original` keeps the traceback for `--debug`."""

    def __init__(self, message: str, original: BaseException) -> None:
        super().__init__(message)
        self.original = original


@dataclass(frozen=True, slots=True)
class BuildResult:
    site_dir: Path
    findings: list[Finding]
    notes: tuple[str, ...] = ()  # advice about the configuration (no site_url, ...), printed as warnings
    pages: int = 0  # documentation pages in the site
    reused: int = 0  # of which linked unchanged from the previous build
    kept: KeptBuild | None = None  # with `keep`: what serve patches the next edit with (kbgen.publishing.patch)


@dataclass(frozen=True, slots=True)
class KeptBuild:
    """A finished build's MkDocs configuration and kbgen plugin, with the files, navigation and pages it made."""

    config: MkDocsConfig
    plugin: KbgenPlugin

    def page_urls(self) -> dict[str, str]:
        """Each article's page address (as MkDocs writes it: `en/billing/pay/`), by its file as findings name it."""
        files, plugin = self.plugin.files, self.plugin
        if files is None:
            return {}
        return {
            article.source.display: file.url
            for rel, article in plugin.articles_by_uri.items()
            if (file := files.src_uris.get(rel)) is not None
        }


def build_site(
    config_file: Path,
    site_dir: Path | None,
    today: date | None,
    strict: bool,
    lock_wait: float = 0.0,
    template_cache: BytecodeCache | None = None,
    reuse: bool = True,
    reuse_from: Path | None = None,
    detached_cleanup: bool = False,
    keep: bool = False,
) -> BuildResult:
    """`template_cache` keeps compiled templates between builds in one process (`kbgen serve`).

    With `reuse`, pages of the previous site (the output folder, or `reuse_from`) whose inputs did not change are
    linked rather than built again (kbgen.mkdocs_plugin.incremental); `reuse=False` builds every page. With
    `detached_cleanup` (the `kbgen build` command), the replaced site is deleted after this call returns. With
    `keep` (`kbgen serve`), the result keeps the build's objects in memory for patching the next edit.
    """
    config_errors = _ConfigErrors()
    try:
        project = load_project(config_file, site_dir)
        check_placement(project.docs_dir, project.site_dir, project.root)
        with config_errors.watching():
            config = load_config(str(config_file), strict=strict)
        check_theme_placement(project.site_dir, [Path(folder) for folder in config.theme.dirs])
    except (ConfigError, OutputError) as exc:
        raise BuildError(str(exc)) from None
    except MkDocsException as exc:
        raise BuildError(
            "; ".join([f"{config_file}: {message}" for message in config_errors.messages]) or str(exc)
        ) from None
    final = project.site_dir.resolve()
    label = f"'{project.site_dir}'" + (f" (a link to '{final}')" if project.site_dir.is_symlink() else "")
    plugin = config.plugins.get("kbgen")
    if not isinstance(plugin, KbgenPlugin):
        raise BuildError(f"{config_file}: the 'kbgen' plugin is not listed under 'plugins'")
    plugin.today_override = today
    plugin.log_findings = False
    plugin.template_cache = template_cache
    plugin.checks_aside = detached_cleanup  # the `kbgen build` command (kbgen serve builds from a threaded server)
    replaced: Path | None = None
    ahead: list[str] = []  # the site's page files, for the next build's links (kbgen.publishing.links_ahead)
    try:
        # refused before even the lock file is made beside it; on what the last build's detached process read
        checked = check_replaceable(final, label, kept_check(final, ownership_record(final)))
        with build_lock(final, lock_wait) as lock:
            if lock.waited:  # another build replaced it meanwhile; else `swap_in` checks it again before the swap
                checked = check_replaceable(final, label)
            recover(final)
            previous_site = reuse_from.resolve() if reuse_from is not None else final
            plugin.reuse = (load_cache(previous_site), previous_site) if reuse else (None, None)
            plugin.cache_places = (previous_site, final) if reuse else None
            if template_cache is None and reuse:  # only now: a refused build makes nothing beside the folder
                plugin.template_cache = compiled_templates(final)
            staging = make_staging(final)
            config.site_dir = str(staging)
            try:
                findings, prepared = _build_into(config, plugin, staging, today, project.display_prefix)
                if strict and findings:
                    raise BuildFailed(f"{len(findings)} finding(s) in strict mode; the site was not updated", findings)
                discard_cache(final)  # until the new one is written, no cache claims to describe this folder
                replaced = swap_in(staging, final, label, keep_old=True, checked=checked)
                if plugin.incremental is not None:
                    _save_cache(plugin.incremental.cache, final, prepared.pages)
                    if len(plugin.incremental.cache.pages) >= links_ahead.MIN_PAGES:
                        ahead = plugin.incremental.cache.page_files()
            finally:
                plugin.search.stop()  # the search process may still be saving its analyses
                shutil.rmtree(staging, ignore_errors=True)
    except (OutputError, NotKbgenOutput) as exc:
        raise BuildError(str(exc)) from None
    finally:
        # after the lock is released: a detached process must not hold it
        if detached_cleanup and (replaced is not None or ahead):
            remove_detached(replaced, partial(_prepare_next, final, ahead) if ahead else None)
        elif replaced is not None:
            shutil.rmtree(replaced, ignore_errors=True)
    reused = len(plugin.incremental.unwritten) if plugin.incremental is not None else 0
    pages = len(plugin.incremental.cache.pages) if plugin.incremental is not None else 0
    kept = KeptBuild(config, plugin) if keep and plugin.incremental is not None else None
    return BuildResult(final, findings, tuple(plugin.notes), pages, reused, kept)


def _prepare_next(final: Path, pages: list[str]) -> None:
    """What a large site's detached process does for the next build, after `kbgen build` returned: the page links
    it starts from (kbgen.publishing.links_ahead), and the reading of the site its first check stands on."""
    links_ahead.make(final, pages)
    if cache_folder(final) is not None:  # a plain folder: nothing is written through a link
        keep_check(final, ownership_record(final))


def _build_into(
    config: Any, plugin: KbgenPlugin, staging: Path, today: date | None, prefix: str
) -> tuple[list[Finding], Prepared]:
    """Build into `staging` with its manifest; the findings, and the last steps made ready (site_finish)."""
    pages = _PageTracker()
    prepared: list[Prepared] = []
    plugin.while_indexing = lambda: prepared.append(prepare(staging, plugin))
    try:
        with confined_walk(), pinned_build_date(today), pages.watching(), _quiet_dirty_warning():
            build(config, dirty=plugin.reuse is not None)  # kbgen, not mtimes, says what is dirty
        if not prepared:  # a build whose search folder was not written through the plugin: its last steps now
            prepared.append(prepare(staging, plugin))
        prepared[0].write_manifest(staging, plugin.search.digests)
    except MkDocsException as exc:
        raise BuildFailed(f"build failed: {exc}; the site was not updated", list(plugin.finish_checks())) from None
    except TemplateSyntaxError as exc:  # a theme override being edited is input, not a crash: name file:line
        where = _project_path(exc.filename or exc.name or "a template", Path(config.config_file_path or ".").parent)
        raise BuildError(
            f"{where}:{exc.lineno}: template syntax error: {exc.message or 'invalid syntax'}; fix the template "
            "(a theme override), the site was not updated"
        ) from None
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            where = f" while writing {exc.filename}" if exc.filename else ""
            raise BuildError(f"no space left on device{where}; the site was not updated") from None
        raise BuildError(f"cannot write the site: {exc.strerror or exc} ({exc.filename})") from None
    except Exception as exc:  # RecursionError, a plugin bug...: one clear line, the site untouched
        where = f" while rendering {prefix}{pages.current}" if pages.current else ""
        message = f"error KB900: internal error{where}: {type(exc).__name__}: {exc}; the site was not updated"
        raise InternalError(message, exc) from None
    finally:
        plugin.while_indexing = None
    return list(plugin.finish_checks()), prepared[0]


def _project_path(name: str, root: Path) -> str:
    """A file as the maintainer knows it: relative to mkdocs.yml's folder when it is inside it."""
    path = Path(name)
    with contextlib.suppress(ValueError):
        return path.resolve().relative_to(root.resolve()).as_posix()
    return name


def _save_cache(cache: BuildCache, site_dir: Path, pages: bytes | None) -> None:
    """`pages`: the page records as site_finish.prepare stamped and pickled them, None to do it here."""
    if pages is None:
        for record in cache.pages.values():
            stamp(record, site_dir)
    stamp_search(cache, site_dir)
    save_cache(cache, site_dir, pages)


class _DirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may be inaccurate; kbgen's is not (it decides what is dirty itself)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


@contextmanager
def _quiet_dirty_warning() -> Iterator[None]:
    logger = logging.getLogger("mkdocs.commands.build")
    quiet = _DirtyWarning()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


class _LogWatch(logging.Handler):
    """Listens to one MkDocs logger's errors for the length of a `with watching():` block."""

    logger_name = "mkdocs"

    def __init__(self) -> None:
        super().__init__(logging.ERROR)

    @contextmanager
    def watching(self) -> Iterator[None]:
        logger = logging.getLogger(self.logger_name)
        logger.addHandler(self)
        try:
            yield
        finally:
            logger.removeHandler(self)


class _PageTracker(_LogWatch):
    """MkDocs names the page it was reading or building when an exception passes through; remember it."""

    logger_name = "mkdocs.commands.build"
    _PAGE = re.compile(r"^Error (?:reading|building) page '(.+?)':")

    def __init__(self) -> None:
        super().__init__()
        self.current: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        match = self._PAGE.match(record.getMessage())
        if match and self.current is None:
            self.current = match.group(1)


class _ConfigErrors(_LogWatch):
    """MkDocs logs what is wrong with mkdocs.yml and then raises a bare 'Aborted'; keep the messages."""

    logger_name = "mkdocs.config"

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_LAST_GZIP_DAY = 4_294_944_000  # 2106-02-07T00:00:00Z, the last midnight a gzip header's 32-bit mtime can hold


@contextmanager
def pinned_build_date(today: date | None) -> Iterator[None]:
    """MkDocs dates the sitemap (and its gzip header) by the clock unless SOURCE_DATE_EPOCH is set.

    The date reaches no output (kbgen's sitemap dates pages by review, its gzip header is rewritten with mtime 0), but
    MkDocs reads it back as a gzip mtime (32 bits, from 1970) and through a year it writes unpadded (year 999 fails
    to parse): a "today" outside that span is pinned to the span's nearest end.
    """
    if today is None:
        yield
        return
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    epoch = int(datetime.combine(today, time(), UTC).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(min(max(epoch, 0), _LAST_GZIP_DAY))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def configure_logging(verbose: bool = False) -> None:
    """MkDocs logs to 'mkdocs'; send it to stderr once, however often a command runs in-process."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    handler = next((h for h in logger.handlers if isinstance(h, _StderrHandler)), None)
    if handler is None:
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    handler.filters = [] if verbose else [_LinkNotes()]


class _LinkNotes(logging.Filter):
    """MkDocs' link validation is set to info so that kbgen alone reports links (with file:line); its notes would
    say each broken link a second time. A level the writer raised in mkdocs.yml (warn) still shows."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == "mkdocs.structure.pages" and record.levelno <= logging.INFO)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is at the time, so a captured run captures the log too."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass
