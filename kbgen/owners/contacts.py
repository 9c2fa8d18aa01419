"""A person or team articles can belong to, as the roster or CODEOWNERS names them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Contact:
    handle: str  # what an article's `owner` says: maria.popescu, team-billing, @tessera/billing
    kind: str  # "person" or "team"
    name: str = ""  # a display name, when the roster gives one
    email: str = ""
    chat: str = ""
    active: bool = True
    members: tuple[str, ...] = ()  # a team's people, as handles
    line: int = 1  # where the roster (or CODEOWNERS) names it

    @property
    def greeting(self) -> str:
        return self.name or self.handle
