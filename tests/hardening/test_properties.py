"""Property tests: random front matter and Markdown into the loader and checks never raise, and every finding
has a file and a line and column of at least 1 that exist in that file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbgen.checks import CheckContext, run_checks
from kbgen.config.settings import parse_config
from kbgen.loading.frontmatter import decode, parse_document
from kbgen.loading.loader import load_corpus
from kbgen.loading.render_budget import check_body
from tests.support.project import BASE_PLUGIN_CONFIG

CONFIG = parse_config(BASE_PLUGIN_CONFIG)
KEYS = ["title", "owner", "reviewed", "product_version", "summary", "tags", "status", "audience", "evergreen",
        "review_interval", "review_by", "redirect_from", "hide", "colour", "a b", "", "&x", "*y", "? k"]  # fmt: skip
SCALARS = st.one_of(
    st.sampled_from(["2024-02-30", "2026-09-01", "1.10", "no", "yes", "null", "~", "[a, b", "{x: 1}", "&a x", "*a",
                     "!!python/name:os.system", "'quoted'", '"dq\\x00"', "|", ">-", "3.2", "all", "-", "---", "..."]),
    st.text(max_size=30),
)  # fmt: skip
SPACING = st.sampled_from(["", " ", "  ", "\t"])
MARKDOWN = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(["[", "]", "(", ")", "*", "_", "`", "> ", "- ", "1. ", "  ", "\n", "\n\n", "#", "!",
                              "<div>", "</div>", "<!--", "-->", "```", "~~~", "|", "x", "\t", "\\"]),
             max_size=300).map("".join),
)  # fmt: skip


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A Markdown file whose front matter is plausible-but-broken YAML more often than not."""
    lines = [draw(st.sampled_from(KEYS)) + ":" + draw(SPACING) + draw(SCALARS) for _ in range(draw(st.integers(0, 8)))]
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), f"  - {draw(SCALARS)}")
    opener = draw(st.sampled_from(["---", "---", "----", "", "\ufeff---", "--- "]))
    closer = draw(st.sampled_from(["---", "---", "...", "", "----"]))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    return newline.join([opener, *lines, closer, draw(MARKDOWN)])


def _assert_locatable(findings: list, text: str) -> None:  # type: ignore[type-arg]
    lines = max(text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1, 1)
    for finding in findings:
        assert finding.path, finding
        assert 1 <= finding.line <= lines + 1, (finding, lines)
        assert finding.column >= 1, finding


@settings(max_examples=300, deadline=None)
@given(documents())
def test_parse_and_validate_never_raise_and_every_finding_is_located(text: str) -> None:
    document = parse_document(text, "content/en/a/b.md")
    _assert_locatable(document.findings, text)
    _assert_locatable(check_body(document.body, document.body_line, "content/en/a/b.md"), text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_decoding_random_bytes_never_raises(data: bytes) -> None:
    text, findings = decode(data, "content/en/a/b.md")
    assert (text is None) == bool(findings)
    for finding in findings:
        assert finding.line >= 1 and finding.column >= 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(documents(), min_size=1, max_size=4), MARKDOWN)
def test_loader_and_checks_over_random_files_never_raise(tmp_path_factory, files: list[str], body: str) -> None:  # type: ignore[no-untyped-def]
    root: Path = tmp_path_factory.mktemp("content")
    folder = root / "en" / "account"
    folder.mkdir(parents=True)
    for index, text in enumerate(files):
        (folder / f"page-{index}.md").write_bytes(text.encode("utf-8", errors="surrogatepass"))
    (folder / "index.md").write_text(f"---\ntitle: Account\n---\n{body}", encoding="utf-8", errors="surrogatepass")
    corpus = load_corpus(root, CONFIG, "content/")
    findings = run_checks(CheckContext(corpus, CONFIG, date(2026, 11, 22)))
    for finding in findings:
        assert finding.path.startswith("content/en/account/"), finding
        assert finding.line >= 1 and finding.column >= 1, finding
    published = {str(article.source.rel) for article in corpus.articles}
    assert not published & {str(rel) for rel in corpus.rejected}
