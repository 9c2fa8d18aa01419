"""Which names a section's `icon` may hold: the SVG icons bundled with mkdocs-material, as material names them.

The section's card includes `.icons/<name>.svg` while rendering, so a misspelt name would stop the whole build
with a template error; kbgen checks it first and reports the file and line instead. The icons are found on disk without
importing material (or MkDocs), so `kbgen check` stays independent of the renderer.
"""

from __future__ import annotations

import difflib
import functools
import importlib.util
import re
from pathlib import Path

ICON_NAME = re.compile(r"(material|octicons|simple|fontawesome/(brands|regular|solid))/[a-z0-9]+(-[a-z0-9]+)*")
_EXAMPLE = "material/credit-card-outline"


@functools.cache
def _icon_folder() -> Path | None:
    spec = importlib.util.find_spec("material")
    for location in spec.submodule_search_locations or () if spec else ():
        folder = Path(location) / "templates" / ".icons"
        if folder.is_dir():
            return folder
    return None


@functools.cache
def _names_in(set_folder: Path) -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in set_folder.glob("*.svg")))


def icon_problem(name: str) -> str | None:
    """Why `name` cannot be an icon (with the closest real name), or None when material has it."""
    if not ICON_NAME.fullmatch(name):
        return f"is not an icon name such as '{_EXAMPLE}' (a set, a slash, then lower-case words joined by '-')"
    folder = _icon_folder()
    if folder is None or (folder / f"{name}.svg").is_file():
        return None  # without material installed only the form can be checked
    icon_set, _, icon = name.rpartition("/")
    close = difflib.get_close_matches(icon, _names_in(folder / icon_set), n=1, cutoff=0.7)
    hint = f" (did you mean '{icon_set}/{close[0]}'?)" if close else ""
    return f"is not one of mkdocs-material's icons{hint}; see https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/"
