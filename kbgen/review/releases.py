"""Releases that make articles due: which release an article has not been reviewed since.

kbgen knows when a release happened from the `releases` option (version -> release date). An article falls
due for a release review when a release it applies to came out after its `reviewed` date (and on or before
today), whatever its calendar says:

- a version it lists was released;
- it targets "all" versions and the current version (`current_version`, else the newest release so far)
  was released: "all" describes the product as it is now;
- it lists a version that is no longer in `supported_versions`, which counts as dropped on the day the
  current version was released (support ends with a release; an article that lists only unsupported
  versions is KB203 instead).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kbgen.config.settings import KbConfig
from kbgen.model import Article


@dataclass(frozen=True, slots=True)
class ReleaseDue:
    """The newest release an article has not been reviewed since, and why it applies to the article."""

    version: str  # the release
    released: date
    why: str  # "lists 4.0", "targets all versions, and 4.0 is the current version", "lists 3.1, dropped ..."

    def describe(self) -> str:
        return f"{self.version} was released on {self.released.isoformat()}; the article {self.why}"


def current_release(config: KbConfig, today: date) -> tuple[str, date] | None:
    """The configured current version with its date, else the newest release on or before today."""
    if config.current_version:
        when = config.releases[config.current_version]
        return (config.current_version, when) if when <= today else None
    shipped = [(when, version) for version, when in config.releases.items() if when <= today]
    if not shipped:
        return None
    when, version = max(shipped)
    return version, when


def release_due(article: Article, config: KbConfig, today: date) -> ReleaseDue | None:
    """None when no release since its review applies; drafts, archived and evergreen articles are exempt, and
    so is one whose every version is unsupported (KB203 says so already; a review would not fix it)."""
    if not config.releases or article.evergreen or article.status in ("draft", "archived"):
        return None
    supported = config.supported_versions
    if supported and "all" not in article.versions and not any(v in supported for v in article.versions):
        return None
    found: list[ReleaseDue] = []
    after_review = [(v, d) for v, d in config.releases.items() if article.reviewed < d <= today]
    for version, when in after_review:
        if version in article.versions:
            found.append(ReleaseDue(version, when, f"lists {version}"))
    current = current_release(config, today)
    if current is not None and article.reviewed < current[1]:
        version, when = current
        if "all" in article.versions:
            found.append(ReleaseDue(version, when, f"targets all versions, and {version} is the current version"))
        dropped = [v for v in article.versions if supported and v != "all" and v not in supported]
        if dropped:
            listed = ", ".join(dropped)
            found.append(ReleaseDue(version, when, f"lists {listed}, no longer supported since that release"))
    return max(found, key=lambda due: (due.released, due.version)) if found else None
