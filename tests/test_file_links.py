"""A reused page or search file is the previous site's bytes in a file the new site owns."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from kbgen.file_links import link_or_copy


def test_a_reused_file_is_hard_linked(tmp_path: Path) -> None:
    (tmp_path / "old.html").write_bytes(b"<p>page</p>")
    link_or_copy(tmp_path / "old.html", tmp_path / "new.html")
    assert (tmp_path / "new.html").stat().st_ino == (tmp_path / "old.html").stat().st_ino


def test_without_hard_links_it_is_a_copy_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(source: object, target: object) -> None:
        raise OSError(errno.EPERM, "hard links not supported")

    (tmp_path / "old.html").write_bytes(b"<p>page</p>")
    monkeypatch.setattr(os, "link", no_links)
    link_or_copy(str(tmp_path / "old.html"), str(tmp_path / "new.html"))
    assert (tmp_path / "new.html").read_bytes() == b"<p>page</p>"
    assert (tmp_path / "new.html").stat().st_ino != (tmp_path / "old.html").stat().st_ino
