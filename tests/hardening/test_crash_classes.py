"""Inputs that used to end a whole run in KB900 (or fail only at build time) are findings or config errors now.

Each class is tried with several variants: far-future date arithmetic, malformed plugin options, front-matter keys
MkDocs or the theme would act on, redirects onto files the build writes, and titles that draw nothing.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kbgen.checks import CheckContext, run_checks
from kbgen.config.settings import ConfigError, parse_config
from kbgen.links.redirects import BUILD_OUTPUTS
from kbgen.loading.loader import load_corpus
from kbgen.mkdocs_plugin.dashboard import DASHBOARD_URI
from kbgen.model import Finding
from kbgen.publishing.site_build import build_site
from kbgen.review.schedule import Status, judge_all
from kbgen.search.folders import PREFIX
from tests.support.project import BASE_PLUGIN_CONFIG, SAMPLE_TODAY, Site, article

TODAY = ["--today", "2026-11-22"]


def _check(site: Site, config: dict[str, Any] | None = None, today: date = SAMPLE_TODAY) -> list[Finding]:
    kb = parse_config({**BASE_PLUGIN_CONFIG, **(config or {})})
    corpus = load_corpus(site.content, kb, "content/")
    return run_checks(CheckContext(corpus, kb, today))


def _codes(findings: list[Finding], path: str = "content/en/account/a.md") -> list[tuple[str, int]]:
    return sorted((f.code, f.line) for f in findings if f.path == path)


# --- dates whose arithmetic leaves the calendar -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "reviewed", "config", "expected"),
    [
        ("", "9999-12-01", {}, [("KB120", 4), ("KB122", 4)]),  # + the 180d default
        ("review_interval: 1y", "9999-06-01", {}, [("KB120", 4), ("KB122", 4)]),
        ("review_interval: 99999y", "2026-09-01", {}, [("KB116", 6)]),
        ("review_interval: 99999d", "2026-09-01", {}, [("KB116", 6)]),
        ("review_interval: 5219w", "2026-09-01", {}, [("KB116", 6)]),
        ("", "9950-01-01", {"category_intervals": {"account": "100y"}}, [("KB120", 4), ("KB122", 4)]),
        ("review_by: 9999-12-31", "9999-12-31", {}, [("KB122", 4), ("KB122", 6), ("KB204", 4)]),  # no arithmetic
    ],
)
def test_far_future_arithmetic_is_a_finding_on_the_key(
    site: Site, extra: str, reviewed: str, config: dict[str, Any], expected: list[tuple[str, int]]
) -> None:
    site.write("en/account/a.md", article(reviewed=reviewed, extra=extra))
    site.write("en/account/b.md", article(title="Still judged"))
    findings = _check(site, config)
    assert _codes(findings) == expected
    assert not [f for f in findings if f.path.endswith("b.md")]


def test_a_today_at_the_end_of_the_calendar_still_judges_every_article(site: Site) -> None:
    """The due-soon window from 9999-12-31 runs past the calendar; it saturates instead of raising."""
    site.write("en/account/a.md", article(extra="review_by: 9999-12-31"))
    kb = parse_config(BASE_PLUGIN_CONFIG)
    corpus = load_corpus(site.content, kb, "content/")
    states = judge_all(corpus.articles, kb, date.max)
    assert [state.status for state in states] == [Status.DUE_SOON]


def test_far_future_dates_give_the_same_findings_in_check_and_build(site: Site, run_kbgen) -> None:
    site.write("en/account/a.md", article(reviewed="9999-12-01"))
    site.write("en/account/b.md", article(title="Built", extra="review_interval: 99999y"))
    site.write("en/account/c.md", article(title="Kept"))
    checked = run_kbgen("check", *TODAY, "--format", "json", cwd=site.root)
    assert checked.exit_code == 1, checked.stderr
    from_check = sorted((f["code"], f["path"], f["line"]) for f in json.loads(checked.stdout)["findings"])
    built = build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    assert sorted((f.code, f.path, f.line) for f in built.findings) == from_check
    assert ("KB120", "content/en/account/a.md", 4) in from_check
    assert (site.site_dir / "en/account/c/index.html").exists()


# --- plugin options -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ({"category_intervals": {1: "90d"}}, "category_intervals"),
        ({"category_intervals": {None: "90d"}}, "category_intervals"),
        ({"category_intervals": {True: "90d"}}, "category_intervals"),
        ({"category_intervals": {"account": "99999y"}}, "category_intervals.account"),
        ({"date_formats": ["{0.__class__}"]}, "date_formats"),
        ({"date_formats": ["%"]}, "date_formats"),
        ({"date_formats": ["%Q"]}, "date_formats"),
        ({"date_formats": ["%m/%d"]}, "date_formats"),
        ({"date_formats": []}, "date_formats"),
        ({"date_formats": ["%Y-%m-%d"] * 21}, "date_formats"),
        ({"date_formats": "%Y-%m-%d"}, "date_formats"),
        ({"stale_notice_text": {"en": "{reviewed.__class__}"}}, "stale_notice_text.en"),
        ({"stale_notice_text": {"en": "{reviewed!r:>{due}}"}}, "stale_notice_text.en"),
        ({"stale_notice_text": {"en": "{0}"}}, "stale_notice_text.en"),
        ({"stale_notice_text": {1: "x"}}, "stale_notice_text"),
        ({"contact": [{"label": "Help", "url": "javascript:alert(1)"}]}, "contact[0]"),
        ({"contact": [{"label": " ", "url": "https://help.example"}]}, "contact[0]"),
        ({"review_interval": ["180d"]}, "review_interval"),
        ({"review_interval": 180}, "review_interval"),
        ({"due_soon": "99999y"}, "due_soon"),
        ({"languages": "en"}, "languages"),
        ({"languages": [""]}, "languages"),
        ({"timezone": ["UTC"]}, "timezone"),
        ({"timezone": "x" * 5000}, "timezone"),
        ({"timezone": "UTC\x00"}, "timezone"),
        ({"max_file_size": 10**23}, "max_file_size"),
        ({"max_front_matter_size": 2**40}, "max_front_matter_size"),
        ({"nav_articles_per_category": 10**23}, "nav_articles_per_category"),
        ({"max_file_size": 1.5}, "max_file_size"),
        ({"dashboard": "yes"}, "dashboard"),
        ({"enabled": 7}, "enabled"),
    ],
)
def test_every_malformed_option_is_a_config_error_naming_the_key(raw: dict[str, Any], key: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(f"kbgen config '{key}'")):
        parse_config({**BASE_PLUGIN_CONFIG, **raw})


def test_accepted_edge_values_still_work() -> None:
    config = parse_config(
        {"date_formats": ["%d.%m.%Y", "%Y-%m-%d"], "stale_notice_text": {"en": "{{Checked}} {reviewed}; due {due}"},
         "review_interval": "100y", "max_file_size": 64 * 1024 * 1024}
    )  # fmt: skip
    assert config.date_formats == ("%d.%m.%Y", "%Y-%m-%d") and config.review_interval.count == 100


@pytest.mark.parametrize(
    ("option", "key"),
    [
        ({"category_intervals": {1: "90d"}}, "category_intervals"),
        ({"date_formats": ["{0.__class__}"]}, "date_formats"),
        ({"date_formats": []}, "date_formats"),
        ({"stale_notice_text": {"en": "{reviewed!r:>{due}}"}}, "stale_notice_text.en"),
        ({"enabled": 7}, "enabled"),
    ],
)
def test_check_and_build_both_stop_with_exit_2_naming_the_key(
    site: Site, run_kbgen, option: dict[str, Any], key: str
) -> None:
    """Before: check passed (or rejected every article's date) and build crashed or published an empty site."""
    site.write("en/account/a.md", article())
    site.configure(**option)
    for command in (["check"], ["build"]):
        result = run_kbgen(*command, *TODAY, cwd=site.root)
        assert result.exit_code == 2, (command, result.stderr)
        assert f"kbgen config '{key}'" in result.stderr
        assert "KB900" not in result.stderr and "Traceback" not in result.stderr
    assert not site.site_dir.exists()


# --- front-matter keys MkDocs or the theme act on -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "codes"),
    [
        ("template: nope.html", [("KB113", 6)]),
        ("template: 5", [("KB113", 6)]),
        ("template: ../../../etc/passwd", [("KB113", 6)]),
        ("icon: 5", [("KB113", 6)]),
        ("icon: material/nope", [("KB113", 6)]),
        ("description: [a, b]", [("KB112", 6)]),
        ('description: "\\"><script>x</script>"', []),
        ("subtitle: {a: 1}", [("KB113", 6)]),
        ("search: {boost: x}", [("KB113", 6)]),
        ("hide: 5", [("KB112", 6)]),
        ("hide: [toc, nav]", [("KB116", 6)]),
        ("hide: [5]", [("KB112", 6)]),
        ("hide: [navigation, toc]", []),
        ("hide: toc", []),
        ("tags: [[a]]", [("KB112", 6)]),
        ('tags: ["\\u200b"]', [("KB116", 6)]),
        ("status: 5", [("KB112", 6)]),
    ],
)
def test_theme_keys_are_findings_in_check_and_never_crash_the_build(
    site: Site, run_kbgen, extra: str, codes: list[tuple[str, int]]
) -> None:
    site.write("en/account/a.md", article(title="Keyed", extra=extra))
    site.write("en/account/b.md", article(title="Plain"))
    checked = run_kbgen("check", *TODAY, "--format", "json", cwd=site.root)
    from_check = [(f["code"], f["line"]) for f in json.loads(checked.stdout)["findings"]]
    assert from_check == codes
    built = run_kbgen("build", *TODAY, cwd=site.root)
    assert built.exit_code == 0, built.stderr
    assert "KB900" not in built.stderr
    published = (site.site_dir / "en/account/a/index.html").exists()
    assert published == (not any(code in ("KB112", "KB116") for code, _ in codes))
    assert (site.site_dir / "en/account/b/index.html").exists()


def test_the_theme_sees_a_valid_hide_and_nothing_else(site: Site) -> None:
    site.write("en/account/a.md", article(title="Hidden nav", extra="hide: [navigation]\ntemplate: nope.html\nicon: 5"))
    site.write("en/account/b.md", article(title="Shown nav"))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    sidebar = 'data-md-component="sidebar" data-md-type="navigation"'
    assert f"{sidebar} hidden" in site.read_output("en/account/a/index.html")
    assert f"{sidebar} >" in site.read_output("en/account/b/index.html")


# --- titles that draw nothing -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ['"   "', '"\\u200b"', '"\\u200c\\u200d"', '"\\u2060\\ufeff"', '"\\u202e\\u2066\\u2069"', '"\\u0301\\u0308"',
     '"\\u3164"', '"\\t\\u00a0\\u2028"', '" \\u200b \\u180e "'],
)  # fmt: skip
def test_a_title_with_nothing_visible_is_kb110(site: Site, title: str) -> None:
    site.write("en/account/a.md", article(title=title))
    assert _codes(_check(site)) == [("KB110", 2)]


@pytest.mark.parametrize("title", ['"a\\u200b"', '"\\u0627\\u200f"', "Ünïcödé", '"\\U0001f600"', '"漢字"'])
def test_a_title_with_something_visible_is_accepted(site: Site, title: str) -> None:
    site.write("en/account/a.md", article(title=title))
    assert _codes(_check(site)) == []


def test_an_invisible_section_title_is_reported_and_the_generated_page_replaces_it(site: Site) -> None:
    site.write("en/account/a.md", article())
    site.write("en/account/index.md", '---\ntitle: "\\u200b"\n---\nWelcome.\n')
    assert _codes(_check(site), "content/en/account/index.md") == [("KB116", 2)]
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    assert "<title>\u200b" not in site.read_output("en/account/index.html")


# --- redirects onto files the build writes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry",
    ["404.html", "index.html", "sitemap.xml", "sitemap.xml.gz", "kbgen-manifest.txt", "CNAME", "search/",
     "search/index.html", "assets/kbgen.css", "assets/", "kb-search/", "KB-Search/en/", "kb-dashboard/",
     ".well-known/security.txt", "en/", "en/index.html", "en/account/", "en/account/index.html",
     "en/account/b/index.html", "en/account/picture.png", "en/account/picture.png/x/"],
)  # fmt: skip
def test_a_redirect_onto_a_file_the_build_writes_is_kb308(site: Site, entry: str) -> None:
    site.write("en/account/a.md", article(extra=f"redirect_from: ['{entry}']"))
    site.write("en/account/b.md", article(title="Other"))
    site.write("en/account/picture.png", b"\x89PNG\r\n\x1a\n")
    assert _codes(_check(site)) == [("KB308", 6)]


def test_redirects_elsewhere_still_work_and_the_reserved_names_match_what_kbgen_writes(site: Site) -> None:
    site.write("en/account/a.md", article(extra="redirect_from: ['en/old-name/', 'en/old.html', 'assets-old/']"))
    site.write("en/account/b.md", article(title="Other", extra="redirect_from: ['404.html', 'search/']"))
    result = build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    assert sorted((f.code, f.path) for f in result.findings) == [("KB308", "content/en/account/b.md")] * 2
    for old in ("en/old-name/index.html", "en/old.html", "assets-old/index.html"):
        assert "This page has moved" in site.read_output(old)
    assert "This page has moved" not in site.read_output("404.html")
    top_level = {p.name.casefold() for p in site.site_dir.iterdir()} - {"en", "assets-old"}
    assert top_level <= BUILD_OUTPUTS
    assert {PREFIX, Path(DASHBOARD_URI).stem} <= BUILD_OUTPUTS
