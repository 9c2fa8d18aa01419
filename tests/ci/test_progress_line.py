"""Long runs show one updating line on a terminal and nothing in a CI log."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from click.testing import Result

import kbgen.cli.check
from kbgen.cli.progress import Progress
from tests.support.project import Site, article


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_one_line_redrawn_in_place_then_erased() -> None:
    screen = Terminal()
    progress = Progress(screen, environ={})
    update = progress.counter("reading files")
    for done in range(1, 4):
        update(done, 3)
    progress.show("checking 1,234 articles…", force=True)
    progress.clear()
    text = screen.getvalue()
    assert "\n" not in text  # never a new line: the same line is redrawn
    assert "\rreading files 3/3…" in text and "\rchecking 1,234 articles…" in text
    assert text.endswith("\r" + " " * len("checking 1,234 articles…") + "\r")


@pytest.mark.parametrize(
    ("stream", "environ"),
    [(io.StringIO(), {}), (Terminal(), {"CI": "true"}), (Terminal(), {"CI": "1"}), (Terminal(), {"CI": "Woodpecker"})],
    ids=["not-a-terminal", "ci-true", "ci-1", "ci-named"],
)
def test_ci_logs_and_pipes_stay_quiet(stream: io.StringIO, environ: dict[str, str]) -> None:
    progress = Progress(stream, environ=environ)
    progress.counter("reading files")(1, 1)
    progress.show("checking 1 articles…", force=True)
    progress.clear()
    assert stream.getvalue() == ""


def test_ci_set_to_false_is_a_terminal_again() -> None:
    screen = Terminal()
    Progress(screen, environ={"CI": "false"}).show("checking 1 articles…", force=True)
    assert screen.getvalue() == "\rchecking 1 articles…"


def test_check_draws_its_stages_on_a_terminal_only(
    run_kbgen: Callable[..., Result], site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.write("en/a/one.md", article())
    site.write("en/a/two.md", article(title="Two"))
    quiet = run_kbgen("check", "--today", "2026-11-22", cwd=site.root)
    assert quiet.exit_code == 0 and "\r" not in quiet.stderr + quiet.stdout
    screen = Terminal()
    monkeypatch.setattr(kbgen.cli.check, "Progress", lambda: Progress(screen, environ={}))
    result = run_kbgen("check", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 0 and "\r" not in result.stdout
    assert "reading files 2/2…" in screen.getvalue() and "checking 2 articles…" in screen.getvalue()
