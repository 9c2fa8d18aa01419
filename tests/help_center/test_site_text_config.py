"""The plugin options for what readers see around the articles: validated, complete per language, safe to print."""

from __future__ import annotations

from typing import Any

import pytest

from kbgen.config.settings import ConfigError, parse_config
from kbgen.publishing.security_headers import SITE_POLICY, security_headers, site_policy
from kbgen.render.chrome import chrome_view, search_script_data

LANGS = ["en", "tr", "ro", "zh"]
NAMES = {"en": "Help Center", "tr": "Yardım Merkezi", "ro": "Centrul de ajutor", "zh": "帮助中心"}


def config(**options: Any) -> Any:
    return parse_config({"languages": LANGS, **options})


def test_site_name_per_language_reaches_each_languages_chrome() -> None:
    kb = config(site_name=NAMES, site_description={lang: f"About {lang}" for lang in LANGS})
    for lang in LANGS:
        chrome = chrome_view(kb, lang, "mkdocs.yml name", "mkdocs.yml description")
        assert (chrome["site_name"], chrome["site_description"]) == (NAMES[lang], f"About {lang}")


def test_without_the_option_every_language_keeps_mkdocs_site_name() -> None:
    chrome = chrome_view(config(), "tr", "Tessera", "Docs")
    assert (chrome["site_name"], chrome["site_description"]) == ("Tessera", "Docs")


def test_one_text_serves_every_language() -> None:
    kb = config(site_name="Tessera")
    assert {chrome_view(kb, lang, "x")["site_name"] for lang in LANGS} == {"Tessera"}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"site_name": {"en": "Help", "tr": "Yardım"}}, "kbgen config 'site_name': no text for 'ro', 'zh'"),
        ({"site_name": {**NAMES, "de": "Hilfe"}}, "kbgen config 'site_name': 'de' is not one of 'languages'"),
        ({"site_name": {**NAMES, "tr": ""}}, "kbgen config 'site_name': the text for 'tr' is ''; expected text"),
        ({"site_description": {**NAMES, "en": 3}}, "kbgen config 'site_description': the text for 'en' is 3;"),
        ({"site_name": {**NAMES, "EN ": "x"}}, "kbgen config 'site_name': 'EN ' is not a language code"),
        ({"site_name": ""}, "kbgen config 'site_name': expected text, got an empty string"),
        ({"site_name": {}}, "kbgen config 'site_name': expected text, or a mapping of language to text"),
        (
            {"contact": [{"label": {"en": "Help", "tr": "Yardım", "ro": "Ajutor"}, "url": "mailto:a@b.example"}]},
            "kbgen config 'contact[0]': no label for 'zh'",
        ),
        (
            {"footer_links": [{"label": "Status", "url": "https://s.example"}, {"label": {"en": "x"}, "url": "/a"}]},
            "kbgen config 'footer_links[1]': no label for 'tr', 'ro', 'zh'",
        ),
    ],
)
def test_text_missing_for_a_language_is_a_config_error_naming_key_and_language(
    options: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        config(**options)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "vbscript:x", " javascript:x", "file:///etc"],
)
@pytest.mark.parametrize("key", ["contact", "footer_links"])
def test_links_that_would_run_script_are_refused(key: str, url: str) -> None:
    with pytest.raises(ConfigError, match=rf"kbgen config '{key}\[0\]': url .* is not an http\(s\), mailto:, tel:"):
        config(**{key: [{"label": "Help", "url": url}]})


def test_contact_labels_per_language_reach_pages_and_the_search_script() -> None:
    labels = {"en": "Contact support", "tr": "Destek ekibine yazın", "ro": "Contactați-ne", "zh": "联系我们"}
    kb = config(contact=[{"label": labels, "url": "mailto:help@x.example"}, {"label": "Forum", "url": "/forum/"}])
    for lang in LANGS:
        expected = [{"label": labels[lang], "url": "mailto:help@x.example"}, {"label": "Forum", "url": "/forum/"}]
        assert chrome_view(kb, lang, "x")["contact"] == expected
        data = search_script_data(kb, lang)
        assert data["contact"] == expected
        assert data["search_contact"] and data["search_none"]  # the script's text is still there


@pytest.mark.parametrize(
    "url",
    ["https://feedback.example.com/kb", "http://127.0.0.1:8123/feedback", "https://[::1]:9000/f", "/api/feedback"],
)
def test_feedback_url_accepts_http_addresses_and_site_paths(url: str) -> None:
    assert config(feedback_url=url).feedback_url == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)", "ftp://files.example/f", "//evil.example/f", "feedback", "https://", "",
        "https://a.example;script-src *", "https://a.example'/f", 'https://a.example"/f', "https://user@a.example/f",
        "https://a.example /f", "https://a.example,b.example/f", "https://[::1/f",
    ],
)  # fmt: skip
def test_feedback_url_that_is_not_a_plain_origin_is_refused(url: str) -> None:
    with pytest.raises(ConfigError, match="kbgen config 'feedback_url': expected an http"):
        config(feedback_url=url)


def test_the_policy_lets_scripts_post_only_to_the_feedback_origin() -> None:
    assert site_policy() == site_policy("/api/feedback") == SITE_POLICY
    policy = site_policy("https://feedback.example.com:8443/kb?x=1")
    assert "connect-src 'self' https://feedback.example.com:8443;" in policy
    assert policy.replace(" https://feedback.example.com:8443", "") == SITE_POLICY
    header = dict(security_headers("https://feedback.example.com/kb"))["Content-Security-Policy"]
    assert header == site_policy("https://feedback.example.com/kb") + "; frame-ancestors 'none'"


@pytest.mark.parametrize("value", ["teal", "#0f766", "#0f766eff", "0f766e", 123, "#ggg000"])
def test_brand_colours_must_be_hex(value: object) -> None:
    with pytest.raises(ConfigError, match="kbgen config 'primary_color': expected a colour written #rrggbb"):
        config(primary_color=value)
