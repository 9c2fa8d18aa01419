"""`kbgen serve` watches what a build reads: a theme's custom_dir wherever mkdocs.yml puts it, the files
mkdocs.yml INHERITs, and the roster, not only content/, mkdocs.yml and theme/."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import Result

from kbgen.mkdocs_plugin.config_file import load_project
from kbgen.publishing import serve
from kbgen.publishing.serve import Preview
from kbgen.publishing.serve_inputs import watched_inputs
from tests.support.project import SAMPLE_TODAY, article
from tests.support.waiting import wait_until

CONFIG = "INHERIT: base.yml\ndocs_dir: content\ntheme: {name: material, custom_dir: %s}\nplugins: [kbgen]\n"


def _project(root: Path, custom_dir: str = "overrides") -> Path:
    (root / "content" / "en" / "account").mkdir(parents=True)
    (root / "content" / "en" / "account" / "reset.md").write_text(article(), encoding="utf-8")
    (root / "overrides" / "partials").mkdir(parents=True)
    _footer(root / "overrides", "Footer one")
    (root / "base.yml").write_text("site_name: Old name\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(CONFIG % custom_dir, encoding="utf-8")
    return config


def _footer(folder: Path, text: str) -> None:
    (folder / "partials").mkdir(parents=True, exist_ok=True)
    (folder / "partials" / "kb-footer.html").write_text(f"<footer>{text}</footer>\n", encoding="utf-8")


def _inputs(config: Path) -> list[Path]:
    return watched_inputs(load_project(config))


@contextmanager
def _serving(config: Path) -> Iterator[Preview]:
    """A preview watching what the CLI's `kbgen serve` watches, asked again after each build as the CLI does."""
    preview = Preview(config, SAMPLE_TODAY, _inputs(config), say=lambda line: None, inputs=lambda: _inputs(config))
    preview.rebuild()
    since = preview.snapshot()  # an edit made before the watcher's first look is still an edit
    watcher = threading.Thread(target=preview.watch, kwargs={"interval": 0.1, "since": since}, daemon=True)
    watcher.start()
    try:
        yield preview
    finally:
        preview.stop()
        watcher.join(timeout=5)


def _page(preview: Preview) -> str:
    assert preview.shown is not None
    return (preview.shown / "en/account/reset/index.html").read_text(encoding="utf-8")


def _shows(preview: Preview, text: str, what: str) -> None:
    wait_until(lambda: preview.shown is not None and text in _page(preview), what)


def test_the_watch_names_the_custom_dir_the_inherited_config_and_the_roster(tmp_path: Path) -> None:
    root = tmp_path / "project"
    config = _project(root)
    config.write_text(config.read_text().replace("[kbgen]", "[kbgen: {roster: people.yml}]"), encoding="utf-8")
    expected = {root / "content", root / "mkdocs.yml", root / "base.yml", root / "overrides", root / "people.yml"}
    assert set(_inputs(config)) == expected
    config.write_text(CONFIG % ".", encoding="utf-8")  # the whole project: its .git and site/ are no theme
    assert root not in _inputs(config) and root / "mkdocs.yml" in _inputs(config)


def test_an_edit_of_the_custom_dir_or_of_an_inherited_config_is_shown(tmp_path: Path) -> None:
    """A writer's footer in `overrides/` and the site name in the base configuration were not watched: their
    edits showed only when an article was saved next."""
    config = _project(tmp_path / "project")
    with _serving(config) as preview:
        assert "Footer one" in _page(preview) and "Old name" in _page(preview)
        _footer(tmp_path / "project" / "overrides", "Footer two")
        _shows(preview, "Footer two", "the footer edit to be shown")
        (tmp_path / "project" / "base.yml").write_text("site_name: New name\n", encoding="utf-8")
        _shows(preview, "New name", "the inherited site name to be shown")


def test_a_custom_dir_named_while_serving_is_watched_from_then_on(tmp_path: Path) -> None:
    config = _project(tmp_path / "project")
    _footer(tmp_path / "project" / "brand", "Brand footer")
    with _serving(config) as preview:
        config.write_text(CONFIG % "brand", encoding="utf-8")
        _shows(preview, "Brand footer", "the new custom_dir to be used")
        built = preview.rebuilds
        _footer(tmp_path / "project" / "brand", "Brand footer, edited")
        _shows(preview, "Brand footer, edited", "the edit in the new custom_dir to be shown")
        assert preview.rebuilds == built + 1  # one build for the edit; taking up the new folder cost none


def test_the_command_line_serves_with_that_watch(
    tmp_path: Path, run_kbgen: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _project(tmp_path / "project")
    called: dict[str, object] = {}

    def run(config_file: Path, today: object, watched: list[Path], *args: object, **kwargs: object) -> None:
        called.update(watched=watched, inputs=kwargs["inputs"])

    monkeypatch.setattr(serve, "run", run)
    result = run_kbgen("serve", "--today", "2026-11-22", cwd=config.parent)
    assert result.exit_code == 0, result.output
    watched, inputs = called["watched"], called["inputs"]
    assert isinstance(watched, list) and callable(inputs)
    expected = [path.resolve() for path in _inputs(config)]
    assert [path.resolve() for path in watched] == expected and tmp_path / "project" / "overrides" in expected
    assert [path.resolve() for path in inputs()] == expected
