"""Relative paths that climb out of the adopted folder and back into it, rewritten to stay inside it.

A page at `articles/troubleshooting/x/page.md` may write `../../../articles/media/a.png`: in the source
repository that goes up out of `articles/` and back in, so it works there. Adopted, the folder is
`content/<lang>/` and the same path asks for `content/articles/media/a.png`, which does not exist (the built
page requests `/en/articles/media/...`). Such a path is rewritten to the file's path from the page
(`../../media/a.png`) when it lands on a file or folder of the adopted tree; one that lands anywhere else
cannot be mapped and is reported with its line.

A path inside the folder that names a file only in another letter case (`../psa/FAQ-bookings.md` for
`faq-bookings.md`) worked on a case-insensitive site such as Microsoft Learn, and breaks on a case-sensitive
server; it is rewritten to the file's real name. Any other path inside the folder is never touched.

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
    case: int = 0  # paths to a file in another letter case, now spelt as the file is
    unmapped: list[Unmapped] = field(default_factory=list)


class TreePaths:
    """The paths of one adopted tree: `root` is the source folder's absolute path, `files` every file below it."""

    def __init__(self, root: PurePosixPath, files: Iterable[PurePosixPath]) -> None:
        self.root = root.parts
        self._known: set[PurePosixPath] = set()
        for file in files:
            self._known.add(file)
            self._known.update(file.parents)
        spellings: dict[str, list[PurePosixPath]] = {}
        for known in self._known:
            spellings.setdefault(known.as_posix().lower(), []).append(known)
        self._by_case = {lower: found[0] for lower, found in spellings.items() if len(found) == 1}

    def rewrite(self, text: str, page: PurePosixPath, first_line: int = 1) -> Rewritten:
        """`text`, the body of the file `page` (from the tree's top) whose first line is file line `first_line`,
        with its climbing paths written from inside the tree."""
        result = Rewritten(text)
        pieces: list[str] = []
        done = 0
        for _, target, at in link_targets(text):
            found = self._inside(target, page)
            if found is None:
                continue
            if isinstance(found, Unmapped):
                line = first_line + text.count("\n", 0, at)
                result.unmapped.append(Unmapped(line, found.written, found.reason))
                continue
            new, climbing = found
            pieces += [text[done:at], new]
            done = at + len(target)
            result.climbing += climbing
            result.case += not climbing
        result.text = "".join(pieces) + text[done:]
        return result

    def _inside(self, target: str, page: PurePosixPath) -> tuple[str, bool] | Unmapped | None:
        """The target written from inside the tree and whether it climbed out, what is wrong with it, or None to
        keep it as written."""
        if not is_relative(target):
            return None
        path, rest = split_target(target)
        if not path:
            return None
        stack = [*self.root, *page.parent.parts]
        lowest = len(stack)
        for segment in path.split("/"):
            if segment == "..":
                if len(stack) > 1:
                    stack.pop()
                lowest = min(lowest, len(stack))
            elif segment not in ("", "."):
                stack.append(segment)
        top = len(self.root)
        climbed = lowest < top
        back_in = len(stack) > top and [unquote(part) for part in stack[:top]] == list(self.root)
        if not back_in:
            if not climbed:
                return None  # the folder itself
            where = posixpath.join(*[unquote(part) for part in stack]) if stack else "/"
            reason = f"it leads out of the adopted folder, to {where}; copy what it names into the folder and write "
            return Unmapped(0, target, reason + "the path from this page")
        tail = stack[top:]
        inside = PurePosixPath(*[unquote(part) for part in tail])
        if inside not in self._known:
            spelt = self._by_case.get(inside.as_posix().lower())
            if spelt is None or len(spelt.parts) != len(tail):
                if not climbed:
                    return None  # a broken link inside the folder: the link check names it
                reason = (
                    f"it climbs out of the adopted folder and back in, to {inside}, which is not there; fix the path"
                )
                return Unmapped(0, target, reason)
            tail = [part if unquote(part) == real else real for part, real in zip(tail, spelt.parts, strict=True)]
        elif not climbed:
            return None
        new = posixpath.relpath("/".join(tail), page.parent.as_posix() or ".")
        if path.endswith("/") and not new.endswith("/"):
            new += "/"
        return new + rest, climbed
