"""Which file names in the content folder are an editor's own scratch files, never content.

Editors write beside the file being edited: Vim a swap file (`.name.md.swp`) while it is open and a test file
(`4913`) on each save, Emacs an autosave (`#name.md#`) while unsaved text waits and a backup (`name.md~`) on the
first save, JetBrains IDEs `name.md___jb_tmp___` and `___jb_old___` during a safe write, Vim and others a `~`
backup when asked. None is anything the writer means to publish; each came and went (or stayed) as a side effect
of typing. Read as content, the ones without a leading dot were KB131 errors, so `kbgen serve` refused the edit
being made and rebuilt the whole site for each; they are skipped like dot-files (as Hugo and Jekyll skip them).
"""

from __future__ import annotations

_VIM_WRITE_TEST = "4913"  # Vim checks it may create a file in the folder with this name, then deletes it
_SUFFIXES = ("~", "___jb_tmp___", "___jb_old___")


def is_editor_scratch(name: str) -> bool:
    """True for a dot-file and for the scratch files editors write (a file's name, not its path)."""
    return (
        name.startswith(".")
        or name.endswith(_SUFFIXES)
        or (len(name) > 1 and name.startswith("#") and name.endswith("#"))
        or name == _VIM_WRITE_TEST
    )
