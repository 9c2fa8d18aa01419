"""Catalogue H (RP01-RP02) and property S9: byte-identical rebuilds, no build-machine details, a checkable manifest."""

from __future__ import annotations

import getpass
import gzip
import hashlib
import socket
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import mkdocs.utils
import pytest

from kbgen.publishing.manifest import MANIFEST_NAME, verify_manifest
from kbgen.publishing.site_build import build_site
from tests.support.hardening import everything, kbgen_env
from tests.support.project import SAMPLE_TODAY, Site, article

ARTICLES = {
    "en/account/reset-password.md": article(title="Reset your password", extra="tags: [login, security]\n"),
    "en/account/two-factor.md": article(title="Two-factor sign-in", body="## Set up\n\nUse an app.\n"),
    "en/billing/invoices.md": article(title="Download invoices", extra="summary: PDFs of past bills.\n"),
    "en/billing/refunds.md": article(title="Ask for a refund", reviewed="2025-01-01"),
    "tr/account/reset-password.md": article(title="Şifrenizi sıfırlayın"),
    "zh/account/reset-password.md": article(title="重置密码", body="打开**设置**。\n"),
}


def _project(root: Path, reverse: bool) -> Site:
    site = Site(root)
    site.config_file.write_text(
        site.config_file.read_text(encoding="utf-8") + "site_url: https://help.example.com/\n", encoding="utf-8"
    )
    for rel, text in sorted(ARTICLES.items(), reverse=reverse):
        site.write(rel, text)
    return site


def _build_in_subprocess(site: Site, **env: str) -> str:
    command = [sys.executable, "-c", "from kbgen.cli import main; main()", "build", "--today", "2026-11-22"]
    done = subprocess.run(command, cwd=site.root, env=kbgen_env(**env), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return (site.site_dir / MANIFEST_NAME).read_text(encoding="utf-8")


def test_rp01_same_sources_give_identical_bytes_whatever_the_machine_settings(tmp_path: Path) -> None:
    first = _project(tmp_path / "one", reverse=False)
    second = _project(tmp_path / "elsewhere" / "two", reverse=True)
    manifest_a = _build_in_subprocess(first, PYTHONHASHSEED="0", TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    manifest_b = _build_in_subprocess(
        second, PYTHONHASHSEED="1", TZ="Pacific/Kiritimati", LANG="tr_TR.UTF-8", LC_ALL="tr_TR.UTF-8"
    )
    assert manifest_a == manifest_b
    listed = {line.split("  ", 1)[1] for line in manifest_a.splitlines()}
    assert {"sitemap.xml", "sitemap.xml.gz", "en/account/reset-password/index.html"} <= listed
    for site in (first, second):
        output = everything(site.site_dir)
        for leak in (str(site.root), str(tmp_path), "/tmp/", "/home/", "/root/", "/work/"):
            assert leak.encode() not in output, leak


def test_rp01_no_user_host_or_environment_values_reach_the_output(small_site: Site, monkeypatch) -> None:
    monkeypatch.setattr(socket, "gethostname", lambda: "CANARYHOST7d2")
    monkeypatch.setattr(getpass, "getuser", lambda: "CANARYUSER9e4")
    for name, value in {"USER": "CANARYUSER9e4", "LOGNAME": "CANARYUSER9e4", "HOSTNAME": "CANARYHOST7d2",
                        "HOME": "/home/CANARYUSER9e4", "KBGEN_CANARY_SECRET": "CANARYSECRET31a"}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    build_site(small_site.config_file, None, SAMPLE_TODAY, strict=False)
    output = everything(small_site.site_dir)
    for canary in (b"CANARYHOST7d2", b"CANARYUSER9e4", b"CANARYSECRET31a"):
        assert canary not in output


class _Clock(datetime):
    """A wall clock stuck on another day, to prove the build never asks it."""

    day = datetime(2031, 6, 15, 12, 0)

    @classmethod
    def now(cls, tz=None):  # type: ignore[no-untyped-def,override]
        return cls.day.replace(tzinfo=tz)


@pytest.mark.parametrize("how", ["--today", "SOURCE_DATE_EPOCH"])
def test_rp02_builds_on_different_days_are_identical_including_sitemap_gz(
    tmp_path: Path, monkeypatch, how: str
) -> None:
    site = _project(tmp_path / "project", reverse=False)
    monkeypatch.delenv("KBGEN_TODAY", raising=False)
    today = SAMPLE_TODAY if how == "--today" else None
    if how == "SOURCE_DATE_EPOCH":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")  # 2026-11-22T00:00:00Z
    manifests = []
    for day in (datetime(2026, 11, 22, 23, 59), datetime(2031, 6, 15, 0, 1)):
        monkeypatch.setattr(_Clock, "day", day)
        monkeypatch.setattr(mkdocs.utils, "datetime", _Clock)
        build_site(site.config_file, None, today, strict=False)
        manifests.append((site.site_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifests[0] == manifests[1]
    compressed = (site.site_dir / "sitemap.xml.gz").read_bytes()
    assert compressed[4:8] == b"\0\0\0\0"  # gzip MTIME field
    assert gzip.decompress(compressed) == (site.site_dir / "sitemap.xml").read_bytes()
    sitemap = (site.site_dir / "sitemap.xml").read_bytes()
    assert b"<lastmod>2025-01-01</lastmod>" in sitemap  # an article is dated by its review, never by the clock
    assert b"2026-11-22" not in sitemap and b"2031" not in sitemap


def test_s9_manifest_lists_every_file_and_verify_catches_tampering(small_site: Site, run_kbgen) -> None:
    assert run_kbgen("build", "--today", "2026-11-22", cwd=small_site.root).exit_code == 0
    site_dir = small_site.site_dir
    manifest = (site_dir / MANIFEST_NAME).read_text(encoding="utf-8")
    files = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
    assert sorted(line.split("  ", 1)[1] for line in manifest.splitlines()) == [f for f in files if f != MANIFEST_NAME]
    page = site_dir / "en/account/alpha/index.html"
    assert f"{hashlib.sha256(page.read_bytes()).hexdigest()}  en/account/alpha/index.html\n" in manifest
    sha256sum = subprocess.run(["sha256sum", "--quiet", "-c", MANIFEST_NAME], cwd=site_dir, capture_output=True)
    assert sha256sum.returncode == 0, sha256sum.stdout

    ok = run_kbgen("verify", "site", cwd=small_site.root)
    assert ok.exit_code == 0 and "every file matches" in ok.stderr
    page.write_text(page.read_text(encoding="utf-8") + "<!-- tampered -->", encoding="utf-8")
    (site_dir / "en/extra.html").write_text("injected")
    (site_dir / "404.html").unlink()
    (site_dir / "CNAME").write_text("help.example.com\n")  # a host file is not kbgen's to check
    bad = run_kbgen("verify", cwd=small_site.root)
    assert bad.exit_code == 1
    assert bad.stdout.splitlines() == [
        "site/404.html: missing",
        "site/en/account/alpha/index.html: contents differ from the manifest",
        "site/en/extra.html: not in the manifest",
    ]
    assert verify_manifest(site_dir) == [line.removeprefix("site/") for line in bad.stdout.splitlines()]
    (site_dir / MANIFEST_NAME).unlink()
    missing = run_kbgen("verify", "site", cwd=small_site.root)
    assert missing.exit_code == 2 and "no manifest" in missing.stderr
