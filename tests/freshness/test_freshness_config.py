"""The freshness settings in the plugin block: valid values accepted, mistakes named with the key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

import pytest
from click.testing import Result

from kbgen.config.settings import ConfigError, KbConfig, parse_config
from kbgen.mkdocs_plugin.plugin import KbgenPlugin
from tests.support.project import Site, article


def test_defaults_show_the_notice_and_leave_the_dashboard_out() -> None:
    config = parse_config({})
    assert config.stale_notice is True and config.dashboard is False and dict(config.stale_notice_text) == {}


def test_notice_text_per_language_is_accepted() -> None:
    config = parse_config({"stale_notice_text": {"en": "Checked {reviewed}, due {due}."}, "stale_notice": False})
    assert config.stale_notice_text["en"] == "Checked {reviewed}, due {due}." and config.stale_notice is False


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"stale_notice": "no"}, "'stale_notice': expected true or false"),
        ({"dashboard": 1}, "'dashboard': expected true or false"),
        ({"stale_notice_text": {"en": "Reviewed {when}"}}, "'stale_notice_text.en': bad placeholder 'when'"),
        ({"stale_notice_text": {"en": 3}}, "'stale_notice_text.en': expected text"),
        ({"stale_notice_text": "x"}, "expected a mapping of language to text"),
    ],
)
def test_mistakes_name_the_key(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(raw)


def test_a_bad_setting_is_exit_2_for_every_freshness_command(run_kbgen: Callable[..., Result], site: Site) -> None:
    site.write("en/a/b.md", article())
    site.configure(stale_notice_text={"en": "{oops}"})
    for command in (("check",), ("report",), ("review", "--stale")):
        result = run_kbgen(*command, cwd=site.root)
        assert result.exit_code == 2 and "stale_notice_text.en" in result.stderr, command


def test_new_commands_have_help(run_kbgen: Callable[..., Result]) -> None:
    for command in ("report", "review"):
        result = run_kbgen(command, "--help")
        assert result.exit_code == 0 and "Usage: " in result.stdout


def test_every_setting_is_a_plugin_option_mkdocs_accepts() -> None:
    """One list of options: a setting added to KbConfig is accepted in mkdocs.yml without a second edit."""
    plugin = KbgenPlugin()
    assert {key for key, _ in plugin.config_scheme} == {f.name for f in fields(KbConfig)}
    errors, warnings = plugin.load_config({"nav_articles_per_category": 3, "timezone": "Europe/Istanbul"})
    assert errors == [] and warnings == []
    assert parse_config({k: v for k, v in plugin.config.items() if v is not None}).nav_articles_per_category == 3
    errors, warnings = plugin.load_config({"nav_articles_per_category": "3", "colour": "red"})
    assert [key for key, _ in errors] == ["nav_articles_per_category"] and [key for key, _ in warnings] == ["colour"]
