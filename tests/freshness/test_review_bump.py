"""`kbgen review`: only the `reviewed` value (and an expired `review_by` line) changes, byte for byte."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from kbgen.review.bump import BumpRefused, bump_review
from tests.support.project import Site, article

NEW = date(2026, 11, 22)


def bumped(data: bytes, **kwargs: object) -> bytes:
    return bump_review(data, "a.md", NEW, **kwargs).data  # type: ignore[arg-type]


def test_crlf_file_keeps_its_line_endings_and_everything_else() -> None:
    before = (
        b"---\r\ntitle: Reset  # keep me\r\nowner: maria\r\nreviewed: 2026-03-10\r\n"
        b"product_version: ['3.2', \"4.0\"]\r\n---\r\n\r\nBody line\r\nreviewed: 2026-03-10\r\n"
    )
    after = bumped(before)
    assert after == before.replace(b"reviewed: 2026-03-10\r\nproduct", b"reviewed: 2026-11-22\r\nproduct")
    assert after.count(b"\r\n") == before.count(b"\r\n") and b"\n" not in after.replace(b"\r\n", b"")
    assert after.endswith(b"Body line\r\nreviewed: 2026-03-10\r\n")  # the body is never touched


def test_comments_and_key_order_survive() -> None:
    before = (
        b"---\n# Owned by support; ask in #kb before editing\ntitle: A\nreviewed:   2026-03-10   # last full read\n"
        b"owner: x\n#   reviewed: 2020-01-01\nproduct_version: all\n---\nBody\n"
    )
    assert bumped(before) == before.replace(b"2026-03-10", b"2026-11-22")


@pytest.mark.parametrize("quoted", [b"'2026-03-10'", b'"2026-03-10"'])
def test_quoted_dates_stay_quoted_the_same_way(quoted: bytes) -> None:
    before = b"---\ntitle: A\nreviewed: " + quoted + b"\nowner: x\nproduct_version: all\n---\n"
    expected = quoted.replace(b"2026-03-10", b"2026-11-22")
    assert bumped(before) == before.replace(quoted, expected)


def test_configured_date_format_is_kept() -> None:
    before = b"---\ntitle: A\nreviewed: 03/10/2026\nowner: x\nproduct_version: all\n---\n"
    after = bumped(before, date_formats=("%Y-%m-%d", "%m/%d/%Y"))
    assert after == before.replace(b"03/10/2026", b"11/22/2026")


def test_bom_and_missing_final_newline_are_kept() -> None:
    before = b"\xef\xbb\xbf---\ntitle: A\nreviewed: 2026-03-10\nowner: x\nproduct_version: all\n---\nBody"
    assert bumped(before) == before.replace(b"2026-03-10", b"2026-11-22")


def test_expired_review_by_line_is_dropped_and_a_future_one_kept() -> None:
    before = b"---\r\ntitle: A\r\nreviewed: 2026-03-10\r\nreview_by: 2026-11-22  # legal\r\nowner: x\r\n---\r\n"
    bump = bump_review(before, "a.md", NEW)
    assert bump.data == b"---\r\ntitle: A\r\nreviewed: 2026-11-22\r\nowner: x\r\n---\r\n"
    assert bump.dropped_review_by == "2026-11-22"
    future = before.replace(b"review_by: 2026-11-22", b"review_by: 2027-01-31")
    assert bumped(future) == future.replace(b"reviewed: 2026-03-10", b"reviewed: 2026-11-22")


def test_already_reviewed_or_reviewed_later_is_left_alone() -> None:
    before = b"---\ntitle: A\nreviewed: 2026-11-30\nowner: x\n---\n"
    bump = bump_review(before, "a.md", NEW)
    assert not bump.changed and bump.data == before


@pytest.mark.parametrize("quote", ["'", '"'])
def test_quoted_keys_have_only_their_values_rewritten(quote: str) -> None:
    """`"reviewed": 2026-03-10` was refused as "'reviewed' does not start its own line", which was false."""
    before = (
        f"---\r\ntitle: A  # keep\r\n{quote}reviewed{quote} :  2026-03-10 # read in full\r\n"
        f"{quote}review_by{quote}: 2026-06-01\r\n{quote}reviewed_by{quote}: li\r\nowner: x\r\n---\r\nBody\r\n"
    ).encode()
    after = bump_review(before, "a.md", NEW, reviewed_by="ana").data
    expected = (
        f"---\r\ntitle: A  # keep\r\n{quote}reviewed{quote} :  2026-11-22 # read in full\r\n"
        f"{quote}reviewed_by{quote}: ana\r\nowner: x\r\n---\r\nBody\r\n"
    ).encode()
    assert after == expected


def test_a_key_spelt_with_an_escape_is_refused_with_what_to_write() -> None:
    before = b'---\ntitle: A\n"review\\x65d": 2026-03-10\n---\n'
    with pytest.raises(BumpRefused) as refused:
        bump_review(before, "a.md", NEW)
    assert (refused.value.line, str(refused.value)) == (
        3,
        "the key 'reviewed' is written as \"review\\x65d\"; write it as reviewed: (no escapes) so its value can be "
        "edited",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"---\ntitle: [a, b\nreviewed: 2026-03-10\n---\n", "YAML syntax error"),
        (b"---\ntitle: A\nreviewed: 2026-03-10\n", "not closed"),
        (b"---\ntitle: A\nreviewed: 2026-03-10\nreviewed: 2026-04-10\n---\n", "duplicate key 'reviewed'"),
        (b"---\ntitle: A\nowner: x\n---\n", "no 'reviewed' key"),
        (b"---\n{title: A, reviewed: 2026-03-10}\n---\n", "does not start its own line"),
        (b"---\ntitle: A\nreviewed: |\n  2026-03-10\n---\n", "single date"),
        (b"caf\xe9\n", "not valid UTF-8"),
        (b"no front matter\n", "no front matter"),
    ],
)
def test_unparseable_front_matter_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(BumpRefused, match=message):
        bump_review(data, "a.md", NEW)


_comment = st.text(alphabet="abc #:-'\"", max_size=12).map(lambda t: f"  # {t}" if t else "")
_ending = st.sampled_from(["\n", "\r\n"])
_quote = st.sampled_from(["", "'", '"'])


@settings(max_examples=60, deadline=None)
@given(comments=st.lists(_comment, min_size=4, max_size=4), eol=_ending, quote=_quote)
def test_only_the_date_changes_whatever_the_decoration(comments: list[str], eol: str, quote: str) -> None:
    lines = [
        "---",
        f"title: A{comments[0]}",
        f"reviewed: {quote}2026-03-10{quote}{comments[1]}",
        f"owner: x{comments[2]}",
        f"product_version: all{comments[3]}",
        "---",
        "Body",
    ]
    before = eol.join(lines).encode()
    after = bumped(before)
    changed = [(a, b) for a, b in zip(before.split(b"\n"), after.split(b"\n"), strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1] == changed[0][0].replace(b"2026-03-10", b"2026-11-22")


# --- the command -----------------------------------------------------------------------------------------


def project(site: Site) -> Site:
    site.write("en/a/stale.md", article(owner="li.wei", reviewed="2026-01-02"))
    site.write("en/a/fresh.md", article(owner="li.wei", reviewed="2026-11-01"))
    site.write("en/b/stale-too.md", article(owner="ana", reviewed="2025-01-02"))
    site.write("en/b/other.md", article(owner="ana", reviewed="2026-10-02").replace("\n", "\r\n"))
    return site


def review(run_kbgen: Callable[..., Result], site: Site, *args: str) -> Result:
    return run_kbgen("review", "--today", "2026-11-22", *args, cwd=site.root)


def snapshot(site: Site) -> dict[str, bytes]:
    return {str(p.relative_to(site.content)): p.read_bytes() for p in sorted(site.content.rglob("*.md"))}


def changed(before: dict[str, bytes], site: Site) -> list[str]:
    after = snapshot(site)
    return sorted(path for path in before if before[path] != after[path])


def test_review_one_path(run_kbgen: Callable[..., Result], site: Site) -> None:
    before = snapshot(project(site))
    result = review(run_kbgen, site, "content/en/a/stale.md")
    assert result.exit_code == 0
    assert result.stdout == "content/en/a/stale.md: reviewed 2026-01-02 -> 2026-11-22\n"
    assert changed(before, site) == ["en/a/stale.md"]
    assert run_kbgen("check", "--today", "2026-11-22", cwd=site.root).stdout.count("error KB201") == 1


def test_review_stale_in_bulk(run_kbgen: Callable[..., Result], site: Site) -> None:
    before = snapshot(project(site))
    assert review(run_kbgen, site, "--stale").exit_code == 0
    assert changed(before, site) == ["en/a/stale.md", "en/b/stale-too.md"]
    assert run_kbgen("check", "--today", "2026-11-22", cwd=site.root).exit_code == 0


def test_review_by_owner_and_category_with_a_date(run_kbgen: Callable[..., Result], site: Site) -> None:
    before = snapshot(project(site))
    result = review(run_kbgen, site, "--owner", "ana", "--date", "2026-11-20")
    assert result.exit_code == 0
    assert changed(before, site) == ["en/b/other.md", "en/b/stale-too.md"]
    other = (site.content / "en/b/other.md").read_bytes()
    assert other == before["en/b/other.md"].replace(b"reviewed: 2026-10-02\r\n", b"reviewed: 2026-11-20\r\n")
    before = snapshot(site)
    assert review(run_kbgen, site, "--category", "a").exit_code == 0
    assert changed(before, site) == ["en/a/fresh.md", "en/a/stale.md"]


def test_filters_narrow_a_folder(run_kbgen: Callable[..., Result], site: Site) -> None:
    before = snapshot(project(site))
    assert review(run_kbgen, site, "content/en", "--owner", "li.wei", "--stale", "--dry-run").exit_code == 0
    assert changed(before, site) == []
    assert review(run_kbgen, site, "content/en", "--owner", "li.wei", "--stale").exit_code == 0
    assert changed(before, site) == ["en/a/stale.md"]


def test_unparseable_file_is_refused_and_untouched(run_kbgen: Callable[..., Result], site: Site) -> None:
    broken = site.write("en/a/broken.md", "---\r\ntitle: [a, b\r\nreviewed: 2026-01-01\r\n---\r\nBody\r\n")
    good = site.write("en/a/good.md", article(reviewed="2026-01-01"))
    before = broken.read_bytes()
    result = review(run_kbgen, site, "content/en/a/broken.md", "content/en/a/good.md")
    assert result.exit_code == 1
    assert "content/en/a/broken.md:2:8: error: not updated: YAML syntax error" in result.stderr
    assert broken.read_bytes() == before
    assert b"reviewed: 2026-11-22" in good.read_bytes()
    assert not [p for p in site.content.rglob("*") if "kbgen-tmp" in p.name]


def test_usage_errors_exit_2(run_kbgen: Callable[..., Result], site: Site) -> None:
    project(site)
    nothing = review(run_kbgen, site)
    assert nothing.exit_code == 2 and "--owner, --category or --stale" in nothing.stderr
    future = review(run_kbgen, site, "--stale", "--date", "2026-12-01")
    assert future.exit_code == 2 and "after today" in future.stderr
    bad = review(run_kbgen, site, "--stale", "--date", "2026-02-30")
    assert bad.exit_code == 2 and "not a valid date" in bad.stderr


@pytest.mark.parametrize(("today", "stale"), [("2026-11-21", False), ("2026-11-22", True), ("2026-12-25", True)])
def test_stale_selection_agrees_with_check_at_the_due_day(
    run_kbgen: Callable[..., Result], site: Site, today: str, stale: bool
) -> None:
    site.write("en/a/due.md", article(reviewed="2026-05-25"))  # + 180d = due 2026-11-21
    check = run_kbgen("check", "--today", today, cwd=site.root)
    assert ("error KB201" in check.stdout) is stale
    before = snapshot(site)
    assert run_kbgen("review", "--today", today, "--stale", cwd=site.root).exit_code == 0
    assert changed(before, site) == (["en/a/due.md"] if stale else [])


def test_review_command_updates_an_article_whose_reviewed_key_is_quoted(
    run_kbgen: Callable[..., Result], site: Site
) -> None:
    text = article(owner="li.wei", reviewed="2026-01-02").replace("\nreviewed:", '\n"reviewed":')
    path = site.write("en/a/quoted.md", text)
    result = review(run_kbgen, site, "content/en/a/quoted.md")
    assert (result.exit_code, result.stdout) == (0, "content/en/a/quoted.md: reviewed 2026-01-02 -> 2026-11-22\n")
    assert path.read_text(encoding="utf-8") == text.replace('"reviewed": 2026-01-02', '"reviewed": 2026-11-22')
