"""Round 4 of the attack: inputs and orders no earlier round tried, each of which once ended in KB900 or worse."""

from __future__ import annotations

import subprocess
import sys

from tests.support.hardening import kbgen_env
from tests.support.project import REPO

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
