"""A digest as Markdown, JSON and plain text ready to send as an e-mail, and the index of every digest."""

from __future__ import annotations

import json
from typing import Any

from kbgen.markdown_cells import cell, code
from kbgen.owners.digests import Digest, Digests, Item
from kbgen.wording import plural

GENERATOR = "kbgen report --by-owner"


def _one_line(text: str) -> str:
    """Header lines of a message must not break: a stray line break would start a new header."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def _address(digest: Digest) -> str:
    contact = digest.contact
    if contact is None or not contact.email:
        return ""
    name = _one_line(contact.name).replace('"', "'")
    return f'"{name}" <{_one_line(contact.email)}>' if name else _one_line(contact.email)


def subject(digests: Digests, digest: Digest) -> str:
    counts = digest.counts
    summary = (
        f"{counts['overdue']} overdue, {counts['due_soon']} due soon, {counts['broken']} broken"
        if digest.actions
        else "nothing to do"
    )
    return _one_line(f"Help-center articles for {digest.owner}, {digests.today.isoformat()}: {summary}")


def _sections(digests: Digests, digest: Digest) -> list[tuple[str, tuple[Item, ...]]]:
    return [
        ("Overdue", digest.overdue),
        (f"Due soon (within {digests.window})", digest.due_soon),
        ("Broken", digest.broken),
    ]


def _roster_note(digest: Digest) -> str:
    contact = digest.contact
    if digest.roster and contact is None:
        return f"This owner is not on the roster ({digest.roster}): fix the articles' owner or add them to it."
    if contact is not None and not contact.active:
        return f"This owner is inactive in {digest.roster}: hand these articles to an active owner."
    return ""


def as_text(digests: Digests, digest: Digest) -> str:
    """`To:` (when the roster has an e-mail address) and `Subject:` headers, a blank line, then the body."""
    out = []
    if _address(digest):
        out.append(f"To: {_address(digest)}")
    out += [f"Subject: {subject(digests, digest)}", ""]
    greeting = digest.contact.greeting if digest.contact else digest.owner
    out += [f"Hello {_one_line(greeting)},", ""]
    note = _roster_note(digest)
    if note:
        out += [note, ""]
    if not digest.actions:
        out += [f"None of your {plural(digest.articles, 'article')} needs anything today ({digests.today}).", ""]
    for title, items in _sections(digests, digest):
        if not items:
            continue
        out += [f"{title} ({len(items)}):", ""]
        for item in items:
            out.append(f"- {_one_line(item.title)} ({item.path})")
            if item.reason:
                out.append(f"  {item.reason}")
            out += [f"  {problem.code} line {problem.line}: {_one_line(problem.message)}" for problem in item.problems]
            if item.edit_url:
                out.append(f"  Edit: {item.edit_url}")
        out.append("")
    if digest.actions:
        out += ["After re-reading an article, record the review: kbgen review <path>", ""]
    out.append(f"-- {GENERATOR}, {digests.today.isoformat()}")
    return "\n".join(out) + "\n"


def as_markdown(digests: Digests, digest: Digest) -> str:
    out = [f"# {cell(digest.owner)}: help-center articles, {digests.today.isoformat()}", ""]
    contact = digest.contact
    if contact is not None:
        details = [contact.kind, *(v for v in (contact.name, contact.email, contact.chat) if v)]
        out += [cell(" · ".join(details)), ""]
        if contact.members:
            out += [f"Members: {cell(', '.join(contact.members))}", ""]
    note = _roster_note(digest)
    if note:
        out += [f"**{cell(note)}**", ""]
    for title, items in _sections(digests, digest):
        out += [f"## {title} ({len(items)})", ""]
        if not items:
            out += ["Nothing.", ""]
            continue
        for item in items:
            edit = f" · [edit]({item.edit_url})" if item.edit_url else ""
            reason = f": {cell(item.reason)}" if item.reason else ""
            out.append(f"- **{cell(item.title)}** ({code(item.path)}){reason}{edit}")
            out += [f"  - {problem.code} line {problem.line}: {cell(problem.message)}" for problem in item.problems]
        out.append("")
    return "\n".join(out)


def _digest_dict(digests: Digests, digest: Digest) -> dict[str, Any]:
    contact = digest.contact
    return {
        "owner": digest.owner,
        "file": digest.stem,
        "kind": contact.kind if contact else None,
        "name": contact.name if contact else "",
        "email": contact.email if contact else "",
        "chat": contact.chat if contact else "",
        "members": list(contact.members) if contact else [],
        "on_roster": (contact is not None) if digest.roster else None,
        "active": contact.active if contact else None,
        "articles": digest.articles,
        "counts": digest.counts,
        "subject": subject(digests, digest),
    }


def as_json(digests: Digests, digest: Digest) -> str:
    document = {
        "today": digests.today.isoformat(),
        "window": digests.window,
        **_digest_dict(digests, digest),
        "overdue": [i.as_dict() for i in digest.overdue],
        "due_soon": [i.as_dict() for i in digest.due_soon],
        "broken": [i.as_dict() for i in digest.broken],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def index_json(digests: Digests) -> str:
    document = {
        "generator": GENERATOR,
        "today": digests.today.isoformat(),
        "window": digests.window,
        "digests": [_digest_dict(digests, d) for d in digests.digests],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def index_markdown(digests: Digests) -> str:
    out = [
        f"# Review digests, {digests.today.isoformat()}",
        "",
        "| Owner | Contact | Overdue | Due soon | Broken | Digest |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for d in digests.digests:
        contact = (d.contact.email or d.contact.chat) if d.contact else ""
        if d.roster and d.contact is None:
            contact = "not on the roster"
        files = " ".join(f"[{ext}]({d.stem}.{ext})" for ext in ("md", "txt", "json"))
        counts = d.counts
        out.append(
            f"| {cell(d.owner)} | {cell(contact)} | {counts['overdue']} | {counts['due_soon']} | {counts['broken']} "
            f"| {files} |"
        )
    return "\n".join(out) + "\n"
