"""`kbgen adopt` on a VitePress docs tree: its root language at the top with `zh/` beside it, and its Markdown
extensions. The tree is tests/adopt/fixtures/vitepress/ (from vuejs/vitepress' docs, MIT; see its README)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path, PurePosixPath

from kbgen.adopt.vitepress_syntax import convert_vitepress
from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run, front_matter
from tests.adopt.test_adopt_includes import summary_lines
from tests.support.project import Site

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "vitepress"


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "vitepress" / "docs"
    shutil.copytree(FIXTURE, source, ignore=shutil.ignore_patterns("README.md"))
    return source


def _adopt(run_kbgen: Run, site: Site, source: Path, lang: str) -> tuple[int, list[str]]:
    result = run_kbgen("adopt", str(source), "--lang", lang, "--today", TODAY, "--owner", "docs", cwd=site.root)
    return result.exit_code, summary_lines(result.stdout, source) + result.stderr.splitlines()


def _adopted(site: Site, lang: str) -> list[str]:
    folder = site.content / lang
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))


def test_locale_folders_beside_the_root_language_are_adopted_each_with_its_own_lang(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    site.configure(languages=["en", "zh"])
    source = _source(tmp_path)
    code, english = _adopt(run_kbgen, site, source, "en")
    assert code in (0, 1)
    assert _adopted(site, "en") == ["guide/getting-started.md", "index.md", "reference/badge.md"]  # no en/zh/...
    assert any("locale folders beside the root language, not adopted: zh/ (2 pages)" in line for line in english)
    code, refused = _adopt(run_kbgen, site, source, "zh")  # the root is not Chinese: the folder is named
    assert code == 2
    assert any(f"adopt {(source / 'zh').as_posix()} with --lang zh" in line for line in refused)
    assert _adopted(site, "zh") == []
    code, _ = _adopt(run_kbgen, site, source / "zh", "zh")
    assert code in (0, 1)
    assert _adopted(site, "zh") == ["guide/getting-started.md", "index.md"]
    status = run_kbgen("translate-status", "--format", "json", cwd=site.root)
    entries = {e["path"]: e for e in json.loads(status.stdout)["translations"]}
    assert entries["content/zh/guide/getting-started.md"]["source"] == "content/en/guide/getting-started.md"


def test_a_folder_named_as_a_language_that_translates_nothing_stays_a_section(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    source = tmp_path / "docs"
    (source / "it").mkdir(parents=True)
    (source / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    (source / "it" / "laptops.md").write_text("# Laptops\n\nAsk IT for one.\n", encoding="utf-8")
    code, lines = _adopt(run_kbgen, site, source, "en")
    assert code in (0, 1)
    assert _adopted(site, "en") == ["index.md", "it/laptops.md"]
    assert not any("locale folders" in line for line in lines)


def test_code_groups_imports_and_toc_show_as_tabs_code_and_a_table_of_contents(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    source = _source(tmp_path)
    code, lines = _adopt(run_kbgen, site, source, "en")
    assert code == 1  # an import left as written, and defaults
    page_line = 64  # `<<< ../snippets/missing.js` in guide/getting-started.md
    assert (
        f"  SRC/guide/getting-started.md:{page_line}: <<< ../snippets/missing.js not expanded: no such file in the "
        "adopted folder; paste its text here"
    ) in lines
    assert any(line.startswith("1 home page (VitePress' layout: home") for line in lines)
    assert any(
        line.startswith("components made Markdown: 3 Starlight or VitePress components") for line in lines
    )  # the badges
    assert (
        'VitePress: 1 code group made content tabs (=== "npm"), 1 [[toc]] marker made [TOC], 2 code imports and '
        "includes (<<< @/file, <!--@include: file-->) expanded"
    ) in lines
    written = (site.content / "en" / "guide" / "getting-started.md").read_text(encoding="utf-8")
    original = (source / "guide" / "getting-started.md").read_text(encoding="utf-8")
    shift = written.split("\n").index("# Getting Started") - original.split("\n").index("# Getting Started")
    # the code group keeps its lines: the note after it stands as far below the title as in the source
    assert written.split("\n").index("::: tip NOTE") - original.split("\n").index("::: tip NOTE") == shift
    summary = front_matter(written.encode("utf-8"))["summary"]
    assert isinstance(summary, str) and summary.startswith("VitePress can be used on its own")  # not [[toc]]

    site.configure(foreign_keys=["outline", "layout", "hero", "features"])
    _with_tabs(site)
    build_site(site.config_file, site.site_dir, date.fromisoformat(TODAY), strict=False)
    page = site.read_output("en/guide/getting-started/index.html")
    assert '<label for="__tabbed_1_1">npm</label><label for="__tabbed_1_2">pnpm</label>' in page
    assert "code-group" not in page and "[[toc]]" not in page.lower()
    assert '<div class="toc">' in page and '<a href="#install">Installation</a>' in page
    assert "Welcome to VitePress!" in page  # @/snippets/init.ansi, imported
    assert "&lt;&lt;&lt; @/snippets" not in page and "&lt;&lt;&lt; ../snippets/missing.js" in page
    assert '<a href="#install">the install step</a>' in page  # {#install} is the heading's id
    home = site.read_output("en/index.html")  # layout: home, its words only in hero and features
    assert "<strong>VitePress</strong>: Vite &amp; Vue Powered Static Site Generator" in home
    assert '<a href="guide/getting-started/">What is VitePress?</a>' in home
    assert "<li><strong>Focus on your content</strong>: Effortlessly create beautiful documentation" in home
    assert 'class="write"' not in home  # a feature's icon is decoration, never read
    badge = site.read_output("en/reference/badge/index.html")
    assert '<span class="kb-badge kb-badge--tip">^1.9.0</span>' in badge
    assert '<span class="kb-badge kb-badge--info">custom element</span>' in badge


def test_an_import_outside_the_tree_or_of_a_missing_region_is_left_and_named(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    (root / "guide").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("not yours\n", encoding="utf-8")
    (root / "guide" / "x.ts").write_text("a()\n// #region main\n  b()\n// #endregion main\n", encoding="utf-8")
    text = "<<< ../../secret.txt\n\n<<< ./x.ts#main{1 ts:line-numbers}\n\n<<< ./x.ts#other\n"
    converted = convert_vitepress(text, root, PurePosixPath("guide/page.md"), 10)
    assert converted.text.split("\n")[:5] == ["<<< ../../secret.txt", "", "```ts", "b()", "```"]
    assert [(left.line, left.message) for left in converted.left] == [
        (10, "<<< ../../secret.txt not expanded: the file is outside the adopted folder; paste its text here"),
        (14, "<<< ./x.ts#other not expanded: the file has no region 'other'; paste its text here"),
    ]
    assert "not yours" not in converted.text


def test_a_code_group_with_prose_inside_or_never_closed_stays_as_written() -> None:
    text = "::: code-group\n\n```sh [npm]\nnpm i\n```\n\nThen run it.\n\n:::\n\n::: code-group\n```sh\nx\n```\n"
    converted = convert_vitepress(text, Path("/nowhere"), PurePosixPath("a.md"))
    assert converted.text == text and converted.code_groups == 0


def _with_tabs(site: Site) -> None:
    text = site.config_file.read_text(encoding="utf-8")
    added = "- pymdownx.tabbed:\n    alternate_style: true\n"
    site.config_file.write_text(text.replace("markdown_extensions:\n", "markdown_extensions:\n" + added), "utf-8")


def test_a_markdown_include_puts_the_files_text_where_the_comment_hid_it(tmp_path: Path) -> None:
    """`<!--@include: ./parts/basics.md{3,}-->` (vuejs/vitepress docs/en/guide/markdown.md, MIT) is an HTML comment:
    kept as written, the included text would vanish from the page without a word."""
    root = tmp_path / "docs"
    (root / "parts").mkdir(parents=True)
    (root / "parts" / "basics.md").write_text("---\ntitle: Parts\n---\n# Basics\n\nStep one.\n", encoding="utf-8")
    text = "# Guide\n\n<!--@include: ./parts/basics.md-->\n\n<!--@include: ./parts/basics.md{3,}-->\n\nEnd.\n"
    converted = convert_vitepress(text, root, PurePosixPath("guide.md"))
    assert converted.text == "# Guide\n\n# Basics\n\nStep one.\n\nStep one.\n\nEnd.\n"
    missing = convert_vitepress("<!--@include: ../out.md-->\n", root, PurePosixPath("guide.md"), 7)
    assert missing.text == "<!--@include: ../out.md-->\n"
    assert [(left.line, left.message) for left in missing.left] == [
        (7, "<!--@include: ../out.md--> not expanded: the file is outside the adopted folder; paste its text here")
    ]


def test_imports_that_would_make_the_page_huge_are_left_and_named(tmp_path: Path) -> None:
    """Each import may read a file of up to 1 MiB: 50,000 of them wrote a page 50 GB long."""
    (tmp_path / "big.js").write_text("x" * 900_000 + "\n", encoding="utf-8")
    converted = convert_vitepress("<<< @/big.js\n" * 6, tmp_path, PurePosixPath("a.md"), 3)
    assert converted.imports == 4 and len(converted.text) < 4 * 1024 * 1024
    assert [left.line for left in converted.left] == [7, 8]
    assert converted.left[0].message.endswith("the page's imports and includes would add more than 4 MiB")
