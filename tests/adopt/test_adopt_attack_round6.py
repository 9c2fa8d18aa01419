"""Red team, round six: hostile MyST and VitePress trees for `kbgen adopt` (includes that loop through links, name
what no file system can hold, cut a file into gigabytes, or open thousands of fences that never close)."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from types import FrameType

import pytest

from kbgen.adopt.myst_directives import convert_directives
from kbgen.adopt.myst_includes import expand_includes, included_pages
from kbgen.adopt.vitepress_syntax import convert_vitepress


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
    assert included_pages(tmp_path, [PurePosixPath("index.md")]) == {PurePosixPath("part.md")}
