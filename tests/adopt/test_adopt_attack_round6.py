"""Red team, round six: hostile MyST and VitePress trees for `kbgen adopt` (includes that loop through links, name
what no file system can hold, cut a file into gigabytes, or open thousands of fences that never close)."""

from __future__ import annotations

import html
import re
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path, PurePosixPath
from types import FrameType

import pytest

from kbgen.adopt.gitbook_blocks import convert_gitbook_blocks
from kbgen.adopt.mdx_components import convert_components
from kbgen.adopt.myst_directives import convert_directives
from kbgen.adopt.myst_includes import expand_includes, included_pages
from kbgen.adopt.myst_roles import convert_roles, read_index
from kbgen.adopt.starlight_components import convert_starlight
from kbgen.adopt.vitepress_syntax import convert_vitepress
from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run, adopt, front_matter
from tests.support.project import Site, article
from tests.support.site_audit import site_problems


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail (not hang) when the block runs longer than `seconds`."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _messages(left: list) -> list[tuple[int, str]]:  # type: ignore[type-arg]
    return [(item.line, item.message) for item in left]


def test_a_vitepress_import_through_a_link_loop_is_named_not_an_internal_error(tmp_path: Path) -> None:
    """`a -> b -> a`: the check that an import passes through no link resolved the path, and Python raised
    RuntimeError ("Symlink loop"), which ended adopt in an internal error."""
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    text = "# Page\n\n<<< ./a/x.js\n\n<!--@include: ./b/y.md-->\n"
    converted = convert_vitepress(text, tmp_path, PurePosixPath("index.md"))
    assert converted.text == text
    assert _messages(converted.left) == [
        (3, "<<< ./a/x.js not expanded: the path passes through a symbolic link; paste its text here"),
        (5, "<!--@include: ./b/y.md--> not expanded: the path passes through a symbolic link; paste its text here"),
    ]


def test_include_paths_no_file_system_can_hold_are_named_not_internal_errors(tmp_path: Path) -> None:
    """A NUL in a path made os.lstat raise ValueError; a 5,000-character name, OSError from the link check."""
    long_name = "x" * 5000
    text = f"<<< ./a\0b.js\n<!--@include: ./a\0b.md-->\n<<< @/{long_name}.js\n"
    converted = convert_vitepress(text, tmp_path, PurePosixPath("index.md"))
    assert converted.text == text
    reasons = [message.split(" not expanded: ")[1] for _, message in _messages(converted.left)]
    assert reasons == [
        "cannot read it (a file name cannot hold a NUL character); paste its text here",
        "cannot read it (a file name cannot hold a NUL character); paste its text here",
        "cannot read it (File name too long); paste its text here",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "<!--@include: ./part.md{" + "9" * 5000 + ",}-->",
        "<!--@include: ./part.md{2," + "9" * 5000 + "}-->",
    ],
)
def test_a_line_number_thousands_of_digits_long_cuts_as_the_end_of_the_file_does(tmp_path: Path, text: str) -> None:
    """Python reads no more than 4,300 digits as a number: such a range ended adopt in ValueError."""
    (tmp_path / "part.md").write_text("one\ntwo\nthree\n", encoding="utf-8")
    converted = convert_vitepress(text, tmp_path, PurePosixPath("index.md"))
    assert converted.text in ("", "two\nthree")
    assert converted.imports == 1 and converted.left == []


def test_a_vitepress_range_from_line_zero_starts_at_the_first_line(tmp_path: Path) -> None:
    (tmp_path / "part.md").write_text("one\ntwo\nthree\n", encoding="utf-8")
    converted = convert_vitepress("<!--@include: ./part.md{0,2}-->", tmp_path, PurePosixPath("index.md"))
    assert converted.text == "one\ntwo"


def test_myst_line_options_thousands_of_digits_long_are_read_not_internal_errors(tmp_path: Path) -> None:
    (tmp_path / "x.py").write_text("a = 1\nb = 2\n", encoding="utf-8")
    (tmp_path / "part.md").write_text("one\ntwo\n", encoding="utf-8")
    huge = "9" * 5000
    text = f"```{{literalinclude}} x.py\n:lines: 2,{huge}\n```\n\n```{{include}} part.md\n:start-line: {huge}\n```"
    expanded = expand_includes(text, tmp_path, PurePosixPath("index.md"))
    assert expanded.left == [] and expanded.expanded == 2
    assert "b = 2" in expanded.text and "a = 1" not in expanded.text and "one" not in expanded.text


def test_a_literal_include_naming_its_lines_thousands_of_times_is_refused_before_it_fills_the_memory(
    tmp_path: Path,
) -> None:
    """`:lines: 1-,1-,…` copied a 400 KB file once per range before the page's 4 MiB bound was checked: 300 ranges
    took 1 GB and 11 s, 3,000 more memory than the machine had."""
    (tmp_path / "x.py").write_text("a\n" * 200_000, encoding="utf-8")
    text = "```{literalinclude} x.py\n:lines: " + ",".join(["1-"] * 3000) + "\n```\n"
    with within(10):
        expanded = expand_includes(text, tmp_path, PurePosixPath("index.md"))
    assert expanded.text == text
    assert _messages(expanded.left) == [
        (1, "MyST {literalinclude} x.py not expanded: the page's includes would add more than 4 MiB")
    ]


@pytest.mark.parametrize("opening", ["```{xinclude} a.md", "```{include} a.md"])
def test_thousands_of_directives_that_never_close_are_read_in_linear_time(tmp_path: Path, opening: str) -> None:
    """Each line that opened a fence was followed to the page's end to find its closing: 8,000 such lines took 5 s
    in each of two readers, the 50,000 of a 1 MiB page four minutes."""
    text = f"{opening}\n" * 50_000  # under the 1 MiB an included file may hold
    page = tmp_path / "index.md"
    page.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    with within(20):
        expanded = expand_includes(text, tmp_path, PurePosixPath("index.md"))
        included_pages(tmp_path, [PurePosixPath("index.md")])
        converted = convert_directives(text)
    assert time.perf_counter() - started < 5
    assert expanded.text == text
    assert converted.text.count("a.md") == 50_000


def test_includes_before_and_after_another_directive_are_each_expanded(tmp_path: Path) -> None:
    (tmp_path / "part.md").write_text("Included words.\n", encoding="utf-8")
    text = "```{include} part.md\n```\n\n```{note}\nA note.\n```\n\n```{include} part.md\n```"
    (tmp_path / "index.md").write_text(text, encoding="utf-8")
    expanded = expand_includes(text, tmp_path, PurePosixPath("index.md"))
    assert expanded.expanded == 2 and expanded.text.count("Included words.") == 2
    assert included_pages(tmp_path, [PurePosixPath("index.md"), PurePosixPath("part.md")]) == {PurePosixPath("part.md")}


PAYLOAD = '<img src=x onerror="window.__kbxss=1">'


def _starlight_page() -> str:
    return (
        f"<Card title='Card {PAYLOAD}'>\nCard text.\n</Card>\n\n"
        f"<LinkCard title='Link {PAYLOAD}' href='x) [y](javascript:alert(1)' description='About {PAYLOAD}' />\n\n"
        f"<LinkCard title='Plain' href='guide one.md' description='About {PAYLOAD}' />\n\n"
        f"<Aside type='tip' title='Aside {PAYLOAD}'>\nAside text.\n</Aside>\n"
    )


def test_starlight_titles_and_descriptions_are_shown_as_the_words_written() -> None:
    """Astro escapes a component's attributes: `<img …>` in a card's title is words on the Starlight page. Adopt
    wrote it into the Markdown as it was, so the page grew an image (the sanitizer took its handler) and lost words;
    an `href` holding `)` ended the link and began another, to javascript:."""
    converted = convert_starlight(_starlight_page()).text
    escaped = PAYLOAD.replace("<", "&lt;").replace(">", "&gt;")
    assert f"**Card {escaped}**" in converted
    assert f"[Plain](<guide one.md>): About {escaped}" in converted
    assert f'!!! tip "Aside {escaped.replace(chr(34), chr(39))}"' in converted
    assert f"[Link {escaped}](<x) [y](javascript:alert(1)>): About {escaped}" in converted  # one link, one address


def test_vitepress_tab_titles_and_code_languages_cannot_break_out_of_their_lines(tmp_path: Path) -> None:
    """A code group's `[label]` is text on the VitePress page, and `{1 js"><b>}` named no language: written as they
    were, the tab title held markup and the fence's info ended at the `"`, its code shown as a paragraph."""
    (tmp_path / "x.js").write_text("let a = 1\n", encoding="utf-8")
    text = f'::: code-group\n\n```sh [npm {PAYLOAD}]\nnpm i\n```\n\n:::\n\n<<< ./x.js{{1 js"><b>}}\n'
    converted = convert_vitepress(text, tmp_path, PurePosixPath("index.md")).text
    assert '=== "npm &lt;img src=x onerror="window.__kbxss=1"&gt;"' in converted
    assert "```js\nlet a = 1\n```" in converted


def test_myst_code_languages_and_role_text_cannot_break_out(tmp_path: Path) -> None:
    (tmp_path / "x.py").write_text("a = 1\n", encoding="utf-8")
    text = (
        '```{code-block} python"><b>\nprint(1)\n```\n\n'
        '```{literalinclude} x.py\n:language: py"<b>\n```\n\n'
        f"{{download}}`Get {PAYLOAD} <files/run.zip>`\n"
    )
    expanded = expand_includes(text, tmp_path, PurePosixPath("index.md")).text
    converted = convert_directives(expanded).text
    roles = convert_roles(converted, PurePosixPath("index.md"), read_index([])).text
    assert "```text\nprint(1)\n```" in roles
    assert "```python\na = 1\n```" in roles
    assert '[Get &lt;img src=x onerror="window.__kbxss=1"&gt;](<files/run.zip>)' in roles


def test_adopted_titles_and_labels_reach_the_page_as_text(tmp_path: Path, site: Site) -> None:
    """The Markdown adopt writes for hostile components, built: the words are on the page, no markup from them."""
    (tmp_path / "x.js").write_text("let a = 1\n", encoding="utf-8")
    group = f'::: code-group\n\n```sh [npm {PAYLOAD}]\nnpm i\n```\n\n:::\n\n<<< ./x.js{{1 js"><b>}}\n'
    grouped = convert_vitepress(group, tmp_path, PurePosixPath("a.md")).text
    body = convert_starlight(_starlight_page()).text + "\n" + grouped
    site.write("en/hostile.md", article(title="Hostile", body=body))
    site.write("en/guide one.md", article(title="Guide", body="Text.\n"))
    text = site.config_file.read_text(encoding="utf-8")
    tabs = "- pymdownx.tabbed:\n    alternate_style: true\n"
    site.config_file.write_text(text.replace("markdown_extensions:\n", "markdown_extensions:\n" + tabs), "utf-8")
    build_site(site.config_file, site.site_dir, date.fromisoformat(TODAY), strict=False)
    page = site.read_output("en/hostile/index.html")
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    for words in (f"Card {PAYLOAD}", f"About {PAYLOAD}", f"npm {PAYLOAD}"):
        assert words in shown
    assert "<img" not in page.split("<article", 1)[1].split("</article>", 1)[0]
    assert "<code>js" not in page and "let a = 1" in shown
    assert site_problems(site.site_dir) == {}


def test_source_names_with_a_line_break_or_a_bidi_override_are_shown_on_one_line_as_they_are(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    """`d\\nnewline.md` printed a line break into the summary (a second, forged note line), and U+202E in
    `a\\u202egnp.md` made the terminal show the name as `amd.png` (CVE-2021-42574, "Trojan Source")."""
    source = tmp_path / "docs"
    source.mkdir()
    (source / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    (source / "a\u202egnp.md").write_text("# Bidi\n\nText.\n", encoding="utf-8")
    (source / "d\nforged.md").write_text("# Forged\n\nText.\n", encoding="utf-8")
    result = adopt(run_kbgen, site, source, "--owner", "docs")
    assert "\u202e" not in result.stdout
    assert f"  {source.as_posix()}/a\\u202egnp.md: owner 'docs'" in result.stdout
    assert f"  {source.as_posix()}/d\\x0aforged.md: 'd\\x0aforged.md' contains '\\n'" in result.stdout
    assert not any(line.startswith("forged.md") for line in result.stdout.splitlines())


def test_check_shows_a_bidi_override_in_a_finding_as_an_escape(site: Site, run_kbgen: Run) -> None:
    site.write("en/a\u202egnp.md", "---\ntitle: [unclosed\n---\nBody.\n")
    result = run_kbgen("check", "--today", TODAY, cwd=site.root)
    assert result.exit_code == 1
    assert "content/en/a\\u202egnp.md:1:1: error KB147" in result.stdout and "\u202e" not in result.stdout


def test_an_included_file_saved_with_a_bom_keeps_its_front_matter_out_of_the_page(tmp_path: Path) -> None:
    """A BOM before `---` hid the front matter from MyST's and VitePress' includes: its keys, an owner's e-mail
    among them, were published as the page's text (DocFX's includes already read past the BOM)."""
    (tmp_path / "part.md").write_bytes(b"\xef\xbb\xbf---\ntitle: Part\nowner: owner@example.com\n---\nPart text.\n")
    (tmp_path / "x.py").write_bytes(b"\xef\xbb\xbfa = 1\n")
    myst = expand_includes(
        "```{include} part.md\n```\n\n```{literalinclude} x.py\n```", tmp_path, PurePosixPath("i.md")
    )
    vitepress = convert_vitepress("<!--@include: ./part.md-->\n\n<<< ./x.py\n", tmp_path, PurePosixPath("i.md"))
    for text in (myst.text, vitepress.text):
        assert "owner@example.com" not in text and "\ufeff" not in text
        assert "Part text." in text
        assert re.search(r"```py(thon)?\na = 1\n```", text)


def test_a_summary_and_title_read_from_the_text_hold_the_words_the_reader_sees_not_tags(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    """A MyST `{kbd}` role becomes `<kbd>Ctrl</kbd>`; read into the summary as it was, every listing showed the tags
    as text (escaped, as all summaries are), and a `&quot;` in an attribute came back as a `"` that broke it."""
    source = tmp_path / "docs"
    source.mkdir()
    (source / "conf.py").write_text("", encoding="utf-8")
    (source / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    (source / "keys.md").write_text(
        "# Keys <small>beta</small>\n\nPress {kbd}`Ctrl+C` or <b>stop</b>; `<b>` stays code, &lt;i&gt; text.\n",
        encoding="utf-8",
    )
    result = adopt(run_kbgen, site, source, "--owner", "docs")
    assert result.exit_code in (0, 1), result.output
    fields = front_matter((site.content / "en" / "keys.md").read_bytes())
    assert fields["title"] == "Keys beta"
    assert fields["summary"] == "Press Ctrl+C or stop; <b> stays code, <i> text."


def test_a_file_an_include_cannot_read_is_named_not_silently_dropped_as_a_part(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    """An {include} made its target a part of the including page, never a page of its own, even when the include
    could not read it (Latin-1 text), the including page was itself refused (named `nul.md`), or two pages only
    included each other: the text reached no page, and the summary said "the text is in its pages"."""
    source = tmp_path / "docs"
    source.mkdir()
    (source / "conf.py").write_text("", encoding="utf-8")
    (source / "index.md").write_text("# Home\n\n```{include} latin.md\n```\n", encoding="utf-8")
    (source / "latin.md").write_bytes(b"# Caf\xe9\n\nText.\n")
    (source / "nul.md").write_text("# Nul\n\n```{include} part.md\n```\n", encoding="utf-8")
    (source / "part.md").write_text("# Part\n\nPart text.\n", encoding="utf-8")
    (source / "ring-a.md").write_text("# Ring A\n\nA text.\n\n```{include} ring-b.md\n```\n", encoding="utf-8")
    (source / "ring-b.md").write_text("# Ring B\n\nB text.\n\n```{include} ring-a.md\n```\n", encoding="utf-8")
    result = adopt(run_kbgen, site, source, "--owner", "docs")
    assert f"  {source.as_posix()}/latin.md:1: not valid UTF-8 (byte 0xE9); save the file as UTF-8; not adopted" in (
        result.stdout
    )
    assert (site.content / "en" / "part.md").read_text(encoding="utf-8").endswith("Part text.\n")
    assert "included files not adopted as pages" not in result.stdout
    for ring in ("ring-a.md", "ring-b.md"):  # only each other's parts: each a page, the ring noted
        assert "A text." in (site.content / "en" / ring).read_text(encoding="utf-8")


def test_tab_labels_from_docusaurus_starlight_and_gitbook_are_shown_as_the_words_written() -> None:
    """Each source shows a tab's label as text; written into `=== "..."` as it was, markup in it became the tab's
    markup (an image, its handler taken by the sanitizer) and the words were lost."""
    mdx = convert_components(f"<Tabs>\n<TabItem label='npm {PAYLOAD}'>\nx\n</TabItem>\n</Tabs>\n").text
    gitbook = convert_gitbook_blocks('{% tabs %}\n{% tab title="<b>cURL</b>" %}\nx\n{% endtab %}\n{% endtabs %}\n').text
    assert '=== "npm &lt;img src=x onerror="window.__kbxss=1"&gt;"' in mdx
    assert '=== "&lt;b&gt;cURL&lt;/b&gt;"' in gitbook


def test_a_starlight_title_written_over_two_lines_stays_one_title_and_the_lines_below_keep_their_numbers() -> None:
    converted = convert_starlight('<Aside type="tip" title="Two\nlines">\nBody.\n</Aside>\nafter\n').text
    assert converted.split("\n")[0] == '!!! tip "Two lines"'
    assert converted.split("\n").index("after") == 4  # the fifth line, as written


def test_a_myst_figure_or_link_address_holding_an_angle_bracket_stays_one_address() -> None:
    """`a.png> "x` ended the `<...>` destination adopt wrote: the image lost its address and its alt text showed."""
    converted = convert_directives('```{figure} a.png> "x\n:alt: A\n\nCap\n```\n').text
    assert converted.startswith('![A](<a.png%3E "x>)')


def test_a_code_import_or_include_of_a_dot_file_is_refused_not_published(tmp_path: Path) -> None:
    """`<<< @/.env` and `{literalinclude} .git/config` put the file's text in the page: a token in a remote's URL
    was published, where kbgen publishes no dot-file (adopt leaves every one out)."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text('[remote "origin"]\n\turl = https://TOKEN@example.com/r\n', "utf-8")
    (tmp_path / ".env").write_text("TOKEN=abc\n", encoding="utf-8")
    vitepress = convert_vitepress("<<< @/.env\n\n<!--@include: ./.git/config-->\n", tmp_path, PurePosixPath("a.md"))
    myst = expand_includes("```{literalinclude} .git/config\n```\n", tmp_path, PurePosixPath("a.md"))
    for converted in (vitepress, myst):
        assert "TOKEN" not in converted.text
        assert all("is hidden (its name starts with '.')" in left.message for left in converted.left)
        assert len(converted.left) >= 1
