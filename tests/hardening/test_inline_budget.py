"""Catalogue SC01, inline half: bodies under the file-size cap whose inline markup makes Python-Markdown quadratic
are KB160 before rendering, while long tables, lists and paragraphs a person writes still pass.

Measured before the bound (bench/inline_budget.py and a real build): 40,000 `<b>x</b>` on one line took
`kbgen build` 166 s, 60,000 `&amp;` 214 s, 60,000 `*a*` 265 s.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kbgen.loading.loader
from kbgen.loading.render_budget import DEFAULT_BUDGET, Budget, _check_body, _measure, check_body
from kbgen.publishing.site_build import build_site
from tests.support.project import SAMPLE_TODAY, Site, article

DISPLAY = "content/en/account/a.md"

# Each about 1/10 of the size that took minutes, and still many times over the budget.
DENSE = {
    "html-pair": "<b>x</b> " * 16_000,
    "html-open": "<span> " * 20_000,
    "entity": "&amp; " * 20_000,
    "numeric-ref": "&#123; " * 20_000,
    "link": "[a](b) " * 16_000,
    "image": "![a](b) " * 16_000,
    "emphasis": "*a* " * 16_000,
    "strong": "**a** " * 12_000,
    "underscore": "_a_ " * 16_000,
    "code-span": "`a` " * 16_000,
    "autolink": "<http://a.example/> " * 12_000,
    "email-autolink": "<a@b.example> " * 12_000,
    "escape": "\\* " * 20_000,
    "line-break": "a  \n" * 20_000,
    "one-per-line": "<b>x</b>\n" * 16_000,
    # pymdownx.emoji, keys and tilde, as mkdocs.yml enables them: 80,000 `:smile:` on one line took a build 35 s
    "emoji": ":smile: " * 16_000,
    "icon": ":material-clock-fast: " * 12_000,
    "keys": "++ctrl++ " * 16_000,
    "strike": "~~a~~ " * 16_000,
    # not Markdown's cost but the HTML cleaner's: 450,000 '&#' (900 KB) took a build 6 to 13 s
    "ampersand": "&# " * 300_000,
}


@pytest.mark.parametrize("name", sorted(DENSE))
def test_each_dense_inline_construct_is_kb160_at_its_paragraph_in_linear_time(name: str) -> None:
    body = "# Title\n\nA short first paragraph.\n\n" + DENSE[name] + "\n\nA short last paragraph.\n"
    start = time.process_time()
    findings = check_body(body, 7, DISPLAY)
    assert time.process_time() - start < 1.5
    assert [(f.code, f.line) for f in findings] == [("KB160", 7 + 4)]
    assert "split it into shorter paragraphs" in findings[0].message


@pytest.mark.parametrize(
    ("name", "body"),
    [
        # superfences reads none of these as code, so the text is rendered and must be measured
        ("unclosed fence", "```\n" + DENSE["html-pair"]),
        ("longer closer", "```\n" + DENSE["html-pair"] + "\n````\n"),
        ("indented opener", "  ```\n```\n" + DENSE["entity"] + "\n```\n"),
        ("odd info string", "``` <b>\n" + DENSE["link"] + "\n```\n"),
        # a line of U+00A0 is text to Python-Markdown, not a paragraph break
        ("nbsp line", DENSE["emphasis"][:40_000] + "\n\u00a0\n" + DENSE["emphasis"][:40_000]),
        # fenced code leaves a placeholder inside the paragraph: both halves stay one paragraph
        ("fence between halves", ("<b>x</b> " * 3_000 + "\n```\ncode\n```\n") * 5),
        # a rule splits the list block and joins the rest into one paragraph
        ("rule then list", "- - -\n" + "<b>x</b> " * 3_000 + ("\n- " + "<b>x</b> " * 3_000) * 5),
        ("heading in list", "- a\n# h\n" + "<b>x</b> " * 3_000 + ("\n- " + "<b>x</b> " * 3_000) * 5),
        ("lazy items", "- a\n" + ("1) " + "<b>x</b> " * 3_000 + "\n") * 5),
    ],
    ids=lambda value: value if len(value) < 40 else "",
)
def test_text_that_only_looks_like_code_or_separate_blocks_is_still_measured(name: str, body: str) -> None:
    assert [f.code for f in check_body(body, 1, DISPLAY)] in (["KB160"], ["KB161"], ["KB161", "KB160"])


def test_unclosed_fence_no_longer_hides_unclosed_brackets() -> None:
    """The older bracket budget skipped everything after an unclosed fence: `'[' * 8000` took seconds to render."""
    assert [f.code for f in check_body("```\n" + "[" * 8000, 1, DISPLAY)] == ["KB161"]


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("3000-row table", "| Term | Meaning |\n|---|---|\n" + "| `code` | see [a](b.md), *this* &amp; it |\n" * 3000),
        ("2000-item list", "- [Item](x.md) with *emphasis* and `code`\n" * 2000),
        ("numbered list", "".join(f"{n}. Step with **bold** and [a link](x.md)\n" for n in range(1, 1500))),
        ("20 KB paragraph", "Words with a [link](x.md), *emphasis*, `code` and &amp; here. " * 300),
        ("400 paragraphs", "A paragraph with a [link](x.md), *emphasis* and `code`.\n\n" * 400),
        ("big fenced sample", "Before.\n\n```html\n" + "<div class='x'>&amp; *y* `z`</div>\n" * 20_000 + "```\n"),
        ("prose with symbols", "if a < b and c & d, snake_case_name and C:\\Users\\x " * 4000),
        ("emphasis before punctuation", "Use *this*, *that*; or *those*. " * 400),
        ("ampersands in prose", "Terms & conditions, Q&A and R&D. " * 20_000),
        ("times and emoji", "Open at 09:30:00 :smile: or C++ ~ 5 min, see :material-clock-fast: here. " * 400),
        ("500 headed sections", "## Step\n\nDo this, then that; see [a link](x.md).\n\n---\n\n" * 500),
        ("headings with no blank line", "## Step\nDo this, then that; see [a link](x.md).\n" * 500),
    ],
    ids=lambda value: value if len(value) < 40 else "",
)
def test_long_legitimate_tables_lists_and_paragraphs_pass(name: str, body: str) -> None:
    assert check_body(body, 1, DISPLAY) == []


@pytest.mark.parametrize(
    "unit",
    ["# a\n", "## Step\nSome text for the step.\n", "a\n===\n", "a\n-\n", "***\n", "- - -\n", "!!! note\n"],
)
def test_headings_and_rules_with_no_blank_line_between_are_kb160_in_linear_time(unit: str) -> None:
    """Python-Markdown rescans the rest of a block after each heading or rule it cuts the block at: 40 KB of
    `# a` lines took it 16 s, of `***` 36 s, and a 100 KB article of them kept `kbgen build` busy 53 s."""
    body = "Intro.\n\n" + unit * (100_000 // len(unit)) + "\n\nThe end.\n"
    start = time.process_time()
    findings = check_body(body, 7, DISPLAY)
    assert time.process_time() - start < 1.5
    assert [(f.code, f.line) for f in findings] == [("KB160", 9)]


def test_the_elements_limit_bounds_a_file_of_many_small_dense_paragraphs() -> None:
    body = "<b>x</b> [l](u) *e* `c` &amp;\n\n" * 6000
    findings = check_body(body, 3, DISPLAY)
    assert [f.code for f in findings] == ["KB160"]
    assert "too much inline markup" in findings[0].message and findings[0].line > 3


def test_a_dense_article_is_refused_in_check_and_build_and_the_rest_builds_fast(site: Site, run_kbgen) -> None:
    site.write("en/account/ok.md", article(title="Still built"))
    site.write("en/account/tags.md", article(title="Tags", body="Intro.\n\n" + "<b>x</b> " * 40_000 + "\n"))
    site.write("en/account/entities.md", article(title="Entities", body="&amp; " * 60_000 + "\n"))
    checked = run_kbgen("check", "--today", "2026-11-22", cwd=site.root)
    assert checked.exit_code == 1
    assert "content/en/account/tags.md:10:1: error KB160" in checked.stdout
    assert "content/en/account/entities.md:8:1: error KB160" in checked.stdout
    start = time.monotonic()
    result = build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    assert time.monotonic() - start < 30  # 380 s before
    assert sorted(f.path for f in result.findings if f.code == "KB160") == [
        "content/en/account/entities.md", "content/en/account/tags.md"]  # fmt: skip
    assert sorted(p.name for p in (site.site_dir / "en/account").iterdir()) == ["index.html", "ok"]


def test_the_render_hook_refuses_a_dense_page_the_loader_did_not_flag(site: Site, monkeypatch) -> None:
    monkeypatch.setattr(kbgen.loading.loader, "check_body", lambda *args: [])
    site.write("en/account/dense.md", article(body="<b>x</b> " * 40_000 + "\n"))
    start = time.monotonic()
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    assert time.monotonic() - start < 30
    assert "This page was not rendered" in site.read_output("en/account/dense/index.html")


# Small limits, so generated bodies reach them, from fragments of the markup each measure counts.
_SMALL = Budget(
    bracket_work=60,
    container_depth=4,
    emphasis_depth=3,
    inline_work=400,
    inline_elements=12,
    split_work=80,
    ampersand_work=200,
)
_TOKENS = [
    "a",
    "b",
    " ",
    "\n",
    "\n\n",
    "_",
    "__",
    "*",
    "**",
    "[",
    "]",
    "(",
    ")",
    "](",
    "#",
    "===",
    "!!! n",
    "> ",
    "- ",
    "1. ",
    "\t",
    "<b>",
    "&amp;",
    "`",
    "\\*",
    "  \n",
    ":smile:",
    ":",
    "++",
    "~~",
    "&",
]
_MARKDOWN_TEXT = st.lists(st.sampled_from(_TOKENS), max_size=60).map("".join)


@settings(max_examples=400)
@given(body=_MARKDOWN_TEXT)
def test_the_quick_bound_never_skips_a_body_the_full_measure_refuses(body: str) -> None:
    # The build checks every body twice; most are skipped by counts taken in C. Skipping must never change a result.
    assert _check_body(body, 3, "content/en/x.md", _SMALL) == _measure(body, 3, "content/en/x.md", _SMALL)
    assert _check_body(body, 3, "content/en/x.md", DEFAULT_BUDGET) == _measure(
        body, 3, "content/en/x.md", DEFAULT_BUDGET
    )
