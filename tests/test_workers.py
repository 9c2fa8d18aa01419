"""Files loaded and pages read and written by several processes: the same corpus, site, findings and failures as
one process."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kbgen.loading.loader import load_corpus
from kbgen.mkdocs_plugin.config_file import load_project
from kbgen.publishing.site_build import InternalError, build_site
from kbgen.workers import WorkerFailed, run_shared, start_aside, worker_count
from tests.support.project import SAMPLE_TODAY, Site, article, copy_sample, differing_files


def test_the_sample_built_by_two_or_three_processes_is_the_one_process_build_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = copy_sample(tmp_path / "project")
    results = {}
    for jobs in ("1", "2", "3"):
        monkeypatch.setenv("KBGEN_JOBS", jobs)
        results[jobs] = build_site(config, tmp_path / f"site-{jobs}", SAMPLE_TODAY, strict=False)
    assert results["1"].pages > 50
    for jobs in ("2", "3"):
        assert differing_files(tmp_path / "site-1", tmp_path / f"site-{jobs}") == []
        assert results[jobs].findings == results["1"].findings


def _fail_on(site: Site, failing: set[str]) -> None:
    """The site's own main.html calls an undefined function while rendering the named pages."""
    condition = " or ".join(f'page.file.src_uri == "{uri}"' for uri in sorted(failing))
    (site.root / "theme" / "main.html").write_text(
        '{% extends "base.html" %}{% block content %}'
        f"{{% if {condition} %}}{{{{ boom() }}}}{{% endif %}}{{{{ super() }}}}{{% endblock %}}",
        encoding="utf-8",
    )


@pytest.mark.parametrize("jobs", ["2", "3"])
def test_a_page_failing_in_a_worker_fails_the_build_as_in_one_process_and_leaves_the_site_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    site = Site(tmp_path / "project")
    for index in range(8):
        site.write(f"en/guides/step-{index}.md", article(title=f"Step {index}"))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    before = {p: p.read_bytes() for p in site.site_dir.rglob("*") if p.is_file()}
    _fail_on(site, {"en/guides/step-5.md", "en/guides/step-6.md"})
    messages = {}
    for setting in ("1", jobs):
        monkeypatch.setenv("KBGEN_JOBS", setting)
        with pytest.raises(InternalError) as failure:
            build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
        messages[setting] = str(failure.value)
    assert "while rendering content/en/guides/step-5.md" in messages["1"]
    assert messages[jobs] == messages["1"]
    assert {p: p.read_bytes() for p in site.site_dir.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_setting_of_kbgen_jobs_that_is_not_a_count_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_kbgen: Callable[..., Result], command: str
) -> None:
    site = Site(tmp_path / "project")
    site.write("en/guides/one.md", article())
    monkeypatch.setenv("KBGEN_JOBS", "many")
    result = run_kbgen(command, "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 2
    assert "KBGEN_JOBS='many': expected a whole number of processes, 1 or more" in result.stderr
    assert not site.site_dir.exists()


def test_kbgen_jobs_sets_the_number_of_processes_and_auto_uses_one_for_a_small_site() -> None:
    assert worker_count(3, 100) == 3
    assert worker_count(8, 2) == 2  # never more processes than pages
    assert worker_count(None, 10) == 1


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}:{record.getMessage()}")


def test_results_and_log_records_from_every_worker_reach_this_process_in_page_order() -> None:
    logger = logging.getLogger("mkdocs.test_page_workers")
    kept = _Kept()
    logger.addHandler(kept)
    logger.setLevel(logging.DEBUG)
    applied: list[tuple[int, tuple[int, int]]] = []
    try:

        def work(page: int) -> tuple[int, int]:
            if page % 2:
                logger.warning("odd page %d", page)
            return page, page * page

        run_shared(list(range(9)), work, lambda page, result: applied.append((page, result)), workers=3)
    finally:
        logger.removeHandler(kept)
    assert applied == [(page, (page, page * page)) for page in range(9)]
    assert kept.messages == [f"WARNING:odd page {page}" for page in (1, 3, 5, 7)]  # 3 is this process' own


def test_a_worker_that_dies_fails_the_run_with_its_exit_code() -> None:
    parent = os.getpid()

    def work(page: int) -> int:
        if page == 1 and os.getpid() != parent:
            os._exit(3)
        return page

    with pytest.raises(WorkerFailed, match=r"exit code 3.*KBGEN_JOBS=1"):
        run_shared(list(range(4)), work, lambda page, result: None, workers=2)


def test_the_first_failing_page_in_page_order_is_the_one_raised() -> None:
    def work(page: int) -> int:
        if page in (1, 2):  # 1 in the worker, 2 here
            raise ValueError(f"page {page} is broken")
        return page

    applied: list[int] = []
    with pytest.raises(ValueError, match="page 1 is broken"):
        run_shared(list(range(6)), work, lambda page, result: applied.append(page), workers=2)
    assert applied == [0]  # nothing after the failure is applied, as in a loop in one process


def test_articles_loaded_by_several_processes_are_the_corpus_one_process_loads(tmp_path: Path) -> None:
    site = Site(tmp_path / "project")
    for index in range(12):
        body = f"See [next](step-{index + 1}.md).\n"
        site.write(f"en/guides/step-{index}.md", article(title=f"Step {index}", body=body))
    site.write("en/guides/broken.md", "---\ntitle: [unclosed\n---\nText.\n")
    site.write("en/guides/dense.md", article(body="<b>x</b> " * 50_000 + "\n"))
    site.write("en/guides/index.md", "---\ntitle: Guides\nowner: team.docs\n---\n")
    project = load_project(site.config_file, None)
    one = load_corpus(project.docs_dir, project.kb, project.display_prefix, jobs=1)
    assert len(one.articles) == 12 and len(one.rejected) == 2 and one.findings
    for jobs in (2, 3):
        assert load_corpus(project.docs_dir, project.kb, project.display_prefix, jobs=jobs) == one


def test_work_started_aside_answers_from_its_own_process_with_its_log_records(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def work() -> tuple[int, list[str]]:
        logging.getLogger("kbgen.test").warning("checked in process %d", os.getpid())
        return os.getpid(), ["a finding"]

    with caplog.at_level(logging.WARNING, logger="kbgen.test"):
        pid, findings = start_aside(work).result()
    assert pid != os.getpid() and findings == ["a finding"]
    assert [record.getMessage() for record in caplog.records] == [f"checked in process {pid}"]


def test_work_started_aside_raises_its_own_error_here() -> None:
    def work() -> None:
        raise ValueError("a check failed")

    with pytest.raises(ValueError, match="a check failed"):
        start_aside(work).result()


def test_work_whose_process_dies_is_done_here() -> None:
    """A process killed (out of memory) costs time, never the answer."""
    calls: list[int] = []

    def work() -> int:
        calls.append(os.getpid())
        if len(calls) == 1 and os.getpid() != parent:
            os._exit(9)
        return os.getpid()

    parent = os.getpid()
    assert start_aside(work).result() == parent
