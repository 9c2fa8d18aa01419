"""Expands include directives into the text of the file they name: DocFX's `[!INCLUDE [label](path)]`, Hugo's
include shortcode (`{{% include "/snippets/x" %}}`, found as Hugo's GetPage finds a page: from the page's folder,
then from the tree's top, `.md` optional), and in a GitBook tree GitBook's reusable content,
`{% include "../.gitbook/includes/x.md" %}`.

kbgen's build has no includes (its cache knows a page by its own file alone), so adopt, whose job is to
rewrite content once, puts the included text in each page. Included files may include others, up to
MAX_DEPTH deep; a file met again on the way is a cycle. A directive that cannot be expanded stays exactly as
written (so nothing is lost) and becomes a Problem naming the file and line where it is written. Directives
in code blocks, code spans and HTML comments are examples, not includes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from kbgen.adopt.include_files import Fragments, resolve
from kbgen.adopt.include_text import as_block, as_list_item, is_container, list_item, one_paragraph
from kbgen.adopt.tree_links import rebase_links
from kbgen.links.code_mask import mask_blocks, mask_inline

DOCFX_INCLUDE = r"\[!include[ \t]*\[[^\]\n]*\]\((?P<docfx>[^)\n]*)\)\]"
# Hugo sites define `include` themselves (Hugo's docs and the Relearn theme): a path, quoted, or Relearn's `file=`
HUGO_INCLUDE = r"\{\{[<%][ \t]*include[ \t]+(?:file[ \t]*=[ \t]*)?\"(?P<hugo>[^\"\n]*)\"[ \t]*/?[ \t]*[>%]\}\}"
# GitBook's reusable content; Jekyll's `{% include x.html %}` names a file of `_includes/`, unquoted, and is not one
GITBOOK_INCLUDE = r"\{%-?[ \t]*include[ \t]+\"(?P<gitbook>[^\"\n]*)\"[ \t]*-?%\}"
USES_INCLUDES = re.compile(rb"\[!include[ \t]*\[|\{%-?[ \t]*include[ \t]|\{\{[<%][ \t]*include[ \t]", re.I)
MAX_DEPTH = 8  # includes inside one another; the d365 corpus needs 1
MAX_GROWTH = 4 * 1024 * 1024  # characters one file's directives may add, so nesting cannot multiply without end
# What one page's includes, at every depth, may take in: each directive counts _INCLUDE_COST characters, and its
# expanded text, so thirty directives a file eight files deep (empty ones too) cannot take 30**8 expansions
MAX_WORK = 2 * MAX_GROWTH
_INCLUDE_COST = 4096
_EDGE_BLANKS = re.compile(r"\A(?:[ \t]*\n)+")


@dataclass(frozen=True, slots=True)
class Problem:
    """A directive left as written: the file it is written in (relative to the source folder), its line."""

    rel: PurePosixPath
    line: int
    written: str
    reason: str

    @property
    def message(self) -> str:
        return f"include '{self.written}' not expanded: {self.reason}"


@dataclass(slots=True)
class Expansion:
    """A body with its directives expanded, and what that took; counts include nested directives."""

    text: str
    expanded: int = 0
    left: int = 0
    used: set[PurePosixPath] = field(default_factory=set)  # files whose text went in
    problems: list[Problem] = field(default_factory=list)

    def merge(self, other: Expansion) -> None:
        self.expanded += other.expanded
        self.left += other.left
        self.used |= other.used
        self.problems += other.problems


@dataclass(frozen=True, slots=True)
class _Included:
    rel: PurePosixPath
    text: str  # expanded, its links rebased to the including file's folder, blank edges trimmed
    inner: Expansion


def directives(*syntaxes: str) -> re.Pattern[str]:
    """The directives to expand: DocFX's, Hugo's, and each of `syntaxes` (a pattern whose one group is the path)."""
    return re.compile("|".join((DOCFX_INCLUDE, HUGO_INCLUDE, *syntaxes)), re.I)


DIRECTIVE = directives()
Locate = Callable[[str, PurePosixPath], PurePosixPath | None]  # a Hugo include's page, from the including file


def written_path(match: re.Match[str]) -> str:
    """The path a directive names, whichever syntax it is written in."""
    return match.group(match.lastgroup or 0)


class Expander:
    """Expands the directives of the files of one source folder."""

    def __init__(self, fragments: Fragments, directive: re.Pattern[str] = DIRECTIVE, locate: Locate | None = None):
        self.fragments = fragments
        self.directive = directive
        self.locate = locate
        self.work = 0  # characters the page being expanded has taken in so far (MAX_WORK)

    def expand(self, rel: PurePosixPath, body: str, body_line: int) -> Expansion:
        """`body` (newlines `\\n`) of the file `rel` with every directive that can be expanded replaced."""
        result = Expansion(body)
        self.work = 0
        result.text = self._expand(body, body_line, (rel,), result)
        return result

    def _expand(self, body: str, body_line: int, chain: tuple[PurePosixPath, ...], result: Expansion) -> str:
        if not self.directive.search(body):
            return body
        lines = body.split("\n")
        masked = mask_inline(mask_blocks(body)).split("\n")  # same lines, code blanked
        out: list[str] = []
        growth = 0
        for index, line in enumerate(lines):
            matches = list(self.directive.finditer(masked[index]))
            if not matches:
                out.append(line)
                continue
            next_blank = index + 1 == len(lines) or not lines[index + 1].strip()
            placed = _Line(self, chain, result, body_line + index, masked[index], MAX_GROWTH - growth)
            new = placed.expand(line, matches, next_blank)
            growth += placed.grown
            out.extend(new)
        return "\n".join(out)

    def include(self, written: str, chain: tuple[PurePosixPath, ...], room: int, hugo: bool = False) -> _Included | str:
        """The text `written` names, ready to go in the last file of `chain`; or why it cannot. A Hugo include names
        a page as Hugo finds one."""
        if self.work > MAX_WORK:
            return (
                f"the page's includes, at every depth, number over {MAX_WORK // _INCLUDE_COST:,} or take in over "
                f"{MAX_WORK // (1024 * 1024)} MiB of text; expand some by hand"
            )
        self.work += _INCLUDE_COST  # every directive met, refused or not: a refusal takes work too
        target = self._hugo_page(written, chain[-1]) if hugo else resolve(written, chain[-1])
        if isinstance(target, str):
            return target
        if target in chain:
            loop = (*chain[chain.index(target) :], target)  # the same words from every page that meets it
            return f"a cycle ({' → '.join(rel.as_posix() for rel in loop)})"
        if len(chain) > MAX_DEPTH:
            return f"more than {MAX_DEPTH} includes inside one another"
        fragment = self.fragments.read(target)
        if isinstance(fragment, str):
            return fragment
        inner = Expansion("")
        text = self._expand(fragment.body, fragment.body_line, (*chain, target), inner)
        self.work += len(text)
        text = _EDGE_BLANKS.sub("", rebase_links(text, target.parent, chain[-1].parent)).rstrip()
        if len(text) > room:
            return f"the file's text would grow past {MAX_GROWTH // (1024 * 1024)} MiB with its includes"
        inner.used.add(target)
        inner.expanded += 1
        return _Included(target, text, inner)

    def _hugo_page(self, written: str, including: PurePosixPath) -> PurePosixPath | str:
        found = self.locate(written, including) if self.locate is not None else None
        if found is None:
            return "names no page of the adopted tree (looked for from this file's folder, then from the tree's top)"
        return found


class _Line:
    """One line holding directives, expanded where each stands (see include_text for the three shapes)."""

    def __init__(
        self,
        expander: Expander,
        chain: tuple[PurePosixPath, ...],
        result: Expansion,
        number: int,
        masked: str,
        room: int,
    ) -> None:
        self.expander = expander
        self.chain = chain
        self.result = result
        self.number = number
        self.masked = masked
        self.room = room
        self.grown = 0

    def _get(self, written: str, hugo: bool = False) -> _Included | None:
        included = self.expander.include(written, self.chain, self.room - self.grown, hugo)
        if isinstance(included, str):
            self._leave(written, included)
            return None
        return included

    def _leave(self, written: str, reason: str) -> None:
        self.result.left += 1
        self.result.problems.append(Problem(self.chain[-1], self.number, written, reason))

    def _take(self, included: _Included) -> None:
        self.result.merge(included.inner)
        self.grown += len(included.text)

    def expand(self, line: str, matches: list[re.Match[str]], next_blank: bool) -> list[str]:
        if len(matches) == 1 and not line[matches[0].end() :].strip():
            match = matches[0]
            prefix = line[: match.start()]
            if is_container(prefix):
                return self._block(line, prefix, match)
            item = list_item(prefix)
            if item is not None:
                return self._list_item(line, prefix, item, match, next_blank)
        for match in reversed(matches):
            line = self._inline(line, match)
        return [line]

    def _block(self, line: str, prefix: str, match: re.Match[str]) -> list[str]:
        included = self._get(written_path(match), match.lastgroup == "hugo")
        if included is None:
            return [line]
        self._take(included)
        return as_block(prefix, included.text, included.rel.as_posix())

    def _list_item(
        self, line: str, prefix: str, item: tuple[str, str], match: re.Match[str], next_blank: bool
    ) -> list[str]:
        included = self._get(written_path(match), match.lastgroup == "hugo")
        if included is None:
            return [line]
        if not included.text or one_paragraph(included.text) is not None:
            return [self._inline(line, match, included)]
        self._take(included)
        container, indent = item
        return as_list_item(prefix, container, indent, included.text, included.rel.as_posix(), next_blank)

    def _inline(self, line: str, match: re.Match[str], included: _Included | None = None) -> str:
        written = written_path(match)
        included = included or self._get(written, match.lastgroup == "hugo")
        if included is None:
            return line
        text = one_paragraph(included.text) if included.text else ""
        if text is None:
            reason = "its text is more than one paragraph (a note, a list, a heading...), which cannot go inside a line"
            self._leave(written, f"{reason}; put the directive on a line of its own")
            return line
        around = self.masked[: match.start()] + self.masked[match.end() :]
        if "|" in text and "|" in around:
            self._leave(written, "its text has a '|', which would split this table row; expand it by hand")
            return line
        self._take(included)
        return line[: match.start()] + text + line[match.end() :]
