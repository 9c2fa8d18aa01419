"""KBGEN_UPDATE_GOLDEN rewrites expected files, so under CI it must fail the run instead of passing by rewriting."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support.golden import UPDATE_VAR, GoldenUpdateRefused, updating_golden
from tests.support.project import REPO

# one case of each golden suite, and the file it would rewrite
GOLDEN_CASES = {
    "tests/test_golden_cases.py::test_golden_case[valid-article]": "tests/cases/valid-article.expected.json",
    "tests/links/test_links_golden.py::test_golden_case[broken-link]": "tests/links/cases/broken-link.expected.json",
}


@pytest.mark.parametrize(
    ("environ", "updating"),
    [({}, False), ({"CI": "true"}, False), ({UPDATE_VAR: ""}, False), ({UPDATE_VAR: "1"}, True),
     ({UPDATE_VAR: "1", "CI": ""}, True)],
)  # fmt: skip
def test_update_only_when_asked_outside_ci(environ: dict[str, str], updating: bool) -> None:
    assert updating_golden(environ) is updating


@pytest.mark.parametrize("ci", ["true", "1", "yes"])
def test_update_under_ci_is_refused_with_the_reason(ci: str) -> None:
    with pytest.raises(GoldenUpdateRefused, match=f"{UPDATE_VAR} is set while CI='{ci}'.*never rewrite them"):
        updating_golden({UPDATE_VAR: "1", "CI": ci})


def test_golden_tests_fail_under_ci_and_leave_the_expectations_alone() -> None:
    expectations = [REPO / rel for rel in GOLDEN_CASES.values()]
    before = [(path.read_bytes(), path.stat().st_mtime_ns) for path in expectations]
    env = {**os.environ, UPDATE_VAR: "1", "CI": "true"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n0", "-p", "no:cacheprovider", *GOLDEN_CASES],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.count("GoldenUpdateRefused") >= len(GOLDEN_CASES), done.stdout
    assert "2 failed" in done.stdout, done.stdout
    assert [(path.read_bytes(), path.stat().st_mtime_ns) for path in expectations] == before
