"""`kbgen build` and `kbgen check` end without tearing their heaps down (kbgen.cli.fast_exit): what they print
and the status they end with must arrive whole, as from a normal exit, and nobody else's process may end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kbgen.cli import fast_exit
from tests.support.project import REPO, Site, article


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("KBGEN_TODAY", None)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_in_process_leaving_is_an_ordinary_exit_the_caller_can_catch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast_exit, "_requested", False)
    with pytest.raises(SystemExit) as raised:
        fast_exit.leave(3)
    assert raised.value.code == 3


@pytest.mark.parametrize(
    ("code", "status", "said"), [(None, 0, ""), (1, 1, ""), ("no site built", 1, "no site built\n")]
)
def test_a_hard_exit_delivers_buffered_output_logs_and_status(
    tmp_path: Path, code: object, status: int, said: str
) -> None:
    script = (
        "import logging, sys\n"
        "from kbgen.cli import fast_exit\n"
        "logging.basicConfig(stream=sys.stderr, format='%(message)s')\n"
        "print('x' * 200_000, end='')\n"
        "logging.getLogger('kbgen').warning('logged last')\n"
        "fast_exit.skip_teardown()\n"
        f"fast_exit.leave({code!r})\n"
        "print('never')\n"
    )
    done = run([sys.executable, "-c", script], tmp_path)
    assert (done.returncode, len(done.stdout)) == (status, 200_000)
    assert done.stderr == "logged last\n" + said


def test_kbgen_check_and_build_end_with_their_whole_output_and_status(site: Site) -> None:
    site.write("en/account/ok.md", article())
    site.write("en/account/stale.md", article(reviewed="2025-01-02"))
    check = run([sys.executable, "-m", "kbgen", "check", "--format", "json", "--today", "2026-11-22"], site.root)
    assert check.returncode == 1, check.stderr
    report = json.loads(check.stdout)  # the whole report: it parses
    assert "stale.md" in json.dumps(report)
    build = run([sys.executable, "-m", "kbgen", "build", "--strict", "--today", "2026-11-22"], site.root)
    assert build.returncode == 1, build.stderr  # --strict: the stale article fails the build
    assert "stale.md" in build.stderr
    assert build.stderr.rstrip().splitlines()[-1].startswith("error: ")
    build = run([sys.executable, "-m", "kbgen", "build", "--today", "2026-11-22"], site.root)
    assert build.returncode == 0, build.stderr
    assert build.stderr.rstrip().splitlines()[-1].startswith("built site: 1 error(s)")
    assert (site.site_dir / "en" / "account" / "ok" / "index.html").is_file()
