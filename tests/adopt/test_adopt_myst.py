"""`kbgen adopt` on a Sphinx tree written in MyST Markdown: directives, roles and targets show as the Sphinx site
showed them. The tree is tests/adopt/fixtures/myst/ (from executablebooks/MyST-Parser's docs, MIT; see its README)."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path, PurePosixPath

from kbgen.adopt.myst_directives import convert_directives
from kbgen.adopt.myst_includes import expand_includes
from kbgen.adopt.myst_roles import convert_roles, read_index
from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run
from tests.adopt.test_adopt_includes import summary_lines
from tests.support.project import Site

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "myst"


def _adopt(tmp_path: Path, site: Site, run_kbgen: Run) -> tuple[Path, list[str]]:
    source = tmp_path / "docs"
    shutil.copytree(FIXTURE, source, ignore=shutil.ignore_patterns("README.md"))
    result = run_kbgen("adopt", str(source), "--lang", "en", "--today", TODAY, "--owner", "docs", cwd=site.root)
    assert result.exit_code in (0, 1), result.output
    return source, summary_lines(result.stdout, source)


def test_directives_and_roles_show_as_admonitions_tabs_code_figures_and_links(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    _, lines = _adopt(tmp_path, site, run_kbgen)
    site.configure(foreign_keys=["myst"])
    text = site.config_file.read_text(encoding="utf-8")
    tabs = "- pymdownx.tabbed:\n    alternate_style: true\n- pymdownx.details\n"
    site.config_file.write_text(text.replace("markdown_extensions:\n", "markdown_extensions:\n" + tabs), "utf-8")
    build_site(site.config_file, site.site_dir, date.fromisoformat(TODAY), strict=False)
    page = site.read_output("en/syntax/admonitions/index.html")
    assert '<p class="admonition-title">Mind the version</p>' in page
    assert '<div class="admonition tip">' in page and "My custom title with <em>Markdown</em>!" in page
    assert '<details class="note">' in page and "This admonition has been collapsed." in page
    assert '<label for="__tabbed_1_1">Label1</label><label for="__tabbed_1_2">Label2</label>' in page
    assert "{tip}" not in page and "{tab-item}" not in page and "kept out of the page" not in page
    assert ":::{glossary}" in page  # unknown: left as written, never dropped
    code = site.read_output("en/syntax/code/index.html")
    assert '<span class="filename">example.py</span>' in code and '<span class="hll">' in code
    assert 'alt="MyST logo"' in code and "<em>The MyST logo, as a figure.</em>" in code
    assert "<kbd>Ctrl</kbd>+<kbd>C</kbd>" in code and '<abbr title="Markedly Structured Text">MyST</abbr>' in code
    assert "use roles." in code
    home = site.read_output("en/index.html")
    assert '<a href="syntax/admonitions/">Admonitions</a>' in home
    assert '<a href="syntax/cross-referencing/#syntax/referencing">how to reference</a>' in home
    refs = site.read_output("en/syntax/cross-referencing/index.html")
    assert 'id="syntax/referencing"' in refs and '<a href="#syntax/referencing">Referencing targets</a>' in refs
    assert "(syntax/referencing)=" not in refs
    assert (
        "  SRC/syntax/cross-referencing.md:8: MyST role {ref}`a missing one <nowhere>` left as written: it names "
        "no page or (label)= of the tree; write a Markdown link or text"
    ) in lines
    assert (
        "  SRC/syntax/admonitions.md:38: MyST directive {glossary} left as written: kbgen has none like it; write it "
        "in Markdown"
    ) in lines


def test_code_fences_and_code_spans_are_never_read() -> None:
    text = "````md\n```{note}\nShown as code.\n```\n````\n\nWrite `` {ref}`x` `` or {ref}`x`.\n"
    directives = convert_directives(text)
    assert directives.text == text and directives.directives == 0
    index = read_index([(PurePosixPath("a.md"), "# A\n\n(x)=\n## X\n")])
    roles = convert_roles(text, PurePosixPath("b.md"), index)
    assert roles.text.split("\n")[6] == "Write `` {ref}`x` `` or [X](<a.md#x>)."


def test_a_nested_directive_inside_a_tab_is_converted_and_the_page_keeps_its_words() -> None:
    text = "::::{tab-set}\n:::{tab-item} Linux\n```{note}\nUse apt.\n```\n:::\n::::\nAfter.\n"
    converted = convert_directives(text).text
    assert '=== "Linux"' in converted and "    !!! note" in converted and "        Use apt." in converted
    assert converted.rstrip().endswith("After.")


def test_an_include_left_as_written_is_noted_once_with_its_line(tmp_path: Path) -> None:
    text = "# Guide\n\n```{include} ../README.md\n```\n"
    expanded = expand_includes(text, tmp_path, PurePosixPath("guide.md"), first_line=3)
    assert "```{include} ../README.md" in expanded.text
    assert [(left.line, left.message) for left in expanded.left] == [
        (5, "MyST {include} ../README.md not expanded: the file is outside the adopted folder; paste its text here")
    ]
    assert convert_directives(expanded.text).left == []  # noted where it was read, not twice


def test_toctrees_order_the_nav_and_a_visible_one_lists_its_pages_with_cards_and_buttons_as_links(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    _, lines = _adopt(tmp_path, site, run_kbgen)
    assert "Sphinx: the toctrees from index.md read (4 entries): pages placed in their order, 1 section named" in lines
    conf = (
        "  SRC/conf.py: the Sphinx configuration (never read or run): kbgen does not publish '.py' files; not carried"
    )
    assert conf in lines
    build_site(site.config_file, site.site_dir, date.fromisoformat(TODAY), strict=False)
    section = site.read_output("en/syntax/index.html")
    nav = re.findall(r'<a href="([\w-]+)/" class="md-nav__link"><span class="md-ellipsis">', section)
    assert nav == ["cross-referencing", "admonitions", "code"]  # the toctree's order, not the alphabet's
    assert '<span class="md-ellipsis">Authoring</span>' in section  # its caption names the folder
    home = site.read_output("en/index.html")
    listed = re.findall(r'<li><a href="syntax/([\w-]+)/">([^<]+)</a></li>', home)
    assert listed == [("cross-referencing", "Cross-referencing"), ("admonitions", "Admonitions"),
                      ("code", "Code and figures")]  # fmt: skip
    assert '<strong><a href="syntax/code/">Write code</a></strong>' in home
    assert '<strong><a href="syntax/cross-referencing/#syntax/referencing">Cross-reference</a></strong>' in home
    assert '<a href="https://example.com">Visit the project</a>' in home
    assert "{grid" not in home and "+++" not in home and "{toctree}" not in home and "{doc}" not in home


def test_a_note_below_a_converted_directive_names_the_line_the_writer_wrote() -> None:
    text = "# A\n\n```{note}\n:class: tip\n:name: n\n\nText.\n```\n\nSee {ref}`nowhere`.\n"
    directives = convert_directives(text)
    roles = convert_roles(directives.text, PurePosixPath("a.md"), read_index([]))
    assert [left.line for left in roles.left] == [10]  # the role's own line, not one moved by the directive


def test_a_glob_in_a_visible_toctree_is_noted_with_its_line_and_never_listed() -> None:
    text = "# A\n\n```{toctree}\n:glob:\n\nguide/*\nintro\n```\n"
    converted = convert_directives(text)
    assert "- {doc}`intro`" in converted.text and "guide/*" not in converted.text
    assert [(left.line, left.message) for left in converted.left] == [
        (6, "MyST toctree entry 'guide/*' is a glob; kbgen lists no pages for it: name each page")
    ]


def test_includes_put_the_files_text_in_the_page_and_a_download_kbgen_cannot_publish_is_noted(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    _, lines = _adopt(tmp_path, site, run_kbgen)
    assert not (site.root / "content/en/snippets").exists()  # an included file is no page of its own
    assert any("2 includes ({include}, {literalinclude}) expanded; 1 included file not adopted as a page" in line
               for line in lines)  # fmt: skip
    assert (
        "  SRC/syntax/code.md:29: MyST role {download}`the script <../examples/hello.py>`: kbgen does not publish "
        "'.py' files, so its text is left without a link; zip the file, or link where it is published"
    ) in lines
    assert (
        "  SRC/syntax/code.md:31: MyST {include} ../../outside.md not expanded: the file is outside the adopted "
        "folder; paste its text here"
    ) in lines
    build_site(site.config_file, site.site_dir, date.fromisoformat(TODAY), strict=False)
    code = site.read_output("en/syntax/code/index.html")
    assert "shares <strong>one intro</strong>" in code and "Included directives are converted too." in code
    assert '<div class="admonition tip">' in code and "{tip}" not in code
    assert "never included" not in code and "never shown" not in code and "&lt;!-- start" not in code
    assert "hello" in code and "exit" in code and "import" not in code  # :lines: 3-4 of the script
    assert "Get the script." in code and "hello.py" not in code.split("Get the script.")[1].split("</p>")[0]
    assert "{include} ../../outside.md" in code  # left as written, never dropped


def test_include_options_cut_the_text_as_docutils_does(tmp_path: Path) -> None:
    (tmp_path / "part.md").write_text("zero\none\ntwo\nthree\n", encoding="utf-8")
    (tmp_path / "loop.md").write_text("```{include} loop.md\n```\n", encoding="utf-8")
    text = "```{include} part.md\n:start-line: 1\n:end-line: 3\n```\n\n```{include} loop.md\n```\nEnd {x}`y`.\n"
    expanded = expand_includes(text, tmp_path, PurePosixPath("page.md"))
    assert expanded.text.split("\n")[:4] == ["<!-- included from part.md -->", "one", "two", "<!-- end of part.md -->"]
    assert [(left.line, left.message) for left in expanded.left] == [
        (6, "MyST {include} loop.md not expanded: a cycle (loop.md → loop.md)")
    ]
    assert expanded.origins[expanded.text.split("\n").index("End {x}`y`.")] == 8  # the line the writer wrote
