"""Lays out a new help-center repository that checks and builds at once: content, mkdocs.yml, CI and hooks.

Only an empty folder is written into (a `.git` folder alone counts as empty, as after cloning a new repository),
so `kbgen init` can never overwrite someone's work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from kbgen import __version__
from kbgen.config.settings import LANGUAGE_CODE
from kbgen.scaffold import ScaffoldRefused, take_back
from kbgen.scaffold.texts import fill, template, template_exists, yaml_list, yaml_scalar
from kbgen.translations.source_hash import source_hash

# Starter files and where they land; the templates avoid leading dots so packaging never skips them as hidden.
REPOSITORY_FILES = (
    ("README.md", "README.md"),
    ("mkdocs.yml", "mkdocs.yml"),
    ("requirements.txt", "requirements.txt"),
    ("gitignore", ".gitignore"),
    ("pre-commit-config.yaml", ".pre-commit-config.yaml"),
    ("github/workflows/kbgen-check.yml", ".github/workflows/kbgen-check.yml"),
    ("github/workflows/kbgen-scan.yml", ".github/workflows/kbgen-scan.yml"),
    ("gitlab-ci.yml", ".gitlab-ci.yml"),
)
# One home, one category and one article per language, at the same paths so they are each other's translations.
CONTENT_FILES = ("index.md", "getting-started/index.md", "getting-started/welcome.md")
STARTER_CATEGORY = "getting-started"
IGNORED_OCCUPANTS = frozenset({".git"})


@dataclass(frozen=True, slots=True)
class ProjectPlan:
    languages: tuple[str, ...]
    files: tuple[tuple[PurePosixPath, str], ...]
    untranslated: tuple[str, ...]  # languages kbgen has no starter text for: they got the English one


def plan_project(languages: tuple[str, ...], site_name: str, owner: str, today: date) -> ProjectPlan:
    """Every file of the new repository as text; nothing is written."""
    languages = tuple(dict.fromkeys(languages)) or ("en",)
    for code in languages:
        if not LANGUAGE_CODE.match(code):
            raise ScaffoldRefused(f"--lang '{code}' is not a language code such as 'en', 'tr' or 'zh'")
    if not site_name.strip():
        raise ScaffoldRefused("--site-name is empty")
    values = {
        "site_name": yaml_scalar(site_name.strip()),
        "title": site_name.strip(),
        "languages": yaml_list(languages),
        "theme_language": languages[0],
        "owner": yaml_scalar(owner.strip()),
        "reviewed": today.isoformat(),
        "kbgen_version": __version__,
    }
    files = [(PurePosixPath(target), fill(template(source), values)) for source, target in REPOSITORY_FILES]
    untranslated = []
    for lang in languages:
        source = lang if template_exists(f"content/{lang}/index.md") else "en"
        if source != lang:
            untranslated.append(lang)
        for rel in CONTENT_FILES:
            text = fill(template(f"content/{source}/{rel}"), values)
            if lang != languages[0] and PurePosixPath(rel).name != "index.md":
                text = _translated_from(text, fill(template(f"content/{_starter(languages[0])}/{rel}"), values))
            files.append((PurePosixPath("content", lang, rel), text))
    return ProjectPlan(languages, tuple(files), tuple(untranslated))


def _starter(lang: str) -> str:
    return lang if template_exists(f"content/{lang}/index.md") else "en"


def _translated_from(text: str, source_text: str) -> str:
    """A starter translation records the starter article it translates, so the new repository checks clean."""
    head, body = text.split("\n---\n", 1)
    digest = source_hash(source_text.split("\n---\n", 1)[1])
    return f"{head}\nsource_hash: {digest}\n---\n{body}"


def occupants(target: Path) -> list[str]:
    """What is already in the folder, sorted; `.git` does not count."""
    if not target.exists():
        return []
    if not target.is_dir():
        raise ScaffoldRefused(f"{target} is a file, not a folder")
    return sorted(entry.name for entry in target.iterdir() if entry.name not in IGNORED_OCCUPANTS)


def write_project(target: Path, plan: ProjectPlan) -> None:
    """Refuses a folder with anything in it; otherwise creates it and writes every file with LF line ends."""
    found = occupants(target)
    if found:
        listed = ", ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
        raise ScaffoldRefused(
            f"{target} is not empty (it holds {listed}); kbgen init writes only into an empty folder, "
            "so nothing there is overwritten: choose a new folder name"
        )
    made: list[Path] = []  # what this run created, parents first: taken back if a write fails (disk full)
    try:
        for rel, text in plan.files:
            path = target / rel
            missing = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()]
            for folder in reversed(missing):
                folder.mkdir()
                made.append(folder)
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                made.append(path)
                handle.write(text)
    except BaseException:
        take_back(made)
        raise
