"""A reused page or search file is the previous site's bytes in a file the new site owns."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from kbgen.file_links import link_files, link_or_copy


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


def test_pages_are_linked_in_their_folders_and_one_the_old_site_lacks_leaves_no_folder(tmp_path: Path) -> None:
    """A rebuild links every page its cache names from the old site; a page file someone removed from that site is
    left to be written, and the folder made for it is removed again: the new site has the folders a clean build
    has."""
    old, new = tmp_path / "old", tmp_path / "new"
    names = ["index.html", "en/billing/pay/index.html", "zh/账单/支付/index.html"]
    for name in names:
        (old / name).parent.mkdir(parents=True, exist_ok=True)
        (old / name).write_text(name, encoding="utf-8")
    new.mkdir()
    assert link_files(str(old), str(new), [*names, "en/billing/gone/index.html", "tr/yok/index.html"]) == names
    assert (new / names[1]).stat().st_ino == (old / names[1]).stat().st_ino
    assert sorted(path.relative_to(new).as_posix() for path in new.rglob("*") if path.is_dir()) == [
        "en", "en/billing", "en/billing/pay", "zh", "zh/账单", "zh/账单/支付",
    ]  # fmt: skip
