"""Runs a MkDocs build into a staging folder beside the output and swaps it in only on success.

A failed or strict-failed build therefore leaves the previous site exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from kbgen.mkdocs_plugin.plugin import KbgenPlugin
from kbgen.model import Finding

STAGING_MARK = ".kbgen-tmp-"


class BuildFailed(Exception):
    """The site was not replaced; the message says why."""

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


@dataclass(frozen=True, slots=True)
class BuildResult:
    site_dir: Path
    findings: list[Finding]


def staging_dir_for(site_dir: Path) -> Path:
    """A sibling of the output, so the final rename never crosses file systems."""
    return site_dir.parent / f".{site_dir.name}{STAGING_MARK}{os.getpid()}"


def build_site(config_file: Path, site_dir: Path | None, today: date | None, strict: bool) -> BuildResult:
    config = load_config(str(config_file), strict=strict)
    final = (site_dir or Path(config.site_dir)).resolve()
    staging = staging_dir_for(final)
    shutil.rmtree(staging, ignore_errors=True)
    config.site_dir = str(staging)
    plugin = config.plugins.get("kbgen")
    if not isinstance(plugin, KbgenPlugin):
        raise BuildFailed(f"{config_file}: the 'kbgen' plugin is not listed under 'plugins'")
    plugin.today_override = today
    plugin.log_findings = False
    try:
        build(config)
        findings: list[Finding] = list(plugin.findings)
        if strict and findings:
            raise BuildFailed(f"{len(findings)} finding(s) in strict mode; the site was not updated", findings)
        _swap_in(staging, final)
    except MkDocsException as exc:
        raise BuildFailed(f"build failed: {exc}; the site was not updated", list(plugin.findings)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(final, findings)


def _swap_in(staging: Path, final: Path) -> None:
    old = final.parent / f".{final.name}.kbgen-old-{os.getpid()}"
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def configure_logging(verbose: bool = False) -> None:
    """MkDocs logs to 'mkdocs'; send it to stderr once, however often a command runs in-process."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is at the time, so a captured run captures the log too."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass
