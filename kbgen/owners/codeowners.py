"""Reads a CODEOWNERS file far enough to know who owns anything: each owner and the line naming it first.

Only existence is checked here (an article's `owner` must be someone CODEOWNERS names); which paths each
rule covers is left to the tools that assign owners. Owners are `@user`, `@org/team` or an e-mail address;
an article may name them with or without the `@`.
"""

from __future__ import annotations

import re
from pathlib import Path

from kbgen.model import Finding
from kbgen.owners.contacts import Contact
from kbgen.rules import rule

# Where GitHub looks, in its order; GitLab also reads these places.
LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
_OWNER = re.compile(r"@[\w.-]+(?:/[\w.-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+")
_SECTION = re.compile(r"^\^?\[[^\]]*\](?:\[\d+\])?(?:\s|$)")  # GitLab: [Section] @default-owners


def find_codeowners(root: Path) -> Path | None:
    return next((root / place for place in LOCATIONS if (root / place).is_file()), None)


def handle_of(owner: str) -> str:
    """The name an article may use for a CODEOWNERS owner: without the leading `@`."""
    return owner.removeprefix("@")


def parse_codeowners(text: str, display: str) -> tuple[dict[str, Contact], list[Finding]]:
    """Every owner named, keyed by handle (no `@`), plus a finding for each word that is not an owner."""
    contacts: dict[str, Contact] = {}
    findings: list[Finding] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        section = _SECTION.match(line)
        words = line[section.end() :].split() if section else _split_pattern(line)[1:]
        for word in words:
            if word.startswith("#"):
                break  # a trailing comment
            if not _OWNER.fullmatch(word):
                column = raw.find(word) + 1
                message = f"'{word}' is not an owner; write @user, @org/team or an e-mail address"
                findings.append(rule("roster-invalid").finding(display, number, column, message))
                continue
            handle = handle_of(word)
            kind = "team" if "/" in handle else "person"
            email = word if "@" in handle else ""
            contacts.setdefault(handle, Contact(handle, kind, email=email, line=number))
    return contacts, findings


def _split_pattern(line: str) -> list[str]:
    """The pattern may contain escaped spaces (`docs/my\\ file.md`); the owners follow it."""
    words, current, escaped = [], "", False
    for ch in line:
        if escaped:
            current, escaped = current + ch, False
        elif ch == "\\":
            current, escaped = current + ch, True
        elif ch.isspace():
            if current:
                words.append(current)
            current = ""
        else:
            current += ch
    return [*words, current] if current else words
