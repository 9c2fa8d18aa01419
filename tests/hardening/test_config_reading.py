"""`kbgen check` and `kbgen build` read mkdocs.yml as MkDocs does: `!ENV` (both forms) and `INHERIT` included.

Before, check read `!ENV` values as null (the default interval) and ignored `INHERIT` altogether, so the CI gate
and the built site judged the same articles by different settings.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kbgen.publishing.site_build import build_site
from tests.support.project import SAMPLE_TODAY, Site, article

TODAY = ["--today", "2026-11-22"]
HEAD = """site_name: Env test
docs_dir: content
site_dir: site
theme: {name: material, custom_dir: theme, language: en, font: false}
markdown_extensions: [admonition, attr_list, tables, pymdownx.superfences, toc]
"""


def _articles(site: Site) -> None:
    # reviewed 200, 100 and 20 days before SAMPLE_TODAY: which are stale or due soon depends on the settings
    site.write("en/account/old.md", article(title="Old", reviewed="2026-05-06"))
    site.write("en/account/middle.md", article(title="Middle", reviewed="2026-08-14"))
    site.write("en/billing/recent.md", article(title="Recent", reviewed="2026-11-02"))


def _check_and_build(site: Site, run_kbgen) -> tuple[list[tuple[str, str, int, str]], list[tuple[str, str, int, str]]]:
    checked = run_kbgen("check", *TODAY, "--format", "json", cwd=site.root)
    assert checked.exit_code in (0, 1), checked.stderr
    from_check = sorted((f["code"], f["path"], f["line"], f["message"]) for f in json.loads(checked.stdout)["findings"])
    built = build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    return from_check, sorted((f.code, f.path, f.line, f.message) for f in built.findings)


@pytest.mark.parametrize(
    ("plugin_block", "environment", "stale"),
    [
        ("review_interval: !ENV KB_INTERVAL", {"KB_INTERVAL": "90d"}, ["middle", "old"]),
        ("review_interval: !ENV KB_INTERVAL", {}, ["old"]),  # unset: null, so the 180d default
        ("review_interval: !ENV [KB_INTERVAL, 30d]", {}, ["middle", "old"]),
        ("review_interval: !ENV [KB_INTERVAL, 30d]", {"KB_INTERVAL": "365d"}, []),
        ("review_interval: !ENV [KB_UNSET, KB_INTERVAL, 10d]", {"KB_INTERVAL": "150d"}, ["old"]),
        ("category_intervals: {billing: !ENV [KB_BILLING, 7d]}", {}, ["old", "recent"]),
    ],
)
def test_env_values_give_check_and_build_the_same_findings(
    site: Site, run_kbgen, monkeypatch: pytest.MonkeyPatch, plugin_block: str, environment: dict[str, str],
    stale: list[str],
) -> None:  # fmt: skip
    for name in ("KB_INTERVAL", "KB_BILLING", "KB_UNSET"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    _articles(site)
    site.config_file.write_text(HEAD + f"plugins:\n  - kbgen:\n      languages: [en]\n      {plugin_block}\n")
    from_check, from_build = _check_and_build(site, run_kbgen)
    assert from_check == from_build
    assert sorted(Path(path).stem for code, path, *_ in from_check if code == "KB201") == stale


def test_inherit_merges_the_base_files_kbgen_block_as_mkdocs_does(site: Site, run_kbgen) -> None:
    """The base sets the interval and due_soon; the child overrides the interval (dict-form plugins merge deeply)."""
    _articles(site)
    (site.root / "config").mkdir()
    (site.root / "config" / "base.yml").write_text(
        HEAD + "plugins:\n  kbgen:\n    languages: [en]\n    review_interval: 30d\n    due_soon: 100d\n"
    )
    site.config_file.write_text("INHERIT: config/base.yml\nplugins:\n  kbgen:\n    review_interval: 120d\n")
    from_check, from_build = _check_and_build(site, run_kbgen)
    assert from_check == from_build
    by_file = {Path(path).stem: code for code, path, *_ in from_check}
    # 120d from the child: old is stale; 100d of due_soon from the base: middle and recent are due soon
    assert by_file == {"old": "KB201", "middle": "KB202", "recent": "KB202"}


def test_a_chain_of_inherited_files_with_env_is_read_the_same_way(
    site: Site, run_kbgen, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KB_DUE", "5d")
    _articles(site)
    (site.root / "grand.yml").write_text(HEAD + "plugins:\n  kbgen:\n    languages: [en]\n    review_interval: 1y\n")
    (site.root / "parent.yml").write_text("INHERIT: grand.yml\nplugins:\n  kbgen:\n    due_soon: !ENV KB_DUE\n")
    site.config_file.write_text("INHERIT: parent.yml\nplugins:\n  kbgen:\n    review_interval: !ENV [KB_NONE, 150d]\n")
    from_check, from_build = _check_and_build(site, run_kbgen)
    assert from_check == from_build
    assert [(code, Path(path).stem) for code, path, *_ in from_check] == [("KB201", "old")]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("INHERIT: missing.yml\n", "does not exist"),
        ("INHERIT: mkdocs.yml\n", "cannot read configuration"),  # inherits itself
        ("INHERIT: [a]\n", "cannot read configuration"),
        ("plugins: [kbgen]\nsite_name: !ENV\n  a: 1\n", "mkdocs.yml"),
        ("plugins: [kbgen]\nsite_name: !!python/name:kbgen.no_such_thing\n", "mkdocs.yml"),
    ],
)
def test_a_config_mkdocs_cannot_read_stops_check_and_build_with_exit_2(
    site: Site, run_kbgen, config: str, message: str
) -> None:
    _articles(site)
    site.config_file.write_text(config)
    for command in ("check", "build"):
        result = run_kbgen(command, *TODAY, cwd=site.root)
        assert result.exit_code == 2, (command, result.stderr, result.stdout)
        assert message in result.stderr and "KB900" not in result.stderr
