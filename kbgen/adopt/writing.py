"""Writes one adopted file without ever replacing anything: a name already taken is a note, never an overwrite,
and a folder on the way that is a symbolic link is never written through (it could lead out of content/)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path, PurePosixPath

from kbgen.adopt.mapping import Note
from kbgen.temp_names import beside, plain_mode


def write_new(notes: list[Note], target: Path, rel: PurePosixPath, display: str, data: bytes, dry_run: bool) -> bool:
    """Create `target/rel` with `data` unless something is already there or a folder on the way is a symbolic
    link; a refusal is a note, never an overwrite."""
    path = target / rel
    link = _linked_folder(target, rel)
    if link is not None:
        message = (
            f"not written: its folder {link.as_posix()}/ is a symbolic link, which could lead out of the content "
            "folder (kbgen check refuses such links); make it a real folder to adopt into it"
        )
        notes.append(Note("refused", display, 0, message))
        return False
    if path.exists() or path.is_symlink():
        notes.append(Note("refused", display, 0, "already exists; not overwritten (move it away to adopt)"))
        return False
    if dry_run:
        return True
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _create(path, data)
    except FileExistsError:
        notes.append(Note("refused", display, 0, "already exists; not overwritten (move it away to adopt)"))
        return False
    except OSError as exc:
        notes.append(Note("refused", display, 0, f"cannot write it: {exc.strerror or exc}"))
        return False
    return True


def _linked_folder(target: Path, rel: PurePosixPath) -> PurePosixPath | None:
    """The first folder of `rel`'s parents under `target` that is a symbolic link, or None."""
    folder = PurePosixPath()
    for part in rel.parent.parts:
        folder /= part
        if (target / folder).is_symlink():
            return folder
    return None


def _create(path: Path, data: bytes) -> None:
    """Written in full beside the final name, then hard-linked into place: a crash never leaves half a file,
    and a name taken meanwhile raises FileExistsError instead of being replaced."""
    fd, tmp = tempfile.mkstemp(prefix=beside(path.name, ".kbgen-tmp"), suffix=".kbgen-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            os.fchmod(handle.fileno(), plain_mode())  # as the writer's own editor would have made it, not 0o600
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: exclusive create is the next safest
            with path.open("xb") as handle:
                handle.write(data)
    finally:
        Path(tmp).unlink(missing_ok=True)
