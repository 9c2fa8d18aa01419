"""Starts help-center work from nothing: `kbgen init` lays out a repository, `kbgen new` writes an article.

The core of both commands lives here without click, so it is tested on plain values; kbgen/cli only parses flags.
"""

from __future__ import annotations


class ScaffoldRefused(Exception):
    """kbgen will not write what was asked (bad name, existing file, ...); the message says what to change."""
