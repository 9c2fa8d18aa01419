"""What `kbgen serve` watches: every file and folder of the project that a build reads.

It watched the content folder, mkdocs.yml and a `theme/` folder beside it. A theme's `custom_dir` set elsewhere
(`theme: {custom_dir: overrides}`), a base configuration named by `INHERIT`, and the roster or CODEOWNERS file
the owner check reads were not watched: a writer's edit there showed only after the next save of an article.
"""

from __future__ import annotations

from pathlib import Path

from kbgen.config.project import Project
from kbgen.mkdocs_plugin.config_file import config_chain
from kbgen.owners.codeowners import LOCATIONS


def watched_inputs(project: Project) -> list[Path]:
    """The content folder, the configuration's files, the theme folders and the owners file, each once. A
    `custom_dir` that holds the whole project (`custom_dir: .`) is left out: watching it would watch `.git` and
    `site/`."""
    inputs = [project.docs_dir, *config_chain(project.config_file)]
    root = project.root.resolve()
    for folder in (project.theme_dir, project.root / "theme"):
        if folder is not None and folder.is_dir() and folder.resolve() not in (root, *root.parents):
            inputs.append(folder)
    if project.kb.owner_source == "codeowners":
        inputs += [project.root / place for place in LOCATIONS]
    elif project.kb.owner_source:
        inputs.append(project.root / project.kb.roster)
    unique: dict[Path, Path] = {}
    for path in inputs:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())
