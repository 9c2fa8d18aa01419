"""One digest per owner or team: what is overdue, what falls due soon, and what is broken in their articles.

Built from the same judgements and findings as `kbgen report` and `kbgen check`, so a digest never tells an
owner something the other commands would not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from kbgen.config.settings import KbConfig
from kbgen.finding_formats.json_report import finding_dict
from kbgen.model import Article, Finding, Severity
from kbgen.owners.contacts import Contact
from kbgen.owners.directory import OwnerDirectory
from kbgen.owners.file_names import digest_stems
from kbgen.review.schedule import Freshness, Status, days_text, judge_all


@dataclass(frozen=True, slots=True)
class Item:
    """One article in a digest, with the reason it is there and where to edit it."""

    path: str
    title: str
    lang: str
    status: str
    reviewed: date
    reviewed_by: str
    due: date | None
    reason: str
    edit_url: str
    problems: tuple[Finding, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "title": self.title,
            "lang": self.lang,
            "status": self.status,
            "reviewed": self.reviewed.isoformat(),
            "reviewed_by": self.reviewed_by,
            "due": self.due.isoformat() if self.due else None,
            "reason": self.reason,
            "edit_url": self.edit_url,
            "problems": [finding_dict(f) for f in self.problems],
        }


@dataclass(frozen=True, slots=True)
class Digest:
    owner: str
    stem: str  # the file name without extension
    contact: Contact | None
    roster: str  # the roster or CODEOWNERS file that was checked, "" when none
    articles: int  # every article the owner has, drafts included
    overdue: tuple[Item, ...]
    due_soon: tuple[Item, ...]
    broken: tuple[Item, ...]

    @property
    def counts(self) -> dict[str, int]:
        return {"overdue": len(self.overdue), "due_soon": len(self.due_soon), "broken": len(self.broken)}

    @property
    def actions(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class Digests:
    today: date
    window: str  # the due_soon interval, as configured: "30d"
    digests: tuple[Digest, ...]


def build_digests(
    articles: Iterable[Article],
    findings: Iterable[Finding],
    config: KbConfig,
    today: date,
    directory: OwnerDirectory | None,
    edit_link: Callable[[Article], str],
) -> Digests:
    """Every owner of any article gets one digest, even with nothing to do (the index says so)."""
    errors: dict[str, list[Finding]] = {}
    for finding in findings:
        # stale articles are listed as overdue, and an unknown owner is said once at the top of the digest
        if finding.severity is Severity.ERROR and finding.rule not in ("stale", "unknown-owner"):
            errors.setdefault(finding.path, []).append(finding)
    by_owner: dict[str, list[Freshness]] = {}
    for state in judge_all(list(articles), config, today):  # most urgent first
        by_owner.setdefault(state.article.owner, []).append(state)
    stems = digest_stems(list(by_owner))
    digests = []
    for owner in sorted(by_owner):
        states = by_owner[owner]

        def item(state: Freshness, problems: tuple[Finding, ...] = ()) -> Item:
            a = state.article
            due = state.due.date if state.due else None
            reason = "" if problems else _reason(state)  # a broken article is there for its problems
            return Item(a.source.display, a.title, a.lang, str(state.status), a.reviewed, a.reviewed_by, due,
                        reason, edit_link(a), problems)  # fmt: skip

        overdue = [item(s) for s in states if s.status in (Status.STALE, Status.RELEASE_REVIEW)]
        due_soon = [item(s) for s in states if s.status is Status.DUE_SOON]
        broken = sorted(
            (item(s, tuple(errors[s.article.source.display])) for s in states if s.article.source.display in errors),
            key=lambda i: i.path,
        )
        contact = directory.find(owner) if directory is not None else None
        source = directory.source if directory is not None else ""
        digests.append(Digest(owner, stems[owner], contact, source, len(states), tuple(overdue), tuple(due_soon),
                              tuple(broken)))  # fmt: skip
    return Digests(today, str(config.due_soon), tuple(digests))


def _reason(state: Freshness) -> str:
    parts = []
    if state.due is not None and state.status in (Status.STALE, Status.DUE_SOON):
        parts.append(f"{days_text(state.days_left)}: due {state.due.date.isoformat()}")
    if state.release is not None and state.status in (Status.STALE, Status.RELEASE_REVIEW):
        parts.append(f"due after the {state.release.version} release: {state.release.describe()}")
    if state.status is Status.UNSUPPORTED:
        parts.append("every product version it targets is unsupported")
    return "; ".join(parts)
