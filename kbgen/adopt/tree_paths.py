"""Relative paths that climb out of the adopted folder and back into it, rewritten to stay inside it.

A page at `articles/troubleshooting/x/page.md` may write `../../../articles/media/a.png`: in the source
repository that goes up out of `articles/` and back in, so it works there. Adopted, the folder is
`content/<lang>/` and the same path asks for `content/articles/media/a.png`, which does not exist (the built
page requests `/en/articles/media/...`). Such a path is rewritten to the file's path from the page
(`../../media/a.png`) when it lands on a file or folder of the adopted tree; one that lands anywhere else
cannot be mapped and is reported with its line. A path that stays inside the folder is never touched.

The targets come from `link_targets`, the scan kbgen's link check reads (Markdown and HTML links and images,
reference definitions, and a DocFX `:::image:::`'s `source` and `link`/`lightbox`), so exactly the paths the
check will judge are the ones rewritten; code is never rewritten.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote

from kbgen.adopt.tree_links import is_relative, split_target
from kbgen.links.extract import link_targets


@dataclass(frozen=True, slots=True)
class Unmapped:
    """A climbing path left as written: its line in the file, the path, and why."""

    line: int
    written: str
    reason: str

    @property
    def message(self) -> str:
        return f"path '{self.written}' not rewritten: {self.reason}"


@dataclass(slots=True)
class Rewritten:
    text: str
    climbing: int = 0  # paths out of the folder and back in, now written from inside it
    unmapped: list[Unmapped] = field(default_factory=list)


class TreePaths:
    """The paths of one adopted tree: `root` is the source folder's absolute path, `files` every file below it."""

    def __init__(self, root: PurePosixPath, files: Iterable[PurePosixPath]) -> None:
        self.root = root.parts
        self._known: set[PurePosixPath] = set()
        for file in files:
            self._known.add(file)
            self._known.update(file.parents)

    def rewrite(self, text: str, page: PurePosixPath, first_line: int = 1) -> Rewritten:
        """`text`, the body of the file `page` (from the tree's top) whose first line is file line `first_line`,
        with its climbing paths written from inside the tree."""
        result = Rewritten(text)
        pieces: list[str] = []
        done = 0
        for _, target, at in link_targets(text):
            new = self._inside(target, page)
            if new is None:
                continue
            if isinstance(new, Unmapped):
                line = first_line + text.count("\n", 0, at)
                result.unmapped.append(Unmapped(line, new.written, new.reason))
                continue
            pieces += [text[done:at], new]
            done = at + len(target)
            result.climbing += 1
        result.text = "".join(pieces) + text[done:]
        return result

    def _inside(self, target: str, page: PurePosixPath) -> str | Unmapped | None:
        """The target written from inside the tree, what is wrong with it, or None when it does not climb out."""
        if not is_relative(target):
            return None
        path, rest = split_target(target)
        stack = [*self.root, *page.parent.parts]
        lowest = len(stack)
        for segment in path.split("/"):
            if segment == "..":
                if len(stack) > 1:
                    stack.pop()
                lowest = min(lowest, len(stack))
            elif segment not in ("", "."):
                stack.append(segment)
        if lowest >= len(self.root):
            return None  # stays inside the folder: a path adopt keeps as written
        top = len(self.root)
        back_in = len(stack) > top and [unquote(part) for part in stack[:top]] == list(self.root)
        tail = stack[top:]
        if not back_in:
            where = posixpath.join(*[unquote(part) for part in stack]) if stack else "/"
            return Unmapped(
                0,
                target,
                f"it leads out of the adopted folder, to {where}; copy what it names into the "
                "folder and write the path from this page",
            )
        inside = PurePosixPath(*[unquote(part) for part in tail])
        if inside not in self._known:
            return Unmapped(
                0,
                target,
                f"it climbs out of the adopted folder and back in, to {inside}, which is not there; fix the path",
            )
        new = posixpath.relpath("/".join(tail), page.parent.as_posix() or ".")
        if path.endswith("/") and not new.endswith("/"):
            new += "/"
        return new + rest
