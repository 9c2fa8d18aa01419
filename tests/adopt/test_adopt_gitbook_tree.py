"""`kbgen adopt` on a GitBook tree's structure: SUMMARY.md places the pages and names the sections, a folder's
README.md is its page, and `.gitbook/assets/` (every image GitBook stores) is adopted where kbgen publishes it.

The tree is tests/adopt/fixtures/gitbook-fluentd/ (trimmed from fluent/fluentd-docs-gitbook, Apache-2.0; see the
fixtures' README).
"""

from __future__ import annotations

import posixpath
import re
import shutil
from datetime import date
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from kbgen.adopt.gitbook_figures import convert_figures
from kbgen.adopt.gitbook_summary import read_summary
from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run, adopt, front_matter
from tests.adopt.test_adopt_includes import summary_lines
from tests.support.project import Site

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "gitbook-fluentd"
ASSETS = [
    "fluentd-architecture (1).png", "forward (1).png", "forward-protocol.pdf", "logo_documentation_1.0.png",
    "screen-shot-2021-03-16-at-12.50.12-pm.png", "tail.png",
]  # fmt: skip


def _book(tmp_path: Path) -> Path:
    source = tmp_path / "fluentd-docs"
    shutil.copytree(FIXTURE, source)
    return source


def _listing(page: str) -> list[str]:
    """The titles the page's article lists, in order, each once."""
    article = page[page.index("<article") : page.index("</article>")]
    found = re.findall(r'<a [^>]*href="[^"]*/"[^>]*>([^<]+)</a>', article)
    return list(dict.fromkeys(found))


def _nav(page: str) -> list[str]:
    """The titles the site's navigation shows on the page, in order."""
    nav = page[page.index("md-nav--primary") :]
    return re.findall(r"md-nav__link[^>]*>\s*(?:<[^>]+>\s*)*([^<\n]+?)\s*<", nav)


def _images(page: str, url: str, site_dir: Path) -> list[Path]:
    """The files the page's images load, read from the page's address as a browser reads them."""
    sources = re.findall(r'<img [^>]*src="([^"]+)"', page)
    return [site_dir / posixpath.normpath(posixpath.join(url, unquote(src))) for src in sources]


def test_a_gitbook_tree_is_adopted_checked_and_built(tmp_path: Path, run_kbgen: Run) -> None:
    assert run_kbgen("init", "help", "--owner", "docs", "--today", TODAY, cwd=tmp_path).exit_code == 0
    project = tmp_path / "help"
    (project / "content" / "en" / "index.md").unlink()  # the starter home: the book's README is the home
    source = _book(tmp_path)
    result = run_kbgen("adopt", str(source), "--lang", "en", "--today", TODAY, "--owner", "docs", cwd=project)
    lines = summary_lines(result.stdout, source)
    assert result.exit_code == 1  # a SUMMARY link to a missing page, and defaulted dates
    assert (
        "GitBook: SUMMARY.md read (11 entries): pages placed in its order, 3 sections named; 3 README.md files "
        "adopted as the folder's index.md; 6 assets carried from .gitbook/assets/ to assets/" in lines
    )
    assert "  SRC/SUMMARY.md:7: 'FAQ' links to quickstart/faq.md, which is not in the tree; not placed" in lines
    assert "  SRC/quickstart/logo.md" in lines  # not in SUMMARY.md: listed, adopted without a place
    assert not any(".gitbook" in line and "hidden" in line for line in lines)
    content = project / "content" / "en"
    assert sorted(p.name for p in (content / "assets").iterdir()) == ASSETS
    assert [p for p in content.rglob("*") if p.name in ("README.md", "SUMMARY.md", ".gitbook.yaml", ".gitbook")] == []
    assert front_matter((content / "index.md").read_bytes())["title"] == "Introduction"
    assert front_matter((content / "plugin-helper-overview" / "index.md").read_bytes()) == {
        "title": "Plugin Helper API",
        "order": 4,
    }
    forward = (content / "input" / "forward.md").read_text(encoding="utf-8")
    assert '![](<../assets/forward (1).png> "Forward")' in forward  # GitBook's figure, a Markdown image
    assert "[forward-protocol.pdf](<../assets/forward-protocol.pdf>)" in forward  # its {% file %} block
    assert "[Input Plugin Overview](index.md)" in forward  # README.md is the folder's page
    overview = (content / "quickstart" / "index.md").read_text(encoding="utf-8")
    assert "(../assets/fluentd-architecture%20%281%29.png)" in overview  # percent-encoded as written

    check = run_kbgen("check", "--today", TODAY, cwd=project)
    assert check.exit_code == 0 and " 0 errors" in check.stdout, check.stdout

    site_dir = project / "site"
    build_site(project / "mkdocs.yml", site_dir, date.fromisoformat(TODAY), strict=False)
    home = (site_dir / "en" / "index.html").read_text(encoding="utf-8")
    shown = _nav(home)
    start = shown.index("Overview")
    assert shown[start : start + 3] == ["Overview", "Input Plugins", "Plugin Helper API"]  # SUMMARY's order
    quickstart = (site_dir / "en" / "quickstart" / "index.html").read_text(encoding="utf-8")
    assert _listing(quickstart)[-3:] == ["Life of a Fluentd event", "Support", "Logo"]
    helpers = (site_dir / "en" / "plugin-helper-overview" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in helpers and "Plugin Helper API" in helpers
    assert _listing(helpers)[-2:] == ["Plugin Helper: Timer", "Plugin Helper: Parser"]
    loaded = 0
    pages = ("quickstart/", "quickstart/life-of-a-fluentd-event/", "input/tail/", "input/forward/")
    for url in ("en/", *(f"en/{page}" for page in pages)):
        page = (site_dir / url / "index.html").read_text(encoding="utf-8")
        images = _images(page, url, site_dir)
        assert images and all(image.is_file() for image in images), (url, images)
        loaded += len(images)
    assert loaded == 6


def test_readme_stays_an_article_outside_a_gitbook_tree(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = tmp_path / "articles"
    (source / "guide").mkdir(parents=True)
    (source / "README.md").write_text("# About this repository\n\nHow to contribute.\n", encoding="utf-8")
    (source / "guide" / "README.md").write_text("# Guide\n\nThe guide.\n", encoding="utf-8")
    adopt(run_kbgen, site, source, "--owner", "docs")
    assert (site.content / "en" / "README.md").is_file() and (site.content / "en" / "guide" / "README.md").is_file()
    assert not (site.content / "en" / "guide" / "index.md").exists()


def test_gitbook_yaml_names_the_summary_and_first_page(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = tmp_path / "book"
    (source / "start").mkdir(parents=True)
    (source / ".gitbook.yaml").write_text("root: ./\nstructure:\n  readme: intro.md\n  summary: CONTENTS.md\n")
    (source / "CONTENTS.md").write_text("* [Intro](intro.md)\n* [Zeta](start/zeta.md)\n* [Alpha](start/alpha.md)\n")
    (source / "intro.md").write_text("# Welcome\n\nThe book.\n", encoding="utf-8")
    (source / "README.md").write_text("# Repository\n\nNotes.\n", encoding="utf-8")
    for name in ("zeta", "alpha"):
        (source / "start" / f"{name}.md").write_text(f"# {name.title()}\n\nText.\n", encoding="utf-8")
    adopt(run_kbgen, site, source, "--owner", "docs")
    content = site.content / "en"
    assert front_matter((content / "index.md").read_bytes())["title"] == "Welcome"
    assert (content / "README.md").is_file()  # the root's README is not the first page here: an article
    assert not (content / "CONTENTS.md").exists()
    assert front_matter((content / "start" / "zeta.md").read_bytes())["order"] == 1
    assert front_matter((content / "start" / "alpha.md").read_bytes())["order"] == 2


def test_a_broken_gitbook_yaml_is_named_with_its_line(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = tmp_path / "book"
    source.mkdir()
    # GitBookIO/public-docs once indented its redirects with tabs
    (source / ".gitbook.yaml").write_text("root: ./\nredirects:\n\ttour/seo: publishing/seo.md\n", encoding="utf-8")
    (source / "README.md").write_text("# Home\n\nText.\n", encoding="utf-8")
    result = adopt(run_kbgen, site, source, "--owner", "docs")
    lines = summary_lines(result.stdout, source)
    assert result.exit_code == 1
    (problem,) = [line for line in lines if line.startswith("  SRC/.gitbook.yaml:")]
    assert problem.startswith("  SRC/.gitbook.yaml:3: YAML syntax error: ") and "GitBook's defaults used" in problem
    assert (site.content / "en" / "index.md").is_file()  # still a GitBook tree: its README is the home


def test_assets_go_elsewhere_when_the_tree_has_an_assets_folder(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = tmp_path / "book"
    (source / ".gitbook" / "assets").mkdir(parents=True)
    (source / "assets").mkdir()
    (source / "assets" / "a.png").write_bytes(b"\x89PNG own")
    (source / ".gitbook" / "assets" / "a.png").write_bytes(b"\x89PNG gitbook")
    (source / "SUMMARY.md").write_text("# Table of contents\n\n* [Home](README.md)\n", encoding="utf-8")
    (source / "README.md").write_text("# Home\n\n![](.gitbook/assets/a.png) ![](assets/a.png)\n", encoding="utf-8")
    adopt(run_kbgen, site, source, "--owner", "docs")
    content = site.content / "en"
    assert (content / "assets" / "a.png").read_bytes() == b"\x89PNG own"
    assert (content / "gitbook-assets" / "a.png").read_bytes() == b"\x89PNG gitbook"
    assert "![](gitbook-assets/a.png) ![](assets/a.png)" in (content / "index.md").read_text(encoding="utf-8")


SUMMARY = """\
# Table of contents

* [What is it?](README.md)

## Product tour

* [Navigation](product-tour/navigation.md)
* [Searching](product-tour/searching/README.md)
  * [Quick find](product-tour/searching/quick-find.md)
  * [AI \\(beta\\)](</product-tour/searching/lens.md>)

## Policies

* Legacy
  * [Old](old.md)
* [Terms](https://policies.example.com/terms)
* [Gone](gone.md)
stray text
"""


def test_summary_places_pages_and_names_folders() -> None:
    files = [
        PurePosixPath(p)
        for p in (
            "README.md",
            "old.md",
            "product-tour/navigation.md",
            "product-tour/searching/README.md",
            "product-tour/searching/lens.md",
            "product-tour/searching/quick-find.md",
        )
    ]
    folder_pages = {PurePosixPath("README.md"), PurePosixPath("product-tour/searching/README.md")}
    summary = read_summary(SUMMARY, PurePosixPath("SUMMARY.md"), PurePosixPath("."), files, folder_pages)
    places = {path.as_posix(): place for path, place in summary.places.items()}
    assert places == {
        "product-tour/navigation.md": 1,
        "product-tour/searching/README.md": 2,  # the folder's place among product-tour's
        "product-tour/searching/quick-find.md": 1,
        "product-tour/searching/lens.md": 2,
        "old.md": 2,  # product-tour/ came first in the top folder
    }
    assert summary.titles[PurePosixPath("product-tour/searching/lens.md")] == "AI (beta)"
    names = {path.as_posix(): (name.title, name.order, name.line) for path, name in summary.sections.items()}
    assert names == {"product-tour": ("Product tour", 1, 5), "product-tour/searching": ("Searching", 2, 8)}
    assert summary.entries == 9
    assert summary.problems == [
        (16, "'Terms' links to https://policies.example.com/terms, another site; kbgen lists only its own pages"),
        (17, "'Gone' links to gone.md, which is not in the tree; not placed"),
        (18, "neither a heading nor a list item; skipped"),
    ]


def test_one_line_figures_become_markdown_images_outside_code() -> None:
    text = (
        '<figure><img src="../.gitbook/assets/image (3).png" alt="A [menu]"><figcaption><p>The "menu"</p>'
        '</figcaption></figure>\n```html\n<figure><img src="x.png" alt=""><figcaption></figcaption></figure>\n```\n'
    )
    figures = convert_figures(text)
    assert figures.converted == 1
    assert figures.text.split("\n")[0] == '![A \\[menu\\]](<../.gitbook/assets/image (3).png> "The \\"menu\\"")'
    assert figures.text.split("\n")[1:] == text.split("\n")[1:]


def test_mdbook_prefix_chapters_and_separators_are_read_too() -> None:
    text = "# Summary\n\n[Introduction](README.md)\n\n- [One](one.md)\n  - [Sub](one/sub.md)\n\n---\n\n"
    text += "[Credits](credits.md)\n"
    files = [PurePosixPath(p) for p in ("README.md", "one.md", "one/sub.md", "credits.md")]
    summary = read_summary(text, PurePosixPath("SUMMARY.md"), PurePosixPath("."), files, {PurePosixPath("README.md")})
    assert summary.problems == [] and summary.entries == 4
    assert {p.as_posix(): n for p, n in summary.places.items()} == {"one.md": 1, "one/sub.md": 1, "credits.md": 3}
    assert summary.sections[PurePosixPath("one")].title == "One"  # the chapter over the pages in one/


def test_a_summary_nested_a_thousand_deep_is_read_in_one_problem(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    """1,400 bullets each indented one more (1 MB, under the TOC size limit) ended adopt in RecursionError, an
    internal error with nothing adopted: the entries were walked by recursion."""
    bullets = "".join(f"{' ' * depth}* [Step {depth}](step-{depth}.md)\n" for depth in range(1400))
    files = [PurePosixPath(f"step-{depth}.md") for depth in range(1400)]
    summary = read_summary(f"# Summary\n\n{bullets}", PurePosixPath("SUMMARY.md"), PurePosixPath("."), files, set())
    assert summary.problems == [(67, "nested deeper than 64 levels; this bullet and any deeper are placed at the 64th")]
    assert summary.entries == 1400 and summary.places[PurePosixPath("step-1399.md")] == 1400  # order kept
    source = tmp_path / "book"
    source.mkdir()
    (source / "SUMMARY.md").write_text(f"# Summary\n\n{bullets}", encoding="utf-8")
    (source / "step-0.md").write_text("# Step 0\n\nText.\n", encoding="utf-8")
    result = adopt(run_kbgen, site, source, "--owner", "docs")
    assert "internal error" not in result.output
    assert front_matter((site.content / "en" / "step-0.md").read_bytes())["title"] == "Step 0"


def test_adopting_the_book_again_finds_its_assets_where_it_left_them(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    source = _book(tmp_path)
    adopt(run_kbgen, site, source, "--owner", "docs")
    again = summary_lines(adopt(run_kbgen, site, source, "--owner", "docs").stdout, source)
    assert any(line.endswith("0 assets carried from .gitbook/assets/ to assets/") for line in again), again
    assert not (site.content / "en" / "gitbook-assets").exists()  # no second copy beside the first
    (site.content / "en" / "assets" / "tail.png").write_bytes(b"someone else's picture")
    third = summary_lines(adopt(run_kbgen, site, source, "--owner", "docs").stdout, source)
    assert any(line.endswith("6 assets carried from .gitbook/assets/ to gitbook-assets/") for line in third)
    assert (site.content / "en" / "assets" / "tail.png").read_bytes() == b"someone else's picture"
