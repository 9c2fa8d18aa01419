"""`template-syntax` (KB150): another generator's template tags outside code are reported, never those in code,
and the sample help center has none."""

from __future__ import annotations

import time

from kbgen.config.settings import parse_config
from kbgen.loading.loader import load_corpus
from kbgen.loading.template_syntax import template_syntax
from tests.support.project import BASE_PLUGIN_CONFIG, REPO


def _places(body: str) -> list[tuple[int, int]]:
    return [(finding.line, finding.column) for finding in template_syntax(body, 5, "a.md")]


def test_tags_outside_code_are_warned_of_at_their_place() -> None:
    body = 'Intro\n\n{{% notice tip %}}\nText\n{{% /notice %}}\n\n* {{< figure src="a.png" >}} {%- if x -%}\n'
    findings = template_syntax(body, 5, "a.md")
    assert [(f.line, f.column) for f in findings] == [(7, 1), (9, 1), (11, 3), (11, 30)]
    assert {f.rule for f in findings} == {"template-syntax"} and {str(f.severity) for f in findings} == {"warning"}


def test_tags_in_code_and_lone_braces_are_not() -> None:
    body = (
        "`{{< note >}}` and ``{% raw %}``\n\n```\n{{< note >}}\n```\n\n    {% include x.html %}\n\n"
        "~~~\n{% if %}\n~~~\n\n- item\n\n      {{< indented >}}\n\n{{ site.title }}, {% not closed, {{<nope\n"
    )
    assert _places(body) == []


def test_the_sample_help_center_has_none() -> None:
    corpus = load_corpus(REPO / "content", parse_config(BASE_PLUGIN_CONFIG), "content/")
    assert [f for f in corpus.findings if f.rule == "template-syntax"] == []


def test_a_long_line_of_unclosed_tags_is_read_in_linear_time() -> None:
    """Each unclosed `{{< ` made the search read the rest of its line again: 60,000 of them on a line of 240 KB
    (under the 1 MiB file cap) kept `kbgen check`, build and serve busy for two minutes."""
    for opener in ("{{< ", "{% a ", "{{% "):
        body = opener * 30_000 + "\n{{< note >}}\n"
        started = time.perf_counter()
        findings = template_syntax(body, 5, "a.md")
        assert time.perf_counter() - started < 2.0
        assert [(f.line, f.column) for f in findings] == [(6, 1)]  # the closed one on the next line, found still
