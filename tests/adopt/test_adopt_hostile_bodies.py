"""`kbgen adopt` on bodies written to make its converters slow or recurse: it finishes in seconds, keeps each
such body as written and names it, and converts the rest of the tree as usual."""

from __future__ import annotations

import time
from pathlib import Path, PurePosixPath

import pytest

from kbgen.adopt.body_text import first_paragraph
from kbgen.adopt.hugo_shortcodes import convert_shortcodes
from kbgen.adopt.jsx_tags import find_tags
from kbgen.adopt.mdx_components import convert_components
from kbgen.adopt.mdx_prepare import prepare
from tests.adopt.conftest import Run, adopt, body_of
from tests.support.project import Site

FRONT = "---\ntitle: Hostile\nowner: ann\nreviewed: 2026-01-05\n---\n"


def test_a_body_check_would_not_render_is_kept_as_written_and_named(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    """Each unclosed `[x](` or JSX attribute made the link and tag readers scan the rest of the body again: a
    page of 20,000 of them kept adopt busy for minutes (check refuses such a body as KB160/KB161 in a second)."""
    source = tmp_path / "docs"
    source.mkdir()
    bodies = {
        "links.md": '[x]({{< ref "' * 20_000 + "\n",
        "attributes.mdx": "<Foo a={" * 20_000 + "\n",
        "values.mdx": '<TabItem value="' * 20_000 + "\n",
        "comments.mdx": "{/* " * 20_000 + "\n",
    }
    for name, body in bodies.items():
        (source / name).write_text(FRONT + body, encoding="utf-8")
    (source / "fine.md").write_text(FRONT + "See [the values](values.mdx).\n", encoding="utf-8")
    started = time.perf_counter()
    result = adopt(run_kbgen, site, source)
    assert time.perf_counter() - started < 20
    assert result.exit_code == 1
    for name, body in bodies.items():
        adopted = site.content / "en" / name.replace(".mdx", ".md")
        assert body_of(adopted.read_bytes()).decode("utf-8") == body
        assert f"  {source.as_posix()}/{name}:6: body kept as written, its links, includes, shortcodes and " in (
            result.stdout
        )
    assert body_of((site.content / "en" / "fine.md").read_bytes()) == b"See [the values](values.md).\n"


def test_components_nested_thousands_deep_are_taken_out_without_recursing() -> None:
    """2,000 nested components ended adopt in RecursionError (an internal error, nothing adopted)."""
    depth = 2_000
    converted = convert_components("<A>\n" * depth + "kept text\n" + "</A>\n" * depth)
    assert "kept text" in converted.text and "<A>" not in converted.text
    assert len(converted.unconverted) == depth
    assert converted.unconverted[-1].message.endswith("components nested over 32 deep are not converted")


def test_tabs_nested_deeper_than_the_limit_keep_their_text() -> None:
    depth = 600
    text = '<Tabs>\n<TabItem value="a">\n' * depth + "inner\n" + "</TabItem>\n</Tabs>\n" * depth
    converted = convert_components(text)
    assert converted.tab_sets == 32
    assert "inner" in converted.text and "<TabItem" not in converted.text


@pytest.mark.parametrize("written", ["<A x", '<TabItem value="', "<Foo a={", "<B a={{"])
def test_thousands_of_tags_that_never_end_are_read_in_seconds(written: str) -> None:
    """Each `<` that starts no tag was read to the end of the body: 4,000 to 5,000 of them on a page under check's
    render budget took 5 to 20 s."""
    text = written * 5000 + "\n<Highlight>kept</Highlight>\n"
    started = time.perf_counter()
    tags = find_tags(text)
    assert time.perf_counter() - started < 2.0
    assert (tags[-1].name, tags[-1].closing) == ("Highlight", True)


def test_a_long_tag_as_docusaurus_writes_them_is_still_read() -> None:
    values = ", ".join(f"{{label: 'Label {n}', value: 'v{n}'}}" for n in range(60))  # about 2,000 characters
    (tag,) = find_tags(f'<Tabs groupId="os" values={{[{values}]}}>')
    assert tag.name == "Tabs" and str(tag.attributes["values"]).endswith("value: 'v59'}]}")


def test_thousands_of_unclosed_jsx_comments_are_read_in_linear_time() -> None:
    body = "{/* " * 30_000 + "\nclosed */}\n"
    started = time.perf_counter()
    prepared = prepare(body)
    assert time.perf_counter() - started < 2.0
    assert prepared.text.startswith("<!-- {/* ") and prepared.text.endswith("\nclosed -->\n")


def test_hugo_callouts_nested_thousands_deep_are_left_as_written_without_recursing() -> None:
    """2,000 nested {{< note >}} ended adopt in RecursionError, an internal error with nothing adopted, after 40 s."""
    depth = 2_000
    text = "{{< note >}}\n" * depth + "inner\n" + "{{< /note >}}\n" * depth
    converted = convert_shortcodes(text, PurePosixPath("a.md"), lambda name, page: None)
    assert converted.callouts == 32
    assert "inner" in converted.text
    assert len(converted.left) == depth - 32
    assert converted.left[0].message.endswith("left as written: callouts nested over 32 deep are not converted")


def test_a_summary_is_read_past_thousands_of_unclosed_comments_in_linear_time(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    """The summary reader took comments out with `<!--.*?-->`, which read every `<!--` of a page that closes none
    to the page's end: 60,000 of them (240 KB, under check's size limit) kept adopt busy for two minutes."""
    started = time.perf_counter()
    assert first_paragraph("Prose " + "<!--" * 60_000 + "\n").startswith("Prose")
    assert first_paragraph("<!-- a\nb -->\nFirst prose.\n<!-- c -->\n") == "First prose."  # closed ones still go
    assert time.perf_counter() - started < 2.0
    source = tmp_path / "docs"
    source.mkdir()
    (source / "comments.md").write_text(FRONT + "\n" + "<!--" * 60_000 + "\n", encoding="utf-8")
    started = time.perf_counter()
    result = adopt(run_kbgen, site, source)
    assert time.perf_counter() - started < 20
    assert body_of((site.content / "en" / "comments.md").read_bytes()).decode("utf-8") == "\n" + "<!--" * 60_000 + "\n"
    assert "comments.md:7: body kept as written" in result.stdout
