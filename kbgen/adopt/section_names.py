"""Section pages written from a DocFX TOC.yml's or a Docusaurus _category_ file's names, for folders without one."""

from __future__ import annotations

from pathlib import PurePosixPath

import yaml

from kbgen.adopt.categories import is_category_file
from kbgen.adopt.mapping import Options
from kbgen.adopt.outcome import Outcome
from kbgen.adopt.section_pages import has_index
from kbgen.adopt.toc import SectionName
from kbgen.adopt.writing import write_new


def name_sections(
    outcome: Outcome,
    names: dict[PurePosixPath, SectionName],
    files: set[PurePosixPath],
    pages: list[PurePosixPath],
    options: Options,
    target_display: str,
) -> None:
    """Write an index.md with the title and order a TOC or a category file gives each folder that holds an adopted
    page and has none: the source's own index.md is adopted instead, and one already in the content folder is
    kept."""
    for folder, name in sorted(names.items()):
        index = folder / "index.md"
        if not any(folder in page.parents for page in pages) or has_index(folder, files):
            continue
        path = outcome.target / index
        if path.exists() or path.is_symlink():
            outcome.toc_kept.append(f"{target_display}{index}")
            continue
        fields = {"title": name.title, "order": name.order, "summary": name.summary}
        said = {key: value for key, value in fields.items() if value not in ("", None)}
        data = yaml.safe_dump(said, allow_unicode=True, sort_keys=False)
        written = f"---\n{data}---\n".encode()
        if write_new(outcome.notes, outcome.target, index, f"{target_display}{index}", written, options.dry_run):
            outcome.sections += 1
            if is_category_file(name.toc):
                outcome.category_sections += 1
            else:
                outcome.toc_sections += 1
