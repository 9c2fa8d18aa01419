"""Offsets in a page's text and the lines that hold them: the component, shortcode and tag converters replace a
construct as a block only when it stands alone on its lines."""

from __future__ import annotations


def line_start(text: str, at: int) -> int:
    """Where the line holding offset `at` starts."""
    return text.rfind("\n", 0, at) + 1


def line_end(text: str, at: int) -> int:
    """Where the line holding offset `at` ends (its newline, or the end of the text)."""
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def alone(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` has nothing but spaces before it and after it on its lines."""
    return not text[line_start(text, start) : start].strip() and not text[end : line_end(text, end)].strip()
