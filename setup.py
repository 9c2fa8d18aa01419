"""Ships the top-level theme/ inside the wheel as kbgen/theme, so installing kbgen alone gives the plugin its theme.

Everything else is declared in pyproject.toml. An editable install skips the copy: kbgen then reads the checkout's
own theme/ (kbgen/mkdocs_plugin/theme.py looks in both places).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

THEME = Path(__file__).resolve().parent / "theme"


class BuildPyWithTheme(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "kbgen" / "theme"
        shutil.rmtree(target, ignore_errors=True)  # a stale build/ must not keep a template deleted from theme/
        shutil.copytree(THEME, target, ignore=shutil.ignore_patterns("__pycache__", ".*"))


setup(cmdclass={"build_py": BuildPyWithTheme})
