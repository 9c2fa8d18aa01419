"""Articles directly in a language folder (`content/<lang>/<slug>.md`, as an adopted Microsoft Learn
`articles/` root has them), and the `foreign_keys` option that lets another tool's keys pass quietly."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result

from kbgen.config.settings import ConfigError, parse_config
from kbgen.loading.frontmatter import parse_document
from kbgen.loading.loader import load_corpus
from kbgen.model import Corpus
from kbgen.publishing.site_build import build_site
from kbgen.translations.source_hash import source_hash
from tests.support.project import BASE_PLUGIN_CONFIG, SAMPLE_TODAY, Site, article

Run = Callable[..., Result]


def load(site: Site, **plugin: Any) -> Corpus:
    return load_corpus(site.content, parse_config({**BASE_PLUGIN_CONFIG, **plugin}), "content/")


def test_an_article_in_the_language_folder_is_an_article_with_no_section(site: Site) -> None:
    site.write("en/welcome.md", article(title="Welcome"))
    corpus = load(site)
    assert [f.format() for f in corpus.findings] == []
    (welcome,) = corpus.articles
    assert (welcome.category, welcome.section_path, welcome.url) == ("", (), "en/welcome/")
    assert welcome.translation_key == "welcome"
    assert corpus.is_published("en", ())


def test_an_article_beside_a_category_of_the_same_name_is_a_url_clash(site: Site) -> None:
    site.write("en/billing.md", article(title="Billing"))
    site.write("en/billing/pay.md", article(title="Pay"))
    corpus = load(site)
    assert [(f.rule, f.path) for f in corpus.findings] == [("duplicate-url", "content/en/billing.md")]
    assert [a.slug for a in corpus.articles] == ["pay"]


def test_a_markdown_file_above_the_language_folders_is_still_misplaced(site: Site) -> None:
    site.write("welcome.md", article())
    assert [f.rule for f in load(site).findings] == ["misplaced-article"]


def test_the_language_home_lists_its_own_articles_after_the_categories(site: Site, run_kbgen: Run) -> None:
    site.write("en/welcome.md", article(title="Welcome to Tessera", extra="summary: Start here.\n"))
    site.write("en/account/reset.md", article(title="Reset"))
    english = parse_document((site.content / "en/welcome.md").read_text(encoding="utf-8"), "en/welcome.md", 65536)
    site.write("tr/welcome.md", article(title="Hoş geldiniz", extra=f"source_hash: {source_hash(english.body)}\n"))
    check = run_kbgen("check", "--today", SAMPLE_TODAY.isoformat(), cwd=site.root)
    assert check.exit_code == 0, check.output
    build_site(site.config_file, site.site_dir, SAMPLE_TODAY, strict=True)
    home = site.read_output("en/index.html")
    listing = home[home.index('<div class="kb-home">') :]
    assert listing.index('href="account/"') < listing.index('class="kb-list__title" href="welcome/"')
    assert '<p class="kb-list__summary">Start here.</p>' in listing
    page = site.read_output("en/welcome/index.html")
    assert 'hreflang="tr"' in page  # the translation at tr/welcome.md is found
    assert site.read_output("tr/index.html").count('href="welcome/"') >= 1


def test_foreign_keys_pass_quietly_and_other_unknown_keys_still_warn(site: Site) -> None:
    site.write("en/account/a.md", article(extra="ms.date: 01/30/2026\nauthor: ana\nsumary: typo\n"))
    site.write("en/account/index.md", "---\ntitle: Account\nms.topic: landing\n---\n")
    unknown = [f.message for f in load(site).findings if f.rule == "unknown-field"]
    assert len(unknown) == 4
    quiet = [f.message for f in load(site, foreign_keys=["ms.*", "author"]).findings]
    assert quiet == ["unknown key 'sumary' (did you mean 'summary'?)"]


@pytest.mark.parametrize(
    ("patterns", "message"),
    [
        (["*"], "'*' also matches kbgen's own key 'audience'"),
        (["t*"], "'t*' also matches kbgen's own key 'tags'"),
        (["ms.*", "owner"], "'owner' also matches kbgen's own key 'owner'"),
        ([""], "an empty entry"),
        ("ms.*", "expected a list of strings"),
        ([3], "3 is not a string"),
    ],
)
def test_foreign_keys_that_would_hide_kbgen_keys_are_refused(patterns: object, message: str) -> None:
    with pytest.raises(ConfigError, match=f"'foreign_keys'.*{message.replace('*', '[*]')}"):
        parse_config({"foreign_keys": patterns})
