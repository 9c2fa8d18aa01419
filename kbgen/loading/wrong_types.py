"""Words for a front-matter value of the wrong type: what YAML read, and a fix that leads to a valid value.

Quoting a value makes it text, so "quote it" is advice only where text is what the key wants; elsewhere the
caller names what to write instead, or a writer who follows the advice meets a second, opposite message.
"""

from __future__ import annotations

from typing import Any

import yaml

_KINDS = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
_SHOWN_TEXT = 40  # characters of a text value quoted in a message


def wrong_type_message(key: str, value: Any, node: yaml.Node, expected: str, instead: str = "") -> str:
    """`instead` is the fix where quoting would not give a valid value; empty, a coerced scalar is told to quote."""
    plain_scalar = isinstance(node, yaml.ScalarNode) and not node.style
    kind = {bool: "boolean", int: "number", float: "number"}.get(type(value))
    if plain_scalar and kind:
        got = f"{kind} {value!r} (YAML read '{node.value}')"
        fix = instead or f'quote it: "{node.value}"'
    else:
        got, fix = shown_kind(value), instead
    return f"'{key}' expected {expected}, got {got}" + (f"; {fix}" if fix else "")


def list_item_message(key: str, number: int, value: Any, node: yaml.Node, instead: str = "") -> str:
    """Item `number` (1-based) of a list of text is something else: name that item, not the whole list."""
    if value is None:
        return f"'{key}' item {number} of the list is empty; remove it or write its text"
    if isinstance(node, yaml.ScalarNode) and not node.style and isinstance(value, bool | int | float):
        kind = "boolean" if isinstance(value, bool) else "number"
        fix = instead or f'quote it: "{node.value}"'
        return f"'{key}' item {number} of the list is the {kind} {node.value}; {fix}"
    return f"'{key}' item {number} of the list is {shown_kind(value)}; {instead or 'write it as text on one line'}"


def shown_kind(value: object) -> str:
    """What a value is, in a writer's words: a text is quoted (shortened), since the text is what they wrote."""
    if isinstance(value, str):
        shown = value if len(value) <= _SHOWN_TEXT else f"{value[: _SHOWN_TEXT - 1]}…"
        return f"the text {shown!r}"
    if value is None:
        return "nothing"
    return _KINDS.get(type(value), type(value).__name__)
