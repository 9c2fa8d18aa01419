"""The reader's stale notice and the maintenance dashboard in built sites, and the notice in real Chromium."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kbgen.publishing.site_build import build_site
from tests.support.project import Site, article

BUILT_ON = date(2026, 3, 1)  # "a page built in March"
# group 1 is the first day the article counts as stale: the day after its due date
NOTICE = re.compile(r'<div class="kb-notice" data-kb-stale-from="([\d-]+)"( hidden)?>(.*?)</div>', re.S)


@pytest.fixture(scope="module")
def internal(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Notice on, custom Turkish wording, dashboard on; built on 2026-03-01."""
    site = Site(tmp_path_factory.mktemp("internal") / "project")
    site.configure(dashboard=True, stale_notice_text={"tr": "Son inceleme {reviewed}; son tarih {due}."})
    site.write("en/a/due-in-june.md", article(title="Due in June", reviewed="2025-12-03"))  # due 2026-06-01
    site.write("en/a/stale.md", article(title="Stale", reviewed="2025-06-01"))  # due 2025-11-28
    site.write("en/a/glossary.md", article(title="Glossary", reviewed="2019-01-01", extra="evergreen: true"))
    site.write("tr/a/stale.md", article(title="Eski", reviewed="2025-06-01"))
    build_site(site.config_file, site.site_dir, BUILT_ON, strict=False)
    return site


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = Site(tmp_path_factory.mktemp("public") / "project")
    site.configure(stale_notice=False)
    site.write("en/a/stale.md", article(title="Stale", reviewed="2025-06-01"))
    build_site(site.config_file, site.site_dir, BUILT_ON, strict=False)
    return site


def notice(site: Site, page: str) -> re.Match[str] | None:
    return NOTICE.search(site.read_output(f"{page}/index.html"))


def test_stale_article_shows_the_notice_at_build_time(internal: Site) -> None:
    found = notice(internal, "en/a/stale")
    assert found and found.group(1) == "2025-11-29" and found.group(2) is None
    assert "This article may be out of date" in found.group(3)
    assert "It was last reviewed on 1 June 2025" in found.group(3)
    assert 'role="note"' in found.group(3) and 'aria-labelledby="kb-notice-title"' in found.group(3)


def test_fresh_article_carries_a_hidden_notice_with_its_due_date(internal: Site) -> None:
    found = notice(internal, "en/a/due-in-june")
    assert found and found.group(1) == "2026-06-02" and found.group(2) == " hidden"


def test_evergreen_article_has_no_notice(internal: Site) -> None:
    assert notice(internal, "en/a/glossary") is None
    assert "kb-notice.js" not in internal.read_output("en/a/glossary/index.html")


def test_notice_wording_is_configurable_per_language(internal: Site) -> None:
    found = notice(internal, "tr/a/stale")
    assert found and "Son inceleme 1 Haziran 2025; son tarih 28 Kasım 2025." in found.group(3)
    assert "Bu makale güncel olmayabilir" in found.group(3)


def test_notice_script_is_an_external_file_and_nothing_is_inline(internal: Site) -> None:
    html = internal.read_output("en/a/stale/index.html")
    assert '<script src="../../../assets/kb-notice.js" defer></script>' in html
    assert (internal.site_dir / "assets/kb-notice.js").is_file()
    block = html[html.index('<div class="kb-notice"') : html.index("kb-notice.js")]
    assert not re.search(r"\son\w+=|\sstyle=|javascript:", block)


def test_notice_can_be_turned_off(public: Site) -> None:
    html = public.read_output("en/a/stale/index.html")
    assert "kb-notice" not in html and "may be out of date" not in html


def test_dashboard_is_generated_for_internal_builds_only(internal: Site, public: Site) -> None:
    html = internal.read_output("kb-dashboard/index.html")
    dashboard = html[html.index('<div class="kb-dashboard">') :]
    dashboard = dashboard[: dashboard.index("</article>")]
    assert dashboard.count("<svg") == 3 and "Article status by owner" in dashboard
    assert "content/en/a/stale.md" in dashboard and "today=2026-03-01" in dashboard
    assert not re.search(r"<script|\sstyle=|\son\w+=", dashboard)
    # built, but no page links to it
    others = [p for p in internal.site_dir.rglob("*.html") if "kb-dashboard" not in str(p)]
    assert others and not any("kb-dashboard" in p.read_text(encoding="utf-8") for p in others)
    assert not (public.site_dir / "kb-dashboard").exists()


def test_sample_site_flags_its_stale_articles(sample_site: Path) -> None:
    def state(page: str) -> str:
        html = (sample_site / page / "index.html").read_text(encoding="utf-8")
        found = NOTICE.search(html)
        return "none" if not found else ("hidden" if found.group(2) else "shown")

    assert state("en/account/change-your-email-address") == "shown"
    assert state("en/integrations/google-calendar-sync") == "shown"
    assert state("en/projects/project-templates") == "shown"
    assert state("en/billing/change-your-plan") == "hidden"
    assert state("en/getting-started/glossary") == "none"
    assert not (sample_site / "kb-dashboard").exists()


# --- view time, in real Chromium ---------------------------------------------------------------------------


def visible_at(page: Any, url: str, clock: str | None) -> bool:
    if clock is not None:
        page.clock.set_fixed_time(clock)
    page.goto(url)
    page.wait_for_load_state("load")
    return bool(page.get_by_role("note", name="This article may be out of date").is_visible())


@pytest.mark.browser
def test_page_built_in_march_warns_in_september(internal: Site, serve: Callable[[Path], str], page: Any) -> None:
    url = serve(internal.site_dir) + "en/a/due-in-june/"
    assert visible_at(page, url, "2026-09-15T10:00:00")
    assert "last reviewed on 3 December 2025" in page.locator(".kb-notice").inner_text()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("clock", "shown"),
    [
        ("2026-04-01T10:00:00", False),
        ("2026-06-01T23:59:00", False),  # the due day itself is not yet overdue
        ("2026-06-02T00:01:00", True),
    ],
)
def test_notice_follows_the_readers_clock(
    internal: Site, serve: Callable[[Path], str], page: Any, clock: str, shown: bool
) -> None:
    assert visible_at(page, serve(internal.site_dir) + "en/a/due-in-june/", clock) is shown


@pytest.mark.browser
def test_script_also_hides_a_notice_the_clock_has_not_reached(
    internal: Site, serve: Callable[[Path], str], page: Any
) -> None:
    assert not visible_at(page, serve(internal.site_dir) + "en/a/stale/", "2025-11-01T12:00:00")


@pytest.mark.browser
def test_without_scripts_the_build_time_state_stays(internal: Site, serve: Callable[[Path], str], browser: Any) -> None:
    base = serve(internal.site_dir)
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        assert visible_at(tab, base + "en/a/stale/", None)
        assert not visible_at(tab, base + "en/a/due-in-june/", None)
    finally:
        context.close()
