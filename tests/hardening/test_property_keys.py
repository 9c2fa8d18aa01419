"""Property tests: random values (types, sizes, Unicode, dates at the ends of the calendar) in every front-matter
key kbgen, MkDocs or mkdocs-material reads, and in every plugin option, never crash `kbgen check` or `kbgen build`.

Front matter must end in findings, and the same findings from both commands; a plugin option must end in a run or
in a usage error (exit 2) naming the key, the same from both. A traceback propagates out of the in-process
CliRunner and fails the test; KB900 must never be printed.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from kbgen.cli import cli
from kbgen.config.settings import KNOWN_KEYS
from kbgen.loading.rendered_fields import IGNORED_RENDERER_KEYS
from kbgen.loading.schema import ARTICLE_KEYS
from tests.support.project import Site

TODAY = "2026-11-22"
# Read by MkDocs (template, title), mkdocs-material's templates and plugins, or kbgen; plus plausible typos.
FRONT_MATTER_KEYS = sorted(
    ARTICLE_KEYS | set(IGNORED_RENDERER_KEYS)
    | {"tags", "status", "location", "revision_date", "git_revision_date_localized", "git_creation_date_localized",
       "toc", "nav", "meta", "title ", "Title", "review_date"}
)  # fmt: skip
# The keys MkDocs and the theme would act on: an article carrying only these stays publishable, so a bad value
# reaches the renderer unless kbgen keeps it away.
THEME_READ_KEYS = sorted(
    set(IGNORED_RENDERER_KEYS)
    | {
        "hide",
        "title",
        "description",
        "location",
        "revision_date",
        "git_revision_date_localized",
        "git_creation_date_localized",
    }
)
OPTIONS = sorted(KNOWN_KEYS | {"enabled", "colour"})

_ODD_TEXT = st.sampled_from(
    ["", " ", "\u200b", "\u202e\u2066", "\u0301", "\ufeff", "\x00", "\u3164", "9999-12-31", "0001-01-01",
     "9999-12-01", "10000-01-01", "2024-02-30", "99999y", "100y", "36525d", "0d", "1y", "180d", "navigation", "toc",
     "nav", "../x", "404.html", "sitemap.xml", "assets/x", "kb-search/", "en/", "en/index.html", ".well-known/x",
     "javascript:alert(1)", "{0.__class__}", "{reviewed.__class__}", "{due:>99}", "%Q", "%", "%Y-%m-%d", "%d/%m/%Y",
     "UTC", "Etc/GMT+12", "../../etc/passwd", "material/home", "nope.html", "main.html", "all", "3.2", "draft",
     "published", "internal", "public", "<script>x</script>", "x" * 300]
)  # fmt: skip
_TEXT = st.one_of(_ODD_TEXT, st.text(max_size=40))
_SCALARS = st.one_of(
    st.none(), st.booleans(), _TEXT,
    st.integers(min_value=-(10**30), max_value=10**30), st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.sampled_from([date.max, date.min, datetime(9999, 12, 31, 23, 59), datetime(1, 1, 1)]),
)  # fmt: skip
VALUES = st.recursive(
    _SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.one_of(_TEXT, st.integers(0, 5)), children, max_size=3)
    ),
    max_leaves=8,
)


def _site(root: Path) -> Site:
    site = Site(root)
    site.write("en/account/steady.md", _article({"title": "Steady"}))
    return site


def _article(fields: dict[str, Any]) -> str:
    front = {"title": "Varied", "owner": "maria", "reviewed": date(2026, 9, 1), "product_version": ["4.0"]}
    front.update(fields)
    return (
        "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\nBody with a [link](steady.md).\n"
    )


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _check(site: Site) -> Result:
    return _invoke("check", "--config-file", str(site.config_file), "--today", TODAY, "--format", "json")


def _build(site: Site) -> Result:
    return _invoke("build", "--config-file", str(site.config_file), "--today", TODAY, "--site-dir", str(site.site_dir))


_TEXT_FINDING = re.compile(r"^(?P<path>.+?):(?P<line>\d+):\d+: \w+ (?P<code>KB\d+): (?P<message>.*) \[[\w-]+\]$")


def _findings(result: Result) -> list[tuple[str, str, int, str]]:
    return sorted((f["code"], f["path"], f["line"], f["message"]) for f in json.loads(result.stdout)["findings"])


def _build_findings(result: Result) -> list[tuple[str, str, int, str]]:
    """`kbgen build` prints each finding in the text format on stderr, wherever the file is (content, a roster)."""
    found = []
    for line in result.stderr.splitlines():
        match = _TEXT_FINDING.match(line)
        if match:
            found.append((match["code"], match["path"], int(match["line"]), match["message"]))
    return sorted(found)


def _assert_no_crash(result: Result) -> None:
    assert "KB900" not in result.stderr and "Traceback" not in result.stderr, result.stderr


front_matter = st.dictionaries(st.sampled_from(FRONT_MATTER_KEYS), VALUES, min_size=1, max_size=4)
theme_front_matter = st.dictionaries(st.sampled_from(THEME_READ_KEYS), VALUES, min_size=1, max_size=3)
# Values close to valid for each option, so the search reaches past the first type check.
_NEAR_MISSES: dict[str, list[Any]] = {
    "review_interval": ["180d", "100y", "101y", "36526d", "0d", " 7 d", "7", 7, "1y "],
    "due_soon": ["30d", "99999y", "1m", ""],
    "product_versions": [["3.2", "4.0"], [3.2], ["", "4.0"], ["4.0"] * 3],
    "supported_versions": [["4.0"], ["9.9"], [], [4.0]],
    "languages": [["en"], ["EN"], ["en", "zz-Latn"], [], ["en\u200b"]],
    "category_intervals": [{"account": "90d"}, {1: "90d"}, {None: "1y"}, {"account": None}, {"": "1d"}],
    "date_formats": [["%d/%m/%Y"], ["%Q"], ["%"], [], ["{0.__class__}"], ["%Y-%m-%d %%"], ["%m/%d"], ["\x00"]],
    "timezone": ["UTC", "Etc/GMT+12", "x" * 300, "../../etc/passwd", "UTC\x00", "", "America", "zone.tab", 5],
    "max_file_size": [1, 2**26, 2**26 + 1, 10**23, -1, 1.5, True],
    "max_front_matter_size": [1, 2**20, 2**20 + 1, 0],
    "contact": [[{"label": "Help", "url": "https://help.example"}], [{"label": "x", "url": "javascript:x"}],
                [{"label": "", "url": "/"}], [{"label": 1, "url": "/"}], ["x"]],
    "stale_notice": [True, False, "yes", None],
    "stale_notice_text": [{"en": "{reviewed} {due}"}, {"en": "{0}"}, {"en": "{due.year}"}, {"en": "{due!r}"},
                          {"en": "{"}, {1: "x"}, {"xx-yy-zz": "x"}, {"en": 5}],
    "dashboard": [True, False, 1],
    "nav_articles_per_category": [1, 10_000, 10_001, 10**23, 0],
    "site_name": ["Help", {"en": "Help"}, {"en": "Help", "de": "Hilfe"}, {"en": ""}, {"en": 5}, "", {}, ["x"]],
    "site_description": [{"en": "About"}, {1: "x"}, " "],
    "footer_links": [[{"label": {"en": "Status"}, "url": "https://s.example"}], [{"label": {}, "url": "/"}],
                     [{"label": "x", "url": "data:text/html,x"}], [{"url": "/"}]],
    "feedback_url": ["https://f.example/kb", "http://127.0.0.1:1/f", "/api/f", "//f.example", "https://a;b", ""],
    "social_image": ["assets/social.png", "https://cdn.example/s.png", "missing.png", "../mkdocs.yml", "", 5,
                     "javascript:alert(1)", "/etc/passwd"],
    "primary_color": ["#0f766e", "#fff", "teal", 0x0F766E],
    "accent_color": ["#ffffff", "#GGGGGG"],
    "max_depth": [1, 6, 0, -1, 10**9, "6"],
    "foreign_keys": [["ms.*"], ["*"], ["title"], [""], "ms.*", [5]],
    "roster": ["roster.yml", "../../etc/passwd", "", 5, "missing.yml"],
    "owners_from": ["roster", "codeowners", "git", ""],
    "required_languages": [["en"], ["tr"], ["xx"], [], "en"],
    "outdated_translations": ["warning", "error", "info", 1],
    "releases": [{"4.0": "2026-10-01"}, {"4.0": "2026-13-01"}, {4.0: "2026-10-01"}, {"4.0": None}, ["4.0"]],
    "current_version": ["4.0", "9.9", "", 4.0],
    "enabled": [True, False, 7, "false"],
    "colour": ["blue"],
}  # fmt: skip


def test_every_plugin_option_has_values_close_to_valid() -> None:
    """A new option needs its near misses here, or random values alone rarely get past its first type check."""
    assert sorted(set(OPTIONS) - set(_NEAR_MISSES)) == []


@st.composite
def plugin_options(draw: st.DrawFn) -> dict[str, Any]:
    keys = draw(st.lists(st.sampled_from(OPTIONS), min_size=1, max_size=3, unique=True))
    return {key: draw(st.one_of(st.sampled_from(_NEAR_MISSES[key]), VALUES)) for key in keys}


FIXTURE_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
# A real build takes seconds: report the first failing example as found rather than spend minutes shrinking it.
NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)


@settings(max_examples=120, deadline=None, suppress_health_check=FIXTURE_OK)
@given(fields=front_matter)
def test_random_front_matter_ends_in_findings_never_a_crash(tmp_path_factory, fields: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    site = _site(tmp_path_factory.mktemp("fm") / "project")
    site.write("en/account/varied.md", _article(fields))
    result = _check(site)
    _assert_no_crash(result)
    assert result.exit_code in (0, 1), result.stderr
    for code, path, line, _ in _findings(result):
        assert path.startswith("content/en/account/") and line >= 1 and code != "KB900"
    assert not [f for f in _findings(result) if f[1].endswith("steady.md")]


@settings(max_examples=15, deadline=None, suppress_health_check=FIXTURE_OK, phases=NO_SHRINK)
@given(fields=theme_front_matter)
@example(fields={"template": 5})
@example(fields={"template": "nope.html", "icon": "nope/nope"})
@example(fields={"hide": 5, "subtitle": ["x"]})
@example(fields={"description": {"a": [1]}, "search": {"boost": "x"}, "author": None})
def test_random_front_matter_gives_the_same_findings_in_check_and_a_real_build(
    tmp_path_factory, fields: dict[str, Any]
) -> None:  # type: ignore[no-untyped-def]
    site = _site(tmp_path_factory.mktemp("fm-build") / "project")
    site.write("en/account/varied.md", _article(fields))
    checked, built = _check(site), _build(site)
    _assert_no_crash(built)
    assert built.exit_code == 0, built.stderr
    assert _build_findings(built) == _findings(checked)
    assert (site.site_dir / "en/account/steady/index.html").is_file()
    front_matter_errors = [
        f for f in json.loads(checked.stdout)["findings"]
        if f["code"].startswith("KB1") and f["severity"] == "error" and f["path"].endswith("varied.md")
    ]  # fmt: skip
    if front_matter_errors:
        assert not (site.site_dir / "en/account/varied").exists()  # never published with a front-matter error


def _options_outcome(result: Result, options: dict[str, Any]) -> str:
    _assert_no_crash(result)
    if result.exit_code == 2:
        assert "kbgen config" in result.stderr, result.stderr
        named = [key for key in options if f"'{key}" in result.stderr or repr(key)[:40] in result.stderr]
        assert named, (options, result.stderr)
        return "config error"
    assert result.exit_code in (0, 1), result.stderr
    return "ran"


@settings(max_examples=120, deadline=None, suppress_health_check=FIXTURE_OK)
@given(options=plugin_options())
def test_random_plugin_options_end_in_a_run_or_a_config_error_naming_the_key(
    tmp_path_factory, options: dict[str, Any]
) -> None:  # type: ignore[no-untyped-def]
    site = _site(tmp_path_factory.mktemp("opt") / "project")
    site.configure(**options)
    _options_outcome(_check(site), options)


@pytest.mark.parametrize(
    ("key", "value"), [(key, value) for key, values in sorted(_NEAR_MISSES.items()) for value in values], ids=repr
)
def test_every_near_miss_alone_ends_in_a_run_or_a_config_error_naming_the_key(
    tmp_path: Path, key: str, value: Any
) -> None:
    """Hypothesis samples these unevenly; each is tried on its own here as well."""
    site = _site(tmp_path / "project")
    site.configure(**{key: value})
    _options_outcome(_check(site), {key: value})


@settings(max_examples=15, deadline=None, suppress_health_check=FIXTURE_OK, phases=NO_SHRINK)
@given(options=plugin_options())
def test_random_plugin_options_give_check_and_a_real_build_the_same_outcome(
    tmp_path_factory, options: dict[str, Any]
) -> None:  # type: ignore[no-untyped-def]
    site = _site(tmp_path_factory.mktemp("opt-build") / "project")
    site.configure(**options)
    checked, built = _check(site), _build(site)
    if options.get("enabled") is False and checked.exit_code != 2:  # MkDocs skips a disabled plugin: nothing to build
        assert built.exit_code == 2 and "'kbgen' plugin is not listed" in built.stderr
        return
    assert _options_outcome(checked, options) == _options_outcome(built, options)
    if checked.exit_code == 2:
        assert checked.stderr.strip() == built.stderr.strip()
        assert not site.site_dir.exists()
    elif options.get("enabled") is not False:
        assert _build_findings(built) == _findings(checked)
