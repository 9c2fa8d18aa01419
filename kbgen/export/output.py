"""Writes an export as JSON Lines, the same bytes for the same records, and replaces a file only when complete."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kbgen.export.records import ExportRecord
from kbgen.export.shapes import SHAPES
from kbgen.temp_names import beside, plain_mode


def export_lines(records: Sequence[ExportRecord], shape: str) -> bytes:
    """One JSON object a line, keys sorted, UTF-8 as written (no ``\\u`` escapes), records in URL order."""
    lines = [
        json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        for record in records
        for obj in SHAPES[shape](record)
    ]
    return "".join(line + "\n" for line in lines).encode("utf-8")


def write_atomically(target: Path, data: bytes) -> None:
    """``target`` holds either its old content or all of ``data``, never a part: a reader (or an uploader
    started by the next CI step) cannot see a half-written export, even if this process is killed."""
    if target.is_symlink():
        target = target.resolve()  # replace the file the link points at; the link stays
    if target.exists() and not target.is_file():  # /dev/stdout, a pipe: there is nothing to replace
        with target.open("wb") as stream:
            stream.write(data)
        return
    temporary = stage_beside(target, data)
    try:
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def stage_beside(target: Path, data: bytes) -> Path:
    """`data` written in full, and synced, to a new file beside `target`, with the mode `target` has (or the one a
    plain open() would give it): renamed over `target` by the caller, it replaces it whole."""
    prefix = beside(target.name, ".kbgen-tmp")
    handle, temporary = tempfile.mkstemp(prefix=prefix, suffix=".kbgen-tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o7777)  # noqa: PTH101 - keep the file's own mode
        else:
            os.chmod(temporary, plain_mode())  # noqa: PTH101 - as a plain open() would have made it
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)
