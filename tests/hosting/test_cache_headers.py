"""Cache headers: what may be cached forever never changes under its name, and the README's host examples agree.

The examples in README "Cache headers" (nginx, `_headers`, `aws s3 sync`) are read from the README itself and
applied, as each host reads them, to every file of the built sample site.
"""

from __future__ import annotations

import fnmatch
import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kbgen.publishing.cache_headers import IMMUTABLE, REVALIDATE, cache_control
from kbgen.publishing.manifest import MANIFEST_NAME
from kbgen.publishing.site_build import build_site
from tests.support.project import REPO, SAMPLE_TODAY, Site, article

README = (REPO / "README.md").read_text(encoding="utf-8")


def site_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def section(heading: str) -> str:
    start = README.index(f"\n### {heading}\n")
    end = README.index("\n#", start + 5)
    return README[start:end]


def code_blocks(text: str, info: str) -> list[str]:
    return [body for kind, body in re.findall(r"^```(\w*)\n(.*?)^```$", text, re.S | re.M) if kind == info]


CACHE = section("Cache headers")


def test_every_file_of_the_sample_site_has_its_class(sample_site: Path) -> None:
    files = site_files(sample_site)
    immutable = [f for f in files if cache_control(f) == IMMUTABLE]
    assert len([f for f in immutable if f.startswith("kb-search/immutable/")]) > 50
    assert {re.sub(r"\.[0-9a-f]{8}\..*", "", f) for f in immutable if f.startswith("assets/")} == {
        "assets/javascripts/bundle", "assets/javascripts/workers/search", "assets/stylesheets/main",
        "assets/stylesheets/palette",
    }  # fmt: skip
    for revalidated in (
        "index.html", "en/index.html", "en/account/reset-your-password/index.html", "404.html", "sitemap.xml",
        "sitemap.xml.gz", "kb-search/index.json", "kb-search/en/manifest.kbs", "kb-search/lunr/lunr.js",
        "assets/search/kb-search-worker.js", "assets/search/kb-search-core.js", "assets/kbgen.css", MANIFEST_NAME,
        "assets/images/logo.svg",
    ):  # fmt: skip
        assert revalidated in files and cache_control(revalidated) == REVALIDATE, revalidated


def test_a_file_cached_forever_never_changes_under_its_name(site: Site, tmp_path: Path) -> None:
    site.write("en/account/alpha.md", article(title="Alpha article", body="Alpha body about passwords.\n"))
    site.write("en/billing/beta.md", article(title="Beta article", body="Beta body about invoices.\n"))
    site.write("tr/account/alfa.md", article(title="Alfa makale", body="Şifre hakkında.\n"))
    first = build_site(site.config_file, tmp_path / "one", SAMPLE_TODAY, strict=False).site_dir
    site.write("en/billing/beta.md", article(title="Beta article", body="Beta body about refunds instead.\n"))
    second = build_site(site.config_file, tmp_path / "two", SAMPLE_TODAY, strict=False).site_dir
    before, after = set(site_files(first)), set(site_files(second))
    kept = [f for f in before & after if cache_control(f) == IMMUTABLE]
    assert any(f.startswith("kb-search/immutable/tr/") for f in kept)  # Turkish untouched: the same names
    for name in kept:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    renamed = {f for f in before ^ after if cache_control(f) == IMMUTABLE}
    assert any("/en/" in f for f in renamed)  # the edit gave the English search files new names
    manifest = "kb-search/en/manifest.kbs"
    assert (first / manifest).read_bytes() != (second / manifest).read_bytes()  # why it must be revalidated


def nginx_cache_control(config: str, path: str) -> str | None:
    """nginx's choice of location for `/path`: a matching `^~` prefix, else the first matching regex, else the
    longest plain prefix; then that location's Cache-Control."""
    blocks = re.findall(r'location\s+(\^~|~)?\s*("[^"]+"|\S+)\s*\{(.*?)\n\}', config, re.S)
    uri = "/" + path
    locations = [
        (kind, target.strip('"'), re.search(r'Cache-Control "([^"]+)"', body)) for kind, target, body in blocks
    ]
    assert all(value for _, _, value in locations)
    chosen = next((loc for loc in locations if loc[0] == "^~" and uri.startswith(loc[1])), None)
    chosen = chosen or next((loc for loc in locations if loc[0] == "~" and re.search(loc[1], uri)), None)
    plain = [loc for loc in locations if not loc[0] and uri.startswith(loc[1])]
    chosen = chosen or max(plain, key=lambda loc: len(loc[1]), default=None)
    return chosen[2].group(1) if chosen and chosen[2] else None


def test_the_nginx_example_gives_each_file_its_class(sample_site: Path) -> None:
    [config] = code_blocks(CACHE, "nginx")
    assert config.count("include kbgen-headers.conf;") == config.count("location")  # security headers kept
    for path in site_files(sample_site):
        assert nginx_cache_control(config, path) == cache_control(path), path


def headers_file_cache_control(rules: str, path: str) -> str:
    """Every `_headers` rule whose pattern matches (`*` is any characters) adds its headers; a file no rule
    gives a Cache-Control gets the host's default, which revalidates."""
    values = []
    pattern = ""
    for line in rules.splitlines():
        if line.startswith("/"):
            pattern = "^" + ".*".join(re.escape(part) for part in line.strip().split("*")) + "$"
        elif line.strip().startswith("Cache-Control:") and re.match(pattern, "/" + path):
            values.append(line.split(":", 1)[1].strip())
    assert len(values) <= 1, (path, values)  # two matching rules would be merged into one odd value
    return values[0] if values else REVALIDATE


def test_the_headers_file_example_gives_each_file_its_class(sample_site: Path) -> None:
    [rules] = [block for block in code_blocks(CACHE, "") if block.startswith("/*\n")]
    for path in site_files(sample_site):
        assert headers_file_cache_control(rules, path) == cache_control(path), path


def s3_uploads(commands: str, files: list[str]) -> dict[str, list[str]]:
    """Which `aws s3 sync` pass uploads each file, with what Cache-Control: the last `--exclude`/`--include`
    filter that matches decides (`*` matches `/` too), as the AWS CLI documents."""
    uploads: dict[str, list[str]] = {path: [] for path in files}
    for line in commands.strip().splitlines():
        words = shlex.split(line)
        assert words[:3] == ["aws", "s3", "sync"]
        filters = [(words[i], words[i + 1]) for i, word in enumerate(words) if word in ("--exclude", "--include")]
        value = words[words.index("--cache-control") + 1]
        for path in files:
            included = True
            for kind, glob in filters:
                if fnmatch.fnmatchcase(path, glob):
                    included = kind == "--include"
            if included:
                uploads[path].append(value)
    return uploads


def test_the_s3_example_uploads_each_file_once_with_its_class(sample_site: Path) -> None:
    [commands] = code_blocks(CACHE, "sh")
    files = site_files(sample_site)
    for path, values in s3_uploads(commands, files).items():
        assert values == [cache_control(path)], path
    assert "--delete" in commands.splitlines()[1] and "--delete" not in commands.splitlines()[0]


def test_a_headers_file_in_the_site_folder_is_kept_and_not_listed(site: Site, run_kbgen: Callable[..., Result]) -> None:
    site.write("en/account/alpha.md", article(title="Alpha article"))
    assert run_kbgen("build", "--today", SAMPLE_TODAY.isoformat(), cwd=site.root).exit_code == 0
    rules = "/kb-search/immutable/*\n  Cache-Control: public, max-age=31536000, immutable\n"
    (site.site_dir / "_headers").write_text(rules, encoding="utf-8")
    rebuilt = run_kbgen("build", "--today", SAMPLE_TODAY.isoformat(), cwd=site.root)
    assert rebuilt.exit_code == 0, rebuilt.stderr
    assert (site.site_dir / "_headers").read_text(encoding="utf-8") == rules
    assert "_headers" not in (site.site_dir / MANIFEST_NAME).read_text(encoding="utf-8")
    assert run_kbgen("verify", str(site.site_dir), cwd=site.root).exit_code == 0


@pytest.mark.parametrize(
    "path", ["kb-search/immutable/en/t/0123456789abcdef.kbs", "assets/stylesheets/main.0a1b2c3d.min.css"]
)
def test_hashed_names_are_cached_forever(path: str) -> None:
    assert cache_control(path) == IMMUTABLE


@pytest.mark.parametrize(
    "path", ["kb-search/en/manifest.kbs", "assets/stylesheets/custom.css", "assets/javascripts/lunr/tinyseg.js"]
)
def test_names_that_outlive_their_content_are_revalidated(path: str) -> None:
    assert cache_control(path) == REVALIDATE
