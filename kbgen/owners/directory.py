"""Who may own an article: the roster or CODEOWNERS, as the configuration says, read once per run."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from kbgen.config.settings import KbConfig
from kbgen.loading.frontmatter import decode
from kbgen.model import Finding
from kbgen.owners.codeowners import LOCATIONS, find_codeowners, handle_of, parse_codeowners
from kbgen.owners.contacts import Contact
from kbgen.owners.roster import parse_roster
from kbgen.rules import rule


@dataclass(frozen=True, slots=True)
class OwnerDirectory:
    source: str  # the roster or CODEOWNERS file, as findings name it
    contacts: dict[str, Contact]
    kind: str = "roster"  # or "codeowners"

    def find(self, owner: str) -> Contact | None:
        return self.contacts.get(owner) or self.contacts.get(handle_of(owner))

    def closest(self, owner: str) -> str | None:
        """The active name most like `owner`: the person whose e-mail address it is, a name spelt alike
        (case aside), or one it is a part of (`maria` for `maria.popescu`)."""
        active = sorted(handle for handle, c in self.contacts.items() if c.active)
        wanted = handle_of(owner).casefold()
        for handle in active:
            if self.contacts[handle].email.casefold() == wanted:
                return handle
        folded = {handle.casefold(): handle for handle in active}
        close = difflib.get_close_matches(wanted, sorted(folded), n=1, cutoff=0.6)
        if close:
            return folded[close[0]]
        parts = [h for h in active if wanted and wanted in re.split(r"[._@/-]", h.casefold())]
        return parts[0] if parts else None


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_directory(root: Path, config: KbConfig) -> tuple[OwnerDirectory | None, list[Finding]]:
    """None when owners are not checked (no roster configured) or the file cannot be read at all."""
    source = config.owner_source
    if not source:
        return None, []
    if source == "codeowners":
        path = find_codeowners(root)
        if path is None:
            message = (
                f"'owners_from: codeowners' but there is no CODEOWNERS file ({', '.join(LOCATIONS)}, beside "
                "mkdocs.yml); add one or set 'roster:' instead"
            )
            return None, [rule("roster-invalid").finding("CODEOWNERS", 1, 1, message)]
    else:
        path = root / config.roster
    display = _display(path, root)
    try:
        text, problems = decode(path.read_bytes(), display)
    except FileNotFoundError:
        message = f"roster file not found; create it or fix 'roster: {config.roster}' in mkdocs.yml"
        return None, [rule("roster-invalid").finding(display, 1, 1, message)]
    except OSError as exc:
        message = f"cannot read the roster: {exc.strerror or exc}"
        return None, [rule("roster-invalid").finding(display, 1, 1, message)]
    if text is None:
        return None, [rule("roster-invalid").finding(display, p.line, p.column, p.message) for p in problems]
    contacts, findings = (parse_codeowners if source == "codeowners" else parse_roster)(text, display)
    if not contacts and findings:  # unreadable as a whole: judging owners against nobody would flag them all
        return None, findings
    return OwnerDirectory(display, contacts, source), findings
