"""A small two-language help center and the edits writers make to one, for the rebuild and serve tests."""

from __future__ import annotations

from collections.abc import Callable

from kbgen.translations.source_hash import source_hash
from tests.support.project import Site, article

BODY = "Open **Settings** and choose *Security*.\n\n## Steps\n\n1. Sign in.\n2. Open the page.\n"


def write_content(site: Site) -> None:
    site.write("en/index.md", "---\ntitle: Help\nsummary: Welcome.\n---\n")
    site.write(
        "en/billing/index.md",
        "---\ntitle: Billing and plans\nsummary: Pay and plan.\norder: 1\n---\n\n"
        "We bill monthly; see [plans](plans.md).\n",
    )
    site.write("en/billing/invoices/index.md", "---\ntitle: Invoices\n---\n")
    site.write("en/billing/pay.md", article(title="Pay by card", body=BODY, extra="summary: Card payments."))
    site.write("en/billing/plans.md", article(title="Plans", body="See [pay](pay.md).\n", extra="order: 2"))
    site.write("en/billing/invoices/read.md", article(title="Read an invoice", extra="tags: [invoice]"))
    site.write("en/billing/invoices/tax.md", article(title="Add a VAT id", extra="tags: [invoice]"))
    site.write("en/billing/refunds.md", article(title="Refund policy", extra="audience: internal"))
    site.write("en/account/reset.md", article(title="Reset your password", body=BODY))
    site.write("en/account/two-factor.md", article(title="Two-factor sign-in", extra="summary: Second step."))
    english = (site.content / "en/account/reset.md").read_text(encoding="utf-8")
    site.write(
        "tr/account/reset.md",
        article(title="Şifrenizi sıfırlayın", owner="emre.kaya", extra=f"source_hash: {_hash_of(english)}"),
    )


def _hash_of(text: str) -> str:
    return source_hash(text.split("---\n", 2)[2])


def edit(site: Site, rel: str, old: str, new: str) -> None:
    path = site.content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _move(site: Site, old: str, new: str) -> None:
    (site.content / new).parent.mkdir(parents=True, exist_ok=True)
    (site.content / old).rename(site.content / new)


EDITS: dict[str, Callable[[Site], None]] = {
    "body": lambda s: edit(s, "en/account/two-factor.md", "Open **Settings**", "Open the **Settings** page"),
    "heading": lambda s: edit(s, "en/billing/pay.md", "## Steps", "## What to do"),
    "title": lambda s: edit(s, "en/billing/pay.md", "title: Pay by card", "title: Pay with a card"),
    "summary": lambda s: edit(s, "en/billing/pay.md", "summary: Card payments.", "summary: Cards and wallets."),
    "order": lambda s: edit(s, "en/billing/plans.md", "order: 2", "order: 0"),
    "status-draft": lambda s: edit(s, "en/billing/pay.md", "summary:", "status: draft\nsummary:"),
    "audience-internal": lambda s: edit(s, "en/account/two-factor.md", "summary:", "audience: internal\nsummary:"),
    "internal-to-public": lambda s: edit(s, "en/billing/refunds.md", "audience: internal", "audience: public"),
    "reviewed-date": lambda s: edit(s, "en/billing/pay.md", "reviewed: 2026-09-01", "reviewed: 2025-01-01"),
    "tags": lambda s: edit(s, "en/billing/invoices/tax.md", "tags: [invoice]", "tags: [tax]"),
    "rename": lambda s: _move(s, "en/billing/invoices/tax.md", "en/billing/invoices/vat.md"),
    "delete": lambda s: (s.content / "en/billing/invoices/read.md").unlink(),
    "add": lambda s: s.write("en/account/sessions.md", article(title="Sign out everywhere", body=BODY)),
    "add-section": lambda s: s.write("en/security/keys.md", article(title="Security keys")),
    "section-title": lambda s: edit(s, "en/billing/index.md", "title: Billing and plans", "title: Billing"),
    "section-order": lambda s: edit(s, "en/billing/index.md", "order: 1", "order: 9"),
    # a section's summary shows on its card in the page above it, whose own source is unchanged
    "section-summary": lambda s: edit(s, "en/billing/index.md", "summary: Pay and plan.", "summary: Paying."),
    "section-interval": lambda s: edit(s, "en/billing/index.md", "order: 1", "order: 1\nreview_interval: 30d"),
    # a section's text shows on its own page only
    "section-body": lambda s: edit(s, "en/billing/index.md", "We bill monthly", "We bill every month"),
    "move-folder": lambda s: _move(s, "en/billing/invoices", "en/account/invoices"),
    "translation-edit": lambda s: edit(s, "tr/account/reset.md", "Open **Settings**", "**Ayarlar**'ı açın"),
    "translation-outdated": lambda s: edit(s, "en/account/reset.md", "1. Sign in.", "1. Sign in with SSO."),
    "translation-added": lambda s: s.write("tr/billing/pay.md", article(title="Kartla ödeyin", owner="emre.kaya")),
    "translation-deleted": lambda s: (s.content / "tr/account/reset.md").unlink(),
    "broken-front-matter": lambda s: edit(s, "en/billing/plans.md", "title: Plans", "title: [Plans"),
}
