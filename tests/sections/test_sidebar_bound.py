"""The sidebar stays bounded without `navigation.prune` in mkdocs.yml: a page's navigation does not grow with the
help center, shows the same branch as with pruning, and still shows the page's ancestors and siblings."""

from __future__ import annotations

import re
from pathlib import Path

from kbgen.publishing.site_build import build_site
from tests.support.project import SAMPLE_TODAY, Site, article

PAGE = "en/billing/s1/a1/index.html"


def without_prune(site: Site) -> None:
    """The same mkdocs.yml with `navigation.prune` dropped from theme.features, as a user might write it."""
    text = site.config_file.read_text(encoding="utf-8")
    pruned = re.sub(r"^\s*- navigation\.prune\n", "", text, flags=re.M)
    assert pruned != text and "navigation.tabs" in pruned
    site.config_file.write_text(pruned, encoding="utf-8")


def build(root: Path, tree: dict[str, int], prune: bool = False) -> Site:
    """`tree` maps a folder to how many articles it holds (a1, a2, …); lists are cut at 3 entries."""
    site = Site(root)
    site.configure(nav_articles_per_category=3)
    if not prune:
        without_prune(site)
    for folder, count in tree.items():
        for number in range(1, count + 1):
            site.write(f"{folder}/a{number}.md", article(title=f"{folder} question {number}"))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    return site


def sidebar(html: str) -> str:
    start = html.index("md-nav--primary")
    return html[start : html.index('class="md-nav md-nav--secondary"', start)]


def links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"', sidebar(html))


# Both have four sections in Billing (more than the list shows) and more articles in s1 than it shows; the large
# one has six times the articles, more in every other section, a deeper Account category and a bigger Turkish tree.
SMALL = {"en/billing/s1": 4, **{f"en/billing/s{n}": 1 for n in range(2, 5)}, "en/account": 1, "tr/billing": 1}
LARGE = {
    "en/billing/s1": 9,
    **{f"en/billing/s{n}": 6 for n in range(2, 7)},
    **{f"en/account/x{n}": 4 for n in range(1, 5)},
    **{f"tr/{category}/t{n}": 3 for category in ("billing", "account", "projects") for n in range(1, 3)},
}


def test_without_prune_a_pages_sidebar_does_not_grow_with_the_help_center(tmp_path: Path) -> None:
    small = build(tmp_path / "small", SMALL)
    large = build(tmp_path / "large", LARGE)
    assert sum(LARGE.values()) >= 6 * sum(SMALL.values())
    small_links, large_links = links(small.read_output(PAGE)), links(large.read_output(PAGE))
    assert len(large_links) == len(small_links) <= 16, large_links
    assert large_links == small_links  # the very same entries: nothing of the larger tree leaks in
    # no article of another section, category or language is on the page
    assert not any(re.search(r"(s[2-6]|account|x\d|t\d)/a\d+/$", href) for href in large_links), large_links
    # the same holds on a section page and deeper in the other category
    for page in ("en/billing/s1/index.html", "en/billing/index.html"):
        assert links(large.read_output(page)) == links(small.read_output(page)), page
    assert len(links(large.read_output("en/account/x1/a1/index.html"))) <= 16


def test_without_prune_the_sidebar_still_shows_ancestors_siblings_and_categories(tmp_path: Path) -> None:
    html = build(tmp_path / "site", LARGE).read_output(PAGE)
    nav = sidebar(html)
    hrefs = links(html)
    assert '<a href="./" class="md-nav__link md-nav__link--active">' in nav  # the page itself
    assert "../a2/" in hrefs and "../a3/" in hrefs  # its siblings, up to the list's bound …
    assert re.search(r'<a href="\.\./" class="md-nav__link">\s*<span class="md-ellipsis">\s*All 9 articles', nav)
    assert "../" in hrefs and "../../" in hrefs  # … its section and category pages (ancestors)
    assert "../../s2/" in hrefs and "../../s3/" in hrefs  # sibling sections, each one link to its page
    assert "../../../account/" in hrefs  # the other top-level category
    assert "../../../../tr/" in hrefs  # and the other language
    titles = [t.strip() for t in re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav)]
    assert titles[: titles.index("en/billing/s1 question 1")][-3:] == ["Account", "Billing", "S1"]


def test_the_sidebar_is_the_same_with_and_without_prune_in_mkdocs_yml(tmp_path: Path) -> None:
    tree = {"en/billing/s1": 4, "en/billing/s2": 2, "en/billing": 2, "en/account": 2, "tr/billing/t1": 2}
    pruned = build(tmp_path / "pruned", tree, prune=True)
    unpruned = build(tmp_path / "unpruned", tree)
    pages = [p.relative_to(pruned.site_dir).as_posix() for p in sorted(pruned.site_dir.rglob("index.html"))]
    assert PAGE in pages and "en/billing/index.html" in pages and "tr/billing/t1/a1/index.html" in pages
    for page in pages:
        with_prune, without = pruned.read_output(page), unpruned.read_output(page)
        if "md-nav--primary" in with_prune:
            assert sidebar(without) == sidebar(with_prune), page
