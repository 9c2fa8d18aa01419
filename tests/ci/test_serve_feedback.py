"""`kbgen serve` tells the writer in the terminal what each rebuild found, and the page learns of a rebuild at once."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kbgen.publishing.serve import Preview, make_server
from tests.support.project import SAMPLE_TODAY, Site, article


@pytest.fixture
def preview(site: Site) -> Iterator[tuple[Preview, list[str]]]:
    site.write("en/account/alpha.md", article(title="Alpha", body="[Beta](beta.md)\n"))
    site.write("en/account/beta.md", article(title="Beta", reviewed="2026-06-01"))  # due soon: a warning
    said: list[str] = []
    preview = Preview(site.config_file, SAMPLE_TODAY, [site.content, site.root / "theme"], say=said.append)
    yield preview, said
    preview.stop()


def test_the_first_build_prints_its_findings_then_each_build_only_what_changed(
    preview: tuple[Preview, list[str]], site: Site
) -> None:
    """Each save printed every finding of the site again: 4,280 lines per save on a help center with 2,400 overdue
    articles, the one the save brought somewhere in the middle."""
    preview_, said = preview
    preview_.rebuild()
    assert said[0].startswith("content/en/account/beta.md:4:1: warning KB202: due for review in")
    assert said[1].startswith("built in ") and said[1].endswith(" s: 0 errors, 1 warning")
    said.clear()

    site.write("en/account/alpha.md", article(title="Alpha", body="[Gamma](gamma.md)\n"))
    preview_.rebuild()
    assert said.pop(0) == "rebuilding (full): a watched file changed"  # said once, as the build starts
    assert len(said) == 2
    assert said[0].startswith("content/en/account/alpha.md:8:1: error KB301: link target 'gamma.md' not found")
    assert said[1].startswith("rebuilt in ")
    assert said[1].endswith(
        ": 1 error, 1 warning; not shown: the last good site stays up until you fix the 1 new error"
    )
    said.clear()

    site.write("en/account/alpha.md", article(title="Alpha", body="[Beta](beta.md)\n"))
    preview_.rebuild()
    assert said.pop(0) == "rebuilding (full): a watched file changed"  # said once, as the build starts
    assert len(said) == 2 and said[-1].endswith(": 0 errors, 1 warning")
    assert said[0].startswith("fixed: content/en/account/alpha.md:8:1: error KB301: link target 'gamma.md'")
    said.clear()

    site.write("en/account/alpha.md", article(title="Alpha", body="[Beta](beta.md) again\n"))
    preview_.rebuild()
    assert said.pop(0) == "rebuilding (full): a watched file changed"  # said once, as the build starts
    assert len(said) == 1 and said[0].endswith(": 0 errors, 1 warning")
    assert [finding.code for finding in preview_.terminal.findings] == ["KB202"]


def test_the_banner_names_the_edited_files_errors_first(preview: tuple[Preview, list[str]], site: Site) -> None:
    """Breaking an article's front matter unpublishes it, so every link into it is an error too: the banner listed
    those by path, and the cause, in the file the writer had just saved, came after them."""
    preview_, _ = preview
    for name in ("a-first", "b-second", "c-third"):
        site.write(f"en/account/{name}.md", article(title=name, body="[Zeta](zeta.md)\n"))
    site.write("en/account/zeta.md", article(title="Zeta"))
    preview_.rebuild()
    site.write("en/account/zeta.md", "---\ntitle: Zeta\nowner: [\n---\n")
    assert preview_.session is not None
    preview_.session.close()  # as after a save that also changed mkdocs.yml: built in full, where a save refused
    preview_.session = None  # at once (kbgen.publishing.patch.Broken) names only its own file's errors
    preview_.rebuild(["en/account/zeta.md"])
    assert len(preview_.problems) == 4
    assert preview_.problems[0].startswith("content/en/account/zeta.md:")
    assert [problem.split(":")[0] for problem in preview_.problems[1:]] == [
        f"content/en/account/{name}.md" for name in ("a-first", "b-second", "c-third")
    ]


def test_a_failed_build_is_printed(preview: tuple[Preview, list[str]], site: Site) -> None:
    preview_, said = preview
    site.config_file.write_text(site.config_file.read_text() + "nav: 12\n")
    preview_.rebuild()
    assert said[-1].startswith("build failed: ") and "nav" in said[-1]


def test_a_page_waiting_for_a_rebuild_hears_of_it_at_once(preview: tuple[Preview, list[str]], site: Site) -> None:
    preview_, _ = preview
    preview_.rebuild()
    server = make_server(preview_, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/__kbgen__/state"
    answers: list[tuple[float, dict[str, object]]] = []

    def wait_for_rebuild() -> None:  # as live.js does: told when a build starts, then when it is published
        building = 0
        while not answers or answers[-1][1]["generation"] == 1:
            with urllib.request.urlopen(f"{base}?after=1&building={building}", timeout=30) as response:
                answers.append((time.monotonic(), json.loads(response.read())))
            building = int(answers[-1][1]["building"] is not None)

    try:
        with urllib.request.urlopen(f"{base}?after=0", timeout=5) as response:  # already differs: no wait
            assert json.loads(response.read())["generation"] == 1
        waiter = threading.Thread(target=wait_for_rebuild)
        waiter.start()
        time.sleep(0.5)
        assert answers == [], "the request must wait while nothing changed"
        preview_.rebuild()
        published = time.monotonic()
        waiter.join(timeout=30)
        [(_, started), (answered, state)] = answers
        assert started["building"] == "a watched file changed" and started["generation"] == 1
        assert state["generation"] == 2 and state["building"] is None and answered - published < 0.5
    finally:
        server.shutdown()
        server.server_close()


def test_a_long_poll_gives_up_after_its_timeout(preview: tuple[Preview, list[str]]) -> None:
    preview_, _ = preview
    preview_.rebuild()
    started = time.monotonic()
    assert preview_.state(after=1, timeout=0.3)["generation"] == 1
    assert 0.25 < time.monotonic() - started < 5


def test_an_edited_template_is_used_by_the_next_rebuild(preview: tuple[Preview, list[str]], site: Site) -> None:
    """Compiled templates are kept between rebuilds; an edit to one must still show."""
    preview_, _ = preview
    preview_.rebuild()
    main = site.root / "theme" / "main.html"
    marked = '{% block styles %}<meta name="kb-marker" content="MARKER-7">'
    main.write_text(main.read_text(encoding="utf-8").replace("{% block styles %}", marked), encoding="utf-8")
    assert "MARKER-7" in main.read_text(encoding="utf-8")
    preview_.rebuild()
    assert preview_.shown is not None
    assert "MARKER-7" in (Path(preview_.shown) / "en/account/alpha/index.html").read_text(encoding="utf-8")
