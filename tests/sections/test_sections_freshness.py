"""Review schedules in nested sections: inherited intervals, category_intervals at any depth, and where each
value came from in the findings, the owner report and `kbgen review --category`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result

from kbgen.checks import CheckContext, run_checks
from kbgen.config.settings import ConfigError, parse_config
from kbgen.loading.loader import load_corpus
from kbgen.model import Finding
from kbgen.review.schedule import interval_for
from tests.support.project import BASE_PLUGIN_CONFIG, SAMPLE_TODAY, Site, article


def findings(site: Site, **plugin: Any) -> list[Finding]:
    config = parse_config({**BASE_PLUGIN_CONFIG, **plugin})
    return run_checks(CheckContext(load_corpus(site.content, config, "content/"), config, SAMPLE_TODAY))


def intervals(site: Site, **plugin: Any) -> dict[str, tuple[str, str]]:
    config = parse_config({**BASE_PLUGIN_CONFIG, **plugin})
    corpus = load_corpus(site.content, config, "content/")
    return {a.slug: (str(interval_for(a, config)[0]), interval_for(a, config)[1]) for a in corpus.articles}


def index(extra: str) -> str:
    return f"---\ntitle: A section\n{extra}---\n"


def test_a_stale_message_names_the_section_index_its_interval_and_owner_came_from(site: Site) -> None:
    site.write("en/billing/index.md", index("owner: billing-team\n"))
    site.write("en/billing/invoices/index.md", index("review_interval: 90d\n"))
    site.write("en/billing/invoices/pay.md", "---\ntitle: Pay\nreviewed: 2026-01-01\nproduct_version: all\n---\nx\n")
    (stale,) = [f for f in findings(site) if f.rule == "stale"]
    assert stale.format() == (
        "content/en/billing/invoices/pay.md:3:1: error KB201: overdue for review by 235 days: due 2026-04-01 "
        "(reviewed 2026-01-01 + 90d, from content/en/billing/invoices/index.md); owner billing-team "
        "(from content/en/billing/index.md): re-read it, then run 'kbgen review content/en/billing/invoices/pay.md' "
        "[stale]"
    )


def test_an_inherited_unsupported_version_names_its_section(site: Site) -> None:
    site.write("en/projects/classic/index.md", index('product_version: ["3.0", "3.1"]\n'))
    site.write("en/projects/classic/timeline.md", "---\ntitle: T\nowner: li\nreviewed: 2026-10-01\n---\nx\n")
    (finding,) = [f for f in findings(site) if f.rule == "unsupported-version"]
    assert finding.message.startswith(
        "'product_version' is 3.0, 3.1 (from content/en/projects/classic/index.md), none of which is supported"
    )


def test_category_intervals_match_the_longest_path_prefix(site: Site) -> None:
    for path in ("billing/invoices/pay", "billing/invoices/eu/vat", "billing/refunds/ask", "account/reset"):
        site.write(f"en/{path}.md", article(title=path))
    found = intervals(site, category_intervals={"billing": "120d", "billing/invoices": "30d"})
    assert found == {
        "pay": ("30d", "the section 'billing/invoices' default in category_intervals"),
        "vat": ("30d", "the section 'billing/invoices' default in category_intervals"),
        "ask": ("120d", "the category 'billing' default"),
        "reset": ("180d", "the site default"),
    }


def test_a_deeper_category_interval_beats_a_shallower_section_index(site: Site) -> None:
    site.write("en/billing/index.md", index("review_interval: 365d\n"))
    site.write("en/billing/invoices/pay.md", article(title="Pay"))
    site.write("en/billing/plans.md", article(title="Plans"))
    found = intervals(site, category_intervals={"billing/invoices": "30d"})
    assert found == {
        "pay": ("30d", "the section 'billing/invoices' default in category_intervals"),
        "plans": ("365d", "from content/en/billing/index.md"),
    }


@pytest.mark.parametrize("config_path", ["billing", "billing/invoices"])
def test_a_section_index_at_least_as_deep_as_the_config_wins(site: Site, config_path: str) -> None:
    site.write("en/billing/invoices/index.md", index("review_interval: 60d\n"))
    site.write("en/billing/invoices/pay.md", article(title="Pay"))
    found = intervals(site, category_intervals={config_path: "30d"})
    assert found == {"pay": ("60d", "from content/en/billing/invoices/index.md")}


def test_the_articles_own_interval_beats_every_default(site: Site) -> None:
    site.write("en/billing/invoices/index.md", index("review_interval: 60d\n"))
    site.write("en/billing/invoices/pay.md", article(title="Pay", extra="review_interval: 2y\n"))
    found = intervals(site, category_intervals={"billing/invoices": "30d"})
    assert found == {"pay": ("2y", "from review_interval")}


@pytest.mark.parametrize("key", ["../billing", "billing//invoices", "/", "billing/./x"])
def test_category_interval_paths_must_be_section_paths(key: str) -> None:
    with pytest.raises(ConfigError, match="is not a section path"):
        parse_config({"category_intervals": {key: "30d"}})


def test_category_interval_paths_may_have_slashes_around_them() -> None:
    assert dict(parse_config({"category_intervals": {"/billing/invoices/": "30d"}}).category_intervals) == {
        "billing/invoices": parse_config({"review_interval": "30d"}).review_interval
    }


def test_owner_report_shows_the_section_path_as_the_category(site: Site, run_kbgen: Callable[..., Result]) -> None:
    site.write("en/billing/invoices/index.md", index("owner: invoices-team\n"))
    site.write("en/billing/invoices/pay.md", "---\ntitle: Pay\nreviewed: 2026-10-01\nproduct_version: all\n---\nx\n")
    site.write("en/billing/plans.md", article(title="Plans", owner="invoices-team"))
    result = run_kbgen("report", "--format", "json", "--today", "2026-11-22", cwd=site.root)
    rows = {row["title"]: row for owner in json.loads(result.stdout)["owners"] for row in owner["articles"]}
    assert (rows["Pay"]["category"], rows["Pay"]["owner"]) == ("billing/invoices", "invoices-team")
    assert rows["Plans"]["category"] == "billing"
    csv_text = run_kbgen("report", "--format", "csv", "--today", "2026-11-22", cwd=site.root).stdout
    assert ",en,billing/invoices,public," in csv_text


def test_review_by_category_takes_a_section_path(site: Site, run_kbgen: Callable[..., Result]) -> None:
    site.write("en/billing/invoices/pay.md", article(title="Pay", reviewed="2026-01-01"))
    site.write("en/billing/invoices/eu/vat.md", article(title="VAT", reviewed="2026-01-01"))
    site.write("en/billing/plans.md", article(title="Plans", reviewed="2026-01-01"))
    result = run_kbgen("review", "--category", "billing/invoices", "--date", "2026-11-22", "--dry-run", cwd=site.root)
    touched = sorted(line.split(":")[0] for line in result.stdout.splitlines())
    assert touched == ["content/en/billing/invoices/eu/vat.md", "content/en/billing/invoices/pay.md"]
    result = run_kbgen("review", "--category", "billing", "--date", "2026-11-22", "--dry-run", cwd=site.root)
    assert len(result.stdout.splitlines()) == 3
