"""Reads the synonym files, ``synonyms/<lang>.yml`` beside mkdocs.yml: the words customers type for what the
articles call something else, one list of equivalent phrases per line.

    - [invoice, bill]
    - [log in, sign in, login]

They live outside the content folder so MkDocs never publishes them, one file per language because
translators own them. Problems become findings naming file:line; a broken file is left out of the search
index, a broken group only drops itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kbgen.config.settings import KbConfig
from kbgen.loading.frontmatter import decode
from kbgen.model import Finding
from kbgen.rules import rule
from kbgen.yaml_loader import WriterLoader

FOLDER = "synonyms"
SUFFIXES = (".yml", ".yaml")
MAX_PHRASE = 100

_STR = "tag:yaml.org,2002:str"
_EXAMPLE = "write groups as '- [invoice, bill]'"


@dataclass(frozen=True, slots=True)
class SynonymGroup:
    phrases: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class SynonymFile:
    lang: str
    display: str
    groups: tuple[SynonymGroup, ...]


@dataclass(frozen=True, slots=True)
class Synonyms:
    """Every readable synonym file and every problem met reading them."""

    files: tuple[SynonymFile, ...] = ()
    findings: tuple[Finding, ...] = ()

    def by_language(self) -> dict[str, list[list[str]]]:
        """Language -> its groups of phrases, as the search build takes them."""
        return {f.lang: [list(g.phrases) for g in f.groups] for f in self.files}


@dataclass(slots=True)
class _File:
    display: str
    findings: list[Finding] = field(default_factory=list)

    def error(self, node: yaml.Node | yaml.Event, message: str) -> None:
        line, column = _position(node.start_mark)
        self.findings.append(rule("synonyms-syntax").finding(self.display, line, column, message))


def _position(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def load_synonyms(root: Path, config: KbConfig) -> Synonyms:
    """Read ``root/synonyms/*.yml``; a missing folder means no synonyms."""
    folder = root / FOLDER
    if not folder.is_dir():
        return Synonyms()
    files: list[SynonymFile] = []
    findings: list[Finding] = []
    for path in sorted(folder.iterdir()):
        if path.suffix not in SUFFIXES or path.name.startswith("."):
            continue
        display = f"{FOLDER}/{path.name}"
        lang = path.stem
        if not config.accepts_language(lang):
            known = ", ".join(config.languages) or "a language code like 'en'"
            message = f"synonyms for language '{lang}', which is not configured; name the file after one of: {known}"
            findings.append(rule("synonyms-language").finding(display, 1, 1, message))
            continue
        read = _read(path, display, config)
        findings.extend(read.findings)
        if read.groups is not None:
            files.append(SynonymFile(lang, display, read.groups))
    return Synonyms(tuple(files), tuple(findings))


@dataclass(slots=True)
class _Read:
    groups: tuple[SynonymGroup, ...] | None
    findings: list[Finding]


def _read(path: Path, display: str, config: KbConfig) -> _Read:
    state = _File(display)
    try:
        data = path.read_bytes()
    except OSError as exc:
        message = f"cannot read: {exc.strerror or exc}"
        return _Read(None, [rule("unreadable-file").finding(display, 1, 1, message)])
    if len(data) > config.max_file_size:
        message = f"file is {len(data) // 1024} KiB (limit {config.max_file_size // 1024} KiB); split or shorten it"
        return _Read(None, [rule("file-too-large").finding(display, 1, 1, message)])
    text, problems = decode(data, display)
    if text is None:
        return _Read(None, problems)
    try:
        # Aliases are refused before anything is composed: a phrase is written out where it is meant.
        events = yaml.parse(text, Loader=WriterLoader)
        alias = next((e for e in events if isinstance(e, yaml.AliasEvent) or getattr(e, "anchor", None)), None)
        if alias is not None:
            message = "anchors and aliases (&name, *name) are not allowed in synonyms; write the phrases out"
            state.error(alias, message)
            return _Read(None, state.findings)
        root = yaml.compose(text, Loader=WriterLoader)
    except yaml.MarkedYAMLError as exc:
        # The construct left open (context_mark) is where the fix goes, not where the parser gave up.
        line, column = _position(exc.context_mark or exc.problem_mark)
        message = f"YAML syntax error: {exc.problem or exc.context or 'invalid YAML'}; {_EXAMPLE}"
        return _Read(None, [rule("synonyms-syntax").finding(display, line, column, message)])
    except yaml.YAMLError as exc:
        return _Read(None, [rule("synonyms-syntax").finding(display, 1, 1, f"YAML syntax error: {exc}")])
    if root is None:
        return _Read((), [])
    if not isinstance(root, yaml.SequenceNode):
        state.error(root, f"expected a list of synonym groups; {_EXAMPLE}")
        return _Read(None, state.findings)
    groups = [group for node in root.value if (group := _group(node, state)) is not None]
    return _Read(tuple(groups), state.findings)


def _group(node: yaml.Node, state: _File) -> SynonymGroup | None:
    if not isinstance(node, yaml.SequenceNode):
        state.error(node, f"a synonym group must be a list of two or more phrases; {_EXAMPLE}")
        return None
    phrases: list[str] = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode):
            state.error(item, "a synonym must be a phrase, not a nested list or mapping; write '- [invoice, bill]'")
            return None
        if item.tag != _STR:
            state.error(item, f'synonym {item.value!r} is not read as text; quote it: "{item.value}"')
            return None
        phrase = " ".join(str(item.value).split())
        if not phrase or len(phrase) > MAX_PHRASE:
            state.error(item, f"synonym phrases must be 1 to {MAX_PHRASE} characters long")
            return None
        phrases.append(phrase)
    if len(phrases) < 2:
        state.error(node, f"a synonym group needs two or more phrases (found {len(phrases)}); {_EXAMPLE}")
        return None
    return SynonymGroup(tuple(phrases), node.start_mark.line + 1)
