"""theme/ copies or replaces some of mkdocs-material's templates; this fails when the installed material's
originals differ from the ones the copies were synced with, and says which copies to re-sync.

material_originals.json (beside this file) records the sha256 of each original and the material version.
To re-sync: diff the original between the recorded and the installed material, carry the change into the listed
copies, then record the new sha256 and version.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path

import material
import pytest

from tests.support.project import REPO

RECORD = json.loads((Path(__file__).with_name("material_originals.json")).read_text(encoding="utf-8"))
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
INSTALLED = version("mkdocs-material")


@pytest.mark.parametrize("original", sorted(RECORD["originals"]))
def test_material_original_is_the_one_the_copies_were_synced_with(original: str) -> None:
    entry = RECORD["originals"][original]
    copies = ", ".join(entry["copies"])
    path = MATERIAL_TEMPLATES / original
    assert path.is_file(), f"mkdocs-material {INSTALLED} no longer has templates/{original}: re-sync {copies}"
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    assert actual == entry["sha256"], (
        f"mkdocs-material {INSTALLED} changed templates/{original} since {RECORD['material_version']}: re-sync "
        f"{copies} with it, then record sha256 {actual} and version {INSTALLED} in material_originals.json"
    )


def test_every_copy_listed_exists() -> None:
    listed = [copy for entry in RECORD["originals"].values() for copy in entry["copies"]]
    assert [copy for copy in listed if not (REPO / copy).is_file()] == []


def test_every_theme_template_that_replaces_one_of_materials_is_recorded() -> None:
    theme = REPO / "theme"
    shadowing = {p.relative_to(theme).as_posix() for p in theme.rglob("*.html")}
    shadowing = {rel for rel in shadowing if (MATERIAL_TEMPLATES / rel).is_file()}
    unrecorded = shadowing - set(RECORD["originals"])
    assert not unrecorded, f"theme/ replaces material's {sorted(unrecorded)}: record them in material_originals.json"
