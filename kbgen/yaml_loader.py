"""The YAML loader for writers' files (front matter, synonyms, the owners roster): PyYAML's safe loader, in C
where it is built, without YAML 1.1's base-60 numbers.

YAML 1.1 reads `1:30` as the integer 90 and `1:20.5` as 80.5; YAML 1.2 dropped them, and no writer of
`order: 1:30` or `versions: [1:20]` means a number of minutes. Such a value stays the text written, so the check
of that key says what is wrong with it instead of accepting a number nobody wrote.
"""

from __future__ import annotations

import re

import yaml

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class WriterLoader(_Base):  # type: ignore[valid-type,misc]
    """Implicit types as PyYAML's safe loader resolves them, minus the base-60 forms of int and float."""


WriterLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag not in (_INT, _FLOAT)]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
# PyYAML's own patterns (yaml/resolver.py) with their base-60 alternatives left out
WriterLoader.add_implicit_resolver(
    _INT,
    re.compile(
        r"""^(?:[-+]?0b[0-1_]+
        |[-+]?0[0-7_]+
        |[-+]?(?:0|[1-9][0-9_]*)
        |[-+]?0x[0-9a-fA-F_]+)$""",
        re.VERBOSE,
    ),
    list("-+0123456789"),
)
WriterLoader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
        |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        re.VERBOSE,
    ),
    list("-+0123456789."),
)


def yaml_problem(exc: yaml.YAMLError) -> tuple[int, str]:
    """The line (1-based; 0 when PyYAML gives none) and the words of a YAML error, for a one-line finding."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.context_mark or exc.problem_mark
        return (mark.line + 1 if mark is not None else 0), exc.problem or exc.context or "invalid YAML"
    return 0, str(exc)


DEEPEST = 64  # lists and mappings one inside the other in a sidebar file: real ones nest fewer than 10


def refused_event(text: str) -> tuple[int, str] | None:
    """The line of the first thing a writer's sidebar file (TOC.yml, _category_.yml) may not hold, and what it is:
    an alias (a billion laughs expands it), or lists nested over DEEPEST deep (PyYAML's composer and the readers
    after it recurse: 3,000 of them ended adopt in RecursionError). Raises yaml.YAMLError on a syntax error."""
    depth = 0
    for event in yaml.parse(text, Loader=WriterLoader):
        line = event.start_mark.line + 1 if event.start_mark is not None else 0
        if isinstance(event, yaml.AliasEvent):
            return line, "alias"
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > DEEPEST:
                return line, f"lists or mappings nested over {DEEPEST} deep"
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None
