"""A wrong-type message's fix leads to a valid value, and a bad list item is named at its own line and column."""

from __future__ import annotations

import re

import pytest

from kbgen.config.settings import parse_config
from kbgen.loading.loader import load_corpus
from kbgen.model import Finding
from tests.support.project import BASE_PLUGIN_CONFIG, Site, article


def findings_for(site: Site, extra: str) -> list[Finding]:
    """`extra` front-matter lines; one for `owner` or `reviewed` replaces the valid one."""
    given = dict(line.split(": ", 1) for line in extra.splitlines())
    own = {key: given.pop(key) for key in ("owner", "reviewed") if key in given}
    rest = "".join(f"{key}: {value}\n" for key, value in given.items())
    site.write("en/billing/pay.md", article(title="Pay", extra=rest, **own))
    return list(load_corpus(site.content, parse_config(BASE_PLUGIN_CONFIG), "content/").findings)


@pytest.mark.parametrize(
    ("key", "value"),
    [("owner", "1234"), ("summary", "true"), ("order", "true"), ("order", ".inf"), ("order", "1.5"),
     ("audience", "no"), ("status", "yes"), ("reviewed", "20260101"), ("tags", "7")],
)  # fmt: skip
def test_following_the_fix_of_a_wrong_type_never_meets_a_second_complaint(site: Site, key: str, value: str) -> None:
    """`order: true` once said 'quote it: "true"', and `order: "1"` then said 'remove the quotes'."""
    (first,) = findings_for(site, f"{key}: {value}\n")
    assert first.rule == "wrong-type"
    quoted = re.search(r'quote it: ("[^"]*")$', first.message)
    if quoted:  # the advice is to quote: the quoted value must then be accepted as it is
        assert findings_for(site, f"{key}: {quoted.group(1)}\n") == []
    else:
        assert "quote" not in first.message.replace("without quotes", ""), first.message
        assert "; " in first.message, f"no fix given: {first.message}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("true", "got boolean True (YAML read 'true'); write a whole number, without quotes"),
        (".inf", "got number inf (YAML read '.inf'); write a whole number, without quotes"),
    ],
)
def test_a_number_key_given_a_boolean_or_infinity_is_told_to_write_a_whole_number(
    site: Site, value: str, expected: str
) -> None:
    (finding,) = findings_for(site, f"order: {value}\n")
    assert finding.message == f"'order' expected a whole number such as 1, 2 or 10, {expected}"


def test_each_wrong_item_of_a_text_list_is_named_at_its_own_position(site: Site) -> None:
    site.write(
        "en/billing/pay.md",
        article(title="Pay", extra="tags: [billing, 1, 2]\nredirect_from:\n  - /old/pay/\n  - 42\nhide: [toc, true]\n"),
    )
    found = load_corpus(site.content, parse_config(BASE_PLUGIN_CONFIG), "content/").findings
    assert [f.format() for f in found] == [
        "content/en/billing/pay.md:6:17: error KB112: 'tags' item 2 of the list is the number 1; quote it: \"1\" "
        "[wrong-type]",
        "content/en/billing/pay.md:6:20: error KB112: 'tags' item 3 of the list is the number 2; quote it: \"2\" "
        "[wrong-type]",
        "content/en/billing/pay.md:9:5: error KB112: 'redirect_from' item 2 of the list is the number 42; "
        'quote it: "42" [wrong-type]',
        "content/en/billing/pay.md:10:13: error KB112: 'hide' item 2 of the list is the boolean true; replace it "
        "with one of navigation, toc, footer, feedback, path, tags [wrong-type]",
    ]


def test_an_empty_or_nested_list_item_is_named_with_its_own_fix(site: Site) -> None:
    found = findings_for(site, "tags: [billing, [a, b], ~]\n")
    assert [f.message for f in found] == [
        "'tags' item 2 of the list is a list; write it as text on one line",
        "'tags' item 3 of the list is empty; remove it or write its text",
    ]
