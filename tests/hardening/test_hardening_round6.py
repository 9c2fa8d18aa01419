"""Round 6 of the attack: terminal escapes in names a writer or a source tree chose, shown as text by every
command that prints them (check and build already did; adopt, export and serve's terminal obeyed them)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from kbgen.model import Finding, Severity
from kbgen.publishing.serve_terminal import Terminal
from tests.support.project import Site, article

RETITLE = "\x1b]0;pwned\x07"  # an OSC sequence: sets the terminal's title; click strips only CSI ones (\x1b[...m)
CLEAR = "\x1b[2J"  # clears the screen


def _escaped(output: str) -> None:
    assert "\x1b" not in output and "\x07" not in output, repr(output[-400:])
    assert "\\x1b]0;pwned\\x07" in output


def test_adopt_shows_a_source_name_holding_a_terminal_escape(site: Site, tmp_path: Path, run_kbgen) -> None:
    source = tmp_path / "docs"
    source.mkdir()
    (source / f"page{RETITLE}{CLEAR}.md").write_text("# Page\n\nText.\n", encoding="utf-8")
    result = run_kbgen("adopt", str(source), "--lang", "en", "--owner", "ann", cwd=site.root)
    _escaped(result.output)


def test_export_shows_a_finding_on_a_file_named_with_a_terminal_escape(site: Site, run_kbgen) -> None:
    site.write("en/account/alpha.md", article(title="Alpha", body="Text.\n"))
    site.write(f"en/account/b{RETITLE}.md", article(title="Beta", body="Text.\n"))
    result = run_kbgen("export", "--today", "2026-11-22", "-o", str(site.root.parent / "out.jsonl"), cwd=site.root)
    _escaped(result.stderr)


def test_serve_terminal_shows_new_and_fixed_findings_as_text() -> None:
    said: list[str] = []
    path = f"content/en/a{RETITLE}{CLEAR}.md"
    finding = Finding("KB142", "non-portable-name", Severity.ERROR, path, 1, 1, "name is not portable")
    terminal = Terminal(said.append)
    terminal.tell([finding], "built")
    terminal.tell([], "rebuilt")
    _escaped("\n".join(said))
    assert said[2].startswith("fixed: content/en/a\\x1b]0;pwned\\x07\\x1b[2J.md:1:1: error KB142")


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_site_url_that_would_end_its_html_attribute_is_a_config_error(
    small_site: Site, run_kbgen, command: str
) -> None:
    """MkDocs and material write site_url into every page unescaped (`<link rel="canonical" href="...">`): a '"'
    in it ended the attribute, and a <meta http-equiv="refresh"> after it (which the CSP does not stop) sent every
    reader of the built site elsewhere."""
    with small_site.config_file.open("a", encoding="utf-8") as config:
        config.write(
            "site_url: 'https://help.example/\"><meta http-equiv=refresh content=0;url=https://evil.example>'\n"
        )
    result = run_kbgen(command, "--today", "2026-11-22", cwd=small_site.root)
    assert result.exit_code == 2, result.output
    assert "holds '\"', which a URL cannot hold as it is" in result.stderr
    assert "percent-encode it (%22)" in result.stderr
    assert not (small_site.root / "site").exists()


def test_a_site_url_a_url_can_hold_still_builds(small_site: Site, run_kbgen) -> None:
    with small_site.config_file.open("a", encoding="utf-8") as config:
        config.write("site_url: https://help.example/docs/%22q%22/\nedit_uri_template: 'edit/main/{path}?a=1&b=2'\n")
    assert run_kbgen("build", "--today", "2026-11-22", cwd=small_site.root).exit_code == 0


@pytest.mark.parametrize("key", ["site_author", "repo_name"])
def test_site_author_and_repo_name_are_escaped_in_every_page(small_site: Site, run_kbgen, key: str) -> None:
    """material writes both raw (`<meta name="author" content="...">`, the repository link's name): a '"' ended the
    attribute, and a <meta http-equiv="refresh"> after it sent every reader elsewhere."""
    author = 'Docs "team"><meta http-equiv="refresh" content="0;url=https://evil.example/">'
    with small_site.config_file.open("a", encoding="utf-8") as config:
        config.write(f"{key}: '{author}'\nrepo_url: https://github.com/example/help\n")
    assert run_kbgen("build", "--today", "2026-11-22", cwd=small_site.root).exit_code == 0
    pages = sorted((small_site.root / "site").rglob("*.html"))
    assert pages
    for page in pages:
        metas = _meta_tags(page.read_text(encoding="utf-8"))
        assert not any(meta.get("http-equiv") == "refresh" for meta in metas), page
        authors = [meta["content"] for meta in metas if meta.get("name") == "author"]
        assert authors in ([], [author]), page


def _meta_tags(html: str) -> list[dict[str, str | None]]:
    found: list[dict[str, str | None]] = []

    class _Metas(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "meta":
                found.append(dict(attrs))

    _Metas().feed(html)
    return found


def test_a_build_says_which_settings_load_from_another_site(small_site: Site, run_kbgen) -> None:
    """material writes these into every page as they are, and the pages' CSP refuses them: the HTML named a CDN and
    an analytics service, readers got none of it, and the build said nothing."""
    config = small_site.config_file.read_text(encoding="utf-8")
    assert "theme:\n  name: material\n" in config
    config = config.replace(
        "theme:\n  name: material\n", "theme:\n  name: material\n  logo: https://cdn.example/l.png\n"
    )
    config += "extra_javascript: [https://cdn.example/x.js, local.js]\nextra_css: [//cdn.example/x.css]\n"
    config += "extra:\n  analytics: {provider: google, property: G-XXXX}\n"
    small_site.config_file.write_text(config, encoding="utf-8")
    result = run_kbgen("build", "--today", "2026-11-22", cwd=small_site.root)
    assert result.exit_code == 0, result.output
    assert (
        "mkdocs.yml loads files from another site: extra_javascript (https://cdn.example/x.js), extra_css "
        "(//cdn.example/x.css), theme.logo (https://cdn.example/l.png), extra.analytics (provider google); the "
        "pages' Content-Security-Policy refuses them" in result.stderr
    )


def test_a_build_of_its_own_files_says_nothing_of_another_site(small_site: Site, run_kbgen) -> None:
    result = run_kbgen("build", "--today", "2026-11-22", cwd=small_site.root)
    assert result.exit_code == 0 and "another site" not in result.output
