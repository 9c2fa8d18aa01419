"""Where the shared d365-project-operations corpus is: one rule for every script that reads it.

`--corpus DIR` wins, then the `KBGEN_CORPUS` environment variable, then `../shared/corpora/d365-project-operations`
beside the repository, so no script names a machine's absolute path.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ENV_VAR = "KBGEN_CORPUS"
DEFAULT = REPO.parent / "shared" / "corpora" / "d365-project-operations"


def add_corpus_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help=f"the d365-project-operations corpus (default: ${ENV_VAR}, else "
        "../shared/corpora/d365-project-operations relative to the repository root)",
    )


def corpus_dir(flag: Path | None, environ: Mapping[str, str] = os.environ) -> Path:
    """The corpus folder to read: the flag, else the environment variable, else the default beside the repo."""
    if flag is not None:
        return flag
    if environ.get(ENV_VAR):
        return Path(environ[ENV_VAR])
    return DEFAULT
