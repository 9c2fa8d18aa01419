"""Round 4 of the attack: inputs and orders no earlier round tried, each of which once ended in KB900 or worse."""

from __future__ import annotations

import gzip
import subprocess
import sys

import pytest

from tests.support.hardening import kbgen_env
from tests.support.project import REPO, Site

# --- every module imports on its own ----------------------------------------------------------------------------

_IMPORT_EACH_ALONE = """
import importlib, pathlib, sys
root = pathlib.Path(sys.argv[1])
failed = []
for path in sorted((root / "kbgen").rglob("*.py")):
    parts = path.relative_to(root).with_suffix("").parts
    name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    for loaded in [m for m in sys.modules if m == "kbgen" or m.startswith("kbgen.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as error:
        failed.append(f"{name}: {type(error).__name__}: {error}")
print("\\n".join(failed))
"""


def test_every_module_imports_first_in_a_fresh_interpreter() -> None:
    """A command's module is the first kbgen code a `python -m kbgen CMD` run imports: an import cycle that the
    test process never meets (it imported the other side first) ended `kbgen report` in KB900 on every run."""
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH_ALONE, str(REPO)],
        env=kbgen_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert done.stdout.strip() == ""


# --- "today" at the edges of the calendar --------------------------------------------------------------------------


@pytest.mark.parametrize("epoch", ["99999999999999999999", "253402300800"])  # past any platform's time_t; year 10000
def test_source_date_epoch_out_of_range_is_a_usage_error(small_site: Site, run_kbgen, monkeypatch, epoch: str) -> None:
    for command in ("check", "build", "report"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        result = run_kbgen(command, cwd=small_site.root)
        assert result.exit_code == 2, (command, result.stderr)
        assert f"SOURCE_DATE_EPOCH: '{epoch}'" in result.stderr and "KB900" not in result.stderr
    assert not small_site.site_dir.exists()


@pytest.mark.parametrize("today", ["0001-01-01", "0999-12-31", "1969-12-31", "2106-02-08", "9999-12-31"])
def test_build_takes_any_today_check_takes(small_site: Site, run_kbgen, today: str) -> None:
    """`check --today 9999-12-31` judged every article; `build` ended in KB900 because MkDocs dates the sitemap's
    gzip header (32 bits) and writes the year unpadded (it cannot read '1-01-01' back)."""
    assert run_kbgen("check", "--today", today, cwd=small_site.root).exit_code in (0, 1)
    result = run_kbgen("build", "--today", today, cwd=small_site.root)
    assert "KB900" not in result.stderr and result.exit_code == 0, result.stderr
    assert (small_site.site_dir / "en/account/alpha/index.html").is_file()
    compressed = (small_site.site_dir / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(compressed) == (small_site.site_dir / "sitemap.xml").read_bytes()
