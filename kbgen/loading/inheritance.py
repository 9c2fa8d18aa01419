"""Section defaults: what an article takes from the `index.md` of each section above it.

The nearest section that sets `owner`, `review_interval` or `product_version` wins, and an article's own value
beats them all. `audience` is the exception: one internal section makes everything below it internal, whatever
an article or a deeper section says, so nothing under a private folder can be published by one stray key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kbgen.loading.frontmatter import FieldValue
from kbgen.model import Finding, Origin, Section
from kbgen.review.durations import Interval
from kbgen.rules import rule

SectionLookup = Callable[[str, tuple[str, ...]], Section | None]


@dataclass(frozen=True, slots=True)
class Inheritance:
    """The defaults in force in one folder, each with the section that set it."""

    owner: tuple[str, Origin] | None = None
    review_interval: tuple[Interval, Origin] | None = None
    versions: tuple[tuple[str, ...], Origin] | None = None
    internal: Origin | None = None  # the outermost internal section above, if any

    @property
    def required_keys(self) -> frozenset[str]:
        """Required front-matter keys an article here may leave out."""
        keys = {"owner"} if self.owner else set()
        return frozenset(keys | ({"product_version"} if self.versions else set()))


def inheritance(lookup: SectionLookup, lang: str, path: tuple[str, ...]) -> Inheritance:
    """Walk from the category down to `path` itself; deeper sections override shallower ones."""
    owner = interval = versions = internal = None
    for end in range(1, len(path) + 1):
        section = lookup(lang, path[:end])
        if section is None or section.source is None:
            continue
        origin = Origin(section.source.display, path[:end])
        defaults = section.defaults
        owner = (defaults.owner, origin) if defaults.owner else owner
        interval = (defaults.review_interval, origin) if defaults.review_interval else interval
        versions = (defaults.versions, origin) if defaults.versions else versions
        if defaults.audience == "internal" and internal is None:
            internal = origin
    return Inheritance(owner, interval, versions, internal)


def apply(values: dict[str, Any], found: Inheritance) -> dict[str, Origin]:
    """Fill the values an article left out from its sections; returns where each filled value came from."""
    origins: dict[str, Origin] = {}
    if "owner" not in values and found.owner:
        values["owner"], origins["owner"] = found.owner
    if "review_interval" not in values and found.review_interval:
        values["review_interval"], origins["review_interval"] = found.review_interval
    if "versions" not in values and found.versions:
        values["versions"], origins["product_version"] = found.versions
    if found.internal is not None and values.get("audience") != "internal":
        values["audience"], origins["audience"] = "internal", found.internal
    return origins


def public_under_internal(
    values: dict[str, Any], above: Inheritance, display: str, where: FieldValue | None
) -> list[Finding]:
    """`audience: public` written under an internal section has no effect; say so rather than stay silent."""
    if above.internal is None or values.get("audience") != "public" or where is None:
        return []
    message = (
        f"'audience: public' has no effect: {above.internal.display} makes everything under it internal, "
        "so this stays unpublished; remove the key, or move the file out of that section"
    )
    return [rule("public-under-internal").finding(display, where.line, where.column, message)]
