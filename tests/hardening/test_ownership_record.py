"""The first check of a build stands on what the last build's detached process read of the site
(kbgen.publishing.ownership.keep_check): only folders changed since are listed again, and a file someone put
anywhere in the site since is still refused, never deleted."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from kbgen.publishing import build_cache, ownership, site_build
from kbgen.publishing.build_cache import ownership_record
from kbgen.publishing.manifest import MANIFEST_NAME, manifest_text
from kbgen.publishing.ownership import NotKbgenOutput, check_replaceable, keep_check, kept_check
from tests.support.hardening import record_full_listings, snapshot_tree
from tests.support.project import Site

TODAY = ["--today", "2026-11-22"]
PAGES = ["index.html", "en/index.html", "en/billing/index.html", "en/billing/pay/index.html", "kb-search/en/a.kbs"]


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A built site an hour old, read and recorded as a build's detached process leaves it."""
    root = tmp_path / "site"
    for name in PAGES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name)
    (root / MANIFEST_NAME).write_text(manifest_text(root))
    (root / "CNAME").write_text("help.example.com\n")  # a host entry: never the site's to list
    then = root.stat().st_mtime_ns - 3600 * 10**9
    for folder, _, _ in os.walk(root):
        os.utime(folder, ns=(then, then))
    (tmp_path / ".site.kbgen-cache").mkdir()
    keep_check(root, ownership_record(root))
    return root


def _listings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders os.scandir lists in ownership's checks from now on."""
    listed: list[str] = []
    original = os.scandir

    def counting(path: str) -> os.ScandirIterator[str]:  # type: ignore[type-arg]
        listed.append(str(path))
        return original(path)

    monkeypatch.setattr(ownership.os, "scandir", counting)
    return listed


def test_a_site_nobody_touched_since_is_not_listed_again(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = kept_check(built, ownership_record(built))
    assert kept is not None and set(kept.folders) == {
        "",
        "en",
        "en/billing",
        "en/billing/pay",
        "kb-search",
        "kb-search/en",
    }
    listed = _listings(monkeypatch)
    assert check_replaceable(built, "'site'", kept) == kept
    assert listed == []


@pytest.mark.parametrize("where", ["dropped.txt", "en/billing/pay/dropped.txt", "new/deeper/dropped", "kb-search/x"])
def test_a_file_put_anywhere_since_is_refused_and_kept(
    built: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    kept = kept_check(built, ownership_record(built))
    (built / where).parent.mkdir(parents=True, exist_ok=True)
    (built / where).write_text("mine\n")
    before = snapshot_tree(built)
    listed = _listings(monkeypatch)
    with pytest.raises(NotKbgenOutput, match=re.escape(f"'{where}'")):
        check_replaceable(built, "'site'", kept)
    assert len(listed) <= 3  # only the folders that changed (the dropped file's, a new one's parent), and new ones
    assert snapshot_tree(built) == before


def test_a_folder_changed_in_the_same_clock_tick_as_the_reading_is_listed_again(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change right after the reading may leave the folder's time as it was read (a coarse clock): a folder
    modified within RACY_NS before the reading is never taken at its word."""
    folder = built / "en/billing"
    recorded = folder.stat().st_mtime_ns
    data = json.loads(ownership_record(built).read_text())
    data["began"] = recorded + 1  # read in the very tick the folder last changed
    ownership_record(built).write_text(json.dumps(data))
    kept = kept_check(built, ownership_record(built))
    (folder / "dropped.txt").write_text("mine\n")
    os.utime(folder, ns=(recorded, recorded))  # the time the folder had when it was read
    with pytest.raises(NotKbgenOutput, match=r"'en/billing/dropped\.txt'"):
        check_replaceable(built, "'site'", kept)


def test_a_record_of_another_site_or_in_any_way_malformed_is_not_used(built: Path) -> None:
    record = ownership_record(built)
    good = json.loads(record.read_text())
    assert kept_check(built, record) is not None
    bad = [
        "not json",
        json.dumps({**good, "format": 2}),
        json.dumps({**good, "began": "0"}),
        json.dumps({**good, "folders": {"../outside": [1, 2]}}),
        json.dumps({**good, "folders": {"en": [1]}}),
        json.dumps({**good, "folders": {"en//billing": [1, 2]}}),
    ]
    for text in bad:
        record.write_text(text)
        assert kept_check(built, record) is None, text
    record.write_text(json.dumps(good))
    (built / MANIFEST_NAME).write_text(manifest_text(built))  # a new manifest: another site in the same folder
    assert kept_check(built, record) is None


def test_a_site_replaced_while_it_is_read_leaves_no_record(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ownership_record(built).unlink()
    original = ownership.check_replaceable

    def replaced_meanwhile(*args: object) -> object:
        found = original(*args)  # type: ignore[arg-type]
        (built / MANIFEST_NAME).write_text((built / MANIFEST_NAME).read_text())  # a build swapped another in
        return found

    monkeypatch.setattr(ownership, "check_replaceable", replaced_meanwhile)
    keep_check(built, ownership_record(built))
    assert not ownership_record(built).exists()


def _after_build(site_dir: Path) -> None:
    """What `kbgen build`'s detached process does for a large site once the command has returned (the sample is
    below that size; tests/hardening/test_atomic_builds.py runs the real detached process)."""
    cache = build_cache.load_cache(site_dir)
    assert cache is not None
    site_build._prepare_next(site_dir, cache.page_files())


def test_the_next_build_stands_on_the_record_of_the_last_one(
    small_site: Site, run_kbgen, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record the last build left makes the next build's two checks list nothing when nobody touched the site,
    and a file dropped into the site since is still refused."""
    monkeypatch.setattr(ownership, "RACY_NS", 0)  # the site was just built: trust its folders' times at once
    assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0
    _after_build(small_site.site_dir)
    assert kept_check(small_site.site_dir, ownership_record(small_site.site_dir)) is not None
    full_listings = record_full_listings(monkeypatch)
    assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0
    assert full_listings == []  # before the build and before the swap: the record's reading stood
    _after_build(small_site.site_dir)
    dropped = small_site.site_dir / "en" / "dropped.txt"
    dropped.write_text("mine\n")
    result = run_kbgen("build", *TODAY, cwd=small_site.root)
    assert result.exit_code == 2 and "('en/dropped.txt')" in result.stderr
    assert dropped.read_text() == "mine\n"
